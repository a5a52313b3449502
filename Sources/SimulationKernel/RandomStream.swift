import CGSL

/// An independent stream of random numbers backed by a GSL generator:
/// xoshiro256** (256 bits of state; see `shim.h`), through which GSL draws
/// every variate.
///
/// A stream is seeded from a ``StreamSeed`` alone, which is the whole
/// generator state, so the numbers a model draws depend only on the
/// scenario seed, the replication index and the stream's name, never on
/// threads or scheduling, and distinct streams never share a state. The
/// class owns its GSL generator and frees it on deinit; it is not shared
/// between threads. Draw through ``source``.
public final class RandomStream {
  /// The generator, as a plain value for hot loops.
  public let source: RandomSource

  /// Creates a stream seeded from `seed`.
  public init(seed: StreamSeed) {
    callcap_gsl_disable_abort()
    guard let generator = gsl_rng_alloc(callcap_rng_xoshiro256starstar()) else {
      fatalError("GSL could not allocate a random number generator (out of memory)")
    }
    source = RandomSource(generator: generator)
    callcap_rng_set_state(generator, seed.a, seed.b, seed.c, seed.d)
  }

  /// Word `index` (0-3) of the generator's current state.
  public func stateWord(_ index: Int) -> UInt64 {
    callcap_rng_state_word(source.generator, Int32(index))
  }

  /// The name of the generator, for reports.
  public static var generatorName: String { "xoshiro256**" }

  deinit {
    gsl_rng_free(source.generator)
  }

  /// The version of the GSL library in use, for reports.
  public static var gslVersion: String { String(cString: callcap_gsl_version()) }
}

/// The draws of a ``RandomStream``, through a plain pointer to its
/// generator: passing it around costs no reference counting, which matters
/// in the simulation loop. Valid only while its ``RandomStream`` is alive.
public struct RandomSource {
  @usableFromInline let generator: UnsafeMutablePointer<gsl_rng>

  @usableFromInline init(generator: UnsafeMutablePointer<gsl_rng>) {
    self.generator = generator
  }

  /// Uniform on [0, 1).
  @inlinable public func uniform() -> Double {
    gsl_rng_uniform(generator)
  }

  /// Uniform on (0, 1): never exactly zero.
  @inlinable public func uniformPositive() -> Double {
    gsl_rng_uniform_pos(generator)
  }

  /// Exponential with the given mean.
  @inlinable public func exponential(mean: Double) -> Double {
    gsl_ran_exponential(generator, mean)
  }

  /// Gamma with shape `shape` and scale `scale`.
  @inlinable public func gamma(shape: Double, scale: Double) -> Double {
    gsl_ran_gamma(generator, shape, scale)
  }

  /// Lognormal whose logarithm has mean `mu` and standard deviation `sigma`.
  @inlinable public func lognormal(mu: Double, sigma: Double) -> Double {
    gsl_ran_lognormal(generator, mu, sigma)
  }

  /// Weibull with shape `shape` and scale `scale`.
  @inlinable public func weibull(shape: Double, scale: Double) -> Double {
    gsl_ran_weibull(generator, scale, shape)
  }

  /// Uniform on [lower, upper).
  @inlinable public func uniform(lower: Double, upper: Double) -> Double {
    gsl_ran_flat(generator, lower, upper)
  }

  /// Standard normal quantile of a uniform in (low, 1): a normal variate
  /// truncated below, drawn by inversion so it never loops.
  @inlinable public func normalTruncatedBelow(mean: Double, sd: Double, at lowerBound: Double) -> Double {
    let low = gsl_cdf_ugaussian_P((lowerBound - mean) / sd)
    let u = low + (1 - low) * gsl_rng_uniform_pos(generator)
    if u >= 1 { return max(lowerBound, mean) }
    return max(lowerBound, mean + sd * gsl_cdf_ugaussian_Pinv(u))
  }

  /// True with probability `probability`.
  @inlinable public func bernoulli(_ probability: Double) -> Bool {
    probability >= 1 || (probability > 0 && gsl_rng_uniform(generator) < probability)
  }

  /// A uniformly chosen index in 0..<count (count > 0).
  @inlinable public func index(below count: Int) -> Int {
    Int(gsl_rng_uniform_int(generator, UInt(count)))
  }
}
