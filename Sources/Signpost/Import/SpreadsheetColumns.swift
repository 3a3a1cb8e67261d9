/// The columns of the hub spreadsheet Signpost reads, and the spellings accepted for each header.
enum Column: Int, CaseIterable, Sendable {
    case id, name, organisation, description, categories, ward, address, postcode, latitude, longitude
    case phone, email, website, openingHours, referral, minAge, maxAge, languages, cost, lastVerified
    case status, serviceAreas, eligibility, applicationProcess

    /// The header Signpost writes (`opening_hours`).
    var header: String { Column.headers[rawValue] }
    private static let headers = allCases.map { $0.spellings[0] }

    var spellings: [String] {
        switch self {
        case .id: ["id", "service id", "service_id", "ref"]
        case .name: ["name", "service name", "service"]
        case .organisation: ["organisation", "organization", "org", "provider", "organisation name", "organization name", "provider name"]
        case .description: ["description", "details", "about the service", "about", "what we do", "service description"]
        case .categories: ["categories", "category", "taxonomy", "type of help", "type of service", "service type", "kind of help"]
        case .ward: ["ward"]
        case .address: ["address", "address 1", "street"]
        case .postcode: ["postcode", "post code", "postal code", "postal_code", "zip"]
        case .latitude: ["latitude", "lat"]
        case .longitude: ["longitude", "lon", "lng", "long"]
        case .phone: ["phone", "telephone", "tel", "phone number"]
        case .email: ["email", "e-mail", "email address"]
        case .website: ["website", "url", "web"]
        case .openingHours: ["opening_hours", "opening hours", "hours", "opening times", "opening time", "times", "when open", "open hours"]
        case .referral: ["referral", "referral route", "access", "how to access"]
        case .minAge: ["min_age", "minimum age", "minimum_age", "age from"]
        case .maxAge: ["max_age", "maximum age", "maximum_age", "age to"]
        case .languages: ["languages", "language", "languages spoken"]
        case .cost: ["cost", "fees", "fee", "price"]
        case .lastVerified: ["last_verified", "last verified", "assured_date", "verified", "checked", "last checked", "date last checked",
                             "date checked", "last updated", "date updated", "updated", "date verified", "last reviewed"]
        case .status: ["status"]
        case .serviceAreas: ["service_areas", "service areas", "areas served", "serves"]
        case .eligibility: ["eligibility", "who for", "who it is for"]
        case .applicationProcess: ["application_process", "application process", "how to apply"]
        }
    }

    /// The column a header names (case, spaces, `_` and `-` aside: `OpeningHours` and `opening-hours`
    /// are `opening_hours`), or nil.
    init?(header: String) {
        let k = Column.key(header)
        guard let c = Column.allCases.first(where: { $0.spellings.contains { Column.key($0) == k } }) else { return nil }
        self = c
    }

    /// A header as compared: lower case, without spaces, `_` and `-`.
    static func key(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "_" && $0 != "-" }.map(Character.init))
    }

    /// The column an unknown header was probably meant to be (`opening_hous`), for a hint.
    static func likely(_ header: String) -> Column? {
        let k = key(header)
        guard k.count >= 4 else { return nil }
        return EditDistance.nearest(k, among: allCases.lazy.flatMap { c in c.spellings.lazy.map { (key: key($0), value: c) } }, limit: { _ in 2 })
    }
}

/// Where each column is in a spreadsheet's rows.
struct ColumnMap: Sendable {
    private var positions = [Int?](repeating: nil, count: Column.allCases.count)
    /// Later columns with the same header, by column (a sheet with `opening_hours` twice, the first empty).
    private var alternates = [[Int]](repeating: [], count: Column.allCases.count)

    subscript(column: Column) -> Int? {
        get { positions[column.rawValue] }
        set { positions[column.rawValue] = newValue }
    }

    /// Another position of a column already placed, read where the first is blank.
    mutating func addAlternate(_ column: Column, _ position: Int) { alternates[column.rawValue].append(position) }

    /// A column's field in a row, unless the row has no such field or it is blank (the first of its
    /// positions that is not).
    func cell(_ column: Column, of record: CSVTable.Record) -> Row.Cell? {
        guard let first = positions[column.rawValue] else { return nil }
        for k in CollectionOfOne(first) + alternates[column.rawValue] where k < record.fields.count {
            let f = record.fields[k]
            let text = f.value.trimmed
            if !text.isEmpty { return Row.Cell(field: f, text: text) }
        }
        return nil
    }
}

/// One spreadsheet row, its non-blank cells found by column once.
struct Row {
    /// A non-blank field, and its value without surrounding white space.
    struct Cell {
        var field: CSVTable.Field
        var text: String
    }

    private var cells: [Cell?]

    /// Where a blank required cell is (a missing name was reported without its column).
    private var nameField: CSVTable.Field?

    init(record: CSVTable.Record, columns: ColumnMap) {
        cells = Column.allCases.map { columns.cell($0, of: record) }
        if let k = columns[.name], k < record.fields.count { nameField = record.fields[k] }
    }

    /// The name column's field of the row, blank or not.
    var nameCell: CSVTable.Field? { nameField }

    func cell(_ column: Column) -> Cell? { cells[column.rawValue] }
    func value(_ column: Column) -> String? { cells[column.rawValue]?.text }
}
