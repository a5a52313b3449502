import Foundation

/// Reads the distribution mini-language: a bare duration (`90s`),
/// `constant(90s)`, or `name(key: value, ...)` with an optional `max:` cap.
///
/// Errors carry the offset of the offending text so the loader can point at
/// the exact column. Empirical files are read through `loadSamples`, which
/// the loader supplies (paths are relative to the scenario file).
public struct DistributionParser {
  public typealias SampleLoader = (_ path: String) -> Result<[Double], QuantityError>

  /// Parameter names each distribution accepts, besides `max`.
  static let forms: [String: [[String]]] = [
    "constant": [["value"]],
    "exponential": [["mean"]],
    "lognormal": [["mean", "sd"], ["mu", "sigma"]],
    "gamma": [["mean", "cv"], ["shape", "scale"]],
    "erlang": [["k", "mean"]],
    "weibull": [["shape", "scale"]],
    "uniform": [["min", "max"]],
    "normal": [["mean", "sd"]],
    "empirical": [["file"]],
  ]

  let loadSamples: SampleLoader

  public init(loadSamples: @escaping SampleLoader = { _ in .failure(QuantityError("empirical files are not available here")) }) {
    self.loadSamples = loadSamples
  }

  struct Argument {
    var key: String
    var value: Substring
    /// Offset of the key (or of a positional value).
    var offset: Int
    /// Offset of the first character of the value.
    var valueOffset: Int
  }

  public func parse(_ text: String) -> Result<DistributionSpec, QuantityError> {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let lead = text.unicodeScalars.prefix { $0 == " " }.count
    guard let open = trimmed.firstIndex(of: "(") else {
      // A bare duration means a constant.
      return Quantity.duration(Substring(trimmed))
        .mapError { error in
          QuantityError(
            "expected a duration or a distribution such as exponential(mean: 90s): "
              + error.message, at: lead + error.offset)
        }
        .flatMap { seconds in
          InputLimits.durationProblem(seconds, "a duration").map { .failure(QuantityError($0, at: lead)) }
            ?? .success(DistributionSpec(.constant(seconds: seconds)))
        }
    }
    let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
    guard let forms = Self.forms[name] else {
      return .failure(
        QuantityError(
          "unknown distribution '\(name)'" + Suggestion.hint(for: name, among: Self.forms.keys.sorted())
            + "; use one of " + Self.forms.keys.sorted().joined(separator: ", "), at: lead))
    }
    guard trimmed.hasSuffix(")") else {
      return .failure(QuantityError("missing ')' at the end of '\(trimmed)'", at: lead + trimmed.unicodeScalars.count))
    }
    let bodyStart = trimmed.index(after: open)
    let bodyEnd = trimmed.index(before: trimmed.endIndex)
    guard bodyStart <= bodyEnd else {
      return .failure(QuantityError("missing ')' at the end of '\(trimmed)'", at: lead + trimmed.unicodeScalars.count))
    }
    let body = trimmed[bodyStart..<bodyEnd]
    let bodyOffset = lead + trimmed[..<bodyStart].unicodeScalars.count

    var arguments: [Argument] = []
    var offset = bodyOffset
    for piece in body.split(separator: ",", omittingEmptySubsequences: false) {
      defer { offset += piece.unicodeScalars.count + 1 }
      let pieceLead = piece.unicodeScalars.prefix { $0 == " " }.count
      if let colon = piece.firstIndex(of: ":") {
        let key = piece[..<colon].trimmingCharacters(in: .whitespaces)
        let value = piece[piece.index(after: colon)...]
        let valueLead = value.unicodeScalars.prefix { $0 == " " }.count
        let valueOffset = offset + piece[...colon].unicodeScalars.count + valueLead
        arguments.append(Argument(key: key, value: value, offset: offset + pieceLead, valueOffset: valueOffset))
      } else if name == "constant" && arguments.isEmpty {
        arguments.append(Argument(key: "value", value: piece, offset: offset + pieceLead, valueOffset: offset + pieceLead))
      } else {
        return .failure(
          QuantityError(
            "expected 'name: value' in \(name)(...), got '\(piece.trimmingCharacters(in: .whitespaces))'", at: offset + pieceLead))
      }
    }

    var values: [String: Argument] = [:]
    let allNames = Set(forms.flatMap { $0 } + ["max"])
    for argument in arguments {
      guard allNames.contains(argument.key) else {
        return .failure(
          QuantityError(
            "unknown parameter '\(argument.key)' for \(name)"
              + Suggestion.hint(for: argument.key, among: allNames.sorted())
              + "; expected " + forms.map { "(" + $0.joined(separator: ", ") + ")" }.joined(separator: " or "),
            at: argument.offset))
      }
      if values[argument.key] != nil {
        return .failure(QuantityError("parameter '\(argument.key)' given twice", at: argument.offset))
      }
      values[argument.key] = argument
    }

    // `uniform` uses `max` as a parameter, so it cannot also be capped.
    let capArgument = name == "uniform" ? nil : values.removeValue(forKey: "max")
    guard let form = forms.first(where: { Set($0) == Set(values.keys) }) else {
      let expected = forms.map { $0.joined(separator: ", ") }.joined(separator: "' or '")
      return .failure(QuantityError("\(name)(...) needs '\(expected)'", at: bodyOffset))
    }

    func duration(_ key: String, positive: Bool = false) -> Result<Double, QuantityError> {
      let argument = values[key]!
      return Quantity.duration(argument.value).mapError { QuantityError($0.message, at: argument.valueOffset + $0.offset) }
        .flatMap { value in
          if positive && value <= 0 {
            return .failure(QuantityError("\(name) parameter '\(key)' must be greater than zero", at: argument.valueOffset))
          }
          if let problem = InputLimits.durationProblem(value, "\(name) parameter '\(key)'", zeroAllowed: !positive) {
            return .failure(QuantityError(problem, at: argument.valueOffset))
          }
          return .success(value)
        }
    }
    func number(_ key: String, positive: Bool) -> Result<Double, QuantityError> {
      let argument = values[key]!
      return Quantity.number(argument.value).mapError { QuantityError($0.message, at: argument.valueOffset + $0.offset) }
        .flatMap { value in
          positive && value <= 0
            ? .failure(QuantityError("\(name) parameter '\(key)' must be greater than zero", at: argument.valueOffset))
            : .success(value)
        }
    }

    let shape: Result<DistributionSpec.Shape, QuantityError>
    switch (name, form.first!) {
    case ("constant", _): shape = duration("value").map { .constant(seconds: $0) }
    case ("exponential", _): shape = duration("mean", positive: true).map { .exponential(mean: $0) }
    case ("lognormal", "mean"):
      shape = duration("mean", positive: true).flatMap { mean in
        duration("sd", positive: true).map { .lognormalMeanSD(mean: mean, sd: $0) }
      }
    case ("lognormal", _):
      shape = number("mu", positive: false).flatMap { mu in
        number("sigma", positive: true).map { .lognormalMuSigma(mu: mu, sigma: $0) }
      }
    case ("gamma", "mean"):
      shape = duration("mean", positive: true).flatMap { mean in
        number("cv", positive: true).map { .gammaMeanCV(mean: mean, cv: $0) }
      }
    case ("gamma", _):
      shape = number("shape", positive: true).flatMap { s in
        duration("scale", positive: true).map { .gammaShapeScale(shape: s, scale: $0) }
      }
    case ("erlang", _):
      shape = number("k", positive: true).flatMap { k in
        guard k == k.rounded(), k <= 1000 else {
          return .failure(QuantityError("erlang parameter 'k' must be a whole number from 1 to 1000", at: values["k"]!.valueOffset))
        }
        return duration("mean", positive: true).map { .erlang(k: Int(k), mean: $0) }
      }
    case ("weibull", _):
      shape = number("shape", positive: true).flatMap { s in
        duration("scale", positive: true).map { .weibull(shape: s, scale: $0) }
      }
    case ("uniform", _):
      shape = duration("min").flatMap { low in
        duration("max").flatMap { high in
          high < low
            ? .failure(QuantityError("uniform needs min <= max", at: values["max"]!.valueOffset))
            : .success(.uniform(min: low, max: high))
        }
      }
    case ("normal", _):
      shape = duration("mean", positive: true).flatMap { mean in
        duration("sd", positive: true).map { .normal(mean: mean, sd: $0) }
      }
    default:
      let argument = values["file"]!
      let path = argument.value.trimmingCharacters(in: .whitespaces)
      guard !path.isEmpty else { return .failure(QuantityError("empirical needs a file name", at: argument.offset)) }
      shape = loadSamples(path).map { .empirical(file: path, samples: $0) }
        .mapError { QuantityError($0.message, at: argument.valueOffset) }
    }

    return shape.flatMap { shape in
      if let problem = Self.momentProblem(shape, name) { return .failure(QuantityError(problem, at: bodyOffset)) }
      guard let capArgument else { return .success(DistributionSpec(shape)) }
      return Quantity.duration(capArgument.value)
        .mapError { QuantityError($0.message, at: capArgument.valueOffset + $0.offset) }
        .flatMap { cap in
          if cap <= 0 { return .failure(QuantityError("'max' must be greater than zero", at: capArgument.valueOffset)) }
          if let problem = InputLimits.durationProblem(cap, "'max'", zeroAllowed: false) {
            return .failure(QuantityError(problem, at: capArgument.valueOffset))
          }
          return .success(DistributionSpec(shape, cap: cap))
        }
    }
  }

