import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a report could not be written; the command line maps it to exit 73 or 74.
public enum OutputError: Error, CustomStringConvertible {
  /// The folder or a file could not be created (EX_CANTCREAT, 73).
  case cannotCreate(path: String, reason: String)
  /// Writing failed part-way (EX_IOERR, 74).
  case cannotWrite(path: String, reason: String)
  /// Something callcap did not write is in the way; it is left alone (EX_CANTCREAT, 73).
  case notReplaceable(path: String, reason: String)
  /// A signal arrived while writing; nothing was moved into place.
  case interrupted

  public var description: String {
    switch self {
    case .cannotCreate(let path, let reason): "cannot create '\(path)': \(reason)"
    case .cannotWrite(let path, let reason): "cannot write '\(path)': \(reason)"
    case .notReplaceable(let path, let reason): "will not replace '\(path)': \(reason)"
    case .interrupted: "interrupted; no report written"
    }
  }

  /// An errno from creating or moving: 74 for a full or failing disk, else 73.
  static func from(_ code: Int32, path: String) -> OutputError {
    let reason = FileSystemCalls.reason(code)
    return [ENOSPC, EDQUOT, EIO].contains(code) ? .cannotWrite(path: path, reason: reason) : .cannotCreate(path: path, reason: reason)
  }
}

/// The file that marks a folder as a report callcap wrote, and so may
/// replace. Deterministic (no time, no process id): committed example
/// reports are compared byte for byte.
public enum ReportManifest {
  public static let fileName = ".callcap-report"
  public static let firstLine = "callcap report folder; safe for callcap to replace"
  public static var contents: String { firstLine + "\ncallcap " + CallcapVersion.string + "\n" }

  /// Whether `folder` is a folder (not a symbolic link) holding the manifest.
  public static func marks(_ folder: String) -> Bool {
    guard FileSystemCalls.kind(folder) == .folder else { return false }
    guard let start = firstBytes(in: folder) else { return false }
    return start.elementsEqual((firstLine + "\n").utf8)
  }

  /// Up to the first line's length of the manifest in `folder`, read
  /// without following links or blocking; nil when it is not a regular
  /// file or cannot be read.
  private static func firstBytes(in folder: String) -> ArraySlice<UInt8>? {
    let path = folder + "/" + fileName
    guard FileSystemCalls.kind(path) == .regularFile else { return nil }
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: firstLine.utf8.count + 1)
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    return count >= 0 ? buffer[..<count] : nil
  }

  /// Whether `folder` holds nothing but an empty or partial manifest (the
  /// start of its first line): a staging folder whose process was killed
  /// while writing its first file.
  static func isUnfinished(_ folder: String) -> Bool {
    guard let directory = opendir(folder) else { return false }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    closedir(directory)
    guard names == [fileName], let start = firstBytes(in: folder) else { return false }
    let expected = Array((firstLine + "\n").utf8)
    return start.count < expected.count && start.elementsEqual(expected[..<start.count])
  }
}

/// Writes a report folder so that a reader always sees a complete report:
/// every file goes to a staging folder beside the target, which then takes
/// the target's place in one atomic step (Linux `renameat2` with
/// `RENAME_EXCHANGE`; a first report with `RENAME_NOREPLACE`). Only a
/// folder carrying ``ReportManifest`` is ever replaced; anything else at
/// the target is refused and left alone. A failure leaves the previous
/// report untouched and no partial files.
public enum OutputFolder {
  /// Stages and commits at once.
  public static func write(_ files: [(path: String, contents: String)], to folder: URL) throws {
    try stage(files, for: folder).commit()
  }

  /// Stages and commits at once.
  public static func write(_ files: [ReportFile], to folder: URL) throws {
    try stage(files, for: folder).commit()
  }

  /// Stages files given as whole texts.
  public static func stage(_ files: [(path: String, contents: String)], for folder: URL) throws -> StagedFolder {
    try stage(files.map { ReportFile($0.path, $0.contents) }, for: folder)
  }

