/// A parsed JSON value that remembers where it was in the file, so that a diagnostic about a field
/// can name the line and column of the offending value.
public struct JSONValue: Sendable {
    /// The value's kind and contents.
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        /// A number, with its literal text (so that `007` or `1e3` can be reported as written).
        case number(Double, literal: String)
        case string(String)
        case array([JSONValue])
        /// Members in file order (duplicate keys are kept; lookups take the first).
        case object([(key: String, value: JSONValue)])
    }

    public var kind: Kind
    /// Byte offset of the value's first character in the file.
    public var offset: Int

    public init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// The member named `key` of an object, or nil (also for non-objects).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    public var isNull: Bool { if case .null = kind { return true } else { return false } }

    public var string: String? { if case .string(let s) = kind { return s } else { return nil } }

    public var array: [JSONValue]? { if case .array(let a) = kind { return a } else { return nil } }

    public var members: [(key: String, value: JSONValue)]? {
        if case .object(let m) = kind { return m } else { return nil }
    }

    /// A short rendering of the value in prose: strings quoted, containers summarised. (Diagnostics
    /// use ``diagnosticValue``, which they quote themselves.)
    public var display: String {
        switch kind {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(_, let literal): return literal
        case .string(let s): return "\"\(s.count > 60 ? String(s.prefix(57)) + "…" : s)\""
        case .array(let a): return "an array of \(a.count)"
        case .object: return "an object"
        }
    }

    /// The value as a diagnostic shows it (which quotes it): a string's own text (its first 200
    /// characters: a report keeps one per problem), a number as written, `true`, `false` or `null`;
    /// nil for an array or object, which the message names with ``containerNote`` instead.
    public var diagnosticValue: String? {
        switch kind {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(_, let literal): return literal
        case .string(let s): return s.utf8.count > 200 && s.count > 200 ? String(s.prefix(199)) + "…" : s
        case .array, .object: return nil
        }
    }

    /// For a message about an array or object, whose value is not shown: ", not an array" or
    /// ", not an object"; empty for other values.
    public var containerNote: String {
        switch kind {
        case .array, .object: return ", not \(typeName)"
        default: return ""
        }
    }

    /// The JSON type name, for messages ("a string", "a number").
    public var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
