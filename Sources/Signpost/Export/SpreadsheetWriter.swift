/// Writes services as the hub spreadsheet (CSV, UTF-8, one row per service at a location), the
/// columns ``SpreadsheetImporter`` reads, so that reading the file back gives the same directory:
/// hub staff can turn an Open Referral feed into the sheet they keep, and benchmarks can make
/// spreadsheets of any size.
///
/// Besides the hub's twenty columns it writes `status`, `service_areas`, `eligibility` and
/// `application_process`, which a directory holds and the hub sheet may carry.
public struct SpreadsheetWriter: Sendable {
    /// The header, in order.
    public static let columns = [
        "id", "name", "organisation", "description", "categories", "ward", "address", "postcode", "latitude", "longitude",
        "phone", "email", "website", "opening_hours", "referral", "min_age", "max_age", "languages", "cost", "last_verified",
        "status", "service_areas", "eligibility", "application_process",
    ]

    /// A service whose opening hours have no form in the spreadsheet's syntax; its cell is left
    /// empty (by appointment), and the caller is told.
    public struct Loss: Sendable, Hashable {
        public var id: String
        public var reason: String
    }

    public init() {}

    /// The whole file. Services whose hours cannot be written are listed in `losses`.
    ///
    /// - Complexity: O(total text length).
    public func write(_ services: [Service], losses: inout [Loss]) -> String {
        var out = Self.columns.joined(separator: ",") + "\r\n"
        out.reserveCapacity(services.count * 600)
        for s in services { append(s, to: &out, losses: &losses) }
        return out
    }

    /// Appends one service's rows.
    public func append(_ s: Service, to out: inout String, losses: inout [Loss]) {
        var hours = ""
        do { hours = try OSMOpeningHours.format(rules: s.schedules, exceptions: s.exceptions) } catch {
            losses.append(Loss(id: s.id, reason: "opening hours have \(error.description), which the spreadsheet cannot say"))
        }
        let referral: String
        switch s.referral {
        case .dropIn: referral = "drop in"
        case .selfReferral: referral = "self-referral"
        case .professionalReferral: referral = "professional referral"
        case .phoneFirst: referral = "phone first"
        case .appointment: referral = "by appointment"
        case .unknown: referral = ""
        }
        let shared: (before: [String], after: [String]) = (
            [s.id, s.name, s.organisation?.name ?? "", s.description, s.categories.map(\.name).joined(separator: "; ")],
            [s.phones.joined(separator: "; "), s.email ?? "", s.url ?? "", hours, referral,
             s.minimumAge.map(String.init) ?? "", s.maximumAge.map(String.init) ?? "", s.languages.joined(separator: "; "),
             s.fees ?? "", s.assuredDate?.description ?? "", s.status == .active ? "" : s.status.rawValue,
             s.serviceAreas.map(\.name).joined(separator: "; "), s.eligibility ?? "", s.applicationProcess ?? ""]
        )
        let places: [[String]] = s.locations.isEmpty ? [["", "", "", "", ""]] : s.locations.map { l in
            let address = [l.name, l.address, l.city].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return [l.ward ?? "", address, l.postcode ?? "", l.latitude.map { "\($0)" } ?? "", l.longitude.map { "\($0)" } ?? ""]
        }
        for place in places {
            var first = true
            for cell in shared.before + place + shared.after {
                if !first { out += "," }
                first = false
                Self.appendField(cell, to: &out)
            }
            out += "\r\n"
        }
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break, or starts or ends with space.
    static func appendField(_ value: String, to out: inout String) {
        let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || value.first?.isWhitespace == true || value.last?.isWhitespace == true
        guard needsQuotes else { out += value; return }
        out += "\""
        out += value.replacingOccurrences(of: "\"", with: "\"\"")
        out += "\""
    }
}

import Foundation
