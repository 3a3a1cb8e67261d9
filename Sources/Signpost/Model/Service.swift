/// One service in the directory: who does what, where, when, and how to get it.
///
/// The library's own model, independent of the format it was read from (HSDS 3.0 JSON, ORUK v1,
/// the HSDS tabular package, the hub spreadsheet). Values only: copying a service copies it.
public struct Service: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var description: String
    public var organisation: Organisation?
    public var locations: [Location]
    public var categories: [Category]
    /// Areas the service says it serves (wards, or the whole city).
    public var serviceAreas: [ServiceArea]
    /// Regular opening rules (weekly and monthly sessions, with optional validity dates).
    public var schedules: [ScheduleRule]
    /// Dated exceptions: closures and changed hours on particular days.
    public var exceptions: [ScheduleException]
    public var phones: [String]
    public var email: String?
    public var url: String?
    /// Languages the service is offered in, by English name ("Polish", "Urdu").
    public var languages: [String]
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var eligibility: String?
    /// What it costs, as written ("Free", "£2 a session").
    public var fees: String?
    /// How to get the service, as written ("Drop in, no referral needed.").
    public var applicationProcess: String?
    /// How to get the service, classified.
    public var referral: ReferralRoute
    /// Whether it is free, classified from `fees`.
    public var cost: Cost
    /// When the entry was last checked (HSDS `assured_date`, the spreadsheet's `last_verified`).
    public var assuredDate: LocalDate?
    public var status: ServiceStatus

    public init(id: String, name: String, description: String = "", organisation: Organisation? = nil,
                locations: [Location] = [], categories: [Category] = [], serviceAreas: [ServiceArea] = [],
                schedules: [ScheduleRule] = [], exceptions: [ScheduleException] = [], phones: [String] = [],
                email: String? = nil, url: String? = nil, languages: [String] = [], minimumAge: Int? = nil,
                maximumAge: Int? = nil, eligibility: String? = nil, fees: String? = nil,
                applicationProcess: String? = nil, referral: ReferralRoute? = nil, cost: Cost? = nil,
                assuredDate: LocalDate? = nil, status: ServiceStatus = .active) {
        self.id = id
        self.name = name
        self.description = description
        self.organisation = organisation
        self.locations = locations
        self.categories = categories
        self.serviceAreas = serviceAreas
        self.schedules = schedules
        self.exceptions = exceptions
        self.phones = phones
        self.email = email
        self.url = url
        self.languages = languages
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.eligibility = eligibility
        self.fees = fees
        self.applicationProcess = applicationProcess
        self.referral = referral ?? ReferralRoute.classify(applicationProcess, description: description)
        self.cost = cost ?? Cost.classify(fees)
        self.assuredDate = assuredDate
        self.status = status
    }

    /// The site to show first: the first one in the wards asked about, else the first.
    public func location(preferring wards: [String]) -> Location? {
        locations.first { $0.ward.map(wards.contains) ?? false } ?? locations.first
    }

    /// Who it is for, in words: the ages it takes and its eligibility (`Ages 18+ · Residents of
    /// Ardsley & Robin Hood`); nil when it says nothing.
    public var whoFor: String? {
        var parts: [String] = []
        switch (minimumAge, maximumAge) {
        case let (lo?, hi?): parts.append("Ages \(lo)-\(hi)")
        case let (lo?, nil) where lo > 0: parts.append("Ages \(lo)+")
        case let (_, hi?): parts.append("Ages up to \(hi)")
        default: break
        }
        if let e = eligibility?.trimmingCharacters(in: .whitespacesAndNewlines), !e.isEmpty { parts.append(e) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The wards the service has a location in.
    public var locatedWards: [String] {
        var seen: [String] = []
        for l in locations { if let w = l.ward, !seen.contains(w) { seen.append(w) } }
        return seen
    }

    /// Whether the service says it serves the whole city.
    public var servesWholeCity: Bool { serviceAreas.contains { $0.isWholeCity } }

    /// Whether the service has a place in its city: a location or a service area in a ward, or the whole
    /// city served (what a snapshot counts in ``IndexSnapshot/unplacedServiceCount``, before one is built).
    public var isPlaced: Bool {
        servesWholeCity || locations.contains { $0.ward != nil } || serviceAreas.contains { $0.ward != nil }
    }
}

/// The organisation that runs a service.
public struct Organisation: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String
    public var description: String?
    public var url: String?

    public init(id: String? = nil, name: String, description: String? = nil, url: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.url = url
    }
}

