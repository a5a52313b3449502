import CGSL
import Foundation
import Testing

@testable import CallcapKit

/// Maximum-likelihood fits and profiles recover the models that generated
/// the data, with fixed seeds.
@Suite struct RecordFitTests {
  static func sample(_ count: Int, seed: UInt, _ draw: (OpaquePointer) -> Double) -> [Double] {
    let generator = gsl_rng_alloc(callcap_rng_mt19937())!
    defer { gsl_rng_free(generator) }
    gsl_rng_set(generator, seed)
    return (0..<count).map { _ in draw(OpaquePointer(generator)) }
  }

  static func rng(_ pointer: OpaquePointer) -> UnsafeMutablePointer<gsl_rng> { UnsafeMutablePointer(pointer) }

  /// Sample mean and standard deviation, for comparison.
  static func moments(_ values: [Double]) -> (mean: Double, sd: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    return (mean, variance.squareRoot())
  }

  @Test func lognormalMean4mSD6mIsRecoveredWithin3Percent() throws {
    // mean 240 s, sd 360 s: sigma^2 = ln(1 + 1.5^2), mu = ln 240 - sigma^2 / 2.
    let sigma2 = log(1 + 1.5 * 1.5)
    let values = Self.sample(20_000, seed: 4) { gsl_ran_lognormal(Self.rng($0), log(240) - sigma2 / 2, sigma2.squareRoot()) }
    let fits = DurationFit.fitAll(values)
    let best = try #require(DurationFit.best(fits))
    #expect(best.family == .lognormal)
    #expect(abs(best.mean / 240 - 1) < 0.03, "mean \(best.mean)")
    #expect(abs(best.standardDeviation / 360 - 1) < 0.03, "sd \(best.standardDeviation)")
    #expect(DurationFit.isAcceptable(best, count: values.count))
    #expect(best.scenarioText.hasPrefix("lognormal(mean: "))
  }

  @Test func gammaIsPickedAndRecovered() throws {
    // gamma(mean 180 s, cv 0.7): shape 1/0.49, scale 180 * 0.49.
    let shape = 1 / 0.49
    let values = Self.sample(20_000, seed: 5) { gsl_ran_gamma(Self.rng($0), shape, 180 / shape) }
    let best = try #require(DurationFit.best(DurationFit.fitAll(values)))
    #expect(best.family == .gamma)
    #expect(abs(best.first / shape - 1) < 0.05, "shape \(best.first)")
    #expect(abs(best.mean / 180 - 1) < 0.03)
    #expect(abs(best.standardDeviation / (180 * 0.7) - 1) < 0.03)
  }

  @Test func weibullIsPickedAndRecovered() throws {
    let values = Self.sample(20_000, seed: 6) { gsl_ran_weibull(Self.rng($0), 200, 1.5) }
    let best = try #require(DurationFit.best(DurationFit.fitAll(values)))
    #expect(best.family == .weibull)
    #expect(abs(best.first / 1.5 - 1) < 0.03, "shape \(best.first)")
    #expect(abs(best.second / 200 - 1) < 0.03, "scale \(best.second)")
  }

  @Test func maximumLikelihoodMatchesTheMomentsWhereTheyCoincide() throws {
    let values = Self.sample(5_000, seed: 7) { gsl_ran_exponential(Self.rng($0), 90) }
    let fits = DurationFit.fitAll(values)
    let exponential = try #require(fits.first { $0.family == .exponential })
    #expect(abs(exponential.mean - Self.moments(values).mean) < 1e-9)
    // Exponential is gamma and Weibull with shape 1: their shapes come out near 1.
    #expect(abs(fits.first { $0.family == .gamma }!.first - 1) < 0.06)
    #expect(abs(fits.first { $0.family == .weibull }!.first - 1) < 0.06)
    // The KS distance of a perfect fit to a large sample is small; of a wrong family, not.
    #expect(exponential.ksDistance < 0.02)
    #expect(fits.first { $0.family == .lognormal }!.ksDistance > 0.05)
  }

