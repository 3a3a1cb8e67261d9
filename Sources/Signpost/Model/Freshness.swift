/// How recently a service's entry was checked, as a worker needs to read it beside the service:
/// an entry last checked over a year ago may be wrong, and the person is better phoned first than
/// sent to a door that closed.
///
/// ```swift
/// service.freshness(today: LocalDate(year: 2026, month: 12, day: 6))?.label
/// // "Checked 3 November 2026"
/// // "Last checked 14 March 2025, over a year ago: phone to confirm"
/// ```
public struct Freshness: Sendable, Hashable {
    /// An entry is out of date once it was last checked more than this many days ago (the hub's
    /// `stale` warning uses the same line).
    public static let staleAfterDays = 365

    /// The day the entry was last checked (HSDS `assured_date`, a sheet's `last_verified`).
    public var checked: LocalDate
    /// Checked more than ``staleAfterDays`` days ago.
    public var isStale: Bool

    /// `Checked 3 November 2026`; when stale, `Last checked 14 March 2025, over a year ago: phone to confirm`.
    public var label: String {
        isStale ? "Last checked \(checked.inWords), over a year ago: phone to confirm" : "Checked \(checked.inWords)"
    }
}

extension Service {
    /// When the entry was last checked, seen from `today`; nil when the directory does not say, or
    /// says a day more than one after `today` (a mistyped year: the hub is warned; a worker is told
    /// nothing false; a day after is allowed for time zones).
    public func freshness(today: LocalDate) -> Freshness? {
        guard let d = assuredDate, d.dayNumber <= today.dayNumber + 1 else { return nil }
        return Freshness(checked: d, isStale: today.dayNumber - d.dayNumber > Freshness.staleAfterDays)
    }
}