  /// The longest folder name most file systems accept, in bytes.
  public static let maximumNameBytes = 255

  /// `name` if it has at most `maximumBytes` bytes; else its start and a
  /// hash of the whole (`compare-a-vs-b-vs-...-0123456789abcdef`), so that
  /// a comparison of many scenarios still gets a valid, stable name.
  public static func boundedName(_ name: String, maximumBytes: Int = 120) -> String {
    guard name.utf8.count > maximumBytes else { return name }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let digits = String(hash, radix: 16)
    let suffix = "-" + String(repeating: "0", count: 16 - digits.count) + digits
    var start = ""
    for character in name {
      if start.utf8.count + String(character).utf8.count + suffix.utf8.count > maximumBytes { break }
      start.append(character)
    }
    while start.hasSuffix("-") { start.removeLast() }
    return start + suffix
  }

  /// Checks, without writing anything, that a report can go to `folder`:
  /// a valid name, every existing parent a folder (a writable one), and
  /// nothing but an earlier callcap report at the target. Commands call it
  /// for every report before simulating any.
  public static func check(_ folder: URL) throws {
    let name = folder.lastPathComponent
    if name.utf8.count > maximumNameBytes {
      throw OutputError.cannotCreate(
        path: folder.relativePath, reason: "the folder name is longer than \(maximumNameBytes) bytes; use a shorter scenario name")
    }
    try checkParents(of: folder.deletingLastPathComponent().relativePath, for: folder.relativePath)
    // Nothing that could be moved away: the path itself is unusable (longer than PATH_MAX, say).
    if case .unknown(let code) = FileSystemCalls.kind(folder.relativePath) {
      throw OutputError.cannotCreate(path: folder.relativePath, reason: FileSystemCalls.reason(code))
    }
    if case .foreign(let reason) = targetState(folder.relativePath) {
      throw OutputError.notReplaceable(path: folder.relativePath, reason: reason)
    }
  }

  /// Writes `files` (and the manifest) into a new staging folder beside
  /// `folder`; ``StagedFolder/commit()`` moves it into place.
  public static func stage(_ files: [ReportFile], for folder: URL) throws -> StagedFolder {
    try check(folder)
    let parent = folder.deletingLastPathComponent().relativePath
    try FileSystemCalls.createFolders(parent)
    removeStaleStaging(in: parent)
    let staging = parent + "/" + StagingName.make()
    guard mkdir(staging, 0o777) == 0 else { throw OutputError.from(errno, path: folder.relativePath) }
    let staged = StagedFolder(target: folder.relativePath, staging: staging)
    var current = ReportManifest.fileName
    do throws(FileError) {
      try FileSystemCalls.writeNewFile(staging + "/" + current, ReportManifest.contents.utf8)
      for file in files {
        current = file.path
        var subfolder = staging
        for part in file.path.split(separator: "/").dropLast() {
          subfolder += "/" + part
          if mkdir(subfolder, 0o777) != 0 && errno != EEXIST { throw FileError(errno) }
        }
        try FileSystemCalls.writeNewFile(staging + "/" + file.path, with: file.write(to:))
      }
    } catch {
      staged.discard()
      throw OutputError.cannotWrite(path: folder.relativePath + "/" + current, reason: error.reason)
    }
    // A stop requested while writing discards the staging folder.
    if Interruption.isRequested {
      staged.discard()
      throw OutputError.interrupted
    }
    return staged
  }

  /// What is at a report's path now.
  enum TargetState: Equatable {
    case absent
    case report
    case foreign(String)
  }

