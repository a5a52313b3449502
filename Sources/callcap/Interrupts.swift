import ArgumentParser
import CallcapKit
import Foundation

/// Exit codes for interrupted runs and output failures.
enum Interrupts {
  /// Exits 128 + signal (130 for SIGINT, 143 for SIGTERM) if a stop was requested.
  static func exitIfRequested() throws {
    guard let signal = Interruption.signal else { return }
    StandardError.print("interrupted; no report written")
    throw ExitCode(128 + signal)
  }
}

extension OutputError {
  /// 73 (EX_CANTCREAT), 74 (EX_IOERR), or 128 + signal when interrupted.
  var exitCode: ExitCode {
    switch self {
    case .cannotCreate: ExitCode(73)
    case .cannotWrite: ExitCode(74)
    case .interrupted: ExitCode(128 + (Interruption.signal ?? SIGINT))
    }
  }
}
