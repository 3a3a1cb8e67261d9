import Foundation
@preconcurrency import Rainbow
import Signpost

/// Search results for a worker reading a terminal: what was understood, then each service with
/// where, when, how to get there and a short description with the matched words highlighted.
struct HumanOutput {
    let zone: CivilTimeZone
    let width: Int
    let explain: Bool
    let analyzer: Analyzer

    /// - Parameter filters: the options given besides the words, shown with what was understood
    ///   (`--category warm-space --open-now` showed only "open now").
    func render(_ r: SearchResponse, offset: Int, filters: SearchFilters = SearchFilters()) -> String {
        // The question, and notices that quote it, are shown with control characters escaped.
        var understood = r.intent.summary
        if !filters.isEmpty { understood = (understood == "everything" ? "" : understood + " · ") + "filters: " + filters.summary }
        // Lines about the question wrap at the width as the results do (one ran to 138 columns).
        func paragraph(_ text: String) -> String { String(Terminal.wrap(text, width: width, indent: "  ").dropFirst(2)) + "\n" }
        var out = paragraph("Understood: ".bold + understood.printable())
        if !r.intent.corrections.isEmpty {
            out += paragraph("Spelling: " + r.intent.corrections.map { "\($0.from) → \($0.to)" }.joined(separator: ", "))
        }
        if !r.intent.unmatchedWords.isEmpty {
            out += paragraph("Not found in the directory: " + r.intent.unmatchedWords.joined(separator: ", "))
        }
        let strict = r.results.filter { $0.relaxation == nil }
        // Notices other than the headings of relaxed results (printed with them below): a time that
        // cannot be, a question cut short, a filter nothing has. They were shown only when nothing matched.
        let (above, nothingMatched) = r.noticesToShow
        for notice in above { out += paragraph(notice.printable()) }
        if let nothingMatched {
            out += paragraph(nothingMatched.printable())
        } else {
            let shown = strict.count
            out += (r.totalIsExact ? "" : "At least ") + "\(r.totalMatches) service\(r.totalMatches == 1 ? "" : "s") found"
            if shown == 0 {
                // Past the end (`--offset 99999` said "showing 100000-99999"), or `--limit 0`.
                out += offset >= r.totalMatches ? "; none from --offset \(offset) on" : "; none shown (--limit 0)"
            } else if shown < r.totalMatches || !r.totalIsExact {
                // The hint only while there are more (`--offset 145` of 150 said to use --offset for more).
                // A total that is a lower bound may have more after it (as the web page's "Next" says):
                // `--ward Armley` in a national directory said "At least 10 services found." and no more.
                out += "; showing \(offset + 1)-\(offset + shown)" + (offset + shown < r.totalMatches || !r.totalIsExact ? " (use --limit and --offset for more)" : "")
            }
            out += ".\n"
        }
        var n = offset
        var lastRelaxation: Relaxation?? = .none
        for result in r.results {
            if result.relaxation != nil, lastRelaxation != .some(result.relaxation) {
                out += "\n" + paragraph((r.relaxationHeading ?? "Nearby:").printable()).yellow
            }
            lastRelaxation = .some(result.relaxation)
            n += 1
            out += "\n" + entry(result, number: n, wallNow: r.wallNow, placeWards: r.placeWards)
        }
        return out
    }

