/// The kinds of telephone numbers callcap tells apart.
public enum NumberKind: String, Sendable, CaseIterable, Hashable {
  /// 050: IP phone.
  case ip
  /// 070, 080, 090.
  case mobile
  /// 0AB-J area codes, e.g. 03, 06, 011.
  case geographic
  /// 0120, 0800.
  case tollFree = "toll-free"
  /// Service and carrier ranges Twilio does not dial by default.
  case special
  /// A number outside Japan, in E.164 form.
  case international
  /// A withheld caller ID (RESTRICTED, ANONYMOUS, ...).
  case withheld
}

/// Why a text is not a telephone number.
public struct NumberError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

/// A telephone number read from any of the forms people write in Japan and
/// classified by the numbering plan (see platform-rules.md, "Japanese
/// numbering").
public struct PhoneNumber: Sendable, Equatable {
  /// The text as given.
  public var input: String
  /// Digits in domestic form with the trunk prefix (`0312345678`), or the
  /// E.164 digits without `+` for international numbers, or the short code.
  public var digits: String
  public var kind: NumberKind
  /// What the range is, in words (`navi dial`, `Tokyo area`, ...).
  public var range: String
  /// The prefix that decided the class (`0570`, `090`, `03`).
  public var prefix: String

  /// `+81312345678`, or nil for short codes, special service numbers and
  /// withheld IDs.
  public var e164: String? {
    switch kind {
    case .withheld: return nil
    case .international: return "+" + digits
    default:
      guard digits.hasPrefix("0"), digits.count >= 9, !digits.hasPrefix("00"), !digits.hasPrefix("010") else { return nil }
      return "+81" + digits.dropFirst()
    }
  }

  /// Domestic form with hyphens as commonly written (`03-1234-5678`,
  /// `090-1234-5678`, `0120-123-456`), or the digits when no grouping applies.
  public var domestic: String {
    guard kind != .international, kind != .withheld, digits.hasPrefix("0") else { return digits }
    let groups: [Int]
    switch (prefix, digits.count) {
    case ("0120", 10), ("0570", 10), ("0170", 10), ("0180", 10), ("0990", 10), ("0910", 10): groups = [4, 3, 3]
    case ("0800", 11): groups = [4, 3, 4]
    case (_, 11): groups = [3, 4, 4]
    case (_, 10) where kind == .geographic: groups = [prefix.count, 6 - prefix.count, 4]
    default: return digits
    }
    var parts: [String] = []
    var rest = Substring(digits)
    for size in groups {
      parts.append(String(rest.prefix(size)))
      rest = rest.dropFirst(size)
    }
    return parts.joined(separator: "-")
  }

  static let withheldNames: [String: String] = [
    "RESTRICTED": "7378742833", "BLOCKED": "2562533", "UNKNOWN": "8656696",
    "ANONYMOUS": "266696687", "UNAVAILABLE": "86282452253", "EMPTY": "464",
  ]

  /// Reads a number. `countryCodeWithoutPlus` treats a leading `81` as the
  /// country code (`81312345678`), for inputs known to be E.164 without `+`.
  public static func parse(_ text: String, countryCodeWithoutPlus: Bool = false) -> Result<PhoneNumber, NumberError> {
    let input = text
    var body = normalizeWidth(text.trimmingCharacters(in: .whitespaces))
    if body.lowercased().hasPrefix("tel:") { body = String(body.dropFirst(4)) }
    if let digits = withheldNames[body.uppercased()] ?? withheldNames.first(where: { $0.value == body })?.value {
      let name = withheldNames.first { $0.value == digits }!.key
      let range = body == "anonymous" ? "withheld caller (anonymous, shown since 2023)" : "withheld caller (\(name))"
      return .success(PhoneNumber(input: input, digits: digits, kind: .withheld, range: range, prefix: name))
    }
    if body.isEmpty { return .failure(NumberError(message: "empty number")) }
    if body.hasPrefix("#") {
      let code = body.dropFirst().filter { $0 != "-" && $0 != " " }
      guard !code.isEmpty, code.allSatisfy(\.isASCIIDigit) else {
        return .failure(NumberError(message: "'\(input)' is not a short code (#XXXX)"))
      }
      return .success(PhoneNumber(input: input, digits: "#" + code, kind: .special, range: "short code", prefix: "#"))
    }
    var international = false
    if body.hasPrefix("+") {
      international = true
      body.removeFirst()
    }
    var digits = ""
    for character in body {
      if character.isASCIIDigit {
        digits.append(character)
      } else if " -().\u{00A0}".contains(character) {
        continue
      } else if character == "+" {
        return .failure(NumberError(message: "'\(input)' has a '+' in the middle"))
      } else {
        return .failure(NumberError(message: "'\(input)' contains '\(character)', which is not part of a telephone number"))
      }
    }
    if digits.isEmpty { return .failure(NumberError(message: "'\(input)' has no digits")) }
    if countryCodeWithoutPlus && !international && digits.hasPrefix("81") && !digits.hasPrefix("0") {
      international = true
    }
    if international {
      if digits.hasPrefix("81") {
        let national = digits.dropFirst(2)
        guard !national.hasPrefix("0") else {
          return .failure(NumberError(message: "'\(input)': after +81 the leading 0 is dropped (+81 3-1234-5678)"))
        }
        digits = "0" + national
      } else {
        guard (8...15).contains(digits.count), !digits.hasPrefix("0") else {
          return .failure(NumberError(message: "'\(input)' is not a valid E.164 number (8 to 15 digits after '+')"))
        }
        return .success(PhoneNumber(input: input, digits: digits, kind: .international, range: "outside Japan", prefix: "+"))
      }
    }
    return classifyDomestic(digits, input: input)
  }

