/// User text in report.md and comparison.md (a scenario's description,
/// file paths, warnings that quote the scenario): shown as written, never
/// read as Markdown structure (headings, lists, quotes, tables, code
/// blocks, links) or raw HTML. CommonMark's backslash escapes keep the
/// rendered text identical and the raw file readable.
public enum MarkdownText {
  /// Characters with inline meaning: HTML and autolinks (`<`, `>`), links
  /// and images (`[`, `]`), code spans, emphasis, table cells, escapes.
  static let inlineSpecials: Set<Character> = ["\\", "<", ">", "[", "]", "`", "*", "_", "|"]

  /// Characters that start a block when first on a line: headings,
  /// quotes, lists, setext underlines, fences, tables, thematic breaks.
  static let blockStarts: Set<Character> = ["#", ">", "-", "+", "*", "=", "~", "`", "|", "_", "<"]

  /// Free text of several lines (a description): its line breaks and
  /// blank lines stay; nothing in it starts a block or a tag.
  public static func paragraphs(_ text: String) -> String {
    text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { line(String($0)) }
      .joined(separator: "\n")
  }

  /// Text inside a sentence: one line, nothing with Markdown meaning.
  public static func inline(_ text: String) -> String {
    var escaped = ""
    for character in text {
      if character.isNewline {
        escaped.append(" ")
        continue
      }
      if inlineSpecials.contains(character) { escaped.append("\\") }
      escaped.append(character)
    }
    return escaped
  }

  /// A code span holding `text` (a file path) literally, whatever
  /// backticks or line breaks it contains.
  public static func code(_ text: String) -> String {
    let flat = String(text.map { $0.isNewline ? " " : $0 })
    var longest = 0
    var run = 0
    for character in flat {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let padding = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
    return fence + padding + flat + padding + fence
  }

  /// One line of free text: leading spaces (an indented code block) go,
  /// a block marker or a list number at its start is escaped.
  static func line(_ text: String) -> String {
    let trimmed = String(text.drop { $0 == " " || $0 == "\t" })
    var escaped = inline(trimmed)
    guard let first = trimmed.first else { return "" }
    if blockStarts.contains(first) && !inlineSpecials.contains(first) {
      escaped = "\\" + escaped
    }
    // `1. item` and `1) item` start ordered lists.
    let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, digits.count <= 9, let marker = trimmed.dropFirst(digits.count).first, marker == "." || marker == ")" {
      escaped = digits + "\\" + escaped.dropFirst(digits.count)
    }
    return escaped
  }
}

extension MarkdownText {
  /// A table's header row and its rule: `| a | b |\n|---|---|\n`.
  static func tableHeader(_ cells: [String]) -> String {
    "| " + cells.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: cells.count) + "\n"
  }
}
