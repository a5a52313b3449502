/// How a checked record counts: the concurrency category it is live in and
/// the CPS gate that created it.
public enum RecordRole: Sendable, Equatable {
  /// An inbound call (to a number or through a trunk's origination).
  case inbound
  /// An inbound call with an `outbound-dial` child: one forwarded call,
  /// both legs together.
  case forwarded
  /// An outbound call through `gate` (`api` or `trunk:<sid>`).
  case outbound(gate: String)
  /// An `outbound-dial` leg: part of its parent call, not a call of its own.
  case leg
}

/// Call-record files, read as SPEC's "Call records" says: JSON (Calls API
/// page or Twilio CLI array) or CSV, any mix, a malformed row skipped with
/// a diagnostic, hostile input refused with its position.
///
/// Whether an inbound call was forwarded depends on records that may come
/// later, in another file, so the files are read twice: the first pass
/// only notes the parents of `outbound-dial` legs (16 bytes each), the
/// second classifies and hands each record on. Neither pass keeps records.
public struct RecordFiles {
  public var paths: [String]
  /// Rows with problems listed before the rest are only counted.
  public static let diagnosticLimit = 100

  public init(paths: [String]) {
    self.paths = paths
  }

  /// What reading found besides the records.
  public struct Outcome: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var recordsRead = 0
    public var recordsSkipped = 0
    /// A file could not be opened (exit 66).
    public var unreadable = false
    /// A file is not a call-record file or breaks off (exit 65).
    public var invalid = false
  }

  /// Reads every file; `visit` gets each good record with its role.
  public func read(visit: (CallRecord, RecordRole) -> Void) -> Outcome {
    var outcome = Outcome()
    var parents = Set<SidKey>()
    for path in paths {
      do {
        try Self.readRaw(path) { raw in
          guard raw.problem == nil, raw[.direction]?.lowercased() == CallDirection.outboundDial.rawValue,
            let parent = raw[.parentCallSid]
          else { return }
          parents.insert(SidKey(parent))
        }
      } catch {
        outcome.diagnostics.append(error.diagnostic(file: path))
        if error.unreadable { outcome.unreadable = true } else { outcome.invalid = true }
      }
    }
    if outcome.unreadable || outcome.invalid { return outcome }
    var timestamps = TimestampParser()
    for path in paths {
      do {
        try Self.readRaw(path) { raw in
          switch CallRecord.check(raw, timestamps: &timestamps) {
          case .success(let record):
            outcome.recordsRead += 1
            visit(record, Self.role(of: record, parents: parents))
          case .failure(let error):
            outcome.recordsSkipped += 1
            if outcome.recordsSkipped <= Self.diagnosticLimit {
              outcome.diagnostics.append(
                Diagnostic(.error, file: path, at: SourceLocation(line: raw.line, column: raw.column), "skipped record: \(error)"))
            }
          }
        }
      } catch {
        outcome.diagnostics.append(error.diagnostic(file: path))
        if error.unreadable { outcome.unreadable = true } else { outcome.invalid = true }
      }
    }
    if outcome.recordsSkipped > Self.diagnosticLimit {
      outcome.diagnostics.append(
        Diagnostic(.error, file: paths[0], at: nil, "\(outcome.recordsSkipped - Self.diagnosticLimit) more records skipped (not listed)"))
    }
    return outcome
  }

  static func role(of record: CallRecord, parents: Set<SidKey>) -> RecordRole {
    switch record.direction {
    case .inbound: parents.contains(SidKey(record.sid)) ? .forwarded : .inbound
    case .trunkingOriginating: .inbound
    case .outboundAPI: .outbound(gate: "api")
    case .trunkingTerminating: .outbound(gate: "trunk:" + (record.trunkSid ?? "unknown"))
    case .outboundDial: .leg
    }
  }

  /// The raw records of one file, JSON or CSV as its first bytes say.
  static func readRaw(_ path: String, visit: (RawRecord) -> Void) throws(RecordFileError) {
    let source = try RecordSource(path: path)
    switch RecordFormat.detect(try source.prefix(4096)) {
    case .failure(let error): throw error
    case .success(.json): try JSONRecordReader(source: source).read(visit: visit)
    case .success(.csv): try CSVRecordReader.read(path: path, visit: visit)
    }
  }
}

/// A call sid in 16 bytes (two independent 64-bit FNV-1a hashes), so that
/// the parents of a month of forwarded calls fit in a few megabytes.
struct SidKey: Hashable {
  var high: UInt64
  var low: UInt64

  init(_ sid: String) {
    var a: UInt64 = 0xcbf2_9ce4_8422_2325
    var b: UInt64 = 0x8422_2325_cbf2_9ce4
    for byte in sid.utf8 {
      a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
      b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9E37_79B9
    }
    high = a
    low = b
  }
}
