/// A place in a source file: 1-based line and column (columns count Unicode
/// scalars, as editors and libyaml do).
public struct SourceLocation: Sendable, Hashable, Comparable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// The location `offset` columns to the right on the same line.
  public func advanced(by offset: Int) -> SourceLocation {
    SourceLocation(line: line, column: column + offset)
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// One problem found in a scenario, printed in the compiler format editors
/// understand: `file:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable {
    case error
    case warning
  }

  public var severity: Severity
  public var file: String
  public var location: SourceLocation?
  public var message: String

  public init(_ severity: Severity, file: String, at location: SourceLocation?, _ message: String) {
    self.severity = severity
    self.file = file
    self.location = location
    self.message = message
  }

  public var description: String {
    if let location {
      return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }
    return "\(file): \(severity.rawValue): \(message)"
  }
}

/// Collects the diagnostics of one file so that all problems are reported at
/// once, in source order.
public struct DiagnosticBag: Sendable {
  public let file: String
  public private(set) var diagnostics: [Diagnostic] = []
  private var seen: Set<Diagnostic> = []
  /// More problems than this are not listed: the first ones tell what is wrong.
  public static let limit = 200

  public init(file: String) {
    self.file = file
  }

  public mutating func error(_ message: String, at location: SourceLocation?) {
    append(Diagnostic(.error, file: file, at: location, message))
  }

  public mutating func warning(_ message: String, at location: SourceLocation?) {
    append(Diagnostic(.warning, file: file, at: location, message))
  }

  public mutating func append(_ diagnostic: Diagnostic) {
    // The same problem reached twice (e.g. through a YAML alias) is said once.
    guard diagnostics.count <= Self.limit, seen.insert(diagnostic).inserted else { return }
    if diagnostics.count == Self.limit {
      diagnostics.append(Diagnostic(.error, file: file, at: nil, "too many problems; stopped after \(Self.limit)"))
      return
    }
    diagnostics.append(diagnostic)
  }

  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  public var errors: [Diagnostic] { sorted.filter { $0.severity == .error } }

  public var warnings: [Diagnostic] { sorted.filter { $0.severity == .warning } }

  /// Diagnostics in source order; those without a location first.
  public var sorted: [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      let la = a.element.location ?? SourceLocation(line: 0, column: 0)
      let lb = b.element.location ?? SourceLocation(line: 0, column: 0)
      return (la.line, la.column, a.offset) < (lb.line, lb.column, b.offset)
    }.map(\.element)
  }
}
