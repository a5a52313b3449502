import Yams

/// Prepares scenario text for libyaml and restores what it protected.
///
/// The distribution mini-language puts `key: value` pairs and commas inside
/// parentheses (`lognormal(mean: 4m, sd: 6m)`), which YAML would read as a
/// nested mapping or a flow separator. Inside parentheses of unquoted text,
/// the space after a colon becomes U+00A0 and a comma becomes U+E000; both
/// are one Unicode scalar, so every line and column libyaml reports still
/// points at the user's text. ``restore(_:)`` undoes it in scalar values.
enum YAMLSource {
  static let protectedSpace: Unicode.Scalar = "\u{00A0}"
  static let protectedComma: Unicode.Scalar = "\u{E000}"

  static func protectCallSyntax(_ text: String) -> String {
    var output = String.UnicodeScalarView()
    var depth = 0
    var quote: Unicode.Scalar?
    var inComment = false
    var previous: Unicode.Scalar = "\n"
    var afterColon = false
    for scalar in text.unicodeScalars {
      defer { previous = scalar }
      if scalar == "\n" {
        depth = 0
        quote = nil
        inComment = false
        afterColon = false
        output.append(scalar)
        continue
      }
      if inComment {
        output.append(scalar)
        continue
      }
      if let open = quote {
        if scalar == open { quote = nil }
        output.append(scalar)
        continue
      }
      if scalar == "#" && (previous == " " || previous == "\t" || previous == "\n") {
        inComment = true
        output.append(scalar)
        continue
      }
      if depth == 0 && (scalar == "\"" || scalar == "'")
        && (previous == " " || previous == "\n" || previous == "[" || previous == "{" || previous == ",")
      {
        quote = scalar
        output.append(scalar)
        continue
      }
      if scalar == "(" { depth += 1 }
      if scalar == ")" && depth > 0 { depth -= 1 }
      if depth > 0 && afterColon && scalar == " " {
        output.append(protectedSpace)
      } else if depth > 0 && scalar == "," {
        output.append(protectedComma)
      } else {
        output.append(scalar)
      }
      afterColon = depth > 0 && scalar == ":"
    }
    return String(output)
  }

  static func restore(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0 == protectedSpace || $0 == protectedComma }) else {
      return text
    }
    var output = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case protectedSpace: output.append(" ")
      case protectedComma: output.append(",")
      default: output.append(scalar)
      }
    }
    return String(output)
  }

  /// Where flow collections first nest deeper than `limit`, if they do;
  /// libyaml recurses once per level, so absurd depths are refused before parsing.
  static func firstExcessiveNesting(_ text: String, limit: Int) -> SourceLocation? {
    var depth = 0
    var line = 1
    var column = 0
    for scalar in text.unicodeScalars {
      column += 1
      switch scalar {
      case "\n":
        line += 1
        column = 0
      case "[", "{":
        depth += 1
        if depth > limit { return SourceLocation(line: line, column: column) }
      case "]", "}":
        depth = max(0, depth - 1)
      default: break
      }
    }
    return nil
  }
}
