import Foundation
import Testing

/// `--lang ja|en` on the command line: Japanese report.md, charts and
/// verdict line; CSV files and diagnostics unchanged; a bad value is a
/// usage error naming the languages.
@Suite struct LanguageCommandTests {
  static let scenario = """
    callcap: 1
    name: cli-lang
    simulation: { horizon: 1h, replications: 3, max_replications: 3, seed: 4 }
    account:
      thresholds: { inbound: 100 }
    numbers: [050-1234-5678]
    traffic:
      - { name: callers, type: inbound, to: 050-1234-5678, arrivals: { rate: 30/h }, duration: 2m }
    """

  @Test func planInJapanese() throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try CommandLineTests.write(Self.scenario, to: "lang.yaml", in: folder)
    let english = folder.appendingPathComponent("en").path
    let japanese = folder.appendingPathComponent("ja").path
    let en = try CommandLineTests.callcap(["plan", path, "--out", english, "--quiet"])
    let ja = try CommandLineTests.callcap(["plan", path, "--out", japanese, "--quiet", "--lang", "ja"])
    #expect(en.status == 0 && ja.status == 0)
    // Three replications cannot bound the suspension risk: undecided, in either language.
    #expect(en.output == "cli-lang: undecided: no CPS to buy; suspension risk undecided after 3 replications\n")
    #expect(ja.output == "cli-lang: 未確定：購入するCPSなし。一時利用停止リスクは3回の反復後も未確定\n")
    let report = try String(contentsOfFile: japanese + "/cli-lang/report.md", encoding: .utf8)
    #expect(report.hasPrefix("# callcap 計画：cli-lang\n\n## 結論\n\n**購入するCPSはありません。"))
    let chart = try String(contentsOfFile: japanese + "/cli-lang/charts/concurrency.svg", encoding: .utf8)
    #expect(chart.contains("しきい値に対する同時通話数") || chart.contains("同時通話数（設定値のCPS）"))
    // Machine-readable files do not change with the language.
    for file in ["summary.csv", "tiers.csv", "timeseries.csv"] {
      let a = try String(contentsOfFile: english + "/cli-lang/" + file, encoding: .utf8)
      let b = try String(contentsOfFile: japanese + "/cli-lang/" + file, encoding: .utf8)
      #expect(a == b, "\(file) differs between --lang en and ja")
    }
    // Nor does --json.
    let enJSON = try CommandLineTests.callcap(["plan", path, "--out", english, "--json"])
    let jaJSON = try CommandLineTests.callcap(["plan", path, "--out", japanese, "--json", "--lang", "ja"])
    #expect(enJSON.status == 0 && enJSON.output == jaJSON.output)
  }

  @Test func runInJapanese() throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try CommandLineTests.write(Self.scenario, to: "lang.yaml", in: folder)
    let run = try CommandLineTests.callcap(["run", path, "--out", folder.path, "--quiet", "--lang", "ja"])
    #expect(run.status == 0)
    let report = try String(contentsOfFile: folder.path + "/cli-lang/report.md", encoding: .utf8)
    #expect(report.hasPrefix("# callcap レポート：cli-lang\n\n## 結論\n\n"))
  }

  @Test func unknownLanguageIsAUsageError() throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try CommandLineTests.write(Self.scenario, to: "lang.yaml", in: folder)
    let outcome = try CommandLineTests.callcap(["plan", path, "--out", folder.path, "--lang", "fr"])
    #expect(outcome.status == 64)
    #expect(outcome.error.contains("'fr'") && outcome.error.contains("'en'") && outcome.error.contains("'ja'"))
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/cli-lang"))
  }
}
