import ArgumentParser
import CallcapKit

/// The options `observe` and `fit` share: the record files, the local
/// clock, and what a record with a problem does; and the exit codes of
/// reading them.
struct RecordOptions: ParsableArguments {
  @Argument(help: "Call-record files (JSON or CSV).", completion: .file(extensions: ["json", "csv"]))
  var records: [String]

  @Option(help: "Offset of the local clock from UTC that decides days and clock times.")
  var utcOffset = "+09:00"

  @Flag(help: "Fail (exit 65) when any record has a problem, instead of skipping it.")
  var strict = false

  var offsetSeconds: Int { LocalTime.parseOffset(utcOffset) ?? 0 }

  func validate() throws {
    guard LocalTime.parseOffset(utcOffset) != nil else {
      throw ValidationError("--utc-offset '\(utcOffset)' is not an offset such as +09:00 or -05:30 (at most 14 h)")
    }
  }

  /// Prints the diagnostics; exits 66 when a file could not be opened, 65
  /// when one is not a record file, had problems under --strict, or no
  /// record was usable. `what` names the output not written.
  func exitIfFailed(_ outcome: RecordFiles.Outcome, what: String) throws {
    for diagnostic in outcome.diagnostics { StandardError.print(diagnostic.description) }
    if outcome.unreadable { throw ExitCode(66) }
    if outcome.invalid { throw ExitCode(65) }
    if strict && outcome.recordsSkipped > 0 {
      let count = outcome.recordsSkipped
      StandardError.print("error: \(count) record\(count == 1 ? "" : "s") with problems (--strict); no \(what) written")
      throw ExitCode(65)
    }
    if outcome.recordsRead == 0 {
      StandardError.print("error: no usable call records in \(records.joined(separator: ", ")); no \(what) written")
      throw ExitCode(65)
    }
  }
}
