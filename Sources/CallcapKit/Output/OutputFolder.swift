import Foundation

/// Why a report could not be written; the command line maps it to exit 73 or 74.
public enum OutputError: Error, CustomStringConvertible {
  /// The folder or a file could not be created (EX_CANTCREAT, 73).
  case cannotCreate(path: String, reason: String)
  /// Writing failed part-way (EX_IOERR, 74).
  case cannotWrite(path: String, reason: String)
  /// A signal arrived while writing; nothing was moved into place.
  case interrupted

  public var description: String {
    switch self {
    case .cannotCreate(let path, let reason): "cannot create '\(path)': \(reason)"
    case .cannotWrite(let path, let reason): "cannot write '\(path)': \(reason)"
    case .interrupted: "interrupted; no report written"
    }
  }
}

/// Writes a report folder atomically: every file goes to a temporary
/// folder beside the target, which replaces the target only when complete.
/// A failure leaves the previous report untouched and no partial files.
public enum OutputFolder {
  public static func write(_ files: [(path: String, contents: String)], to folder: URL) throws {
    let manager = FileManager.default
    let parent = folder.deletingLastPathComponent()
    do {
      try manager.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw OutputError.cannotCreate(path: parent.path, reason: reason(error))
    }
    let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).tmp-\(unique)")
    do {
      try manager.createDirectory(at: staging, withIntermediateDirectories: false)
    } catch {
      throw OutputError.cannotCreate(path: staging.path, reason: reason(error))
    }
    do {
      for file in files {
        let url = staging.appendingPathComponent(file.path)
        try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
          try Data(file.contents.utf8).write(to: url)
        } catch {
          throw OutputError.cannotWrite(path: folder.appendingPathComponent(file.path).path, reason: reason(error))
        }
      }
      // A stop requested while writing discards the staging folder.
      if Interruption.isRequested { throw OutputError.interrupted }
      if manager.fileExists(atPath: folder.path) {
        let old = parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(unique)")
        try manager.moveItem(at: folder, to: old)
        try manager.moveItem(at: staging, to: folder)
        try? manager.removeItem(at: old)
      } else {
        try manager.moveItem(at: staging, to: folder)
      }
    } catch let error as OutputError {
      try? manager.removeItem(at: staging)
      throw error
    } catch {
      try? manager.removeItem(at: staging)
      throw OutputError.cannotWrite(path: folder.path, reason: reason(error))
    }
  }

  static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}

/// Writes one file atomically: a temporary file beside it, renamed over
/// the target when complete.
public enum OutputFile {
  public static func write(_ contents: String, to url: URL) throws {
    let manager = FileManager.default
    let folder = url.deletingLastPathComponent()
    guard manager.fileExists(atPath: folder.path) else {
      throw OutputError.cannotCreate(path: url.path, reason: "the folder \(folder.path) does not exist")
    }
    let staging = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    guard manager.createFile(atPath: staging.path, contents: nil) else {
      throw OutputError.cannotCreate(path: url.path, reason: "cannot create a file in \(folder.path)")
    }
    do {
      try Data(contents.utf8).write(to: staging)
    } catch {
      try? manager.removeItem(at: staging)
      throw OutputError.cannotWrite(path: url.path, reason: OutputFolder.reason(error))
    }
    if rename(staging.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? manager.removeItem(at: staging)
      throw OutputError.cannotWrite(path: url.path, reason: reason)
    }
  }
}
