import Hummingbird
import NIOCore

/// `GET /`: the service's dashboard, one HTML page with its CSS and script inline (nothing fetched
/// from elsewhere), reading the JSON API the service already has.
///
/// The page holds no secret: the public routes answer without a token, and the model's details and
/// ratings (`/v1/admin/status`) appear only after the visitor types the token, which the page keeps
/// in the tab's session storage and sends as `Authorization: Bearer`.
enum DashboardPage {
    static var response: Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'",
                .cacheControl: "no-cache",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static let html = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Reco</title>
        <link rel="icon" href="data:,">
        <style>
        body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;color:#222}
        h1{margin:0 0 .3em}h2{font-size:1.1em;margin:.2em 0 .6em}.muted{color:#666;font-size:.9em}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1em}
        section{border:1px solid #ddd;border-radius:6px;padding:.8em 1em}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0}dt{color:#555}dd{margin:0}
        input{padding:.35em;font-size:1em;border:1px solid #bbb;border-radius:4px}button{padding:.35em .8em;font-size:1em;cursor:pointer}
        ol{padding-left:1.6em;margin:.5em 0}li{margin:.25em 0}.score{color:#555;font-variant-numeric:tabular-nums;font-size:.9em}
        .reason{color:#666;font-size:.85em;display:block}.error{color:#b00020}li button{font-size:.8em;padding:.1em .5em;margin-left:.4em}
        .terms td{padding:.1em .6em;font-size:.9em}.terms td.number{text-align:right;font-variant-numeric:tabular-nums}
        </style>
        </head>
        <body>
        <header><h1>Reco</h1><p class="muted">The service's model, its ratings and its answers, read from the JSON API (<a href="/openapi.yaml">openapi.yaml</a>).</p></header>
        <div class="grid">
        <section id="model-panel">
        <h2>Model</h2>
        <p id="readiness" class="muted">Asking /readyz…</p>
        <dl id="status" hidden></dl>
        <form id="token-form">
        <p class="muted" id="token-help">The model's details and the ratings stored need the service's token (they come from <code>/v1/admin/status</code>).</p>
        <input id="token" type="password" autocomplete="off" placeholder="token" aria-label="service token">
        <button type="submit">Use token</button> <button type="button" id="forget-token" hidden>Forget it</button>
        </form>
        </section>
        <section id="user-panel">
        <h2>Recommendations for a user</h2>
        <form id="user-form">
        <input id="user-id" placeholder="user id, e.g. 196" aria-label="user id" required>
        <input id="user-count" type="number" min="1" max="100" value="10" aria-label="how many" style="width:4.5em">
        <button type="submit">Recommend</button>
        </form>
        <p id="user-message" class="muted"></p>
        <ol id="recommendations"></ol>
        <div id="explanation"></div>
        </section>
        <section id="item-panel">
        <h2>Similar films</h2>
        <form id="item-form">
        <input id="item-search" placeholder="title or id, e.g. star wars" aria-label="film title or id" required>
        <button type="submit">Find</button>
        </form>
        <p id="item-message" class="muted"></p>
        <ol id="matches"></ol>
        <h2 id="similar-heading" hidden></h2>
        <ol id="similar"></ol>
        </section>
        </div>
        <script>
        "use strict";
        const $ = (id) => document.getElementById(id);
        const tokenKey = "reco-token";
        function headers(withToken) {
          const token = sessionStorage.getItem(tokenKey);
          return withToken && token ? { Authorization: "Bearer " + token } : {};
        }
        async function api(path, withToken) {
          const response = await fetch(path, { headers: headers(withToken) });
          let body = null;
          try { body = await response.json(); } catch (_) { body = null; }
          if (!response.ok) {
            const detail = body && body.detail ? body.detail : response.status + " " + response.statusText;
            const error = new Error(detail);
            error.status = response.status;
            throw error;
          }
          return body;
        }
        function element(tag, text, className) {
          const node = document.createElement(tag);
          if (text !== undefined && text !== null) node.textContent = text;
          if (className) node.className = className;
          return node;
        }
        function number(value, digits) { return value === null || value === undefined ? "—" : Number(value).toFixed(digits); }
        function showError(target, error) { target.textContent = error.message; target.className = "error"; }
        function showNote(target, text) { target.textContent = text; target.className = "muted"; }

        async function loadModel() {
          try {
            const ready = await api("/readyz", false);
            showNote($("readiness"), "Ready: model version " + ready.model_version + ".");
          } catch (error) { showError($("readiness"), error); }
          const list = $("status");
          list.replaceChildren();
          if (!sessionStorage.getItem(tokenKey)) { list.hidden = true; $("forget-token").hidden = true; return; }
          try {
            const status = await api("/v1/admin/status", true);
            const rows = [
              ["kind", status.model.kind], ["version", status.model.version],
              ["trained at", status.model.trained_at || "—"], ["users", status.model.users],
              ["items", status.model.items], ["training ratings", status.model.training_ratings],
              ["ratings stored", status.ratings.database], ["since the last retrain", status.ratings.since_retrain],
              ["retraining", status.retrain.state + (status.retrain.since ? " since " + status.retrain.since : "")],
              ["retrains completed", status.retrain.completed],
              ["last retrain took", status.retrain.last_seconds === undefined || status.retrain.last_seconds === null ? "—" : number(status.retrain.last_seconds, 1) + " s"],
            ];
            if (status.retrain.error) rows.push(["last error", status.retrain.error]);
            for (const [name, value] of rows) { list.append(element("dt", name), element("dd", String(value))); }
            list.hidden = false;
            $("forget-token").hidden = false;
            showNote($("token-help"), "Token accepted.");
          } catch (error) {
            list.hidden = true;
            showError($("token-help"), error.status === 401 ? new Error("The service refused that token.") : error);
          }
        }

        async function explain(user, item, title) {
          const target = $("explanation");
          target.replaceChildren(element("h2", "Why " + (title || item) + "?"));
          try {
            const explanation = await api("/v1/users/" + encodeURIComponent(user) + "/items/" + encodeURIComponent(item) + "/explanation?top=6", false);
            const table = element("table", null, "terms");
            for (const term of explanation.terms) {
              const row = element("tr");
              row.append(element("td", term.label), element("td", number(term.contribution, 3), "number"));
              table.append(row);
            }
            const total = element("tr");
            total.append(element("td", "score"), element("td", number(explanation.score, 3), "number"));
            table.append(total);
            target.append(table);
          } catch (error) { const p = element("p"); showError(p, error); target.append(p); }
        }

        async function recommend(event) {
          event.preventDefault();
          const user = $("user-id").value.trim();
          const count = $("user-count").value || "10";
          const list = $("recommendations");
          list.replaceChildren();
          $("explanation").replaceChildren();
          showNote($("user-message"), "Asking…");
          try {
            const answer = await api("/v1/users/" + encodeURIComponent(user) + "/recommendations?explain=true&count=" + encodeURIComponent(count), false);
            showNote($("user-message"), answer.items.length + " items for user " + answer.user + " (" + answer.source + ", model version " + answer.model_version + ")");
            for (const item of answer.items) {
              const entry = element("li");
              entry.append(element("span", item.title || item.id));
              entry.append(" ", element("span", (item.rating !== undefined ? "★ " + number(item.rating, 2) + " · " : "") + "score " + number(item.score, 3), "score"));
              const why = element("button", "why?");
              why.type = "button";
              why.addEventListener("click", () => explain(answer.user, item.id, item.title));
              entry.append(why);
              if (item.reasons && item.reasons.length) {
                entry.append(element("span", item.reasons.map((reason) => reason.label).join(" · "), "reason"));
              }
              list.append(entry);
            }
          } catch (error) { showError($("user-message"), error); }
        }

        async function similar(item, title) {
          const list = $("similar");
          list.replaceChildren();
          $("similar-heading").hidden = false;
          $("similar-heading").textContent = "Like " + (title || item);
          try {
            const answer = await api("/v1/items/" + encodeURIComponent(item) + "/similar?count=10", false);
            for (const other of answer.items) {
              const entry = element("li");
              entry.append(element("span", other.title || other.id), " ", element("span", "similarity " + number(other.score, 3), "score"));
              list.append(entry);
            }
          } catch (error) { const entry = element("li"); showError(entry, error); list.append(entry); }
        }

        async function find(event) {
          event.preventDefault();
          const search = $("item-search").value.trim();
          const list = $("matches");
          list.replaceChildren();
          showNote($("item-message"), "Searching…");
          try {
            const answer = await api("/v1/items?count=10&search=" + encodeURIComponent(search), false);
            showNote($("item-message"), answer.matches + (answer.matches === 1 ? " film matches" : " films match") + "; pick one:");
            for (const item of answer.items) {
              const entry = element("li");
              const pick = element("button", item.title || item.id);
              pick.type = "button";
              pick.addEventListener("click", () => similar(item.id, item.title));
              entry.append(pick, " ", element("span", item.ratings + " ratings", "score"));
              list.append(entry);
            }
            if (answer.items.length === 1) similar(answer.items[0].id, answer.items[0].title);
          } catch (error) { showError($("item-message"), error); }
        }

        $("token-form").addEventListener("submit", (event) => {
          event.preventDefault();
          const token = $("token").value.trim();
          if (token) sessionStorage.setItem(tokenKey, token);
          $("token").value = "";
          loadModel();
        });
        $("forget-token").addEventListener("click", () => { sessionStorage.removeItem(tokenKey); showNote($("token-help"), "Token forgotten."); loadModel(); });
        $("user-form").addEventListener("submit", recommend);
        $("item-form").addEventListener("submit", find);
        loadModel();
        </script>
        </body>
        </html>

        """#
}
