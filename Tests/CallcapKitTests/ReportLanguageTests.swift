import Foundation
import Testing

@testable import CallcapKit

/// `--lang ja`: every section of a report in Japanese, with no English
/// word left outside names, metric names, file names and units; and the
/// Japanese forms of the one formatter.
@Suite struct ReportLanguageTests {
  // MARK: The scan for English words

  /// Words a Japanese report may hold in Latin letters: names of products,
  /// methods and tools, units, queueing notation (`M/D/1`, `M/G/∞`), and
  /// single letters of formulas (`g`, `t`).
  static let fixedWords: Set<String> = [
    "callcap", "CPS", "API", "Twilio", "GNU", "GSL", "HdrHistogram", "Clopper-Pearson", "Student", "t", "g", "xoshiro256", "M/G", "M/D/1",
    "UTC", "SID",
  ]

  /// Names the scenario gives (classes, gates, trunks, pools, its own name
  /// and path), metric names and scope names: written as the scenario and
  /// the CSV files write them, in every language.
  static func allowed(_ scenario: Scenario) -> Set<String> {
    var words = fixedWords
    words.insert(scenario.name)
    words.formUnion(scenario.traffic.map(\.name))
    words.formUnion(scenario.account.trunks.flatMap { [$0.name, "trunk:\($0.name)"] })
    words.formUnion(scenario.agents.flatMap { [$0.name, "agents:\($0.name)"] })
    words.formUnion(scenario.traffic.map { "traffic:\($0.name)" })
    words.formUnion(["api", "trunk-pool", "total"])
    words.formUnion(Metric.allCases.map(\.rawValue))
    return words
  }

