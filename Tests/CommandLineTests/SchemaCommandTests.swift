import Foundation
import Testing

/// `callcap schema` as a user runs it (issue #21).
@Suite struct SchemaCommandTests {
  /// It prints exactly the committed schema/scenario.schema.json, exits 0
  /// and writes nothing to standard error.
  @Test func printsTheCommittedSchema() throws {
    let outcome = try CommandLineTests.callcap(["schema"])
    #expect(outcome.status == 0)
    #expect(outcome.error.isEmpty, "\(outcome.error)")
    let committed = try String(
      contentsOf: CommandLineTests.repository.appendingPathComponent("schema/scenario.schema.json"), encoding: .utf8)
    #expect(
      outcome.output == committed,
      "schema/scenario.schema.json differs from 'callcap schema'; regenerate it with `swift build && .build/debug/callcap schema > schema/scenario.schema.json`"
    )
  }

  /// `--output` prints exactly the committed schema/output.schema.json, the
  /// schema .ci/check-json validates every command's --json against.
  @Test func printsTheCommittedOutputSchema() throws {
    let outcome = try CommandLineTests.callcap(["schema", "--output"])
    #expect(outcome.status == 0)
    let committed = try String(
      contentsOf: CommandLineTests.repository.appendingPathComponent("schema/output.schema.json"), encoding: .utf8)
    #expect(
      outcome.output == committed,
      "schema/output.schema.json differs from 'callcap schema --output'; regenerate it with `swift build && .build/debug/callcap schema --output > schema/output.schema.json`"
    )
    #expect(outcome.output.contains("\"callcap_version\""))
  }

  @Test func isListedInTheHelp() throws {
    let outcome = try CommandLineTests.callcap(["--help"])
    #expect(outcome.output.contains("schema"))
    let help = try CommandLineTests.callcap(["schema", "--help"])
    #expect(help.status == 0 && help.output.contains("JSON Schema (draft 2020-12)"))
  }
}
