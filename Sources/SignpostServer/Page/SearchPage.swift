import Foundation
import Signpost

/// The search page for frontline workers: one box, results as they type (with JavaScript) or on
/// submit (without), each result saying what, where, when and how, the line saying how the
/// question was understood with one-click removal of a part, and a printable shortlist.
///
/// The markup is well-formed XML (polyglot HTML5) so that tests can parse it; every piece of
/// directory text is escaped.
struct SearchPage {
    let cityName: String
    let zone: CivilTimeZone
    /// Results on a page.
    static let perPage = 25
    /// The filters given as parameters, as the API reads them (`/?q=food+bank&ward=Armley`, a link a
    /// colleague shared: the ward was ignored), carried by every link and form of the page.
    var filters: [(name: String, value: String)] = []
    /// The parameters of `/services` that are filters (not the question, the time reference or paging).
    static let filterNames = SearchParameters.names.filter { !["text", "q", "at", "page", "per_page"].contains($0) }

    /// The filters among a request's parameters (blank ones are none).
    static func filters(in params: [(String, String)]) -> [(name: String, value: String)] {
        params.filter { filterNames.contains($0.0) && !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }.map { ($0.0, $0.1) }
    }

    /// `&amp;at=...&amp;ward=...` for the page's links: the time reference and the filters, but those
    /// at `skipping` (a filter's removal link).
    func carried(_ at: String?, skipping: Set<Int> = []) -> String {
        var out = at.map { "&amp;at=" + HTML.urlEncode($0) } ?? ""
        for (k, f) in filters.enumerated() where !skipping.contains(k) { out += "&amp;\(HTML.urlEncode(f.name))=" + HTML.urlEncode(f.value) }
        return out
    }

    /// The filters as hidden inputs of a form.
    var hiddenFilters: String {
        filters.map { "<input type=\"hidden\" name=\"\(HTML.escape($0.name))\" value=\"\(HTML.escape($0.value))\"/>\n" }.joined()
    }

    /// A filter as the page says it (`ward Armley`, `free`).
    static func label(_ f: (name: String, value: String)) -> String {
        switch f.name {
        case "category", "taxonomy_id": return "category " + f.value
        case "language": return "in " + Languages.englishName(f.value)
        case "free": return ["true", "1", "yes"].contains(f.value.lowercased()) ? "free" : "free or paid"
        case "minimum_age": return "aged \(f.value) or over"
        case "maximum_age": return "aged \(f.value) or under"
        case "open_now": return "open now"
        case "open_at": return "open at " + f.value
        case "start_time": return "from " + f.value
        case "end_time": return "until " + f.value
        default: return f.name.replacingOccurrences(of: "_", with: " ") + " " + f.value
        }
    }

    func render(query: String, response: SearchResponse?, at: String?, notice: String? = nil, page: Int = 1) -> String {
        var body = """
            <header class="top"><h1><a href="/">Signpost</a></h1><p>Who does what, where, when — community services in \(HTML.escape(cityName))</p></header>
            <main id="main">
            <form role="search" method="get" action="/" id="search" class="search">
            <label for="q">What does the person need — and where, and when?</label>
            <div class="row"><input type="search" id="q" name="q" value="\(HTML.escape(query))" autocomplete="off" spellcheck="true" placeholder="e.g. food bank in Armley open Saturday" aria-describedby="q-help"/>
            <button type="submit">Search</button></div>
            \(at.map { "<input type=\"hidden\" name=\"at\" value=\"\(HTML.escape($0))\"/>" } ?? "")
            \(hiddenFilters)
            <p id="q-help" class="help">Type it as the person said it: “can’t pay my bills Harehills”, “somewhere warm open now near LS14”.</p>
            </form>
            <div id="results" aria-live="polite">
            """
        body += results(query: query, response: response, at: at, notice: notice, page: page)
        body += "</div>\n</main>\n<footer class=\"foot\"><p>Signpost keeps no record of searches or shortlists.</p></footer>\n"
        return document(title: query.isEmpty ? "Signpost" : "\(query) — Signpost", body: body, script: true)
    }

