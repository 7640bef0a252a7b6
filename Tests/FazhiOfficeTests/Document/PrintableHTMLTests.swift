@testable import FazhiOffice
import Foundation
import Testing

@Suite struct PrintableHTMLTests {
    @Test func everyTextIsEscaped() {
        let script = #"<script>alert("x&y")</script> 'q'"#
        let document = OfficialDocument(
            kind: script, organ: "河东区司法局", number: script, addressee: script,
            body: [.heading(level: 2, text: script), .paragraph(script), .partyBlock(label: script, lines: [script, script]), .list([script])],
            closing: .init(organ: script, date: .init(year: 2024, month: 1, day: 17), sealNote: script),
            copyTo: [script], note: script)
        let html = PrintableHTML().html(document)
        #expect(!html.contains("<script"))
        #expect(!html.contains("'q'"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; &#39;q&#39;"))
        #expect(html.components(separatedBy: "&lt;script&gt;").count - 1 >= 12)
    }

    @Test func pageIsStandaloneA4WithTheStandardType() {
        let html = PrintableHTML().html(InstrumentFixtures.decision)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"))
        #expect(html.contains("font-size: 16pt"))
        #expect(html.contains("font-size: 22pt"))
        #expect(html.contains(#""仿宋_GB2312", "仿宋", FangSong"#))
        #expect(html.contains(#"counter(page) " —""#))
        // No external asset of any kind.
        for needle in ["http://", "https://", "src=", "<link", "@import", "url("] { #expect(!html.contains(needle), "\(needle)") }
        #expect(html.contains("<h1>天津市河东区人民政府<br>行政复议决定书</h1>"))
        var long = InstrumentFixtures.decision
        long.kind = "关于进一步加强行政复议规范化建设工作的实施意见"
        #expect(PrintableHTML().html(long).contains("<h1>天津市河东区人民政府<br>关于进一步加强行政复议<br>规范化建设工作的实施意见</h1>"))
        #expect(html.contains(#"<p class="number">东政复〔2024〕12号</p>"#))
        #expect(html.contains("<h2>一、申请人请求及理由</h2>"))
        #expect(html.contains("<h3>（一）关于执法程序</h3>"))
        #expect(html.contains("抄送：天津市河东区司法局，天津市河东区某局。"))
    }
}
