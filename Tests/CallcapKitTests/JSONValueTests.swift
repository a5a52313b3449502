import Foundation
import Testing

@testable import CallcapKit

/// The value layer under every `--json`: deterministic text, numbers that
/// read back as the same `Double`, strings escaped as JSON requires, and
/// the published output schema in step with the code.
@Suite struct JSONValueTests {
  @Test func numbersReadBackExactly() throws {
    var generator = SystemRandomNumberGenerator()
    var values: [Double] = [0, -0.0, 1, 2, 0.1, 1.0 / 3, 1e-5, 123_456.789, 9_007_199_254_740_992, 1e300, -2.5e-300, 0.009970]
    for _ in 0..<2000 {
      // Any bit pattern that is a finite Double.
      let value = Double(bitPattern: generator.next())
      if value.isFinite { values.append(value) }
    }
    for value in values {
      let text = JSONValue.format(value)
      let parsed = try JSONValue.parse(text)
      #expect(parsed == .number(value), "\(value) printed as \(text)")
      // Python's json and Foundation agree on the same digits.
      #expect(Double(text) == value)
    }
    #expect(JSONValue.format(2) == "2")
    #expect(JSONValue.format(0.1) == "0.1")
    #expect(JSONValue.format(-3.5) == "-3.5")
    // Not finite: null, whether filtered when built (an optional) or when printed.
    #expect(JSONValue.number(Double.infinity as Double?) == .null)
    #expect(JSONValue.number(nil as Double?) == .null)
    #expect(JSONValue.number(Double.nan).text == "null\n")
    #expect(JSONValue.array([.number(-Double.infinity)]).text == "[null]\n")
  }

  @Test func textIsSortedPrettyAndReadsBack() throws {
    let value: JSONValue = [
      "b": [1, 2.5, nil, true], "e": [[:]], "a": "say \"hi\"\\ 東京 /\n\u{01}", "c": [:], "d": [],
    ]
    let expected =
      "{\n  \"a\": \"say \\\"hi\\\"\\\\ 東京 /\\n\\u0001\",\n  \"b\": [1, 2.5, null, true],\n"
      + "  \"c\": {},\n  \"d\": [],\n  \"e\": [\n    {}\n  ]\n}\n"
    #expect(value.text == expected)
    #expect(try JSONValue.parse(value.text) == value)
    // Foundation reads it as the same document.
    let foundation = try #require(try JSONSerialization.jsonObject(with: Data(value.text.utf8)) as? [String: Any])
    #expect(foundation["a"] as? String == "say \"hi\"\\ 東京 /\n\u{01}")
  }

  @Test func malformedTextIsRefused() throws {
    for text in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "tru", "[1] 2", "{\"a\": 1, \"a\": 2}", "\"\u{01}\""] {
      #expect(throws: JSONValue.ParseError.self, "\(text)") { try JSONValue.parse(text) }
    }
    #expect(try JSONValue.parse(" [\"\\ud83d\\ude00\", -0.5e+2] ") == ["😀", -50])
  }

  /// `schema/output.schema.json` is the schema the code describes.
  @Test func committedSchemaIsCurrent() throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let file = repository.appendingPathComponent("schema/output.schema.json")
    if ProcessInfo.processInfo.environment["CALLCAP_UPDATE_SCHEMA"] == "1" {
      try OutputSchema.jsonText().write(to: file, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOf: file, encoding: .utf8)
    #expect(
      committed == OutputSchema.jsonText(),
      """
      schema/output.schema.json differs from OutputSchema.jsonText(): regenerate it with \
      `callcap schema --output > schema/output.schema.json`, or \
      `CALLCAP_UPDATE_SCHEMA=1 swift test --filter JSONValueTests/committedSchemaIsCurrent`
      """)
    let schema = try JSONValue.parse(OutputSchema.jsonText())
    #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
    #expect(schema["$defs"]?["status"]?["enum"] == ["buy", "meets", "fails", "undecided", "not_judged"])
    #expect(OutputSchema.jsonText().hasSuffix("}\n"))
  }

  /// The document of one plan: the shape, the verdict's words, and the same bytes for the same plan.
  @Test func planDocument() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: doc
      simulation: { horizon: 10m, replications: 4, max_replications: 8, seed: 3 }
      account: { thresholds: { outbound: 100 } }
      numbers: [050-1234-5678]
      traffic:
        - { name: calls, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% },
            arrivals: { rate: 5400/h }, duration: 30s }
      objectives: { queue_wait_p95: 60s, suspension_risk: 90% }
      """)
    let report = PlanReport(scenario: scenario, tiers: [1, 2, 5], gate: nil, simulator: Simulator(jobs: 1), headroom: false)
    let text = OutputDocument.render(command: "plan", scenarios: [report.jsonScenario])
    let document = try JSONValue.parse(text)
    #expect(document["command"] == "plan")
    #expect(document["callcap_version"] == .string(CallcapVersion.string))
    guard case .array(let scenarios)? = document["scenarios"], let first = scenarios.first else {
      Issue.record("no scenarios")
      return
    }
    #expect(first["verdict"]?["status"] == "buy")
    #expect(first["verdict"]?["recommended_cps"] == ["api": 2])
    guard case .array(let runs)? = first["runs"] else {
      Issue.record("no runs")
      return
    }
    #expect(runs.count == 4)
    #expect(runs.first?["configured"] == true)
    #expect(runs.dropFirst().map { $0["cps"] } == [1, 2, 5])
    let again = PlanReport(scenario: scenario, tiers: [1, 2, 5], gate: nil, simulator: Simulator(jobs: 3), headroom: false)
    #expect(OutputDocument.render(command: "plan", scenarios: [again.jsonScenario]) == text)
  }
}
