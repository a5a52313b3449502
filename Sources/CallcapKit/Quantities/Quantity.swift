import Foundation

/// Why a quantity could not be read, and where in its text (0-based offset in
/// Unicode scalars) the problem starts.
public struct QuantityError: Error, Sendable, Equatable {
  public var message: String
  public var offset: Int

  public init(_ message: String, at offset: Int = 0) {
    self.message = message
    self.offset = offset
  }
}

/// Parsing and printing of the quantities a scenario uses: durations
/// (`250ms`, `90s`, `4m`, `1.5h`, `1d`), rates (`0.8/s`, `40/min`, `120/h`,
/// `2000/d`), shares (`65%` or `0.65`) and wall-clock times (`08:00`).
///
/// Every value is kept in base units: seconds, calls per second, a fraction
/// in [0, 1], seconds since midnight.
public enum Quantity {
  /// Duration units and their length in seconds, longest spelling first.
  static let durationUnits: [(String, Double)] = [
    ("ms", 0.001), ("sec", 1), ("s", 1), ("min", 60), ("m", 60), ("hr", 3600), ("h", 3600),
    ("d", 86_400),
  ]

  /// Rate denominators and their length in seconds.
  static let rateUnits: [(String, Double)] = [
    ("s", 1), ("sec", 1), ("min", 60), ("m", 60), ("h", 3600), ("hour", 3600), ("d", 86_400),
    ("day", 86_400),
  ]

  /// Spaces and tabs: what may surround a quantity and its unit.
  static let blanks = CharacterSet(charactersIn: " \t")

  /// A finite decimal number (`12`, `0.5`, `1e3`, `-2`, `1_000`); no hex,
  /// no `inf`. The spelling is exactly ``Pattern/number``.
  public static func number(_ text: Substring) -> Result<Double, QuantityError> {
    let trimmed = text.trimmingCharacters(in: blanks)
    let allowed = Set("0123456789.+-eE_")
    guard !trimmed.isEmpty else { return .failure(QuantityError("expected a number", at: 0)) }
    if let bad = trimmed.unicodeScalars.firstIndex(where: { !allowed.contains(Character($0)) }) {
      let offset = trimmed.unicodeScalars.distance(from: trimmed.unicodeScalars.startIndex, to: bad)
      return .failure(QuantityError("'\(trimmed)' is not a number", at: offset))
    }
    guard trimmed.range(of: "^" + Pattern.number + "$", options: .regularExpression) != nil,
      let value = Double(trimmed.replacingOccurrences(of: "_", with: ""))
    else {
      return .failure(QuantityError("'\(trimmed)' is not a number"))
    }
    guard value.isFinite else { return .failure(QuantityError("'\(trimmed)' is not a finite number")) }
    return .success(value)
  }

  /// A duration in seconds. A bare `0` is accepted; other numbers need a unit.
  public static func duration(_ text: Substring) -> Result<Double, QuantityError> {
    let trimmed = Substring(text.trimmingCharacters(in: blanks))
    guard let split = trimmed.lastIndex(where: { $0.isNumber || $0 == "." }) else {
      return .failure(QuantityError("expected a duration such as 90s, 4m or 1.5h, got '\(trimmed)'"))
    }
    let digits = trimmed[...split]
    let unit = trimmed[trimmed.index(after: split)...].trimmingCharacters(in: blanks)
    let value: Double
    switch number(digits) {
    case .success(let parsed): value = parsed
    case .failure(let error): return .failure(error)
    }
    if value < 0 || digits.hasPrefix("-") { return .failure(QuantityError("a duration cannot be negative: '\(trimmed)'")) }
    if unit.isEmpty {
      if value == 0 { return .success(0) }
      return .failure(
        QuantityError(
          "duration '\(trimmed)' needs a unit (ms, s, m, h or d), e.g. '\(trimmed)s'",
          at: trimmed.unicodeScalars.count))
    }
    guard let factor = durationUnits.first(where: { $0.0 == unit })?.1 else {
      let offset = digits.unicodeScalars.count
      return .failure(
        QuantityError(
          "unknown duration unit '\(unit)' (use ms, s, m, h or d)"
            + Suggestion.hint(for: unit, among: durationUnits.map(\.0)), at: offset))
    }
    let seconds = value * factor
    guard seconds.isFinite else { return .failure(QuantityError("duration '\(trimmed)' is too large")) }
    return .success(seconds)
  }

