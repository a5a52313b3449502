import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the files a scenario names (the scenario itself, empirical samples,
/// profile CSVs) safely: only regular files, checked before reading, so a
/// FIFO never blocks and `/dev/zero` is never read forever, with the
/// system's own reason when a file cannot be opened (a symlink loop is not
/// "no such file").
enum InputFile {
  /// Why a file could not be read, as a sentence without the path.
  struct Failure: Error, Equatable {
    var reason: String
  }

  /// The bytes of the regular file at `path`, at most `limit` of them.
  static func read(_ path: String, limit: Int) -> Result<Data, Failure> {
    // O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return .failure(Failure(reason: openFailure(errno))) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return .failure(Failure(reason: openFailure(errno))) }
    let type = status.st_mode & S_IFMT
    guard type == S_IFREG else { return .failure(Failure(reason: "it is \(describe(type)), not a regular file")) }
    if status.st_size > limit {
      return .failure(Failure(reason: "the file is \(status.st_size) bytes; at most \(limit) are read"))
    }
    var data = Data(count: Int(status.st_size))
    var total = 0
    while true {
      if total == data.count {
        // The file grew while being read: read on up to the limit.
        if total > limit { return .failure(Failure(reason: "the file is larger than \(limit) bytes")) }
        data.count += max(4096, total)
      }
      let count = data.withUnsafeMutableBytes { buffer in
        systemRead(descriptor, buffer.baseAddress! + total, buffer.count - total)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(Failure(reason: String(cString: strerror(errno))))
      }
      if count == 0 { break }
      total += count
    }
    data.count = total
    if total > limit { return .failure(Failure(reason: "the file is larger than \(limit) bytes")) }
    return .success(data)
  }

  /// UTF-8 text of the regular file at `path`.
  static func text(_ path: String, limit: Int) -> Result<String, Failure> {
    read(path, limit: limit).flatMap { data in
      guard let text = String(data: data, encoding: .utf8) else { return .failure(Failure(reason: "it is not UTF-8 text")) }
      return .success(text)
    }
  }

  static func openFailure(_ code: Int32) -> String {
    switch code {
    case ENOENT: "no such file"
    case ELOOP: "too many levels of symbolic links (a symlink loop?)"
    case EACCES: "permission denied"
    case ENOTDIR: "a part of the path is not a folder"
    case ENAMETOOLONG: "the path is too long"
    default: String(cString: strerror(code))
    }
  }

  static func describe(_ type: mode_t) -> String {
    switch type {
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO (named pipe)"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    default: "a special file"
    }
  }
}

/// The C library's `read`, out of reach of ``InputFile/read(_:limit:)``'s name.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}
