/// `x == nil` and `x != nil`, answered from the optional's tag alone.
///
/// For an optional whose value is `Equatable`, Swift resolves `x == nil` to the standard library's
/// `==` of two optionals, with `nil` made an optional of the same type, and the optimiser does not
/// see through it: a test for no place or no time compared two optional places in full (a copy of
/// each, their strings compared), about a hundred instructions where three do. These overloads are
/// more specific, so the type checker picks them for every `== nil` and `!= nil` in this module.
/// The answer is the same; only the work is not.
extension Optional where Wrapped: Equatable {
    @inline(__always)
    static func == (lhs: Self, rhs: _OptionalNilComparisonType) -> Bool {
        if case .none = lhs { return true }
        return false
    }

    @inline(__always)
    static func != (lhs: Self, rhs: _OptionalNilComparisonType) -> Bool {
        if case .none = lhs { return false }
        return true
    }
}