    /// The results region alone (what the page fetches as the worker types).
    func results(query: String, response r: SearchResponse?, at: String?, notice: String? = nil, page: Int = 1) -> String {
        var out = ""
        if let notice { out += "<p class=\"notice\" role=\"alert\">\(HTML.escape(notice))</p>\n" }
        guard let r, !query.trimmingCharacters(in: .whitespaces).isEmpty || !filters.isEmpty else { return out }
        out += understood(r, at: at)
        // Notices with the results too (a time that cannot be, a postcode not placed, a question cut
        // short); when nothing matched, the last says so. The page showed only the first, and only then.
        let strict = r.results.filter { $0.relaxation == nil }, relaxed = r.results.filter { $0.relaxation != nil }
        let (above, nothingMatched) = r.noticesToShow
        for notice in above { out += "<p class=\"notice\">\(HTML.escape(notice))</p>\n" }
        if let nothingMatched {
            out += "<p class=\"count\">\(HTML.escape(nothingMatched))</p>\n"
        } else {
            let first = (page - 1) * Self.perPage + 1
            let range = (r.totalMatches > Self.perPage || page > 1) && !strict.isEmpty ? "\(HTML.separator)showing \(first)-\(first + strict.count - 1)"
                : strict.isEmpty && page > 1 ? "\(HTML.separator)none on this page" : ""
            out += "<p class=\"count\">\(r.totalIsExact ? "" : "At least ")\(r.totalMatches) service\(r.totalMatches == 1 ? "" : "s") found\(range)"
                + (relaxed.isEmpty ? "" : "\(HTML.separator)\(relaxed.count) more nearby, below") + "</p>\n"
        }
        // (The question goes with the shortlist, for its way back to the search.)
        out += "<form method=\"get\" action=\"/shortlist\" id=\"shortlist-form\">\n"
            + (query.isEmpty ? "" : "<input type=\"hidden\" name=\"q\" value=\"\(HTML.escape(query))\"/>\n") + hiddenFilters
        if !strict.isEmpty {
            out += "<ol class=\"results\">\n" + strict.map { item($0, wallNow: r.wallNow, placeWards: r.placeWards) }.joined() + "</ol>\n"
        }
        if !relaxed.isEmpty {
            out += "<h2 class=\"relaxed\">\(HTML.escape(r.relaxationHeading ?? "Nearby:"))</h2>\n<ol class=\"results\">\n"
                + relaxed.map { item($0, wallNow: r.wallNow, placeWards: r.placeWards) }.joined() + "</ol>\n"
        }
        if !r.results.isEmpty {
            out += "<p class=\"shortlist\"><button type=\"submit\">Print shortlist of ticked services</button></p>\n"
        }
        out += "</form>\n"
        // The other pages (with the page's script, fetched in place, keeping ticks; without it, the shortlist
        // prints one page's ticks).
        func link(_ n: Int, _ text: String, _ rel: String) -> String {
            let href = "/?q=" + HTML.urlEncode(query) + "&amp;page=\(n)" + carried(at)
            return "<a href=\"\(href)\" rel=\"\(rel)\">\(text)</a>"
        }
        var pages: [String] = []
        // (Past the last page: back to the last one.)
        let lastPage = max(1, (r.totalMatches + Self.perPage - 1) / Self.perPage)
        if page > 1 { pages.append(link(r.totalIsExact ? min(page - 1, lastPage) : page - 1, "← Previous \(Self.perPage)", "prev")) }
        // A large directory's total is a lower bound (its search stops once the page is certain): a full page has more after it.
        if r.totalMatches > page * Self.perPage {
            pages.append(link(page + 1, "Next \(min(Self.perPage, r.totalMatches - page * Self.perPage)) →", "next"))
        } else if !r.totalIsExact && strict.count == Self.perPage {
            pages.append(link(page + 1, "Next →", "next"))
        }
        if !pages.isEmpty { out += "<nav class=\"pages\" aria-label=\"More results\"><p>" + pages.joined(separator: HTML.separator) + "</p></nav>\n" }
        return out
    }

    /// `Understood: food bank × · in Armley × · open Sat 15 Nov × · in Polish ×`.
    private func understood(_ r: SearchResponse, at: String?) -> String {
        let i = r.intent
        var parts: [String] = []
        func chip(_ label: String, href: String) -> String {
            "<span class=\"chip\">\(HTML.escape(label)) <a href=\"\(href)\" aria-label=\"Remove \(HTML.escape(label))\" title=\"Remove\">×</a></span>"
        }
        if let words = i.wordsSearched { parts.append("<span class=\"chip\">“\(HTML.escape(words))”</span>") }
        // Every part applied, each removable (a language, an age, "no referral" were applied unseen).
        for part in QueryIntent.Part.allCases {
            if let label = i.label(of: part) { parts.append(chip(label, href: "/?q=" + HTML.urlEncode(i.text(without: part)) + carried(at))) }
        }
        // The filters given, each removable too (a day with its times: they mean nothing without it).
        for (k, f) in filters.enumerated() {
            let with = f.name == "day" ? Set(filters.indices.filter { ["start_time", "end_time"].contains(filters[$0].name) }) : []
            parts.append(chip(Self.label(f), href: "/?q=" + HTML.urlEncode(i.text) + carried(at, skipping: with.union([k]))))
        }
        var out = "<p class=\"understood\"><strong>Understood:</strong> " + (parts.isEmpty ? "everything" : parts.joined(separator: HTML.separator)) + "</p>\n"
        if !i.corrections.isEmpty {
            out += "<p class=\"spelling\">Spelling: " + i.corrections.map { "\(HTML.escape($0.from)) → \(HTML.escape($0.to))" }.joined(separator: ", ") + "</p>\n"
        }
        if !i.unmatchedWords.isEmpty {
            out += "<p class=\"spelling\">Not found in the directory: " + HTML.escape(i.unmatchedWords.joined(separator: ", ")) + "</p>\n"
        }
        return out
    }

