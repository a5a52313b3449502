/// Model time on a grid of whole microseconds.
///
/// Simulated time is a `Double` in seconds, but every time the model forms
/// (an arrival, a ring end, a call end, a retry, an API release) is snapped
/// to a whole number of microseconds, and the gates compare times as
/// integers. Two reasons:
///
/// - Window boundaries are exact: an attempt exactly 1 s after an accepted
///   one is in a new window at any clock offset (a difference of two
///   doubles near 12345.678 is 0.99999999999 as often as 1.0).
/// - Instants that coincide in exact arithmetic coincide in the model:
///   the 120th release after t at 3 CPS and the end of a 40 s call placed
///   at t are both t + 40 s to the microsecond, so the documented order of
///   simultaneous events decides between them, not rounding noise.
///
/// A microsecond is far below anything the platform resolves. What ties
/// need is that one count of microseconds always gives the same `Double`
/// and maps back to itself: `seconds(n)` multiplies by 1e-6 (a division
/// would round once instead of twice, but sits on the event loop's
/// critical path for three times the latency), which is off by at most
/// three parts in 10^16, so `of(seconds(n)) == n` for times below 10^9 s.
enum Microseconds {
  /// The whole number of microseconds nearest to `seconds` (not negative).
  @inline(__always)
  static func of(_ seconds: Double) -> Int64 {
    // Truncating x + 0.5 rounds half up for x >= 0, without a libm call.
    Int64(seconds * 1e6 + 0.5)
  }

  /// `micros` microseconds, in seconds.
  @inline(__always)
  static func seconds(_ micros: Int64) -> Double {
    Double(micros) * 1e-6
  }

  /// `seconds` on the microsecond grid.
  @inline(__always)
  static func snap(_ seconds: Double) -> Double {
    self.seconds(of(seconds))
  }

  /// One second.
  static let perSecond: Int64 = 1_000_000
}