  /// A rate in events per second, written `N/unit`.
  public static func rate(_ text: Substring) -> Result<Double, QuantityError> {
    let trimmed = Substring(text.trimmingCharacters(in: blanks))
    guard let slash = trimmed.firstIndex(of: "/") else {
      return .failure(
        QuantityError("expected a rate such as 120/h, 40/min or 0.8/s, got '\(trimmed)'"))
    }
    let value: Double
    switch number(trimmed[..<slash]) {
    case .success(let parsed): value = parsed
    case .failure(let error): return .failure(error)
    }
    if value < 0 || trimmed.hasPrefix("-") { return .failure(QuantityError("a rate cannot be negative: '\(trimmed)'")) }
    let unit = trimmed[trimmed.index(after: slash)...].trimmingCharacters(in: blanks)
    guard let per = rateUnits.first(where: { $0.0 == unit })?.1 else {
      let offset = trimmed[..<slash].unicodeScalars.count
      return .failure(
        QuantityError(
          "unknown rate unit '/\(unit)' (use /s, /min, /h or /d)"
            + Suggestion.hint(for: "/" + unit, among: rateUnits.map { "/" + $0.0 }), at: offset + 1))
    }
    return .success(value / per)
  }

  /// A share in [0, 1], written `65%` or `0.65`.
  public static func share(_ text: Substring) -> Result<Double, QuantityError> {
    let trimmed = Substring(text.trimmingCharacters(in: blanks))
    let isPercent = trimmed.hasSuffix("%")
    let body = isPercent ? trimmed.dropLast() : trimmed
    let value: Double
    switch number(body) {
    case .success(let parsed): value = isPercent ? parsed / 100 : parsed
    case .failure(let error): return .failure(error)
    }
    if value < 0 || trimmed.hasPrefix("-") { return .failure(QuantityError("a share cannot be negative: '\(trimmed)'")) }
    if value > 1 {
      return .failure(
        QuantityError(
          isPercent
            ? "a share cannot exceed 100%: '\(trimmed)'"
            : "a share is a fraction in [0, 1] or a percentage: '\(trimmed)' (did you mean '\(trimmed)%'?)"
        ))
    }
    return .success(value)
  }

  /// A wall-clock time `HH:MM` or `HH:MM:SS` (the hour may have one digit),
  /// in seconds since midnight; the spelling is exactly ``Pattern/clockTime``.
  public static func clockTime(_ text: Substring) -> Result<Double, QuantityError> {
    let parts = text.trimmingCharacters(in: blanks).split(separator: ":", omittingEmptySubsequences: false)
    let digitsOnly = parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    let widths = parts.enumerated().allSatisfy { index, part in part.count == 2 || (index == 0 && part.count == 1) }
    guard parts.count == 2 || parts.count == 3, digitsOnly, widths, let hours = Int(parts[0]), let minutes = Int(parts[1]) else {
      return .failure(QuantityError("expected a clock time such as \"08:00\", got '\(text)'"))
    }
    let seconds = parts.count == 3 ? Int(parts[2]) ?? 0 : 0
    guard (0..<24).contains(hours), (0..<60).contains(minutes), (0..<60).contains(seconds) else {
      return .failure(QuantityError("'\(text)' is not a valid time of day (00:00 to 23:59:59)"))
    }
    return .success(Double(hours * 3600 + minutes * 60 + seconds))
  }

  // MARK: - Printing

  /// A duration that parses back to exactly `seconds`.
  public static func canonicalDuration(_ seconds: Double) -> String {
    "\(shortest(seconds))s"
  }

  /// A rate that parses back to exactly `perSecond`.
  public static func canonicalRate(_ perSecond: Double) -> String {
    "\(shortest(perSecond))/s"
  }

  /// A share that parses back to exactly `share`.
  public static func canonicalShare(_ share: Double) -> String {
    shortest(share)
  }

