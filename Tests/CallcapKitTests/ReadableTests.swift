import Testing

@testable import CallcapKit

@Suite("Readable numbers")
struct ReadableTests {
  @Test(
    "A duration reads in the largest unit a person uses, with the next below it",
    arguments: [
      (0.0, "0 s"), (0.35, "350 ms"), (0.0004, "0.4 ms"), (0.9996, "1 s"), (7.349, "7.35 s"), (38.24, "38.2 s"),
      (59.96, "1 min"), (60, "1 min"), (73.5, "1 min 14 s"), (1109, "18 min 29 s"), (1110, "18 min 30 s"),
      (3599.6, "1 h"), (3720, "1 h 02 min"), (86_399, "1 d"), (90_000, "1 d 01 h"), (315_360_000, "3,650 d"),
      (-95, "-1 min 35 s"),
    ])
  func duration(seconds: Double, text: String) {
    #expect(Readable.duration(seconds) == text)
  }

  @Test("Durations read together share the unit of the largest")
  func sharedUnit() {
    let unit = Readable.DurationUnit(forAll: [1900, 95, 0.5])
    #expect([1900, 95, 0.5].map { Readable.duration($0, in: unit) } == ["31.7 min", "1.58 min", "0.00833 min"])
    #expect(Readable.duration(1900, low: 1812, high: 1988) == "31.7 min (30.2 to 33.1 min)")
    #expect(Readable.duration(45, low: 30, high: 61) == "0.75 min (0.50 to 1.02 min)")
    // An interval whose ends read alike is left out; the estimate reads on its own.
    #expect(Readable.duration(1900, low: 1900.1, high: 1900.2) == "31 min 40 s")
  }

  @Test(
    "An estimate has three significant figures and keeps its whole part",
    arguments: [
      (89.75, "89.8"), (6.1, "6.1"), (146.0, "146"), (277.5, "278"), (1013.0, "1,013"), (0.003124, "0.00312"),
      (92.25, "92.3"), (-2.5, "-2.5"), (1_234_567.4, "1,234,567"), (0, "0"),
    ])
  func estimate(value: Double, text: String) {
    #expect(Readable.estimate(value) == text)
  }

  @Test("An estimate and its interval show the same decimals")
  func estimateWithInterval() {
    #expect(Readable.estimate(90.95, low: 89.6, high: 92.3) == "91.0 (89.6 to 92.3)")
    #expect(Readable.estimate(18, low: 15.7, high: 20.3) == "18.0 (15.7 to 20.3)")
    #expect(Readable.estimate(1013, low: 998, high: 1028) == "1,013 (998 to 1,028)")
    #expect(Readable.estimate(5.8, low: 5.24, high: 6.36) == "5.80 (5.24 to 6.36)")
    #expect(Readable.estimate(6.1, low: 6.1, high: 6.1) == "6.1")
    #expect(Readable.duration(1800, low: 1750, high: 1860) == "30.0 min (29.2 to 31.0 min)")
  }

  @Test("Counts are whole numbers with thousands separators")
  func counts() {
    #expect(Readable.count(0) == "0")
    #expect(Readable.count(999) == "999")
    #expect(Readable.count(1000) == "1,000")
    #expect(Readable.count(-12_345) == "-12,345")
    #expect(Readable.count(5114.6) == "5,115")
  }

  @Test("Amounts keep cents only when there are any")
  func amounts() {
    #expect(Readable.amount(210) == "210")
    #expect(Readable.amount(12_500) == "12,500")
    #expect(Readable.amount(2.5) == "2.50")
    #expect(Readable.amount(1234.05) == "1,234.05")
  }

  @Test("The duration units follow the magnitude")
  func units() {
    #expect(Readable.DurationUnit(for: 0.2) == .milliseconds)
    #expect(Readable.DurationUnit(for: 59) == .seconds)
    #expect(Readable.DurationUnit(for: 60) == .minutes)
    #expect(Readable.DurationUnit(for: 7200) == .hours)
    #expect(Readable.DurationUnit(for: 86_400) == .days)
    #expect(Readable.DurationUnit(forAll: [1, .nan, 4000]) == .hours)
  }
}
