import Foundation

/// The text of a scenario file and where its relative data-file paths
/// start: what `fix.yaml` is made from (``FixScenario``).
public struct ScenarioSource: Sendable, Equatable {
  public var text: String
  /// The file, as given on the command line.
  public var path: String
  /// The folder `empirical(file: ...)` and `profile: { file: ... }` paths are relative to.
  public var baseDirectory: String

  public init(text: String, path: String, baseDirectory: String) {
    self.text = text
    self.path = path
    self.baseDirectory = baseDirectory
  }

  /// Reads the scenario file at `path` again, as ``ScenarioLoader/load(path:)``
  /// does; a sentence saying why when it cannot.
  public static func read(_ path: String, limit: Int = ScenarioLoader().maxFileBytes) -> Result<ScenarioSource, ScenarioEdit.Failure> {
    switch InputFile.read(path, limit: limit) {
    case .failure(let failure): return .failure(ScenarioEdit.Failure(message: "cannot read '\(path)' again: \(failure.reason)"))
    case .success(let data):
      guard let text = String(data: data, encoding: .utf8) else {
        return .failure(ScenarioEdit.Failure(message: "'\(path)' is not valid UTF-8 text"))
      }
      return .success(
        ScenarioSource(text: text, path: path, baseDirectory: URL(fileURLWithPath: path).deletingLastPathComponent().path))
    }
  }
}
