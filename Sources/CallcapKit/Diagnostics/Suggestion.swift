/// "Did you mean ...?" suggestions for misspelt names.
enum Suggestion {
  /// The candidate closest to `word` by edit distance, if it is close enough
  /// to be a plausible typo (at most a third of the word's length, at least 1),
  /// or one candidate contains the other (`rate_per_hour` -> `rate`).
  static func closest(to word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased()
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(lowered, candidate.lowercased())
      if best == nil || distance < best!.distance { best = (candidate, distance) }
    }
    if let best, best.distance <= max(1, lowered.count / 3) { return best.name }
    let containing = candidates.filter {
      $0.count >= 3 && (lowered.hasPrefix($0.lowercased()) || $0.lowercased().hasPrefix(lowered))
    }
    return containing.max { $0.count < $1.count }
  }

  /// " (did you mean 'x'?)" or "".
  static func hint(for word: String, among candidates: [String]) -> String {
    guard let match = closest(to: word, among: candidates) else { return "" }
    return " (did you mean '\(match)'?)"
  }

  /// Levenshtein distance with adjacent transpositions counted as one edit.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
