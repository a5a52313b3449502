import Foundation

/// `fix.yaml`: the scenario file with one remedy's changes applied, as
/// YAML text that `callcap plan` accepts, starting with comments that say
/// where it comes from, what changed and why, and whether the change was
/// verified (see ``RemedyVerification``).
///
/// Decisions, documented in the README:
/// - The name becomes `<name>-fix`: `callcap plan fix.yaml` writes
///   `OUT/<name>-fix/` beside the original report instead of replacing the
///   folder `fix.yaml` came from.
/// - The original's comments are lost (the file is rebuilt from its YAML
///   tree by ``ScenarioEdit``); the header points to the original.
/// - Relative data-file paths are rewritten to start from the folder
///   `fix.yaml` is written in, so they resolve from there and keep resolving
///   when the project moves as a whole (a checkout elsewhere, committed
///   reports); absolute paths stay as written.
public struct FixScenario: Sendable {
  /// One change and why it was made.
  public struct Change: Sendable, Equatable {
    public var change: ScenarioChange
    public var reason: String
  }

  public let source: ScenarioSource
  /// The original scenario's `name:`.
  public let originalName: String
  /// The remedy's sentence.
  public let remedy: String
  public let changes: [Change]

  public init(source: ScenarioSource, originalName: String, remedy: String, changes: [Change]) {
    self.source = source
    self.originalName = originalName
    self.remedy = remedy
    self.changes = changes
  }

  /// The `name:` of the changed scenario.
  public var name: String { originalName + "-fix" }

  /// How relative data-file paths are written.
  public enum Paths: Sendable {
    /// As in the original: the text loads with the original's base
    /// directory (what verification reads).
    case original
    /// Relative to this folder (the report folder `fix.yaml` is written in).
    case relative(to: URL)
    /// Absolute, when the folder is not known.
    case absolute
  }

  /// The file's text, `status` on the header's last line (one line). The
  /// header has as many lines whatever `status` and `paths` are, so that
  /// the loader's line numbers in a verification message point at the
  /// written file.
  public func text(status: String, paths: Paths) -> Result<String, ScenarioEdit.Failure> {
    var relocated = false
    let base = source.baseDirectory
    let body = ScenarioEdit.apply(changes.map(\.change), to: source.text, name: name) { path in
      relocated = true
      switch paths {
      case .original: return path
      case .relative(let folder): return Self.relativePath(of: path, from: base, to: folder.path)
      case .absolute:
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base, isDirectory: true)).standardizedFileURL.path
      }
    }
    let note: String? =
      switch paths {
      case _ where !relocated: nil
      case .absolute: "Data files: relative paths are written as absolute paths."
      default: "Data files: relative paths are rewritten to start from this file's folder (move it with the project)."
      }
    return body.map { header(status: status, dataFiles: note) + $0 }
  }

  /// The comment block at the top.
  func header(status: String, dataFiles: String?) -> String {
    var lines = [
      "fix.yaml, written by `callcap plan` from \(source.path) (scenario \(originalName)) with one remedy of its report applied.",
      "The name is \(name), so that `callcap plan fix.yaml` writes its own report folder beside the original's",
      "instead of replacing the folder this file is in. The original's comments are not kept: read it for them.",
      "",
      "Remedy (report.md, \"What would fix it\"):",
    ]
    lines += Self.wrap(remedy, width: 96).map { "  " + $0 }
    lines.append("Changed:")
    for change in changes {
      lines += Self.wrap("\(change.change.description): \(change.reason)", width: 94).enumerated().map { index, line in
        (index == 0 ? "  - " : "    ") + line
      }
    }
    if let dataFiles { lines.append(dataFiles) }
    lines.append("")
    lines.append(status.replacingOccurrences(of: "\n", with: " "))
    return lines.map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n") + "\n\n"
  }

  /// `path` (relative to `base`) relative to `folder`, both made absolute
  /// against the current folder and normalized (`..` removed; symbolic
  /// links are not resolved).
  static func relativePath(of path: String, from base: String, to folder: String) -> String {
    let target = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base, isDirectory: true)).standardizedFileURL
    let from = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
    let targetParts = target.pathComponents
    let fromParts = from.pathComponents
    var common = 0
    while common < min(targetParts.count - 1, fromParts.count) && targetParts[common] == fromParts[common] { common += 1 }
    let parts = Array(repeating: "..", count: fromParts.count - common) + targetParts[common...]
    return parts.joined(separator: "/")
  }

  /// `text` in lines of at most about `width` characters, broken at spaces.
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
