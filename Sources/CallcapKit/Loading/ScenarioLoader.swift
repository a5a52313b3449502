import Foundation
import Yams

/// Why a scenario could not be loaded.
public enum LoadFailure: Error, Sendable {
  /// The file cannot be opened or read (exit 66).
  case unreadable(path: String, reason: String)
  /// The file was read but is not a valid scenario (exit 65); every problem found.
  case invalid([Diagnostic])

  public var diagnostics: [Diagnostic] {
    switch self {
    case .unreadable(let path, let reason): [Diagnostic(.error, file: path, at: nil, reason)]
    case .invalid(let diagnostics): diagnostics
    }
  }
}

/// Reads a scenario file into a validated ``Scenario``: YAML syntax, then
/// every key, type, unit and cross-reference, all problems at once.
public struct ScenarioLoader: Sendable {
  /// Scenarios expecting more simulated calls than this per replication are refused.
  public var maxCallsPerReplication: Double
  /// Largest scenario file accepted, in bytes.
  public var maxFileBytes = 16 * 1024 * 1024
  /// Most time-series buckets in one replication.
  public static let maxBuckets = 1_000_000

  public static let supportedVersion = 1
  /// The platform's rules: defaults, limits and wording the scenario is
  /// read under; the loaded ``Scenario`` carries them on.
  public let platform: PlatformRules

  public init(maxCallsPerReplication: Double = InputLimits.defaultMaxCalls, platform: PlatformRules = .twilioJapan) {
    self.maxCallsPerReplication = maxCallsPerReplication
    self.platform = platform
  }

  /// Loads the file at `path` (as given by the user; used in diagnostics).
  public func load(path: String) -> Result<Scenario, LoadFailure> {
    let url = URL(fileURLWithPath: path)
    let data: Data
    // One byte over the limit tells a file that is too large from one that fits.
    switch InputFile.read(path, limit: maxFileBytes + 1) {
    case .success(let bytes): data = bytes
    case .failure(let failure):
      return .failure(.unreadable(path: path, reason: "cannot open '\(path)': \(failure.reason)"))
    }
    if data.count > maxFileBytes {
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, at: nil, "the file is more than \(maxFileBytes) bytes; scenario files are limited to \(maxFileBytes) bytes")
        ]))
    }
    return load(data: data, path: path, baseDirectory: url.deletingLastPathComponent().path)
  }

  /// Loads scenario bytes; `baseDirectory` resolves `empirical` and profile files.
  public func load(data: Data, path: String, baseDirectory: String) -> Result<Scenario, LoadFailure> {
    if data.contains(0) {
      return .failure(
        .invalid([Diagnostic(.error, file: path, at: nil, "the file is binary (it contains NUL bytes), not a YAML scenario")]))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return .failure(.invalid([Diagnostic(.error, file: path, at: nil, "the file is not valid UTF-8 text")]))
    }
    return load(text: text, path: path, baseDirectory: baseDirectory)
  }

  public func load(text: String, path: String, baseDirectory: String) -> Result<Scenario, LoadFailure> {
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      return .failure(
        .invalid([
          Diagnostic(.error, file: path, at: SourceLocation(line: 1, column: 1), "the file is empty; a scenario starts with 'callcap: 1'")
        ]))
    }
    if let location = YAMLSource.firstExcessiveNesting(text, limit: 64) {
      return .failure(
        .invalid([Diagnostic(.error, file: path, at: location, "collections are nested more than 64 deep; a scenario never needs that")]))
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: YAMLSource.protectCallSyntax(text))
    } catch let error as YamlError {
      return .failure(.invalid([Self.diagnostic(for: error, path: path)]))
    } catch {
      return .failure(.invalid([Diagnostic(.error, file: path, at: nil, "cannot parse YAML: \(Self.excerpt("\(error)"))")]))
    }
    guard let root else {
      return .failure(.invalid([Diagnostic(.error, file: path, at: SourceLocation(line: 1, column: 1), "the file has no YAML document")]))
    }
    var builder = ScenarioBuilder(
      path: path, baseDirectory: baseDirectory, maxCalls: maxCallsPerReplication, platform: platform,
      documentLength: text.utf8.count)
    let scenario = builder.build(root)
    if builder.reader.bag.hasErrors || scenario == nil {
      return .failure(.invalid(builder.reader.bag.sorted))
    }
    var result = scenario!
    result.warnings = builder.reader.bag.warnings
    return .success(result)
  }

  static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
    func located(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> Diagnostic {
      var message = "YAML syntax: \(problem)"
      if let context { message += " (\(context.text))" }
      return Diagnostic(.error, file: path, at: SourceLocation(line: mark.line, column: mark.column), message)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _): return located(problem, context, mark)
    case .parser(let context, let problem, let mark, _): return located(problem, context, mark)
    case .composer(let context, let problem, let mark, _): return located(problem, context, mark)
    case .duplicatedKeysInMapping(let duplicates, let context):
      // Yams puts the whole document in the context; only the position is wanted.
      let names = duplicates.map { "'\(Self.excerpt(YAMLSource.restore($0)))'" }.joined(separator: ", ")
      return Diagnostic(
        .error, file: path, at: SourceLocation(line: context.mark.line, column: context.mark.column),
        "duplicate key \(names) in a mapping (each key may appear once)")
    case .reader(let problem, _, _, _):
      return Diagnostic(.error, file: path, at: nil, "cannot read the file as YAML text: \(problem)")
    default:
      return Diagnostic(.error, file: path, at: nil, "cannot parse YAML: \(excerpt("\(error)"))")
    }
  }

  /// At most 80 characters of user text, so a diagnostic never echoes a file.
  static func excerpt(_ text: String) -> String {
    text.count <= 80 ? text : String(text.prefix(77)) + "..."
  }
}
