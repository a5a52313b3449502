import Crypto
import Foundation

/// What a shard's results depend on, as one SHA-256: the scenario file's
/// bytes, the bytes of every data file it read (samples, profiles), and a
/// canonical string of the effective settings (command, seed,
/// replications, tiers, gate, ...). Shards merge only when their
/// fingerprints agree, and merge recomputes it from the files it reloads,
/// so a scenario edited between the shards and the merge is refused.
///
/// Each part is length-prefixed, so no two different inputs hash alike by
/// shifting bytes from one part to the next.
public struct ScenarioFingerprint: Sendable {
  public let scenario: Data
  /// Paths as read (relative to the working folder or absolute) and bytes, in the order first read.
  public let dataFiles: [(path: String, bytes: Data)]
  public let settings: String

  public init(scenario: Data, dataFiles: [(path: String, bytes: Data)], settings: String) {
    self.scenario = scenario
    self.dataFiles = dataFiles
    self.settings = settings
  }

  /// `sha256:` and 64 hexadecimal digits.
  public var value: String {
    var hash = SHA256()
    func part(_ label: String, _ bytes: Data) {
      hash.update(data: Data("\(label) \(bytes.count)\n".utf8))
      hash.update(data: bytes)
      hash.update(data: Data("\n".utf8))
    }
    part("callcap-fingerprint", Data("1".utf8))
    part("scenario", scenario)
    for file in dataFiles {
      part("data-file-path", Data(file.path.utf8))
      part("data-file", file.bytes)
    }
    part("settings", Data(settings.utf8))
    return "sha256:" + hash.finalize().hexString
  }

  /// The canonical settings string of `scenario` as `command` runs it:
  /// `command=plan;seed=1;replications=20;max_replications=20;tiers=1,2,5;gate=-`.
  /// `extra` lists further command settings (name, value) in a fixed order.
  public static func settings(command: String, scenario: Scenario, extra: [(String, String)] = []) -> String {
    let sim = scenario.simulation
    var fields = [
      ("command", command), ("seed", String(sim.seed)), ("replications", String(sim.replications)),
      ("max_replications", String(sim.maxReplications)),
    ]
    fields += extra
    return fields.map { "\($0.0)=\($0.1)" }.joined(separator: ";")
  }
}
