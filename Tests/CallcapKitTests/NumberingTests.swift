import PropertyBased
import Testing

@testable import CallcapKit

/// The Japanese numbering plan as platform-rules.md describes it: every
/// prefix class, every written form, malformed inputs, and dialability.
@Suite struct NumberingTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var input: String
    var kind: NumberKind
    var e164: String?
    var prefix: String
    var testDescription: String { input }
  }

  static let classes: [Case] = [
    Case(input: "03-1234-5678", kind: .geographic, e164: "+81312345678", prefix: "03"),
    Case(input: "011-234-5678", kind: .geographic, e164: "+81112345678", prefix: "011"),
    Case(input: "0466-12-3456", kind: .geographic, e164: "+81466123456", prefix: "0466"),
    Case(input: "050-1234-5678", kind: .ip, e164: "+815012345678", prefix: "050"),
    Case(input: "070-1234-5678", kind: .mobile, e164: "+817012345678", prefix: "070"),
    Case(input: "080-1234-5678", kind: .mobile, e164: "+818012345678", prefix: "080"),
    Case(input: "090-1234-5678", kind: .mobile, e164: "+819012345678", prefix: "090"),
    Case(input: "0120-123-456", kind: .tollFree, e164: "+81120123456", prefix: "0120"),
    Case(input: "0800-123-4567", kind: .tollFree, e164: "+818001234567", prefix: "0800"),
    Case(input: "110", kind: .special, e164: nil, prefix: "110"),
    Case(input: "119", kind: .special, e164: nil, prefix: "119"),
    Case(input: "010-1-212-555-0100", kind: .special, e164: nil, prefix: "010"),
    Case(input: "020-1234-5678", kind: .special, e164: "+812012345678", prefix: "020"),
    Case(input: "0170-123-456", kind: .special, e164: "+81170123456", prefix: "0170"),
    Case(input: "0180-123-456", kind: .special, e164: "+81180123456", prefix: "0180"),
    Case(input: "0570-123-456", kind: .special, e164: "+81570123456", prefix: "0570"),
    Case(input: "0910-123-456", kind: .special, e164: "+81910123456", prefix: "0910"),
    Case(input: "0990-123-456", kind: .special, e164: "+81990123456", prefix: "0990"),
    Case(input: "#8000", kind: .special, e164: nil, prefix: "#"),
    Case(input: "001-1-212-555-0100", kind: .special, e164: nil, prefix: "00"),
    Case(input: "0070-12-3456", kind: .special, e164: nil, prefix: "0070"),
    Case(input: "0077-12-3456", kind: .special, e164: nil, prefix: "0077"),
    Case(input: "+1 415 555 0100", kind: .international, e164: "+14155550100", prefix: "+"),
    Case(input: "ANONYMOUS", kind: .withheld, e164: nil, prefix: "ANONYMOUS"),
    Case(input: "anonymous", kind: .withheld, e164: nil, prefix: "ANONYMOUS"),
    Case(input: "7378742833", kind: .withheld, e164: nil, prefix: "RESTRICTED"),
    Case(input: "BLOCKED", kind: .withheld, e164: nil, prefix: "BLOCKED"),
    Case(input: "UNKNOWN", kind: .withheld, e164: nil, prefix: "UNKNOWN"),
    Case(input: "86282452253", kind: .withheld, e164: nil, prefix: "UNAVAILABLE"),
    Case(input: "464", kind: .withheld, e164: nil, prefix: "EMPTY"),
  ]

  @Test(arguments: classes)
  func classifiesEveryPrefixClass(_ testCase: Case) throws {
    let number = try PhoneNumber.parse(testCase.input).get()
    #expect(number.kind == testCase.kind)
    #expect(number.e164 == testCase.e164)
    #expect(number.prefix == testCase.prefix)
  }

  /// Every way people write 03-1234-5678.
  static let forms = [
    "03-1234-5678", "0312345678", "(03) 1234-5678", "+81 3-1234-5678", "+81312345678", "０３－１２３４－５６７８",
    "tel:+81-3-1234-5678", "03 1234 5678", "03‐1234‐5678", "＋８１ ３ １２３４ ５６７８",
  ]

  @Test(arguments: forms)
  func readsEveryWrittenForm(_ text: String) throws {
    let number = try PhoneNumber.parse(text).get()
    #expect(number.e164 == "+81312345678")
    #expect(number.domestic == "03-1234-5678")
  }

  @Test func countryCodeHintReadsBare81() throws {
    #expect(try PhoneNumber.parse("81312345678", countryCodeWithoutPlus: true).get().e164 == "+81312345678")
    // Without the hint, a number must start with 0 or +.
    #expect((try? PhoneNumber.parse("81312345678").get()) == nil)
  }

  static let malformed: [(String, String)] = [
    ("03-1234-567", "geographic numbers (0AB-J) have 10 digits, this one has 9"),
    ("090-1234-567", "mobile numbers (090) have 11 digits, this one has 10"),
    ("0120-123-4567", "toll-free (0120) numbers (0120) have 10 digits, this one has 11"),
    ("03-1234-abcd", "contains 'a', which is not part of a telephone number"),
    ("+81 03-1234-5678", "after +81 the leading 0 is dropped"),
    ("12345", "does not start with 0 or +"),
    ("", "empty number"),
    ("+1 23", "is not a valid E.164 number"),
    ("03+1234", "has a '+' in the middle"),
  ]

  @Test(arguments: malformed)
  func rejectsMalformedNumbersWithAReason(_ text: String, _ reason: String) {
    switch PhoneNumber.parse(text) {
    case .success(let number): Issue.record("'\(text)' parsed as \(number.kind)")
    case .failure(let error): #expect(error.message.contains(reason), "\(error.message)")
    }
  }

  /// Formatting an E.164 number in domestic form and reading it back is the identity.
  @Test func domesticFormRoundTrips() async {
    let prefixes = ["3", "6", "11", "466", "50", "70", "80", "90", "120", "800"]
    let lengths = [9, 9, 9, 9, 10, 10, 10, 10, 9, 10]
    await propertyCheck(count: 500, input: Gen.int(in: 0...9), Gen.int(in: 0...99_999_999)) { index, subscriber in
      let national = prefixes[index]
      let rest = String(subscriber).padding(toLength: lengths[index] - national.count, withPad: "7", startingAt: 0)
      let e164 = "+81" + national + rest
      guard let parsed = try? PhoneNumber.parse(e164).get() else {
        Issue.record("\(e164) did not parse")
        return
      }
      let again = try? PhoneNumber.parse(parsed.domestic).get()
      #expect(again?.e164 == e164, "\(e164) -> \(parsed.domestic)")
      #expect(again?.kind == parsed.kind)
    }
  }

  @Test func dialabilityFollowsTheDefaultsAndOverrides() throws {
    func verdict(_ text: String, _ rules: DialingRules = DialingRules()) throws -> DialingRules.Verdict {
      rules.verdict(for: try PhoneNumber.parse(text).get())
    }
    for dialable in ["03-1234-5678", "090-1234-5678", "050-1234-5678", "0120-123-456", "+14155550100"] {
      #expect(try verdict(dialable) == .dialable, "\(dialable)")
    }
    for refused in ["110", "0570-123-456", "0180-123-456", "0990-123-456", "020-1234-5678", "#8000", "0170-123-456"] {
      #expect(try !verdict(refused).allowsCall, "\(refused)")
    }
    guard case .partly = try verdict("0077-12-3456") else {
      Issue.record("0077 should be partly dialable")
      return
    }
    let overridden = DialingRules(overrides: NumberingOverrides(allow: ["0570"], deny: ["090"]))
    #expect(try verdict("0570-123-456", overridden) == .dialable)
    #expect(try !verdict("090-1234-5678", overridden).allowsCall)
  }

  @Test func numberCommandLines() {
    let lines = ["03-1234-5678", "0570-123-456", "０９０－１２３４－５６７８", "0800-123-4567"].map { NumberInfo($0).line }
    #expect(
      lines[0]
        == "03-1234-5678: +81312345678, geographic (area code 03), written 03-1234-5678; sold by Twilio: no: forward it from another carrier to a 050 number; from 050: dialable; from toll-free: dialable"
    )
    #expect(lines[1].contains("special (navi dial)") && lines[1].contains("from 050: no: navi dial numbers cannot be dialed from Twilio"))
    #expect(lines[2].hasPrefix("０９０－１２３４－５６７８: +819012345678, mobile, written 090-1234-5678; sold by Twilio: no;"))
    #expect(
      lines[3].contains("sold by Twilio: yes, self-serve")
        && lines[3].contains("from 050: no: toll-free numbers cannot be reached from 050 numbers"))
  }

  /// Reachability: callers who cannot reach the number are warned about
  /// and dropped in the simulation; forwarding the caller's ID to a SIP
  /// endpoint is lawful.
  @Test func reachabilityWarningsAndTheSimulatedShare() throws {
    let text = """
      callcap: 1
      name: reach
      simulation: { horizon: 2h, replications: 2 }
      numbers: [0800-123-4567, 050-1234-5678]
      traffic:
        - { name: line, type: inbound, to: 0800-123-4567, from: { mobile: 70%, payphone: 10%, ip: 20% },
            arrivals: { rate: 1/s }, duration: 1m }
        - { name: desk, type: forward, to: 050-1234-5678, forward_to: sip:desk@example.com, caller_id: caller,
            arrivals: { rate: 1/min }, duration: 1m }
      """
    #expect(
      diagnostics(text) == [
        "6:74: warning: 10% of calls (payphone) never connect: public payphones cannot call toll-free numbers; the simulation drops them as unreachable",
        "6:89: warning: 20% of calls (ip) never connect: 050 numbers cannot call toll-free numbers; the simulation drops them as unreachable",
      ])
    let scenario = try loadScenario(text)
    #expect(abs(scenario.traffic[0].unreachableShare - 0.3) < 1e-12)
    let run = Simulator(jobs: 1).run(SimulationModel(scenario), replications: 2)
    let offered = try #require(run.mean(.traffic("line"), .callsOffered))
    let dropped = Double(run.replications.reduce(0) { $0 + $1.unreachableByTraffic[0] }) / 2
    // 7200 arrivals per replication, 30% dropped: binomial noise is about 0.5%.
    #expect(abs(dropped / (offered + dropped) - 0.3) < 0.02)
  }
}
