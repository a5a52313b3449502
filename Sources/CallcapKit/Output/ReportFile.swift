#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One file of a report folder: its path in the folder and its text,
/// either made whole or written piece by piece as it is formed (a long
/// `timeseries.csv` goes to the disk 64 KiB at a time instead of
/// being held whole).
public struct ReportFile: Sendable {
  public let path: String
  private let body: Body

  private enum Body: Sendable {
    case text(String)
    case streamed(@Sendable (inout TextSink) -> Void)
  }

  public init(_ path: String, _ text: String) {
    self.path = path
    body = .text(text)
  }

  /// A file whose text `write` gives to the sink as it forms it.
  public static func streamed(_ path: String, _ write: @escaping @Sendable (inout TextSink) -> Void) -> ReportFile {
    ReportFile(path: path, body: .streamed(write))
  }

  private init(path: String, body: Body) {
    self.path = path
    self.body = body
  }

  /// The whole text (a streamed file's is formed in memory: for tests and small files).
  public var contents: String {
    switch body {
    case .text(let text): return text
    case .streamed(let write):
      var sink = TextSink()
      write(&sink)
      return sink.collected
    }
  }

  /// Writes the text to `descriptor` (not closed); the errno of a failure, or 0.
  func write(to descriptor: Int32) -> Int32 {
    switch body {
    case .text(let text):
      do throws(FileError) {
        try FileSystemCalls.writeAll(descriptor, text.utf8, closing: false)
        return 0
      } catch {
        return error.code
      }
    case .streamed(let write):
      var sink = TextSink(descriptor: descriptor)
      write(&sink)
      sink.flush()
      return sink.failure
    }
  }
}

/// Text written in pieces: collected in memory, or passed to a file
/// descriptor whenever 64 KiB has gathered. A failed write is kept
/// (``failure``) and ends the writing; the caller reports it.
public struct TextSink: TextOutputStream {
  private var pending = ""
  private let descriptor: Int32?
  /// The errno of the first failed write, or 0.
  private(set) var failure: Int32 = 0
  private static let flushBytes = 1 << 16

  init(descriptor: Int32? = nil) {
    self.descriptor = descriptor
  }

  public mutating func write(_ string: String) {
    pending += string
    if descriptor != nil && pending.utf8.count >= Self.flushBytes { flush() }
  }

  /// What was written, when collecting in memory.
  var collected: String { pending }

  /// Passes what has gathered to the descriptor.
  mutating func flush() {
    guard let descriptor, failure == 0 else { return }
    do throws(FileError) {
      try FileSystemCalls.writeAll(descriptor, pending.utf8, closing: false)
    } catch {
      failure = error.code
    }
    pending.removeAll(keepingCapacity: true)
  }
}
