import ArgumentParser
import CallcapKit

/// `callcap schema`: the JSON Schema of the scenario format, for editors
/// (the `yaml-language-server` modeline) and validators; with `--output`,
/// the schema of every command's `--json` document.
struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the JSON Schema (draft 2020-12) of the scenario format, or with --output of the --json output.",
    discussion: """
      The schema is generated from the declarations the loader uses, so it names exactly the keys \
      'callcap validate' accepts, with their types, required keys, choices and the spellings of \
      durations, rates, shares and clock times. Save it and point an editor at it, for example with \
      the first line '# yaml-language-server: $schema=../schema/scenario.schema.json'. \
      The schema checks keys, types and spellings; ranges, references between keys and the dialing \
      rules are checked by 'callcap validate'. With --output it prints instead the schema of the one \
      document every command's --json prints (callcap_version, command, scenarios).
      """
  )

  @Flag(help: "Print the schema of the --json output instead of the scenario format's.")
  var output = false

  func run() throws {
    print(output ? OutputSchema.jsonText() : ScenarioSchema.text, terminator: "")
  }
}
