import Fluent
import FazhiCore

extension NotaryModule {
    /// 网上申办公证 (公证法第二十五条: a party applies to a notary office): the resident chooses the office, the matter
    /// type, says what it is for and books the half-day they come in with the originals (8 visitors a half-day per
    /// office unless the bureau sets otherwise, within the next 10 working days); the office receives it in its 待受理
    /// queue and sees the day's visitors on `/appointments`.
    static let portalApplication = PortalApplication.of(
        registration, code: "notary", title: "公证申办（网上预约）",
        summary: "继承、委托、学历、无犯罪记录等公证，可以先在网上申办并预约到公证处办理的时间。",
        guidance: [
            "请选择公证处和公证事项类型，写明用途（涉外公证写明使用地国家或地区）和申请公证的事项。",
            "提交时预约到场时间（今后10个工作日内的上午或下午）；公证处收到申请后会告知需要携带的证件和材料原件，提交后仍可改约。",
            "公证书一般自受理之日起十五个工作日内出具；需要核实的，核实期间不计算在内。",
        ],
        fieldNames: ["matterType", "purpose", "summary"],
        applicantField: "applicants",
        fixed: { today in ["receivedOn": .text(today.description)] },
        templates: [],
        residentWords: { NotaryState(rawValue: $0)?.residentWords },
        offices: { db in
            try await Org.query(on: db).filter(\.$kind == .notaryOffice).filter(\.$active == true).sort(\.$code).all().map { ($0.id!, $0.name) }
        },
        appointments: AppointmentPolicy(capacity: 8, workingDaysAhead: 10, purpose: "请按预约时间携带身份证件和材料原件到公证处办理"),
        demoForm: { random, context in
            let type = random.pick(try await NotaryMatterType.all(on: context.db))
            let (purpose, summary) = random.pick([("办理房产继承过户", "申请人继承其父遗留的河东区房产一处"), ("赴澳大利亚留学", "申请人的学历和无犯罪记录"),
                                                  ("委托亲属出售房产", "申请人委托其弟代为办理房产出售手续"), ("办理银行存款继承", "申请人继承其母名下银行存款")])
            return ["matterType": type.code, "purpose": purpose, "summary": summary]
        })

    static var portalApplications: [PortalApplication] { [portalApplication] }
}
