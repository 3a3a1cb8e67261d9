import PropertyBased
import Testing
@testable import Signpost

/// Opening hours as spreadsheets write them: OpenStreetMap syntax, and plain English as a fallback.
@Suite("Opening hours text")
struct HoursTextTests {
    let years = 2025...2026

    func osm(_ s: String) throws -> String { try OSMOpeningHours.parse(s, years: years).reading }
    func english(_ s: String) throws -> String { try PlainEnglishHours.parse(s).reading }

    @Test("OpenStreetMap opening_hours", arguments: [
        ("Mo-Fr 09:00-17:00; Sa 10:00-12:00", "Mon-Fri 09:00-17:00; Sat 10:00-12:00"),
        ("Tu,Th 18:00-20:00", "Tue, Thu 18:00-20:00"),
        ("24/7", "24 hours, every day"),
        ("Mo-Fr 09:00-12:30,13:30-17:00", "Mon-Fri 09:00-12:30, 13:30-17:00"),
        ("Mo-Su 10:00-16:00; Su off", "Mon-Sat 10:00-16:00"),
        ("Mo-Fr 09:00-17:00; PH off", "Mon-Fri 09:00-17:00"),
        ("We[1] 10:00-12:00", "First Wednesday of the month 10:00-12:00"),
        ("Fr[-1] 13:00-15:00", "Last Friday of the month 13:00-15:00"),
        ("Mo-Su 20:00-08:00", "Mon-Sun 20:00-08:00"),
        ("Sa 10:00-24:00", "Sat 10:00-00:00"),
        ("Mo-Fr 10:00-16:00; Fr 10:00-13:00", "Mon-Thu 10:00-16:00; Fri 10:00-13:00"),
        ("Mo[-1] 13:00-15:00, Mo[1] 13:00-15:00", "Last Monday of the month 13:00-15:00; First Monday of the month 13:00-15:00"),
        ("2024 Sep 01-2025 Jun 30 Mo,We,Fr 10:00-15:00; 2024 Sep 01-2025 Jun 30 Sa 10:00-12:00",
         "Mon, Wed, Fri 10:00-15:00 (1 Sep 2024 to 30 Jun 2025); Sat 10:00-12:00 (1 Sep 2024 to 30 Jun 2025)"),
        ("Mo-Fr 09:00-17:00, Sa 10:00-12:00", "Mon-Fri 09:00-17:00; Sat 10:00-12:00"),
    ])
    func osmSyntax(value: String, reading: String) throws {
        #expect(try osm(value) == reading)
    }

    @Test func bankHolidaysAndDatesBecomeExceptions() throws {
        let h = try OSMOpeningHours.parse("Mo-Fr 09:00-17:00; PH off; 2025 Dec 24 10:00-12:00", years: 2025...2025)
        let christmas = LocalDate(iso: "2025-12-25")!, boxing = LocalDate(iso: "2025-12-26")!
        #expect(h.exceptions.contains { $0.from == christmas && $0.isClosure })
        #expect(h.exceptions.contains { $0.from == boxing && $0.isClosure })
        #expect(h.exceptions.contains { $0.from == LocalDate(iso: "2025-12-24")! && !$0.isClosure })
        #expect(BankHolidays.englandAndWales(year: 2026).map(\.description) ==
                ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"])
    }

    @Test("not OpenStreetMap syntax", arguments: ["9-5ish", "Mon-Fri 9am-5pm", "Monday to Wednesday, 10am to 8pm", "", "Mo 25:00-26:00",
                                                  "Mo[1-99999999999] 10:00-12:00", "Mo[-1-2] 10:00-12:00", "Mo[2-1] 10:00-12:00", "Mo[1-x] 10:00-12:00"])
    func osmRejects(value: String) {
        #expect(throws: OSMOpeningHours.SyntaxError.self) { try OSMOpeningHours.parse(value, years: years) }
    }

    @Test("plain English", arguments: [
        ("Monday to Wednesday, 10am to 8pm; Thursday 9.30-12", "Mon-Wed 10:00-20:00; Thu 09:30-12:00"),
        ("Tuesdays 10:00 - 12:00", "Tue 10:00-12:00"),
        ("Mon-Fri 9-5", "Mon-Fri 09:00-17:00"),
        ("weekdays 9am-5pm, Saturday 10-12", "Mon-Fri 09:00-17:00; Sat 10:00-12:00"),
        ("Every day 8am - 8pm", "Mon-Sun 08:00-20:00"),
        ("First Tuesday of the month 10-12", "First Tuesday of the month 10:00-12:00"),
        ("Mondays and Thursdays, 1.30pm to 3pm", "Mon, Thu 13:30-15:00"),
        ("24 hours a day, 7 days a week", "24 hours, every day"),
        ("Monday 9:00am-5:00pm", "Mon 09:00-17:00"),
        ("open 10-12", "Mon-Sun 10:00-12:00"),
        ("Open from 9am to 5pm", "Mon-Sun 09:00-17:00"),
    ])
    func plainEnglish(value: String, reading: String) throws {
        #expect(try english(value) == reading)
    }

