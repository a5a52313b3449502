import Foundation

/// Reads the timestamps of call records: RFC 2822 as the Calls API writes
/// them (`Tue, 10 Nov 2026 01:02:03 +0000`) and ISO 8601 as the Twilio CLI
/// does (`2026-11-10T01:02:03Z`, fractions and offsets allowed), with
/// Foundation's formatters in the `en_US_POSIX` locale.
///
/// A month of records holds millions of timestamps but few distinct
/// minutes, and the formatters are slow, so the parser asks them about the
/// minute only (the text with its seconds set to `00`) and adds the
/// seconds itself; the cache of minutes is bounded.
public struct TimestampParser {
  private let rfc2822: DateFormatter
  private let rfc2822NoWeekday: DateFormatter
  private let iso: ISO8601DateFormatter
  private let isoFraction: ISO8601DateFormatter
  private let isoSpace: DateFormatter
  private var minutes: [String: Int64] = [:]
  /// Most distinct minutes remembered; a month has 43,200.
  static let cacheLimit = 100_000

  public init() {
    func formatter(_ format: String) -> DateFormatter {
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "UTC")
      formatter.dateFormat = format
      formatter.isLenient = false
      return formatter
    }
    rfc2822 = formatter("EEE, dd MMM yyyy HH:mm:ss Z")
    rfc2822NoWeekday = formatter("dd MMM yyyy HH:mm:ss Z")
    isoSpace = formatter("yyyy-MM-dd HH:mm:ss Z")
    iso = ISO8601DateFormatter()
    iso.formatOptions = [.withInternetDateTime]
    isoFraction = ISO8601DateFormatter()
    isoFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
  }

  /// Whole seconds since 1970 (UTC), a fraction dropped; nil when `text`
  /// is neither form.
  public mutating func seconds(_ text: String) -> Int64? {
    var bytes = Array(text.utf8)
    // The seconds are the two digits after the second colon of hh:mm:ss.
    guard bytes.count <= 64, let first = bytes.firstIndex(of: UInt8(ascii: ":")), first + 5 < bytes.count,
      bytes[first + 3] == UInt8(ascii: ":"), let tens = digit(bytes[first + 4]), let ones = digit(bytes[first + 5]), tens <= 5
    else { return nil }
    let secondsInMinute = Int64(tens * 10 + ones)
    bytes[first + 4] = UInt8(ascii: "0")
    bytes[first + 5] = UInt8(ascii: "0")
    let key = String(decoding: bytes, as: UTF8.self)
    if let minute = minutes[key] { return minute + secondsInMinute }
    guard let date = parse(key) else { return nil }
    let minute = Int64((date.timeIntervalSince1970).rounded(.down))
    if minutes.count >= Self.cacheLimit { minutes.removeAll(keepingCapacity: true) }
    minutes[key] = minute
    return minute + secondsInMinute
  }

  private func digit(_ byte: UInt8) -> Int? {
    byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
  }

  private func parse(_ text: String) -> Date? {
    if let first = text.utf8.first, first >= 0x30 && first <= 0x39 {
      if text.contains("T") { return iso.date(from: text) ?? isoFraction.date(from: text) }
      return isoSpace.date(from: text) ?? rfc2822NoWeekday.date(from: text)
    }
    return rfc2822.date(from: text)
  }
}
