import Foundation
import Testing

@testable import CallcapKit

/// Report folders: only what callcap wrote is replaced, replacement is
/// atomic under concurrent writers, stale staging folders are cleaned.
@Suite struct OutputFolderTests {
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("callcap-output-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func files(_ tag: String) -> [(path: String, contents: String)] {
    [("report.md", "# \(tag)\n"), ("summary.csv", "tag\n\(tag)\n"), ("charts/a.svg", "<svg>\(tag)</svg>\n")]
  }

  static func entries(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  @Test func writesAManifestAndReplacesItsOwnReport() throws {
    let parent = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let folder = parent.appendingPathComponent("base")
    try OutputFolder.write(Self.files("one"), to: folder)
    #expect(try Self.entries(folder) == [ReportManifest.fileName, "charts", "report.md", "summary.csv"])
    #expect(try Self.text(folder.appendingPathComponent(ReportManifest.fileName)) == ReportManifest.contents)
    #expect(ReportManifest.contents.hasPrefix("callcap report folder; safe for callcap to replace\ncallcap "))
    try OutputFolder.write(Self.files("two"), to: folder)
    #expect(try Self.text(folder.appendingPathComponent("report.md")) == "# two\n")
    #expect(try Self.entries(parent) == ["base"])
  }

  @Test func refusesWhatCallcapDidNotWrite() throws {
    let parent = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let manager = FileManager.default
    // A user's folder holding the scenario and its data.
    let users = parent.appendingPathComponent("base")
    try manager.createDirectory(at: users.appendingPathComponent("data"), withIntermediateDirectories: true)
    try "keep\n".write(to: users.appendingPathComponent("base.yaml"), atomically: false, encoding: .utf8)
    // A regular file and a symbolic link to a report callcap wrote.
    try "keep\n".write(to: parent.appendingPathComponent("file"), atomically: false, encoding: .utf8)
    try OutputFolder.write(Self.files("real"), to: parent.appendingPathComponent("real"))
    try manager.createSymbolicLink(atPath: parent.appendingPathComponent("link").path, withDestinationPath: "real")
    // A manifest with other contents does not count.
    let forged = parent.appendingPathComponent("forged")
    try manager.createDirectory(at: forged, withIntermediateDirectories: true)
    try "hello\n".write(to: forged.appendingPathComponent(ReportManifest.fileName), atomically: false, encoding: .utf8)

    for name in ["base", "file", "link", "forged"] {
      #expect(throws: OutputError.self) { try OutputFolder.check(parent.appendingPathComponent(name)) }
      do {
        try OutputFolder.write(Self.files("new"), to: parent.appendingPathComponent(name))
        Issue.record("\(name) was replaced")
      } catch OutputError.notReplaceable(let path, let reason) {
        #expect(path.hasSuffix("/" + name))
        if name == "forged" { #expect(reason.hasSuffix("(its .callcap-report is not callcap's manifest)")) }
      }
    }
    #expect(try Self.entries(users) == ["base.yaml", "data"])
    #expect(try Self.text(parent.appendingPathComponent("file")) == "keep\n")
    #expect(try manager.destinationOfSymbolicLink(atPath: parent.appendingPathComponent("link").path) == "real")
    #expect(try Self.text(parent.appendingPathComponent("real/report.md")) == "# real\n")
    #expect(try Self.entries(parent) == ["base", "file", "forged", "link", "real"])
  }

  @Test func aPathThroughAFileIsNamed() throws {
    let parent = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    try "x\n".write(to: parent.appendingPathComponent("x"), atomically: false, encoding: .utf8)
    let folder = parent.appendingPathComponent("x/y/base")
    do {
      try OutputFolder.write(Self.files("one"), to: folder)
      Issue.record("wrote under a file")
    } catch OutputError.cannotCreate(_, let reason) {
      #expect(reason == "'\(parent.path)/x' is a file, not a folder")
    }
  }

  /// Six writers at once, several rounds: every write succeeds, one
  /// complete report (all files from the same writer) remains, nothing else.
  @Test func concurrentWritersLeaveOneCompleteReport() throws {
    let parent = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let folder = parent.appendingPathComponent("base")
    for round in 0..<10 {
      // Six threads of their own (not a pool sized to the cores), released together.
      let failures = Failures()
      let start = DispatchSemaphore(value: 0)
      let done = DispatchGroup()
      for writer in 0..<6 {
        done.enter()
        Thread.detachNewThread {
          start.wait()
          do {
            try OutputFolder.write(Self.files("\(round)-\(writer)"), to: folder)
          } catch {
            failures.append("\(error)")
          }
          done.leave()
        }
      }
      for _ in 0..<6 { start.signal() }
      done.wait()
      #expect(failures.all.isEmpty)
      #expect(try Self.entries(parent) == ["base"])
      let tag = try Self.text(folder.appendingPathComponent("report.md")).dropFirst(2).dropLast()
      #expect(tag.hasPrefix("\(round)-"))
      #expect(try Self.text(folder.appendingPathComponent("summary.csv")) == "tag\n\(tag)\n")
      #expect(try Self.text(folder.appendingPathComponent("charts/a.svg")) == "<svg>\(tag)</svg>\n")
      #expect(ReportManifest.marks(folder.path))
    }
  }

  /// Staging folders of dead processes go on the next write; those of live
  /// processes, and anything without the manifest, stay.
  @Test func staleStagingFoldersOfDeadProcessesAreRemoved() throws {
    let parent = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let manager = FileManager.default
    // Above Linux's largest pid (2^22), so never a live process.
    let dead = "\(StagingName.prefix)\(StagingName.hostTag)~4194305~0123456789abcdef"
    let emptyDead = "\(StagingName.prefix)\(StagingName.hostTag)~4194306~0123456789abcdef"
    let unmarkedDead = "\(StagingName.prefix)\(StagingName.hostTag)~4194307~0123456789abcdef"
    let live = "\(StagingName.prefix)\(StagingName.hostTag)~1~0123456789abcdef"
    let otherHost = "\(StagingName.prefix)00000000~4194305~0123456789abcdef"
    for name in [dead, emptyDead, unmarkedDead, live, otherHost] {
      try manager.createDirectory(at: parent.appendingPathComponent(name + "/charts"), withIntermediateDirectories: true)
    }
    try manager.removeItem(at: parent.appendingPathComponent(emptyDead + "/charts"))
    for name in [dead, live, otherHost] {
      try ReportManifest.contents.write(
        to: parent.appendingPathComponent(name + "/" + ReportManifest.fileName), atomically: false, encoding: .utf8)
    }
    try "mine\n".write(to: parent.appendingPathComponent(unmarkedDead + "/notes"), atomically: false, encoding: .utf8)
    try OutputFolder.write(Self.files("one"), to: parent.appendingPathComponent("base"))
    #expect(try Self.entries(parent) == ["base", live, otherHost, unmarkedDead].sorted())
  }

  @Test func longNamesWork() throws {
    let parent = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let name = String(repeating: "a", count: 255)
    try OutputFolder.write(Self.files("one"), to: parent.appendingPathComponent(name))
    try OutputFolder.write(Self.files("two"), to: parent.appendingPathComponent(name))
    #expect(try Self.entries(parent) == [name])
    #expect(throws: OutputError.self) { try OutputFolder.check(parent.appendingPathComponent(name + "a")) }
  }

  @Test func boundedNamesAreShortAndStable() {
    #expect(OutputFolder.boundedName("compare-a-vs-b") == "compare-a-vs-b")
    let long = "compare-" + (1...12).map { "reminder-campaign-\($0)" }.joined(separator: "-vs-")
    let bounded = OutputFolder.boundedName(long)
    #expect(bounded.utf8.count <= 120)
    #expect(bounded.hasPrefix("compare-reminder-campaign-1-vs-reminder-campaign-2-vs-"))
    #expect(bounded == OutputFolder.boundedName(long))
    #expect(bounded != OutputFolder.boundedName(long + "3"))
    #expect(bounded.range(of: "-[0-9a-f]{16}$", options: .regularExpression) != nil)
  }

  /// A file that cannot be written part-way (here: under a file) removes
  /// the staging folder and writes nothing.
  @Test func aFailurePartWayLeavesNothing() throws {
    let parent = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let files: [(path: String, contents: String)] = [("report.md", "x"), ("report.md/inside", "y")]
    #expect(throws: OutputError.self) { try OutputFolder.write(files, to: parent.appendingPathComponent("base")) }
    #expect(try Self.entries(parent).isEmpty)
  }
}

/// Errors collected from concurrent writers.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []
  func append(_ item: String) { lock.withLock { items.append(item) } }
  var all: [String] { lock.withLock { items } }
}

/// Attacks on removal, clean-up and single files (red team, issue #13).
extension OutputFolderTests {
  static let manager = FileManager.default

