import Foundation

/// `fit` as library calls: read the records once into both the fit and the
/// observation (for observed peaks), then compare a simulation with them.
public enum FitRecords {
  public struct Result {
    public var fit: RecordFit
    public var observation: Observation?
    public var outcome: RecordFiles.Outcome
  }

  public static func read(paths: [String], utcOffsetSeconds: Int, everySeconds: Int) -> Result {
    var fit = RecordFit(utcOffsetSeconds: utcOffsetSeconds, everySeconds: everySeconds)
    let (observation, outcome) = ObserveRecords.run(paths: paths, name: "fit", utcOffsetSeconds: utcOffsetSeconds) { record, role in
      fit.add(record, role: role)
    }
    return Result(fit: fit, observation: observation, outcome: outcome)
  }

  /// One category's observed peak beside the simulated ones.
  public struct PeakComparison: Codable, Sendable, Equatable {
    public var category: String
    /// The busiest day's peak, or the mean of the daily peaks.
    public var observed: Double
    public var simulatedMean: Double?
    public var simulatedMin: Double?
    public var simulatedMax: Double?
  }

  /// Observed peaks (the busiest day's, or the mean of the daily peaks)
  /// beside the simulated mean and range over replications.
  public static func comparison(observation: Observation, day: FitDay, busiestDay: Int64?, simulated: RunResult) -> [PeakComparison] {
    let chosen = busiestDay.map(LocalTime.date)
    return ConcurrencyCategory.allCases.enumerated().map { index, category in
      let observed: Double
      switch day {
      case .busiest:
        observed = Double(observation.days.first { $0.date == chosen }?.peaks[index].peak ?? 0)
      case .mean:
        let peaks = observation.days.map { Double($0.peaks[index].peak) }
        observed = peaks.reduce(0, +) / Double(max(peaks.count, 1))
      }
      let row = simulated.rows.first { $0.scope == .category(category) && $0.metric == .peakConcurrency }
      return PeakComparison(
        category: category.rawValue, observed: observed, simulatedMean: row?.summary.mean, simulatedMin: row?.summary.min,
        simulatedMax: row?.summary.max)
    }
  }

  /// The comparison as a Markdown table.
  public static func markdown(_ rows: [PeakComparison]) -> String {
    var text = "| category | observed peak | simulated peak: mean | min | max |\n|---|---:|---:|---:|---:|\n"
    for row in rows {
      let simulated = [row.simulatedMean, row.simulatedMin, row.simulatedMax].map { $0.map { Format.decimal($0, digits: 4) } ?? "" }
      text += "| \(row.category) | \(Format.decimal(row.observed, digits: 4)) | " + simulated.joined(separator: " | ") + " |\n"
    }
    return text
  }
}
