import Foundation

/// Language names and codes, so that `pl`, `pol`, `Polish` and `polski` all mean Polish.
public enum Languages {
    private static let table: [(name: String, keys: [String])] = [
        ("English", ["en", "eng", "english"]), ("Polish", ["pl", "pol", "polish", "polski"]),
        ("Urdu", ["ur", "urd", "urdu", "اردو"]), ("Arabic", ["ar", "ara", "arabic", "العربية"]),
        ("Punjabi", ["pa", "pan", "punjabi", "panjabi"]), ("Bengali", ["bn", "ben", "bengali", "bangla"]),
        ("Romanian", ["ro", "ron", "rum", "romanian"]), ("Czech", ["cs", "ces", "cze", "czech"]),
        ("Slovak", ["sk", "slk", "slo", "slovak"]), ("Kurdish", ["ku", "kur", "ckb", "kurdish", "kurdish (sorani)", "sorani"]),
        ("Farsi", ["fa", "fas", "per", "farsi", "persian"]), ("Tigrinya", ["ti", "tir", "tigrinya"]),
        ("Somali", ["so", "som", "somali"]), ("Chinese", ["zh", "zho", "chi", "chinese", "mandarin", "cantonese", "chinese (simplified)", "中文"]),
        ("Portuguese", ["pt", "por", "portuguese"]), ("French", ["fr", "fra", "fre", "french"]),
        ("Lithuanian", ["lt", "lit", "lithuanian"]), ("Ukrainian", ["uk", "ukr", "ukrainian"]),
        ("Russian", ["ru", "rus", "russian"]), ("Spanish", ["es", "spa", "spanish"]),
        ("Hindi", ["hi", "hin", "hindi"]), ("Gujarati", ["gu", "guj", "gujarati"]),
        ("Turkish", ["tr", "tur", "turkish"]), ("Amharic", ["am", "amh", "amharic"]),
        ("Pashto", ["ps", "pus", "pashto"]), ("Dari", ["prs", "dari"]), ("Italian", ["it", "ita", "italian"]),
        ("German", ["de", "deu", "ger", "german"]), ("Latvian", ["lv", "lav", "latvian"]),
        ("Hungarian", ["hu", "hun", "hungarian"]), ("Bulgarian", ["bg", "bul", "bulgarian"]),
        ("Tamil", ["ta", "tam", "tamil"]), ("Swahili", ["sw", "swa", "swahili"]), ("Haitian Creole", ["ht", "hat", "haitian creole", "creole", "kreyol"]),
        ("British Sign Language", ["bsl", "sgn", "british sign language", "sign language"]), ("Welsh", ["cy", "cym", "wel", "welsh"]),
        ("Vietnamese", ["vi", "vie", "vietnamese"]), ("Tagalog", ["tl", "tgl", "tagalog", "filipino"]),
        ("Albanian", ["sq", "sqi", "alb", "albanian"]), ("Greek", ["el", "ell", "gre", "greek"]),
    ]

    private static let byKey: [String: String] = {
        var d: [String: String] = [:]
        for (name, keys) in table { for k in keys { d[k] = name } }
        return d
    }()

    /// The English names of every language ICU knows (lower-cased), by name, by ISO 639 code, and by
    /// its own name for itself (`español`, `français`, `română`: `--language Español` was "offered by no
    /// service" while 40 listed Spanish).
    private static let worldNames: [String: String] = {
        let english = Locale(identifier: "en_GB")
        var d: [String: String] = [:]
        var own: [(String, String)] = []
        for code in Locale.LanguageCode.isoLanguageCodes {
            guard let name = english.localizedString(forLanguageCode: code.identifier), !name.isEmpty else { continue }
            d[name.lowercased()] = name
            d[code.identifier.lowercased()] = name
            if let native = Locale(identifier: code.identifier).localizedString(forLanguageCode: code.identifier), !native.isEmpty {
                own.append((native.lowercased(), name))
            }
        }
        // (An English name or a code wins where a language's own name is spelt the same.)
        for (native, name) in own where d[native] == nil { d[native] = name }
        return d
    }()

    /// The English name of a language a question names by a word (`arabic`, `polski`), not by a
    /// code (`pl` and `ar` are words too); nil for other words and for English (every service's).
    static func namedInQuestion(_ word: String) -> String? {
        guard word.utf8.count >= 4 || word == "bsl", let name = byKey[word], name != "English" else { return nil }
        return name
    }

    /// Whether a language is known by that name or code (`pl`, `polski`, `Yoruba`; not `Frnech`).
    public static func isKnown(_ raw: String) -> Bool {
        let k = raw.lowercased().trimmed
        return byKey[k] != nil || worldNames[k] != nil
    }

    /// The language a misspelt name most likely means (`Frnech` → French), when one is close.
    public static func suggestion(for raw: String) -> String? {
        let k = raw.lowercased().trimmed
        guard k.count >= 4 else { return nil }
        let limit = k.count >= 7 ? 2 : 1
        // The languages of the table first (the ones a directory here uses), then the rest.
        let local = table.lazy.flatMap { entry in entry.keys.lazy.filter { $0.count >= 4 }.map { (key: $0, value: entry.name) } }
        return EditDistance.nearest(k, among: local, limit: { _ in limit })
            ?? EditDistance.nearest(k, among: worldNames.sorted(by: { $0.key < $1.key }).lazy.filter { $0.key.count >= 4 }.map { (key: $0.key, value: $0.value) },
                                    limit: { _ in limit })
    }

    /// The languages a cell or field lists: `;` as documented, and `,` as people also write (`English,
    /// Urdu` was one language of that name), but never inside brackets (`Chinese (Mandarin, Cantonese)`);
    /// each by its English name, once.
    public static func listed(in text: String) -> [String] {
        var names: [String] = []
        var depth = 0
        for part in text.split(whereSeparator: { c in
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
            return (c == ";" || c == ",") && depth == 0
        }) {
            let name = englishName(part.trimmingCharacters(in: .whitespaces))
            if !name.isEmpty && !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The English name of a language given by name or ISO 639 code; unknown names are returned
    /// as written (title-cased).
    public static func englishName(_ raw: String) -> String {
        let k = raw.lowercased().trimmed
        if let n = byKey[k] { return n }
        // Any other language ICU knows, by code or name (`yo` is Yoruba: it was kept as "Yo", which
        // the check called known and `--language Yoruba` did not find).
        if let n = worldNames[k] { return n }
        return raw.prefix(1).uppercased() + raw.dropFirst()
    }
}
