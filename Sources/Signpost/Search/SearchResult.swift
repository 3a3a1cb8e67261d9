/// One service found, with why it was found and where it ranks.
public struct SearchResult: Sendable {
    /// Document number in the snapshot.
    public var document: Int
    /// Where the service is stored; it is decoded when asked for, so that ranking never pays for it.
    let store: DocumentStore
    /// The service (decoded from the snapshot on each access: keep it in a local when using it often).
    public var service: Service { store[document] }
    /// The text relevance (BM25F over the words typed and their expansions).
    public var textScore: Float
    /// How strongly the service's categories match the needs recognised (0 when none).
    public var needScore: Double
    /// How the service relates to the place asked for.
    public var placeMatch: PlaceMatch
    /// Set when the result only appears because a constraint was relaxed.
    public var relaxation: Relaxation?
    /// Matched terms and the fields they were found in (filled when the request asks to explain).
    public var matches: [TermMatch]
    /// The question named this service in full (``QueryIntent`` found its name): why it comes first.
    public var namedInQuestion = false

    /// A single number for display: need, place and text combined the way results are ordered.
    public var score: Double {
        needScore * 100 + Double(placeMatch.rank) * 10 + Double(textScore)
    }
}

/// How a service relates to the place asked for.
public enum PlaceMatch: String, Sendable, Hashable {
    /// No place was asked for.
    case none
    /// A location in the postcode district asked for.
    case inDistrict = "in-district"
    /// A location in the ward (or a ward of the postcode district).
    case located
    /// A service area names the ward.
    case servesWard = "serves-ward"
    /// Serves the whole city.
    case servesCity = "serves-city"
    /// Located in a neighbouring ward (shown only as a labelled relaxation).
    case neighbouring

    /// Higher ranks first.
    public var rank: Int {
        switch self {
        case .inDistrict: return 5
        case .located: return 4
        case .servesWard: return 3
        case .servesCity: return 2
        case .neighbouring: return 1
        case .none: return 0
        }
    }

    public var label: String {
        switch self {
        case .none: return ""
        case .inDistrict: return "in the postcode district"
        case .located: return "in the ward"
        case .servesWard: return "serves the ward"
        case .servesCity: return "serves all of the city"
        case .neighbouring: return "in a neighbouring ward"
        }
    }
}

/// Which constraint was relaxed to show a result.
public enum Relaxation: String, Sendable, Hashable {
    /// The place: shown from neighbouring wards.
    case place
    /// The time: shown although not open when asked.
    case time
    /// Both.
    case placeAndTime = "place-and-time"
    /// The language: nothing matching is offered in the one asked for, so those that match otherwise
    /// are shown, to ask about an interpreter.
    case language
}

/// A matched term.
public struct TermMatch: Sendable, Hashable {
    public var term: String
    public var display: String
    public var origin: SearchTerm.Origin
    public var fields: [IndexField]
    /// This term's contribution to the text score.
    public var score: Float
}

/// The answer to a search.
public struct SearchResponse: Sendable {
    public var intent: QueryIntent
    /// Results in order (strict matches first, then any labelled relaxations).
    public var results: [SearchResult]
    /// How many services match everything asked (before `limit`).
    public var totalMatches: Int
    /// False when the search stopped once it had the best results (large directories): then
    /// `totalMatches` counts only those examined, and more match.
    public var totalIsExact: Bool = true
    /// When nothing (or too little) matched everything: what was relaxed, said plainly.
    public var notices: [String]
    /// The one of `notices` that heads the relaxed results (`Also in neighbouring wards (...):`), for
    /// front ends that print it above them rather than with the other notices; nil when none are relaxed.
    public var relaxationHeading: String? = nil
    /// The wards asked about, by name (typed, or given as a filter): a service at several sites is
    /// shown at the one there.
    public var placeWards: [String] = []
    /// The notices other than ``relaxationHeading``: a time that cannot be, a question cut short, a
    /// filter nothing has; when nothing matched, the last one says so (`Nothing is open ... in Armley.`).
    public var generalNotices: [String] { notices.filter { $0 != relaxationHeading } }

    /// The general notices as front ends show them: those to print above the results, and, when
    /// nothing matched, the one that says so in place of a count (the last; "Nothing matched." when
    /// none does). One rule for the CLI and the page.
    public var noticesToShow: (above: [String], nothingMatched: String?) {
        let general = generalNotices
        guard totalMatches == 0 else { return (general, nil) }
        return (Array(general.dropLast()), general.last ?? "Nothing matched.")
    }
    /// The reference instant (UTC seconds) and its wall-clock minute.
    public var now: Int64
    public var wallNow: Int64
    /// The time windows applied, with their label (nil when no time was asked).
    public var timeLabel: String?
    /// How many services were looked at as candidates (for benchmarks and --explain).
    public var candidates: Int = 0
}
