import Foundation
import Testing

@testable import CallcapKit

/// Records built by hand, written in the three formats, so that every
/// expected figure is known exactly.
enum RecordFixtures {
  struct Call {
    var sid: String
    var parent: String? = nil
    var direction: String
    /// Local times (UTC+09:00), `yyyy-MM-dd HH:mm:ss`.
    var created: String
    var start: String?
    var end: String?
    var status = "completed"
    var duration: String? = nil
    var queueMilliseconds: String? = nil
    var trunk: String? = nil
  }

  static func seconds(_ local: String) -> Int64 {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(secondsFromGMT: 9 * 3600)
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return Int64(formatter.date(from: local)!.timeIntervalSince1970)
  }

  static func format(_ local: String?, _ pattern: String, zone: Int) -> String? {
    guard let local else { return nil }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(secondsFromGMT: zone)
    formatter.dateFormat = pattern
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds(local))))
  }

  static func json(_ value: String?) -> String {
    value.map { "\"\($0)\"" } ?? "null"
  }

  /// A Calls API page: snake_case, RFC 2822 in UTC, durations as strings.
  static func apiPage(_ calls: [Call]) -> String {
    let rfc = "EEE, dd MMM yyyy HH:mm:ss Z"
    let records = calls.map { call in
      """
      {"sid": \(json(call.sid)), "parent_call_sid": \(json(call.parent)), "date_created": \(json(format(call.created, rfc, zone: 0))), \
      "start_time": \(json(format(call.start, rfc, zone: 0))), "end_time": \(json(format(call.end, rfc, zone: 0))), \
      "duration": \(json(call.duration)), "direction": \(json(call.direction)), "status": \(json(call.status)), \
      "from": "+815012345678", "to": "+819012345678", "queue_time": \(json(call.queueMilliseconds)), \
      "trunk_sid": \(json(call.trunk)), "subresource_uris": {"recordings": "/x.json", "nested": [1, {"a": null}]}, "price": -0.05}
      """
    }
    return "{\"calls\": [\n" + records.joined(separator: ",\n") + "\n], \"next_page_uri\": null, \"page\": 0}\n"
  }

  /// A Twilio CLI array: camelCase, ISO 8601 in UTC with milliseconds.
  static func cliArray(_ calls: [Call]) -> String {
    let iso = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
    let records = calls.map { call in
      """
        {"sid": \(json(call.sid)), "parentCallSid": \(json(call.parent)), "dateCreated": \(json(format(call.created, iso, zone: 0))),
         "startTime": \(json(format(call.start, iso, zone: 0))), "endTime": \(json(format(call.end, iso, zone: 0))),
         "duration": \(json(call.duration)), "direction": \(json(call.direction)), "status": \(json(call.status)),
         "queueTime": \(json(call.queueMilliseconds)), "trunkSid": \(json(call.trunk))}
      """
    }
    return "[\n" + records.joined(separator: ",\n") + "\n]\n"
  }

  /// A CSV export: header names with spaces, ISO 8601 with the +09:00 offset, CRLF.
  static func csv(_ calls: [Call]) -> String {
    let iso = "yyyy-MM-dd'T'HH:mm:ssxxx"
    var text = "Call Sid,Parent Call Sid,Date Created,Start Time,End Time,Duration,Direction,Status,From,To,Queue Time,Trunk Sid\r\n"
    for call in calls {
      let fields = [
        call.sid, call.parent ?? "", format(call.created, iso, zone: 9 * 3600)!, format(call.start, iso, zone: 9 * 3600) ?? "",
        format(call.end, iso, zone: 9 * 3600) ?? "", call.duration ?? "", call.direction, call.status, "+815012345678",
        "\"+81 90, 1234\"", call.queueMilliseconds ?? "", call.trunk ?? "",
      ]
      text += fields.joined(separator: ",") + "\r\n"
    }
    return text
  }

  /// Calls with exactly known peaks on 2026-11-10 and 2026-11-11 (local).
  static let constructed: [Call] = [
    // Inbound: A and B touch at 10:00:10 (an end before a start: no overlap);
    // C overlaps both; D is zero-length and never live. Peak 2 from 10:00:05,
    // 10 s at 2.
    Call(sid: "CA_A", direction: "inbound", created: "2026-11-10 10:00:00", start: "2026-11-10 10:00:00", end: "2026-11-10 10:00:10"),
    Call(sid: "CA_B", direction: "inbound", created: "2026-11-10 10:00:10", start: "2026-11-10 10:00:10", end: "2026-11-10 10:00:20"),
    Call(sid: "CA_C", direction: "inbound", created: "2026-11-10 10:00:05", start: "2026-11-10 10:00:05", end: "2026-11-10 10:00:15"),
    Call(sid: "CA_D", direction: "inbound", created: "2026-11-10 10:00:05", start: "2026-11-10 10:00:05", end: "2026-11-10 10:00:05"),
    // Forwarded: P1 and P2 overlap 11:01:00-11:02:00 (peak 2, 60 s); P2's
    // child comes before its parent; P3 has no child and is inbound.
    Call(
      sid: "CA_L1", parent: "CA_P1", direction: "outbound-dial", created: "2026-11-10 11:00:01", start: "2026-11-10 11:00:01",
      end: "2026-11-10 11:05:00"),
    Call(
      sid: "CA_L2", parent: "CA_P2", direction: "outbound-dial", created: "2026-11-10 11:01:01", start: "2026-11-10 11:01:01",
      end: "2026-11-10 11:02:00", status: "no-answer"),
    Call(sid: "CA_P1", direction: "inbound", created: "2026-11-10 11:00:00", start: "2026-11-10 11:00:00", end: "2026-11-10 11:05:00"),
    Call(sid: "CA_P2", direction: "inbound", created: "2026-11-10 11:01:00", start: "2026-11-10 11:01:00", end: "2026-11-10 11:02:00"),
    Call(sid: "CA_P3", direction: "inbound", created: "2026-11-10 11:04:00", start: "2026-11-10 11:04:00", end: "2026-11-10 11:06:00"),
    // A forwarded call over midnight: forwarded 1 on both days.
    Call(
      sid: "CA_L4", parent: "CA_P4", direction: "outbound-dial", created: "2026-11-10 23:59:01", start: "2026-11-10 23:59:01",
      end: "2026-11-11 00:02:00"),
    Call(sid: "CA_P4", direction: "inbound", created: "2026-11-10 23:59:00", start: "2026-11-10 23:59:00", end: "2026-11-11 00:02:00"),
    // Outbound over midnight: O1 queued 5 s, live 23:59:55-00:00:30; O2
    // 00:00:10-00:00:20; T1 starts as O2 ends; T2 within T1. Peak 2 on the 11th.
    Call(
      sid: "CA_O1", direction: "outbound-api", created: "2026-11-10 23:59:50", start: "2026-11-10 23:59:55", end: "2026-11-11 00:00:30",
      duration: "20", queueMilliseconds: "5000"),
    Call(
      sid: "CA_O2", direction: "outbound-api", created: "2026-11-11 00:00:10", start: "2026-11-11 00:00:10", end: "2026-11-11 00:00:20",
      queueMilliseconds: "0"),
    Call(
      sid: "CA_T1", direction: "trunking-terminating", created: "2026-11-11 00:00:20", start: "2026-11-11 00:00:20",
      end: "2026-11-11 00:01:00", duration: "10", trunk: "TK1"),
    Call(
      sid: "CA_T2", direction: "trunking-terminating", created: "2026-11-11 00:00:40", start: "2026-11-11 00:00:40",
      end: "2026-11-11 00:00:50", status: "no-answer", duration: "0", trunk: "TK1"),
    // Two more API calls created in the same second as O2, canceled while queued: CPS 3, never live.
    Call(sid: "CA_O3", direction: "outbound-api", created: "2026-11-11 00:00:10", start: nil, end: nil, status: "canceled"),
    Call(sid: "CA_O4", direction: "outbound-api", created: "2026-11-11 00:00:10", start: nil, end: nil, status: "canceled"),
  ]

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("callcap-records-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static func writeBytes(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  /// The repository's `records/` folder.
  static var shipped: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("records")
  }
}

