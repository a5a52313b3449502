import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few POSIX calls report writing needs, with errors as plain
/// sentences (never Foundation's "NSCocoaErrorDomain error 512").
/// Foundation's file APIs are avoided here on purpose: their errors lose
/// the errno, and `removeItem` gives no say over what it follows.
enum FileSystemCalls {
  /// What a path names, without following a final symbolic link.
  enum Kind: Equatable {
    case absent
    case folder
    case regularFile
    case symbolicLink
    case characterDevice
    case blockDevice
    case fifo
    case socket
    /// lstat failed for another reason than absence (errno).
    case unknown(Int32)

    var noun: String {
      switch self {
      case .absent: "nothing"
      case .folder: "a folder"
      case .regularFile: "a file"
      case .symbolicLink: "a symbolic link"
      case .characterDevice: "a character device"
      case .blockDevice: "a block device"
      case .fifo: "a named pipe"
      case .socket: "a socket"
      case .unknown: "something callcap cannot inspect"
      }
    }
  }

  static func kind(_ path: String, followingLinks: Bool = false) -> Kind {
    var info = stat()
    let status = followingLinks ? stat(path, &info) : lstat(path, &info)
    guard status == 0 else { return errno == ENOENT || errno == ENOTDIR ? .absent : .unknown(errno) }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return .folder
    case S_IFREG: return .regularFile
    case S_IFLNK: return .symbolicLink
    case S_IFCHR: return .characterDevice
    case S_IFBLK: return .blockDevice
    case S_IFIFO: return .fifo
    case S_IFSOCK: return .socket
    default: return .unknown(EINVAL)
    }
  }

  /// A plain sentence for an errno from creating or writing a file.
  static func reason(_ code: Int32) -> String {
    switch code {
    case ENOSPC: "no space left on the device"
    case EDQUOT: "the disk quota is exceeded"
    case EROFS: "the file system is read-only"
    case EACCES, EPERM: "permission denied"
    case ENAMETOOLONG: "the name is too long"
    case ENOTDIR: "a part of the path is a file, not a folder"
    case ENOENT: "a part of the path does not exist"
    case EEXIST: "it already exists"
    case EISDIR: "it is a folder"
    case ELOOP: "too many levels of symbolic links"
    case EIO: "an input/output error occurred"
    case EMLINK: "the folder holds too many entries"
    case EXDEV: "it is on another file system"
    case EPIPE: "the program reading it has stopped"
    default: String(cString: strerror(code)).lowercased()
    }
  }

  /// The folder holding `path`, by its last "/" (`"."` for a bare name).
  /// Foundation's `deletingLastPathComponent` traps on a one-letter
  /// relative path ("j") on Linux, so it is not used here.
  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Creates `path` and its missing parents. A part that exists but is
  /// not a folder is named in the error.
  static func createFolders(_ path: String) throws {
    let absolute = path.hasPrefix("/")
    var current = absolute ? "" : "."
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
      current = current == "." && !absolute ? String(component) : current + "/" + component
      if current == "." || current == ".." { continue }
      if mkdir(current, 0o777) == 0 { continue }
      let code = errno
      let existing = kind(current, followingLinks: true)
      if existing == .folder { continue }
      if code == EEXIST && existing != .absent {
        throw OutputError.cannotCreate(path: path, reason: "'\(current)' is \(existing.noun), not a folder")
      }
      let detail = path.hasSuffix(current) ? reason(code) : "cannot create '\(current)': \(reason(code))"
      throw OutputError.cannotCreate(path: path, reason: detail)
    }
  }

  /// Creates a new file (it must not exist) and writes `data` to it.
  static func writeNewFile(_ path: String, _ data: some Collection<UInt8>) throws(FileError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
    guard descriptor >= 0 else { throw FileError(errno) }
    try writeAll(descriptor, data, closing: true)
  }

  /// Creates `path` (never an existing file) and lets `write` fill it
  /// (it returns the errno of a failure, or 0); closes it either way.
  static func writeNewFile(_ path: String, with write: (Int32) -> Int32) throws(FileError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
    guard descriptor >= 0 else { throw FileError(errno) }
    try finish(descriptor, closing: true, failure: write(descriptor))
  }

  /// Writes all of `data` to an open descriptor, then closes it if asked.
  static func writeAll(_ descriptor: Int32, _ data: some Collection<UInt8>, closing: Bool) throws(FileError) {
    // A native string's UTF-8 is written where it lies: no copy of a long file.
    if let failure = data.withContiguousStorageIfAvailable({ writeFully(descriptor, UnsafeRawBufferPointer($0)) }) {
      try finish(descriptor, closing: closing, failure: failure)
      return
    }
    let bytes = Array(data)
    let failure = bytes.withUnsafeBytes { writeFully(descriptor, $0) }
    try finish(descriptor, closing: closing, failure: failure)
  }

  /// Writes all of `buffer`; the errno of a failure, or 0.
  private static func writeFully(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32 {
    var offset = 0
    while offset < buffer.count {
      let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += written
    }
    return 0
  }

  private static func finish(_ descriptor: Int32, closing: Bool, failure: Int32) throws(FileError) {
    var failure = failure
    if closing && close(descriptor) != 0 && failure == 0 { failure = errno }
    if failure != 0 { throw FileError(failure) }
  }

  /// Removes a folder tree without following any symbolic link in it,
  /// even one swapped in for a folder while it runs: every folder is
  /// opened with `O_NOFOLLOW` and emptied through its descriptor
  /// (`unlinkat`), never by path. `last` (the manifest) is removed after
  /// everything else in the top folder, so that a removal cut short by
  /// `kill -9` still leaves a folder the next run recognises and cleans.
  /// Nothing mounted inside (another file system, a bind mount) is removed.
  /// `willRemove` sees each entry's path just before it is removed (tests).
  /// Best effort: what cannot be removed stays.
  static func removeTree(_ path: String, last: String? = nil, willRemove: (String) -> Void = { _ in }) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else {
      // Not a folder (or a link to one): remove the entry itself.
      if errno == ENOTDIR || errno == ELOOP { unlink(path) }
      return
    }
    guard let mount = mountIdentity(descriptor) else {
      close(descriptor)
      return
    }
    removeContents(of: descriptor, at: path, mount: mount, last: last, depth: 1, willRemove: willRemove)
    rmdir(path)
  }

  /// How deep removal goes; a report is two levels deep. Deeper folders
  /// (planted to exhaust the stack: each level holds a descriptor and a
  /// frame) are left, and with them the manifest, so nothing crashes.
  static let maximumRemovalDepth = 64

  /// Empties the folder open at `descriptor`, then closes it. Folders
  /// on another mount than `mount` (a file system or a bind mount inside
  /// a report) are left alone, like `rm --one-file-system`.
  /// True if it emptied the folder; `last` is removed only then, so a
  /// folder that keeps something stays marked.
  @discardableResult
  private static func removeContents(
    of descriptor: Int32, at path: String, mount: UInt64, last: String?, depth: Int, willRemove: (String) -> Void
  ) -> Bool {
    guard let directory = fdopendir(descriptor) else {
      close(descriptor)
      return false
    }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    if let last, let index = names.firstIndex(of: last) { names.append(names.remove(at: index)) }
    var emptied = true
    for name in names {
      if name == last && !emptied { break }
      willRemove(path + "/" + name)
      if unlinkat(descriptor, name, 0) == 0 { continue }
      // A folder (EISDIR on Linux, EPERM elsewhere): open it without following a link, empty it, remove it.
      let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
      if child < 0 {
        // Replaced meanwhile by something that is not a folder: remove that entry, never what it names.
        if !((errno == ENOTDIR || errno == ELOOP) && unlinkat(descriptor, name, 0) == 0) { emptied = false }
        continue
      }
      guard depth < maximumRemovalDepth, mountIdentity(child) == mount else {
        close(child)
        emptied = false
        continue
      }
      removeContents(of: child, at: path + "/" + name, mount: mount, last: nil, depth: depth + 1, willRemove: willRemove)
      if unlinkat(descriptor, name, AT_REMOVEDIR) != 0 { emptied = false }
    }
    return emptied
  }

  /// Which mount the open `descriptor` is on: Linux's mount id (statx
  /// `STATX_MNT_ID`, Linux 5.8 and later), which also tells a bind mount
  /// of the same file system apart; else the device. Nil if unknown.
  static func mountIdentity(_ descriptor: Int32) -> UInt64? {
    #if os(Linux)
      if let statX {
        var buffer = [UInt8](repeating: 0, count: 256)
        let known = buffer.withUnsafeMutableBytes { raw in
          statX(descriptor, "", emptyPath, mountIDMask, raw.baseAddress!) == 0
            && raw.load(as: UInt32.self) & mountIDMask != 0
        }
        // struct statx: stx_mnt_id is the 64-bit field at byte 144.
        if known { return buffer.withUnsafeBytes { $0.load(fromByteOffset: 144, as: UInt64.self) } }
      }
    #endif
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return nil }
    return UInt64(info.st_dev) | 1 << 63
  }

  #if os(Linux)
    private static let mountIDMask: UInt32 = 0x1000
    private static let emptyPath: Int32 = 0x1000  // AT_EMPTY_PATH
    private typealias StatX =
      @convention(c) (Int32, UnsafePointer<CChar>, Int32, UInt32, UnsafeMutableRawPointer) -> Int32
    /// glibc's `statx` (2.28 and later), looked up as `renameat2` is.
    private static let statX: StatX? = dlsym(nil, "statx").map { unsafeBitCast($0, to: StatX.self) }
  #endif

  /// Whether process `pid` no longer exists (on this machine).
  static func isDead(_ pid: Int32) -> Bool {
    pid > 0 && kill(pid, 0) != 0 && errno == ESRCH
  }

  /// Linux `renameat2` flags.
  static let renameNoReplace: UInt32 = 1 << 0
  static let renameExchange: UInt32 = 1 << 1

  #if os(Linux)
    private typealias RenameAt2 =
      @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc's `renameat2` (2.28 and later); the Swift Glibc module does not
    /// export it, and `syscall` is variadic, so it is looked up once.
    private static let renameAt2: RenameAt2? = dlsym(nil, "renameat2").map {
      unsafeBitCast($0, to: RenameAt2.self)
    }
  #endif

  /// `renameat2(from, to, flags)`: 0, or the errno. EINVAL or ENOSYS means
  /// the file system or the platform cannot do it; callers fall back.
  static func renameat2(_ from: String, _ to: String, flags: UInt32) -> Int32 {
    #if os(Linux)
      guard let renameAt2 else { return ENOSYS }
      return renameAt2(AT_FDCWD, from, AT_FDCWD, to, flags) == 0 ? 0 : errno
    #else
      return ENOSYS
    #endif
  }

  /// A random 64-bit value as 16 hex digits.
  static func randomHex() -> String {
    let value = UInt64.random(in: 0...UInt64.max)
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// An errno as a typed error.
struct FileError: Error {
  var code: Int32
  init(_ code: Int32) { self.code = code }
  var reason: String { FileSystemCalls.reason(code) }
}
