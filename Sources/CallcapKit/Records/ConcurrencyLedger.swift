/// Live calls and call creations per second, aggregated as records arrive
/// in any order, without keeping the records: for each hour that saw a
/// call start, end or be created, the net change of live calls per
/// category and second, and the calls created per gate and second.
///
/// The level during second `s` is the running sum of the changes up to
/// and including `s`. Because a call's end is a −1 and a start a +1 in the
/// same second, an end and a start at the same instant never overlap: the
/// SPEC's "an end counts before a start", exactly, with no sorting.
/// Memory grows with the number of active hours (43 KB each), not with
/// calls.
struct ConcurrencyLedger {
  static let categories = 3  // inbound, outbound, forwarded
  static let secondsPerHour = 3600

  final class Hour {
    var deltas = [Int32](repeating: 0, count: ConcurrencyLedger.categories * ConcurrencyLedger.secondsPerHour)
    /// Per gate index; empty until that gate creates a call in this hour.
    var creations: [[UInt16]] = []
  }

  private(set) var hours: [Int64: Hour] = [:]
  private(set) var gates: [String] = []
  private var gateIndex: [String: Int] = [:]
  /// Most distinct hours held; beyond it the records are refused.
  let hourLimit: Int

  init(hourLimit: Int) {
    self.hourLimit = hourLimit
  }

  enum Overflow: Error { case tooManyHours }

  private mutating func hour(_ index: Int64) throws(Overflow) -> Hour {
    if let hour = hours[index] { return hour }
    guard hours.count < hourLimit else { throw .tooManyHours }
    let hour = Hour()
    hours[index] = hour
    return hour
  }

  /// A call live in `category` (0 inbound, 1 outbound, 2 forwarded) from
  /// `start` to `end` (local seconds); a zero-length call is never live.
  mutating func addLive(category: Int, start: Int64, end: Int64) throws(Overflow) {
    guard end > start else { return }
    let (startHour, startSecond) = Self.split(start)
    let (endHour, endSecond) = Self.split(end)
    try hour(startHour).deltas[startSecond * Self.categories + category] += 1
    try hour(endHour).deltas[endSecond * Self.categories + category] -= 1
  }

  /// A call created at `time` (local seconds) through `gate`.
  mutating func addCreation(gate: String, time: Int64) throws(Overflow) {
    let index: Int
    if let known = gateIndex[gate] {
      index = known
    } else {
      index = gates.count
      gates.append(gate)
      gateIndex[gate] = index
    }
    let (hourIndex, second) = Self.split(time)
    let hour = try hour(hourIndex)
    while hour.creations.count <= index { hour.creations.append([]) }
    if hour.creations[index].isEmpty { hour.creations[index] = [UInt16](repeating: 0, count: Self.secondsPerHour) }
    let count = hour.creations[index][second]
    if count < UInt16.max { hour.creations[index][second] = count + 1 }
  }

  static func split(_ time: Int64) -> (hour: Int64, second: Int) {
    let hour = time >= 0 ? time / 3600 : (time - 3599) / 3600
    return (hour, Int(time - hour * 3600))
  }
}
