/// How the verdict lists its remedies: each sentence, then whether its
/// change was verified by simulation (``RemedyVerification``) and which
/// one `fix.yaml` applies.
enum RemedyReport {
  /// The "What would fix it" paragraph. Without a verification (a verdict
  /// rendered from the plan alone) the sentences stand as they are.
  static func paragraph(_ remedies: [String], verification: RemedyVerification?) -> String {
    var items = remedies.map { "- \($0)" }
    if let verification, verification.entries.map(\.remedy.text) == remedies {
      for (index, entry) in verification.entries.enumerated() {
        var status = RemedyVerification.describe(entry.outcome, budget: verification.budget)
        if index == verification.written { status += "; `fix.yaml` in this folder applies it" }
        items[index] += " *" + status.prefix(1).uppercased() + status.dropFirst() + ".*"
      }
    }
    return "What would fix it:\n\n" + items.joined(separator: "\n")
  }
}
