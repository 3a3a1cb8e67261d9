import CICU
import Synchronization

/// An ICU call that failed, with ICU's symbolic error name.
public struct ICUError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var code: Int32

    public var description: String {
        "ICU could not \(operation): \(String(cString: cicu_error_name(code)))"
    }
}

/// A small pool of non-thread-safe ICU objects (break iterators, transliterators, stemmers).
///
/// A caller borrows one object for the duration of a closure; concurrent callers get different
/// objects. Objects are created on demand and kept for reuse.
final class _ICUPool<Object: AnyObject>: Sendable {
    private let make: @Sendable () throws -> Object
    private let free: Mutex<[_Unchecked<Object>]>

    init(_ make: @escaping @Sendable () throws -> Object) {
        self.make = make
        self.free = Mutex([])
    }

    /// Runs `body` with a pooled object; nil only when a new object cannot be created.
    func with<R>(_ body: (Object) throws -> R) rethrows -> R? {
        let borrowed = free.withLock { $0.popLast() }
        let object: Object
        if let borrowed {
            object = borrowed.value
        } else {
            guard let made = try? make() else { return nil }
            object = made
        }
        defer { free.withLock { $0.append(_Unchecked(value: object)) } }
        return try body(object)
    }
}

/// Carries a non-Sendable reference through the pool's mutex; only one borrower uses it at a time.
struct _Unchecked<Value>: @unchecked Sendable {
    var value: Value
}

/// ICU and Unicode versions of the linked library.
public enum ICUInfo {
    /// ICU's version, e.g. "72.1".
    public static var icuVersion: String { versions().0 }
    /// The Unicode version ICU implements, e.g. "15.0".
    public static var unicodeVersion: String { versions().1 }

    private static func versions() -> (String, String) {
        var icu = [CChar](repeating: 0, count: 32)
        var uni = [CChar](repeating: 0, count: 32)
        cicu_versions(&icu, &uni, 32)
        func text(_ c: [CChar]) -> String { String(decoding: c.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return (text(icu), text(uni))
    }
}
