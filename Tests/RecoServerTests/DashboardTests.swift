import Foundation
import Hummingbird
import HummingbirdTesting
import Reco
import RecoServer
import RecoTestSupport
import Testing

/// `GET /` is the dashboard, which holds no secret, and `GET /v1/items` is the catalog search it
/// picks films with. (That the page works in a browser is `Benchmarks/browser.sh`.)
@Suite("Dashboard and catalog")
struct DashboardTests {
    @Test("GET / is an HTML page that reads the API, fetches nothing from elsewhere and holds no token")
    func dashboard() async throws {
        let token = "a-token-the-page-must-not-hold"
        let harness = try await ServerHarness.sample(kind: .popularity, parameters: [:], token: token)
        try await harness.run { client in
            let page = try await client.get("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("connect-src 'self'") == true)
            let html = page.text
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            for id in ["user-form", "recommendations", "item-form", "similar", "token-form", "status"] {
                #expect(html.contains("id=\"\(id)\""), "the page has #\(id)")
            }
            for route in ["/readyz", "/v1/admin/status", "/recommendations", "/similar", "/v1/items?", "/explanation"] {
                #expect(html.contains(route), "the page reads \(route)")
            }
            #expect(!html.contains(token))
            #expect(!html.contains("http://") && !html.contains("https://"), "nothing from elsewhere")
            // Served data is put into the page with textContent, never as markup.
            #expect(!html.contains("innerHTML"))
            // The page is public; the status it shows after a token is typed is not.
            #expect(try await client.get("/v1/admin/status").status == .unauthorized)
        }
    }

    @Test("GET /v1/items finds items by title or id in any case, most rated first, and counts every match")
    func catalog() async throws {
        let harness = try await ServerHarness.sample(kind: .popularity, parameters: [:])
        let saved = harness.service.live.model.saved
        let training = saved.training
        let needle = String(saved.itemTitles[5].prefix(4))
        let expected = (0..<training.itemCount).filter {
            saved.itemTitles[$0].lowercased().contains(needle.lowercased())
                || training.itemIDs.id(at: $0).lowercased().contains(needle.lowercased())
        }
        try await harness.run { client in
            let query = needle.uppercased().addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await client.get("/v1/items?search=\(query)&count=1000")
            #expect(response.status == .ok)
            #expect(response.object["matches"] as? Int == expected.count)
            #expect(response.object["search"] as? String == needle.uppercased())
            let items = response.object["items"] as? [[String: Any]] ?? []
            #expect(Set(items.compactMap { $0["id"] as? String }) == Set(expected.map { training.itemIDs.id(at: $0) }))
            let counts = items.compactMap { $0["ratings"] as? Int }
            #expect(counts.count == items.count && counts == counts.sorted(by: >))
            for item in items {
                let index = try #require(training.itemIDs.index(of: item["id"] as? String ?? ""))
                #expect(item["title"] as? String == saved.itemTitles[index])
                #expect(item["ratings"] as? Int == training.ratingCount(ofItem: index))
            }

            let everything = try await client.get("/v1/items?count=3")
            #expect(everything.object["matches"] as? Int == training.itemCount)
            let mostRated = (0..<training.itemCount).max {
                training.ratingCount(ofItem: $0) < training.ratingCount(ofItem: $1)
            }!
            let top = (everything.object["items"] as? [[String: Any]] ?? []).compactMap { $0["ratings"] as? Int }
            #expect(top.count == 3 && top.first == training.ratingCount(ofItem: mostRated))

            let none = try await client.get("/v1/items?search=no-such-title-anywhere")
            #expect(none.status == .ok && none.object["matches"] as? Int == 0)
            let bad = try await client.get("/v1/items?count=0")
            #expect(bad.status == .badRequest && bad.object["error"] as? String == "invalid_parameter")
        }
    }
}
