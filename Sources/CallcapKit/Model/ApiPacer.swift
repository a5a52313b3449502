/// When the API gate may release its next queued request.
///
/// `smooth` releases one request every 1/CPS seconds; `fixed-window` allows
/// CPS releases in each clock second [k, k+1).
struct ApiPacer: Sendable {
  let model: PacingModel
  let cps: Double
  private let interval: Double
  private var lastRelease = -Double.infinity
  private var window = -Double.infinity
  private var releasedInWindow = 0.0

  init(model: PacingModel, cps: Double) {
    self.model = model
    self.cps = cps
    interval = 1 / cps
  }

  /// The earliest time, not before `now`, at which a release is allowed.
  @inline(__always)
  func earliestRelease(notBefore now: Double) -> Double {
    switch model {
    case .smooth:
      return max(now, lastRelease + interval)
    case .fixedWindow:
      let current = now.rounded(.down)
      if current == window && releasedInWindow >= cps { return current + 1 }
      return now
    }
  }

  /// Records a release at `time`.
  @inline(__always)
  mutating func release(at time: Double) {
    switch model {
    case .smooth:
      lastRelease = time
    case .fixedWindow:
      let current = time.rounded(.down)
      if current != window {
        window = current
        releasedInWindow = 0
      }
      releasedInWindow += 1
    }
  }
}
