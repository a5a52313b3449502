import Foundation
import Testing

/// What the command line says in help, summaries and errors (issue #21's
/// nits): one default per option, the exit codes, the files a summary
/// lists, what --quiet keeps, and clear errors for bad gates and paths.
@Suite struct MessageTests {
  typealias CLI = CommandLineTests

  /// The help of `option` in `help`: its lines up to the next option.
  static func entry(_ option: String, in help: String) -> String {
    let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(option + " ") }) else { return "" }
    let rest = lines[(start + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("-") && !$0.isEmpty }
    return ([lines[start]] + rest).joined(separator: "\n")
  }

  @Test func helpShowsOneDefaultPerOptionAndEveryExitCode() throws {
    for command in ["plan", "run", "compare", "check", "headroom"] {
      let help = try CLI.callcap([command, "--help"]).output
      let jobs = Self.entry("--jobs", in: help)
      #expect(jobs.components(separatedBy: "default").count == 2, "\(command) --jobs: \(jobs)")
      let maxCalls = Self.entry("--max-calls", in: help)
      #expect(maxCalls.contains("(default: 200000000)"), "\(command) --max-calls: \(maxCalls)")
      #expect(!maxCalls.contains("200000000.0"))
    }
    let top = try CLI.callcap(["--help"]).output
    for code in ["64", "65", "66", "73/74", "130/143"] { #expect(top.contains(code), "top-level help lacks \(code)") }
  }

  /// A trunk the scenario does not have is plan's own usage error, naming
  /// its trunks, not the top-level usage.
  @Test func anUnknownTrunkNamesTheScenariosTrunks() throws {
    let outcome = try CLI.callcap(["plan", "--gate", "trunk:nope", "--replications", "1", "scenarios/launch-day.yaml"])
    #expect(outcome.status == 64)
    #expect(outcome.error.contains("error: --gate trunk:nope: scenarios/launch-day.yaml has no trunk named 'nope' (its trunks: office)"))
    #expect(!outcome.error.contains("USAGE:") && !outcome.error.contains("SUBCOMMANDS"))
  }

  /// The summary line lists exactly the files the report holds; --quiet
  /// keeps the verdict (the result) and drops the list.
  @Test func planSummaryListsItsFilesAndQuietKeepsTheVerdict() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try CLI.write(CLI.burstScenario(expect: "  []"), to: "plan.yaml", in: folder)
    let out = folder.appendingPathComponent("out").path
    let loud = try CLI.callcap(["plan", scenario, "--tiers", "1,2", "--no-headroom", "--out", out])
    #expect(loud.status == 0)
    #expect(loud.output.hasPrefix("cli-burst: "))
    #expect(loud.output.hasSuffix("; wrote \(out)/cli-burst/ (report.md, summary.csv, tiers.csv, timeseries.csv, charts/)\n"))
    let quiet = try CLI.callcap(["plan", scenario, "--tiers", "1,2", "--no-headroom", "--out", out, "--quiet"])
    #expect(quiet.status == 0)
    let verdict = loud.output.components(separatedBy: "; wrote ")[0]
    #expect(quiet.output == verdict + "\n")
    #expect(quiet.error.isEmpty)
    let run = try CLI.callcap(["run", scenario, "--out", out])
    #expect(run.output == "cli-burst: wrote \(out)/cli-burst/ (report.md, summary.csv, timeseries.csv, charts/)\n")
    // run has no verdict: --quiet leaves nothing to say.
    #expect(try CLI.callcap(["run", scenario, "--out", out, "--quiet"]).output.isEmpty)
  }

  @Test func oneTrafficClassIsSingular() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try CLI.write(CLI.burstScenario(expect: "  []"), to: "one.yaml", in: folder)
    let outcome = try CLI.callcap(["validate", scenario])
    #expect(outcome.output.contains("valid: 'cli-burst', 1 traffic class, about 600 calls per replication"))
  }

  /// An output place that cannot exist gives 73 and an `error:` line with
  /// the path and the reason, never a raw Foundation message.
  @Test func anImpossibleOutputPathSaysWhy() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try CLI.write(CLI.burstScenario(expect: "  []"), to: "ok.yaml", in: folder)
    if CLI.hasProcFileSystem {
      // Nothing can be created in /proc, not even by root.
      let run = try CLI.callcap(["run", scenario, "--out", "/proc/callcap-nope/deeper", "--quiet"])
      #expect(run.status == 73)
      #expect(run.error.hasPrefix("error: cannot create '/proc/callcap-nope/deeper"))
      #expect(run.error.hasSuffix("; choose another --out\n"))
    }
    // Report folders are created with their parents; fit's single file needs an existing folder.
    let missing = folder.appendingPathComponent("missing").path
    let fit = try CLI.callcap(["fit", "records/records.csv", "--out", missing + "/fitted.yaml"])
    #expect(fit.status == 73)
    #expect(fit.error == "error: cannot create '\(missing)/fitted.yaml': the folder '\(missing)' does not exist; choose another --out\n")
    #expect(!fit.error.contains("operation could not be completed"))
  }

  /// The committed man page covers every command `--help` lists (it is
  /// regenerated with the generate-manual plugin; see README), and the
  /// completion scripts the README installs are produced for each shell.
  @Test func manPageAndCompletionScriptsCoverEveryCommand() throws {
    let help = try CLI.callcap(["--help"]).output
    let commands = help.components(separatedBy: "SUBCOMMANDS:").last!.split(separator: "\n").compactMap { line in
      // A command's own line: two spaces and its lowercase name (wrapped lines are indented further).
      line.hasPrefix("  ") && line.dropFirst(2).first?.isLowercase == true ? line.split(separator: " ").first.map(String.init) : nil
    }
    #expect(commands.count == 12 && commands.contains("plan") && commands.contains("headroom"), "\(commands)")
    let page = try String(contentsOf: CLI.repository.appendingPathComponent("docs/callcap.1"), encoding: .utf8)
    for command in commands { #expect(page.contains(".It Em \(command)\n"), "docs/callcap.1 lacks \(command)") }
    for shell in ["bash", "zsh", "fish"] {
      let script = try CLI.callcap(["--generate-completion-script", shell])
      #expect(script.status == 0)
      for command in commands where command != "help" { #expect(script.output.contains(command), "\(shell) lacks \(command)") }
    }
  }
}
