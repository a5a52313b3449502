import Foundation

/// A JSON value as `--json` prints it: the one place that decides how
/// callcap writes JSON, so every command's output has the same spelling.
///
/// Objects print their keys sorted (the same value gives the same bytes);
/// numbers print in the shortest form that reads back as the same `Double`
/// (whole numbers without a fraction: `2`, not `2.0`), and a number that is
/// not finite prints as `null`, as JSON has no infinity or NaN. Strings
/// escape only what JSON requires (`"`, `\`, control characters), so
/// Japanese text and `/` stay readable.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])
  /// An object whose keys print in the order given, not sorted: for
  /// documents people read top-down (the scenario schema puts a key's
  /// title and type before its details).
  case ordered([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)): a == b
    case (.ordered(let a), .ordered(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// A number, or `null` for nil or a value that is not finite.
  public static func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  /// A whole number, or `null` for nil.
  public static func integer(_ value: Int?) -> JSONValue {
    value.map { .number(Double($0)) } ?? .null
  }

  /// A string, or `null` for nil.
  public static func string(_ value: String?) -> JSONValue {
    value.map { .string($0) } ?? .null
  }

  /// The value at `key` of an object (nil for anything else).
  public subscript(key: String) -> JSONValue? {
    switch self {
    case .object(let members): return members[key]
    case .ordered(let members): return members.first { $0.0 == key }?.1
    default: return nil
    }
  }

  /// Pretty-printed with two-space indentation and sorted keys, arrays of
  /// scalars on one line, ending in a newline.
  public var text: String {
    var output = ""
    write(to: &output, indent: "")
    return output + "\n"
  }

  private func write(to output: inout String, indent: String) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .number(let value): output += Self.format(value)
    case .string(let value): Self.quote(value, into: &output)
    case .array(let items):
      guard !items.isEmpty else {
        output += "[]"
        return
      }
      // Numbers, strings and the like on one line: `[0, 0.0058]`, `["api"]`.
      if items.allSatisfy(\.isScalar) {
        output += "["
        for (index, item) in items.enumerated() {
          if index > 0 { output += ", " }
          item.write(to: &output, indent: indent)
        }
        output += "]"
        return
      }
      let inner = indent + "  "
      output += "[\n"
      for (index, item) in items.enumerated() {
        output += inner
        item.write(to: &output, indent: inner)
        output += index == items.count - 1 ? "\n" : ",\n"
      }
      output += indent + "]"
    case .object(let members):
      let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      Self.write(keys.map { ($0, members[$0] ?? .null) }, to: &output, indent: indent)
    case .ordered(let members):
      Self.write(members, to: &output, indent: indent)
    }
  }

  private static func write(_ members: [(String, JSONValue)], to output: inout String, indent: String) {
    guard !members.isEmpty else {
      output += "{}"
      return
    }
    let inner = indent + "  "
    output += "{\n"
    for (index, (key, value)) in members.enumerated() {
      output += inner
      quote(key, into: &output)
      output += ": "
      value.write(to: &output, indent: inner)
      output += index == members.count - 1 ? "\n" : ",\n"
    }
    output += indent + "}"
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object, .ordered: false
    default: true
    }
  }

  /// `2`, `0.1`, `1e-05`, `-3.5`: whole numbers up to 2^53 without a
  /// fraction, everything else in Swift's shortest round-trip form (which
  /// is valid JSON); `null` when not finite.
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded(), abs(value) <= 9_007_199_254_740_992 {
      return String(Int64(value))
    }
    return "\(value)"
  }

  private static func quote(_ text: String, into output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
  public init(nilLiteral: ()) { self = .null }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(floatLiteral value: Double) { self = .number(value) }
}