  /// Removing an earlier report (or a stale staging folder, whose contents
  /// anyone who could write there controls) must not follow a symbolic
  /// link swapped in for a folder between finding it and entering it: as
  /// root that deleted the files of whatever folder the link named.
  @Test func removalNeverFollowsALinkSwappedInForAFolder() throws {
    let parent = try OutputFolderTests.temporaryFolder()
    defer { try? Self.manager.removeItem(at: parent) }
    let victim = parent.appendingPathComponent("victim")
    try Self.manager.createDirectory(at: victim, withIntermediateDirectories: true)
    try "keep\n".write(to: victim.appendingPathComponent("precious"), atomically: false, encoding: .utf8)
    let report = parent.appendingPathComponent("report")
    try OutputFolder.write(OutputFolderTests.files("old"), to: report)
    let charts = report.appendingPathComponent("charts")
    FileSystemCalls.removeTree(report.path) { path in
      guard path == charts.path else { return }
      try? Self.manager.moveItem(at: charts, to: parent.appendingPathComponent("moved"))
      try? Self.manager.createSymbolicLink(atPath: charts.path, withDestinationPath: victim.path)
    }
    #expect(try OutputFolderTests.entries(victim) == ["precious"])
    #expect(try OutputFolderTests.text(victim.appendingPathComponent("precious")) == "keep\n")
    #expect(try OutputFolderTests.entries(parent) == ["moved", "victim"])
  }

