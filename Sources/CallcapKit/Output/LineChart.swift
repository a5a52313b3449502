import Foundation

/// A line chart rendered as a standalone SVG: labelled axes with units,
/// "nice" ticks, a legend, and horizontal reference lines (thresholds,
/// objectives). Deterministic text, so reports stay byte-identical.
public struct LineChart: Sendable {
  public struct Series: Sendable {
    public var name: String
    public var color: String
    public var points: [(x: Double, y: Double)]
    public var lineWidth = 2.0
    public var opacity = 1.0
    public var markers = false
  }

  public struct Reference: Sendable {
    public var label: String
    public var value: Double
    public var color: String
    /// SVG dash pattern: long dashes for thresholds, dots for derived limits.
    public var dash = "6 4"
  }

  public enum XAxis: Sendable {
    /// Seconds since t = 0, labelled as wall-clock time from `startClock`.
    case clock(startClock: Double)
    /// Numbers placed in proportion (or, with `logarithmic`, by ratio:
    /// 1, 2, 5, 10 CPS one step apart each doubling and more), ticked at
    /// `values` themselves (CPS tiers); a log axis label should say so.
    case values([Double], logarithmic: Bool)
    /// Positive values on a logarithmic scale, so equal ratios look equal
    /// (growth factors x0.5, x1, x2); the axis label should say "log scale".
    case logarithmic
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var xAxis: XAxis
  public var series: [Series] = []
  public var references: [Reference] = []
  /// How durations on a clock axis read (`+1 d 04 h`): the report language's units.
  public var units: Readable.Units = .english

  static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]

  private let width = 820.0
  private let height = 420.0
  private let left = 70.0
  private let right = 200.0
  private let top = 40.0
  private let bottom = 60.0

