/// `observe` as one call: read the files, aggregate, assemble.
public enum ObserveRecords {
  /// The observation (nil when the records could not be read at all) and
  /// what reading found (diagnostics, counts, failure kinds). `alsoVisit`
  /// sees every good record too (`fit` builds its model in the same pass).
  public static func run(
    paths: [String], name: String, utcOffsetSeconds: Int, thresholds: ObservationThresholds = ObservationThresholds(),
    platform: PlatformRules = .twilioJapan, alsoVisit: (CallRecord, RecordRole) -> Void = { _, _ in }
  ) -> (observation: Observation?, outcome: RecordFiles.Outcome) {
    var builder = ObservationBuilder(utcOffsetSeconds: utcOffsetSeconds, thresholds: thresholds, platform: platform)
    var overflow: ObservationError?
    var outcome = RecordFiles(paths: paths).read { record, role in
      alsoVisit(record, role)
      guard overflow == nil else { return }
      do throws(ObservationError) {
        try builder.add(record, role: role)
      } catch {
        overflow = error
      }
    }
    if let overflow {
      outcome.diagnostics.append(Diagnostic(.error, file: paths[0], at: nil, overflow.description))
      outcome.invalid = true
    }
    guard !outcome.unreadable && !outcome.invalid else { return (nil, outcome) }
    return (
      builder.finish(name: name, files: paths, recordsRead: outcome.recordsRead, recordsSkipped: outcome.recordsSkipped), outcome
    )
  }
}
