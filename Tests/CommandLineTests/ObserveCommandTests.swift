import Foundation
import Testing

/// `callcap observe` as a user runs it: exit codes, report files, hostile input.
@Suite struct ObserveCommandTests {
  typealias CLI = CommandLineTests

  static let goodRow = "CA1,inbound,2026-11-10T01:00:00Z,2026-11-10T01:00:00Z,2026-11-10T01:01:00Z,60\n"
  static let header = "sid,direction,date_created,start_time,end_time,duration\n"

  @Test func theShippedRecordsReachTheOutboundThreshold() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.callcap(["observe", "records/records.csv", "--out", folder.path, "--check"])
    #expect(outcome.status == 1, "\(outcome.error)")
    #expect(outcome.error.contains("threshold reached: outbound peaked at 102 (threshold 100) at 2026-11-11 10:07:57"))
    let report = folder.appendingPathComponent("records")
    for file in ["report.md", "peaks.csv", "gates.csv", "queue.csv", "trunks.csv", "concurrency.csv", "charts/concurrency.svg"] {
      #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent(file).path), "\(file)")
    }
    let again = try CLI.callcap(["observe", "records/records-api.json", "--out", folder.path, "--name", "records", "--json"])
    #expect(again.status == 0)
    #expect(try CLI.onlyScenario(again.output, command: "observe")["threshold_reached"] as? Bool == true)
  }

  @Test func aTruncatedFileFailsWithItsPositionAndWritesNothing() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try CLI.write("{\"calls\": [\n {\"sid\": \"CA1\", \"direction\": \"inb", to: "cut.json", in: folder)
    let outcome = try CLI.callcap(["observe", path, "--out", folder.path])
    #expect(outcome.status == 65)
    #expect(outcome.error.contains("cut.json:2:30: error: the file ends inside a string (truncated?)"), "\(outcome.error)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("cut").path))
  }

  @Test func badRowsAreSkippedUnlessStrict() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try CLI.write(
      Self.header + Self.goodRow + "CA2,inbound,2026-11-10T01:00:00Z,2026-11-10T01:00:00Z,2026-11-10T01:01:00Z,-1\n", to: "rows.csv",
      in: folder)
    let lenient = try CLI.callcap(["observe", path, "--out", folder.path, "--quiet"])
    #expect(lenient.status == 0)
    #expect(lenient.error.contains("rows.csv:3:1: error: skipped record: negative duration -1"))
    let strict = try CLI.callcap(["observe", path, "--out", folder.path, "--name", "strict", "--strict"])
    #expect(strict.status == 65)
    #expect(strict.error.contains("1 record with problems (--strict); no report written"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("strict").path))
  }

  @Test func hostileFilesExit65OrNoInput66() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let binary = folder.appendingPathComponent("core.bin")
    try Data([0x5B, 0x00, 0xFF, 0xFE, 0x00]).write(to: binary)
    let cases: [(String, Int32, String)] = [
      (binary.path, 65, "core.bin:1:2: error: binary data"),
      (try CLI.write("Call Sid,Direction\nCA1,inbound\n", to: "narrow.csv", in: folder), 65, "narrow.csv:1:1: error: the header has no"),
      (
        try CLI.write(Self.header + "CA1,inbound,someday,2026-11-10T01:00:00Z,2026-11-10T01:01:00Z,60\n", to: "dates.csv", in: folder), 65,
        "dates.csv:2:1: error: skipped record: Date Created 'someday'"
      ),
      (folder.appendingPathComponent("absent.json").path, 66, "absent.json: error: cannot open"),
    ]
    for (path, status, message) in cases {
      let outcome = try CLI.callcap(["observe", path, "--out", folder.path, "--strict"])
      #expect(outcome.status == status, "\(path): \(outcome.error)")
      #expect(outcome.error.contains(message), "\(outcome.error)")
      #expect(!outcome.error.contains("Fatal error"))
    }
  }

  @Test func optionsAreChecked() throws {
    let offset = try CLI.callcap(["observe", "records/records.csv", "--utc-offset", "JST"])
    #expect(offset.status == 64)
    let name = try CLI.callcap(["observe", "records/records.csv", "--name", "Bad Name"])
    #expect(name.status == 64)
  }

  @Test func aFolderCallcapDidNotWriteIsLeftAlone() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("mine")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    let path = try CLI.write(Self.header + Self.goodRow, to: "r.csv", in: folder)
    let outcome = try CLI.callcap(["observe", path, "--out", folder.path, "--name", "mine"])
    #expect(outcome.status == 73)
    #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
  }
}

/// `callcap fit` as a user runs it.
@Suite struct FitCommandTests {
  typealias CLI = CommandLineTests

  @Test func fitWritesALoadableScenarioAndComparesPeaks() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("fitted.yaml").path
    let outcome = try CLI.callcap(["fit", "records/records.csv", "--every", "1m", "--out", target, "--jobs", "2"])
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(outcome.output.contains("| outbound | 102 |"))
    let text = try String(contentsOfFile: target, encoding: .utf8)
    #expect(text.hasPrefix("# Fitted by callcap fit"))
    let validate = try CLI.callcap(["validate", target])
    #expect(validate.status == 0, "\(validate.error)")
    // A second run replaces its own file.
    let again = try CLI.callcap(["fit", "records/records.csv", "--out", target, "--quiet", "--jobs", "2"])
    #expect(again.status == 0, "\(again.error)")
  }

  @Test func fitNeverReplacesAFileItDidNotWrite() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let mine = try CLI.write("callcap: 1\nname: mine\n", to: "mine.yaml", in: folder)
    let outcome = try CLI.callcap(["fit", "records/records.csv", "--out", mine])
    #expect(outcome.status == 73)
    #expect(try String(contentsOfFile: mine, encoding: .utf8) == "callcap: 1\nname: mine\n")
    let every = try CLI.callcap(["fit", "records/records.csv", "--every", "7m", "--out", mine])
    #expect(every.status == 64)
  }
}
