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
        let k = loose.lowercased().filter { $0.isLetter }
        switch k {
        case "dropin", "walkin", "open": self = .dropIn
        case "selfreferral", "self", "selfrefer": self = .selfReferral
        case "professionalreferral", "professional", "referral", "referralonly", "referralrequired": self = .professionalReferral
        case "phonefirst", "phone", "callfirst", "ringfirst": self = .phoneFirst
        case "appointment", "byappointment", "appointmentonly", "byappointmentonly": self = .appointment
        case "", "unknown": self = .unknown
        default: return nil
        }
    }

    /// Classifies free text such as HSDS `application_process`.
    public static func classify(_ text: String?, description: String = "") -> ReferralRoute {
        let t = ((text ?? "") + " " + (text == nil ? description : "")).lowercased()
        if t.contains("professional referral") || t.contains("referral required") || t.contains("must be referred")
            || t.contains("referred by") || t.contains("referral from") || t.contains("referral only")
            || t.contains("need a referral") || t.contains("needs a referral") || t.contains("by referral")
            || t.contains("referral voucher") || t.contains("referred through") || t.contains("referred to us") {
            return .professionalReferral
        }
        if t.contains("drop in") || t.contains("drop-in") || t.contains("just turn up") || t.contains("walk in")
            || t.contains("walk-in") || t.contains("no referral needed") || t.contains("no need to book") {
            return .dropIn
        }
        if t.contains("appointment") { return .appointment }
        if t.contains("phone first") || t.contains("call first") || t.contains("ring first") || t.contains("phone to check")
            || t.contains("please ring") || t.contains("ring us") || t.contains("call us") || t.contains("phone us")
            || t.contains("phone ahead") || t.contains("please phone") || t.contains("please call") {
            return .phoneFirst
        }
        if t.contains("self-refer") || t.contains("self refer") || t.contains("refer yourself") || t.contains("self-referral")
            || t.contains("contact us") || t.contains("get in touch") || t.contains("online form") {
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

    /// Classifies a fees text: "Free", "No charge" → free; "£2", "50p", "Pay what you can" → paid.
    public static func classify(_ fees: String?) -> Cost {
        guard let f = fees?.lowercased().trimmingCharacters(in: .whitespacesAndNewlines), !f.isEmpty else { return .unknown }
        let mentionsMoney = f.contains("£") || f.range(of: #"\d+\s*p\b"#, options: .regularExpression) != nil
            || f.contains("pay what") || f.contains("donation") || f.contains("charge of") || f.contains("cost")
            || f.contains("fee") || f.contains("$")
        if f.hasPrefix("free") || f == "none" || f == "no charge" || f.contains("no cost") || f.hasPrefix("no charge") {
            return mentionsMoney && !f.hasPrefix("free") ? .paid : .free
        }
        return mentionsMoney ? .paid : .unknown
    }
}
