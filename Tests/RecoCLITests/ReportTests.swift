import ArgumentParser
import Foundation
import Reco
import RecoTestSupport
import Testing

@testable import reco

/// `reco report` and the SVG charts it shares with `reco plot`: scales, escaping, and a page that
/// stays text whatever the data's titles hold.
@Suite("Report and charts")
struct ReportTests {
    @Test("markup characters become entities, everything else stays")
    func escaping() {
        #expect(
            Markup.escape(#"<script>alert("x")</script> & 'Amélie' 東京"#)
                == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Amélie&#39; 東京")
        #expect(Markup.escape("plain") == "plain")
    }

    @Test("linear ticks are 1, 2 or 5 × 10ⁿ inside the axis; log ticks are its powers of ten")
    func scales() {
        let linear = ChartScale.linear(covering: [0.8976, 0.9436])
        let ticks = linear.ticks()
        #expect(ticks.count >= 3 && ticks.count <= 12)
        #expect(ticks.allSatisfy { $0 >= linear.low - 1e-9 && $0 <= linear.high + 1e-9 })
        let step = ticks[1] - ticks[0]
        #expect([0.001, 0.002, 0.005, 0.01, 0.02].contains { abs($0 - step) < 1e-9 })
        #expect(linear.label(ticks[0], among: ticks).split(separator: ".").last?.count == 2 || step < 0.01)
        #expect(linear.fraction(linear.low) == 0 && abs(linear.fraction(linear.high) - 1) < 1e-12)

        let counts = ChartScale.linear(covering: [0, 34174], fromZero: true)
        #expect(counts.low == 0 && counts.ticks().first == 0)

        let log = ChartScale.logarithmic(covering: [1, 583])
        #expect(log.low == 1 && log.high == 1000)
        #expect(log.ticks() == [1, 10, 100, 1000])
        #expect(log.ticks().map { log.label($0, among: log.ticks()) } == ["1", "10", "100", "1k"])
        #expect(abs(log.fraction(10) - 1.0 / 3) < 1e-12 && log.fraction(0) == 0)
    }

    @Test("charts have a title, two axes, tick labels, axis names and marks; their texts are escaped")
    func charts() {
        let bars = BarChart(
            title: "RMSE <by> model", xLabel: "model", yLabel: "RMSE",
            bars: [
                .init(label: "a&b", value: 0.9, spread: 0.01, observations: [0.89, 0.91]),
                .init(label: "c", value: 0.95),
            ],
            style: .dots
        ).render()
        let line = LineChart(
            title: "curve", xLabel: "epoch", yLabel: "loss",
            series: [
                .init(name: "x<y", points: [(1, 3), (2, 2), (3, .nan), (4, 1)]), .init(name: "z", points: [(1, 1)]),
            ]
        ).render()
        for svg in [bars, line] {
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.components(separatedBy: "class=\"axis\"").count - 1 == 2)
            #expect(svg.components(separatedBy: "class=\"tick-label\"").count - 1 >= 3)
            #expect(svg.components(separatedBy: "class=\"axis-label\"").count - 1 == 2)
            #expect(svg.contains("class=\"chart-title\""))
        }
        #expect(bars.contains("RMSE &lt;by&gt; model") && bars.contains("a&amp;b") && !bars.contains("<by>"))
        #expect(line.contains("x&lt;y") && line.contains("class=\"legend\""))
        // The NaN point is left out of the line, not drawn at a made-up place.
        let points = line.components(separatedBy: "points=\"")[1].prefix { $0 != "\"" }
        #expect(points.split(separator: " ").count == 3)
        #expect(!line.contains("nan,") && !line.contains(",nan") && !line.contains(">nan<"))
    }

    /// A RecBole folder of planted ratings whose titles are markup.
    static func hostileFolder() throws -> String {
        let folder = Fixtures.temporaryFolder() + "/hostile"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let ratings = Fixtures.plantedLowRank(users: 60, items: 40, rank: 3, density: 0.4, seed: 7)
        var inter = "user_id:token\titem_id:token\trating:float\n"
        for user in 0..<ratings.userCount {
            for position in ratings.userRange(user) {
                let item = ratings.itemIDs.id(at: Int(ratings.userItems[position]))
                inter += "\(ratings.userIDs.id(at: user))\t\(item)\t\(ratings.userRatings[position])\n"
            }
        }
        var items = "item_id:token\tmovie_title:token_seq\n"
        for item in 0..<ratings.itemCount {
            items +=
                "\(ratings.itemIDs.id(at: item))\t<script>window.recoPwned=true</script> & \"Film\" <b>\(item)</b>\n"
        }
        _ = Fixtures.file("hostile.inter", inter, in: folder)
        _ = Fixtures.file("hostile.item", items, in: folder)
        return folder
    }

    @Test("reco report writes one page with every section, and titles with <script> stay text", .timeLimit(.minutes(2)))
    func hostileTitles() throws {
        let folder = try Self.hostileFolder()
        let out = Fixtures.temporaryFolder() + "/report.html"
        let command = try #require(
            try RecoCommand.parseAsRoot([
                "report", "--data", folder, "--models", "baseline,biased-mf,popularity", "--folds", "3", "--out", out,
                "--quiet",
            ]) as? ReportCommand)
        try command.run()
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!html.contains("<script"), "the report has no script, and no title became one")
        #expect(!html.contains("<b>1</b>"), "a title's markup stays text")
        #expect(html.contains("&lt;script&gt;window.recoPwned=true&lt;/script&gt; &amp; &quot;Film&quot; &lt;b&gt;"))
        for section in ["dataset", "models", "cold-start", "curves", "method"] {
            #expect(html.contains("<section id=\"\(section)\">"), "section \(section)")
        }
        #expect(html.contains("Models compared on the same 3 folds"))
        #expect(html.components(separatedBy: "<svg ").count == html.components(separatedBy: "</svg>").count)
        #expect(html.components(separatedBy: "<svg ").count - 1 >= 8)
        // popularity ranks only: its rating columns are dashes, its NDCG a number.
        let popularityRow = try #require(html.components(separatedBy: "<tr><td>popularity</td>").dropFirst().first)
        #expect(popularityRow.hasPrefix("<td class=\"number\">—</td><td class=\"number\">—</td><td"))
        #expect(html.contains("Training loss, relative to the first epoch"), "biased-mf's learning curve")
        #expect(html.utf8.count < 2 * 1024 * 1024)
    }

    @Test("reco report refuses --models with --preset, one fold, and an unknown model before reading data")
    func refusals() throws {
        func message(_ arguments: [String]) -> String {
            do {
                var command = try RecoCommand.parseAsRoot(arguments)
                try command.run()
                return ""
            } catch {
                return RecoCommand.message(for: error)
            }
        }
        #expect(message(["report", "--data", "x", "--models", "baseline", "--preset", "best"]).contains("not both"))
        #expect(message(["report", "--data", "x", "--folds", "1"]).contains("--folds must be at least 2"))
        #expect(
            message(["report", "--data", "/nonexistent", "--models", "baseline,nosuchmodel"]).contains("nosuchmodel"))
    }
}
