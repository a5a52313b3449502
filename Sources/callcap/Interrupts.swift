import ArgumentParser
import CallcapKit
import Foundation

/// Exit codes and messages for interrupted runs and output failures, the
/// same wording for every command.
enum Interrupts {
  /// `error: interrupted; no report written`, or which reports were.
  static func message(written: [String]) -> String {
    written.isEmpty
      ? "error: interrupted; no report written" : "error: interrupted; wrote \(written.joined(separator: ", ")) only"
  }

  /// Exits 128 + signal (130 for SIGINT, 143 for SIGTERM) if a stop was requested.
  static func exitIfRequested(written: [String] = []) throws {
    guard let signal = Interruption.signal else { return }
    StandardError.print(message(written: written))
    throw ExitCode(128 + signal)
  }
}

extension OutputError {
  /// 73 (EX_CANTCREAT), 74 (EX_IOERR), or 128 + signal when interrupted.
  var exitCode: ExitCode {
    switch self {
    case .cannotCreate, .notReplaceable: ExitCode(73)
    case .cannotWrite: ExitCode(74)
    case .interrupted: ExitCode(128 + (Interruption.signal ?? SIGINT))
    }
  }

  /// The line printed for this failure, with what the user can do;
  /// `option` names the option that chose the path (`--out`, `--junit`).
  func message(option: String) -> String {
    switch self {
    case .cannotCreate: "error: \(self); choose another \(option)"
    case .notReplaceable: "error: \(self); move it away or choose another \(option)"
    case .cannotWrite: "error: \(self)"
    case .interrupted: Interrupts.message(written: [])
    }
  }
}