/// A kind of help, from a taxonomy (HSDS `attributes[].taxonomy_term`).
public struct Category: Sendable, Hashable, Codable {
    /// A stable code (`food-bank`), or the name when the source has no code.
    public var code: String
    public var name: String
    public var taxonomy: String?

    public init(code: String, name: String, taxonomy: String? = nil) {
        self.code = code
        self.name = name
        self.taxonomy = taxonomy
    }
}

/// An area a service serves.
public struct ServiceArea: Sendable, Hashable, Codable {
    /// The area as written ("Gipton and Harehills", "Leeds").
    public var name: String
    /// The ward it names, when it names one (canonical spelling).
    public var ward: String?
    /// Whether it names the whole city.
    public var isWholeCity: Bool

    public init(name: String, ward: String? = nil, isWholeCity: Bool = false) {
        self.name = name
        self.ward = ward
        self.isWholeCity = isWholeCity
    }
}

/// Whether a service is running.
public enum ServiceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case inactive
    case defunct
    case temporarilyClosed = "temporarily closed"

    /// Reads HSDS `status` values loosely (`temporarily closed`, `temporarily_closed`).
    public init?(hsds: String) {
        let lowered = hsds.lowercased()
        // Without Foundation's string search, which was 2 % of reading a large file.
        let key = (lowered.utf8.contains(UInt8(ascii: "_")) ? String(lowered.map { $0 == "_" ? " " : $0 }) : lowered).trimmed
        switch key {
        case "active", "open", "": self = .active
        case "inactive", "closed": self = .inactive
        case "defunct": self = .defunct
        case "temporarily closed", "temporarily-closed": self = .temporarilyClosed
        default: return nil
        }
    }

    /// Whether the service is shown at all.
    public var isShown: Bool { self == .active }

    /// A status as written in a directory: an HSDS value (``init(hsds:)``), else words saying it is
    /// closed (`Closed permanently`, `closed until March`: read as closed, never as active), else
    /// active; with what to say about it when it was not an HSDS value.
    public static func read(_ raw: String) -> (status: ServiceStatus, hint: String?) {
        if let status = ServiceStatus(hsds: raw) { return (status, nil) }
        let valid = "use active, inactive, defunct or temporarily closed"
        if let closed = closure(in: raw) { return (closed, "\(valid); it says closed, so it is read as \(closed.rawValue)") }
        return (.active, "\(valid); read as active")
    }

    /// Whether words say a service is closed as a whole statement (`Closed permanently`, `temporarily
    /// closed until March`, `ceased`, `no longer running`): temporarily when they say so or say until
    /// when; nil when they say anything else (`open (closed bank holidays)`, `closed on Mondays`,
    /// `closing early on Fridays`, `extended hours`: words, never parts of words, and only a closure
    /// that leads the text and is about the whole service).
    public static func closure(in text: String) -> ServiceStatus? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        // Words that say it runs, or that the closure is of part of the time only.
        let open: Set<String> = ["open", "opens", "active", "running", "operating", "available"]
        let part: Set<String> = ["bank", "public", "holiday", "holidays", "lunch", "lunchtime", "weekend", "weekends", "early", "at", "on",
                                 "every", "each", "mornings", "afternoons", "evenings", "term", "half"]
        guard !words.contains(where: open.contains) || words.starts(with: ["no", "longer"]) || words.starts(with: ["not"]) else { return nil }
        let dayNames = Weekday.names
        guard !words.contains(where: { part.contains($0) || dayNames.contains($0) || dayNames.contains(String($0.dropLast())) }) else { return nil }
        var k = 0
        let lead: Set<String> = ["permanently", "temporarily", "currently", "now", "service", "is", "has", "been", "this"]
        while k < words.count, lead.contains(words[k]) { k += 1 }
        guard k < words.count else { return nil }
        let saysClosed = ["closed", "ceased", "shut", "defunct", "discontinued", "suspended", "paused", "stopped", "ended", "finished"].contains(words[k])
            || words[k...].starts(with: ["no", "longer"]) || words[k...].starts(with: ["not", "running"])
        guard saysClosed else { return nil }
        let temporary = words.contains { ["temporarily", "temporary", "currently", "until", "till", "paused", "suspended", "reopen", "reopening"].contains($0) }
            || words[k...].starts(with: ["closed", "for"])
        return temporary ? .temporarilyClosed : .inactive
    }
}

import Foundation
