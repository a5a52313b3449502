/// Decides whether a SIP trunk accepts a call attempt at a given time.
///
/// The platform does not publish its algorithm, so callcap offers several
/// models; each is one type behind this protocol, and ``AnyTrunkLimiter``
/// selects among them with a switch so the simulation loop never pays for
/// dynamic dispatch. Times are whole microseconds (see ``Microseconds``), so
/// window boundaries are exact at any clock offset.
protocol TrunkLimiter: Sendable {
  /// Whether an attempt at `micros` would be accepted; changes nothing.
  func allows(atMicros micros: Int64) -> Bool
  /// Records an accepted attempt at `micros` (one ``allows(atMicros:)`` said yes to).
  mutating func record(atMicros micros: Int64)
}

extension TrunkLimiter {
  /// Accepts (and records) an attempt at `micros`, or refuses it (a 503).
  mutating func admit(atMicros micros: Int64) -> Bool {
    guard allows(atMicros: micros) else { return false }
    record(atMicros: micros)
    return true
  }
}

/// At most `cps` accepted attempts in any half-open interval of one second:
/// an attempt is accepted when the `cps`-th most recent acceptance is at
/// least one second old. With cps = 1 this is a non-paralysable dead time.
struct SlidingWindowLimiter: TrunkLimiter {
  private var accepted: [Int64]
  private var oldest = 0

  init(cps: Int) {
    // One second before t = 0: every slot is free at the start.
    accepted = Array(repeating: -Microseconds.perSecond, count: max(1, cps))
  }

  func allows(atMicros micros: Int64) -> Bool {
    micros - accepted[oldest] >= Microseconds.perSecond
  }

  mutating func record(atMicros micros: Int64) {
    accepted[oldest] = micros
    oldest = oldest + 1 == accepted.count ? 0 : oldest + 1
  }
}

/// At most `cps` accepted attempts in each clock second [k, k+1).
struct FixedWindowLimiter: TrunkLimiter {
  let cps: Int
  private var window: Int64 = -1
  private var used = 0

  init(cps: Int) {
    self.cps = cps
  }

  func allows(atMicros micros: Int64) -> Bool {
    micros / Microseconds.perSecond != window || used < cps
  }

  mutating func record(atMicros micros: Int64) {
    let current = micros / Microseconds.perSecond
    if current != window {
      window = current
      used = 0
    }
    used += 1
  }
}

/// Tokens refill continuously at `cps` per second up to `capacity`; an
/// attempt is accepted when a whole token is available, and takes it.
/// Tokens are counted in millionths, so with a whole CPS the refill over
/// whole microseconds is exact integer arithmetic.
struct TokenBucketLimiter: TrunkLimiter {
  /// Millionths of a token gained per microsecond: the CPS.
  let refillPerMicrosecond: Int64
  /// Capacity, in millionths of a token.
  let capacity: Int64
  private var tokens: Int64
  private var updated: Int64 = 0

  init(cps: Int, capacity: Double) {
    refillPerMicrosecond = Int64(max(1, cps))
    self.capacity = max(Microseconds.perSecond, Int64((capacity * 1e6).rounded()))
    tokens = self.capacity
  }

  /// The tokens (in millionths) the bucket holds at `micros`.
  private func tokens(atMicros micros: Int64) -> Int64 {
    let elapsed = micros - updated
    // A full bucket's worth of waiting (or more) refills it; capping first avoids overflow.
    let gained = elapsed >= capacity ? capacity : elapsed * refillPerMicrosecond
    return min(capacity, tokens + gained)
  }

  func allows(atMicros micros: Int64) -> Bool {
    tokens(atMicros: micros) >= Microseconds.perSecond
  }

  mutating func record(atMicros micros: Int64) {
    tokens = tokens(atMicros: micros) - Microseconds.perSecond
    updated = micros
  }
}

/// The limiter of one trunk (or of the trunk pool), chosen from the
/// scenario's `limiter:`. The model in use is stored inline and selected
/// with a switch, so admitting an attempt neither copies state nor
/// dispatches dynamically.
struct AnyTrunkLimiter {
  private let model: LimiterModel
  private var sliding = SlidingWindowLimiter(cps: 1)
  private var fixed = FixedWindowLimiter(cps: 1)
  private var bucket = TokenBucketLimiter(cps: 1, capacity: 1)

  /// `burst`: the token bucket's capacity; nil means equal to `cps`, so a
  /// tier sweep scales the bucket with the CPS unless a burst was set.
  init(_ model: LimiterModel, cps: Double, burst: Double?) {
    self.model = model
    let whole = Int(cps.rounded())
    switch model {
    case .slidingWindow: sliding = SlidingWindowLimiter(cps: whole)
    case .fixedWindow: fixed = FixedWindowLimiter(cps: whole)
    case .tokenBucket: bucket = TokenBucketLimiter(cps: whole, capacity: max(1, burst ?? cps))
    }
  }

  /// A trunk's limiter at `cps` (the configured CPS, or a tier's).
  init(_ settings: TrunkSettings, cps: Double) {
    self.init(settings.limiter, cps: cps, burst: settings.burst)
  }

  /// The trunk pool's limiter at `cps` (the configured CPS, or a tier's).
  init(_ settings: TrunkPoolSettings, cps: Double) {
    self.init(settings.limiter, cps: cps, burst: settings.burst)
  }

  /// Accepts (and records) an attempt at `time` seconds, or refuses it (a
  /// 503). Only an accepted attempt uses the allowance; a refused one
  /// leaves the limiter as it was.
  @inline(__always)
  mutating func admit(at time: Double) -> Bool {
    admit(atMicros: Microseconds.of(time))
  }

  /// The same at `micros` whole microseconds.
  @inline(__always)
  mutating func admit(atMicros micros: Int64) -> Bool {
    guard allows(atMicros: micros) else { return false }
    record(atMicros: micros)
    return true
  }

  /// Whether an attempt at `micros` would be accepted; changes nothing.
  @inline(__always)
  func allows(atMicros micros: Int64) -> Bool {
    switch model {
    case .slidingWindow: sliding.allows(atMicros: micros)
    case .fixedWindow: fixed.allows(atMicros: micros)
    case .tokenBucket: bucket.allows(atMicros: micros)
    }
  }

  /// Records an accepted attempt at `micros`.
  @inline(__always)
  mutating func record(atMicros micros: Int64) {
    switch model {
    case .slidingWindow: sliding.record(atMicros: micros)
    case .fixedWindow: fixed.record(atMicros: micros)
    case .tokenBucket: bucket.record(atMicros: micros)
    }
  }
}
