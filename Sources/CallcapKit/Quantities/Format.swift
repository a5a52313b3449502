import Foundation

/// Deterministic number formatting for reports and CSV files. Output must be
/// byte-identical for the same results, so everything goes through here.
public enum Format {
  /// At most `digits` significant digits, no exponent for ordinary
  /// magnitudes, trailing zeros removed: `2.01`, `1440`, `0.00312`.
  public static func decimal(_ value: Double, digits: Int = 4) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e15 || magnitude < 1e-6 { return printf(general: true, precision: digits, value) }
    let integerDigits = magnitude >= 1 ? Int(log10(magnitude).rounded(.down)) + 1 : 0
    let fractionDigits = max(0, digits - integerDigits)
    var text = printf(general: false, precision: fractionDigits, value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  /// Full precision for CSV files: enough digits to round-trip, fixed form.
  public static func csv(_ value: Double) -> String {
    if value.isNaN { return "" }
    if value == 0 { return "0" }
    return printf(general: true, precision: 10, value)
  }

  /// `%.*g` (`general`) or `%.*f` of one number, formatted by the C library
  /// into a stack buffer: the digits `String(format:)` gives, without its
  /// formatter objects, which took a quarter of the time of writing a
  /// long `timeseries.csv`.
  static func printf(general: Bool, precision: Int, _ value: Double) -> String {
    let capacity = 128
    let text: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
      guard let start = buffer.baseAddress else { return nil }
      let count = withVaList([Int32(precision), value]) { arguments in
        vsnprintf(start, capacity, general ? "%.*g" : "%.*f", arguments)
      }
      guard count >= 0, Int(count) < capacity else { return nil }
      return String(decoding: UnsafeRawBufferPointer(start: start, count: Int(count)).bindMemory(to: UInt8.self), as: UTF8.self)
    }
    return text ?? String(format: general ? "%.\(precision)g" : "%.\(precision)f", value)
  }

  /// A share as a percentage: `12.5%`.
  public static func percent(_ share: Double, digits: Int = 3) -> String {
    "\(decimal(share * 100, digits: digits))%"
  }

  /// Left-pads `text` with spaces to `width` characters (`String(format:)`
  /// padding does not work on Linux).
  public static func padded(_ text: String, to width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}
