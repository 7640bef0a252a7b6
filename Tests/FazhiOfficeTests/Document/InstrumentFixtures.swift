@testable import FazhiOffice
import Foundation

/// Documents for the renderer tests: a reconsideration decision as the bureau issues them, and a long
/// report-like document.
enum InstrumentFixtures {
    static let decision = OfficialDocument(
        kind: "行政复议决定书",
        organ: "天津市河东区人民政府",
        number: "东政复〔2024〕12号",
        body: [
            .partyBlock(label: "申请人", lines: ["张某某，男，1980年3月5日出生，住天津市河东区某街道某小区。"]),
            .partyBlock(label: "被申请人", lines: ["天津市河东区某局，住所地天津市河东区某路1号。", "法定代表人：李某，局长。"]),
            .paragraph("申请人不服被申请人于2023年11月2日作出的行政处罚决定，于2023年12月20日向本机关申请行政复议，本机关依法已予受理。本案适用普通程序审理，现已审理终结。"),
            .heading(level: 1, text: "申请人请求及理由"),
            .paragraph("申请人请求：撤销被申请人作出的行政处罚决定。申请人称，被申请人认定事实不清，适用法律错误。"),
            .heading(level: 1, text: "被申请人答复意见"),
            .paragraph("被申请人称，其作出的行政处罚决定认定事实清楚，证据确凿，程序合法，请求予以维持。"),
            .heading(level: 1, text: "本机关查明"),
            .heading(level: 2, text: "关于执法程序"),
            .paragraph("被申请人在作出行政处罚决定前，未告知申请人拟作出的行政处罚内容及事实、理由、依据，亦未告知申请人依法享有的陈述、申辩权利。"),
            .heading(level: 2, text: "关于认定事实"),
            .list(["现场检查笔录一份；", "询问笔录两份；", "现场照片六张。"]),
            .paragraph("本机关认为，被申请人作出的行政处罚决定违反法定程序。根据《中华人民共和国行政复议法》第六十四条第一款第（三）项的规定，本机关决定：撤销被申请人作出的行政处罚决定。"),
            .paragraph("申请人如不服本决定，可以自收到本决定书之日起15日内，依法向人民法院提起行政诉讼。"),
        ],
        closing: .init(organ: "天津市河东区人民政府", date: .init(year: 2024, month: 1, day: 17), sealNote: "（印章）"),
        copyTo: ["天津市河东区司法局", "天津市河东区某局"],
        note: "此件依申请公开"
    )

    /// A long document: `count` paragraphs under headings, well past several pages.
    static func long(paragraphs count: Int) -> OfficialDocument {
        var body: [OfficialDocument.Block] = []
        for index in 1...count {
            if index % 10 == 1 { body.append(.heading(level: 1, text: "第\(index / 10 + 1)部分工作情况")) }
            body.append(.paragraph("全年共受理行政复议申请673件，审结574件，其中调解结案89件，按期办结率100%。本段为第\(index)段，记录该项工作的开展情况、主要做法和取得的成效。"))
        }
        return OfficialDocument(
            kind: "2024年度法治政府建设情况报告", organ: "天津市河东区人民政府", number: nil,
            addressee: "天津市人民政府：", body: body,
            closing: .init(organ: "天津市河东区人民政府", date: .init(year: 2025, month: 1, day: 17)))
    }
}
