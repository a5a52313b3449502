import Foundation

extension JSONValue {
  /// Why a text is not one JSON value: the byte offset and what was expected.
  public struct ParseError: Error, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String { "offset \(offset): \(message)" }
  }

  /// Reads one JSON document (RFC 8259), whitespace around it allowed.
  /// Used to bring `Encodable` values into the value layer and by tests to
  /// read `--json` back, so numbers keep the exact `Double` they print.
  public static func parse(_ text: String) throws(ParseError) -> JSONValue {
    var reader = Reader(bytes: Array(text.utf8))
    reader.skipSpace()
    let value = try reader.value(depth: 0)
    reader.skipSpace()
    guard reader.index == reader.bytes.count else { throw ParseError(offset: reader.index, message: "data after the value") }
    return value
  }

  /// An `Encodable` value as JSON (keys in snake case when `snakeCase`).
  /// Its types encode only strings, numbers, booleans, arrays and keyed
  /// containers, so encoding cannot fail; should it, the result is `null`.
  static func encoding(_ value: some Encodable, snakeCase: Bool = true) -> JSONValue {
    let encoder = JSONEncoder()
    if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    guard let data = try? encoder.encode(value), let parsed = try? parse(String(decoding: data, as: UTF8.self)) else { return .null }
    return parsed.replacingNonFinite()
  }

  /// `"inf"`/`"-inf"`/`"nan"` written by ``encoding(_:snakeCase:)`` become `null`.
  private func replacingNonFinite() -> JSONValue {
    switch self {
    case .string("inf"), .string("-inf"), .string("nan"): .null
    case .array(let items): .array(items.map { $0.replacingNonFinite() })
    case .object(let members): .object(members.mapValues { $0.replacingNonFinite() })
    case .ordered(let members): .ordered(members.map { ($0.0, $0.1.replacingNonFinite()) })
    default: self
    }
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    func fail(_ message: String) -> ParseError { ParseError(offset: index, message: message) }

    mutating func literal(_ word: String, _ value: JSONValue) throws(ParseError) -> JSONValue {
      let expected = Array(word.utf8)
      guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
        throw fail("expected \(word)")
      }
      index += expected.count
      return value
    }

    mutating func value(depth: Int) throws(ParseError) -> JSONValue {
      guard depth < 512 else { throw fail("nested too deeply") }
      guard index < bytes.count else { throw fail("the text ends where a value should be") }
      switch bytes[index] {
      case UInt8(ascii: "n"): return try literal("null", .null)
      case UInt8(ascii: "t"): return try literal("true", .bool(true))
      case UInt8(ascii: "f"): return try literal("false", .bool(false))
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "["):
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          return .array(items)
        }
        while true {
          skipSpace()
          items.append(try value(depth: depth + 1))
          skipSpace()
          guard index < bytes.count else { throw fail("the text ends inside an array") }
          if bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
          }
          guard bytes[index] == UInt8(ascii: ",") else { throw fail("expected ',' or ']'") }
          index += 1
        }
      case UInt8(ascii: "{"):
        index += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          return .object(members)
        }
        while true {
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
          let key = try string()
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
          index += 1
          skipSpace()
          guard members[key] == nil else { throw fail("the key '\(key)' appears twice") }
          members[key] = try value(depth: depth + 1)
          skipSpace()
          guard index < bytes.count else { throw fail("the text ends inside an object") }
          if bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
          }
          guard bytes[index] == UInt8(ascii: ",") else { throw fail("expected ',' or '}'") }
          index += 1
        }
      default: return .number(try number())
      }
    }

    mutating func number() throws(ParseError) -> Double {
      let start = index
      func digits() -> Int {
        let first = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - first
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
      let whole = index
      guard digits() > 0 else { throw fail("expected a value") }
      if bytes[whole] == UInt8(ascii: "0"), index - whole > 1 { throw fail("a number with a leading zero") }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard digits() > 0 else { throw fail("expected digits after '.'") }
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { throw fail("expected digits in the exponent") }
      }
      guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite else {
        throw ParseError(offset: start, message: "a number out of range")
      }
      return value
    }

    mutating func string() throws(ParseError) -> String {
      index += 1
      var scalars = String.UnicodeScalarView()
      var run = index
      func flush() { scalars.append(contentsOf: String(decoding: bytes[run..<index], as: UTF8.self).unicodeScalars) }
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          flush()
          index += 1
          return String(scalars)
        }
        guard byte >= 0x20 else { throw fail("a control character inside a string") }
        guard byte == UInt8(ascii: "\\") else {
          index += 1
          continue
        }
        flush()
        index += 1
        guard index < bytes.count else { break }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code) {
            guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
              throw fail("a lone surrogate")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw fail("a lone surrogate") }
          scalars.append(scalar)
        default: throw fail("an unknown escape")
        }
        run = index
      }
      throw fail("the text ends inside a string")
    }

    mutating func hex4() throws(ParseError) -> UInt32 {
      guard bytes.count - index >= 4, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
        throw fail("expected four hex digits")
      }
      index += 4
      return code
    }
  }
}