  @Test func degenerateSamplesFitNothing() {
    #expect(DurationFit.fitAll([]).isEmpty)
    #expect(DurationFit.fitAll([5, 5, 5]).isEmpty)
    #expect(DurationFit.fitAll([0, -1, .nan]).isEmpty)
  }

  @Test func ksDistanceOfASmallSampleByHand() {
    // Uniform(0, 1) CDF against {0.1, 0.5, 0.5, 0.9}: the largest gap is
    // at 0.5, where the sample's CDF jumps from 0.25 to 0.75.
    #expect(abs(DurationFit.ksDistance([0.1, 0.5, 0.5, 0.9]) { min(max($0, 0), 1) } - 0.25) < 1e-12)
  }

  /// An hourly Poisson profile: each hour's count N_h is Poisson(rate_h),
  /// so its standard deviation is sqrt(rate_h). The recovered rate must lie
  /// within 4 standard deviations in every hour (each hour fails with
  /// probability below 1e-4 under the model, all 24 together below 0.2%),
  /// and the day's total within 3 standard deviations of the sum.
  @Test func anHourlyPoissonProfileIsRecoveredWithinItsSamplingError() throws {
    let rates: [Double] = [2, 1, 1, 1, 1, 2, 5, 10, 20, 30, 30, 25, 20, 25, 30, 30, 25, 20, 10, 8, 6, 4, 3, 2].map { $0 * 10 }
    let generator = gsl_rng_alloc(callcap_rng_mt19937())!
    defer { gsl_rng_free(generator) }
    gsl_rng_set(generator, 11)
    var fit = RecordFit(utcOffsetSeconds: 9 * 3600, everySeconds: 3600)
    let midnightUTC = RecordFixtures.seconds("2026-11-10 00:00:00")
    var sid = 0
    for (hour, rate) in rates.enumerated() {
      let count = Int(gsl_ran_poisson(generator, rate))
      for _ in 0..<count {
        sid += 1
        let created = midnightUTC + Int64(hour * 3600) + Int64(gsl_rng_uniform_int(generator, 3600))
        let record = CallRecord(
          sid: "CA\(sid)", parentCallSid: nil, direction: .inbound, status: "completed", createdSeconds: created,
          live: (created, created + 60), durationSeconds: 60, queueTimeMilliseconds: nil, from: nil, to: "+818001234567", trunkSid: nil)
        fit.add(record, role: .inbound)
      }
    }
    let key = RecordFit.Key(kind: "inbound", number: "+818001234567")
    let recovered = fit.profileCounts(try #require(fit.classes[key]), day: .busiest)
    #expect(recovered.count == 24)
    for (hour, rate) in rates.enumerated() {
      #expect(abs(recovered[hour] - rate) <= 4 * rate.squareRoot(), "hour \(hour): \(recovered[hour]) vs \(rate)")
    }
    let total = rates.reduce(0, +)
    #expect(abs(recovered.reduce(0, +) - total) <= 3 * total.squareRoot())
  }

  @Test func theShippedRecordsFitToAScenarioTheLoaderAccepts() throws {
    let folder = try RecordFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = FitRecords.read(
      paths: [RecordFixtures.shipped.appendingPathComponent("records.csv").path], utcOffsetSeconds: 9 * 3600, everySeconds: 1800)
    #expect(result.outcome.diagnostics.isEmpty)
    let scenario = result.fit.scenario(name: "fitted", day: .mean, files: ["records.csv"], records: result.outcome.recordsRead)
    for sample in scenario.samples {
      try sample.contents.write(to: folder.appendingPathComponent(sample.path), atomically: true, encoding: .utf8)
    }
    let loaded = ScenarioLoader().load(text: scenario.text, path: "fitted.yaml", baseDirectory: folder.path)
    let fitted = try loaded.get()
    #expect(fitted.traffic.count == 4)
    // The inbound support line is lognormal(mean 240 s, sd 360 s) in the generating model.
    #expect(scenario.text.contains("duration: lognormal(mean: "))
    #expect(scenario.text.contains("profile: { every: 30m, rates: ["))
  }
}
