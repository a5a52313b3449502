import Foundation
import Yams

/// Walks a composed YAML tree, reporting every problem with its line and
/// column into a ``DiagnosticBag``. Each accessor returns nil after
/// reporting, so the loader carries on and finds all problems at once.
struct YAMLReader {
  var bag: DiagnosticBag
  /// Nodes still allowed to be visited: YAML aliases can make a small file
  /// describe an enormous tree ("billion laughs"); the walk stops instead.
  var nodeBudget: Int
  /// Characters of scalar text still allowed to be read: an alias of a long
  /// string costs its full length each time it is used, so a small file
  /// cannot expand into gigabytes of text (a 1 MB string aliased 20,000 times).
  var characterBudget: Int
  var budgetExhausted = false

  /// The text budget for a document of `length` bytes: without aliases every
  /// scalar is read once, so twice the document (at least 1 MB) leaves room
  /// for ordinary reuse of anchors.
  static func characterBudget(forDocumentOf length: Int) -> Int {
    max(1 << 20, 2 * length)
  }

  init(file: String, nodeBudget: Int = 2_000_000, characterBudget: Int = 32 << 20) {
    bag = DiagnosticBag(file: file)
    self.nodeBudget = nodeBudget
    self.characterBudget = characterBudget
  }

  /// Location of a node, or nil when Yams gave none.
  func location(_ node: Node) -> SourceLocation? {
    node.mark.map { SourceLocation(line: $0.line, column: $0.column) }
  }

  mutating func error(_ message: String, at node: Node) {
    bag.error(Self.bounded(message), at: location(node))
  }

  mutating func warning(_ message: String, at node: Node) {
    bag.warning(Self.bounded(message), at: location(node))
  }

  /// Messages quote the user's text; a diagnostic never echoes a whole file.
  static func bounded(_ message: String) -> String {
    message.count <= 1000 ? message : String(message.prefix(997)) + "..."
  }

  /// Spends one unit of the node budget, and the length of a scalar's text
  /// from the character budget; false once either is exhausted.
  mutating func visit(_ node: Node) -> Bool {
    nodeBudget -= 1
    if case .scalar(let scalar) = node { characterBudget -= scalar.string.utf8.count }
    if characterBudget < 0 {
      if !budgetExhausted {
        budgetExhausted = true
        error(
          "the document expands to more than twice its own size of text (long strings repeated through YAML aliases?)", at: node)
      }
      return false
    }
    if nodeBudget < 0 {
      if !budgetExhausted {
        budgetExhausted = true
        error("the document expands to too many values (YAML aliases?); scenario files are limited to 2,000,000 values", at: node)
      }
      return false
    }
    return true
  }

