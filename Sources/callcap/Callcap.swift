import ArgumentParser
import CallcapKit
import Foundation

/// The `callcap` command: capacity planning for cloud telephony.
@main
struct Callcap: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "callcap",
    abstract: "Load simulator and capacity planner for cloud telephony (Twilio Voice, Elastic SIP Trunking).",
    discussion: """
      callcap reads a YAML scenario (traffic, arrival processes, durations, CPS gates, thresholds), \
      simulates it over independent replications and reports queue waits, refusals, concurrency \
      against the suspension thresholds, with 95% confidence intervals.

      Exit codes: 0 success, 1 a 'check' expectation failed or 'observe --check' saw a threshold reached, \
      64 usage error, 65 invalid scenario, call records or shard files, 66 an input cannot be opened, \
      70 internal error, 73/74 output cannot be created/written, 130/143 interrupted by Ctrl-C/SIGTERM \
      (no report written; standard error says so).
      """,
    version: CallcapVersion.string,
    subcommands: [
      Plan.self, Run.self, EstimateCommand.self, Compare.self, Check.self, Merge.self, Validate.self, NumberCommand.self,
      Observe.self, Fit.self, HeadroomCommand.self, SchemaCommand.self,
    ]
  )

  static func main() {
    Backtracer.disableUnlessRequested()
    main(nil)
  }
}

/// Swift's runtime installs crash handlers at startup that start a
/// `swift-backtrace` process on a crash; it prints to standard output and
/// can wait for interaction, and one such child held `$(callcap ...)` for
/// 40 minutes. The runtime reads `SWIFT_BACKTRACE` before `main`, so
/// setting it here would be too late: restoring the default action of the
/// crash signals is what turns the backtracer off. Whoever sets
/// `SWIFT_BACKTRACE` (for example `enable=yes`) keeps it.
enum Backtracer {
  static let crashSignals = [SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV]

  static func disableUnlessRequested() {
    guard getenv("SWIFT_BACKTRACE") == nil else { return }
    for number in crashSignals { signal(number, SIG_DFL) }
  }
}
