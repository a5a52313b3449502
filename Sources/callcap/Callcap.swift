import ArgumentParser
import CallcapKit

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

      Exit codes: 0 success, 1 a 'check' expectation failed, 64 usage error, 65 invalid scenario, \
      66 scenario cannot be opened, 73/74 output cannot be created/written.
      """,
    version: CallcapVersion.string,
    subcommands: [Plan.self, Run.self, EstimateCommand.self, Compare.self, Check.self, Validate.self, NumberCommand.self]
  )
}
