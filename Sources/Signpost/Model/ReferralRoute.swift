import Foundation

/// How a person gets to a service.
public enum ReferralRoute: String, Sendable, Hashable, Codable, CaseIterable {
    /// Turn up during opening hours.
    case dropIn = "drop-in"
    /// Contact the service yourself (phone, email, form).
    case selfReferral = "self-referral"
    /// A professional (GP, support worker, Citizens Advice) must refer.
    case professionalReferral = "professional-referral"
    /// Phone first to check or book.
    case phoneFirst = "phone-first"
    /// By appointment.
    case appointment
    /// Not stated.
    case unknown

    /// Words for people, e.g. "Drop in".
    public var label: String {
        switch self {
        case .dropIn: return "Drop in"
        case .selfReferral: return "Self-referral"
        case .professionalReferral: return "Professional referral"
        case .phoneFirst: return "Phone first"
        case .appointment: return "By appointment"
        case .unknown: return "Ask the service"
        }
    }

    /// Reads a referral value as the spreadsheet and the CLI write it (`drop in`, `self-referral`,
    /// `professional referral`, `phone first`, `appointment`).
    public init?(loose: String) {
        let k = loose.utf8.allSatisfy({ $0 < 0x80 })
            ? String(decoding: loose.utf8.compactMap { b -> UInt8? in
                switch b { case 0x41...0x5A: return b | 0x20; case 0x61...0x7A: return b; default: return nil } }, as: UTF8.self)
            : loose.lowercased().filter { $0.isLetter }
        switch k {
        case "dropin", "walkin", "open": self = .dropIn
        case "selfreferral", "self", "selfrefer": self = .selfReferral
        // (Who refers: a GP, a social worker, an agency, a voucher from one; `GP referral` was no route.)
        case "professionalreferral", "professional", "referral", "referralonly", "referralrequired", "gpreferral", "gp", "referredbygp",
             "agencyreferral", "socialworkerreferral", "byreferral", "voucher", "referralvoucher", "voucherneeded", "voucherrequired":
            self = .professionalReferral
        case "phonefirst", "phone", "callfirst", "ringfirst": self = .phoneFirst
        case "appointment", "byappointment", "appointmentonly", "byappointmentonly": self = .appointment
        case "", "unknown": self = .unknown
        default: return nil
        }
    }

    /// Classifies free text such as HSDS `application_process`.
    public static func classify(_ text: String?, description: String = "") -> ReferralRoute {
        let t = ByteText((text ?? "") + " " + (text == nil ? description : ""))
        if t.containsAny(["professional referral", "referral required", "must be referred", "referred by", "referral from",
                          "referral only", "need a referral", "needs a referral", "by referral", "referral voucher",
                          "referred through", "referred to us"]) {
            return .professionalReferral
        }
        if t.containsAny(["drop in", "drop-in", "just turn up", "walk in", "walk-in", "no referral needed", "no need to book"]) {
            return .dropIn
        }
        if t.contains("appointment") { return .appointment }
        if t.containsAny(["phone first", "call first", "ring first", "phone to check", "please ring", "ring us", "call us",
                          "phone us", "phone ahead", "please phone", "please call"]) {
            return .phoneFirst
        }
        if t.containsAny(["self-refer", "self refer", "refer yourself", "self-referral", "contact us", "get in touch", "online form"]) {
            return .selfReferral
        }
        return .unknown
    }
}

/// Whether a service is free.
public enum Cost: String, Sendable, Hashable, Codable, CaseIterable {
    case free
    /// A charge, even a small or voluntary one.
    case paid
    case unknown

    /// Classifies a fees text: "Free", "No charge", "£0", "Free, donations welcome" → free; "£2", "50p",
    /// "Pay what you can", "Free to join; shopping from £2" → paid.
    public static func classify(_ fees: String?) -> Cost {
        guard let raw = fees?.trimmed, !raw.isEmpty else { return .unknown }
        let f = ByteText(raw)
        var pence = false
        // A number followed by "p" (50p, 50 p) is a price in pence.
        let b = f.bytes
        for i in b.indices where b[i] >= 0x30 && b[i] <= 0x39 {
            var j = i + 1
            while j < b.count && b[j] == 0x20 { j += 1 }
            if j < b.count && b[j] == UInt8(ascii: "p") && (j + 1 == b.count || !(b[j + 1] >= 0x61 && b[j + 1] <= 0x7A)) { pence = true; break }
        }
        // `Free to join; shopping from £2` charges (it was free, and `--free` listed pay-as-you-feel shops);
        // `Free, donations welcome` does not, but mentions money.
        let charges = pence || f.containsAny(["£", "$", "pay what", "pay as you feel", "pay-as-you-feel"])
        let mentionsMoney = charges || f.containsAny(["donation", "charge of", "cost", "fee"])
        if f.hasPrefix("free") { return charges ? .paid : .free }
        // A price of nothing (`£0`, `£0.00`, `0`, `nil`) is free (`£0` was paid).
        let price = raw.lowercased().filter { $0 != " " && $0 != "£" && $0 != "$" }
        if ["nil", "zero"].contains(price) || (!price.isEmpty && price.allSatisfy({ $0 == "0" || $0 == "." }) && price.contains("0")) { return .free }
        if raw.lowercased() == "none" || f.hasPrefix("no charge") || f.contains("no cost") {
            return mentionsMoney && !f.contains("no cost") && !f.hasPrefix("no charge") ? .paid : .free
        }
        return mentionsMoney ? .paid : .unknown
    }
}
