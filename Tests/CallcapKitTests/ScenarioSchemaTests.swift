import Foundation
import Testing

@testable import CallcapKit

/// The scenario schema (`callcap schema`, schema/scenario.schema.json) and
/// the declarations it is written from (issue #21).
@Suite struct ScenarioSchemaTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let committed = root.appendingPathComponent("schema/scenario.schema.json")

  /// The committed schema is what the generator prints today.
  @Test func committedSchemaIsCurrent() throws {
    let text = try String(contentsOf: Self.committed, encoding: .utf8)
    #expect(
      text == ScenarioSchema.text,
      "schema/scenario.schema.json differs from the declarations; regenerate it with `swift build && .build/debug/callcap schema > schema/scenario.schema.json`"
    )
  }

  @Test func schemaIsDeterministicJSON() throws {
    let text = ScenarioSchema.text
    #expect(text == ScenarioSchema.text)
    #expect(text.hasSuffix("}\n"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    #expect(object["$id"] as? String == ScenarioSchema.id)
    #expect(object["title"] as? String == "callcap scenario")
    #expect(object["required"] as? [String] == ["callcap", "name", "simulation", "traffic"])
  }

  /// Every mapping of the schema forbids keys it does not declare, and
  /// declares exactly the keys the loader's declaration has.
  @Test func everyMappingIsClosed() throws {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(ScenarioSchema.text.utf8)) as? [String: Any])
    var mappings = 0
    func walk(_ value: Any) {
      if let dictionary = value as? [String: Any] {
        if dictionary["type"] as? String == "object" {
          mappings += 1
          #expect(dictionary["additionalProperties"] as? Bool == false, "\(dictionary["description"] ?? "")")
        }
        for item in dictionary.values { walk(item) }
      } else if let array = value as? [Any] {
        for item in array { walk(item) }
      }
    }
    walk(object)
    #expect(mappings == ScenarioFormat.mappings.count)
    #expect(mappings >= 25)
  }

  /// The per-type rule of traffic classes is the loader's.
  @Test func trafficTypesNameTheKeysTheLoaderTakes() {
    #expect(ScenarioBuilder.keysByType[.inbound] == ["name", "type", "to", "from", "arrivals", "duration", "ivr", "queue"])
    #expect(ScenarioFormat.trafficClass.requiredNames(for: "forward") == ["to", "forward_to"])
    #expect(ScenarioFormat.trafficClass.requiredNames(for: "outbound") == [])
    #expect(ScenarioFormat.queue.requiredNames(supplied: false) == ["agents"])
    #expect(ScenarioFormat.queue.requiredNames() == [])
  }

  /// The loader refuses a key the declarations do not have, and suggests the declared one.
  @Test func loaderUsesTheDeclarations() {
    for (path, declaration) in [("simulation", ScenarioFormat.simulation), ("account", ScenarioFormat.account)] {
      let problems = diagnostics(
        """
        callcap: 1
        name: t
        simulation: { horizon: 1h\(path == "simulation" ? ", bogus: 1" : "") }
        \(path == "account" ? "account: { bogus: 1 }" : "")
        numbers: [050-1234-5678]
        traffic:
          - { name: a, type: inbound, to: 050-1234-5678, arrivals: { rate: 60/h }, duration: 2m }
        """)
      #expect(problems.count == 1 && problems[0].contains("unknown key 'bogus' in \(path)"), "\(problems)")
      #expect(!declaration.names.contains("bogus"))
    }
  }

  // MARK: - spellings

  /// A published pattern, read from the schema as an editor reads it.
  static func pattern(_ definition: String) throws -> NSRegularExpression {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(ScenarioSchema.text.utf8)) as? [String: Any])
    let definitions = try #require(object["$defs"] as? [String: Any])
    let entry = try #require(definitions[definition] as? [String: Any])
    let forms = (entry["oneOf"] as? [[String: Any]]) ?? [entry]
    let text = try #require(forms.compactMap { $0["pattern"] as? String }.first)
    return try NSRegularExpression(pattern: text)
  }

  static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
    regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }

  /// Spellings per quantity: the parser and the schema's pattern agree on
  /// each (accept both or refuse both), except the listed range cases,
  /// which the pattern accepts and the parser refuses with a range message.
  static let corpus: [(definition: String, parse: @Sendable (Substring) -> Result<Double, QuantityError>, spellings: [String])] = [
    (
      "duration", Quantity.duration,
      [
        "250ms", "90s", "4m", "1.5h", "1d", "0", "0.0", "0s", "40sec", "4min", "2hr", "90 s", " 90s", "1_000ms", "1e3s",
        ".5h", "5.s", "+5s", "1e-05s",
        // refused
        "90", "-5s", "-0s", "-0", "5 parsecs", "nan", "inf s", "", "s", "4 mins", "1hour", "1day", "40secs", "5S", "1__0s",
        "_5s", "5_s", "1,5h", "0x10s", "1.5.h", "ms", "1e3", "½h", "５s", "1h30m",
      ]
    ),
    (
      "rate", Quantity.rate,
      [
        "0.8/s", "40/min", "120/h", "2000/d", "60/hour", "500/day", "3/sec", "2/m", "120 / h", "1_200/h", "1e3/h", "0/h",
        // refused
        "120", "120/hr", "120/hours", "/h", "-1/s", "-0/s", "1/2/h", "120/H", "120h", "120/", "x/h",
      ]
    ),
    (
      "share", Quantity.share,
      [
        "65%", "0.65", "0", "1", "100%", "0%", "0.5%", "65 %", "1e-2", ".5",
        // refused
        "-5%", "-0", "65%%", "%", "", "half", "6 5%", "1,5%",
      ]
    ),
    (
      "profile_rate", ScenarioBuilder.profileRate,
      ["120", "120/h", "40/min", "0", "2.5", "1_000", "1e3", "-5", "-0", "120/hr", "x", "", "120 /h"]
    ),
    (
      "clock_time", Quantity.clockTime,
      [
        "08:00", "8:00", "23:59", "00:00", "10:00:30", " 10:00",
        // refused
        "24:00", "08:60", "8:0", "5:5", "008:00", "+8:00", "-0:00", "08:00:60", "08", "08:00:00:00", "8h", "", "０8:00",
      ]
    ),
  ]

  @Test func parsersAndSchemaPatternsAgree() throws {
    var compared = 0
    for (definition, parse, spellings) in Self.corpus {
      let regex = try Self.pattern(definition)
      for spelling in spellings {
        let parsed: Bool
        if case .success = parse(Substring(spelling)) { parsed = true } else { parsed = false }
        #expect(parsed == Self.matches(regex, spelling), "\(definition) '\(spelling)': parser \(parsed ? "accepts" : "refuses") it")
        compared += 1
      }
    }
    #expect(compared > 100)
    // Ranges are the parsers' to check: the pattern takes the spelling.
    for (definition, spelling) in [("duration", "1e999s"), ("share", "150%"), ("share", "1.5")] {
      let regex = try Self.pattern(definition)
      #expect(Self.matches(regex, spelling), "\(spelling)")
      let parse = try #require(Self.corpus.first { $0.definition == definition }?.parse)
      guard case .failure(let failure) = parse(Substring(spelling)) else {
        Issue.record("\(spelling) parsed")
        continue
      }
      #expect(
        failure.message.contains("exceed") || failure.message.contains("fraction") || failure.message.contains("finite"),
        "\(failure.message)")
    }
  }

  /// The README's unit lists are the parsers' tables.
  @Test func documentedUnitsAreTheParsers() throws {
    let section = try Self.readmeSection()
    for unit in Quantity.durationUnits.map(\.0) + Quantity.rateUnits.map(\.0) {
      #expect(section.contains("`\(unit)`"), "README does not name the unit '\(unit)'")
    }
  }

  // MARK: - README

  /// README.md's "Scenario format" section, up to the next `## ` heading.
  static func readmeSection() throws -> String {
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "\n## Scenario format\n"))
    let rest = readme[start.upperBound...]
    let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
  }

  /// Every declared key appears in the README's scenario-format section,
  /// inside code (`key`, `a.key`, `{ key: ... }`), so the tables there
  /// cannot fall behind the declarations.
  @Test func readmeDocumentsEveryKey() throws {
    let section = try Self.readmeSection()
    var words = Set<String>()
    for (index, span) in section.components(separatedBy: "`").enumerated() where index % 2 == 1 {
      for word in span.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
        words.insert(String(word))
      }
    }
    var checked = 0
    for (path, declaration) in ScenarioFormat.mappings {
      for key in declaration.names {
        #expect(words.contains(key), "README's scenario format does not document '\(key)' (\(path.isEmpty ? "top level" : path))")
        checked += 1
      }
      if let pattern = declaration.patternKey {
        #expect(section.contains(pattern.spelling), "README does not document '\(pattern.spelling)'")
      }
    }
    #expect(checked > 100)
  }
}