    /// - Parameter placeWards: the wards asked about (a service at several sites shows the one there).
    private func item(_ result: SearchResult, wallNow: Int64, placeWards: [String]) -> String {
        let s = result.service
        let status = s.hoursStatus(atWallMinute: wallNow)
        var out = "<li class=\"service\"><article aria-labelledby=\"s-\(HTML.escape(s.id))\">\n"
        out += "<h2 id=\"s-\(HTML.escape(s.id))\">\(HTML.escape(s.name))</h2>\n"
        if let o = s.organisation { out += "<p class=\"org\">\(HTML.escape(o.name))</p>\n" }
        if !s.description.isEmpty { out += "<p class=\"what\">\(HTML.escape(Self.shorten(s.description, 260)))</p>\n" }
        // Where.
        var whereLine: [String] = []
        if let l = s.location(preferring: placeWards) {
            whereLine.append(HTML.escape(l.displayAddress))
            if let w = l.ward { whereLine.append(HTML.escape(w)) }
            if let lat = l.latitude, let lon = l.longitude {
                whereLine.append(Self.mapLink(lat, lon, "Map", printsAddress: false))
            }
            // The other sites, listed (they were only counted, and could be seen nowhere).
            let others = s.locations.filter { $0 != l }
            if !others.isEmpty {
                whereLine.append("<details class=\"sites\"><summary>and \(others.count) more place\(others.count > 1 ? "s" : "")</summary>"
                                 + others.map(Self.place).joined(separator: "; ")
                                 + "</details>")
            }
        } else {
            whereLine.append("Serves " + HTML.escape(s.serviceAreas.map { $0.ward ?? $0.name }.joined(separator: ", ")))
        }
        out += "<p class=\"where\"><span class=\"k\">Where</span> \(whereLine.joined(separator: HTML.separator))"
        if result.placeMatch == .servesWard || result.placeMatch == .servesCity || result.placeMatch == .neighbouring {
            out += " <span class=\"tier\">(\(HTML.escape(result.placeMatch.label)))</span>"
        }
        out += "</p>\n"
        // When.
        out += "<p class=\"when\(status.isOpenNow ? " open" : "")\"><span class=\"k\">When</span> \(HTML.times(status.label))"
        if !status.byAppointment && status.weekly != status.label { out += " <span class=\"hours\">(\(HTML.times(status.weekly)))</span>" }
        for closure in status.closures { out += "<br/><strong class=\"closure\">\(HTML.escape(closure))</strong>" }
        out += "</p>\n"
        // How.
        var how: [String] = [HTML.escape(s.referral.label)]
        for p in s.phones.prefix(2) { how.append("<a href=\"\(HTML.escape(HTML.tel(p)))\">\(HTML.escape(p))</a>") }
        if let e = s.email { how.append("<a href=\"mailto:\(HTML.escape(e))\">\(HTML.escape(e))</a>") }
        if let u = s.url.flatMap(HTML.safeURL) { how.append("<a href=\"\(HTML.escape(u))\">Website</a>") }
        if let f = s.fees, !f.isEmpty { how.append(HTML.escape(f)) }
        out += "<p class=\"how\"><span class=\"k\">How</span> \(how.joined(separator: HTML.separator))</p>\n"
        if let a = s.applicationProcess, !a.isEmpty { out += "<p class=\"access\">\(HTML.escape(a))</p>\n" }
        if let who = s.whoFor { out += "<p class=\"who\"><span class=\"k\">For</span> \(HTML.escape(Self.shorten(who, 200)))</p>\n" }
        // How fresh the entry is (a worker could not tell a listing checked last month from one of 2019).
        if let f = s.freshness(today: LocalDate(wallMinute: wallNow)) {
            out += "<p class=\"checked\(f.isStale ? " stale" : "")\">\(HTML.escape(f.label))</p>\n"
        }
        out += "<p class=\"pick\"><label><input type=\"checkbox\" name=\"id\" value=\"\(HTML.escape(s.id))\"/> Add to shortlist</label></p>\n"
        out += "</article></li>\n"
        return out
    }