  public func render() -> String {
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    let xs = series.flatMap { $0.points.map(\.x) }
    let (xMin, xMax): (Double, Double) = {
      switch xAxis {
      case .clock: return (xs.min() ?? 0, max(xs.max() ?? 1, (xs.min() ?? 0) + 1))
      case .values(let values, let logarithmic):
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        if logarithmic { return (low / 1.05, high * 1.05) }
        let pad = max(high - low, 1) * 0.03
        return (low - pad, high + pad)
      case .logarithmic:
        let positive = xs.filter { $0 > 0 }
        let low = positive.min() ?? 1
        let high = positive.max() ?? 1
        // A little room either side, and never a zero-width span.
        return high / low < 1.02 ? (low / 1.01, high * 1.01) : (low / 1.005, high * 1.005)
      }
    }()
    let yData = series.flatMap { $0.points.map(\.y) } + references.map(\.value)
    let yTicks = Self.niceTicks(upTo: max((yData.max() ?? 1) * 1.05, 1))
    let yMax = yTicks.last ?? 1
    func px(_ x: Double) -> Double {
      switch xAxis {
      case .logarithmic, .values(_, logarithmic: true): return left + log(x / xMin) / log(xMax / xMin) * plotWidth
      default: break
      }
      return left + (x - xMin) / (xMax - xMin) * plotWidth
    }
    func py(_ y: Double) -> Double { top + plotHeight - y / yMax * plotHeight }
    func n(_ value: Double) -> String { Format.decimal(value, digits: 6) }

    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" \
      font-family="Helvetica, Arial, sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(n(left))" y="22" font-size="15" font-weight="bold">\(XML.escape(title))</text>

      """
    // Grid and y axis.
    for tick in yTicks {
      let y = py(tick)
      svg += "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(y))\" stroke=\"#e5e5e5\"/>\n"
      svg += "<text x=\"\(n(left - 6))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(Format.decimal(tick))</text>\n"
    }
    // X axis ticks.
    for (x, label) in xTicks(xMin: xMin, xMax: xMax) {
      svg +=
        "<line x1=\"\(n(px(x)))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(px(x)))\" y2=\"\(n(top + plotHeight + 5))\" stroke=\"#333\"/>\n"
      svg += "<text x=\"\(n(px(x)))\" y=\"\(n(top + plotHeight + 18))\" text-anchor=\"middle\">\(XML.escape(label))</text>\n"
    }
    svg +=
      "<line x1=\"\(n(left))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(top + plotHeight))\" stroke=\"#333\"/>\n"
    svg += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotHeight))\" stroke=\"#333\"/>\n"
    svg += "<text x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 14))\" text-anchor=\"middle\">\(XML.escape(xLabel))</text>\n"
    svg +=
      "<text transform=\"translate(18 \(n(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(XML.escape(yLabel))</text>\n"

    var legend: [(label: String, color: String, dash: String?, opacity: Double)] = []
    // Lines at the same height would hide one another: they take turns
    // along the line (interleaved dashes), so every colour shows.
    let sameHeight = Dictionary(grouping: references.indices) { references[$0].value }
    for (index, reference) in references.enumerated() {
      let y = py(reference.value)
      let group = sameHeight[reference.value] ?? [index]
      var pattern = "stroke-dasharray=\"\(reference.dash)\""
      if group.count > 1, let turn = group.firstIndex(of: index) {
        pattern = "stroke-dasharray=\"8 \(8 * (group.count - 1))\" stroke-dashoffset=\"\(-8 * turn)\""
      }
      svg +=
        "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(y))\" stroke=\"\(reference.color)\" stroke-width=\"1.5\" \(pattern)/>\n"
      legend.append((reference.label, reference.color, reference.dash, 1))
    }
    for line in series where !line.points.isEmpty {
      let path = line.points.enumerated().map { index, point in
        "\(index == 0 ? "M" : "L")\(n(px(point.x))) \(n(py(point.y)))"
      }.joined(separator: " ")
      svg +=
        "<path d=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"\(n(line.lineWidth))\" stroke-opacity=\"\(n(line.opacity))\" stroke-linejoin=\"round\"/>\n"
      if line.markers {
        for point in line.points {
          svg += "<circle cx=\"\(n(px(point.x)))\" cy=\"\(n(py(point.y)))\" r=\"3.5\" fill=\"\(line.color)\"/>\n"
        }
      }
      legend.append((line.name, line.color, nil, line.opacity))
    }
    for (index, entry) in legend.enumerated() {
      let y = top + 10 + Double(index) * 20
      let x = left + plotWidth + 16
      let dash = entry.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
      svg +=
        "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 24))\" y2=\"\(n(y))\" stroke=\"\(entry.color)\" stroke-width=\"2\" stroke-opacity=\"\(n(entry.opacity))\"\(dash)/>\n"
      svg += "<text x=\"\(n(x + 30))\" y=\"\(n(y + 4))\">\(XML.escape(entry.label))</text>\n"
    }
    return svg + "</svg>\n"
  }

  private func xTicks(xMin: Double, xMax: Double) -> [(Double, String)] {
    switch xAxis {
    case .values(let values, _):
      return values.map { ($0, Quantity.shortest($0)) }
    case .logarithmic:
      return Self.logTicks(from: xMin, to: xMax).map { ($0, "x" + Format.decimal($0, digits: 3)) }
    case .clock(let startClock):
      let span = xMax - xMin
      let steps: [Double] = [1, 5, 10, 30, 60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172_800, 604_800]
      let step = steps.first { span / $0 <= 8 } ?? (span / 8).rounded(.up)
      var ticks: [(Double, String)] = []
      var x = (xMin / step).rounded(.up) * step
      while x <= xMax + 1e-9 {
        let label =
          step < 60 || span > 172_800 ? "+" + Readable.duration(x, units: units) : Quantity.clock(startClock + x)
        ticks.append((x, label))
        x += step
      }
      return ticks
    }
  }

  /// Ticks for a logarithmic axis over [low, high]: 1-2-5 multiples of
  /// powers of ten when the span covers a decade or more, otherwise evenly
  /// stepped values (a 1-2-5 step, about five of them) inside the span.
  static func logTicks(from low: Double, to high: Double) -> [Double] {
    guard low > 0, high > low else { return [] }
    if high / low >= 10 {
      var ticks: [Double] = []
      var decade = pow(10, log10(low).rounded(.down))
      while decade <= high {
        for multiple in [1.0, 2, 5] where (low...high).contains(multiple * decade) { ticks.append(multiple * decade) }
        decade *= 10
      }
      return ticks
    }
    let rough = (high - low) / 5
    let magnitude = pow(10, log10(rough).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
    var ticks: [Double] = []
    var tick = (low / step).rounded(.up) * step
    while tick <= high + step * 1e-9 {
      // Snapped to the step's decimals, so labels read 1.2, not 1.2000000000000002.
      ticks.append((tick / step).rounded() * step)
      tick += step
    }
    return ticks
  }

  /// 0 and multiples of a 1-2-5 step reaching at least `maximum`, about six ticks.
  static func niceTicks(upTo maximum: Double) -> [Double] {
    let rough = maximum / 5
    let magnitude = pow(10, (log10(rough)).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
    let count = Int((maximum / step).rounded(.up))
    return (0...count).map { Double($0) * step }
  }
}
