import Foundation
import Testing

/// What callcap may overwrite, atomic replacement, devices as --junit,
/// multi-scenario commands, messages (issue #13, "Data loss" and
/// "Messages"). Every test works in its own temporary folder; device
/// nodes are `mknod` copies there, never the machine's /dev.
@Suite struct SafetyTests {
  typealias CLI = CommandLineTests

  static func scenario(named name: String, count: Int = 60) -> String {
    CLI.burstScenario(expect: "  []").replacingOccurrences(of: "name: cli-burst", with: "name: \(name)")
      .replacingOccurrences(of: "count: 600", with: "count: \(count)")
  }

  static func entries(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  static let reportFiles = [".callcap-report", "charts", "report.md", "summary.csv", "timeseries.csv"]

  // MARK: - Never delete what callcap did not write

  /// The issue's case: `plan base/base.yaml --out .` next to the scenario's
  /// own folder deleted the scenario and its data.
  @Test func refusesToReplaceAFolderItDidNotWrite() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = folder.appendingPathComponent("base")
    try FileManager.default.createDirectory(at: base.appendingPathComponent("data"), withIntermediateDirectories: true)
    _ = try CLI.write(Self.scenario(named: "base"), to: "base.yaml", in: base)
    let outcome = try CLI.callcap(["plan", "base/base.yaml", "--tiers", "1", "--out", ".", "--quiet"], in: folder)
    #expect(outcome.status == 73)
    #expect(outcome.error.contains("will not replace './base': it is a folder callcap did not write"))
    #expect(outcome.error.contains("choose another --out"))
    #expect(Self.entries(base) == ["base.yaml", "data"])
    #expect(Self.entries(folder) == ["base"])
  }

  @Test func refusesFilesAndSymbolicLinksAndReplacesItsOwnReports() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try CLI.write(Self.scenario(named: "base"), to: "s.yaml", in: folder)
    let out = folder.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let target = out.appendingPathComponent("base")

    try "mine\n".write(to: target, atomically: false, encoding: .utf8)
    let file = try CLI.callcap(["run", scenario, "--out", out.path, "--quiet"])
    #expect(file.status == 73)
    #expect(file.error.contains("it is a file callcap did not write"))
    #expect(try String(contentsOf: target, encoding: .utf8) == "mine\n")

    try FileManager.default.removeItem(at: target)
    try FileManager.default.createSymbolicLink(atPath: target.path, withDestinationPath: folder.path)
    let link = try CLI.callcap(["run", scenario, "--out", out.path, "--quiet"])
    #expect(link.status == 73)
    #expect(link.error.contains("it is a symbolic link"))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: target.path) == folder.path)

