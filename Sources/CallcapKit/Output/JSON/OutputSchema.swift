/// The JSON Schema (draft 2020-12) of `--json`: the shape
/// ``OutputDocument`` prints for every command, with `$defs` for a
/// scenario, its verdict, a run and an objective. Every object lists its
/// keys (`additionalProperties: false`), so a key added to the output
/// without the schema is caught by the validation in `.ci/check-json`; the
/// committed copy, `schema/output.schema.json`, is compared with
/// ``jsonText()`` by a test.
public enum OutputSchema {
  /// The schema, pretty-printed with sorted keys and a final newline.
  public static func jsonText() -> String { schema.text }

  /// The commands whose `--json` the schema describes.
  public static let commands = ["run", "plan", "check", "compare", "headroom", "observe", "fit", "estimate", "number"]

  static var schema: JSONValue {
    [
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "title": "callcap --json output",
      "description": .string(
        "What every callcap command prints with --json: one object with callcap_version, command and scenarios "
          + "(number: numbers). `callcap schema --output` prints this schema."),
      "type": "object",
      "required": ["callcap_version", "command"],
      "additionalProperties": false,
      "properties": [
        "callcap_version": ["type": "string", "description": "The callcap that wrote it (`callcap --version`)."],
        "command": ["enum": .array(commands.map { .string($0) }), "description": "The command (merge: the command merged)."],
        "scenarios": ["type": "array", "items": ref("scenario")],
        "numbers": ["type": "array", "items": ref("number")],
      ],
      "if": ["properties": ["command": ["const": "number"]]],
      "then": ["required": ["numbers"], "not": ["required": ["scenarios"]]],
      "else": ["required": ["scenarios"], "not": ["required": ["numbers"]]],
      "$defs": definitions,
    ]
  }

  static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/$defs/\(name)")] }

  /// An object with exactly these keys, `required` of them always present.
  static func object(_ properties: [String: JSONValue], required: [String]? = nil, description: String? = nil) -> JSONValue {
    var members: [String: JSONValue] = [
      "type": "object",
      "additionalProperties": false,
      "properties": .object(properties),
      "required": .array((required ?? properties.keys.sorted()).map { .string($0) }),
    ]
    if let description { members["description"] = .string(description) }
    return .object(members)
  }

