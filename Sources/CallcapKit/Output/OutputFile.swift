import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes one file (`check --junit FILE`). A new file, or a regular one
/// that is empty or holds JUnit XML, is replaced atomically: a staging
/// file beside it is renamed over it when complete; any other regular
/// file (a scenario named by mistake) is refused. A character device or
/// a named pipe (`/dev/null`, a FIFO read by another program) is written
/// through, never replaced; a folder, a block device or a socket is
/// refused. A symbolic link is followed to what it names.
public enum OutputFile {
  /// What an existing regular file must hold to be replaced: what callcap
  /// itself writes there.
  public enum Kind: Sendable {
    /// `check --junit FILE`: JUnit XML (or an empty file).
    case junit
    /// `--shard K/N`: a callcap shard result file (only that: callcap
    /// chooses this path itself, so an empty file there is not one a user
    /// made for it).
    case shard

    /// Whether an empty file may be replaced: a `--junit` path is named by
    /// the user, often made by mktemp; a shard path is callcap's own.
    var replacesEmpty: Bool { self == .junit }

    var noun: String {
      switch self {
      case .junit: "JUnit XML"
      case .shard: "callcap shard results"
      }
    }

    var marker: String {
      switch self {
      case .junit: "<testsuite"
      case .shard: "\"format\":\"\(ShardFile.formatName)\""
      }
    }
  }

  /// Checks, without writing anything, that `url` can be written.
  public static func check(_ url: URL, kind: Kind = .junit) throws {
    _ = try plan(path(of: url), kind: kind)
  }

  /// The path as given: `URL` drops a final "/" (`--junit new/`), which
  /// must not turn a folder name into a file.
  static func path(of url: URL) -> String {
    url.hasDirectoryPath && url.relativePath != "/" ? url.relativePath + "/" : url.relativePath
  }

  public static func write(_ contents: String, to url: URL, kind: Kind = .junit) throws {
    for _ in 0..<64 {
      switch try plan(path(of: url), kind: kind) {
      case .writeThrough(let path):
        try writeThrough(contents, to: path)
        return
      case .replace(let path):
        if try replace(path, with: contents, kind: kind) { return }
      }
    }
    throw OutputError.cannotWrite(path: url.relativePath, reason: "other processes kept changing it at the same time")
  }

  enum Plan {
    /// A regular file or nothing: stage and rename.
    case replace(String)
    /// A character device or a named pipe: open and write.
    case writeThrough(String)
  }

  static func plan(_ given: String, kind expected: Kind = .junit) throws -> Plan {
    guard !given.isEmpty else { throw OutputError.cannotCreate(path: given, reason: "the path is empty") }
    if given.hasSuffix("/") {
      let isFolder = FileSystemCalls.kind(given, followingLinks: true) == .folder
      throw OutputError.cannotCreate(path: given, reason: isFolder ? "it is a folder" : "it ends in '/', so it names a folder")
    }
    var path = given
    if FileSystemCalls.kind(path) == .symbolicLink {
      // A link to a pipe or a device (`/dev/stdout` of a pipe, whose
      // `pipe:[...]` target has no path) is written through as named.
      let target = FileSystemCalls.kind(path, followingLinks: true)
      if target == .characterDevice || target == .fifo { return .writeThrough(given) }
      guard let resolved = realpath(path, nil) else {
        let code = errno
        throw OutputError.cannotCreate(
          path: given, reason: code == ENOENT ? "it is a symbolic link to nothing" : FileSystemCalls.reason(code))
      }
      path = String(cString: resolved)
      free(resolved)
    }
    let folder = FileSystemCalls.parent(of: path)
    let kind = FileSystemCalls.kind(path)
    switch kind {
    case .characterDevice, .fifo:
      return .writeThrough(path)
    case .regularFile where !holds(expected, path):
      throw OutputError.notReplaceable(path: given, reason: "it is a file that holds no \(expected.noun)")
    case .regularFile, .absent:
      let parent = folder
      switch FileSystemCalls.kind(parent, followingLinks: true) {
      case .folder: break
      case .absent: throw OutputError.cannotCreate(path: given, reason: "the folder '\(parent)' does not exist")
      case let other: throw OutputError.cannotCreate(path: given, reason: "'\(parent)' is \(other.noun), not a folder")
      }
      if access(parent, W_OK | X_OK) != 0 {
        throw OutputError.cannotCreate(path: given, reason: "'\(parent)': \(FileSystemCalls.reason(errno))")
      }
      return .replace(path)
    case .folder:
      throw OutputError.cannotCreate(path: given, reason: "it is a folder")
    case .unknown(let code):
      throw OutputError.cannotCreate(path: given, reason: FileSystemCalls.reason(code))
    default:
      throw OutputError.notReplaceable(path: given, reason: "it is \(kind.noun); callcap writes only files, devices and named pipes")
    }
  }

