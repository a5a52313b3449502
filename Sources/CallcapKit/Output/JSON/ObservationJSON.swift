extension Observation {
  /// The records in `observe --json` (see ``OutputDocument``): what
  /// happened, not a simulation, so the verdict is `not_judged` and `runs`
  /// is empty; `threshold_reached` says whether a peak reached its
  /// threshold (`--check` exits 1 then), and `overall`, `days` and
  /// `trunks` carry the figures of report.md (chart data left out).
  public var jsonScenario: JSONValue {
    [
      "name": .string(name),
      "verdict": OutputVerdict.make(status: .notJudged),
      "runs": [],
      "utc_offset": .string(utcOffset),
      "files": .array(files.map { .string($0) }),
      "records_read": .integer(recordsRead),
      "records_skipped": .integer(recordsSkipped),
      "threshold_reached": .bool(thresholdReached),
      "overall": JSONValue.encoding(overall),
      "days": JSONValue.encoding(days),
      "trunks": JSONValue.encoding(trunks),
    ]
  }
}
