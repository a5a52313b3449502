/// The documented range of every quantity a scenario or the command line
/// may give. The loader checks them all, so the simulation never meets a
/// value it cannot represent: times keep microsecond resolution, every
/// conversion to an integer fits, and the work is bounded before it starts.
/// The README's scenario-format tables state the same ranges.
public enum InputLimits {
  /// The workload guard's default (`--max-calls`): most calls one
  /// replication may be expected to simulate.
  public static let defaultMaxCalls = 200_000_000.0
  /// CPS values (configured, `tiers:`, `--tiers`, `expect: tier:`) are whole
  /// numbers in this range; Twilio sells whole CPS.
  public static let cps: ClosedRange<Int> = 1...10_000
  /// `price_per_cps` of a gate (the monthly price of one CPS, in any
  /// currency): above zero and at most 10^12, so the cost of any
  /// combination of gates stays an exact enough finite sum.
  public static let pricePerCPS: ClosedRange<Double> = Double.leastNonzeroMagnitude...1e12
  /// Most agents in one pool.
  public static let agents = 1_000_000

  /// Longest time or duration anywhere (horizon, clock offsets, distribution
  /// parameters and caps, queue limits): 3650 days (about 10 years). At this
  /// size a Double still resolves well below a microsecond (2^53 us is
  /// about 285 years), and every draw is capped here too.
  public static let maxSeconds: Double = 3650 * 86_400

  /// Shortest positive duration: one microsecond, the resolution the
  /// simulation compares times at. Zero stays allowed where it means "none".
  public static let minPositiveSeconds: Double = 1e-6

  /// Highest arrival rate, calls per second (per process).
  public static let maxRatePerSecond: Double = 1_000_000

  /// Most profile segments one replication may step through.
  public static let maxProfileSegments = 1_000_000

  /// `simulation.seed` and `--seed`: 0 through 2^63 - 1.
  public static let seeds: ClosedRange<UInt64> = 0...UInt64(Int64.max)

  /// `simulation.replications` and `--replications`.
  public static let replications: ClosedRange<Int> = 1...100_000

  /// Most time-series buckets over all replications and plan evaluations
  /// (buckets per replication x replications x (tiers + 1)).
  public static let maxSeriesBuckets: Double = 100_000_000

  /// Most per-class result records over all replications and plan
  /// evaluations (traffic classes x replications x (tiers + 1)).
  public static let maxClassRecords: Double = 2_000_000

  /// Most calls (or queued API requests) held in memory at once by one
  /// replication, estimated from bursts, loads and the API queue.
  public static let maxLiveCalls: Double = 10_000_000

  /// Rough memory of one live call or queued request, for the message.
  static let bytesPerLiveCall: Double = 80

  /// Largest ratio sd/mean (or cv) of a distribution: beyond it the
  /// moments a lognormal or gamma needs overflow.
  public static let maxCoefficientOfVariation: Double = 1000

  /// The error for a duration outside the range, or nil when it fits.
  static func durationProblem(_ seconds: Double, _ what: String, zeroAllowed: Bool = true) -> String? {
    if !seconds.isFinite || seconds > maxSeconds {
      return
        "\(what) must be at most 3650d (about 10 years; times beyond lose microsecond resolution), got \(Quantity.humanDuration(seconds))"
    }
    if seconds > 0 && seconds < minPositiveSeconds {
      return
        "\(what) must be \(zeroAllowed ? "0 or " : "")at least 0.000001s, one microsecond (the simulation's time resolution), got \(Quantity.shortest(seconds))s"
    }
    return nil
  }

  /// The error for a rate outside the range, or nil when it fits.
  static func rateProblem(_ perSecond: Double, _ what: String) -> String? {
    guard perSecond.isFinite, perSecond <= maxRatePerSecond else {
      return "\(what) must be at most 1000000/s, got \(Quantity.humanRate(perSecond))"
    }
    return nil
  }

  /// The whole CPS value `value` stands for, or the reason it is not one.
  public static func wholeCPS(_ value: Double) -> Result<Int, QuantityError> {
    guard value.isFinite, value == value.rounded(), value >= Double(cps.lowerBound), value <= Double(cps.upperBound) else {
      return .failure(
        QuantityError(
          "CPS must be a whole number from \(cps.lowerBound) to \(cps.upperBound) (Twilio sells whole CPS), got \(Quantity.shortest(value))"
        ))
    }
    return .success(Int(value))
  }
}
