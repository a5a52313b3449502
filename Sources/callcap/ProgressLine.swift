import CallcapKit
import Foundation

/// The progress line on standard error, when it is a terminal: rewritten
/// in place (at most ten times a second, cut to the terminal's width), and
/// ended before anything else is printed there, so a diagnostic never
/// lands in the middle of it. Once a stop is requested it is no longer
/// updated: the line shows where the run stopped, never a completion.
final class ProgressLine: @unchecked Sendable {
  static let shared = ProgressLine()

  private let lock = NSLock()
  /// Whether a line is shown and not yet ended.
  private var isOpen = false
  private var lastWrite = Date.distantPast

  /// Shows `text` in place of the current line; `force` skips the rate
  /// limit (a batch's last report).
  func show(_ text: String, force: Bool = false) {
    lock.lock()
    defer { lock.unlock() }
    guard !Interruption.isRequested else { return }
    guard force || -lastWrite.timeIntervalSinceNow >= 0.1 else { return }
    lastWrite = Date()
    isOpen = true
    write("\r" + Self.fitted(text, columns: Self.columns()) + "\u{1B}[K")
  }

  /// Ends the line shown, if any, with a newline, so what follows starts
  /// on a line of its own and the line stays visible.
  func end() {
    lock.lock()
    defer { lock.unlock() }
    guard isOpen else { return }
    isOpen = false
    write("\n")
  }

  /// Erases the line shown, if any (a scenario is done: its result line follows).
  func clear() {
    lock.lock()
    defer { lock.unlock() }
    guard isOpen else { return }
    isOpen = false
    write("\r\u{1B}[K")
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// `text` cut to fit in `columns` (a wrapped line could not be rewritten in place).
  static func fitted(_ text: String, columns: Int?) -> String {
    guard let columns, columns > 1, text.count >= columns else { return text }
    return String(text.prefix(columns - 2)) + "…"
  }

  /// The terminal's width, if standard error is one that says.
  static func columns() -> Int? {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }
}
