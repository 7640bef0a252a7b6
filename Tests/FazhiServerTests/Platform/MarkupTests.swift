@testable import FazhiServer
import Testing

@Suite("HTML rendering")
struct MarkupTests {
    @Test("Text and attribute values are escaped by default")
    func escaping() {
        let html = el("a", .href("/x?a=1&b=\"2\""), .title("<script>")) { "Tom & \"Jerry\" <b>" }.render()
        #expect(html == "<a href=\"/x?a=1&amp;b=&quot;2&quot;\" title=\"&lt;script&gt;\">Tom &amp; &quot;Jerry&quot; &lt;b&gt;</a>")
    }

    @Test("Nil attributes are dropped; boolean attributes render bare; void elements have no end tag")
    func attributes() {
        let html = el("input", .type("checkbox"), .value(nil), .flag("checked"), .flag("required", false)).render()
        #expect(html == "<input type=\"checkbox\" checked>")
    }
}