  static func targetState(_ path: String) -> TargetState {
    switch FileSystemCalls.kind(path) {
    case .absent: return .absent
    case .folder:
      if ReportManifest.marks(path) { return .report }
      if FileSystemCalls.kind(path + "/" + ReportManifest.fileName) != .absent {
        return .foreign("it is a folder callcap did not write (its \(ReportManifest.fileName) is not callcap's manifest)")
      }
      return .foreign("it is a folder callcap did not write (it has no \(ReportManifest.fileName) file)")
    case .symbolicLink: return .foreign("it is a symbolic link")
    case .unknown(let code): return .foreign("it cannot be inspected (\(FileSystemCalls.reason(code)))")
    case let kind: return .foreign("it is \(kind.noun) callcap did not write")
    }
  }

  /// Every existing part of `parent` must be a folder, and the deepest
  /// existing one writable, so that a report can be created under it.
  static func checkParents(of parent: String, for target: String) throws {
    let absolute = parent.hasPrefix("/")
    var current = absolute ? "/" : "."
    var existing = current
    for component in parent.split(separator: "/") {
      current = current == "." ? String(component) : (current == "/" ? "/" : current + "/") + component
      switch FileSystemCalls.kind(current, followingLinks: true) {
      case .folder:
        existing = current
        continue
      case .absent:
        // A dangling link would only fail when the report is written, after simulating.
        if FileSystemCalls.kind(current) == .symbolicLink {
          throw OutputError.cannotCreate(path: target, reason: "'\(current)' is a symbolic link to nothing")
        }
      case .unknown(let code):
        throw OutputError.cannotCreate(path: target, reason: "'\(current)': \(FileSystemCalls.reason(code))")
      case let kind: throw OutputError.cannotCreate(path: target, reason: "'\(current)' is \(kind.noun), not a folder")
      }
      break
    }
    if access(existing, W_OK | X_OK) != 0 {
      throw OutputError.cannotCreate(path: target, reason: "'\(existing)': \(FileSystemCalls.reason(errno))")
    }
  }

  /// Removes a report or staging folder, never following a symbolic link
  /// in it, the manifest last (see ``FileSystemCalls/removeTree(_:last:willRemove:)``).
  static func removeReport(_ path: String, willRemove: (String) -> Void = { _ in }) {
    FileSystemCalls.removeTree(path, last: ReportManifest.fileName, willRemove: willRemove)
  }

  /// Removes staging folders that processes of this machine left behind
  /// when they were killed: only those whose process no longer exists, and
  /// only if they carry the manifest (or are empty, or hold only the
  /// start of one: killed while writing it).
  static func removeStaleStaging(in parent: String) {
    guard let directory = opendir(parent) else { return }
    var stale: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if StagingName.deadOwner(of: name) != nil { stale.append(name) }
    }
    closedir(directory)
    for name in stale {
      let path = parent + "/" + name
      switch FileSystemCalls.kind(path) {
      case .folder:
        if ReportManifest.marks(path) || ReportManifest.isUnfinished(path) { removeReport(path) } else { rmdir(path) }
      case .regularFile:
        unlink(path)
      default: break
      }
    }
  }
}

/// A report written to its staging folder, not yet in place.
public struct StagedFolder: Sendable {
  /// Where the report goes.
  public let target: String
  /// The staging folder beside it.
  public let staging: String

  /// Removes the staging folder.
  public func discard() { OutputFolder.removeReport(staging) }

