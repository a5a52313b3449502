/// The next values of a random sequence, computed a batch at a time.
///
/// A draw such as an exponential variate is a long chain of dependent
/// floating-point operations (GSL's `log1p` alone is most of W1's variate
/// cost). Drawn one at a time inside the event loop, each chain stalls the
/// events that wait on its result; drawn `size` at a time in a loop of their
/// own, consecutive chains overlap in the processor. The values and their
/// order are exactly those of drawing one at a time, provided the stream
/// feeds nothing else: each ``Lookahead`` belongs to one stream and one
/// purpose. Memory is fixed: `size` values per stream.
struct Lookahead<Element: BitwiseCopyable> {
  /// Values per batch (the `InlineArray`'s length).
  static var size: Int { 32 }

  private var values: InlineArray<32, Element>
  /// Index of the next value to take; `size` when all are taken.
  private var position = Lookahead.size

  init(placeholder: Element) {
    values = InlineArray(repeating: placeholder)
  }

  /// Whether every computed value has been taken; fill it before taking more.
  var isEmpty: Bool { position == Self.size }

  /// Computes the next batch: `size` calls of `draw`, in order.
  @inline(__always)
  mutating func fill(_ draw: () -> Element) {
    for index in 0..<Self.size { values[index] = draw() }
    position = 0
  }

  /// The next value (the batch must not be empty).
  @inline(__always)
  mutating func take() -> Element {
    let value = values[position]
    position &+= 1
    return value
  }
}

extension Lookahead: Sendable where Element: Sendable {}
