import Foundation
import Testing

@testable import CallcapKit

/// User text in reports is text, never Markdown structure or HTML.
@Suite struct MarkdownTextTests {
  @Test func descriptionsCannotStartBlocksOrTags() {
    let text = MarkdownText.paragraphs(
      "Launch day.\n# heading\n<script>alert(1)</script>\n    indented code\n- item\n1. first\n---\n> quote\n\nSecond paragraph.")
    #expect(
      text
        == "Launch day.\n\\# heading\n\\<script\\>alert(1)\\</script\\>\nindented code\n\\- item\n1\\. first\n\\---\n\\> quote\n\nSecond paragraph."
    )
    for line in text.split(separator: "\n") {
      #expect(!line.hasPrefix("#") && !line.hasPrefix("<") && !line.hasPrefix(" ") && !line.hasPrefix("-"))
    }
    // Every '<' is escaped: no tag can open.
    #expect(!text.replacingOccurrences(of: "\\<", with: "").contains("<"))
  }

  @Test func plainTextIsUnchanged() {
    let text = "Office PBX and a sales dialer on two Elastic SIP trunks, retrying on 503 (50% of calls)."
    #expect(MarkdownText.paragraphs(text) == text)
    #expect(MarkdownText.inline(text) == text)
  }

  @Test func inlineTextIsOneLineWithoutLinksOrTags() {
    #expect(MarkdownText.inline("a\n# b [x](javascript:y) <b>") == "a # b \\[x\\](javascript:y) \\<b\\>")
  }

  @Test func codeSpansHoldAnyPath() {
    #expect(MarkdownText.code("scenarios/x.yaml") == "`scenarios/x.yaml`")
    #expect(MarkdownText.code("a`b") == "``a`b``")
    #expect(MarkdownText.code("`a") == "`` `a ``")
    #expect(MarkdownText.code("x\n# y") == "`x # y`")
  }
}
