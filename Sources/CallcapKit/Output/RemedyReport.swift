/// How the verdict lists its remedies: each sentence, then whether its
/// change was verified by simulation (``RemedyVerification``) and which
/// one `fix.yaml` applies.
enum RemedyReport {
  /// The "What would fix it" paragraph. Without a verification (a verdict
  /// rendered from the plan alone) the sentences stand as they are.
  static func paragraph(
    _ remedies: [String], verification: RemedyVerification?, _ c: any Catalogue = English(), english: [String]? = nil
  ) -> String {
    var items = remedies.map { "- \($0)" }
    // The verification is of the English sentences (the remedies' own text); `english` matches them in another language.
    if let verification, verification.entries.map(\.remedy.text) == (english ?? remedies), items.count == verification.entries.count {
      for (index, entry) in verification.entries.enumerated() {
        var status = c.remedyStatus(entry.outcome, budget: verification.budget)
        if index == verification.written { status += c.fixAppliesIt }
        items[index] += c.statusNote(status)
      }
    }
    return c.whatWouldFixIt + "\n\n" + items.joined(separator: "\n")
  }
}
