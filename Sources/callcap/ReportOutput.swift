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
  /// Per report, what it holds, as the summary line lists it.
  private var contents: [String: [String]] = [:]

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

  /// `wrote reports/name/ (report.md, summary.csv, charts/)`: the folder
  /// and the files staged for it, as the summary line says them.
  func wrote(_ name: String, _ language: ReportLanguage = .en) -> String {
    language.catalogue.wrote(display(name), contents[name] ?? [])
  }

  /// The top-level entries of `paths` in order, a folder once with a
  /// trailing slash (`charts/a.svg`, `charts/b.svg`: `charts/`).
  static func listing(_ paths: [String]) -> [String] {
    var entries: [String] = []
    for path in paths {
      let parts = path.split(separator: "/", maxSplits: 1)
      let entry = parts.count > 1 ? "\(parts[0])/" : path
      if !entries.contains(entry) { entries.append(entry) }
    }
    return entries
  }

  /// Writes one report to its staging folder.
  mutating func stage(_ files: [(path: String, contents: String)], name: String) throws {
    try stage(files.map { ReportFile($0.path, $0.contents) }, name: name)
  }

  /// Writes one report to its staging folder.
  mutating func stage(_ files: [ReportFile], name: String) throws {
    // The scenario is simulated: its progress line gives way to what follows.
    ProgressLine.shared.clear()
    contents[name] = Self.listing(files.map(\.path))
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
    ProgressLine.shared.clear()
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

/// Why a single output file (`fit --out FILE`) cannot be written, in the
/// words of the other output errors, never a raw Foundation message.
enum OutputFileProblem {
  /// The problem with `folder` as the place of a new file, if any: it must
  /// be an existing folder this process may write in.
  static func folder(_ folder: URL) -> String? {
    let path = folder.relativePath.isEmpty ? "." : folder.relativePath
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      return "the folder '\(path)' does not exist"
    }
    guard isFolder.boolValue else { return "'\(path)' is not a folder" }
    guard access(path, W_OK) == 0 else { return "the folder '\(path)' is not writable (\(String(cString: strerror(errno))))" }
    return nil
  }

  /// `error`'s reason: the system's words for its errno where Foundation
  /// wraps one, else what the folder check finds.
  static func reason(_ error: any Error, folder: URL) -> String {
    let wrapped = error as NSError
    for candidate in [wrapped.userInfo[NSUnderlyingErrorKey] as? any Error, error].compactMap({ $0 }) {
      if let posix = candidate as? POSIXError { return String(cString: strerror(posix.code.rawValue)).lowercased() }
      let bridged = candidate as NSError
      if bridged.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(bridged.code))).lowercased() }
    }
    return Self.folder(folder) ?? "the file could not be written"
  }
}