/// The figures an observation gives, without what names its source.
private func figures(_ observation: Observation) -> Observation {
  var copy = observation
  copy.files = []
  copy.name = ""
  return copy
}

private func observe(_ path: String, thresholds: ObservationThresholds = ObservationThresholds()) throws -> Observation {
  let (observation, outcome) = ObserveRecords.run(paths: [path], name: "t", utcOffsetSeconds: 9 * 3600, thresholds: thresholds)
  #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
  return try #require(observation)
}

@Suite struct CallRecordsTests {
  @Test func constructedRecordsGiveTheExactPeaksPerCategoryAndDay() throws {
    let folder = try RecordFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try RecordFixtures.write(RecordFixtures.apiPage(RecordFixtures.constructed), "page.json", in: folder)
    let observation = try observe(path, thresholds: ObservationThresholds(inbound: 2, outbound: 2, forwarded: 2))
    #expect(observation.days.map(\.date) == ["2026-11-10", "2026-11-11"])
    let (first, second) = (observation.days[0], observation.days[1])
    func peak(_ day: ObservedDay, _ category: String) -> CategoryPeak { day.peaks.first { $0.category == category }! }

    #expect(peak(first, "inbound").peak == 2)
    #expect(peak(first, "inbound").peakAt == "2026-11-10 10:00:05")
    #expect(peak(first, "inbound").secondsAtOrAbove == 10)
    #expect(peak(first, "forwarded").peak == 2)
    #expect(peak(first, "forwarded").peakAt == "2026-11-10 11:01:00")
    #expect(peak(first, "forwarded").secondsAtOrAbove == 60)
    #expect(peak(first, "outbound").peak == 1)
    #expect(peak(first, "outbound").peakAt == "2026-11-10 23:59:55")
    #expect(peak(first, "total").peak == 2)

    #expect(peak(second, "inbound").peak == 0)
    #expect(peak(second, "forwarded").peak == 1)
    #expect(peak(second, "forwarded").peakAt == "2026-11-11 00:00:00")
    #expect(peak(second, "outbound").peak == 2)
    #expect(peak(second, "outbound").peakAt == "2026-11-11 00:00:10")
    // O1+O2, then O1+T1 (T1 starts as O2 ends), then T1+T2: 3 x 10 s.
    #expect(peak(second, "outbound").secondsAtOrAbove == 30)
    #expect(peak(second, "total").peak == 3)
    #expect(peak(second, "outbound").reached && peak(first, "inbound").reached && !peak(second, "inbound").reached)

    #expect(first.calls == CallCounts(inbound: 5, outbound: 1, forwarded: 3, legs: 3, neverLive: 0))
    #expect(second.calls == CallCounts(inbound: 0, outbound: 5, forwarded: 0, legs: 0, neverLive: 2))
    #expect(second.gates.map(\.gate) == ["api", "trunk:TK1"])
    #expect(second.gates[0].peakCallsPerSecond == 3)
    #expect(second.gates[0].peakAt == "2026-11-11 00:00:10")
    #expect(second.gates[0].calls == 3)
    #expect(first.queueTimes?.maxSeconds == 5)
    #expect(observation.overall.peaks.map(\.peak) == [2, 2, 2, 3])
    #expect(observation.overall.peaks[1].secondsAtOrAbove == 30)
    #expect(
      observation.trunks == [
        TrunkShares(
          trunk: "TK1", calls: 2, answered: 1, answerShare: 0.5, shortCalls: 1, shortCallShare: 1, meanDurationSeconds: 10,
          upgradeEligible: false)
      ])
  }

  @Test func theUTCOffsetDecidesTheDays() throws {
    let folder = try RecordFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try RecordFixtures.write(RecordFixtures.apiPage(RecordFixtures.constructed), "page.json", in: folder)
    // At UTC every call falls on 2026-11-10 (local 10:00 is 01:00Z, 00:02 is 15:02Z).
    let (observation, _) = ObserveRecords.run(paths: [path], name: "t", utcOffsetSeconds: 0)
    #expect(observation?.days.map(\.date) == ["2026-11-10"])
    #expect(observation?.overall.peaks.first { $0.category == "outbound" }?.peakAt == "2026-11-10 15:00:10")
  }

  @Test func theThreeFormatsGiveTheSameObservation() throws {
    let folder = try RecordFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let calls = RecordFixtures.constructed
    let api = try observe(RecordFixtures.write(RecordFixtures.apiPage(calls), "a.json", in: folder))
    let cli = try observe(RecordFixtures.write(RecordFixtures.cliArray(calls), "b.json", in: folder))
    let csv = try observe(RecordFixtures.write(RecordFixtures.csv(calls), "c.csv", in: folder))
    #expect(figures(api) == figures(cli))
    #expect(figures(api) == figures(csv))
  }

  @Test func theShippedRecordsAgreeAcrossFormats() throws {
    let base = RecordFixtures.shipped
    let api = try observe(base.appendingPathComponent("records-api.json").path)
    let cli = try observe(base.appendingPathComponent("records-cli.json").path)
    let csv = try observe(base.appendingPathComponent("records.csv").path)
    #expect(figures(api) == figures(cli))
    #expect(figures(api) == figures(csv))
    #expect(ObservationReport.peaksCSV(api) == ObservationReport.peaksCSV(csv))
    #expect(api.recordsRead > 2000)
  }

  @Test func recordsOrderDoesNotMatter() throws {
    let folder = try RecordFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let forward = try observe(RecordFixtures.write(RecordFixtures.apiPage(RecordFixtures.constructed), "a.json", in: folder))
    let backward = try observe(RecordFixtures.write(RecordFixtures.apiPage(RecordFixtures.constructed.reversed()), "b.json", in: folder))
    #expect(figures(forward) == figures(backward))
  }

  @Test func timestampsInEveryForm() {
    var parser = TimestampParser()
    let expected: Int64 = 1_794_272_523  // 2026-11-10T01:02:03Z
    #expect(parser.seconds("Tue, 10 Nov 2026 01:02:03 +0000") == expected)
    #expect(parser.seconds("Tue, 10 Nov 2026 10:02:03 +0900") == expected)
    #expect(parser.seconds("2026-11-10T01:02:03Z") == expected)
    #expect(parser.seconds("2026-11-10T01:02:03.999Z") == expected)
    #expect(parser.seconds("2026-11-10T10:02:03+09:00") == expected)
    #expect(parser.seconds("2026-11-10 01:02:03 +0000") == expected)
    #expect(parser.seconds("Tue, 10 Nov 2026 01:02:59 +0000") == expected + 56)
    for bad in ["yesterday", "2026-11-10", "Tue, 10 Nov 2026 01:02:63 +0000", "2026-13-10T01:02:03Z", "", "::::::"] {
      #expect(parser.seconds(bad) == nil, "\(bad)")
    }
  }

  @Test func utcOffsets() {
    #expect(LocalTime.parseOffset("+09:00") == 32_400)
    #expect(LocalTime.parseOffset("-05:30") == -19_800)
    #expect(LocalTime.parseOffset("+0900") == 32_400)
    #expect(LocalTime.parseOffset("Z") == 0)
    for bad in ["9", "+15:00", "+09:60", "09:00", "+9:00"] { #expect(LocalTime.parseOffset(bad) == nil, "\(bad)") }
    #expect(LocalTime.dateTime(0) == "1970-01-01 00:00:00")
    #expect(LocalTime.date(20_402) == "2025-11-10")
  }
}

