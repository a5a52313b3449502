import Foundation

/// How far a batch of replications has come, as a value: what a progress
/// line shows. A batch is what one call of ``Simulator`` or one look of a
/// plan's sweep runs: some settings (a plan's tiers or gate options, the
/// designs of a comparison, or just one), each taken from the replications
/// it already has to a larger count.
///
/// Counts are exact: a replication counts as done only when its result is
/// in, so the line reaches `replication 20/20` of the last setting only
/// when the batch is complete (never on an interruption, which drops the
/// replications still running).
public struct RunProgress: Sendable, Equatable {
  /// Who runs the batch: a plan's sweep over CPS settings, or a plain batch.
  public enum Kind: Sendable, Equatable {
    case sweep
    case batch
  }

  /// One setting of the batch: replications done in this batch, how many
  /// it runs, how many the setting had before (earlier looks), and its
  /// position among all settings (nil: its place in the batch).
  public struct Setting: Sendable, Equatable {
    public var done: Int
    public var count: Int
    public var before: Int
    public var position: Int?

    public init(done: Int, count: Int, before: Int = 0, position: Int? = nil) {
      self.done = done
      self.count = count
      self.before = before
      self.position = position
    }
  }

  public var kind: Kind
  /// Settings in all (a plan's: the configured CPS and every option,
  /// though a later look runs only some of them).
  public var settings: Int
  /// The setting shown, 0-based among all: the batch's first not finished
  /// (its last when all are). A sweep's setting 0 is the configured CPS.
  public var setting: Int
  /// Of that setting: replications done, counting earlier looks, and the count it is taken to.
  public var replication: Int
  public var replications: Int
  /// Share of the batch's work done in [0, 1]: finished replications plus
  /// the simulated-time share of those running. 1 only when every
  /// replication is done.
  public var work: Double
  /// Whether every replication of the batch is done.
  public var isFinished: Bool
  /// Wall-clock seconds since the batch started.
  public var elapsedSeconds: Double

  /// `settings` in batch order, of `count` in all (default: the batch's);
  /// `running`: the summed simulated-time share (each in [0, 1)) of the
  /// replications running now.
  public init(kind: Kind, settings: [Setting], of count: Int? = nil, running: Double, elapsedSeconds: Double) {
    self.kind = kind
    self.settings = count ?? settings.count
    self.elapsedSeconds = elapsedSeconds
    let total = settings.reduce(0) { $0 + $1.count }
    let done = settings.reduce(0) { $0 + min($1.done, $1.count) }
    isFinished = done == total
    let current = settings.firstIndex { $0.done < $0.count } ?? max(0, settings.count - 1)
    setting = settings.isEmpty ? 0 : settings[current].position ?? current
    replication = settings.isEmpty ? 0 : settings[current].before + min(settings[current].done, settings[current].count)
    replications = settings.isEmpty ? 0 : settings[current].before + settings[current].count
    if isFinished {
      work = 1
    } else {
      // Running replications are at most almost done: only results make the batch complete.
      let share = (Double(done) + max(0, running)) / Double(total)
      work = min(share, 0.999)
    }
  }

  /// A running replication's share of its work from its simulated time:
  /// arrivals stop at `horizon`, and the calls still up then drain after
  /// it, so the share stays below 1 until the result is in.
  public static func share(simulatedSeconds: Double, horizon: Double) -> Double {
    guard horizon > 0, simulatedSeconds > 0 else { return 0 }
    return min(simulatedSeconds / horizon, 0.99)
  }
}

/// The progress line, a pure function of a ``RunProgress``:
/// `launch-day: tier 3/9, replication 12/20, 27%, about 1 min 05 s left`.
public enum ProgressText {
  /// `unit` names the settings ("tier", "option", "design"); with one
  /// setting only replications are counted. A sweep counts its options
  /// (`tier 3/5`) apart from the configured CPS it also simulates.
  public static func line(label: String, unit: String, progress: RunProgress) -> String {
    var parts: [String] = []
    switch progress.kind {
    case .sweep where progress.settings > 1:
      parts.append(progress.setting == 0 ? "configured CPS" : "\(unit) \(progress.setting)/\(progress.settings - 1)")
    case .batch where progress.settings > 1:
      parts.append("\(unit) \(progress.setting + 1)/\(progress.settings)")
    default: break
    }
    parts.append("replication \(progress.replication)/\(progress.replications)")
    parts.append(percent(progress))
    if progress.isFinished {
      parts.append("done in \(duration(progress.elapsedSeconds))")
    } else if let left = remainingSeconds(elapsed: progress.elapsedSeconds, work: progress.work) {
      parts.append(left < 1 ? "less than 1 s left" : "about \(duration(left)) left")
    }
    return "\(label): " + parts.joined(separator: ", ")
  }

  /// Whole percent of the work, rounded down: 100% only when finished.
  static func percent(_ progress: RunProgress) -> String {
    guard !progress.isFinished else { return "100%" }
    return "\(min(99, Int((progress.work * 100).rounded(.down))))%"
  }

  /// Seconds left at the pace so far, once it can be estimated: after 2 s
  /// and 2% of the work (before that, the first replications' start-up
  /// dominates and an estimate would swing wildly). Nil otherwise.
  public static func remainingSeconds(elapsed: Double, work: Double) -> Double? {
    guard elapsed >= 2, work >= 0.02, work < 1 else { return nil }
    return elapsed * (1 - work) / work
  }

  /// A wall-clock duration as a person reads it: `8 s`, `1 min 05 s`,
  /// `1 h 02 min` (rounded to the second, or to the minute from an hour).
  public static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "a long time" }
    let whole = Int(max(0, seconds).rounded())
    if whole < 60 { return "\(whole) s" }
    if whole < 3600 { return "\(whole / 60) min \(twoDigits(whole % 60)) s" }
    let minutes = Int((Double(whole) / 60).rounded())
    return "\(minutes / 60) h \(twoDigits(minutes % 60)) min"
  }

  private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
