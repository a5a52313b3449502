/// When the API gate may release its next queued request.
///
/// `smooth` releases one request every 1/CPS seconds; `fixed-window` allows
/// CPS releases in each clock second [k, k+1). Release times are whole
/// microseconds (see ``Microseconds``). The smooth schedule of a busy run
/// is computed from the run's first release, never by adding 1/CPS again
/// and again, so it does not drift: at 3 CPS the 120th release after one
/// at t is at t + 40 s exactly, the same instant as the end of a 40 s call
/// placed at t.
struct ApiPacer: Sendable {
  let model: PacingModel
  let cps: Double
  /// Microseconds between smooth releases (not a whole number in general).
  private let spacing: Double
  /// Smooth: the current run's first release, and the number of releases
  /// since it; release k of the run is at anchor + round(k x spacing).
  private var anchor: Int64 = 0
  private var released: Int64 = -1
  /// Fixed window: the clock second of the latest release and how many it had.
  private var window: Int64 = -1
  private var releasedInWindow = 0.0

  init(model: PacingModel, cps: Double) {
    self.model = model
    self.cps = cps
    spacing = 1e6 / cps
  }

  /// When release `k` of the current run may happen, in microseconds.
  @inline(__always)
  private func slot(_ k: Int64) -> Int64 {
    // The product is positive: truncating x + 0.5 rounds it.
    anchor + Int64(Double(k) * spacing + 0.5)
  }

  /// The earliest time, not before `now`, at which a release is allowed.
  @inline(__always)
  func earliestRelease(notBefore now: Double) -> Double {
    switch model {
    case .smooth:
      guard released >= 0 else { return now }
      let next = slot(released + 1)
      return Microseconds.of(now) >= next ? now : Microseconds.seconds(next)
    case .fixedWindow:
      let current = Microseconds.of(now) / Microseconds.perSecond
      if current == window && releasedInWindow >= cps { return Microseconds.seconds((current + 1) * Microseconds.perSecond) }
      return now
    }
  }

  /// Records a release at `time`.
  @inline(__always)
  mutating func release(at time: Double) {
    let micros = Microseconds.of(time)
    switch model {
    case .smooth:
      // On schedule: the run goes on. Later (the queue was empty): a new run starts.
      if released >= 0 && micros == slot(released + 1) {
        released += 1
      } else {
        anchor = micros
        released = 0
      }
    case .fixedWindow:
      let current = micros / Microseconds.perSecond
      if current != window {
        window = current
        releasedInWindow = 0
      }
      releasedInWindow += 1
    }
  }
}
