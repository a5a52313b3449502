import Foundation

/// How numbers read in reports and on the terminal: one formatter, so a
/// report never mixes "18.5m", "1109 s" and "120s".
///
/// - A duration reads in the largest unit a person uses, with the next one
///   below it: `38.2 s`, `18 min 30 s`, `1 h 02 min`, `3 d 04 h`.
/// - Durations that belong together (a mean and its interval, a column of
///   a table) share one unit: `31.7 min (30.2 to 33.1 min)`.
/// - An estimate has three significant figures, but never loses a digit
///   of its whole part: `89.8`, `146`, `1,013`.
/// - A count is a whole number: `2,000`.
/// - Clock events read as clock times (``Quantity/clock(_:)``): `10:00`.
///
/// CSV files and JSON keep full precision (``Format/csv(_:)``); diagnostics
/// echo the scenario's own spellings (``Quantity/humanDuration(_:)``).
public enum Readable {
  /// How a language writes what the formatter produces: unit symbols,
  /// the space between a number and its unit, the words for a missing or
  /// unbounded figure and the brackets of an interval. The rounding is
  /// the formatter's, the same in every language; a ``Catalogue`` gives
  /// its language's units.
  public struct Units: Sendable {
    /// The symbol of each ``DurationUnit``, by raw value: `ms`, `s`, `min`, `h`, `d`.
    public let symbols: [String]
    /// Between a number and its unit, and between the two parts of a compound duration: `" "` or `""`.
    public let space: String
    /// A figure that cannot be computed: `n/a`.
    public let notAvailable: String
    /// An infinite figure: `unbounded`.
    public let unbounded: String
    /// An interval after its estimate: `" (1 to 2)"`, from `open`, `to` and `close`.
    public let open: String
    public let to: String
    public let close: String

    public init(
      symbols: [String], space: String, notAvailable: String, unbounded: String, open: String, to: String, close: String
    ) {
      precondition(symbols.count == DurationUnit.allCases.count, "one symbol per duration unit")
      self.symbols = symbols
      self.space = space
      self.notAvailable = notAvailable
      self.unbounded = unbounded
      self.open = open
      self.to = to
      self.close = close
    }

    /// English, as diagnostics, terminals and English reports read.
    public static let english = Units(
      symbols: ["ms", "s", "min", "h", "d"], space: " ", notAvailable: "n/a", unbounded: "unbounded", open: " (", to: " to ",
      close: ")")

    public func symbol(_ unit: DurationUnit) -> String { symbols[unit.rawValue] }

    /// `2 min`, `2分`.
    func quantity(_ number: String, _ unit: DurationUnit) -> String { number + space + symbol(unit) }

    /// `a (b to c)`.
    func interval(_ estimate: String, _ low: String, _ high: String) -> String { estimate + open + low + to + high + close }
  }

  /// The units durations are read in, smallest first.
  public enum DurationUnit: Int, CaseIterable, Comparable, Sendable {
    case milliseconds, seconds, minutes, hours, days

    public var seconds: Double {
      switch self {
      case .milliseconds: 0.001
      case .seconds: 1
      case .minutes: 60
      case .hours: 3600
      case .days: 86_400
      }
    }

    public var symbol: String {
      switch self {
      case .milliseconds: "ms"
      case .seconds: "s"
      case .minutes: "min"
      case .hours: "h"
      case .days: "d"
      }
    }

    /// The unit a duration of `seconds` reads in: the largest unit of
    /// which it is at least one (below a second, milliseconds).
    public init(for seconds: Double) {
      let magnitude = abs(seconds)
      self = Self.allCases.last { magnitude >= $0.seconds } ?? .milliseconds
    }

