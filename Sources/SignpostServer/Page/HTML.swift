import Foundation

/// Escaping for text and attribute values: every piece of directory text goes through here.
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters (other than tab and newline) have no place in a page.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// A query string value.
    static func urlEncode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A `tel:` link target: digits and a leading +.
    static func tel(_ s: String) -> String {
        let digits = s.filter { $0.isNumber || $0 == "+" }
        return "tel:" + digits
    }

    /// Only http(s) links are made into links (no `javascript:` from a directory file).
    static func safeURL(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespaces)
        let lower = t.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        return t
    }
}
