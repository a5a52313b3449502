import ArgumentParser
import CallcapKit

/// `callcap number`: classify Japanese numbers.
struct NumberCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "number",
    abstract: "Classify telephone numbers: E.164 form, kind, whether Twilio sells it and can dial it, and why not.",
    discussion: """
      Accepts every form people write: 03-1234-5678, 0312345678, (03) 1234-5678, +81 3-1234-5678, \
      +81312345678, full-width digits and hyphens (０３－１２３４－５６７８), tel: URIs, withheld-caller values \
      (ANONYMOUS, 266696687, anonymous). Exits 65 if any number is malformed.
      """
  )

  @Argument(help: "Numbers to classify.")
  var numbers: [String]

  @Flag(help: "Read a leading 81 without '+' as Japan's country code (81312345678).")
  var countryCode = false

  @Option(help: ArgumentHelp("Treat these prefixes as dialable, comma-separated (like numbering.allow).", valueName: "prefixes"))
  var allow: String?

  @Option(help: ArgumentHelp("Treat these prefixes as not dialable, comma-separated (like numbering.deny).", valueName: "prefixes"))
  var deny: String?

  @Flag(help: "Print the numbers as JSON: {callcap_version, command, numbers: [...]}, one object per number.")
  var json = false

  func run() throws {
    func prefixes(_ text: String?) -> [String] {
      (text ?? "").split(separator: ",").map { String($0).filter { $0 != " " && $0 != "-" } }
    }
    let rules = DialingRules(overrides: NumberingOverrides(allow: prefixes(allow), deny: prefixes(deny)))
    let infos = numbers.map { NumberInfo($0, countryCodeWithoutPlus: countryCode, rules: rules) }
    if json {
      print(OutputDocument.numbers(infos), terminator: "")
    } else {
      for info in infos { print(info.line) }
    }
    if infos.contains(where: { if case .failure = $0.result { true } else { false } }) { throw ExitCode(65) }
  }
}