  /// The Latin-letter words of `text` that are not allowed: code spans
  /// (YAML spellings, file paths) and file names are skipped; a word is a
  /// letter followed by letters, digits and `_ . : / - *`, not preceded by
  /// a letter or digit (so `40s` or `2m` in a scenario's spelling is a
  /// number, and `x1.08` a factor).
  static func englishWords(_ text: String, allowed: Set<String>) -> [String] {
    let withoutCode = text.replacing(/`[^`]*`/, with: "")
    var found: [String] = []
    for match in withoutCode.matches(of: /[A-Za-z0-9_][A-Za-z0-9_.:\/\-*]*/) {
      var word = String(match.output)
      guard let first = word.first, first.isLetter else { continue }
      while let last = word.last, ".:-/*".contains(last) { word.removeLast() }
      if allowed.contains(word) { continue }
      if word.hasSuffix(".svg") || word.hasSuffix(".csv") || word.hasSuffix(".yaml") || word.hasSuffix(".md") { continue }
      if word.wholeMatch(of: /x[0-9.]+/) != nil { continue }
      found.append(word)
    }
    return found
  }

  /// The text a chart shows: its title, axis labels, legend and tick labels.
  static func chartText(_ svg: String) -> String {
    svg.matches(of: /<text[^>]*>([^<]*)<\/text>/).map { String($0.output.1) }.joined(separator: "\n")
  }

  /// ``reportText(_:scenario:)`` of run and plan reports' files (the CSV files are not read).
  static func reportText(_ files: [ReportFile], scenario: Scenario) -> String {
    reportText(files.filter { !$0.path.hasSuffix(".csv") }.map { ($0.path, $0.contents) }, scenario: scenario)
  }

  /// report.md (without the scenario's own description) and the charts of `files`.
  /// Validation warnings are diagnostics, which keep their wording: their lines are left out.
  static func reportText(_ files: [(path: String, contents: String)], scenario: Scenario) -> String {
    files.compactMap { file in
      if file.path == "report.md" {
        let text =
          scenario.description.isEmpty
          ? file.contents : file.contents.replacingOccurrences(of: MarkdownText.paragraphs(scenario.description), with: "")
        return text.split(separator: "\n", omittingEmptySubsequences: false)
          .filter { $0.wholeMatch(of: /- (line )?[0-9]+(行目)?: .*/) == nil }.joined(separator: "\n")
      }
      return file.path.hasSuffix(".svg") ? chartText(file.contents) : nil
    }.joined(separator: "\n")
  }

  /// Japanese is clean; English, scanned the same way, is not (the scan can fail).
  static func expectClean(
    japanese: String, english: String, scenario: Scenario, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let allowed = allowed(scenario)
    let left = englishWords(japanese, allowed: allowed)
    #expect(left.isEmpty, "English left in the Japanese report of \(scenario.name): \(Set(left).sorted())", sourceLocation: sourceLocation)
    #expect(englishWords(english, allowed: allowed).count > 20, sourceLocation: sourceLocation)
  }

  static let simulator = Simulator(jobs: 2)

  // MARK: Run reports of every example

  /// Every example's run report: queue waits, trunks and the trunk pool,
  /// agents, rejections, concurrency, traffic (Poisson, profile, burst,
  /// every), method and charts.
  @Test(arguments: ["reminder-campaign", "pbx-trunk", "forwarding-operators", "operators-050", "support-0800", "launch-day"])
  func runReport(name: String) throws {
    var scenario = try ScenarioLoader().load(path: Fixtures.scenarios.appendingPathComponent("\(name).yaml").path).get()
    scenario.simulation.replications = 2
    let result = Self.simulator.run(SimulationModel(scenario), replications: 2)
    var report = RunReport(scenario: scenario, result: result)
    let english = Self.reportText(report.files, scenario: scenario)
    report.language = .ja
    let japanese = Self.reportText(report.files, scenario: scenario)
    Self.expectClean(japanese: japanese, english: english, scenario: scenario)
    #expect(japanese.contains("## 結論") && japanese.contains("## しきい値に対する同時通話数"))
  }

  // MARK: Plan reports

  /// A plan of the API gate that recommends a tier, with its tier table,
  /// headroom, the higher tiers that fail and the remaining risks.
  static let apiPlan = """
    callcap: 1
    name: ja-api
    simulation: { horizon: 3h, replications: 20, max_replications: 200, seed: 7, start: "09:00", resolution: 5m }
    account:
      profile: business
      api: { cps: 1 }
      thresholds: { outbound: 100 }
    numbers: [050-1234-5678]
    tiers: [1, 2, 5, 20]
    objectives: { queue_wait_p95: 10m, threshold_headroom: 10%, suspension_risk: 5% }
    traffic:
      - name: wave
        type: outbound
        via: api
        from: 050-1234-5678
        to: { mobile: 100% }
        arrivals: { burst: { at: "09:30", count: 900 } }
        duration: 30s
      - name: probe
        type: outbound
        via: api
        from: 050-1234-5678
        to: { mobile: 100% }
        arrivals: { every: 10m }
        duration: 20s
    """

  /// No traffic passes a CPS gate: "no CPS to buy".
  static let noGatePlan = """
    callcap: 1
    name: ja-inbound
    simulation: { horizon: 2h, replications: 10, max_replications: 100, seed: 3 }
    account:
      thresholds: { inbound: 100 }
    numbers: [050-1234-5678]
    objectives: { suspension_risk: 5% }
    traffic:
      - { name: callers, type: inbound, to: 050-1234-5678, arrivals: { rate: 60/h }, duration: 3m }
    """

  /// A plan that cannot decide within its budget: undecided, with what would settle it.
  static let undecidedPlan = """
    callcap: 1
    name: ja-undecided
    simulation: { horizon: 1h, replications: 3, max_replications: 3, seed: 11 }
    account:
      api: { cps: 1 }
      thresholds: { outbound: 100 }
    numbers: [050-1234-5678]
    tiers: [1, 2]
    objectives: { queue_wait_p95: 150s }
    traffic:
      - { name: calls, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 0.9/s }, duration: 30s }
    """

  /// Every tier fails on the outbound threshold: "What would fix it", each
  /// remedy verified by simulation, and whom to contact.
  static let failingPlan = """
    callcap: 1
    name: ja-fails
    simulation: { horizon: 2h, replications: 10, max_replications: 20, seed: 5, start: "09:00" }
    account:
      api: { cps: 1 }
      thresholds: { outbound: 100 }
    numbers: [050-1234-5678]
    tiers: [1, 2]
    objectives: { queue_wait_p95: 30m }
    traffic:
      - name: blast
        type: outbound
        via: api
        from: 050-1234-5678
        to: { mobile: 100% }
        arrivals: { burst: { at: "09:10", count: 1000 } }
        duration: 3m
    """

  /// An inbound desk with a service-level objective: the staffing search,
  /// its table and the threshold sentence.
  static let staffingPlan = """
    callcap: 1
    name: ja-desk
    simulation: { horizon: 4h, replications: 10, max_replications: 10, seed: 9, warmup: 30m }
    account:
      thresholds: { inbound: 100 }
    numbers: [050-1234-5678]
    agents: [{ name: desk, count: 6 }]
    traffic:
      - name: support
        type: inbound
        to: 050-1234-5678
        queue: { agents: desk }
        arrivals: { rate: 120/h }
        duration: exponential(mean: 3m)
    objectives: { service_level: { within: 20s, min: 80% } }
    """

  @Test(arguments: [apiPlan, noGatePlan, undecidedPlan, failingPlan, staffingPlan])
  func planReport(text: String) throws {
    let scenario = try loadScenario(text)
    #expect(scenario.warnings.isEmpty)
    var report = PlanReport(
      scenario: scenario, tiers: nil, gate: nil, simulator: Self.simulator,
      source: ScenarioSource(text: text, path: "inline.yaml", baseDirectory: "/tmp"))
    let english = Self.reportText(report.files, scenario: scenario) + "\n" + report.summaryLine
    report.language = .ja
    let japanese = Self.reportText(report.files, scenario: scenario) + "\n" + report.summaryLine
    Self.expectClean(japanese: japanese, english: english, scenario: scenario)
    #expect(japanese.contains("## 結論"))
  }

  /// Each plan above reaches the verdict it is meant to show.
  @Test func plansReachTheirVerdicts() throws {
    let api = PlanReport(scenario: try loadScenario(Self.apiPlan), tiers: nil, gate: nil, simulator: Self.simulator)
    #expect(api.plan.status == .meets && api.headroom != nil)
    #expect(PlanReport.summaryLine(api.plan, language: .ja).hasPrefix("ja-api: 推奨 "))
    let files = Dictionary(
      uniqueKeysWithValues: { () -> [(String, String)] in
        var japanese = api
        japanese.language = .ja
        return japanese.files.map { ($0.path, $0.contents) }
      }())
    let markdown = try #require(files["report.md"])
    #expect(markdown.contains("**ヘッドルーム：**") && markdown.contains("## ティア") && markdown.contains("上位のティアほど安全というわけではありません"))
    let inbound = CapacityPlan.simulate(try loadScenario(Self.noGatePlan), tiers: nil, gate: nil, simulator: Self.simulator)
    #expect(PlanReport.summaryLine(inbound, language: .ja) == "ja-inbound: 購入するCPSなし。すべての目標を達成")
    let undecided = CapacityPlan.simulate(try loadScenario(Self.undecidedPlan), tiers: nil, gate: nil, simulator: Self.simulator)
    #expect(undecided.status == .undecided)
    #expect(PlanReport.summaryLine(undecided, language: .ja).hasPrefix("ja-undecided: 未確定："))
    var failing = PlanReport(
      scenario: try loadScenario(Self.failingPlan), tiers: nil, gate: nil, simulator: Self.simulator,
      source: ScenarioSource(text: Self.failingPlan, path: "inline.yaml", baseDirectory: "/tmp"))
    #expect(failing.plan.status == .fails && failing.remedies?.entries.isEmpty == false)
    failing.language = .ja
    let failingReport = try #require(failing.files.first { $0.path == "report.md" }?.contents)
    #expect(failingReport.contains("解決策：") && failingReport.contains("*未確定：この変更では"))
    var desk = PlanReport(scenario: try loadScenario(Self.staffingPlan), tiers: nil, gate: nil, simulator: Self.simulator)
    #expect(!desk.staffing.isEmpty)
    desk.language = .ja
    #expect(desk.staffingLine.hasPrefix("。プール desk："))
    #expect(desk.files.first { $0.path == "report.md" }?.contents.contains("### 要員配置：プール desk") == true)
  }

  // MARK: Comparison, headroom and call records

  /// comparison.md and its overlay charts: what differs, the objectives, every metric, the method.
  @Test func comparisonReport() throws {
    let scenarios = try ["reminder-campaign", "reminder-campaign-paced"].map { name in
      var scenario = try ScenarioLoader().load(path: Fixtures.scenarios.appendingPathComponent("\(name).yaml").path).get()
      scenario.simulation.replications = 3
      return scenario
    }
    let comparison = Comparison.simulate(Comparison.align(scenarios), simulator: Self.simulator)
    let english = ComparisonReport(comparison)
    let japanese = ComparisonReport(comparison, language: .ja)
    func text(_ report: ComparisonReport) -> String {
      report.files.compactMap { $0.path == "comparison.md" ? $0.contents : $0.path.hasSuffix(".svg") ? Self.chartText($0.contents) : nil }
        .joined(separator: "\n").replacingOccurrences(of: "reminder-campaign-paced", with: "")
    }
    Self.expectClean(japanese: text(japanese), english: text(english), scenario: scenarios[0])
    #expect(japanese.csv == english.csv)
    #expect(text(japanese).contains("## 主な違い") && text(japanese).contains("## 目標としきい値"))
  }

  /// The headroom report with growth: the figure, the date, the factors evaluated, the charts.
  @Test func headroomReport() throws {
    let scenario = try loadScenario(Self.apiPlan)
    let headroom = Headroom.search(
      scenario, setting: GateSetting.uniform(2, gates: [.api]), simulator: Self.simulator, range: (1.0 / 4)...4)
    let growth = Growth(monthly: 0.05, from: try #require(Growth.parseDate("2026-12-01")))
    let english = HeadroomReport(headroom: headroom, configuration: English().headroomRecommended("2 CPS"), growth: growth)
    let japanese = HeadroomReport(
      headroom: headroom, configuration: Japanese().headroomRecommended("2 CPS"), growth: growth, language: .ja)
    func text(_ report: HeadroomReport) -> String {
      report.files.compactMap { $0.path == "report.md" ? $0.contents : $0.path.hasSuffix(".svg") ? Self.chartText($0.contents) : nil }
        .joined(separator: "\n") + "\n" + report.summaryLine
    }
    Self.expectClean(japanese: text(japanese), english: text(english), scenario: scenario)
    #expect(japanese.csv == english.csv)
    #expect(text(japanese).contains("## 成長") && japanese.summaryLine.hasPrefix("ja-api: 推奨の2 CPSは"))
  }

  /// The observe report of the example records: peaks per day, CPS used per gate, queue times, trunks.
  @Test(arguments: ["records-api.json", "records.csv"])
  func observationReport(file: String) throws {
    let path = Fixtures.scenarios.deletingLastPathComponent().appendingPathComponent("records/\(file)").path
    let observation = try #require(ObserveRecords.run(paths: [path], name: "observed", utcOffsetSeconds: 9 * 3600).observation)
    func text(_ language: ReportLanguage) -> String {
      ObservationReport.files(observation, language: language).compactMap {
        $0.path == "report.md" ? $0.contents : $0.path.hasSuffix(".svg") ? Self.chartText($0.contents) : nil
      }.joined(separator: "\n") + "\n" + language.catalogue.observeSummary(observation, folder: "reports/observed/")
    }
    // Gate and trunk names come from the records; the folder is a file name.
    var allowed = Self.fixedWords.union(["observed", "reports/observed", "api", "trunk-pool"])
    allowed.formUnion(observation.overall.gates.map(\.gate) + observation.trunks.map(\.trunk))
    let japanese = Self.englishWords(text(.ja), allowed: allowed)
    #expect(japanese.isEmpty, "English left in the Japanese observe report: \(Set(japanese).sorted())")
    #expect(Self.englishWords(text(.en), allowed: allowed).count > 20)
    for (name, contents) in ObservationReport.files(observation, language: .ja) where name.hasSuffix(".csv") {
      #expect(contents == ObservationReport.files(observation).first { $0.path == name }?.contents)
    }
  }

  // MARK: The formatter in Japanese

  @Test(
    "Japanese durations: the same rounding, Japanese units, no spaces",
    arguments: [
      (0.0, "0秒"), (0.35, "350ミリ秒"), (38.24, "38.2秒"), (45, "45秒"), (60, "1分"), (1110, "18分30秒"), (3720, "1時間02分"),
      (90_000, "1日01時間"), (315_360_000, "3,650日"), (-95, "-1分35秒"),
    ])
  func japaneseDuration(seconds: Double, text: String) {
    #expect(Readable.duration(seconds, units: Japanese().units) == text)
  }

  @Test func japaneseIntervals() {
    let units = Japanese().units
    #expect(Readable.duration(1900, low: 1812, high: 1988, units: units) == "31.7分（30.2〜33.1分）")
    #expect(Readable.estimate(91.04, low: 89.6, high: 92.3, units: units) == "91.0（89.6〜92.3）")
    #expect(Readable.estimate(1_234, units: units) == "1,234")
    #expect(Readable.duration(.nan, units: units) == "該当なし")
    #expect(Readable.duration(.infinity, units: units) == "上限なし")
    // English is unchanged by the units parameter.
    #expect(Readable.duration(1900, low: 1812, high: 1988) == "31.7 min (30.2 to 33.1 min)")
  }

  @Test func japaneseWords() {
    let japanese = Japanese()
    #expect(japanese.category(.inbound) == "着信" && japanese.category(.outbound) == "発信" && japanese.category(.forwarded) == "転送")
    #expect(japanese.burstArrivals(count: Readable.count(2_400), at: Quantity.clock(36_000), over: nil) == "10:00に2,400件を一斉発生")
    #expect(japanese.rate(60.0 / 3600) == "1件/分")
    #expect(ReportLanguage(rawValue: "ja") != nil && ReportLanguage(rawValue: "fr") == nil)
  }
}
