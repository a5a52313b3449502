import Foundation
import Yams

/// A scenario file's YAML with ``ScenarioChange``s applied: the text of
/// `fix.yaml`.
///
/// The file is composed into a YAML node tree (with the loader's own
/// protection of the distribution syntax, ``YAMLSource``), the nodes a
/// change names are replaced or added, and the tree is serialized again.
/// Keys keep their order and scalars their quoting; flow collections stay
/// flow; comments are lost (libyaml's tree has none), which is why
/// `fix.yaml` starts with a header saying what changed. Splicing the text
/// instead would keep comments but must find where a value ends in flow
/// and block styles, quoted or not; the tree cannot get that wrong.
///
/// Relative data-file paths (`file:` keys anywhere, and `empirical(file:
/// ...)` in any distribution) are rewritten by `relocate`, because the
/// changed file is read from another folder than the original.
public enum ScenarioEdit {
  /// Why the changed scenario could not be made, as a sentence.
  public struct Failure: Error, Equatable, Sendable {
    public var message: String
  }

  /// `text` with `changes` applied, `name` as its `name:`, and each
  /// relative data-file path `p` written as `relocate(p)`.
  static func apply(
    _ changes: [ScenarioChange], to text: String, name: String, relocate: (String) -> String
  ) -> Result<String, Failure> {
    let protected = YAMLSource.protectCallSyntax(text)
    var composed: Node?
    do {
      composed = try Yams.compose(yaml: protected)
    } catch {
      return .failure(Failure(message: "the scenario file cannot be parsed again: \(error)"))
    }
    if var node = composed {
      restoreFlowStyles(&node, lines: protected.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) })
      composed = node
    }
    guard case .mapping(var root) = composed else { return .failure(Failure(message: "the scenario file is not a YAML mapping")) }
    var tree: Node
    do throws(Failure) {
      for change in changes { try apply(change, to: &root) }
      set(&root, "name", plain(name))
      tree = .mapping(root)
      try relocateFiles(in: &tree, relocate)
    } catch {
      return .failure(error)
    }
    do {
      return .success(YAMLSource.restore(try Yams.serialize(node: tree, indent: 2, width: -1, allowUnicode: true)))
    } catch {
      return .failure(Failure(message: "the changed scenario cannot be written as YAML: \(error)"))
    }
  }

  // MARK: - changes

  private static func apply(_ change: ScenarioChange, to root: inout Node.Mapping) throws(Failure) {
    switch change {
    case .spreadBurst(let traffic, let arrival, let seconds):
      try editTraffic(traffic, in: &root) { fields throws(Failure) in
        guard var arrivals = value(fields, "arrivals") else { throw Failure(message: "traffic \(traffic) has no arrivals") }
        try edit(&arrivals, item: arrival) { spec throws(Failure) in
          guard case .mapping(var specFields) = spec, case .mapping(var burst)? = value(specFields, "burst") else {
            throw Failure(message: "arrival \(arrival + 1) of traffic \(traffic) is not a burst mapping")
          }
          set(&burst, "spread", plain("\(seconds)s"))
          set(&specFields, "burst", .mapping(burst))
          spec = .mapping(specFields)
        }
        set(&fields, "arrivals", arrivals)
      }
    case .dialerMaxInProgress(let traffic, let calls):
      try editTraffic(traffic, in: &root) { fields throws(Failure) in try setDialer(&fields, "max_in_progress", plain("\(calls)")) }
    case .dialerMaxRate(let traffic, let rate):
      try editTraffic(traffic, in: &root) { fields throws(Failure) in try setDialer(&fields, "max_rate", plain(rate)) }
    case .gateCPS(let scope, let cps):
      var account = try mapping(root, "account", creating: true)
      switch scope {
      case .trunk(let name):
        try editTrunk(name, in: &account) { trunk throws(Failure) in set(&trunk, "cps", plain("\(cps)")) }
      case .trunkPool:
        var pool = try mapping(account, "trunk_pool", creating: true)
        set(&pool, "cps", plain("\(cps)"))
        set(&account, "trunk_pool", .mapping(pool))
      default:
        var api = try mapping(account, "api", creating: true)
        set(&api, "cps", plain("\(cps)"))
        set(&account, "api", .mapping(api))
      }
      set(&root, "account", .mapping(account))
    case .trunkRetry(let trunk, let attempts, let delay):
      var account = try mapping(root, "account", creating: false)
      try editTrunk(trunk, in: &account) { fields throws(Failure) in
        var retry = try mapping(fields, "retry", creating: delay != nil, style: .flow)
        set(&retry, "attempts", plain("\(attempts)"))
        if let delay { set(&retry, "delay", plain(YAMLSource.protectCallSyntax(delay))) }
        set(&fields, "retry", .mapping(retry))
      }
      set(&root, "account", .mapping(account))
    case .profile(let profile):
      var account = try mapping(root, "account", creating: true)
      set(&account, "profile", plain(profile.rawValue))
      set(&root, "account", .mapping(account))
    }
  }

  /// Applies `body` to the mapping of traffic class `name`.
  private static func editTraffic(
    _ name: String, in root: inout Node.Mapping, _ body: (inout Node.Mapping) throws(Failure) -> Void
  ) throws(Failure) {
    guard var traffic = value(root, "traffic") else { throw Failure(message: "the scenario has no traffic") }
    try editNamed(name, in: &traffic, what: "traffic class", body)
    set(&root, "traffic", traffic)
  }

  private static func editTrunk(
    _ name: String, in account: inout Node.Mapping, _ body: (inout Node.Mapping) throws(Failure) -> Void
  ) throws(Failure) {
    guard var trunks = value(account, "trunks") else { throw Failure(message: "the scenario has no trunks") }
    try editNamed(name, in: &trunks, what: "trunk", body)
    set(&account, "trunks", trunks)
  }

  /// Applies `body` to the mapping in `sequence` whose `name:` is `name`.
  private static func editNamed(
    _ name: String, in sequence: inout Node, what: String, _ body: (inout Node.Mapping) throws(Failure) -> Void
  ) throws(Failure) {
    guard case .sequence(var items) = sequence,
      let index = items.firstIndex(where: { item in
        guard case .mapping(let fields) = item, case .scalar(let scalar)? = value(fields, "name") else { return false }
        return YAMLSource.restore(scalar.string) == name
      }), case .mapping(var fields) = items[index]
    else { throw Failure(message: "the scenario has no \(what) named '\(name)'") }
    try body(&fields)
    items[index] = .mapping(fields)
    sequence = .sequence(items)
  }

  /// Applies `body` to item `index` of a sequence, or to the node itself
  /// when it is not a sequence and `index` is 0 (`arrivals:` with one spec).
  private static func edit(_ node: inout Node, item index: Int, _ body: (inout Node) throws(Failure) -> Void) throws(Failure) {
    if case .sequence(var items) = node {
      guard items.indices.contains(index) else { throw Failure(message: "there is no arrival \(index + 1)") }
      var item = items[index]
      try body(&item)
      items[index] = item
      node = .sequence(items)
    } else {
      guard index == 0 else { throw Failure(message: "there is no arrival \(index + 1)") }
      try body(&node)
    }
  }

  private static func setDialer(_ fields: inout Node.Mapping, _ key: String, _ value: Node) throws(Failure) {
    var dialer = try mapping(fields, "dialer", creating: true, style: .flow)
    set(&dialer, key, value)
    set(&fields, "dialer", .mapping(dialer))
  }

  // MARK: - data files

  /// Rewrites every relative data-file path below `node`.
  private static func relocateFiles(in node: inout Node, _ relocate: (String) -> String) throws(Failure) {
    switch node {
    case .mapping(var fields):
      for index in fields.indices {
        var (key, value) = fields[index]
        if case .scalar(let keyScalar) = key, YAMLSource.restore(keyScalar.string) == "file", case .scalar(var scalar) = value {
          let path = YAMLSource.restore(scalar.string)
          if !path.hasPrefix("/") { scalar.string = relocate(path) }
          value = .scalar(scalar)
        } else {
          try relocateFiles(in: &value, relocate)
        }
        fields[index] = (key, value)
      }
      node = .mapping(fields)
    case .sequence(var items):
      for index in items.indices { try relocateFiles(in: &items[index], relocate) }
      node = .sequence(items)
    case .scalar(var scalar):
      guard let rewritten = try relocatedDistribution(YAMLSource.restore(scalar.string), relocate) else { return }
      scalar.string = YAMLSource.protectCallSyntax(rewritten)
      node = .scalar(scalar)
    case .alias:
      return
    }
  }

  /// `empirical(file: p, ...)` with a relative `p` rewritten; nil for any other text.
  static func relocatedDistribution(_ text: String, _ relocate: (String) -> String) throws(Failure) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix("empirical"), trimmed.hasSuffix(")"), let open = trimmed.firstIndex(of: "("),
      trimmed[..<open].trimmingCharacters(in: .whitespaces) == "empirical"
    else { return nil }
    let body = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
    var changed = false
    let pieces = try body.split(separator: ",", omittingEmptySubsequences: false).map { piece throws(Failure) -> String in
      guard let colon = piece.firstIndex(of: ":"), piece[..<colon].trimmingCharacters(in: .whitespaces) == "file" else {
        return String(piece)
      }
      let path = piece[piece.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard !path.hasPrefix("/") else { return String(piece) }
      let relocated = relocate(path)
      // The distribution syntax ends a value at ',' or ')'.
      if relocated.contains(where: { ",()#\n".contains($0) }) {
        throw Failure(message: "the data file path '\(relocated)' cannot be written inside empirical(...)")
      }
      changed = true
      return (piece.hasPrefix(" ") ? " " : "") + "file: " + relocated
    }
    return changed ? "empirical(" + pieces.joined(separator: ",") + ")" : nil
  }

  // MARK: - nodes

  /// Marks the collections written `{...}` or `[...]` as flow again: Yams
  /// 6.2.2 composes every collection with the style of its end event,
  /// which is always "any", so without this a one-line `[2, 1, 1, ...]`
  /// profile would come back one value per line. `lines` are the text's
  /// lines as unicode scalars (libyaml's columns count scalars, from 1).
  private static func restoreFlowStyles(_ node: inout Node, lines: [[Unicode.Scalar]]) {
    func opens(_ mark: Mark?, with character: Unicode.Scalar) -> Bool {
      guard let mark, lines.indices.contains(mark.line - 1), lines[mark.line - 1].indices.contains(mark.column - 1) else {
        return false
      }
      return lines[mark.line - 1][mark.column - 1] == character
    }
    switch node {
    case .mapping(var fields):
      if opens(fields.mark, with: "{") { fields.style = .flow }
      for index in fields.indices {
        var (key, value) = fields[index]
        restoreFlowStyles(&value, lines: lines)
        fields[index] = (key, value)
      }
      node = .mapping(fields)
    case .sequence(var items):
      if opens(items.mark, with: "[") { items.style = .flow }
      for index in items.indices { restoreFlowStyles(&items[index], lines: lines) }
      node = .sequence(items)
    case .scalar, .alias:
      return
    }
  }

  private static func plain(_ text: String) -> Node { .scalar(Node.Scalar(text)) }

  /// The value of `key` in `fields` (the last, as the loader reads duplicates as an error anyway).
  private static func value(_ fields: Node.Mapping, _ key: String) -> Node? {
    index(of: key, in: fields).map { fields[$0].value }
  }

  private static func index(of key: String, in fields: Node.Mapping) -> Int? {
    (0..<fields.count).last { index in
      if case .scalar(let scalar) = fields[index].key { YAMLSource.restore(scalar.string) == key } else { false }
    }
  }

  /// Sets `key` to `value`, in place when present, else appended.
  private static func set(_ fields: inout Node.Mapping, _ key: String, _ value: Node) {
    if let index = index(of: key, in: fields) {
      fields[index] = (fields[index].key, value)
    } else {
      fields[plain(key)] = value
    }
  }

  /// The mapping under `key`; an empty one (in `style`) when absent and `creating`.
  private static func mapping(
    _ fields: Node.Mapping, _ key: String, creating: Bool, style: Node.Mapping.Style = .block
  ) throws(Failure) -> Node.Mapping {
    switch value(fields, key) {
    case .mapping(let mapping)?: return mapping
    case nil where creating: return Node.Mapping([], .implicit, style)
    case nil: throw Failure(message: "the scenario has no '\(key)'")
    default: throw Failure(message: "'\(key)' is not a mapping")
    }
  }
}
