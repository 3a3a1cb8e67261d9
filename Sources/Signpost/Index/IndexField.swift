/// The text fields of a service that are indexed, each with its own BM25F weight and length
/// normalisation: the name and categories say what a service *is*; the description may only
/// mention things.
public enum IndexField: Int, Sendable, CaseIterable, Codable {
    case name = 0
    case categories
    case organisation
    case description
    /// Eligibility, fees, how to access, location names.
    case details

    public static let count = 5

    /// BM25F field weight.
    public var weight: Float {
        switch self {
        case .name: return 3.0
        case .categories: return 2.5
        case .organisation: return 1.2
        case .description: return 1.0
        case .details: return 0.4
        }
    }

    /// BM25F length-normalisation strength `b`.
    public var lengthNormalisation: Float {
        switch self {
        case .name: return 0.5
        case .categories: return 0.3
        case .organisation: return 0.4
        case .description: return 0.75
        case .details: return 0.75
        }
    }

    public var label: String {
        switch self {
        case .name: return "name"
        case .categories: return "categories"
        case .organisation: return "organisation"
        case .description: return "description"
        case .details: return "details"
        }
    }

    /// The text of this field in a service.
    public func text(of s: Service) -> String {
        switch self {
        case .name: return s.name
        case .categories: return s.categories.map(\.name).joined(separator: " ; ")
        case .organisation: return s.organisation?.name ?? ""
        case .description: return s.description
        case .details:
            var parts: [String] = []
            if let e = s.eligibility { parts.append(e) }
            if let a = s.applicationProcess { parts.append(a) }
            if let f = s.fees { parts.append(f) }
            for l in s.locations { if let n = l.name { parts.append(n) } }
            return parts.joined(separator: " ; ")
        }
    }
}

/// BM25 parameters shared by index and search.
public enum BM25 {
    public static let k1: Float = 1.2

    /// Inverse document frequency, BM25's smoothed form (always positive).
    @inlinable
    public static func idf(docFrequency df: Int, documents n: Int) -> Float {
        Float(log(1.0 + (Double(n) - Double(df) + 0.5) / (Double(df) + 0.5)))
    }

    /// Saturation of a pseudo term frequency.
    @inlinable
    public static func saturate(_ tf: Float) -> Float { tf / (k1 + tf) }
}

import Foundation
