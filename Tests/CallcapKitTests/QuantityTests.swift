import Foundation
import PropertyBased
import Testing

@testable import CallcapKit

@Suite struct QuantityTests {
  @Test(arguments: [
    ("250ms", 0.25), ("90s", 90), ("4m", 240), ("4min", 240), ("1.5h", 5400), ("1d", 86_400), ("0", 0),
    (" 2 s", 2), ("1e3s", 1000),
  ])
  func durations(text: String, seconds: Double) throws {
    #expect(try Quantity.duration(Substring(text)).get() == seconds)
  }

  @Test(arguments: [("0.8/s", 0.8), ("40/min", 40.0 / 60), ("120/h", 120.0 / 3600), ("2000/d", 2000.0 / 86_400)])
  func rates(text: String, perSecond: Double) throws {
    #expect(try Quantity.rate(Substring(text)).get() == perSecond)
  }

  @Test(arguments: [("65%", 0.65), ("0.65", 0.65), ("100%", 1), ("0", 0), ("1", 1)])
  func shares(text: String, share: Double) throws {
    #expect(try Quantity.share(Substring(text)).get() == share)
  }

  @Test(arguments: ["90", "-5s", "5 parsecs", "nan", "inf s", "", "1e999s", "s"])
  func badDurations(text: String) {
    #expect(throws: QuantityError.self) { try Quantity.duration(Substring(text)).get() }
  }

  @Test(arguments: ["1.5", "120%", "-1%", "abc"])
  func badShares(text: String) {
    #expect(throws: QuantityError.self) { try Quantity.share(Substring(text)).get() }
  }

  @Test func clockTimes() throws {
    #expect(try Quantity.clockTime("08:00").get() == 28_800)
    #expect(try Quantity.clockTime("23:59:59").get() == 86_399)
    #expect(throws: QuantityError.self) { try Quantity.clockTime("24:00").get() }
    #expect(Quantity.clock(28_800 + 86_400) == "08:00")
  }

  @Test func humanDurations() {
    #expect(Quantity.humanDuration(3600) == "1h")
    #expect(Quantity.humanDuration(90) == "90s")
    #expect(Quantity.humanDuration(0.25) == "250ms")
    #expect(Quantity.humanDuration(86_400 * 2) == "2d")
    #expect(Quantity.humanDuration(5400) == "90m")
  }

  @Test func durationsRoundTrip() async {
    await propertyCheck(count: 500, input: Gen.double(in: 0...1e9)) { seconds in
      let text = Quantity.canonicalDuration(seconds)
      #expect((try? Quantity.duration(Substring(text)).get()) == seconds, "\(text)")
    }
  }

  @Test func ratesRoundTrip() async {
    await propertyCheck(count: 500, input: Gen.double(in: 0...1e6)) { perSecond in
      let text = Quantity.canonicalRate(perSecond)
      #expect((try? Quantity.rate(Substring(text)).get()) == perSecond, "\(text)")
    }
  }

  @Test func sharesRoundTrip() async {
    await propertyCheck(count: 500, input: Gen.double(in: 0...1)) { share in
      let text = Quantity.canonicalShare(share)
      #expect((try? Quantity.share(Substring(text)).get()) == share, "\(text)")
    }
  }
}

@Suite struct DistributionParserTests {
  let parser = DistributionParser()

  @Test(arguments: [
    ("90s", DistributionSpec(.constant(seconds: 90))),
    ("constant(2m)", DistributionSpec(.constant(seconds: 120))),
    ("exponential(mean: 90s)", DistributionSpec(.exponential(mean: 90))),
    ("lognormal(mean: 4m, sd: 6m)", DistributionSpec(.lognormalMeanSD(mean: 240, sd: 360))),
    ("lognormal(mu: 5, sigma: 0.5)", DistributionSpec(.lognormalMuSigma(mu: 5, sigma: 0.5))),
    ("gamma(mean: 3m, cv: 1.2)", DistributionSpec(.gammaMeanCV(mean: 180, cv: 1.2))),
    ("gamma(shape: 2, scale: 30s)", DistributionSpec(.gammaShapeScale(shape: 2, scale: 30))),
    ("erlang(k: 3, mean: 1m)", DistributionSpec(.erlang(k: 3, mean: 60))),
    ("weibull(shape: 1.5, scale: 2m)", DistributionSpec(.weibull(shape: 1.5, scale: 120))),
    ("uniform(min: 5s, max: 25s)", DistributionSpec(.uniform(min: 5, max: 25))),
    ("normal(mean: 1m, sd: 10s)", DistributionSpec(.normal(mean: 60, sd: 10))),
    ("exponential(mean: 90s, max: 10m)", DistributionSpec(.exponential(mean: 90), cap: 600)),
  ])
  func parses(text: String, expected: DistributionSpec) throws {
    #expect(try parser.parse(text).get() == expected)
  }