  /// Why the parameters would give a distribution whose mean or spread a
  /// Double cannot carry (NaN or infinite moments, draws beyond every time
  /// the model represents), or nil when they are fine: the mean is at most
  /// ``InputLimits/maxSeconds`` and the coefficient of variation at most
  /// ``InputLimits/maxCoefficientOfVariation``.
  static func momentProblem(_ shape: DistributionSpec.Shape, _ name: String) -> String? {
    let maxCV = InputLimits.maxCoefficientOfVariation
    let cv: Double
    switch shape {
    case .lognormalMeanSD(let mean, let sd): cv = sd / mean
    case .lognormalMuSigma(_, let sigma): cv = (expm1(sigma * sigma)).squareRoot()
    case .gammaMeanCV(_, let value):
      if value < 1e-3 { return "gamma parameter 'cv' must be at least 0.001, got \(Quantity.shortest(value))" }
      cv = value
    case .gammaShapeScale(let shape, _):
      if shape > 1e6 { return "gamma parameter 'shape' must be at most 1000000, got \(Quantity.shortest(shape))" }
      cv = 1 / shape.squareRoot()
    case .weibull(let shape, _):
      guard shape >= 0.1, shape <= 1000 else {
        return "weibull parameter 'shape' must be from 0.1 to 1000, got \(Quantity.shortest(shape))"
      }
      cv = 0
    default: cv = 0
    }
    if !(cv <= maxCV) {
      return
        "\(name)(...) has a coefficient of variation (sd / mean) of \(Format.decimal(cv, digits: 3)); at most \(Format.decimal(maxCV)) is allowed (its moments would overflow)"
    }
    let mean = DistributionSpec(shape).uncappedMean
    if !(mean <= InputLimits.maxSeconds) {
      return "\(name)(...) has a mean of \(Quantity.humanDuration(mean)); at most 3650d is allowed"
    }
    return nil
  }
}