    /// - Parameter placeWards: the wards asked for; a service at several sites shows the one there first.
    private func entry(_ r: SearchResult, number: Int, wallNow: Int64, placeWards: [String]) -> String {
        let s = r.service
        var lines: [String] = []
        // Text from the directory is shown with its control characters escaped: a description holding
        // terminal escapes must not recolour, move or clear the worker's terminal.
        func p(_ text: String) -> String { text.printable() }
        let head = p(s.name).bold + (s.organisation.map { " — " + p($0.name) } ?? "")
        let wrapped = Terminal.wrap(head, width: width, indent: "     ")
        lines.append("\(number).".leftPadded(4) + " " + wrapped.dropFirst(5))
        let indent = "     "
        if let l = s.location(preferring: placeWards) {
            var whereLine = p([l.ward, l.displayAddress].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))
            if s.locations.count > 1 { whereLine += " (+\(s.locations.count - 1) more)" }
            lines.append(Terminal.wrap(whereLine, width: width, indent: indent))
        } else {
            let areas = p(s.serviceAreas.map { $0.ward ?? $0.name }.joined(separator: ", "))
            lines.append(indent + (areas.isEmpty ? "No address given" : "Serves " + areas))
        }
        if r.placeMatch != .none && r.placeMatch != .located && r.placeMatch != .inDistrict {
            lines.append(indent + "(" + r.placeMatch.label + ")".dim)
        }
        let status = s.hoursStatus(atWallMinute: wallNow)
        let statusText = status.isOpenNow ? status.label.green : status.label
        var when = statusText
        if !status.byAppointment && !status.weekly.isEmpty && status.weekly != status.label { when += "  (" + status.weekly + ")" }
        lines.append(Terminal.wrap(when, width: width, indent: indent))
        for closure in status.closures { lines.append(Terminal.wrap(closure.yellow, width: width, indent: indent)) }
        var contact: [String] = []
        if let phone = s.phones.first { contact.append("Phone " + p(phone)) }
        if let e = s.email { contact.append(p(e)) }
        if let u = s.url { contact.append(p(u)) }
        if !contact.isEmpty { lines.append(Terminal.wrap(contact.joined(separator: " · "), width: width, indent: indent)) }
        var access = s.referral.label
        if let a = s.applicationProcess, !a.isEmpty { access += ": " + p(a) }
        if let f = s.fees, !f.isEmpty { access += " · " + p(f) }
        lines.append(Terminal.wrap(access, width: width, indent: indent))
        // Who it is for (it was never shown: a drop-in for one ward's residents came first city-wide).
        if let who = s.whoFor { lines.append(Terminal.wrap("For: " + p(Self.shorten(who, to: 160)), width: width, indent: indent)) }
        // How fresh the entry is (a worker could not tell a listing checked last month from one of 2019).
        if let f = s.freshness(today: LocalDate(wallMinute: wallNow)) {
            lines.append(Terminal.wrap(f.isStale ? f.label.yellow : f.label, width: width, indent: indent))
        }
        let description = highlight(Self.shorten(p(s.description), to: 220), r.matches)
        if !description.isEmpty { lines.append(Terminal.wrap(description, width: width, indent: indent).dim) }
        if explain {
            var parts = ["need \(String(format: "%.2f", r.needScore))", "place \(r.placeMatch.rawValue)",
                         "text \(String(format: "%.3f", r.textScore))"]
            for m in r.matches {
                parts.append("\(m.display)[\(m.origin.rawValue)] in \(m.fields.map(\.label).joined(separator: "+")) = \(String(format: "%.3f", m.score))")
            }
            lines.append(Terminal.wrap("Why: " + parts.joined(separator: "; "), width: width, indent: indent))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Bold for words whose stems matched.
    private func highlight(_ text: String, _ matches: [TermMatch]) -> String {
        guard Terminal.colour, !matches.isEmpty else { return text }
        let stems = Set(matches.flatMap { $0.term.split(separator: " ").map(String.init) })
        var out = ""
        var last = text.startIndex
        let utf16 = text.utf16
        for token in analyzer.tokens(in: text) where stems.contains(analyzer.stem(token.text)) {
            let lo = utf16.index(utf16.startIndex, offsetBy: token.range.lowerBound)
            let hi = utf16.index(utf16.startIndex, offsetBy: token.range.upperBound)
            guard lo >= last else { continue }
            out += String(text[last..<lo]) + String(text[lo..<hi]).bold.underline
            last = hi
        }
        return out + String(text[last...])
    }

    static func shorten(_ s: String, to n: Int) -> String {
        guard s.count > n else { return s }
        let cut = s.prefix(n)
        if let space = cut.lastIndex(of: " ") { return String(cut[..<space]) + "…" }
        return String(cut) + "…"
    }

    /// Two values of a field that changed, each shortened to about `n` characters around where they
    /// first differ (a long address whose postcode changed showed the same start twice).
    static func shortened(_ old: String, _ new: String, to n: Int) -> (String, String) {
        guard old.count > n || new.count > n else { return (old, new) }
        let same = zip(old, new).prefix { $0 == $1 }.count
        // From a little before the first difference (a word's start, when there is one near).
        var from = max(0, same - 20)
        if from > 0, let space = old.prefix(same).dropFirst(from).firstIndex(of: " ") { from = old.distance(from: old.startIndex, to: space) + 1 }
        func cut(_ s: String) -> String { (from > 0 ? "…" : "") + shorten(String(s.dropFirst(from)), to: n) }
        return (cut(old), cut(new))
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
