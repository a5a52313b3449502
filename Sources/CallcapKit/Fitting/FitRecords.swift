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

  /// Observed peaks (the busiest day's, or the mean of the daily peaks)
  /// beside the simulated mean and range over replications, as Markdown.
  public static func comparison(observation: Observation, day: FitDay, busiestDay: Int64?, simulated: RunResult) -> String {
    var text = "| category | observed peak | simulated peak: mean | min | max |\n|---|---:|---:|---:|---:|\n"
    let chosen = busiestDay.map(LocalTime.date)
    for (index, category) in ConcurrencyCategory.allCases.enumerated() {
      let observed: String
      switch day {
      case .busiest:
        observed = observation.days.first { $0.date == chosen }.map { String($0.peaks[index].peak) } ?? "0"
      case .mean:
        let peaks = observation.days.map { Double($0.peaks[index].peak) }
        observed = Format.decimal(peaks.reduce(0, +) / Double(max(peaks.count, 1)), digits: 4)
      }
      let row = simulated.rows.first { $0.scope == .category(category) && $0.metric == .peakConcurrency }
      let values = row.map { [Format.decimal($0.summary.mean, digits: 4), Format.decimal($0.summary.min), Format.decimal($0.summary.max)] }
      text += "| \(category.rawValue) | \(observed) | " + (values ?? ["", "", ""]).joined(separator: " | ") + " |\n"
    }
    return text
  }
}