  static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }
  static func enumeration(_ values: [String]) -> JSONValue { ["enum": .array(values.map { .string($0) })] }
  static let number: JSONValue = ["type": "number"]
  static let integer: JSONValue = ["type": "integer"]
  static let string: JSONValue = ["type": "string"]
  static let boolean: JSONValue = ["type": "boolean"]
  static let numberOrNull: JSONValue = ["type": ["number", "null"]]
  static let integerOrNull: JSONValue = ["type": ["integer", "null"]]
  static let stringOrNull: JSONValue = ["type": ["string", "null"]]
  static let gates: JSONValue = [
    "type": "object", "propertyNames": ["pattern": "^(api|trunk-pool|trunk:.+)$"], "additionalProperties": number,
    "description": "CPS by gate: api, trunk:<name>, trunk-pool.",
  ]
  /// `[low, high]`, either bound null when there is none.
  static let interval: JSONValue = [
    "type": "array", "prefixItems": [numberOrNull, numberOrNull], "items": false, "minItems": 2,
  ]

  static var definitions: JSONValue {
    [
      "status": [
        "enum": .array(OutputStatus.allCases.map { .string($0.rawValue) }),
        "description": .string(
          "buy: the plan recommends a CPS per gate (recommended_cps); meets: every objective (check: expectation) holds, "
            + "in a plan no traffic passes a CPS gate so there is no CPS to buy; fails; undecided: not settled within "
            + "the replication budget; not_judged: the command judges no objective (estimate, observe, fit)."),
      ],
      "outcome": enumeration(["meets", "fails", "undecided"]),
      "gates": gates,
      "verdict": verdict,
      "objective": objective,
      "run": run,
      "metric": object([
        "scope": string, "metric": string, "unit": string, "mean": numberOrNull, "ci95_low": numberOrNull,
        "ci95_high": numberOrNull, "min": numberOrNull, "max": numberOrNull, "replications": integer,
      ]),
      "scenario": scenario,
      "staffing": staffing,
      "remedy": object([
        "text": string, "changes": array(string),
        "outcome": enumeration(["verified", "not_verified", "undecided", "invalid", "not_simulated", "nothing_to_verify", "interrupted"]),
        "detail": string, "fix_yaml": boolean,
      ]),
      "headroom": object(
        [
          "cps": numberOrNull, "gates": ref("gates"), "holds_up_to": numberOrNull, "first_not_meeting": numberOrNull,
          "breaks_first": array(string), "summary": string, "replications": integer,
          // headroom only
          "configuration": string, "precision": number, "fails_from": numberOrNull, "growth_monthly": numberOrNull,
          "reached_on": stringOrNull,
        ], required: ["cps", "gates", "holds_up_to", "first_not_meeting", "breaks_first", "summary", "replications"],
        description: "How far the arrivals can grow (factor g) while every objective still meets."),
      "difference": object([
        "scope": string, "metric": string, "mean": number, "ci95_low": numberOrNull, "ci95_high": numberOrNull,
        "significant": boolean, "paired": boolean,
      ]),
      "expectation": object([
        "metric": string, "scope": string, "unit": string, "tier": numberOrNull, "min": numberOrNull, "max": numberOrNull,
        "value": number, "interval": interval, "compared": number, "replications": integer, "outcome": ref("outcome"),
        "line": integerOrNull,
      ]),
      "estimate": object([
        "scope": string, "quantity": string, "value": numberOrNull, "unit": stringOrNull, "text": string, "method": string,
      ]),
      "observed_day": [
        "type": "object", "required": ["date", "calls", "peaks", "gates"],
        "properties": [
          "date": string, "calls": ["type": "object", "additionalProperties": integer], "peaks": array(["type": "object"]),
          "gates": array(["type": "object"]), "queue_times": ["type": ["object", "null"]],
        ],
      ],
      "peak": object([
        "category": string, "observed": number, "simulated_mean": numberOrNull, "simulated_min": numberOrNull,
        "simulated_max": numberOrNull,
      ]),
      "number": numberInfo(),
    ]
  }

  static var verdict: JSONValue {
    var members = object(
      [
        "status": ref("status"),
        "recommended_cps": [
          "$ref": "#/$defs/gates", "description": "The recommended CPS of each gate; {} unless status is buy.",
        ],
        "recommended_cost": [
          "type": ["number", "null"], "description": "The recommended option's monthly cost (CPS times price_per_cps).",
        ],
        "agents": [
          "type": "object", "additionalProperties": integerOrNull,
          "description": "Agents per pool with a staffing search (null: no staffing tried meets).",
        ],
        "objectives": ["type": "array", "items": ref("objective"), "description": "The objectives the status rests on."],
      ], description: "The scenario's answer.")
    guard case .object(var dictionary) = members else { return members }
    dictionary["if"] = ["properties": ["status": ["const": "buy"]]]
    dictionary["then"] = ["properties": ["recommended_cps": ["minProperties": 1]]]
    dictionary["else"] = ["properties": ["recommended_cps": ["maxProperties": 0]]]
    members = .object(dictionary)
    return members
  }

  static var objective: JSONValue {
    object(
      [
        "objective": string, "scope": stringOrNull, "value": numberOrNull, "interval": interval,
        "interval_method": ["type": "string", "description": "How the interval was formed, e.g. two-sided 95% Student t."],
        "limit": number, "outcome": ref("outcome"), "replications": integer,
        "events": ["type": ["integer", "null"], "description": "Replications reaching a threshold (suspension risk only)."],
      ], description: "An objective judged with 95% confidence: value, interval [low, high], limit, outcome.")
  }

  static var run: JSONValue {
    object(
      [
        "cps": ["type": ["number", "null"], "description": "The CPS when every gate has the same one; null when configured."],
        "cost": number, "gates": ref("gates"), "configured": boolean, "replications": integer, "decision": ref("outcome"),
        "objectives": array(ref("objective")), "metrics": array(ref("metric")),
        "factor": ["type": "number", "description": "headroom: the factor on the arrivals."], "out_of_reach": boolean,
      ], required: ["cps", "cost", "gates", "configured", "replications", "decision", "objectives", "metrics"],
      description: "One simulated setting.")
  }

  static var scenario: JSONValue {
    object(
      [
        "name": string, "file": ["type": "string", "description": "The scenario file."],
        "verdict": ref("verdict"), "runs": array(ref("run")),
        // plan
        "gates": array(string), "max_replications": integer, "looks": array(integer), "smallest_meeting_cps": ref("gates"),
        "staffing": array(ref("staffing")), "remedies": array(ref("remedy")), "headroom": ref("headroom"),
        // compare
        "baseline": boolean, "differences": array(ref("difference")),
        // check
        "strict": boolean, "expectations": array(ref("expectation")),
        // estimate
        "estimates": array(ref("estimate")),
        // observe
        "utc_offset": string, "files": array(string), "records_read": integer, "records_skipped": integer,
        "threshold_reached": boolean, "overall": ref("observed_day"), "days": array(ref("observed_day")),
        "trunks": array(["type": "object"]),
        // fit
        "day": enumeration(["busiest", "mean"]), "peaks": array(ref("peak")),
      ], required: ["name", "verdict", "runs"],
      description: "One scenario (observe: one set of records): its verdict, its runs, and what the command adds.")
  }

  static var staffing: JSONValue {
    object([
      "pool": string, "category": string, "offered_load": number, "every_s": numberOrNull, "status": ref("outcome"),
      "recommended_agents": integerOrNull, "recommended_offset": integerOrNull,
      "recommended_counts": ["type": ["array", "null"], "items": integer], "threshold": integerOrNull,
      "threshold_limit": numberOrNull, "threshold_status": ["enum": ["safe", "at_risk", "undecided", nil]],
      "curve": array(
        object([
          "agents": integer, "offset": integerOrNull, "counts": ["type": ["array", "null"], "items": integer],
          "service_level": numberOrNull, "abandon_rate": numberOrNull, "answer_wait_p95_s": numberOrNull,
          "peak": numberOrNull, "reaching_threshold": integerOrNull, "within_headroom": integerOrNull,
          "replications": integer, "outcome": ref("outcome"), "objectives": array(ref("objective")),
        ])),
    ])
  }

  static func numberInfo() -> JSONValue {
    let reach = object(["dialable": ["enum": [true, false, "partly"]], "reason": stringOrNull])
    return [
      "type": "object",
      "description": "One classified number: input and either error or its forms and reach.",
      "oneOf": [
        object(["input": string, "error": string]),
        object([
          "input": string, "e164": stringOrNull, "domestic": string,
          "kind": enumeration(NumberKind.allCases.map(\.rawValue)), "range": string, "sold_by_twilio": boolean, "offer": string,
          "from_050": reach, "from_toll_free": reach,
        ]),
      ],
    ]
  }
}
