extension NumberInfo {
  /// One number in `number --json`'s `numbers` (see
  /// ``OutputDocument/numbers(_:)``): `input`, and either `error` (a
  /// malformed number) or its `e164` and `domestic` forms, `kind`,
  /// `range`, whether Twilio sells it (`sold_by_twilio`, `offer`) and
  /// whether calls from the account's 050 and toll-free numbers reach it
  /// (`from_050`, `from_toll_free`: `dialable` true, false or `"partly"`,
  /// with the `reason`).
  public var jsonValue: JSONValue {
    func reach(_ verdict: DialingRules.Verdict) -> JSONValue {
      switch verdict {
      case .dialable: ["dialable": true, "reason": nil]
      case .partly(let reason): ["dialable": "partly", "reason": .string(reason)]
      case .refused(let reason): ["dialable": false, "reason": .string(reason)]
      }
    }
    switch result {
    case .failure(let error): return ["input": .string(input), "error": .string(error.message)]
    case .success(let number):
      let offer = Self.offer(number)
      return [
        "input": .string(input), "e164": .string(number.e164), "domestic": .string(number.domestic),
        "kind": .string(number.kind.rawValue), "range": .string(number.range), "sold_by_twilio": .bool(offer.sold),
        "offer": .string(offer.note), "from_050": reach(verdict(fromCallerKind: .ip, number)),
        "from_toll_free": reach(verdict(fromCallerKind: .tollFree, number)),
      ]
    }
  }
}
