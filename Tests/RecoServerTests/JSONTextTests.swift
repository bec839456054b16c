import Foundation
import Testing

@testable import RecoServer

@Suite("Hand-written JSON")
struct JSONTextTests {
    /// Strings that need every kind of escape, and strings that need none, read back by Foundation.
    @Test(
        "strings come back as they went in, escaped or not",
        arguments: [
            "Star Wars (1977)", "", "Amélie (2001) ★", #"say "hi""#, #"back\slash"#, "line\nbreak\r\ttab",
            "bell\u{07} and \u{1F}", "emoji 🎬 and \"all\" \\ \n at once",
        ])
    func stringsRoundTrip(value: String) throws {
        var text = JSONText()
        text.beginObject()
        text.field("title", value)
        text.field("score", Float(4.5))
        text.field("nan", Float.nan)
        text.field("count", 12)
        text.endObject()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.bytes)) as? [String: Any])
        #expect(object["title"] as? String == value)
        #expect(object["score"] as? Double == 4.5)
        #expect(object["nan"] is NSNull)
        #expect(object["count"] as? Int == 12)
    }
}