    /// The one unit a group of durations reads in: the unit of the largest.
    public init(forAll durations: some Sequence<Double>) {
      let finite = durations.filter(\.isFinite).map(abs)
      self.init(for: finite.max() ?? 0)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  // MARK: - Durations

  /// One duration on its own: `0 s`, `350 ms`, `38.2 s`, `18 min 30 s`,
  /// `1 h 02 min`, `3 d 04 h`. Below a minute three significant figures;
  /// above, the two largest units, the smaller rounded and zero-padded.
  public static func duration(_ seconds: Double, units: Units = .english) -> String {
    if seconds.isNaN { return units.notAvailable }
    if seconds.isInfinite { return seconds > 0 ? units.unbounded : "-" + units.unbounded }
    if seconds < 0 { return "-" + duration(-seconds, units: units) }
    if seconds == 0 { return units.quantity("0", .seconds) }
    if seconds < 1 {
      let milliseconds = significant(seconds * 1000)
      if milliseconds < 1000 { return units.quantity(estimate(milliseconds), .milliseconds) }
    }
    if significant(seconds) < 60 { return units.quantity(estimate(seconds), .seconds) }
    let wholeSeconds = Int(seconds.rounded())
    if wholeSeconds < 3600 { return compound(wholeSeconds / 60, .minutes, wholeSeconds % 60, .seconds, units) }
    let wholeMinutes = Int((seconds / 60).rounded())
    if wholeMinutes < 24 * 60 { return compound(wholeMinutes / 60, .hours, wholeMinutes % 60, .minutes, units) }
    let wholeHours = Int((seconds / 3600).rounded())
    return compound(wholeHours / 24, .days, wholeHours % 24, .hours, units)
  }

  /// A duration in a given unit with three significant figures: `31.7 min`.
  public static func duration(_ seconds: Double, in unit: DurationUnit, units: Units = .english) -> String {
    if !seconds.isFinite { return duration(seconds, units: units) }
    return units.quantity(estimate(seconds / unit.seconds), unit)
  }

  /// An estimate and its interval in one unit: `31.7 min (30.2 to 33.1 min)`.
  /// When the ends read alike the interval is left out and the estimate
  /// reads on its own (`31 min 40 s`).
  public static func duration(_ seconds: Double, low: Double, high: Double, units: Units = .english) -> String {
    let unit = DurationUnit(forAll: [seconds, low, high])
    let lowText = estimate(low / unit.seconds)
    let highText = estimate(high / unit.seconds)
    if lowText == highText { return duration(seconds, units: units) }
    let places = max(decimals(lowText), decimals(highText))
    let estimateText = padded(estimate(seconds / unit.seconds), decimals: places)
    return units.interval(
      units.quantity(estimateText, unit), padded(lowText, decimals: places), units.quantity(padded(highText, decimals: places), unit))
  }

  // MARK: - Numbers

  /// An estimate: three significant figures, whole part kept, thousands
  /// separated: `0.00312`, `6.1`, `89.8`, `146`, `1,013`, `-2.5`.
  public static func estimate(_ value: Double, units: Units = .english) -> String {
    if value.isNaN { return units.notAvailable }
    if value.isInfinite { return value > 0 ? units.unbounded : "-" + units.unbounded }
    let rounded = significant(value)
    if abs(rounded) >= 100 { return count(abs(value) >= 100 ? value : rounded) }
    if rounded == 0 { return "0" }
    // Exponent notation would not read; below 1e-6 is noise in a report.
    let fractionDigits = min(8, max(0, 2 - Int(floor(log10(abs(rounded))))))
    var text = Format.printf(general: false, precision: fractionDigits, rounded)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  /// An estimate and its interval: `89.8 (88.3 to 91.2)`. All three show
  /// as many decimals as the finer end: `91.0 (89.6 to 92.3)`.
  public static func estimate(_ value: Double, low: Double, high: Double, units: Units = .english) -> String {
    let lowText = estimate(low, units: units)
    let highText = estimate(high, units: units)
    guard lowText != highText else { return estimate(value, units: units) }
    let places = max(decimals(lowText), decimals(highText))
    return units.interval(
      padded(estimate(value, units: units), decimals: places), padded(lowText, decimals: places), padded(highText, decimals: places))
  }

  /// How many digits follow the decimal point of a formatted number.
  static func decimals(_ text: String) -> Int {
    text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
  }

  /// `text` with trailing zeros added up to `decimals` decimals (never removed).
  static func padded(_ text: String, decimals wanted: Int) -> String {
    guard wanted > 0, text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," || $0 == "-" }) else { return text }
    let have = decimals(text)
    guard have < wanted else { return text }
    return text + (have == 0 ? "." : "") + String(repeating: "0", count: wanted - have)
  }

  /// A whole number with thousands separators: `2,000`, `-12,345`.
  public static func count(_ value: Double) -> String {
    guard value.isFinite else { return estimate(value) }
    let rounded = value.rounded()
    guard abs(rounded) < 1e18 else { return Format.decimal(value, digits: 3) }
    return count(Int(rounded))
  }

  public static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return value < 0 ? "-" + grouped : grouped
  }

  /// A share as a percentage with three significant figures: `26.4%`.
  public static func percent(_ share: Double) -> String { Format.percent(share) }

  /// A money amount or other price figure: separators, up to two decimals.
  public static func amount(_ value: Double) -> String {
    guard value.isFinite else { return estimate(value) }
    let cents = (value * 100).rounded()
    if cents.truncatingRemainder(dividingBy: 100) == 0 { return count(value) }
    let whole = count((cents / 100).rounded(.towardZero))
    let fraction = Int(abs(cents).truncatingRemainder(dividingBy: 100))
    let sign = value < 0 && whole == "0" ? "-" : ""
    return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  // MARK: - Helpers

  static func compound(_ major: Int, _ majorUnit: DurationUnit, _ minor: Int, _ minorUnit: DurationUnit, _ units: Units) -> String {
    let majorText = units.quantity(count(major), majorUnit)
    if minor == 0 { return majorText }
    return majorText + units.space + units.quantity("\(minor < 10 ? "0" : "")\(minor)", minorUnit)
  }

  /// `value` rounded to `digits` significant figures.
  static func significant(_ value: Double, digits: Int = 3) -> Double {
    guard value != 0, value.isFinite else { return value }
    let scale = pow(10, Double(digits - 1) - floor(log10(abs(value))))
    return (value * scale).rounded() / scale
  }
}
