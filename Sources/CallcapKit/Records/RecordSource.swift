import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A problem that stops the reading of a whole file (it cannot be opened,
/// it is not JSON or CSV, it ends in the middle of a value), with the
/// position where it was found.
public struct RecordFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int?
  public var column: Int?
  public var message: String
  /// The file could not be opened or read at all (exit 66, not 65).
  public var unreadable = false

  public init(line: Int?, column: Int?, _ message: String, unreadable: Bool = false) {
    self.line = line
    self.column = column
    self.message = message
    self.unreadable = unreadable
  }

  public var description: String { message }

  /// `file:line:column: error: message`.
  public func diagnostic(file: String) -> Diagnostic {
    Diagnostic(.error, file: file, at: line.map { SourceLocation(line: $0, column: column ?? 1) }, message)
  }
}

/// The bytes of a record file, read in fixed-size chunks so that memory
/// does not grow with the file, with the line and column of the next byte.
/// Only regular files are read: a FIFO never blocks, `/dev/zero` is refused.
final class RecordSource {
  private let descriptor: Int32
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var atEnd = false
  private(set) var line = 1
  private var lineStartOffset = 0
  private var consumed = 0

  static let chunkBytes = 1 << 20

  init(path: String) throws(RecordFileError) {
    descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw RecordFileError(line: nil, column: nil, "cannot open: \(String(cString: strerror(errno)))", unreadable: true)
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw RecordFileError(line: nil, column: nil, "cannot read: not a regular file", unreadable: true)
    }
    buffer = [UInt8](repeating: 0, count: Self.chunkBytes)
  }

  deinit { close(descriptor) }

  /// 1-based column (in bytes) of the next byte.
  var column: Int { consumed - lineStartOffset + 1 }

  /// The next byte without consuming it; nil at the end of the file.
  @inline(__always)
  func peek() throws(RecordFileError) -> UInt8? {
    if start == end {
      try refill()
      if start == end { return nil }
    }
    return buffer[start]
  }

  /// Consumes the byte `peek` returned.
  @inline(__always)
  func advance() {
    if buffer[start] == 0x0A {
      line += 1
      lineStartOffset = consumed + 1
    }
    start += 1
    consumed += 1
  }

  /// Copies the bytes of a JSON string's body up to (not including) the
  /// next quote, backslash or control character into `into`, within the
  /// bytes already buffered; returns that byte, or nil when the buffer ran
  /// out first (the caller then peeks, which refills). No line breaks can
  /// be among the bytes copied, so the column stays right.
  @inline(__always)
  func copyStringRun(into: inout [UInt8]) -> UInt8? {
    var index = start
    let stop: UInt8? = buffer.withUnsafeBufferPointer { bytes in
      while index < end {
        let byte = bytes[index]
        if byte == 0x22 || byte == 0x5C || byte < 0x20 { return byte }
        index += 1
      }
      return nil
    }
    if index > start {
      into.append(contentsOf: buffer[start..<index])
      consumed += index - start
      start = index
    }
    return stop
  }

  private func refill() throws(RecordFileError) {
    guard !atEnd else { return }
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    guard count >= 0 else {
      throw RecordFileError(line: line, column: column, "cannot read: \(String(cString: strerror(errno)))", unreadable: true)
    }
    start = 0
    end = count
    if count == 0 { atEnd = true }
  }

  /// The first bytes of the file (up to `count`), read without consuming:
  /// to tell JSON from CSV and text from binary.
  func prefix(_ count: Int) throws(RecordFileError) -> ArraySlice<UInt8> {
    if start == end { try refill() }
    return buffer[start..<min(end, start + count)]
  }
}

/// Tells the formats apart and refuses binary data.
enum RecordFormat {
  case json
  case csv

  /// The format of a file starting with `head`, or the reason it is not a
  /// record file (with the position of the first NUL byte).
  static func detect(_ head: ArraySlice<UInt8>) -> Result<RecordFormat, RecordFileError> {
    if let nul = head.firstIndex(of: 0) {
      let before = head[head.startIndex..<nul]
      let line = before.count { $0 == 0x0A } + 1
      let column = nul - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? head.startIndex) + 1
      return .failure(RecordFileError(line: line, column: column, "binary data (a NUL byte): not a JSON or CSV call-record file"))
    }
    var bytes = head.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let first = bytes.first else { return .failure(RecordFileError(line: 1, column: 1, "empty file: no call records")) }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .success(.json) : .success(.csv)
  }
}
