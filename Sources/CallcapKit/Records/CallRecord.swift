/// The fields of a Twilio call record callcap reads. The Calls API
/// (snake_case), the Twilio CLI (camelCase) and CSV exports (headers such
/// as `Parent Call Sid`) name them differently; ``RecordField/init(name:)``
/// matches all of them by ignoring case, spaces, underscores and hyphens.
public enum RecordField: Int, CaseIterable, Sendable {
  case sid, parentCallSid, dateCreated, startTime, endTime, duration, direction, status, from, to, queueTime, trunkSid

  /// The name a CSV export's header uses, for messages.
  public var headerName: String {
    switch self {
    case .sid: "Call Sid"
    case .parentCallSid: "Parent Call Sid"
    case .dateCreated: "Date Created"
    case .startTime: "Start Time"
    case .endTime: "End Time"
    case .duration: "Duration"
    case .direction: "Direction"
    case .status: "Status"
    case .from: "From"
    case .to: "To"
    case .queueTime: "Queue Time"
    case .trunkSid: "Trunk Sid"
    }
  }

  /// Fields a record file must have; the others may be missing or empty.
  public static let required: [RecordField] = [.sid, .direction, .dateCreated, .startTime, .endTime]

  private static let byNormalizedName: [String: RecordField] = {
    var names: [String: RecordField] = ["sid": .sid]
    for field in allCases { names[normalize(field.headerName)] = field }
    return names
  }()

  /// The field a header or key names, or nil for one callcap does not read.
  public init?(name: some StringProtocol) {
    guard let field = Self.byNormalizedName[Self.normalize(name)] else { return nil }
    self = field
  }

  static func normalize(_ name: some StringProtocol) -> String {
    String(name.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" })
  }
}

/// A record as read from a file, before checking: one optional text per
/// ``RecordField`` (nil when absent, JSON `null` or empty), and the line
/// (and column) where it starts, for diagnostics.
public struct RawRecord: Sendable {
  public var values: [String?] = Array(repeating: nil, count: RecordField.allCases.count)
  public var line: Int
  public var column: Int
  /// A problem found while reading (a value of the wrong JSON type, a CSV
  /// row with too few fields); the record is then skipped.
  public var problem: String?

  public init(line: Int, column: Int = 1) {
    self.line = line
    self.column = column
  }

  public subscript(field: RecordField) -> String? {
    get { values[field.rawValue] }
    set { values[field.rawValue] = newValue.flatMap { $0.isEmpty ? nil : $0 } }
  }
}

/// Twilio's `direction` values.
public enum CallDirection: String, Sendable, CaseIterable {
  case inbound
  case outboundAPI = "outbound-api"
  case outboundDial = "outbound-dial"
  case trunkingTerminating = "trunking-terminating"
  case trunkingOriginating = "trunking-originating"
}

/// One checked call record. Times are whole seconds since 1970 (UTC):
/// Twilio's records carry seconds, and a fraction is dropped.
public struct CallRecord: Sendable, Equatable {
  public var sid: String
  public var parentCallSid: String?
  public var direction: CallDirection
  public var status: String?
  public var createdSeconds: Int64
  /// Nil for a call that never started (canceled or failed while queued).
  public var live: (start: Int64, end: Int64)?
  /// Talk time from `duration`, else the live span; nil when neither is given.
  public var durationSeconds: Int64?
  public var queueTimeMilliseconds: Double?
  public var from: String?
  public var to: String?
  public var trunkSid: String?

  public static func == (lhs: CallRecord, rhs: CallRecord) -> Bool {
    lhs.sid == rhs.sid && lhs.parentCallSid == rhs.parentCallSid && lhs.direction == rhs.direction && lhs.status == rhs.status
      && lhs.createdSeconds == rhs.createdSeconds && lhs.live?.start == rhs.live?.start && lhs.live?.end == rhs.live?.end
      && lhs.durationSeconds == rhs.durationSeconds && lhs.queueTimeMilliseconds == rhs.queueTimeMilliseconds
      && lhs.from == rhs.from && lhs.to == rhs.to && lhs.trunkSid == rhs.trunkSid
  }

