/// Reads call records from JSON without holding the file: the Calls API's
/// page (an object whose `calls` member is an array of records) or the
/// Twilio CLI's `-o json` output (an array of records). A pull tokenizer
/// walks the bytes once; each record object becomes a ``RawRecord`` handed
/// to `visit` and forgotten, so memory does not grow with the file.
///
/// Members callcap does not read (`subresource_uris`, `price`, ...) are
/// skipped whatever their type. A syntax error (a truncated file, a stray
/// byte) stops the file with its line and column: after it, where the
/// next record starts is unknown.
final class JSONRecordReader {
  private let source: RecordSource
  private var scratch: [UInt8] = []
  /// Member names seen so far and the field each names: a file repeats the
  /// same few names millions of times.
  private var fields: [String: RecordField?] = [:]
  /// Deeper nesting than this is refused rather than followed.
  static let maximumDepth = 64

  init(source: RecordSource) {
    self.source = source
  }

  func read(visit: (RawRecord) -> Void) throws(RecordFileError) {
    try skipWhitespace(allowingByteOrderMark: true)
    switch try source.peek() {
    case UInt8(ascii: "["):
      try readRecordArray(visit: visit)
    case UInt8(ascii: "{"):
      source.advance()
      var foundCalls = false
      try readMembers { key, line, column throws(RecordFileError) in
        if key == "calls" {
          guard try source.peek() == UInt8(ascii: "[") else {
            throw error("'calls' is not an array of call records", line: line, column: column)
          }
          try readRecordArray(visit: visit)
          foundCalls = true
        } else {
          try skipValue()
        }
      }
      if !foundCalls { throw error("no 'calls' array: not a Calls API page (nor a Twilio CLI array)", line: 1, column: 1) }
    default:
      throw error("expected '[' or '{' at the start of a JSON call-record file")
    }
    try skipWhitespace()
    if try source.peek() != nil { throw error("unexpected data after the end of the JSON document") }
  }

  // MARK: Records

  private func readRecordArray(visit: (RawRecord) -> Void) throws(RecordFileError) {
    var count = 0
    source.advance()  // [
    try skipWhitespace()
    if try source.peek() == UInt8(ascii: "]") {
      source.advance()
      return
    }
    while true {
      try skipWhitespace()
      var record = RawRecord(line: source.line, column: source.column)
      if try source.peek() == UInt8(ascii: "{") {
        source.advance()
        try readMembers { key, _, _ throws(RecordFileError) in
          let field: RecordField?
          if let known = fields[key] {
            field = known
          } else {
            field = RecordField(name: key)
            if fields.count < 1024 { fields[key] = field }
          }
          guard let field else { return try skipValue() }
          switch try scalar() {
          case .text(let text): record[field] = text
          case .null: record[field] = nil
          case .structured:
            if record.problem == nil { record.problem = "'\(key)' is not a string or a number" }
          }
        }
      } else {
        try skipValue()
        record.problem = "an array element that is not a call record (a JSON object)"
      }
      visit(record)
      count += 1
      if count & 0x3FFF == 0 && Interruption.isRequested { throw error("interrupted") }
      try skipWhitespace()
      switch try source.peek() {
      case UInt8(ascii: ","): source.advance()
      case UInt8(ascii: "]"):
        source.advance()
        return
      case nil: throw error("the file ends inside the array of call records (truncated?)")
      default: throw error("expected ',' or ']' after a call record")
      }
    }
  }

  /// Reads `"key": value` pairs up to the closing brace (the opening one
  /// already consumed); `member` must consume the value.
  private func readMembers(_ member: (String, Int, Int) throws(RecordFileError) -> Void) throws(RecordFileError) {
    try skipWhitespace()
    if try source.peek() == UInt8(ascii: "}") {
      source.advance()
      return
    }
    while true {
      try skipWhitespace()
      guard try source.peek() == UInt8(ascii: "\"") else {
        throw try source.peek() == nil ? error("the file ends inside an object (truncated?)") : error("expected a member name in quotes")
      }
      let key = try string()
      try skipWhitespace()
      guard try source.peek() == UInt8(ascii: ":") else { throw error("expected ':' after the member name \"\(key.prefix(40))\"") }
      source.advance()
      try skipWhitespace()
      try member(key, source.line, source.column)
      try skipWhitespace()
      switch try source.peek() {
      case UInt8(ascii: ","): source.advance()
      case UInt8(ascii: "}"):
        source.advance()
        return
      case nil: throw error("the file ends inside an object (truncated?)")
      default: throw error("expected ',' or '}' after a member value")
      }
    }
  }

  // MARK: Values

  private enum Scalar {
    case text(String)
    case null
    case structured
  }

