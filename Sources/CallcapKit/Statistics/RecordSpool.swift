import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fixed-size records in numbered streams, appended in order and read
/// back by index: a time series' buckets, without holding a long series
/// in memory.
///
/// Records live in chunks of ``chunkRecords``. While the spool is small
/// (at most `memoryBytes` in memory, which covers every series at the
/// default resolution) the chunks stay in memory and nothing touches the
/// disk. Past that, full chunks move to a temporary file that callcap
/// creates for itself (a new, uniquely named file in `TMPDIR` or `/tmp`,
/// removed from its folder at once, so it disappears when the spool is
/// freed or the process ends, and nothing else is ever touched). If no such
/// file can be made or written, the chunks simply stay in memory: the
/// file only bounds memory, it never decides a result.
///
/// Not safe for concurrent mutation; concurrent reads are (the one chunk
/// read back from the file is cached under a lock).
final class RecordSpool<Record: BitwiseCopyable>: @unchecked Sendable {
  /// Records per chunk.
  static var chunkRecords: Int { 1024 }

  private enum Chunk {
    case memory([Record])
    /// Byte offset in the file; always a full chunk.
    case file(Int)
  }

  private var streams: [[Chunk]]
  private(set) var counts: [Int]
  /// Per stream, the first chunk that may still be in memory (those before it are in the file).
  private var firstInMemory: [Int]
  private let memoryBytes: Int
  /// Where the temporary file goes (nil: `TMPDIR`, or `/tmp`).
  private let folder: String?
  private var bytesInMemory = 0
  private var descriptor: Int32 = -1
  private var fileEnd = 0
  /// Whether making or writing the file failed: everything stays in memory from then on.
  private var fileFailed = false
  private let cacheLock = NSLock()
  private var cached: (stream: Int, chunk: Int, records: [Record])?