  /// Moves the staged report into place in one atomic step, replacing an
  /// earlier report (only one carrying the manifest), and removes the
  /// earlier one. Concurrent writers each succeed; the last one's report
  /// stays. On failure the staging folder is removed and the target is
  /// as before.
  public func commit() throws {
    for _ in 0..<64 {
      // Removed by someone else (a clean-up job): say so, not "a part of the path does not exist".
      guard FileSystemCalls.kind(staging) == .folder else {
        throw OutputError.cannotWrite(
          path: target, reason: "its staging folder '\(staging)' was removed meanwhile; nothing was replaced")
      }
      switch OutputFolder.targetState(target) {
      case .foreign(let reason):
        discard()
        throw OutputError.notReplaceable(path: target, reason: reason)
      case .absent:
        var code = FileSystemCalls.renameat2(staging, target, flags: FileSystemCalls.renameNoReplace)
        if code == EINVAL || code == ENOSYS {
          // No renameat2: rename(2) would replace an empty folder made meanwhile; look just before.
          guard FileSystemCalls.kind(target) == .absent else { continue }
          code = rename(staging, target) == 0 ? 0 : errno
        }
        if code == 0 { return }
        // Another writer was first: replace its report.
        if code == EEXIST || code == ENOTEMPTY { continue }
        discard()
        throw OutputError.from(code, path: target)
      case .report:
        var code = FileSystemCalls.renameat2(staging, target, flags: FileSystemCalls.renameExchange)
        if code == 0 {
          // The earlier report is now at the staging path.
          if ReportManifest.marks(staging) {
            OutputFolder.removeReport(staging)
            return
          }
          // Something else took the report's place between the look and the exchange: put it back.
          guard FileSystemCalls.renameat2(staging, target, flags: FileSystemCalls.renameExchange) == 0 else {
            throw OutputError.cannotWrite(
              path: target, reason: "it changed while being replaced; what was there is now '\(staging)'")
          }
          continue
        }
        if code == EINVAL || code == ENOSYS { code = replaceWithTwoRenames() }
        if code == 0 { return }
        // The target went away or another writer got in between: look again.
        if code == ENOENT || code == EEXIST || code == ENOTEMPTY { continue }
        discard()
        throw OutputError.from(code, path: target)
      }
    }
    discard()
    throw OutputError.cannotWrite(path: target, reason: "other processes kept replacing it at the same time")
  }

  /// Where renameat2 is missing (not Linux, or a file system without
  /// exchange): the earlier report is moved aside, then the new one in.
  /// Not atomic: a reader can see no report for a moment.
  private func replaceWithTwoRenames() -> Int32 {
    let aside = FileSystemCalls.parent(of: target) + "/" + StagingName.make()
    guard rename(target, aside) == 0 else { return errno }
    guard ReportManifest.marks(aside) else {
      _ = rename(aside, target)
      return EEXIST
    }
    guard rename(staging, target) == 0 else {
      let code = errno
      if rename(aside, target) != 0 { OutputFolder.removeReport(aside) }
      return code
    }
    OutputFolder.removeReport(aside)
    return 0
  }
}

/// Staging names: `.callcap~HOST~PID~RANDOM`, short whatever the report's
/// name (a 255-byte name still works), and never a valid scenario name
/// (`~` is not allowed in one), so a report cannot be mistaken for one.
enum StagingName {
  static let prefix = ".callcap~"

  static func make() -> String {
    "\(prefix)\(hostTag)~\(getpid())~\(FileSystemCalls.randomHex())"
  }

  /// The process id in a staging name made on this machine by a process
  /// that no longer exists; nil for anything else.
  static func deadOwner(of name: String) -> Int32? {
    guard name.hasPrefix(prefix) else { return nil }
    let parts = name.dropFirst(prefix.count).split(separator: "~", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0] == hostTag, parts[2].count == 16, let pid = Int32(parts[1]), pid != getpid(),
      FileSystemCalls.isDead(pid)
    else { return nil }
    return pid
  }

  /// Eight hex digits of the host name and, on Linux, the PID namespace,
  /// so that machines, or containers with the same host name, sharing a
  /// folder never judge each other's process ids (a process id of one
  /// container is unused, "dead", in another).
  static let hostTag: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    _ = gethostname(&buffer, 255)
    var bytes = buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
    var link = [CChar](repeating: 0, count: 64)
    let count = readlink("/proc/self/ns/pid", &link, 63)
    if count > 0 { bytes += [0] + link.prefix(count).map { UInt8(bitPattern: $0) } }
    var hash: UInt32 = 2_166_136_261
    for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }()
}