  /// A string, number or literal as text; objects and arrays are skipped.
  private func scalar() throws(RecordFileError) -> Scalar {
    switch try source.peek() {
    case UInt8(ascii: "\""): return .text(try string())
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      try skipValue()
      return .structured
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "t"):
      try literal("true")
      return .text("true")
    case UInt8(ascii: "f"):
      try literal("false")
      return .text("false")
    case nil: throw error("the file ends where a value was expected (truncated?)")
    default: return .text(try number())
    }
  }

  private func literal(_ word: StaticString) throws(RecordFileError) {
    let (line, column) = (source.line, source.column)
    for byte in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
      guard try source.peek() == byte else { throw error("invalid literal (expected \(word))", line: line, column: column) }
      source.advance()
    }
  }

  private func number() throws(RecordFileError) -> String {
    scratch.removeAll(keepingCapacity: true)
    while let byte = try source.peek(), isNumberByte(byte) {
      scratch.append(byte)
      source.advance()
      if scratch.count > 64 { throw error("a number longer than 64 characters") }
    }
    guard !scratch.isEmpty, Double(String(decoding: scratch, as: UTF8.self)) != nil else {
      throw error("expected a JSON value")
    }
    return String(decoding: scratch, as: UTF8.self)
  }

  private func isNumberByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
      || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
  }

  /// A JSON string (the opening quote next), escapes decoded, UTF-8 checked.
  private func string() throws(RecordFileError) -> String {
    let (line, column) = (source.line, source.column)
    source.advance()
    scratch.removeAll(keepingCapacity: true)
    while true {
      if source.copyStringRun(into: &scratch) == nil, scratch.count > 1 << 16 {
        throw error("a string longer than 64 KiB", line: line, column: column)
      }
      guard let byte = try source.peek() else { throw error("the file ends inside a string (truncated?)", line: line, column: column) }
      source.advance()
      switch byte {
      case UInt8(ascii: "\""):
        if !scratch.contains(where: { $0 >= 0x80 }) { return String(decoding: scratch, as: UTF8.self) }
        guard let text = String(validating: scratch, as: UTF8.self) else {
          throw error("a string that is not valid UTF-8", line: line, column: column)
        }
        return text
      case UInt8(ascii: "\\"):
        try escape()
      case 0..<0x20:
        throw error("a control character (0x\(String(byte, radix: 16))) inside a string")
      default:
        scratch.append(byte)
      }
      if scratch.count > 1 << 16 { throw error("a string longer than 64 KiB", line: line, column: column) }
    }
  }

  private func escape() throws(RecordFileError) {
    guard let byte = try source.peek() else { throw error("the file ends inside a string (truncated?)") }
    source.advance()
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
    case UInt8(ascii: "b"): scratch.append(0x08)
    case UInt8(ascii: "f"): scratch.append(0x0C)
    case UInt8(ascii: "n"): scratch.append(0x0A)
    case UInt8(ascii: "r"): scratch.append(0x0D)
    case UInt8(ascii: "t"): scratch.append(0x09)
    case UInt8(ascii: "u"):
      var value = try hex4()
      if (0xD800..<0xDC00).contains(value) {
        guard try source.peek() == UInt8(ascii: "\\") else { throw error("an unpaired surrogate in a \\u escape") }
        source.advance()
        guard try source.peek() == UInt8(ascii: "u") else { throw error("an unpaired surrogate in a \\u escape") }
        source.advance()
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low) else { throw error("an unpaired surrogate in a \\u escape") }
        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00..<0xE000).contains(value) {
        throw error("an unpaired surrogate in a \\u escape")
      }
      scratch.append(contentsOf: Array(String(Character(Unicode.Scalar(value)!)).utf8))
    default: throw error("an invalid escape '\\\(Character(Unicode.Scalar(byte)))' in a string")
    }
  }

  private func hex4() throws(RecordFileError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = try source.peek(), let digit = hexDigit(byte) else { throw error("an invalid \\u escape") }
      source.advance()
      value = value << 4 | digit
    }
    return value
  }

  private func hexDigit(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 0x30...0x39: UInt32(byte - 0x30)
    case 0x41...0x46: UInt32(byte - 0x41 + 10)
    case 0x61...0x66: UInt32(byte - 0x61 + 10)
    default: nil
    }
  }

  /// Skips any value, nested ones included, without recursion.
  private func skipValue() throws(RecordFileError) {
    var depth = 0
    repeat {
      try skipWhitespace()
      guard let byte = try source.peek() else { throw error("the file ends inside a value (truncated?)") }
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        if depth > Self.maximumDepth { throw error("values nested deeper than \(Self.maximumDepth) levels") }
        source.advance()
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        guard depth > 0 else { throw error("expected a JSON value") }
        depth -= 1
        source.advance()
      case UInt8(ascii: ","), UInt8(ascii: ":"):
        guard depth > 0 else { throw error("expected a JSON value") }
        source.advance()
      case UInt8(ascii: "\""): _ = try string()
      default: _ = try scalar()
      }
    } while depth > 0
  }

  private func skipWhitespace(allowingByteOrderMark: Bool = false) throws(RecordFileError) {
    if allowingByteOrderMark, try source.peek() == 0xEF {
      for byte: UInt8 in [0xEF, 0xBB, 0xBF] {
        guard try source.peek() == byte else { throw error("expected '[' or '{' at the start of a JSON call-record file") }
        source.advance()
      }
    }
    while let byte = try source.peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
      source.advance()
    }
  }

  private func error(_ message: String, line: Int? = nil, column: Int? = nil) -> RecordFileError {
    RecordFileError(line: line ?? source.line, column: column ?? source.column, message)
  }
}
