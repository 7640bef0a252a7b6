@testable import FazhiOffice
import Testing

/// The one escaping of text for the .docx and .xlsx parts, the printable page and the server's HTML.
@Suite struct XMLTextTests {
    @Test("The five markup characters are escaped, in text and quoted attributes alike")
    func escapesMarkup() {
        #expect(XMLText.escaped(#"<a href="x">Tom & 'Jerry'</a>"#)
            == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
    }

    @Test("Control characters XML forbids are dropped; tab and line breaks stay")
    func dropsForbiddenCharacters() {
        #expect(XMLText.escaped("甲\u{0}乙\u{C}丙\u{1F}\t\n\r丁\u{FFFE}\u{FFFF}") == "甲乙丙\t\n\r丁")
    }

    @Test("Text without anything to escape comes back as it is, full-width characters included")
    func leavesPlainText() {
        for text in ["", "天津市河东区司法局", "东政复〔2024〕12号", "ＡＢＣ（全角）", "a_x0041_b"] {
            #expect(XMLText.escaped(text) == text)
        }
    }
}
