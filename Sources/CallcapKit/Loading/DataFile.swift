import CSV
import Foundation

/// The CSV data files a scenario refers to (empirical samples, profile
/// rates), read with RFC 4180 rules: LF or CRLF line ends, quoted fields.
enum DataFile {
  /// Largest data file read, in bytes.
  static let maxBytes = 256 * 1024 * 1024

  /// The rows of `file` (relative to `baseDirectory` unless absolute); row
  /// `i` is line `i + 1` of a file without quoted line breaks.
  static func rows(file: String, baseDirectory: String, what: String) -> Result<[[String]], QuantityError> {
    let path = file.hasPrefix("/") ? file : baseDirectory + "/" + file
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