  @Test(arguments: [
    ("exponential(mean: -1s)", 18), ("lognormal(mean: 4m)", 10), ("foo(mean: 1s)", 0), ("exponential(mean: 1s", 20),
    ("uniform(min: 5s, max: 1s)", 22), ("erlang(k: 1.5, mean: 1m)", 10), ("gamma(mean: 1m, cv: 0)", 20),
  ])
  func rejects(text: String, offset: Int) {
    switch parser.parse(text) {
    case .success(let spec): Issue.record("accepted \(text) as \(spec)")
    case .failure(let error): #expect(error.offset == offset, "\(text): \(error.message)")
    }
  }

  @Test func means() {
    #expect(abs(DistributionSpec(.lognormalMuSigma(mu: 1, sigma: 1)).uncappedMean - 4.481689) < 1e-6)
    #expect(abs(DistributionSpec(.weibull(shape: 1, scale: 7)).uncappedMean - 7) < 1e-12)
    #expect(DistributionSpec(.gammaShapeScale(shape: 2, scale: 3)).uncappedMean == 6)
  }

  /// Printing a distribution and parsing the text gives back the same value.
  @Test func printedFormsParseBack() async {
    let positive = Gen.double(in: 0.001...1e6)
    await propertyCheck(count: 300, input: positive, positive, Gen.int(in: 0...10)) { a, b, choice in
      let shapes: [DistributionSpec.Shape] = [
        .constant(seconds: a), .exponential(mean: a), .lognormalMeanSD(mean: a, sd: b),
        .lognormalMuSigma(mu: a - 5, sigma: b), .gammaMeanCV(mean: a, cv: b), .gammaShapeScale(shape: a, scale: b),
        .erlang(k: Int(b) % 50 + 1, mean: a), .weibull(shape: a, scale: b), .uniform(min: min(a, b), max: max(a, b)),
        .normal(mean: a, sd: b), .exponential(mean: b),
      ]
      let spec = DistributionSpec(shapes[choice], cap: choice == 10 ? a : nil)
      let parsed = try? DistributionParser().parse(spec.description).get()
      // Parameters whose moments overflow are refused (InputLimits); all others round-trip.
      if DistributionParser.momentProblem(spec.shape, "x") == nil {
        #expect(parsed == spec, "\(spec.description)")
      } else {
        #expect(parsed == nil, "\(spec.description)")
      }
    }
  }
}

/// A profile read from a file ends with an open step: it never repeats, and
/// expected counts stay finite (they were NaN, which disabled --max-calls).
@Test func openEndedProfileCountsAreFinite() {
  let profile = RateProfile(durations: [10, .infinity], ratesPerSecond: [1, 2])
  #expect(profile.expectedCount(until: 30) == 10 + 2 * 20)
  #expect(profile.expectedCount(until: 5) == 5)
  let quiet = RateProfile(durations: [10, .infinity], ratesPerSecond: [0, 0])
  #expect(quiet.expectedCount(until: 100) == 0)
}

@Suite struct CFormattingTests {
  /// `Format` prints through the C library's `vsnprintf`: the same text as
  /// Foundation's `String(format:)` for every kind of value it meets
  /// (a fixed-seed spread over 40 decades, both signs, integers, halves).
  @Test func cFormattingMatchesFoundation() {
    var generator = SplitMix64(seed: 42)
    var values: [Double] = [0.5, 1.5, 2.5, -0.5, 1e15, 9.999999999e14, 1e-6, 123_456_789_012, 0.1, 1.0 / 3, -2.0 / 3]
    for _ in 0..<20_000 {
      let mantissa = Double(generator.next() % 1_000_000_007) / 1_000_000_007
      let exponent = Double(Int(generator.next() % 40) - 20)
      let sign: Double = generator.next() % 2 == 0 ? 1 : -1
      values.append(sign * mantissa * pow(10, exponent))
      values.append(Double(Int(generator.next() % 100_000)) / 4)
    }
    for value in values {
      #expect(Format.csv(value) == (value == 0 ? "0" : String(format: "%.10g", value)))
      for precision in [0, 2, 4, 6] {
        #expect(Format.printf(general: false, precision: precision, value) == String(format: "%.\(precision)f", value))
        #expect(Format.printf(general: true, precision: max(precision, 1), value) == String(format: "%.\(max(precision, 1))g", value))
      }
    }
  }
}