  static func kindName(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar):
      return scalar.string.isEmpty && scalar.style == .plain ? "nothing" : "'\(ScenarioLoader.excerpt(YAMLSource.restore(scalar.string)))'"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
  }

  // MARK: - Mappings

  /// The keys of a mapping, checked against its declaration in
  /// ``ScenarioFormat``: unknown keys and missing required ones are
  /// reported. `extra` adds keys the file itself defines (`traffic:NAME`
  /// of the declaration's pattern key); `supplied: false` makes keys
  /// declared ``KeyPresence/requiredUnless(_:)`` required.
  mutating func mapping(
    _ node: Node, _ context: String, _ declaration: MappingDeclaration, extra: [String] = [], supplied: Bool = true
  ) -> Fields? {
    mapping(node, context, allowed: declaration.names + extra, required: declaration.requiredNames(supplied: supplied))
  }

  private mutating func mapping(_ node: Node, _ context: String, allowed: [String], required: [String]) -> Fields? {
    guard visit(node) else { return nil }
    guard case .mapping(let mapping) = node else {
      error("expected a mapping for \(context), got \(Self.kindName(node))", at: node)
      return nil
    }
    var fields = Fields(node: node)
    for (keyNode, value) in mapping {
      guard visit(keyNode) else { return nil }
      guard case .scalar(let keyScalar) = keyNode else {
        error("keys in \(context) must be plain names", at: keyNode)
        continue
      }
      let key = keyScalar.string
      if fields.values[key] != nil {
        error("duplicate key '\(key)' in \(context)", at: keyNode)
        continue
      }
      guard allowed.contains(key) else {
        error("unknown key '\(key)' in \(context)" + Suggestion.hint(for: key, among: allowed), at: keyNode)
        continue
      }
      fields.values[key] = value
      fields.keys[key] = keyNode
      fields.order.append(key)
    }
    for key in required where fields.values[key] == nil {
      error("missing required key '\(key)' in \(context)", at: node)
    }
    return fields
  }

  struct Fields {
    let node: Node
    var values: [String: Node] = [:]
    var keys: [String: Node] = [:]
    var order: [String] = []

    subscript(key: String) -> Node? { values[key] }
  }

  // MARK: - Scalars

  /// The text of a scalar, or nil (reported) for a mapping or a list.
  mutating func scalar(_ node: Node, _ what: String) -> String? {
    guard visit(node) else { return nil }
    guard case .scalar(let scalar) = node else {
      error("expected \(what), got \(Self.kindName(node))", at: node)
      return nil
    }
    return YAMLSource.restore(scalar.string)
  }

  /// Where the text of a scalar begins (after an opening quote).
  func textStart(_ node: Node) -> SourceLocation? {
    guard let location = location(node) else { return nil }
    if case .scalar(let scalar) = node, scalar.style == .singleQuoted || scalar.style == .doubleQuoted {
      return location.advanced(by: 1)
    }
    return location
  }

  /// Reads a scalar with `parse`, reporting its error at the exact column.
  mutating func quantity<T>(_ node: Node, _ what: String, _ parse: (Substring) -> Result<T, QuantityError>) -> T? {
    guard let text = scalar(node, what) else { return nil }
    switch parse(Substring(text)) {
    case .success(let value): return value
    case .failure(let failure):
      let offset = failure.offset <= text.unicodeScalars.count ? failure.offset : 0
      bag.error(failure.message, at: textStart(node)?.advanced(by: offset))
      return nil
    }
  }

  mutating func duration(_ node: Node, _ what: String, positive: Bool = false) -> Double? {
    guard let value = quantity(node, what, Quantity.duration) else { return nil }
    if positive && value <= 0 {
      error("\(what) must be greater than zero", at: node)
      return nil
    }
    if let problem = InputLimits.durationProblem(value, what, zeroAllowed: !positive) {
      error(problem, at: node)
      return nil
    }
    return value
  }

  /// A rate in calls per second, within ``InputLimits/maxRatePerSecond``.
  mutating func rate(_ node: Node, _ what: String) -> Double? {
    guard let value = quantity(node, what, Quantity.rate) else { return nil }
    if let problem = InputLimits.rateProblem(value, what) {
      error(problem, at: node)
      return nil
    }
    return value
  }

  /// A CPS value: a whole number in ``InputLimits/cps``, never rounded.
  mutating func cps(_ node: Node, _ what: String) -> Double? {
    guard let value = quantity(node, what, Quantity.number) else { return nil }
    switch InputLimits.wholeCPS(value) {
    case .success(let whole): return Double(whole)
    case .failure(let failure):
      error("\(what): \(failure.message)", at: node)
      return nil
    }
  }

  mutating func share(_ node: Node, _ what: String) -> Double? {
    quantity(node, what, Quantity.share)
  }

  mutating func string(_ node: Node, _ what: String) -> String? {
    guard let text = scalar(node, what) else { return nil }
    if text.isEmpty {
      error("\(what) must not be empty", at: node)
      return nil
    }
    return text
  }

  /// A whole number in `range`, spelled as ``Quantity/number(_:)`` reads
  /// numbers (`20`, `1_000`, `1e3`); exact up to 2^63-1.
  mutating func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
    guard let text = scalar(node, what) else { return nil }
    let cleaned = text.trimmingCharacters(in: Quantity.blanks).replacingOccurrences(of: "_", with: "")
    guard case .success(let real) = Quantity.number(Substring(text)) else {
      error("\(what) must be a whole number, got '\(text)'", at: node)
      return nil
    }
    // Digits read exactly (a seed up to 2^63-1 is beyond a Double's precision).
    if let exact = Int(cleaned) { return checkRange(exact, what, range, node) }
    guard real == real.rounded(), abs(real) < 9e18 else {
      error("\(what) must be a whole number, got '\(text)'", at: node)
      return nil
    }
    return checkRange(Int(real), what, range, node)
  }

  private mutating func checkRange(_ value: Int, _ what: String, _ range: ClosedRange<Int>, _ node: Node) -> Int? {
    guard range.contains(value) else {
      let upper = range.upperBound == Int.max ? "" : " and at most \(range.upperBound)"
      error("\(what) must be at least \(range.lowerBound)\(upper), got \(value)", at: node)
      return nil
    }
    return value
  }

  /// A finite number greater than zero.
  mutating func positiveNumber(_ node: Node, _ what: String) -> Double? {
    guard let value = quantity(node, what, Quantity.number) else { return nil }
    guard value > 0 else {
      error("\(what) must be greater than zero, got \(Quantity.shortest(value))", at: node)
      return nil
    }
    return value
  }

  mutating func boolean(_ node: Node, _ what: String) -> Bool? {
    guard let text = scalar(node, what) else { return nil }
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default:
      error("\(what) must be true or false, got '\(text)'", at: node)
      return nil
    }
  }

  /// One of an enumeration's raw values.
  mutating func choice<Choice: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _ type: Choice.Type) -> Choice?
  where Choice.RawValue == String {
    guard let text = scalar(node, what) else { return nil }
    if let value = Choice(rawValue: text) { return value }
    let names = Choice.allCases.map(\.rawValue)
    error(
      "\(what) must be one of \(names.joined(separator: ", ")), got '\(text)'" + Suggestion.hint(for: text, among: names),
      at: node)
    return nil
  }

  /// The items of a list; a single scalar is accepted as a one-item list when `singleAllowed`.
  mutating func list(_ node: Node, _ what: String, singleAllowed: Bool = false) -> [Node]? {
    guard visit(node) else { return nil }
    switch node {
    case .sequence(let sequence): return Array(sequence)
    case .scalar where singleAllowed: return [node]
    default:
      error("expected a list for \(what), got \(Self.kindName(node))", at: node)
      return nil
    }
  }
}
