import Crypto
import Foundation

/// The result file of one `--shard K/N` run: per-replication results as
/// values, with everything `merge` needs to check that shards belong
/// together and to rebuild what the single-machine command writes.
///
/// On disk it is compact JSON with sorted keys:
/// `{"format":"callcap-shard","formatVersion":1,"payload":{...},"payloadSHA256":"..."}`.
/// `payloadSHA256` is the SHA-256 of the payload's canonical encoding
/// (``ShardFile/canonicalBytes(_:)``); a reader decodes the payload,
/// encodes it again and compares, so a truncated or hand-edited file is
/// refused. Doubles are written in their shortest round-trip form (exact);
/// NaN and infinities, which JSON lacks, as the strings "nan", "inf", "-inf".
public struct ShardFile: Codable, Sendable {
  public static let formatName = "callcap-shard"
  /// Bumped whenever the payload's shape or meaning changes; merge refuses other versions.
  public static let currentFormatVersion = 3

  public var format: String
  public var formatVersion: Int
  public var payload: ShardPayload
  public var payloadSHA256: String

  public init(payload: ShardPayload) {
    format = Self.formatName
    formatVersion = Self.currentFormatVersion
    self.payload = payload
    payloadSHA256 = Self.digest(of: payload)
  }

  /// The file's bytes.
  public func encoded() -> Data {
    // Encoding plain values with non-conforming floats mapped cannot fail.
    try! Self.encoder.encode(self) + Data("\n".utf8)
  }

  /// Reads and verifies a shard file; `name` is used in messages.
  public static func decode(_ data: Data, name: String) -> Result<ShardFile, ShardFileError> {
    // The format marker first, so that any other JSON gets a plain answer.
    struct Header: Decodable {
      var format: String?
      var formatVersion: Int?
    }
    guard let header = try? decoder.decode(Header.self, from: data) else {
      return .failure(ShardFileError(file: name, "not a complete callcap shard file (truncated, or not JSON)"))
    }
    guard header.format == formatName else {
      return .failure(ShardFileError(file: name, "not a callcap shard file (no \"format\": \"\(formatName)\")"))
    }
    guard header.formatVersion == currentFormatVersion else {
      return .failure(
        ShardFileError(
          file: name,
          "shard format version \(header.formatVersion.map(String.init) ?? "missing"); this callcap reads version \(currentFormatVersion)"))
    }
    let file: ShardFile
    do {
      file = try decoder.decode(ShardFile.self, from: data)
    } catch {
      return .failure(ShardFileError(file: name, "not a complete callcap shard file (\(Self.reason(error)))"))
    }
    guard digest(of: file.payload) == file.payloadSHA256 else {
      return .failure(ShardFileError(file: name, "payload does not match its SHA-256 digest: the file was changed after callcap wrote it"))
    }
    return .success(file)
  }

  /// The payload as hashed: compact JSON, sorted keys.
  public static func canonicalBytes(_ payload: ShardPayload) -> Data {
    try! encoder.encode(payload)
  }

  static func digest(of payload: ShardPayload) -> String {
    SHA256.hash(data: canonicalBytes(payload)).hexString
  }

  private static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }

  private static var decoder: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
  }

  private static func reason(_ error: Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    switch error {
    case .keyNotFound(let key, let context): return "missing \(Self.path(context.codingPath + [key]))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      return "unexpected value at \(Self.path(context.codingPath))"
    @unknown default: return "\(error)"
    }
  }

  private static func path(_ keys: [CodingKey]) -> String {
    keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
  }
}

/// What one shard run produced.
public struct ShardPayload: Codable, Sendable {
  /// callcap's version: shards of different versions are never merged.
  public var callcapVersion: String
  /// `run`, `plan`, `compare` or `check`.
  public var command: String
  /// The options of the invocation that affect what is written.
  public var options: ShardOptions
  /// Every scenario file of the invocation, as given on the command line.
  public var invocation: [String]
  /// K of `--shard K/N`.
  public var shard: Int
  /// N of `--shard K/N`.
  public var shards: Int
  /// The scenarios this file holds results of: one for run, plan and
  /// check (one file per scenario), every one for compare.
  public var scenarios: [ShardScenario]

  public init(
    command: String, options: ShardOptions, invocation: [String], shard: ShardSpec, scenarios: [ShardScenario]
  ) {
    callcapVersion = CallcapVersion.string
    self.command = command
    self.options = options
    self.invocation = invocation
    self.shard = shard.shard
    shards = shard.shards
    self.scenarios = scenarios
  }
}

/// The command-line options that change results or reports, as given
/// (nil: not given). Merge applies them again to the scenarios it reloads.
public struct ShardOptions: Codable, Sendable, Equatable {
  public var replications: Int?
  public var seed: UInt64?
  /// plan: `--tiers`, `--gate`, `--max-replications`.
  public var tiers: [Double]?
  public var gate: String?
  public var maxReplications: Int?
  /// check: `--strict`.
  public var strict: Bool?

  public init(
    replications: Int? = nil, seed: UInt64? = nil, tiers: [Double]? = nil, gate: String? = nil, maxReplications: Int? = nil,
    strict: Bool? = nil
  ) {
    self.replications = replications
    self.seed = seed
    self.tiers = tiers
    self.gate = gate
    self.maxReplications = maxReplications
    self.strict = strict
  }
}

/// One scenario's results in a shard.
public struct ShardScenario: Codable, Sendable {
  /// The scenario file as given on the command line; merge reloads it from there.
  public var path: String
  public var name: String
  /// ``ScenarioFingerprint`` of the file, its data files and the effective settings.
  public var fingerprint: String
  public var seed: UInt64
  /// The replications of the whole (unsharded) run.
  public var replications: Int
  /// The indices this shard ran, ascending.
  public var replicationIndices: [Int]
  /// One per CPS setting simulated, in the command's order.
  public var runs: [ShardRun]

  public init(
    path: String, name: String, fingerprint: String, seed: UInt64, replications: Int, replicationIndices: [Int], runs: [ShardRun]
  ) {
    self.path = path
    self.name = name
    self.fingerprint = fingerprint
    self.seed = seed
    self.replications = replications
    self.replicationIndices = replicationIndices
    self.runs = runs
  }
}

/// One CPS setting's per-replication results, in `replicationIndices` order.
public struct ShardRun: Codable, Sendable {
  /// nil: the configured CPS.
  public var setting: GateSetting?
  public var replications: [ReplicationResult]

  public init(setting: GateSetting?, replications: [ReplicationResult]) {
    self.setting = setting
    self.replications = replications
  }
}

/// A shard file that cannot be used, with the file's name.
public struct ShardFileError: Error, Sendable, CustomStringConvertible {
  public let file: String
  public let reason: String
  init(file: String, _ reason: String) {
    self.file = file
    self.reason = reason
  }
  public var description: String { "\(file): error: \(reason)" }
}

extension Digest {
  /// Lower-case hexadecimal.
  var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