  /// Longest live span accepted: Twilio cuts calls at 24 h at most, and a
  /// longer span is a broken record that would hold a level for days.
  public static let maximumLiveSeconds: Int64 = 48 * 3600

  /// Whether the call was answered: Twilio's `completed` status.
  public var answered: Bool { status?.lowercased() == "completed" }

  /// Checks `raw`; the error is a sentence for a `file:line: error:` diagnostic.
  public static func check(_ raw: RawRecord, timestamps: inout TimestampParser) -> Result<CallRecord, RecordError> {
    if let problem = raw.problem { return .failure(RecordError(problem)) }
    let missing = RecordField.required.filter { $0 != .startTime && $0 != .endTime && raw[$0] == nil }
    if !missing.isEmpty {
      return .failure(RecordError("missing " + missing.map { "'\($0.headerName)'" }.joined(separator: ", ")))
    }
    let directionText = raw[.direction]!
    guard let direction = CallDirection(rawValue: directionText.lowercased()) else {
      return .failure(
        RecordError(
          "unknown direction '\(directionText)' (expected one of \(CallDirection.allCases.map(\.rawValue).joined(separator: ", ")))"))
    }
    func time(_ field: RecordField) -> Result<Int64?, RecordError> {
      guard let text = raw[field] else { return .success(nil) }
      guard let seconds = timestamps.seconds(text) else {
        return .failure(RecordError("\(field.headerName) '\(text.prefix(60))' is not an RFC 2822 or ISO 8601 timestamp"))
      }
      return .success(seconds)
    }
    let created: Int64
    let start: Int64?
    let end: Int64?
    switch (time(.dateCreated), time(.startTime), time(.endTime)) {
    case (.success(let c?), .success(let s), .success(let e)): (created, start, end) = (c, s, e)
    case (.failure(let error), _, _), (_, .failure(let error), _), (_, _, .failure(let error)): return .failure(error)
    default: return .failure(RecordError("missing 'Date Created'"))
    }
    var live: (start: Int64, end: Int64)?
    switch (start, end) {
    case (let s?, let e?):
      guard e >= s else { return .failure(RecordError("ends (\(raw[.endTime]!)) before it starts (\(raw[.startTime]!))")) }
      guard e - s <= maximumLiveSeconds else {
        return .failure(RecordError("is live for more than 48 h (\(raw[.startTime]!) to \(raw[.endTime]!)); Twilio cuts calls at 24 h"))
      }
      live = (s, e)
    case (_?, nil): return .failure(RecordError("has a start time but no end time (a call still in progress?)"))
    case (nil, _?): return .failure(RecordError("has an end time but no start time"))
    case (nil, nil): live = nil
    }
    var duration: Int64?
    if let text = raw[.duration] {
      guard let value = Double(text), value.isFinite else { return .failure(RecordError("duration '\(text.prefix(40))' is not a number")) }
      guard value >= 0 else { return .failure(RecordError("negative duration \(text)")) }
      guard value < 1e9 else { return .failure(RecordError("duration \(text) is out of range")) }
      duration = Int64(value)
    } else if let live {
      duration = live.end - live.start
    }
    var queueTime: Double?
    if let text = raw[.queueTime] {
      guard let value = Double(text), value.isFinite, value < 1e12 else {
        return .failure(RecordError("queue time '\(text.prefix(40))' is not a number of milliseconds"))
      }
      guard value >= 0 else { return .failure(RecordError("negative queue time \(text)")) }
      queueTime = value
    }
    return .success(
      CallRecord(
        sid: raw[.sid]!, parentCallSid: raw[.parentCallSid], direction: direction, status: raw[.status], createdSeconds: created,
        live: live, durationSeconds: duration, queueTimeMilliseconds: queueTime, from: raw[.from], to: raw[.to],
        trunkSid: raw[.trunkSid]))
  }
}

/// Why a record was skipped.
public struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
