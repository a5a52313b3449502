/// What `callcap number` says about one number: its E.164 form and kind,
/// whether Twilio sells it, and whether calls from the account's 050 and
/// toll-free numbers can reach it.
public struct NumberInfo: Sendable {
  public let input: String
  public let result: Result<PhoneNumber, NumberError>
  public let rules: DialingRules

  public init(_ text: String, countryCodeWithoutPlus: Bool = false, rules: DialingRules = DialingRules()) {
    input = text
    result = PhoneNumber.parse(text, countryCodeWithoutPlus: countryCodeWithoutPlus)
    self.rules = rules
  }

  /// Whether Twilio sells numbers of this range in Japan, and how.
  public static func offer(_ number: PhoneNumber) -> (sold: Bool, note: String) {
    switch (number.kind, number.prefix) {
    case (.ip, _): (true, "yes, self-serve")
    case (.tollFree, "0800"): (true, "yes, self-serve (portable into Twilio)")
    case (.tollFree, _): (true, "through sales only (portable into Twilio)")
    case (.geographic, _): (false, "no: forward it from another carrier to a 050 number")
    case (.international, _): (false, "not a Japanese number")
    case (.withheld, _): (false, "no: a withheld caller ID")
    default: (false, "no")
    }
  }

  /// Whether a call presenting a number of `callerKind` (050 or toll-free) reaches this number.
  public func verdict(fromCallerKind callerKind: NumberKind, _ number: PhoneNumber) -> DialingRules.Verdict {
    let verdict = rules.verdict(for: number)
    guard verdict.allowsCall else { return verdict }
    let caller = PhoneNumber(input: "", digits: "", kind: callerKind, range: "", prefix: "")
    if let barrier = Reachability.outboundBarrier(from: caller, to: number.kind) { return .refused(barrier) }
    return verdict
  }

  static func describe(_ verdict: DialingRules.Verdict) -> String {
    switch verdict {
    case .dialable: "dialable"
    case .partly(let reason): "partly: \(reason)"
    case .refused(let reason): "no: \(reason)"
    }
  }

  /// `03-1234-5678: +81312345678, geographic (area code 03); sold by Twilio: no: ...; from 050: dialable; from toll-free: dialable`.
  public var line: String {
    switch result {
    case .failure(let error): return "\(input): error: \(error.message)"
    case .success(let number):
      let kind = number.kind.rawValue
      let what = number.range.hasPrefix(kind) ? number.range : "\(kind) (\(number.range))"
      var parts = ["\(number.e164 ?? "no E.164 form"), \(what)"]
      if number.kind != .withheld && number.kind != .international { parts[0] += ", written \(number.domestic)" }
      parts.append("sold by Twilio: \(Self.offer(number).note)")
      parts.append("from 050: \(Self.describe(verdict(fromCallerKind: .ip, number)))")
      parts.append("from toll-free: \(Self.describe(verdict(fromCallerKind: .tollFree, number)))")
      return "\(input): " + parts.joined(separator: "; ")
    }
  }
}