    /// Valid syntax that leaves no day open (`Tu 10:00-12:00; Tu off`: the later rule wins) is by
    /// appointment with a note; it was refused and then misread as plain English, open on Tuesdays.
    @Test func hoursThatAreNeverOpenAreByAppointmentWithANote() throws {
        let h = try OSMOpeningHours.parse("Tu 10:00-12:00; Tu off", years: years)
        #expect(h.byAppointment && h.rules.isEmpty)
        #expect(h.notes == ["says the service is never open (every day it names is off); read as by appointment"])
    }

    @Test func timesTheWrongWayRoundAreReadAsWrittenWithANote() throws {
        let h = try OSMOpeningHours.parse("Sa 18:00-16:00", years: years)
        #expect(h.reading == "Sat 18:00-16:00")
        #expect(h.notes == ["closes before it opens, so 18:00-16:00 reads as 22 hours overnight, until 16:00 the next day; if the times are the wrong way round, write 16:00-18:00"])
        #expect(try OSMOpeningHours.parse("Mo-Su 20:00-08:00", years: years).notes.isEmpty)
        #expect(try OSMOpeningHours.parse("Sa 10:00-24:00", years: years).notes.isEmpty)
    }

    /// Times as people and spreadsheets write them; `900` is what a number column makes of 09:00
    /// (it was refused while `1700` was read).
    @Test("times as people write them", arguments: [
        ("9am", false, "09:00"), ("9:30 p.m.", false, "21:30"), ("0930", false, "09:30"), ("930", false, "09:30"),
        ("900", false, "09:00"), ("1700", false, "17:00"), ("noon", false, "12:00"), ("12pm", false, "12:00"),
        ("12am", false, "00:00"), ("5", true, "17:00"), ("5", false, "05:00"), ("9.30", false, "09:30"),
        ("25:00", false, nil), ("960", false, nil), ("13pm", false, nil), ("9-ish", false, nil), ("12345", false, nil),
    ] as [(String, Bool, String?)])
    func lenientTimes(raw: String, assumePM: Bool, read: String?) {
        #expect(TimeOfDay.lenient(raw, assumePM: assumePM)?.description == read)
    }

    @Test func aClockTimeOutsideTheDayIsSaidToBe() {
        #expect(TimeOfDay.whyNotATime("25:00") == "is not a time of day: hours run 00 to 23 and minutes 00 to 59 (midnight is 00:00)")
        #expect(TimeOfDay.whyNotATime("09:75:00").hasPrefix("is not a time of day"))
        #expect(TimeOfDay.whyNotATime("9ish") == "is not HH:MM")
        #expect(TimeOfDay.whyNotATime("٢٥:٠٠") == "is not HH:MM")
    }

    @Test func byAppointment() throws {
        #expect(try PlainEnglishHours.parse("By appointment only").byAppointment)
        #expect(try OSMOpeningHours.parse("\"by appointment\"", years: years).byAppointment)
    }

    @Test("unreadable", arguments: ["9-5ish", "sometimes", "ring for details", "Monday",
                                    // words meant as days that are not days: not "every day"
                                    "Xx 10:00-12:00", "Mo[1-99] 10:00-12:00", "zzz 10:00-12:00 qqq", "Mondy 10-12"])
    func unreadable(value: String) {
        #expect(throws: PlainEnglishHours.Unreadable.self) { try PlainEnglishHours.parse(value) }
    }

