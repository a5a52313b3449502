import Foundation

/// Compound monthly growth of traffic: `5%/month` multiplies it by 1.05
/// each month from a start date.
public struct Growth: Sendable, Equatable {
  /// The monthly rate: 0.05 for `5%/month`.
  public var monthly: Double
  /// The day traffic is at factor 1 (midnight UTC).
  public var from: Date

  public init(monthly: Double, from: Date) {
    self.monthly = monthly
    self.from = from
  }

  /// `5%/month` (also `5 %/month`, `0.5%/mo`): a positive rate below 1000%.
  public static func parseRate(_ text: String) -> Double? {
    let trimmed = text.replacingOccurrences(of: " ", with: "").lowercased()
    for suffix in ["%/month", "%/mo"] where trimmed.hasSuffix(suffix) {
      guard let value = Double(trimmed.dropLast(suffix.count)), value.isFinite, value > 0, value < 1000 else { return nil }
      return value / 100
    }
    return nil
  }

  public static let calendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()

  /// `2026-12-01` as midnight UTC; nil unless a valid date in that form.
  public static func parseDate(_ text: String) -> Date? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { return nil }
    let components = DateComponents(year: year, month: month, day: day)
    guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
    return date
  }

  /// `2026-12-01`.
  public static func format(_ date: Date) -> String {
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
  }

  /// Months until traffic reaches `factor`: ln g / ln(1 + rate); negative below 1.
  public func months(toReach factor: Double) -> Double { log(factor) / log(1 + monthly) }

  /// The day traffic reaches `factor`: whole calendar months from ``from``,
  /// then the fraction of the next month in days, rounded down to the day.
  public func date(reaching factor: Double) -> Date? {
    let months = months(toReach: factor)
    guard months.isFinite, abs(months) < 12_000 else { return nil }
    let whole = Int(months.rounded(.down))
    guard let start = Self.calendar.date(byAdding: .month, value: whole, to: from),
      let end = Self.calendar.date(byAdding: .month, value: whole + 1, to: from)
    else { return nil }
    let moment = start.addingTimeInterval((months - Double(whole)) * end.timeIntervalSince(start))
    return Self.calendar.startOfDay(for: moment)
  }

  /// `5%/month`.
  public var rateText: String { Format.decimal(monthly * 100) + "%/month" }

  /// The sentence of the report: when growth takes traffic to `factor`.
  public func sentence(factor: Double) -> String {
    let target = Headroom.factorText(factor)
    guard let date = date(reaching: factor) else { return "At \(rateText) traffic never reaches \(target)." }
    let months = months(toReach: factor)
    if factor < 1 {
      return "\(target) is below today's traffic: at \(rateText) traffic was there about \(Readable.estimate(-months)) "
        + "months before \(Self.format(from)) (\(Self.format(date))), so the plan does not hold today."
    }
    return "At \(rateText) from \(Self.format(from)), traffic reaches \(target) after \(Readable.estimate(months)) "
      + "months, on \(Self.format(date))."
  }
}
