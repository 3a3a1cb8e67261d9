import Foundation

/// A progress line on a terminal for work that takes more than a second; silent otherwise.
final class Progress {
    private let total: Int
    private let label: String
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    /// Reports work done as a count of items.
    func update(done: Int) {
        if total > 0 { draw("\(label) \(done)/\(total)", fraction: Double(done) / Double(total)) } else { draw("\(label): \(done)", fraction: nil) }
    }

    /// Reports work done as bytes written.
    func update(bytes: Int) { draw("\(label) \(bytes / 1_000_000) MB", fraction: nil) }

    private func draw(_ text: String, fraction: Double?) {
        guard Terminal.stderrIsTTY, Date().timeIntervalSince(start) > 1, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        var line = "\r" + text
        if let f = fraction {
            let width = 30
            let filled = Int(Double(width) * min(1, f))
            line += " [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "]"
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        drawn = true
    }

    /// Clears the line and prints a closing message on stderr (when on a terminal).
    func finish(_ message: String) {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if Terminal.stderrIsTTY { FileHandle.standardError.write(Data((message + String(format: " (%.1f s)\n", Date().timeIntervalSince(start))).utf8)) }
    }
}
