import Foundation

/// Escaping for text and attribute values: every piece of directory text goes through here.
enum HTML {
    /// Between items on a line: a no-break space before the dot, so a line never starts with one.
    static let separator = "\u{00A0}· "

    /// Escapes text holding opening hours and keeps each time range (`14:00-15:30`) on one line.
    static func times(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let r = rest.firstRange(of: #/\d\d:\d\d-\d\d:\d\d/#) {
            out += escape(String(rest[..<r.lowerBound]))
            out += "<span class=\"t\">" + escape(String(rest[r])) + "</span>"
            rest = rest[r.upperBound...]
        }
        return out + escape(String(rest))
    }

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
