extension Estimate {
  /// The scenario in `estimate --json` (see ``OutputDocument``): closed
  /// forms judge no objective (`not_judged`) and simulate nothing (`runs`
  /// is empty); `estimates` has each row of the table: `scope`,
  /// `quantity`, `value` (null where the formula does not apply), `unit`,
  /// the `text` the table shows and the `method`.
  public var jsonScenario: JSONValue {
    [
      "name": .string(scenario.name),
      "file": .string(scenario.path),
      "verdict": OutputVerdict.make(status: .notJudged),
      "runs": [],
      "estimates": .array(
        rows.map { row in
          [
            "scope": .string(row.scope), "quantity": .string(row.quantity), "value": .number(row.value),
            "unit": .string(row.unit?.rawValue), "text": .string(row.text), "method": .string(row.method),
          ]
        }),
    ]
  }
}
