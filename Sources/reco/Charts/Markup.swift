/// Escaping for text placed in HTML or SVG, as element content or inside a quoted attribute.
enum Markup {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, so a title such as
    /// `<script>alert("x")</script>` shows as text and never becomes markup.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