    /// Hours written for the spreadsheet read back as the same sessions on every day; what the
    /// syntax cannot say (a rule bounded by less than a week, fortnightly, on days of the month)
    /// is refused, never written wrongly.
    @Test func writtenHoursReadBackTheSame() async {
        let first = LocalDate(iso: "2025-10-01")!.dayNumber, last = LocalDate(iso: "2026-07-01")!.dayNumber
        await propertyCheck(count: 400, input: OpeningHoursTests.timetable) { table in
            let (rules, exceptions) = table
            // No form in the syntax: a rule bounded by less than a week, fortnightly, or on days of the month.
            let unwritable = rules.contains { r in
                if r.weekInterval > 1 { return true }
                if case .monthDays = r.pattern { return true }
                return r.validFrom.map { r.validTo!.dayNumber - $0.dayNumber < 7 } ?? false
            }
            let text: String
            do { text = try OSMOpeningHours.format(rules: rules, exceptions: exceptions) } catch {
                #expect(unwritable, "\(error) for \(rules)")
                return
            }
            #expect(!unwritable, "\(text)")
            guard !text.isEmpty else { #expect(rules.isEmpty && exceptions.isEmpty); return }
            do {
                let back = try OSMOpeningHours.parse(text, years: years)
                // Sessions as a set: the same session from two rules is one opening.
                for day in first...last {
                    let a = Set(ReferenceHours.sessions(rules, exceptions, startingOn: day).map { "\($0)" }).sorted()
                    let b = Set(ReferenceHours.sessions(back.rules, back.exceptions, startingOn: day).map { "\($0)" }).sorted()
                    if a != b { Issue.record("\(text): \(LocalDate(dayNumber: day)) \(a) ≠ \(b)"); return }
                }
            } catch {
                Issue.record("\"\(text)\" does not read back: \(error)")
            }
        }
    }

    /// Found by the property check above: two rules giving Wednesday the same session.
    @Test func theSameSessionFromTwoRulesIsWrittenOnce() throws {
        let t = TimeOfDay(hhmm: "00:45")!
        let rules = [ScheduleRule(pattern: .weekly([.wednesday]), opens: t, closes: t),
                     ScheduleRule(pattern: .weekly([.sunday]), opens: TimeOfDay(hhmm: "04:45")!, closes: TimeOfDay(hhmm: "17:00")!),
                     ScheduleRule(pattern: .weekly([.wednesday, .thursday, .friday, .saturday, .sunday]), opens: t, closes: t)]
        #expect(try OSMOpeningHours.format(rules: rules, exceptions: []) == "We-Sa 00:45-00:45; Su 00:45-00:45,04:45-17:00")
    }

    @Test func writtenHoursLookAsAPersonWouldWriteThem() throws {
        func rule(_ days: Set<Weekday>, _ o: String, _ c: String) -> ScheduleRule {
            ScheduleRule(pattern: .weekly(days), opens: TimeOfDay(hhmm: o)!, closes: TimeOfDay(hhmm: c)!)
        }
        let week = [rule([.monday, .tuesday, .wednesday, .thursday, .friday], "09:00", "12:30"),
                    rule([.monday, .tuesday, .wednesday, .thursday, .friday], "13:30", "17:00"), rule([.saturday], "10:00", "24:00")]
        #expect(try OSMOpeningHours.format(rules: week, exceptions: []) == "Mo-Fr 09:00-12:30,13:30-17:00; Sa 10:00-24:00")
        let monthly = ScheduleRule(pattern: .monthly([MonthlyDay(ordinal: -1, weekday: .friday)]), opens: TimeOfDay(hhmm: "18:00")!, closes: TimeOfDay(hhmm: "20:00")!)
        let christmas = ScheduleException(from: LocalDate(iso: "2025-12-25")!, to: LocalDate(iso: "2025-12-26")!)
        #expect(try OSMOpeningHours.format(rules: [rule([.tuesday, .thursday], "18:00", "20:00"), monthly], exceptions: [christmas])
                == "Tu,Th 18:00-20:00; Fr[-1] 18:00-20:00; 2025 Dec 25-2025 Dec 26 off")
        let always = [ScheduleRule(pattern: .daily, opens: TimeOfDay(minutes: 0)!, closes: TimeOfDay(minutes: 0)!)]
        #expect(try OSMOpeningHours.format(rules: always, exceptions: []) == "24/7")
        let text = try OSMOpeningHours.format(rules: always, exceptions: [christmas])
        #expect(text == "24/7; 2025 Dec 25-2025 Dec 26 off")
        let back = try OSMOpeningHours.parse(text, years: years)
        #expect(back.exceptions.count == 2 && OpeningHours(rules: back.rules).weeklySummary == "24 hours, every day")
        #expect(throws: OSMOpeningHours.Unwritable.self) {
            try OSMOpeningHours.format(rules: [ScheduleRule(pattern: .monthDays([15]), opens: TimeOfDay(minutes: 600)!, closes: TimeOfDay(minutes: 720)!)], exceptions: [])
        }
    }
}
