"""Loads `reco report`'s page and `reco serve`'s dashboard in headless Chromium (Playwright driving
Debian's chromium) and checks what a visitor would see.

Report: no console errors or page errors, no request leaves the file, every chart is an SVG with a
title, axes, tick labels and axis names, each drawn with a non-zero size; a hostile report (titles
with <script>) runs no script. Dashboard: no console errors; a user id typed into the box gives ten
items; "why?" gives an explanation; a film search gives matches and similar films; no admin route is
asked for before a token is typed, and after it the model's status shows. Screenshots go to --shots.

    python browser_check.py --report report.html --hostile hostile.html --dashboard http://127.0.0.1:PORT/ \
        --token-file token --user 196 --shots out/
"""

import argparse
import os
import sys

from playwright.sync_api import sync_playwright

TIMEOUT_MS = 15_000


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def watch(page):
    """Collects console errors, uncaught exceptions and every request the page makes."""
    log = {"errors": [], "requests": []}
    page.on("console", lambda message: message.type == "error" and log["errors"].append(message.text))
    page.on("pageerror", lambda error: log["errors"].append(str(error)))
    page.on("request", lambda request: log["requests"].append(request.url))
    return log


def finish(page, log, name, shots, what):
    """Fails on any console error, else saves a full-page screenshot as NAME.png and closes the page."""
    if log["errors"]:
        fail(f"{name}: console errors {log['errors']}")
    shot = os.path.join(shots, f"{name}.png")
    page.screenshot(path=shot, full_page=True)
    print(f"{name}: no console errors{what}; screenshot {shot}")
    page.close()


def check_charts(page):
    charts = page.evaluate(
        """() => [...document.querySelectorAll('figure svg')].map(svg => {
            const box = svg.getBoundingClientRect();
            const count = selector => svg.querySelectorAll(selector).length;
            const title = svg.querySelector('.chart-title');
            return {title: title ? title.textContent : '', width: box.width, height: box.height,
                    axes: count('.axis'), ticks: count('.tick-label'), names: count('.axis-label'),
                    marks: count('.bar, .series, circle')};
        })"""
    )
    if len(charts) < 8:
        fail(f"report: expected at least 8 charts, found {len(charts)}")
    for chart in charts:
        if chart["width"] < 100 or chart["height"] < 100:
            fail(f"report: chart '{chart['title']}' drawn at {chart['width']}x{chart['height']}")
        if chart["axes"] < 2 or chart["ticks"] < 3 or chart["names"] < 2 or not chart["title"] or chart["marks"] < 1:
            fail(f"report: chart '{chart['title']}' lacks axes, ticks, axis names or marks: {chart}")
    print(f"report: {len(charts)} charts, each with a title, 2 axes, tick labels, axis names and marks:")
    for chart in charts:
        print(f"  {chart['title']}: {chart['ticks']} tick labels, {chart['marks']} marks")


def check_report(browser, path, shots):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    log = watch(page)
    url = "file://" + os.path.abspath(path)
    page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    check_charts(page)
    outside = [request for request in log["requests"] if not request.startswith("file://") and not request.startswith("data:")]
    if outside:
        fail(f"report: the page fetched {outside}")
    finish(page, log, "report", shots, ", nothing fetched")


def check_hostile(browser, path):
    page = browser.new_page()
    log = watch(page)
    page.goto("file://" + os.path.abspath(path), wait_until="load", timeout=TIMEOUT_MS)
    if page.evaluate("() => window.recoPwned === true") or page.query_selector("script") is not None:
        fail("hostile report: a title became a script")
    shown = page.evaluate("() => document.body.innerText")
    if "<script>" not in shown:
        fail("hostile report: the hostile title is not shown as text")
    if log["errors"]:
        fail(f"hostile report: console errors {log['errors']}")
    print("hostile report: the <script> title shows as text and no script runs")
    page.close()


def check_dashboard(browser, url, token, user, shots):
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    log = watch(page)
    page.goto(url, wait_until="networkidle", timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.getElementById('readiness').textContent.startsWith('Ready')", timeout=TIMEOUT_MS)
    page.fill("#user-id", user)
    page.click("#user-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#recommendations li').length > 0", timeout=TIMEOUT_MS)
    items = page.eval_on_selector_all("#recommendations li > span:first-child", "nodes => nodes.map(n => n.textContent)")
    if len(items) != 10:
        fail(f"dashboard: user {user} got {len(items)} items, expected 10")
    print(f"dashboard: user {user} answered with 10 items: {items[:3]} …")
    page.click("#recommendations li:first-child button")
    page.wait_for_selector("#explanation table.terms tr", timeout=TIMEOUT_MS)
    terms = page.eval_on_selector_all("#explanation table.terms tr", "rows => rows.length")
    print(f"dashboard: why? for the first item: {terms} rows (terms and the score)")
    page.fill("#item-search", "star wars")
    page.click("#item-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#similar li').length >= 10", timeout=TIMEOUT_MS)
    similar = page.eval_on_selector_all("#similar li > span:first-child", "nodes => nodes.map(n => n.textContent)")
    print(f"dashboard: films like Star Wars: {similar[:3]} …")
    admin = [request for request in log["requests"] if "/v1/admin/" in request]
    if admin:
        fail(f"dashboard: asked for {admin} before a token was typed")
    page.fill("#token", token)
    page.click("#token-form button[type=submit]")
    page.wait_for_function("() => !document.getElementById('status').hidden", timeout=TIMEOUT_MS)
    status = page.eval_on_selector_all("#status dt", "nodes => nodes.map(n => n.textContent)")
    print(f"dashboard: with the token, the status shows {', '.join(status)}")
    finish(page, log, "dashboard", shots, "")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", required=True)
    parser.add_argument("--hostile", required=True)
    parser.add_argument("--dashboard", required=True)
    parser.add_argument("--token-file", required=True)
    parser.add_argument("--user", default="196")
    parser.add_argument("--shots", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    arguments = parser.parse_args()
    os.makedirs(arguments.shots, exist_ok=True)
    token = open(arguments.token_file).read().strip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=arguments.chromium, args=["--no-sandbox", "--disable-gpu"], timeout=TIMEOUT_MS
        )
        try:
            check_report(browser, arguments.report, arguments.shots)
            check_hostile(browser, arguments.hostile)
            check_dashboard(browser, arguments.dashboard, token, arguments.user, arguments.shots)
        finally:
            browser.close()
    print("browser check passed")


if __name__ == "__main__":
    main()