  /// Whether the regular file at `path` may be replaced: it is empty (say,
  /// made by mktemp) or its start holds a JUnit element, as an earlier
  /// run's file does. A scenario or any other file named by mistake
  /// (`check --junit a.yaml b.yaml`) is not.
  static func holdsJUnit(_ path: String) -> Bool { holds(.junit, path) }

  /// Whether the regular file at `path` holds `kind`'s marker near its
  /// start, or is empty where `kind` allows (``Kind/replacesEmpty``).
  static func holds(_ kind: Kind, _ path: String) -> Bool {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    guard count > 0 else { return count == 0 && kind.replacesEmpty }
    let marker = Array(kind.marker.utf8)
    return count >= marker.count && (0...(count - marker.count)).contains { buffer[$0..<$0 + marker.count].elementsEqual(marker) }
  }

  /// Opens without creating or truncating. O_NONBLOCK makes opening a
  /// named pipe that nobody reads fail (ENXIO) instead of waiting forever.
  /// What was opened must still be a pipe or a character device (a
  /// regular file swapped in since `plan` would have its start
  /// overwritten). SIGPIPE is ignored while writing, so a reader that
  /// stops gives EPIPE (74) instead of killing the process silently.
  static func writeThrough(_ contents: String, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENXIO {
        throw OutputError.cannotCreate(path: path, reason: "it is a named pipe that no program is reading")
      }
      throw OutputError.from(code, path: path)
    }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFIFO || info.st_mode & S_IFMT == S_IFCHR else {
      close(descriptor)
      throw OutputError.notReplaceable(path: path, reason: "it changed into something other than a device or a named pipe")
    }
    // Writes may wait for the reader, as with any pipe.
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    let previous = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, previous) }
    do throws(FileError) {
      try FileSystemCalls.writeAll(descriptor, contents.utf8, closing: true)
    } catch {
      throw OutputError.cannotWrite(path: path, reason: error.reason)
    }
  }

  /// Writes a staging file and renames it over `path`; false if what is at
  /// `path` changed meanwhile (the caller looks again).
  static func replace(_ path: String, with contents: String, kind: Kind = .junit) throws -> Bool {
    let folder = FileSystemCalls.parent(of: path)
    OutputFolder.removeStaleStaging(in: folder)
    let staging = folder + "/" + StagingName.make()
    let descriptor = open(staging, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
    guard descriptor >= 0 else { throw OutputError.from(errno, path: path) }
    do throws(FileError) {
      try FileSystemCalls.writeAll(descriptor, contents.utf8, closing: true)
    } catch {
      unlink(staging)
      throw OutputError.cannotWrite(path: path, reason: error.reason)
    }
    var code: Int32
    if FileSystemCalls.kind(path) == .absent {
      code = FileSystemCalls.renameat2(staging, path, flags: FileSystemCalls.renameNoReplace)
      if code == EEXIST {
        unlink(staging)
        return false
      }
    } else {
      // Exchange, then look at what came out: only a regular file may be discarded.
      code = FileSystemCalls.renameat2(staging, path, flags: FileSystemCalls.renameExchange)
      if code == 0 {
        if FileSystemCalls.kind(staging) == .regularFile && holds(kind, staging) {
          unlink(staging)
          return true
        }
        guard FileSystemCalls.renameat2(staging, path, flags: FileSystemCalls.renameExchange) == 0 else {
          throw OutputError.cannotWrite(path: path, reason: "it changed while being replaced; what was there is now '\(staging)'")
        }
        unlink(staging)
        return false
      }
      if code == ENOENT {
        unlink(staging)
        return false
      }
    }
    if code == EINVAL || code == ENOSYS {
      let expected = kind
      // No renameat2: a plain rename, after a last look that the target is
      // still absent or a JUnit file (never a file swapped in meanwhile).
      let kind = FileSystemCalls.kind(path)
      guard kind == .absent || (kind == .regularFile && holds(expected, path)) else {
        unlink(staging)
        return false
      }
      code = rename(staging, path) == 0 ? 0 : errno
    }
    if code != 0 {
      unlink(staging)
      throw OutputError.from(code, path: path)
    }
    return true
  }
}
