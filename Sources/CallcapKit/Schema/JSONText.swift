/// A JSON value whose objects keep their keys in the order written, printed
/// the same way every time (two-space indentation, a newline at the end).
public indirect enum JSONText: Sendable, Equatable {
  case object([(String, JSONText)])
  case array([JSONText])
  case string(String)
  case integer(Int)
  case number(Double)
  case bool(Bool)

  public static func == (lhs: JSONText, rhs: JSONText) -> Bool {
    lhs.printed == rhs.printed
  }

  /// The pretty-printed document, ending with a newline.
  public var printed: String {
    var out = ""
    write(to: &out, indent: "")
    return out + "\n"
  }

  private func write(to out: inout String, indent: String) {
    let inner = indent + "  "
    switch self {
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, (key, value)) in members.enumerated() {
        out += inner + Self.quoted(key) + ": "
        value.write(to: &out, indent: inner)
        out += index == members.count - 1 ? "\n" : ",\n"
      }
      out += indent + "}"
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      // Lists of scalars stay on one line: enums and `required` read better so.
      if items.allSatisfy(\.isScalar) {
        out += "["
        for (index, item) in items.enumerated() {
          if index > 0 { out += ", " }
          item.write(to: &out, indent: inner)
        }
        out += "]"
        return
      }
      out += "[\n"
      for (index, item) in items.enumerated() {
        out += inner
        item.write(to: &out, indent: inner)
        out += index == items.count - 1 ? "\n" : ",\n"
      }
      out += indent + "]"
    case .string(let text): out += Self.quoted(text)
    case .integer(let value): out += String(value)
    case .number(let value): out += Quantity.shortest(value)
    case .bool(let value): out += value ? "true" : "false"
    }
  }

  private var isScalar: Bool {
    switch self {
    case .object, .array: false
    default: true
    }
  }

  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
