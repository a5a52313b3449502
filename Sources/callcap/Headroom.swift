import ArgumentParser
import CallcapKit
import Foundation

/// `callcap headroom`: how far traffic can grow before the plan breaks.
struct HeadroomCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "headroom",
    abstract: "Find the largest factor by which traffic can grow while every objective still holds.",
    discussion: """
      For the plan's recommended CPS (or the configured CPS with --configured), finds the largest factor g by which \
      the arrivals of the selected classes (rates, profile values, burst counts rounded to the nearest call; never \
      durations or agents) can be multiplied while every objective still meets with plan's confidence, to within 1%, \
      by bisection with common random numbers, and the objective that breaks first above it. Undecided factors are \
      never counted as holding: the report gives the bracket where the answer is undecided. With --growth, the date \
      the factor is reached. Writes report.md, headroom.csv and charts/*.svg to OUT/<name>-headroom/.
      """
  )

  @Argument(help: "Scenario files (YAML).", completion: .file(extensions: ["yaml", "yml"]))
  var scenarios: [String]

  @Option(help: ArgumentHelp("Scale only these traffic classes, comma-separated (default: every class).", valueName: "names"))
  var classes: String?

  @Flag(help: "Study the configured CPS instead of the plan's recommended tier.")
  var configured = false

  @Option(help: ArgumentHelp("Compound monthly growth of the scaled traffic, e.g. 5%/month.", valueName: "rate"))
  var growth: String?

  @Option(help: ArgumentHelp("The day traffic is at today's level, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
  var from: String?

  @OptionGroup var options: SimulationOptions

  func validate() throws {
    if options.run.shard != nil { throw ValidationError("headroom does not take --shard") }
    if let growth, Growth.parseRate(growth) == nil {
      throw ValidationError("--growth takes a positive monthly rate such as 5%/month, not '\(growth)'")
    }
    if let from, Growth.parseDate(from) == nil { throw ValidationError("--from takes a date YYYY-MM-DD, not '\(from)'") }
    if from != nil && growth == nil { throw ValidationError("--from needs --growth") }
    if let classes, Self.classList(classes).isEmpty { throw ValidationError("--classes needs at least one class name") }
  }

  static func classList(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  func run() throws {
    let loaded = ScenarioFiles.load(scenarios, maxCalls: options.maxCalls)
    try loaded.exitIfFailed()
    let scenarios = loaded.scenarios.map(options.apply)
    let selected = classes.map(Self.classList)
    if let selected {
      for scenario in scenarios {
        let unknown = selected.filter { name in !scenario.traffic.contains { $0.name == name } }
        if !unknown.isEmpty {
          StandardError.print(
            "error: --classes: \(scenario.path) has no traffic class named \(unknown.map { "'\($0)'" }.joined(separator: ", ")) "
              + "(its classes: \(scenario.traffic.map(\.name).joined(separator: ", ")))")
          throw ExitCode(64)
        }
      }
    }
    let growth = self.growth.flatMap(Growth.parseRate).map { rate in
      Growth(monthly: rate, from: from.flatMap(Growth.parseDate) ?? Growth.calendar.startOfDay(for: Date()))
    }
    try options.run.checkWorkload(
      scenarios, evaluations: { min(CapacityPlan.optionCount($0, tiers: nil, gate: nil), CapacityPlan.exhaustiveLimit) + 1 },
      budget: CapacityPlan.budget)
    let names = scenarios.map { "\($0.name)-headroom" }
    var output = try options.reportOutput(names: names)
    Interruption.installHandlers()
    var summaries: [String] = []
    var jsonScenarios: [JSONValue] = []
    for (scenario, name) in zip(scenarios, names) {
      let simulator = options.simulator(label: scenario.name)
      let words = options.lang.catalogue
      var setting: GateSetting?
      var configuration = words.headroomConfigured
      var note: String?
      var atOne: TierOutcome?
      if !configured {
        let plan = CapacityPlan.simulate(scenario, tiers: nil, gate: nil, simulator: simulator)
        try output.exitIfInterrupted()
        // The plan's own verdict at x1, so `headroom` and the plan's verdict give the same figure.
        atOne = PlanHeadroom.studied(plan)
        if plan.gates.isEmpty {
          configuration = words.headroomNoGate
        } else if let recommended = plan.recommended?.setting {
          setting = recommended
          configuration = words.headroomRecommended(words.settingLabel(recommended))
        } else {
          note = words.headroomNoRecommendation(PlanReport.summaryLine(plan, language: options.lang))
        }
      }
      let headroom = Headroom.search(
        scenario, setting: setting, classes: selected, simulator: simulator, maxCalls: options.maxCalls,
        atOne: selected == nil ? atOne : nil)
      try output.exitIfInterrupted()
      let report = HeadroomReport(
        headroom: headroom, configuration: configuration, growth: growth, note: note, language: options.lang)
      try output.stage(report.files, name: name)
      if options.json {
        jsonScenarios.append(report.jsonScenario)
      } else {
        // --quiet keeps the result, not the list of files.
        summaries.append(
          report.summaryLine + (options.quiet ? "" : options.lang.catalogue.lineSeparator + output.wrote(name, options.lang)))
      }
    }
    try output.commit()
    for summary in summaries { print(summary) }
    if options.json { print(OutputDocument.render(command: "headroom", scenarios: jsonScenarios), terminator: "") }
  }
}