  /// A report being removed loses its manifest last: `kill -9` part-way
  /// still leaves a folder that the next run recognises and removes.
  @Test func theManifestIsRemovedLast() throws {
    let parent = try OutputFolderTests.temporaryFolder()
    defer { try? Self.manager.removeItem(at: parent) }
    let report = parent.appendingPathComponent("report")
    try OutputFolder.write(OutputFolderTests.files("old"), to: report)
    var removed: [String] = []
    OutputFolder.removeReport(report.path) { removed.append($0) }
    #expect(removed.last == report.path + "/" + ReportManifest.fileName)
    #expect(removed.count == 5)
    #expect(try OutputFolderTests.entries(parent).isEmpty)
  }

  /// A process killed while it wrote the manifest, the first file of its
  /// staging folder, leaves an empty or partial manifest and nothing else:
  /// the next run removes that folder too. A folder with anything else, or
  /// a file that is not the start of a manifest, stays.
  @Test func staleStagingWithAnUnfinishedManifestIsRemoved() throws {
    let parent = try OutputFolderTests.temporaryFolder()
    defer { try? Self.manager.removeItem(at: parent) }
    func stale(_ pid: Int, _ manifest: String, extra: Bool = false) throws -> String {
      let name = "\(StagingName.prefix)\(StagingName.hostTag)~\(pid)~0123456789abcdef"
      let folder = parent.appendingPathComponent(name)
      try Self.manager.createDirectory(at: folder, withIntermediateDirectories: true)
      try manifest.write(to: folder.appendingPathComponent(ReportManifest.fileName), atomically: false, encoding: .utf8)
      if extra { try "mine\n".write(to: folder.appendingPathComponent("notes"), atomically: false, encoding: .utf8) }
      return name
    }
    // Above Linux's largest pid (2^22), so never a live process.
    _ = try stale(4_194_305, "")
    _ = try stale(4_194_306, "callcap report fol")
    let other = try stale(4_194_307, "my own notes\n")
    let withMore = try stale(4_194_308, "", extra: true)
    try OutputFolder.write(OutputFolderTests.files("one"), to: parent.appendingPathComponent("base"))
    #expect(try OutputFolderTests.entries(parent) == ["base", other, withMore].sorted())
  }

  /// What `plan` judged a device or a pipe may be swapped for a regular
  /// file before it is opened: writing through never writes into a
  /// regular file (it would overwrite its start without truncating).
  @Test func writingThroughNeverWritesIntoARegularFile() throws {
    let parent = try OutputFolderTests.temporaryFolder()
    defer { try? Self.manager.removeItem(at: parent) }
    let file = parent.appendingPathComponent("mine")
    try "keep me\n".write(to: file, atomically: false, encoding: .utf8)
    #expect(throws: OutputError.self) { try OutputFile.writeThrough("XX", to: file.path) }
    #expect(try OutputFolderTests.text(file) == "keep me\n")
  }

