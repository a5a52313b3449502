/// The one shape of `--json`, for every command:
///
/// ```json
/// {"callcap_version": "0.1.0", "command": "plan", "scenarios": [{"name": ..., "verdict": {...}, "runs": [...]}]}
/// ```
///
/// always an object, with a `scenarios` array even for one scenario
/// (`number`, which reads no scenario, has `numbers` instead). Each
/// scenario carries its ``OutputVerdict`` and its `runs`
/// (``OutputRun``); what a command adds (a plan's staffing, a
/// comparison's differences, an observation's days) sits beside them.
/// ``OutputSchema`` describes it.
public enum OutputDocument {
  /// The document of `command` over `scenarios` (each built by the report's `jsonScenario`).
  public static func render(command: String, scenarios: [JSONValue]) -> String {
    JSONValue.object([
      "callcap_version": .string(CallcapVersion.string), "command": .string(command), "scenarios": .array(scenarios),
    ]).text
  }

  /// `callcap number`'s document: `numbers` instead of `scenarios`, as it classifies numbers, not scenarios.
  public static func numbers(_ infos: [NumberInfo]) -> String {
    JSONValue.object([
      "callcap_version": .string(CallcapVersion.string), "command": "number", "numbers": .array(infos.map(\.jsonValue)),
    ]).text
  }
}
