import CSV
import Foundation

/// Reads call records from a CSV export with a header row, streaming
/// (CSV.swift over an `InputStream`, RFC 4180 quoting, LF or CRLF). Header
/// names are matched ignoring case, spaces and underscores; columns
/// callcap does not read are ignored. Line numbers count the line breaks
/// inside quoted fields, so they are the file's own.
enum CSVRecordReader {
  static func read(path: String, visit: (RawRecord) -> Void) throws(RecordFileError) {
    guard let stream = InputStream(fileAtPath: path) else {
      throw RecordFileError(line: nil, column: nil, "cannot open", unreadable: true)
    }
    let reader: CSVReader
    do {
      reader = try CSVReader(stream: stream, hasHeaderRow: false)
    } catch {
      throw RecordFileError(line: 1, column: 1, "cannot read as CSV: \(error)")
    }
    guard var header = reader.next() else {
      throw RecordFileError(line: 1, column: 1, reader.error.map { "not a CSV file: \($0)" } ?? "empty file: no header row")
    }
    if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
    let columns = header.map { RecordField(name: $0) }
    let missing = RecordField.required.filter { !columns.contains($0) }
    if !missing.isEmpty {
      throw RecordFileError(
        line: 1, column: 1,
        "the header has no \(missing.map { "'\($0.headerName)'" }.joined(separator: ", ")) column "
          + "(it has: \(header.prefix(20).map { $0.prefix(40) }.joined(separator: ", ")))")
    }
    var line = 2 + lineBreaks(in: header)
    var rows = 0
    while let row = reader.next() {
      var record = RawRecord(line: line)
      line += 1 + lineBreaks(in: row)
      // A blank line (one empty field) is not a record.
      if row.count == 1 && row[0].isEmpty { continue }
      if row.count != columns.count {
        record.problem = "the row has \(row.count) field\(row.count == 1 ? "" : "s"); the header has \(columns.count)"
      } else {
        for (index, field) in columns.enumerated() {
          if let field { record[field] = row[index] }
        }
      }
      visit(record)
      rows += 1
      if rows & 0x3FFF == 0 && Interruption.isRequested { throw RecordFileError(line: line, column: 1, "interrupted") }
    }
    // On Linux `InputStream.hasBytesAvailable` stays true at the end of a
    // file, so CSV.swift tries one more byte and reports `cannotReadFile`
    // there: at the end of the stream that is the end of the data.
    if let error = reader.error, !(isEndOfStream(error) && stream.streamStatus == .atEnd) {
      throw RecordFileError(line: line, column: 1, "malformed CSV (\(error)); reading stopped here")
    }
  }

  private static func isEndOfStream(_ error: Error) -> Bool {
    if case CSVError.cannotReadFile = error { return true }
    return false
  }

  private static func lineBreaks(in row: [String]) -> Int {
    row.reduce(0) { count, field in count + field.utf8.count { $0 == 0x0A } }
  }
}
