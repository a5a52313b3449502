/// Who can reach whom in the Japanese network, beyond what Twilio itself
/// dials (platform-rules.md, "Inbound reachability"): toll-free numbers
/// cannot be called from payphones, foreign numbers, 050 numbers, ship or
/// satellite phones and foreign mobiles roaming in Japan; 050 numbers
/// cannot be called from lines whose carrier blocks 050.
public enum Reachability {
  /// Caller kinds a scenario's `from:` mix may name on inbound traffic.
  public static let callerKinds = [
    "mobile", "geographic", "ip", "toll-free", "international", "payphone", "satellite", "roaming", "blocks-050",
  ]

  /// Why callers of `callerKind` cannot reach the account number `number`; nil when they can.
  public static func inboundBarrier(callerKind: String, to number: PhoneNumber) -> String? {
    switch number.kind {
    case .tollFree:
      switch callerKind {
      case "payphone": "public payphones cannot call toll-free numbers"
      case "international": "callers on foreign numbers cannot call Japanese toll-free numbers"
      case "ip": "050 numbers cannot call toll-free numbers"
      case "satellite": "ship and satellite phones cannot call toll-free numbers"
      case "roaming": "foreign mobiles roaming in Japan cannot call toll-free numbers"
      default: nil
      }
    case .ip:
      callerKind == "blocks-050" ? "lines whose carrier blocks 050 cannot call 050 numbers" : nil
    default: nil
    }
  }

  /// Why a call presenting `callerID` cannot reach destinations of `kind`; nil when it can.
  public static func outboundBarrier(from callerID: PhoneNumber, to kind: NumberKind) -> String? {
    callerID.kind == .ip && kind == .tollFree ? "toll-free numbers cannot be reached from 050 numbers" : nil
  }
}