/// Hostile and broken input: a clear diagnostic with a position, never a crash.
@Suite struct HostileRecordsTests {
  private func read(_ text: String, _ name: String) throws -> RecordFiles.Outcome {
    let folder = try RecordFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try RecordFixtures.write(text, name, in: folder)
    return RecordFiles(paths: [path]).read { _, _ in }
  }

  private func messages(_ outcome: RecordFiles.Outcome) -> [String] {
    outcome.diagnostics.map { $0.description.components(separatedBy: "/").last! }
  }

  @Test func aTruncatedJSONFileStopsWithItsPosition() throws {
    let page = RecordFixtures.apiPage(RecordFixtures.constructed)
    for cut in [page.count / 2, page.count - 3, 12, 1] {
      let outcome = try read(String(page.prefix(cut)), "cut.json")
      #expect(outcome.invalid, "cut at \(cut)")
      #expect(outcome.diagnostics.count == 1)
      let message = outcome.diagnostics.first?.description ?? ""
      #expect(message.contains("cut.json:") && message.contains(": error: "), "\(message)")
      #expect(outcome.diagnostics.first?.location != nil)
    }
  }

  @Test func everyTruncationAndByteFlipOfAPageGivesADiagnosticNotACrash() throws {
    let folder = try RecordFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = Array(RecordFixtures.apiPage(Array(RecordFixtures.constructed.prefix(3))).utf8)
    let path = folder.appendingPathComponent("page.json").path
    // Cut before the closing brace (the last byte is a line break): every
    // shorter prefix is a truncated document.
    for cut in 0..<(page.count - 1) {
      try Data(page.prefix(cut)).write(to: URL(fileURLWithPath: path))
      let outcome = RecordFiles(paths: [path]).read { _, _ in }
      #expect(outcome.invalid, "cut at \(cut)")
      #expect(outcome.diagnostics.count == 1 && outcome.diagnostics[0].location != nil, "cut at \(cut)")
    }
    // Byte flips with a fixed seed: each either reads or fails with a position.
    var state: UInt64 = 17
    for _ in 0..<400 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      var bytes = page
      bytes[Int(state >> 33) % bytes.count] = UInt8(truncatingIfNeeded: state >> 13)
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let outcome = RecordFiles(paths: [path]).read { _, _ in }
      if outcome.invalid { #expect(outcome.diagnostics.first?.location != nil) }
    }
  }

