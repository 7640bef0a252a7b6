import FazhiCore
import Vapor

extension ReconsiderationModule {
    /// 收案登记: an application received at the reception centre, by post or online, registered as a new case — the
    /// fields of the form, the API body and the import sheet, declared once.
    static let registration = CaseRegistration<ReconsiderationRules>(
        title: "登记行政复议申请",
        summary: "收案登记：申请人（身份证号/统一社会信用代码校验）、被申请人、行政行为、知道日期、请求",
        fields: [
            .init("receivedOn", "收到申请日期", .date(notAfterToday: true, defaultsToToday: true), required: true, section: "申请",
                  column: ("receivedOn", "收到日期", "2024-03-15")),
            .init("channel", "申请方式", .choice(ApplicationChannel.allCases.map { ($0.rawValue, $0.label) }, default: "reception"),
                  section: "申请"),
            .init("postedOn", "邮寄日期（邮寄申请）", .date(), hint: "在途时间不计入申请期限", section: "申请"),
            .init(parties: "applicants", role: "applicant", roleLabel: "申请人", form: .full, required: true, section: "申请人",
                  nameColumn: ("applicant", "申请人", "张三"),
                  identityColumn: ("identity", "身份证号/统一社会信用代码", "11010519491231002X")),
            .init(parties: "representatives", role: "representative", roleLabel: "代理人", form: .nameAndPhone, section: "申请人"),
            .init(parties: "thirdParties", role: "thirdParty", roleLabel: "第三人", form: .hidden, section: "申请人"),
            .init("respondentID", "被申请人", .agency, required: true, section: "被申请人与行政行为",
                  column: ("respondent", "被申请人", "河东区市场监督管理局")),
            .init("act", "申请行政复议的行政行为（名称、文号）", .text(maxLength: 500, rows: 2), required: true, section: "被申请人与行政行为",
                  column: ("act", "行政行为", "东市监罚〔2024〕15号行政处罚决定")),
            .init("actDate", "行政行为作出日期", .date(), section: "被申请人与行政行为"),
            .init("knewOn", "申请人知道该行政行为的日期", .date(), required: true, hint: "申请期限自此日起算（行政复议法第二十条）",
                  section: "被申请人与行政行为", column: ("knewOn", "知道日期", "2024-03-01")),
            .init("informedOfRight", "行政机关已告知申请复议的权利和期限", .flag(default: true), section: "被申请人与行政行为"),
            .init("realProperty", "涉及不动产", .flag(), section: "被申请人与行政行为"),
            .init("traffic", "道路交通类案件", .flag(), section: "被申请人与行政行为"),
            .init("request", "行政复议请求", .text(maxLength: 2000, rows: 3), required: true, section: "被申请人与行政行为",
                  column: ("request", "复议请求", "撤销该行政处罚决定")),
        ],
        open: { values, _ in
            let respondent = values.agency("respondentID")!
            let applicants = values.parties("applicants")
            let act = values.text("act")
            let request = values.text("request")
            let traffic = values.flag("traffic")
            let event = ReconsiderationEvent.receive(
                date: values.date("receivedOn")!, knewOn: values.date("knewOn")!, actDate: values.date("actDate"),
                informedOfRight: values.flag("informedOfRight"), realProperty: values.flag("realProperty"),
                channel: ApplicationChannel(rawValue: values.text("channel"))!, postedOn: values.date("postedOn"))
            let title = "\(applicants[0].titleName)\(applicants.count > 1 ? "等" : "")不服\(respondent.name)\(act)"
            return .init(event: event, agency: respondent.id, title: title, details: { record, rows in
                rows.add(ReconsiderationDetail(caseID: record.id!, act: act, request: request, traffic: traffic))
            })
        })
}