  init(streams count: Int, memoryBytes: Int = 256 * 1024, folder: String? = nil) {
    streams = Array(repeating: [], count: count)
    counts = Array(repeating: 0, count: count)
    firstInMemory = Array(repeating: 0, count: count)
    self.memoryBytes = memoryBytes
    self.folder = folder
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  var streamCount: Int { streams.count }

  /// Whether any chunk lives in the temporary file.
  var hasSpilled: Bool { fileEnd > 0 }

  private static var chunkBytes: Int { chunkRecords * MemoryLayout<Record>.stride }

  /// Appends `record` to stream `stream`.
  @inline(__always)
  func append(_ record: Record, to stream: Int) {
    let within = counts[stream] % Self.chunkRecords
    if within == 0 {
      var chunk: [Record] = []
      chunk.reserveCapacity(Self.chunkRecords)
      chunk.append(record)
      streams[stream].append(.memory(chunk))
      bytesInMemory += Self.chunkBytes
    } else {
      appendToLast(record, stream: stream)
    }
    counts[stream] += 1
    if within == Self.chunkRecords - 1 && bytesInMemory > memoryBytes { spillFullChunks() }
  }

  private func appendToLast(_ record: Record, stream: Int) {
    let last = streams[stream].count - 1
    guard case .memory(var chunk) = streams[stream][last] else { preconditionFailure("a partial chunk is in memory") }
    // Taken out first, so the append does not copy the chunk.
    streams[stream][last] = .memory([])
    chunk.append(record)
    streams[stream][last] = .memory(chunk)
  }

  /// Appends `count` copies of `record` to stream `stream`.
  func append(_ record: Record, count: Int, to stream: Int) {
    for _ in 0..<count { append(record, to: stream) }
  }

  /// Number of chunks in stream `stream`.
  func chunkCount(_ stream: Int) -> Int { streams[stream].count }

  /// The records of chunk `chunk` of stream `stream`.
  func read(_ stream: Int, chunk: Int) -> [Record] {
    switch streams[stream][chunk] {
    case .memory(let records): return records
    case .file(let offset):
      cacheLock.lock()
      defer { cacheLock.unlock() }
      if let cached, cached.stream == stream, cached.chunk == chunk { return cached.records }
      let records = readFile(at: offset, count: Self.chunkRecords)
      cached = (stream, chunk, records)
      return records
    }
  }

  /// Record `index` of stream `stream`.
  func record(_ stream: Int, at index: Int) -> Record {
    let chunk = index / Self.chunkRecords
    let within = index % Self.chunkRecords
    if case .memory(let records) = streams[stream][chunk] { return records[within] }
    return read(stream, chunk: chunk)[within]
  }

  /// Changes chunk `chunk` of stream `stream` in place (a chunk past the
  /// end is added, starting empty). The body must leave a chunk that is not
  /// the stream's last one full, and the last one at most full.
  func modify(_ stream: Int, chunk: Int, _ body: (inout [Record]) -> Void) {
    precondition(chunk <= streams[stream].count, "chunks are added in order")
    var records: [Record]
    var before = 0
    if chunk == streams[stream].count {
      records = []
      records.reserveCapacity(Self.chunkRecords)
      streams[stream].append(.memory([]))
      bytesInMemory += Self.chunkBytes
    } else {
      switch streams[stream][chunk] {
      case .memory(let held):
        records = held
        streams[stream][chunk] = .memory([])
      case .file(let offset):
        records = readFile(at: offset, count: Self.chunkRecords)
        cacheLock.lock()
        cached = nil
        cacheLock.unlock()
      }
      before = records.count
    }
    body(&records)
    precondition(records.count <= Self.chunkRecords, "a chunk holds at most chunkRecords records")
    counts[stream] += records.count - before
    if case .file(let offset) = streams[stream][chunk] {
      precondition(records.count == Self.chunkRecords, "a chunk in the file is full")
      if !writeFile(records, at: offset) {
        streams[stream][chunk] = .memory(records)
        bytesInMemory += Self.chunkBytes
      }
    } else {
      streams[stream][chunk] = .memory(records)
      if records.count == Self.chunkRecords && bytesInMemory > memoryBytes { spillFullChunks() }
    }
  }

  /// Drops the records of stream `stream` from `count` on.
  func truncate(_ stream: Int, to count: Int) {
    guard count < counts[stream] else { return }
    let kept = (count + Self.chunkRecords - 1) / Self.chunkRecords
    for chunk in kept..<streams[stream].count {
      if case .memory = streams[stream][chunk] { bytesInMemory -= Self.chunkBytes }
    }
    streams[stream].removeLast(streams[stream].count - kept)
    firstInMemory[stream] = min(firstInMemory[stream], kept)
    let within = count % Self.chunkRecords
    if within > 0 {
      // The last kept chunk becomes a partial one, in memory.
      let records = Array(read(stream, chunk: kept - 1).prefix(within))
      if case .file = streams[stream][kept - 1] { bytesInMemory += Self.chunkBytes }
      streams[stream][kept - 1] = .memory(records)
      firstInMemory[stream] = min(firstInMemory[stream], kept - 1)
      cacheLock.lock()
      cached = nil
      cacheLock.unlock()
    }
    counts[stream] = count
  }

  /// A copy that shares nothing with this spool (copy-on-write of the owners).
  func copy() -> RecordSpool {
    let copy = RecordSpool(streams: streams.count, memoryBytes: memoryBytes, folder: folder)
    for stream in streams.indices {
      for chunk in streams[stream].indices {
        let records = read(stream, chunk: chunk)
        copy.modify(stream, chunk: chunk) { $0 = records }
      }
    }
    return copy
  }

  // MARK: - The temporary file

  /// Moves every full chunk still in memory to the file. Chunks fill in
  /// order, so each stream's scan starts where the last one stopped.
  private func spillFullChunks() {
    guard !fileFailed else { return }
    if descriptor < 0 {
      guard let opened = Self.openTemporaryFile(in: folder) else {
        fileFailed = true
        return
      }
      descriptor = opened
    }
    for stream in streams.indices {
      while firstInMemory[stream] < streams[stream].count {
        let chunk = firstInMemory[stream]
        if case .file = streams[stream][chunk] {
          firstInMemory[stream] += 1
          continue
        }
        // The stream's last chunk, still filling, stays.
        guard case .memory(let records) = streams[stream][chunk], records.count == Self.chunkRecords else { break }
        guard writeFile(records, at: fileEnd) else {
          fileFailed = true
          return
        }
        streams[stream][chunk] = .file(fileEnd)
        fileEnd += Self.chunkBytes
        bytesInMemory -= Self.chunkBytes
        firstInMemory[stream] += 1
      }
    }
  }

  /// A new file of callcap's own, already removed from its folder.
  private static func openTemporaryFile(in given: String?) -> Int32? {
    let folder = given ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((folder + "/callcap-series-XXXXXX").utf8CString)
    let opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard opened >= 0 else { return nil }
    _ = fcntl(opened, F_SETFD, FD_CLOEXEC)
    // mkstemp made this file, uniquely named, so removing its name removes nothing else.
    _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
    return opened
  }

  private func writeFile(_ records: [Record], at offset: Int) -> Bool {
    records.withUnsafeBytes { bytes in
      var done = 0
      while done < bytes.count {
        let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return false }
        done += written
      }
      return true
    }
  }

  private func readFile(at offset: Int, count: Int) -> [Record] {
    [Record](unsafeUninitializedCapacity: count) { buffer, initialized in
      let bytes = UnsafeMutableRawBufferPointer(buffer)
      var done = 0
      while done < bytes.count {
        let read = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
        if read < 0 && errno == EINTR { continue }
        // callcap wrote these bytes itself moments ago; losing them is a
        // failure of the machine, not of the input, and no result can be given.
        guard read > 0 else {
          fatalError("callcap: cannot read back its temporary time-series file: \(String(cString: strerror(errno)))")
        }
        done += read
      }
      initialized = count
    }
  }
}
