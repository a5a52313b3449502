import CSV
import Foundation

/// The CSV data files a scenario refers to (empirical samples, profile
/// rates), read with RFC 4180 rules: LF or CRLF line ends, quoted fields.
enum DataFile {
  /// Largest data file read, in bytes.
  static let maxBytes = 256 * 1024 * 1024

  /// Records the paths read while a scenario loads (see ``DataFileLog``).
  @TaskLocal static var log: DataFileLog?

  /// The rows of `file` (relative to `baseDirectory` unless absolute); row
  /// `i` is line `i + 1` of a file without quoted line breaks.
  static func rows(file: String, baseDirectory: String, what: String) -> Result<[[String]], QuantityError> {
    let path = file.hasPrefix("/") ? file : baseDirectory + "/" + file
    log?.record(path)
    let text: String
    switch InputFile.text(path, limit: maxBytes) {
    case .success(let read): text = read
    case .failure(let failure): return .failure(QuantityError("cannot read \(what) '\(file)' (looked in \(path)): \(failure.reason)"))
    }
    do {
      let reader = try CSVReader(string: text)
      var rows: [[String]] = []
      while let row = reader.next() { rows.append(row) }
      if reader.error != nil { return .failure(QuantityError("cannot read \(what) '\(file)' as CSV")) }
      return .success(rows)
    } catch {
      return .failure(QuantityError("cannot read \(what) '\(file)' as CSV"))
    }
  }
}

/// The data files a scenario read while loading, for its fingerprint
/// (``ScenarioFingerprint``): `DataFileLog.recording { loader.load(path: p) }`.
public final class DataFileLog: @unchecked Sendable {
  private let lock = NSLock()
  private var recorded: [String] = []

  /// The paths read, each once, in the order first read.
  public var paths: [String] {
    lock.lock()
    defer { lock.unlock() }
    return recorded
  }

  func record(_ path: String) {
    lock.lock()
    if !recorded.contains(path) { recorded.append(path) }
    lock.unlock()
  }

  /// Runs `body` (a scenario load) and returns its value with the data files it read.
  public static func recording<T>(_ body: () throws -> T) rethrows -> (value: T, dataFiles: [String]) {
    let log = DataFileLog()
    let value = try DataFile.$log.withValue(log) { try body() }
    return (value, log.paths)
  }
}
