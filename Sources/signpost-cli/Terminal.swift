import Foundation
@preconcurrency import Rainbow

/// Terminal output: colour only on a terminal and never with NO_COLOR; messages on stderr.
enum Terminal {
    static let stdoutIsTTY = isatty(STDOUT_FILENO) != 0
    static let stderrIsTTY = isatty(STDERR_FILENO) != 0
    static let colour: Bool = {
        let env = ProcessInfo.processInfo.environment
        return stdoutIsTTY && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
    }()

    static func configure() {
        Rainbow.enabled = colour
    }

    static var width: Int {
        var w = winsize()
        if stdoutIsTTY, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 20 { return min(Int(w.ws_col), 100) }
        return 80
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("signpost: " + message + "\n").utf8))
    }

    /// A line of information for the person at the terminal (on standard error, so that standard
    /// output stays the data).
    static func note(_ message: String) { error(message) }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("signpost: warning: " + message + "\n").utf8))
    }

    /// Writes to stdout without buffering surprises.
    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }

    /// Wraps text to a width, indenting continuation lines.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        var visible = indent.count
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = String(word)
            let len = visibleLength(w)
            if visible + len + 1 > width && visible > indent.count {
                lines.append(line)
                line = indent
                visible = indent.count
            }
            if visible > indent.count { line += " "; visible += 1 }
            line += w
            visible += len
        }
        if visible > indent.count { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// Length without ANSI escapes.
    static func visibleLength(_ s: String) -> Int {
        var n = 0
        var inEscape = false
        for ch in s.unicodeScalars {
            if inEscape { if ch == "m" { inEscape = false }; continue }
            if ch == "\u{1B}" { inEscape = true; continue }
            n += 1
        }
        return n
    }
}