  /// Swift's shortest round-tripping decimal form, without a trailing `.0`.
  static func shortest(_ value: Double) -> String {
    let text = "\(value)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  /// A duration for people: `250ms`, `90s`, `4m`, `1.5h`, `2d`.
  public static func humanDuration(_ seconds: Double) -> String {
    if seconds == 0 { return "0s" }
    if !seconds.isFinite { return "\(seconds)" }
    let magnitude = abs(seconds)
    // Whole days, hours or minutes read best in that unit: 1h, not 60m.
    for (unit, length) in [("d", 86_400.0), ("h", 3600.0), ("m", 60.0)]
    where magnitude >= length && seconds.truncatingRemainder(dividingBy: length) == 0 && magnitude / length < 1000 {
      return "\(Format.decimal(seconds / length, digits: 6))\(unit)"
    }
    if magnitude < 1 { return "\(Format.decimal(seconds * 1000, digits: 3))ms" }
    if magnitude < 120 { return "\(Format.decimal(seconds, digits: 3))s" }
    if magnitude < 7200 { return "\(Format.decimal(seconds / 60, digits: 3))m" }
    if magnitude < 172_800 { return "\(Format.decimal(seconds / 3600, digits: 3))h" }
    return "\(Format.decimal(seconds / 86_400, digits: 3))d"
  }

  /// A rate for people, in the unit that gives a readable number.
  public static func humanRate(_ perSecond: Double) -> String {
    if perSecond >= 1 { return "\(Format.decimal(perSecond, digits: 3))/s" }
    if perSecond * 60 >= 1 { return "\(Format.decimal(perSecond * 60, digits: 3))/min" }
    return "\(Format.decimal(perSecond * 3600, digits: 3))/h"
  }

  /// A clock time `HH:MM` (or `HH:MM:SS`) from seconds since midnight, wrapping at 24h.
  public static func clock(_ secondsSinceMidnight: Double) -> String {
    // Wrapped before converting, so no time can overflow Int (a non-finite one prints as midnight).
    let seconds = secondsSinceMidnight.isFinite ? secondsSinceMidnight.rounded(.down).truncatingRemainder(dividingBy: 86_400) : 0
    let total = Int(seconds)
    let wrapped = total < 0 ? total + 86_400 : total
    let (h, m, s) = (wrapped / 3600, wrapped / 60 % 60, wrapped % 60)
    let two = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
    return s == 0 ? "\(two(h)):\(two(m))" : "\(two(h)):\(two(m)):\(two(s))"
  }
}

extension Quantity {
  /// The spellings the parsers above accept, as regular expressions that
  /// mean the same in ICU (`NSRegularExpression`) and ECMA-262 (JSON
  /// Schema `pattern`). `number` is what ``Quantity/number(_:)`` matches;
  /// the anchored whole-value patterns are what the scenario schema
  /// publishes, and a test runs a corpus of spellings through both.
  public enum Pattern {
    /// Digits, with single `_` between them as separators (`1_000`).
    static let digits = "[0-9](?:_?[0-9])*"
    static let mantissa = "(?:\(digits)(?:\\.(?:\(digits))?)?|\\.\(digits))"
    static let exponent = "(?:[eE][+-]?[0-9]+)"
    /// A decimal number, signed: `12`, `-2`, `0.5`, `.5`, `1e3`, `1_000`.
    public static let number = "[+-]?\(mantissa)\(exponent)?"
    /// A number that is not negative (no `-` sign).
    static let unsigned = "\\+?\(mantissa)\(exponent)?"
    /// Zero without a unit (`0`, `0.0`).
    static let zero = "\\+?(?:0(?:_?0)*(?:\\.(?:0(?:_?0)*)?)?|\\.0(?:_?0)*)\(exponent)?"
    static let blank = "[ \\t]*"

    static func alternatives(_ names: [String]) -> String {
      // Longest first, so that either regex dialect tries `min` before `m`.
      "(?:" + names.sorted { ($0.count, $1) > ($1.count, $0) }.joined(separator: "|") + ")"
    }

    /// A duration such as `90s`, `1.5 h` or a bare `0`.
    public static let duration =
      "^\(blank)(?:\(unsigned)\(blank)\(alternatives(durationUnits.map(\.0)))|\(zero))\(blank)$"
    /// A rate such as `120/h` or `0.8 / s`.
    public static let rate = "^\(blank)\(unsigned)\(blank)/\(blank)\(alternatives(rateUnits.map(\.0)))\(blank)$"
    /// A share such as `65%` or `0.65` (the range, 0 to 100%, is checked apart).
    public static let share = "^\(blank)\(unsigned)\(blank)%?\(blank)$"
    /// A profile rate: a rate, or a bare number of calls per hour.
    public static let profileRate =
      "^\(blank)\(unsigned)(?:\(blank)/\(blank)\(alternatives(rateUnits.map(\.0))))?\(blank)$"
    /// A time of day `HH:MM` or `HH:MM:SS`.
    public static let clockTime = "^\(blank)(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?\(blank)$"
    /// A finite decimal number as a whole value.
    public static let wholeNumber = "^\(blank)\(number)\(blank)$"
  }
}