  /// A named pipe whose reader stops part-way gives a write error (74),
  /// not death by SIGPIPE with no message.
  @Test func aReaderThatStopsGivesAWriteError() throws {
    let parent = try OutputFolderTests.temporaryFolder()
    defer { try? Self.manager.removeItem(at: parent) }
    let fifo = parent.appendingPathComponent("fifo")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    let reader = open(fifo.path, O_RDONLY | O_NONBLOCK)
    try #require(reader >= 0)
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      // Wait for the first bytes, read one, and stop reading.
      var poll = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
      _ = Glibc.poll(&poll, 1, 10_000)
      var byte: UInt8 = 0
      _ = read(reader, &byte, 1)
      close(reader)
      done.signal()
    }
    // More than a pipe holds, so the writer is still writing when the reader stops.
    do {
      try OutputFile.write(String(repeating: "x", count: 1 << 20), to: fifo)
      Issue.record("the write succeeded")
    } catch OutputError.cannotWrite(_, let reason) {
      #expect(reason == "the program reading it has stopped")
    }
    done.wait()
  }

  /// A `--junit` staging file left by a killed process goes on the next
  /// write into the same folder, as report staging folders do.
  @Test func staleJUnitStagingFilesAreRemoved() throws {
    let parent = try OutputFolderTests.temporaryFolder()
    defer { try? Self.manager.removeItem(at: parent) }
    let stale = "\(StagingName.prefix)\(StagingName.hostTag)~4194305~0123456789abcdef"
    try "<?xml".write(to: parent.appendingPathComponent(stale), atomically: false, encoding: .utf8)
    try OutputFile.write("<?xml version=\"1.0\"?>\n", to: parent.appendingPathComponent("j.xml"))
    #expect(try OutputFolderTests.entries(parent) == ["j.xml"])
  }

  /// A path longer than the system takes (4,096 bytes on Linux) is a
  /// place that cannot be created, not something "to move away".
  @Test func aPathTooLongCannotBeCreated() throws {
    let parent = try OutputFolderTests.temporaryFolder()
    defer { try? Self.manager.removeItem(at: parent) }
    var folder = parent
    for _ in 0..<17 { folder.appendPathComponent(String(repeating: "d", count: 250)) }
    folder.appendPathComponent("base")
    do {
      try OutputFolder.check(folder)
      Issue.record("a path of \(folder.path.utf8.count) bytes passed")
    } catch OutputError.cannotCreate(_, let reason) {
      #expect(reason == "the name is too long")
    }
    #expect(try OutputFolderTests.entries(parent).isEmpty)
  }

