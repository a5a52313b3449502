import ArgumentParser
import CallcapKit
import Foundation

/// The report folders one command writes. Every target is checked before
/// anything is simulated; each report is staged as soon as it is ready;
/// all are moved into place only at the end, so an interruption or a
/// failure in a later scenario leaves no report of an earlier one.
struct ReportOutput {
  let out: String
  private var staged: [(name: String, folder: StagedFolder)] = []

  /// Checks every target; exits 73 naming the first that cannot be written.
  init(out: String, names: [String]) throws {
    self.out = out
    for name in names {
      do {
        try OutputFolder.check(folder(name))
      } catch let error as OutputError {
        StandardError.print(error.message(option: "--out"))
        throw error.exitCode
      }
    }
  }

  func folder(_ name: String) -> URL { URL(fileURLWithPath: out).appendingPathComponent(name) }

  /// `reports/name/`, as messages show it.
  func display(_ name: String) -> String {
    (out.hasSuffix("/") ? out : out + "/") + name + "/"
  }

  /// Writes one report to its staging folder.
  mutating func stage(_ files: [(path: String, contents: String)], name: String) throws {
    do {
      staged.append((name, try OutputFolder.stage(files, for: folder(name))))
    } catch let error as OutputError {
      discard()
      if case .interrupted = error { try Interrupts.exitIfRequested() }
      StandardError.print(error.message(option: "--out"))
      throw error.exitCode
    }
  }

  /// Discards what is staged and exits 130/143 if a stop was requested.
  mutating func exitIfInterrupted() throws {
    guard Interruption.isRequested else { return }
    discard()
    try Interrupts.exitIfRequested()
  }

  /// Moves every staged report into place. A stop or a failure part-way
  /// names the reports already in place.
  mutating func commit() throws {
    var written: [String] = []
    defer { discard() }
    while !staged.isEmpty {
      if Interruption.isRequested { try Interrupts.exitIfRequested(written: written) }
      let next = staged.removeFirst()
      do {
        try next.folder.commit()
        written.append(display(next.name))
      } catch let error as OutputError {
        StandardError.print(error.message(option: "--out"))
        if !written.isEmpty { StandardError.print("note: wrote \(written.joined(separator: ", ")) only") }
        throw error.exitCode
      }
    }
  }

  /// Removes every staged report.
  mutating func discard() {
    for entry in staged { entry.folder.discard() }
    staged = []
  }
}
