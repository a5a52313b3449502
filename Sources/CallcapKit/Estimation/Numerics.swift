import CGSL

/// Numerical integration and root finding, done by GSL (QAGS adaptive
/// integration, Brent's method). Swift closures reach GSL's C callbacks
/// through a context pointer.
enum Numerics {
  private final class Function {
    let body: (Double) -> Double
    init(_ body: @escaping (Double) -> Double) { self.body = body }
  }

  private static func withGSLFunction<T>(_ body: @escaping (Double) -> Double, _ use: (inout gsl_function) -> T) -> T {
    let box = Function(body)
    return withExtendedLifetime(box) {
      var function = gsl_function(
        function: { x, params in Unmanaged<Function>.fromOpaque(params!).takeUnretainedValue().body(x) },
        params: Unmanaged.passUnretained(box).toOpaque())
      return use(&function)
    }
  }

  /// The integral of `f` over [lower, upper], to a relative error of about 1e-9.
  static func integrate(from lower: Double, to upper: Double, _ f: @escaping (Double) -> Double) -> Double {
    guard upper > lower else { return 0 }
    callcap_gsl_disable_abort()
    let limit = 1000
    guard let workspace = gsl_integration_workspace_alloc(limit) else { return .nan }
    defer { gsl_integration_workspace_free(workspace) }
    var result = 0.0
    var error = 0.0
    _ = withGSLFunction(f) { function in
      gsl_integration_qags(&function, lower, upper, 1e-12, 1e-9, limit, workspace, &result, &error)
    }
    return result
  }

  /// A root of `f` in [lower, upper], where f(lower) and f(upper) differ in
  /// sign; nil when they do not.
  static func root(in lower: Double, _ upper: Double, _ f: @escaping (Double) -> Double) -> Double? {
    let (fLower, fUpper) = (f(lower), f(upper))
    if fLower == 0 { return lower }
    if fUpper == 0 { return upper }
    guard fLower.sign != fUpper.sign, fLower.isFinite, fUpper.isFinite else { return nil }
    callcap_gsl_disable_abort()
    guard let solver = gsl_root_fsolver_alloc(callcap_root_brent()) else { return nil }
    defer { gsl_root_fsolver_free(solver) }
    return withGSLFunction(f) { function -> Double? in
      guard gsl_root_fsolver_set(solver, &function, lower, upper) == GSL_SUCCESS else { return nil }
      for _ in 0..<200 {
        guard gsl_root_fsolver_iterate(solver) == GSL_SUCCESS else { return nil }
        let (low, high) = (gsl_root_fsolver_x_lower(solver), gsl_root_fsolver_x_upper(solver))
        if gsl_root_test_interval(low, high, 0, 1e-12) == GSL_SUCCESS { return gsl_root_fsolver_root(solver) }
      }
      return gsl_root_fsolver_root(solver)
    }
  }
}