  /// Full-width digits, plus signs and the many hyphen look-alikes become ASCII.
  static func normalizeWidth(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFF10...0xFF19: result.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
      case 0xFF0B: result.append("+")
      case 0xFF0D, 0x2010...0x2015, 0x2212, 0x30FC, 0xFF70: result.append("-")
      case 0xFF08: result.append("(")
      case 0xFF09: result.append(")")
      case 0x3000: result.append(" ")
      case 0xFF03: result.append("#")
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Ranges by prefix, longest first: (prefix, kind, range, required length or nil).
  static let ranges: [(String, NumberKind, String, Int?)] = [
    ("0120", .tollFree, "toll-free (0120)", 10),
    ("0800", .tollFree, "toll-free (0800)", 11),
    ("0570", .special, "navi dial", 10),
    ("0170", .special, "message dial", 10),
    ("0180", .special, "teledome", 10),
    ("0910", .special, "public-private connection", nil),
    ("0990", .special, "dial Q2", 10),
    ("0070", .special, "carrier toll-free / myline (0070)", nil),
    ("0077", .special, "carrier toll-free / myline (0077)", nil),
    ("010", .special, "international access prefix (use +E.164 instead)", nil),
    ("020", .special, "D-FAX / pager", 11),
    ("050", .ip, "IP phone", 11),
    ("060", .special, "UPT (personal number)", 11),
    ("070", .mobile, "mobile", 11),
    ("080", .mobile, "mobile", 11),
    ("090", .mobile, "mobile", 11),
    ("00", .special, "carrier prefix (00XY)", nil),
  ]

  static func classifyDomestic(_ digits: String, input: String) -> Result<PhoneNumber, NumberError> {
    if digits.count == 3 && digits.hasPrefix("1") {
      return .success(
        PhoneNumber(input: input, digits: digits, kind: .special, range: "special service number (1XY, e.g. 110, 119)", prefix: digits))
    }
    guard digits.hasPrefix("0") else {
      return .failure(
        NumberError(
          message:
            "'\(input)' does not start with 0 or +: write domestic numbers with the leading 0 (03-1234-5678) or in E.164 (+81312345678)"))
    }
    for (prefix, kind, range, length) in ranges where digits.hasPrefix(prefix) {
      if let length, digits.count != length {
        return .failure(
          NumberError(message: "'\(input)': \(range) numbers (\(prefix)) have \(length) digits, this one has \(digits.count)"))
      }
      if length == nil && digits.count < prefix.count + 1 {
        return .failure(NumberError(message: "'\(input)' is too short for \(range)"))
      }
      return .success(PhoneNumber(input: input, digits: digits, kind: kind, range: range, prefix: prefix))
    }
    guard digits.count == 10 else {
      return .failure(NumberError(message: "'\(input)': geographic numbers (0AB-J) have 10 digits, this one has \(digits.count)"))
    }
    let areaCodeLength = geographicAreaCodeLength(digits: digits, written: input)
    let prefix = String(digits.prefix(areaCodeLength))
    return .success(PhoneNumber(input: input, digits: digits, kind: .geographic, range: "geographic (area code \(prefix))", prefix: prefix))
  }

  /// Area-code length with the leading 0: taken from the hyphenation when
  /// the number was written with it; otherwise 2 for Tokyo (03) and Osaka
  /// (06) and 3 for the rest, a simplification of the national table.
  static func geographicAreaCodeLength(digits: String, written: String) -> Int {
    let normalized = normalizeWidth(written)
    let firstGroup = normalized.split(whereSeparator: { "- ()".contains($0) }).first.map(String.init) ?? ""
    if firstGroup.count >= 2, firstGroup.count <= 5, firstGroup.hasPrefix("0"), digits.hasPrefix(firstGroup) {
      return firstGroup.count
    }
    return digits.hasPrefix("03") || digits.hasPrefix("06") ? 2 : 3
  }
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