  /// Runs /bin/mount or /bin/umount; whether it succeeded.
  static func mount(_ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0] == "-u" ? "/bin/umount" : "/bin/mount")
    process.arguments = arguments[0] == "-u" ? Array(arguments.dropFirst()) : arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  /// Whether this process may mount a tmpfs (root outside a restricted container).
  static let canMount: Bool = {
    guard let probe = try? OutputFolderTests.temporaryFolder() else { return false }
    defer { try? manager.removeItem(at: probe) }
    guard mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]) else { return false }
    return mount(["-u", probe.path])
  }()

  /// A file system mounted inside an earlier report (a share bind-mounted
  /// as `charts/`, say) holds files callcap did not write: replacing the
  /// report wiped it, whether a tmpfs or a bind mount of a folder on the
  /// same file system. Removal now stays on the report's own mount.
  @Test(.enabled(if: canMount, "mounting is not permitted here"), arguments: ["tmpfs", "bind"])
  func removalNeverCrossesIntoAMount(kind: String) throws {
    let parent = try OutputFolderTests.temporaryFolder()
    defer { try? Self.manager.removeItem(at: parent) }
    let shared = parent.appendingPathComponent("shared")
    try Self.manager.createDirectory(at: shared, withIntermediateDirectories: true)
    let out = parent.appendingPathComponent("out")
    let report = out.appendingPathComponent("base")
    try OutputFolder.write(OutputFolderTests.files("old"), to: report)
    let charts = report.appendingPathComponent("charts")
    let arguments = kind == "bind" ? ["--bind", shared.path, charts.path] : ["-t", "tmpfs", "-o", "size=64k", "tmpfs", charts.path]
    try #require(Self.mount(arguments))
    try "mine\n".write(to: charts.appendingPathComponent("keep"), atomically: false, encoding: .utf8)
    try OutputFolder.write(OutputFolderTests.files("new"), to: report)
    #expect(try OutputFolderTests.text(report.appendingPathComponent("report.md")) == "# new\n")
    // The earlier report went aside with the mount in it; what is mounted is untouched.
    let aside = try OutputFolderTests.entries(out).filter { $0.hasPrefix(StagingName.prefix) }
    try #require(aside.count == 1)
    let moved = out.appendingPathComponent(aside[0] + "/charts")
    #expect(try OutputFolderTests.entries(moved) == ["keep"])
    #expect(Self.mount(["-u", moved.path]))
    if kind == "bind" { #expect(try OutputFolderTests.entries(shared) == ["keep"]) }
  }

  /// A staging folder removed by someone else before the commit (a clean-up
  /// job) was reported as "other processes kept replacing it" (after 64
  /// tries) or "a part of the path does not exist".
  @Test func aStagingFolderRemovedMeanwhileIsNamed() throws {
    let parent = try OutputFolderTests.temporaryFolder()
    defer { try? Self.manager.removeItem(at: parent) }
    for existing in [true, false] {
      let folder = parent.appendingPathComponent(existing ? "base" : "new")
      if existing { try OutputFolder.write(OutputFolderTests.files("old"), to: folder) }
      let staged = try OutputFolder.stage(OutputFolderTests.files("new"), for: folder)
      try Self.manager.removeItem(atPath: staged.staging)
      do {
        try staged.commit()
        Issue.record("committed a staging folder that is gone")
      } catch OutputError.cannotWrite(_, let reason) {
        #expect(reason == "its staging folder '\(staged.staging)' was removed meanwhile; nothing was replaced")
      }
    }
    #expect(try OutputFolderTests.text(parent.appendingPathComponent("base/report.md")) == "# old\n")
    #expect(try OutputFolderTests.entries(parent) == ["base"])
  }

  /// A stale staging folder (anyone who can write beside the reports can
  /// plant one) holding thousands of nested folders crashed every later run
  /// with SIGSEGV once removal stopped being bounded by PATH_MAX. Removal
  /// now stops at a fixed depth, and keeps the manifest of what it could
  /// not empty.
  @Test func aVeryDeepTreeDoesNotExhaustTheStack() throws {
    let parent = try OutputFolderTests.temporaryFolder()
    defer { _ = try? CommandLineRemover.remove(parent) }
    let folder = parent.appendingPathComponent("\(StagingName.prefix)\(StagingName.hostTag)~4194305~0123456789abcdef")
    try Self.manager.createDirectory(at: folder, withIntermediateDirectories: true)
    try ReportManifest.contents.write(
      to: folder.appendingPathComponent(ReportManifest.fileName), atomically: false, encoding: .utf8)
    try "x".write(to: folder.appendingPathComponent("report.md"), atomically: false, encoding: .utf8)
    var descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
    for _ in 0..<2_000 {
      guard mkdirat(descriptor, "d", 0o755) == 0 else { break }
      let next = openat(descriptor, "d", O_RDONLY | O_DIRECTORY)
      close(descriptor)
      descriptor = next
    }
    close(descriptor)
    // On a thread with a small stack, so that a modest tree stands for a deep one.
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      try? OutputFolder.write(OutputFolderTests.files("one"), to: parent.appendingPathComponent("base"))
      done.signal()
    }
    thread.stackSize = 256 << 10
    thread.start()
    done.wait()
    #expect(try OutputFolderTests.entries(parent) == [folder.lastPathComponent, "base"].sorted())
    #expect(try OutputFolderTests.entries(folder) == [ReportManifest.fileName, "d"])
    #expect(ReportManifest.marks(folder.path))
  }
}

/// Removes a test's folder with rm(1), which copes with trees deeper than
/// the path limit.
enum CommandLineRemover {
  static func remove(_ url: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/rm")
    process.arguments = ["-rf", url.path]
    try process.run()
    process.waitUntilExit()
  }
}
