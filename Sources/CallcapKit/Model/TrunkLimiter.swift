/// Decides whether a SIP trunk accepts a call attempt at a given time.
///
/// The platform does not publish its algorithm, so callcap offers several
/// models; each is one type behind this protocol, and ``AnyTrunkLimiter``
/// selects among them with a switch so the simulation loop never pays for
/// dynamic dispatch.
protocol TrunkLimiter: Sendable {
  /// Accepts (and records) an attempt at `time`, or refuses it (a 503).
  mutating func admit(at time: Double) -> Bool
}

/// At most `cps` accepted attempts in any half-open interval of one second:
/// an attempt is accepted when the `cps`-th most recent acceptance is at
/// least one second old. With cps = 1 this is a non-paralysable dead time.
struct SlidingWindowLimiter: TrunkLimiter {
  private var accepted: [Double]
  private var oldest = 0

  init(cps: Int) {
    accepted = Array(repeating: -Double.infinity, count: max(1, cps))
  }

  mutating func admit(at time: Double) -> Bool {
    guard time - accepted[oldest] >= 1 else { return false }
    accepted[oldest] = time
    oldest = oldest + 1 == accepted.count ? 0 : oldest + 1
    return true
  }
}

/// At most `cps` accepted attempts in each clock second [k, k+1).
struct FixedWindowLimiter: TrunkLimiter {
  let cps: Int
  private var window = -Double.infinity
  private var used = 0

  init(cps: Int) {
    self.cps = cps
  }

  mutating func admit(at time: Double) -> Bool {
    let current = time.rounded(.down)
    if current != window {
      window = current
      used = 0
    }
    guard used < cps else { return false }
    used += 1
    return true
  }
}

/// Tokens refill continuously at `cps` per second up to `capacity`; an
/// attempt is accepted when a whole token is available, and takes it.
struct TokenBucketLimiter: TrunkLimiter {
  let cps: Double
  let capacity: Double
  private var tokens: Double
  private var updated = 0.0

  init(cps: Double, capacity: Double) {
    self.cps = cps
    self.capacity = capacity
    tokens = capacity
  }

  mutating func admit(at time: Double) -> Bool {
    tokens = min(capacity, tokens + (time - updated) * cps)
    updated = time
    guard tokens >= 1 else { return false }
    tokens -= 1
    return true
  }
}

/// The limiter of one trunk, chosen from the scenario's `limiter:`. The
/// model in use is stored inline and selected with a switch, so admitting
/// an attempt neither copies state nor dispatches dynamically.
struct AnyTrunkLimiter: TrunkLimiter {
  private let model: LimiterModel
  private var sliding = SlidingWindowLimiter(cps: 1)
  private var fixed = FixedWindowLimiter(cps: 1)
  private var bucket = TokenBucketLimiter(cps: 1, capacity: 1)

  init(_ settings: TrunkSettings, cps: Double) {
    model = settings.limiter
    switch settings.limiter {
    case .slidingWindow: sliding = SlidingWindowLimiter(cps: Int(cps.rounded()))
    case .fixedWindow: fixed = FixedWindowLimiter(cps: Int(cps.rounded()))
    case .tokenBucket:
      // A tier sweep scales the bucket with the CPS unless a burst was set.
      bucket = TokenBucketLimiter(cps: cps, capacity: max(1, settings.burst ?? cps))
    }
  }

  @inline(__always)
  mutating func admit(at time: Double) -> Bool {
    switch model {
    case .slidingWindow: sliding.admit(at: time)
    case .fixedWindow: fixed.admit(at: time)
    case .tokenBucket: bucket.admit(at: time)
    }
  }
}