    try FileManager.default.removeItem(at: target)
    #expect(try CLI.callcap(["run", scenario, "--out", out.path, "--quiet"]).status == 0)
    #expect(try CLI.callcap(["run", scenario, "--out", out.path, "--quiet"]).status == 0)
    #expect(Self.entries(target) == Self.reportFiles)
    #expect(Self.entries(out) == ["base"])
  }

  /// Six runs at once into one folder, three rounds: all succeed and one
  /// complete report remains, with no staging leftovers.
  @Test func concurrentRunsLeaveOneCompleteReport() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try CLI.write(Self.scenario(named: "base"), to: "s.yaml", in: folder)
    let out = folder.appendingPathComponent("out")
    for _ in 0..<3 {
      let processes = try (0..<6).map { _ in
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", scenario, "--out", out.path, "--quiet", "--jobs", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
      }
      for process in processes { process.waitUntilExit() }
      #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 6))
      #expect(Self.entries(out) == ["base"])
      #expect(Self.entries(out.appendingPathComponent("base")) == Self.reportFiles)
    }
  }

  // MARK: - --junit and single files

  /// Whether this process may make device nodes (root outside a
  /// restricted container); the device tests are skipped otherwise.
  static let canMakeDevices: Bool = {
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("callcap-mknod-probe-\(getpid())")
    defer { try? FileManager.default.removeItem(at: probe) }
    guard (try? CLI.run("/usr/bin/mknod", [probe.path, "c", "1", "3"])) == 0 else { return false }
    return FileManager.default.fileExists(atPath: probe.path)
  }()

  static func isCharacterDevice(_ url: URL) -> Bool {
    var info = stat()
    return lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
  }

  @Test(.enabled(if: canMakeDevices, "mknod is not permitted here"))
  func junitWritesThroughDevicesAndNeverReplacesThem() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try CLI.write(
      CLI.burstScenario(expect: "  - { metric: calls_offered, scope: total, min: 1 }"), to: "s.yaml", in: folder)
    let null = folder.appendingPathComponent("null")
    let full = folder.appendingPathComponent("full")
    #expect(try CLI.run("/usr/bin/mknod", [null.path, "c", "1", "3"]) == 0)
    #expect(try CLI.run("/usr/bin/mknod", [full.path, "c", "1", "7"]) == 0)

    #expect(try CLI.callcap(["check", scenario, "--junit", null.path, "--quiet"]).status == 0)
    #expect(Self.isCharacterDevice(null))

    let disk = try CLI.callcap(["check", scenario, "--junit", full.path, "--quiet"])
    #expect(disk.status == 74)
    #expect(disk.error.contains("cannot write '\(full.path)': no space left on the device"))
    #expect(Self.isCharacterDevice(full))
    #expect(Self.entries(folder) == ["full", "null", "s.yaml"])
  }

  @Test func junitRefusesFoldersAndUnreadPipes() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try CLI.write(
      CLI.burstScenario(expect: "  - { metric: calls_offered, scope: total, min: 1 }"), to: "s.yaml", in: folder)
    let fifo = folder.appendingPathComponent("fifo")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    // No reader: refused at once instead of waiting forever.
    let pipe = try CLI.callcap(["check", scenario, "--junit", fifo.path, "--quiet"])
    #expect(pipe.status == 73)
    #expect(pipe.error.contains("no program is reading"))
    var info = stat()
    #expect(lstat(fifo.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)

    let sub = folder.appendingPathComponent("sub")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    let refused = try CLI.callcap(["check", scenario, "--junit", sub.path, "--quiet"])
    #expect(refused.status == 73)
    #expect(refused.error.contains("it is a folder; choose another --junit"))
    // Checked before simulating: no PASS line.
    #expect(refused.output.isEmpty)

    // A regular file is replaced; a second run replaces it again.
    let xml = folder.appendingPathComponent("j.xml")
    #expect(try CLI.callcap(["check", scenario, "--junit", xml.path, "--quiet"]).status == 0)
    #expect(try CLI.callcap(["check", scenario, "--junit", xml.path, "--quiet"]).status == 0)
    #expect(try String(contentsOf: xml, encoding: .utf8).hasPrefix("<?xml"))
    #expect(Self.entries(folder) == ["fifo", "j.xml", "s.yaml", "sub"])
    #expect(try CLI.callcap(["check", scenario, "--junit", ""]).status == 64)
  }

  /// Found by red-teaming: a one-letter relative `--junit j` crashed
  /// (Foundation's deletingLastPathComponent traps on it, exit 132);
  /// `--junit new/` wrote a file `new`; a link loop was "a link to nothing".
  @Test func junitPathsThatAreShortEndInASlashOrLoop() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try CLI.write(
      CLI.burstScenario(expect: "  - { metric: calls_offered, scope: total, min: 1 }"), to: "s.yaml", in: folder)
    let short = try CLI.callcap(["check", "s.yaml", "--junit", "j", "--quiet"], in: folder)
    #expect(short.status == 0)
    #expect(try String(contentsOf: folder.appendingPathComponent("j"), encoding: .utf8).hasPrefix("<?xml"))

    let slash = try CLI.callcap(["check", "s.yaml", "--junit", "new/", "--quiet"], in: folder)
    #expect(slash.status == 73)
    #expect(slash.error == "error: cannot create 'new/': it ends in '/', so it names a folder; choose another --junit\n")
    #expect(slash.output.isEmpty)

    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("a").path, withDestinationPath: "b")
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("b").path, withDestinationPath: "a")
    let loop = try CLI.callcap(["check", "s.yaml", "--junit", "a", "--quiet"], in: folder)
    #expect(loop.status == 73)
    #expect(loop.error.contains("cannot create 'a': too many levels of symbolic links"))
    #expect(Self.entries(folder) == ["a", "b", "j", "s.yaml"])
  }

  /// `check --junit scenarios/*.yaml` (the option's value forgotten) took
  /// the first scenario for the JUnit file and replaced it with XML, exit
  /// 0. An existing regular file is replaced only if it is empty or holds
  /// JUnit XML (an earlier run's); anything else is refused up front.
  @Test func junitNeverReplacesAFileThatIsNotJUnit() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = CLI.burstScenario(expect: "  - { metric: calls_offered, scope: total, min: 1 }")
    _ = try CLI.write(scenario, to: "a.yaml", in: folder)
    _ = try CLI.write(scenario, to: "b.yaml", in: folder)
    let typo = try CLI.callcap(["check", "--junit", "a.yaml", "b.yaml", "--quiet"], in: folder)
    #expect(typo.status == 73)
    #expect(
      typo.error
        == "error: will not replace 'a.yaml': it is a file that holds no JUnit XML; move it away or choose another --junit\n")
    #expect(typo.output.isEmpty)
    #expect(try String(contentsOf: folder.appendingPathComponent("a.yaml"), encoding: .utf8) == scenario)

    // An empty file (mktemp) and an earlier JUnit file are replaced.
    _ = try CLI.write("", to: "empty.xml", in: folder)
    #expect(try CLI.callcap(["check", "b.yaml", "--junit", "empty.xml", "--quiet"], in: folder).status == 0)
    #expect(try CLI.callcap(["check", "b.yaml", "--junit", "empty.xml", "--quiet"], in: folder).status == 0)
    #expect(try String(contentsOf: folder.appendingPathComponent("empty.xml"), encoding: .utf8).contains("<testsuites"))
    #expect(Self.entries(folder) == ["a.yaml", "b.yaml", "empty.xml"])
  }

  /// `--junit /proc/self/fd/1` (or /dev/stdout) with standard output a
  /// pipe, as in CI: a link to a pipe is written through, not refused as
  /// "a symbolic link to nothing".
  @Test(.enabled(if: CLI.hasProcFileSystem, "needs /proc"))
  func junitToALinkToAPipeIsWrittenThrough() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try CLI.write(
      CLI.burstScenario(expect: "  - { metric: calls_offered, scope: total, min: 1 }"), to: "s.yaml", in: folder)
    let outcome = try CLI.callcap(["check", scenario, "--junit", "/proc/self/fd/1", "--quiet"])
    #expect(outcome.status == 0)
    #expect(outcome.output.hasPrefix("<?xml"))
    #expect(outcome.output.hasSuffix("1 expectations hold\n"))
  }

  // MARK: - Multi-scenario commands write all or nothing

  /// A --gate missing from the second scenario is refused before the first
  /// is simulated, and nothing is written.
  @Test func gateIsCheckedAgainstEveryScenarioFirst() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let second = try CLI.write(Self.scenario(named: "second"), to: "second.yaml", in: folder)
    let out = folder.appendingPathComponent("out")
    let outcome = try CLI.callcap([
      "plan", "scenarios/pbx-trunk.yaml", second, "--gate", "trunk:office-pbx", "--tiers", "1", "--out", out.path, "--quiet",
    ])
    #expect(outcome.status == 64)
    #expect(outcome.error.contains("error: --gate trunk:office-pbx"))
    #expect(outcome.error.contains("has no trunk named 'office-pbx'"))
    // A usage error of plan, not the top-level usage of callcap.
    #expect(!outcome.error.contains("Usage: callcap <subcommand>"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// A later report's place that cannot be written is found before the
  /// first scenario is simulated.
  @Test func everyReportPlaceIsCheckedFirst() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try CLI.write(Self.scenario(named: "first"), to: "first.yaml", in: folder)
    let second = try CLI.write(Self.scenario(named: "second"), to: "second.yaml", in: folder)
    let out = folder.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out.appendingPathComponent("second"), withIntermediateDirectories: true)
    let outcome = try CLI.callcap(["run", first, second, "--out", out.path])
    #expect(outcome.status == 73)
    #expect(outcome.output.isEmpty)
    #expect(Self.entries(out) == ["second"])
  }

  /// A dangling link (or a link loop) in `--out` passed the check, cost a
  /// whole simulation and then failed with "'dl': it already exists".
  @Test func aDanglingLinkInOutIsFoundBeforeSimulating() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try CLI.write(Self.scenario(named: "base"), to: "s.yaml", in: folder)
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dl").path, withDestinationPath: "gone")
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("l1").path, withDestinationPath: "l2")
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("l2").path, withDestinationPath: "l1")
    for out in ["dl", "dl/x", "l1"] {
      let outcome = try CLI.callcap(["run", "s.yaml", "--out", out, "--quiet"], in: folder)
      #expect(outcome.status == 73)
      let top = String(out.prefix(2))
      let reason = top == "dl" ? " is a symbolic link to nothing" : ": too many levels of symbolic links"
      #expect(outcome.error == "error: cannot create '\(out)/base': '\(top)'\(reason); choose another --out\n")
    }
    #expect(Self.entries(folder) == ["dl", "l1", "l2", "s.yaml"])
  }

  /// `plan first.yaml big.yaml` interrupted in the second writes nothing,
  /// though the first report was ready (staged).
  @Test(.enabled(if: CLI.hasProcFileSystem, "needs /proc"))
  func interruptedInTheSecondScenarioWritesNothing() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try CLI.write(Self.scenario(named: "first"), to: "first.yaml", in: folder)
    let out = folder.appendingPathComponent("out")
    let process = Process()
    process.executableURL = CLI.binary
    process.arguments = ["run", first, "scenarios/bench-w1.yaml", "--out", out.path, "--quiet"]
    process.currentDirectoryURL = CLI.repository
    let error = Pipe()
    process.standardError = error
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    // The first report is staged once a staging folder appears in OUT.
    let staged = CLI.poll(timeout: 60) { Self.entries(out).contains { $0.hasPrefix(".callcap~") } }
    #expect(staged, "the first report should have been staged")
    kill(process.processIdentifier, SIGINT)
    let message = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    // Load warnings may come first; the interruption is the last line.
    #expect(String(decoding: message, as: UTF8.self).split(separator: "\n").last == "error: interrupted; no report written")
    #expect(Self.entries(out).isEmpty)
  }

  /// Something put in a later report's place while simulating is still
  /// refused, and the earlier, finished report is not written either.
  @Test func aConflictAppearingWhileSimulatingWritesNothing() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try CLI.write(Self.scenario(named: "first"), to: "first.yaml", in: folder)
    // About a second of simulation, time enough to get in its way.
    let slow = try CLI.write(
      Self.scenario(named: "slow", count: 2000).replacingOccurrences(of: "replications: 2", with: "replications: 40"),
      to: "slow.yaml", in: folder)
    let out = folder.appendingPathComponent("out")
    let process = Process()
    process.executableURL = CLI.binary
    process.arguments = ["run", first, slow, "--out", out.path, "--quiet"]
    let error = Pipe()
    process.standardError = error
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let staged = CLI.poll(timeout: 60) { Self.entries(out).contains { $0.hasPrefix(".callcap~") } }
    try FileManager.default.createDirectory(at: out.appendingPathComponent("slow"), withIntermediateDirectories: true)
    try "mine\n".write(to: out.appendingPathComponent("slow/notes"), atomically: false, encoding: .utf8)
    let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    try #require(staged, "the first report should have been staged")
    #expect(process.terminationStatus == 73)
    #expect(message.contains("error: will not replace '\(out.path)/slow': it is a folder callcap did not write"))
    #expect(!message.contains("note: wrote"))
    #expect(Self.entries(out) == ["slow"])
    #expect(Self.entries(out.appendingPathComponent("slow")) == ["notes"])
  }

  /// Whether this process may start another in a new PID namespace (root
  /// outside a restricted container), as a second container would be.
  static let canUnsharePID: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
    return (try? CLI.run("/usr/bin/unshare", ["--pid", "--fork", "--mount-proc", "/bin/true"])) == 0
  }()

  /// Two containers with the same host name writing into one shared
  /// folder: process ids of one mean nothing in the other, so the second
  /// took the first one's live staging folder for a dead process's and
  /// removed it, and the first failed after simulating (73, "a part of the
  /// path does not exist").
  @Test(.enabled(if: canUnsharePID, "needs unshare --pid"))
  func anotherPIDNamespaceLeavesLiveStagingAlone() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try CLI.write(Self.scenario(named: "first"), to: "first.yaml", in: folder)
    let slow = try CLI.write(
      Self.scenario(named: "slow", count: 2000).replacingOccurrences(of: "replications: 2", with: "replications: 80"),
      to: "slow.yaml", in: folder)
    let other = try CLI.write(Self.scenario(named: "other"), to: "other.yaml", in: folder)
    let out = folder.appendingPathComponent("out")
    let process = Process()
    process.executableURL = CLI.binary
    process.arguments = ["run", first, slow, "--out", out.path, "--quiet"]
    let error = Pipe()
    process.standardError = error
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let staged = CLI.poll(timeout: 60) { Self.entries(out).contains { $0.hasPrefix(".callcap~") } }
    let container = try CLI.run(
      "/usr/bin/unshare",
      ["--pid", "--fork", "--mount-proc", CLI.binary.path, "run", other, "--out", out.path, "--quiet"])
    let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    try #require(staged, "the first report should have been staged")
    #expect(container == 0)
    #expect(process.terminationStatus == 0)
    #expect(message.isEmpty)
    #expect(Self.entries(out) == ["first", "other", "slow"])
  }

  // MARK: - Names and messages

  @Test func longNamesAndManyScenariosWork() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out")
    let long = String(repeating: "n", count: 240)
    let scenario = try CLI.write(Self.scenario(named: long, count: 5), to: "long.yaml", in: folder)
    #expect(try CLI.callcap(["run", scenario, "--out", out.path, "--quiet"]).status == 0)
    #expect(try CLI.callcap(["run", scenario, "--out", out.path, "--quiet"]).status == 0)
    #expect(Self.entries(out) == [long])

    let many = try (1...12).map { index in
      try CLI.write(Self.scenario(named: "reminder-campaign-\(index)", count: 5), to: "m\(index).yaml", in: folder)
    }
    let compare = try CLI.callcap(["compare"] + many + ["--out", out.path, "--replications", "2"])
    #expect(compare.status == 0)
    let written = Self.entries(out).filter { $0.hasPrefix("compare-") }
    #expect(written.count == 1)
    #expect(written.first.map { $0.utf8.count <= 120 && $0.hasPrefix("compare-reminder-campaign-1-vs-") } == true)
    #expect(compare.output.contains("wrote \(out.path)/\(written.first ?? "?")/"))
  }

  @Test func outputErrorsArePlainSentences() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try CLI.write(Self.scenario(named: "base"), to: "s.yaml", in: folder)
    let underFile = try CLI.callcap(["run", scenario, "--out", scenario + "/reports", "--quiet"])
    #expect(underFile.status == 73)
    #expect(
      underFile.error == "error: cannot create '\(scenario)/reports/base': '\(scenario)' is a file, not a folder; choose another --out\n")
    let empty = try CLI.callcap(["run", scenario, "--out", "", "--quiet"], in: folder)
    #expect(empty.status == 64)
    #expect(empty.error.contains("--out needs a folder"))
    #expect(Self.entries(folder) == ["s.yaml"])
  }

  /// A multi-line description cannot add headings or HTML to report.md.
  @Test func descriptionsCannotInjectMarkdown() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = Self.scenario(named: "base").replacingOccurrences(
      of: "name: base\n", with: "name: base\ndescription: \"Plain.\\n# injected\\n<script>alert(1)</script>\"\n")
    let scenario = try CLI.write(text, to: "s.yaml", in: folder)
    let out = folder.appendingPathComponent("out")
    #expect(try CLI.callcap(["run", scenario, "--out", out.path, "--quiet"]).status == 0)
    let report = try String(contentsOf: out.appendingPathComponent("base/report.md"), encoding: .utf8)
    #expect(report.contains("Plain.\n\\# injected\n"))
    #expect(report.contains("\\<script\\>alert(1)\\</script\\>"))
    #expect(report.range(of: "(^|[^\\\\])<script", options: .regularExpression) == nil)
    #expect(!report.split(separator: "\n").contains { $0.hasPrefix("# injected") })
  }

  // MARK: - The backtracer

  /// The crash signals keep their default action (no `swift-backtrace`
  /// child can hold standard output), unless SWIFT_BACKTRACE asks for it.
  @Test(.enabled(if: CLI.hasProcFileSystem, "needs /proc"))
  func backtracerIsOffUnlessRequested() throws {
    let crashSignals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV]
    func caughtCrashSignals(environment: [String: String]) throws -> [Int32] {
      let folder = try CLI.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let process = Process()
      process.executableURL = CLI.binary
      process.arguments = ["plan", "scenarios/bench-w1.yaml", "--tiers", "1,2", "--out", folder.path, "--quiet"]
      process.currentDirectoryURL = CLI.repository
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      defer {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
      }
      #expect(CLI.waitUntilHandling(SIGINT, pid: process.processIdentifier))
      let caught = CLI.signalMask("SigCgt", pid: process.processIdentifier)
      return crashSignals.filter { caught & (1 << UInt64($0 - 1)) != 0 }
    }
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = nil
    #expect(try caughtCrashSignals(environment: environment) == [])
    // The probe sees the runtime's handlers when they are asked for.
    environment["SWIFT_BACKTRACE"] = "enable=yes"
    #expect(try caughtCrashSignals(environment: environment) == crashSignals)
  }
}
