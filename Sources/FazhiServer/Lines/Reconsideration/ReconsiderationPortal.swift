import FazhiCore

extension ReconsiderationModule {
    /// 网上申请行政复议 (行政复议法第二十二条: an application may be made in writing, including online): the resident
    /// names the respondent from the district's agencies, the act, when they learned of it and the request; the account
    /// is the applicant, the day of submission the day received and the channel `online`.
    static let portalApplication = PortalApplication.of(
        registration, code: "reconsideration", title: "行政复议申请",
        summary: "对行政机关作出的行政行为不服，可在知道该行为之日起六十日内申请行政复议。",
        guidance: [
            "申请期限：自知道该行政行为之日起六十日内提出（行政复议法第二十条）；行政机关未告知申请权利和期限的，期限另行计算。",
            "请准备：行政行为的文书（如处罚决定书）、您的身份证明，以及能证明您主张的证据材料，可上传 PDF、JPG、PNG 或 Word 文件。",
            "提交后，复议机构自收到申请之日起五个工作日内审查决定是否受理；材料不全的，会通知您补正。",
            "您同意电子送达的，受理通知书、决定书等文书将发送到本平台「我的事项」，您打开文书之时即为送达时间。",
        ],
        fieldNames: ["respondentID", "act", "actDate", "knewOn", "informedOfRight", "request"],
        applicantField: "applicants",
        fixed: { today in ["receivedOn": .text(today.description), "channel": .text(ApplicationChannel.online.rawValue)] },
        templates: ReconsiderationInstruments.all,
        residentWords: { ReconsiderationState(rawValue: $0)?.residentWords },
        demoForm: { random, context in
            // An act of one of the district's agencies, learned of days after it was made, within the 60 days.
            let agency = random.pick(try await OrgDirectory.agencies(servingOrg: context.office, on: context.db))
            let actDate = context.day.adding(days: -random.int(5...40))
            let act = random.pick(DemoPeople.acts)
            return ["respondentID": agency.id!.uuidString, "act": "\(agency.name)\(actDate.year)年\(actDate.month)月\(actDate.day)日作出的\(act)",
                    "actDate": actDate.description, "knewOn": min(context.day, actDate.adding(days: random.int(0...4))).description,
                    "informedOfRight": random.chance(0.8) ? "on" : "", "request": "撤销该\(act)"]
        })

    static var portalApplications: [PortalApplication] { [portalApplication] }
}