  @Test func jsonSyntaxErrorsNameLineAndColumn() throws {
    let outcome = try read("{\"calls\": [\n  {\"sid\": \"CA1\"} x\n]}", "bad.json")
    #expect(outcome.invalid)
    #expect(messages(outcome) == ["bad.json:2:18: error: expected ',' or ']' after a call record"])
    let noCalls = try read("{\"page\": 0}", "nocalls.json")
    #expect(messages(noCalls) == ["nocalls.json:1:1: error: no 'calls' array: not a Calls API page (nor a Twilio CLI array)"])
    let deep = try read("[" + String(repeating: "[", count: 10_000), "deep.json")
    #expect(deep.invalid)
    let trailing = try read("[]\n[]", "two.json")
    #expect(messages(trailing) == ["two.json:2:1: error: unexpected data after the end of the JSON document"])
  }

  @Test func aCSVWithoutARequiredColumnIsRefused() throws {
    let outcome = try read("Call Sid,Direction,Date Created,Start Time\nCA1,inbound,2026-11-10T01:00:00Z,2026-11-10T01:00:00Z\n", "x.csv")
    #expect(outcome.invalid)
    #expect(messages(outcome).first?.hasPrefix("x.csv:1:1: error: the header has no 'End Time' column") == true)
  }

  @Test func badRowsAreSkippedWithTheirLine() throws {
    let text = """
      sid,direction,date_created,start_time,end_time,duration
      CA1,inbound,2026-11-10T01:00:00Z,2026-11-10T01:00:00Z,2026-11-10T01:01:00Z,60
      CA2,inbound,2026-11-10T01:00:00Z,2026-11-10T01:00:00Z
      CA3,inbound,yesterday,2026-11-10T01:00:00Z,2026-11-10T01:01:00Z,60
      CA4,inbound,2026-11-10T01:00:00Z,2026-11-10T01:00:00Z,2026-11-10T01:01:00Z,-5
      CA5,inbound,2026-11-10T01:00:00Z,2026-11-10T01:02:00Z,2026-11-10T01:01:00Z,60
      CA6,sideways,2026-11-10T01:00:00Z,2026-11-10T01:00:00Z,2026-11-10T01:01:00Z,60
      "CA7
      still CA7",inbound,2026-11-10T01:00:00Z,2026-11-10T01:00:00Z,2026-11-10T01:01:00Z,sixty
      CA8,inbound,2026-11-10T01:00:00Z,2026-11-10T01:00:00Z,,
      CA9,inbound,2026-11-10T01:00:00Z,2026-11-10T01:00:00Z,2026-11-13T01:00:00Z,

      """
    let outcome = try read(text, "rows.csv")
    #expect(!outcome.invalid)
    #expect(outcome.recordsRead == 1)
    #expect(outcome.recordsSkipped == 8)
    #expect(
      messages(outcome) == [
        "rows.csv:3:1: error: skipped record: the row has 4 fields; the header has 6",
        "rows.csv:4:1: error: skipped record: Date Created 'yesterday' is not an RFC 2822 or ISO 8601 timestamp",
        "rows.csv:5:1: error: skipped record: negative duration -5",
        "rows.csv:6:1: error: skipped record: ends (2026-11-10T01:01:00Z) before it starts (2026-11-10T01:02:00Z)",
        "rows.csv:7:1: error: skipped record: unknown direction 'sideways' (expected one of inbound, outbound-api, outbound-dial, "
          + "trunking-terminating, trunking-originating)",
        "rows.csv:8:1: error: skipped record: duration 'sixty' is not a number",
        "rows.csv:10:1: error: skipped record: has a start time but no end time (a call still in progress?)",
        "rows.csv:11:1: error: skipped record: is live for more than 48 h (2026-11-10T01:00:00Z to 2026-11-13T01:00:00Z); "
          + "Twilio cuts calls at 24 h",
      ])
  }

  @Test func jsonRecordsOfTheWrongShapeAreSkipped() throws {
    let text = """
      [
        {"sid": "CA1", "direction": "inbound", "dateCreated": "2026-11-10T01:00:00Z", "startTime": null, "endTime": null},
        {"sid": {"nested": 1}, "direction": "inbound", "dateCreated": "2026-11-10T01:00:00Z"},
        "not a record",
        {"direction": "inbound", "dateCreated": "2026-11-10T01:00:00Z"}
      ]
      """
    let outcome = try read(text, "shape.json")
    #expect(outcome.recordsRead == 1)
    #expect(
      messages(outcome) == [
        "shape.json:3:3: error: skipped record: 'sid' is not a string or a number",
        "shape.json:4:3: error: skipped record: an array element that is not a call record (a JSON object)",
        "shape.json:5:3: error: skipped record: missing 'Call Sid'",
      ])
  }

  @Test func binaryAndEmptyFilesAreRefused() throws {
    let folder = try RecordFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var generator = SystemRandomNumberGenerator()
    let noise = (0..<5000).map { index in index == 70 ? 0 : UInt8.random(in: 1...255, using: &generator) }
    let binary = try RecordFixtures.writeBytes([0x7B, 0x0A] + noise, "noise.bin", in: folder)
    var outcome = RecordFiles(paths: [binary]).read { _, _ in }
    #expect(outcome.invalid)
    #expect(outcome.diagnostics.first?.message.contains("binary data") == true)
    #expect(outcome.diagnostics.first?.location != nil)

    let elf = try RecordFixtures.writeBytes([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0], "elf", in: folder)
    outcome = RecordFiles(paths: [elf]).read { _, _ in }
    #expect(outcome.invalid)
    #expect(
      outcome.diagnostics.first?.description.hasSuffix("elf:1:8: error: binary data (a NUL byte): not a JSON or CSV call-record file")
        == true)

    let empty = try RecordFixtures.write("\n  \n", "empty.json", in: folder)
    outcome = RecordFiles(paths: [empty]).read { _, _ in }
    #expect(outcome.invalid)

    outcome = RecordFiles(paths: [folder.path]).read { _, _ in }
    #expect(outcome.unreadable)
    outcome = RecordFiles(paths: [folder.appendingPathComponent("missing.json").path]).read { _, _ in }
    #expect(outcome.unreadable)
    #expect(outcome.diagnostics.first?.message == "cannot open: No such file or directory")
  }

  @Test func invalidUTF8AndControlCharactersInJSONStrings() throws {
    let folder = try RecordFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = try RecordFixtures.writeBytes(Array("[{\"sid\": \"CA".utf8) + [0xFF, 0xFE] + Array("\"}]".utf8), "utf8.json", in: folder)
    var outcome = RecordFiles(paths: [bad]).read { _, _ in }
    #expect(outcome.diagnostics.first?.description.hasSuffix("utf8.json:1:10: error: a string that is not valid UTF-8") == true)
    let control = try RecordFixtures.write("[{\"sid\": \"C\u{1}A\"}]", "control.json", in: folder)
    outcome = RecordFiles(paths: [control]).read { _, _ in }
    #expect(outcome.invalid)
    let escapes = try RecordFixtures.write(
      "[{\"sid\": \"CA\\u00e9\\ud83d\\ude00\\n\", \"direction\": \"inbound\", \"dateCreated\": \"2026-11-10T01:00:00Z\"}]", "escapes.json",
      in: folder)
    var sids: [String] = []
    outcome = RecordFiles(paths: [escapes]).read { record, _ in sids.append(record.sid) }
    #expect(sids == ["CAé😀\n"])
  }
}
