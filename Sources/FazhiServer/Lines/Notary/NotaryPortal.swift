import Fluent
import FazhiCore

extension NotaryModule {
    /// 网上申办公证 (公证法第二十五条: a party applies to a notary office): the resident chooses the office, the matter
    /// type and says what it is for; the office receives it in its 待受理 queue and calls the applicant to agree the day
    /// they come in with the originals (the portal books no time slots yet).
    static let portalApplication = PortalApplication.of(
        registration, code: "notary", title: "公证申办（网上预约）",
        summary: "继承、委托、学历、无犯罪记录等公证，可以先在网上申办，公证处联系您约定到场时间。",
        guidance: [
            "请选择公证处和公证事项类型，写明用途（涉外公证写明使用地国家或地区）和申请公证的事项。",
            "公证处收到申请后会与您联系，约定到场办理的时间，并告知需要携带的证件和材料原件。",
            "公证书一般自受理之日起十五个工作日内出具；需要核实的，核实期间不计算在内。",
        ],
        fieldNames: ["matterType", "purpose", "summary"],
        applicantField: "applicants",
        fixed: { today in ["receivedOn": .text(today.description)] },
        templates: [],
        residentWords: { NotaryState(rawValue: $0)?.residentWords },
        offices: { db in
            try await Org.query(on: db).filter(\.$kind == .notaryOffice).filter(\.$active == true).sort(\.$code).all().map { ($0.id!, $0.name) }
        })

    static var portalApplications: [PortalApplication] { [portalApplication] }
}
