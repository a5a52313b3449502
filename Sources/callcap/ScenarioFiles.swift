import ArgumentParser
import CallcapKit
import Foundation

/// Loads the scenario files named on the command line, printing every
/// diagnostic to standard error, and maps failures to exit codes.
struct ScenarioFiles {
  var scenarios: [Scenario] = []
  /// Per scenario, the data files it read (for its fingerprint, `--shard`).
  var dataFiles: [[String]] = []
  var unreadable = false
  var invalid = false

  static func load(_ paths: [String], maxCalls: Double) -> ScenarioFiles {
    var result = ScenarioFiles()
    let loader = ScenarioLoader(maxCallsPerReplication: maxCalls)
    for path in paths {
      let (loaded, dataFiles) = DataFileLog.recording { loader.load(path: path) }
      switch loaded {
      case .success(let scenario):
        for warning in scenario.warnings { StandardError.print(warning.description) }
        result.scenarios.append(scenario)
        result.dataFiles.append(dataFiles)
      case .failure(let failure):
        for diagnostic in failure.diagnostics { StandardError.print(diagnostic.description) }
        if case .unreadable = failure { result.unreadable = true } else { result.invalid = true }
      }
    }
    var names: [String: String] = [:]
    for scenario in result.scenarios {
      if let other = names[scenario.name] {
        StandardError.print(
          "\(scenario.path): error: scenario name '\(scenario.name)' is also used by \(other); reports would overwrite each other")
        result.invalid = true
      }
      names[scenario.name] = scenario.path
    }
    return result
  }

  /// Throws the exit code for the first kind of failure: 66 if a file could
  /// not be opened, else 65 if one was invalid.
  func exitIfFailed() throws {
    if unreadable { throw ExitCode(66) }
    if invalid { throw ExitCode(65) }
  }
}

enum StandardError {
  /// Prints `text` on a line of its own (after ending a progress line).
  static func print(_ text: String) {
    ProgressLine.shared.end()
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