    /// The printable shortlist: plain, one service after another, nothing stored.
    /// - Parameters:
    ///   - asked: how many services were ticked (some may have left the directory since).
    ///   - query: the search they were ticked in, for the way back to it.
    func shortlist(_ services: [Service], wallNow: Int64, asked: Int = 0, query: String = "") -> String {
        let today = LocalDate(wallMinute: wallNow)
        var body = "<main id=\"main\" class=\"print\">\n<h1>Places that can help</h1>\n"
        body += "<p class=\"org\">From the Signpost directory, \(today.weekday.name) \(today.inWords). Check times before you go.</p>\n"
        // (No inline script: the page's policy allows scripts from /app.js only, which wires these.)
        let back = query.isEmpty && filters.isEmpty ? "/" : "/?q=" + HTML.urlEncode(query) + carried(nil).replacingOccurrences(of: "&amp;", with: "&")
        body += "<p class=\"noprint\"><button type=\"button\" id=\"print\">Print</button> <a href=\"\(HTML.escape(back))\" id=\"back\">Back to the search</a></p>\n"
        if asked == 0 && services.isEmpty { body += "<p>No services were chosen.</p>\n" }
        // (Ids that are no longer in the directory: it said "No services were chosen".)
        if asked > services.count {
            let gone = asked - services.count
            body += "<p>\(gone == asked ? (gone == 1 ? "The service chosen is" : "None of the \(gone) services chosen is") : "\(gone) of the \(asked) services chosen \(gone == 1 ? "is" : "are")") "
                + "not in the directory now: taken out or renamed since. Search again to find \(gone == 1 ? "it" : "them").</p>\n"
        }
        for s in services {
            let status = s.hoursStatus(atWallMinute: wallNow)
            body += "<section class=\"card\">\n<h2>\(HTML.escape(s.name))</h2>\n"
            if let o = s.organisation { body += "<p>\(HTML.escape(o.name))</p>\n" }
            // Every site (the first was printed, which could be across the city from the one shown).
            for l in s.locations {
                body += "<p><strong>\(s.locations.count > 1 ? "One of its places" : "Address"):</strong> \(Self.place(l))"
                if let lat = l.latitude, let lon = l.longitude { body += " — " + Self.mapLink(lat, lon, "map", printsAddress: true) }
                body += "</p>\n"
            }
            body += "<p><strong>Open:</strong> \(HTML.escape(status.byAppointment ? (status.appointmentSaid ? "By appointment" : "Hours not listed") : status.weekly))</p>\n"
            if !s.phones.isEmpty { body += "<p><strong>Phone:</strong> \(s.phones.map(HTML.escape).joined(separator: ", "))</p>\n" }
            if let e = s.email, !e.isEmpty { body += "<p><strong>Email:</strong> \(HTML.escape(e))</p>\n" }
            if let u = s.url.flatMap(HTML.safeURL) { body += "<p><strong>Website:</strong> \(HTML.escape(u))</p>\n" }
            body += "<p><strong>How to get help:</strong> \(HTML.escape(s.referral.label))\(s.applicationProcess.map { " — " + HTML.escape($0) } ?? "")</p>\n"
            if let f = s.fees, !f.isEmpty { body += "<p><strong>Cost:</strong> \(HTML.escape(f))</p>\n" }
            if let who = s.whoFor { body += "<p><strong>For:</strong> \(HTML.escape(who))</p>\n" }
            if let f = s.freshness(today: today) { body += "<p class=\"checked\(f.isStale ? " stale" : "")\">\(HTML.escape(f.label)).</p>\n" }
            body += "</section>\n"
        }
        body += "</main>\n"
        return document(title: "Shortlist — Signpost", body: body, script: true)
    }

    /// A place as the page and the shortlist say it: its address, and its ward (escaped).
    private static func place(_ l: Location) -> String { HTML.escape(l.displayAddress) + (l.ward.map { " (" + HTML.escape($0) + ")" } ?? "") }

    /// A link to a point on OpenStreetMap; with `printsAddress`, printed with its address (the shortlist's).
    private static func mapLink(_ lat: Double, _ lon: Double, _ text: String, printsAddress: Bool) -> String {
        "<a\(printsAddress ? " class=\"map\"" : "") href=\"https://www.openstreetmap.org/?mlat=\(lat)&amp;mlon=\(lon)#map=17/\(lat)/\(lon)\">\(text)</a>"
    }

    private func document(title: String, body: String, script: Bool) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB" xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(HTML.escape(title))</title>
        <link rel="stylesheet" href="/style.css"/></head>
        <body><a class="skip" href="#main">Skip to results</a>
        \(body)\(script ? "<script src=\"/app.js\" defer=\"defer\"></script>\n" : "")</body></html>

        """
    }

    static func shorten(_ s: String, _ n: Int) -> String {
        guard s.count > n else { return s }
        let cut = s.prefix(n)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
