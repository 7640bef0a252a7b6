import Fluent
import FazhiCore

extension MediationModule {
    /// 申请人民调解 online (人民调解法第十七条: the parties may apply to a committee): the resident chooses the committee,
    /// the kind of dispute, the other side and what happened; the account is the applicant, the source 网上申请.
    static let portalApplication = PortalApplication.of(
        registration, code: "mediation", title: "人民调解申请",
        summary: "邻里、婚姻家庭、物业、劳务等矛盾纠纷，可以向人民调解委员会申请免费调解。",
        guidance: [
            "人民调解不收费，遵循自愿、平等的原则；对方当事人明确拒绝调解的，不得调解（人民调解法第十七条）。",
            "请选择您所在社区或街道的人民调解委员会，写明对方当事人和纠纷的简要情况，可上传相关照片或材料。",
            "调解委员会收到申请后会与您联系；调解达成协议的，可以共同申请司法确认。",
        ],
        fieldNames: ["disputeType", "respondents", "summary"],
        applicantField: "applicants",
        fixed: { today in ["receivedOn": .text(today.description), "source": .text(DisputeSource.portal.rawValue)] },
        templates: MediationInstruments.templates,
        residentWords: { MediationState(rawValue: $0)?.residentWords },
        offices: { db in
            try await Org.query(on: db).filter(\.$kind == .mediationCommittee).filter(\.$active == true).sort(\.$code).all()
                .map { ($0.id!, $0.name) }
        },
        demoForm: { random, context in
            let type = random.pick(try await DisputeType.all(on: context.db))
            return ["disputeType": type.code, "respondentKind": "person", "respondentName": DemoPeople.personName(&random),
                    "respondentIdNumber": DemoPeople.idNumber(&random),
                    "summary": random.pick(["楼上卫生间漏水致楼下墙面受损，协商赔偿未果", "相邻通道堆放杂物影响通行，多次沟通未果",
                                            "装修噪音影响休息，双方发生争执", "租期届满后押金退还发生争议", "宠物伤人后医疗费用承担发生争议"])]
        })
}
