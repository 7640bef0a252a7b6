import FazhiCore

/// Specimen cases of reconsideration, one for each way a case goes, from which every kind of its documents is printed
/// (`InstrumentKind.specimen`, the layout test): the events are replayed through the line's rules, the parties, act and
/// written sections are as long as real ones, so a document that would run out of the type area does so here first.
enum ReconsiderationSpecimens {
    static let agency = "天津市河东区市场监督管理局"
    static let fields = ["act": "\(agency)河市监罚〔2024〕15号行政处罚决定",
                         "request": "撤销被申请人作出的河市监罚〔2024〕15号行政处罚决定，并退还已缴纳的罚款人民币伍万元。"]

    static let parties = [
        InstrumentParty(role: "applicant", kind: "person", name: "张三", idNumber: "120102198503150011", creditCode: nil,
                        address: "天津市河东区春华街道鲁山道红星里小区3号楼2门501室"),
        InstrumentParty(role: "representative", kind: "person", name: "李四，天津津东律师事务所律师", idNumber: nil, creditCode: nil,
                        address: nil),
        InstrumentParty(role: "thirdParty", kind: "organisation", name: "天津市河东区兴盛商贸有限公司", idNumber: nil,
                        creditCode: "91120102MA05K8L23X", address: "天津市河东区大王庄街道十一经路78号"),
    ]

    /// The event sequences: decided after a hearing, a suspension and an extension, with letters to the agency; mediated;
    /// withdrawn; not accepted; waiting for supplements.
    static func stories() -> [(events: [ReconsiderationEvent], issuedOn: CivilDate)] {
        func day(_ month: Int, _ day: Int) -> CivilDate { CivilDate(year: 2024, month: month, day: day)! }
        let received = ReconsiderationEvent.receive(date: day(3, 1), knewOn: day(2, 5), actDate: day(2, 1))
        let accepted: [ReconsiderationEvent] = [received, .accept(date: day(3, 5)), .sendCopy(date: day(3, 7)),
                                                .receiveReply(date: day(3, 15))]
        return [
            (accepted + [
                .scheduleHearing(date: day(3, 20), hearingOn: day(4, 2)), .holdHearing(date: day(4, 2)),
                .suspend(date: day(4, 8), ground: .awaitingOtherCase), .resume(date: day(5, 10)),
                .extend(date: day(5, 20), days: 30, approver: "复议中心主任"),
                .decide(date: day(6, 20), outcome: .revoke, orderRedo: true),
                .issueOpinionLetter(date: day(6, 28)),
                .issueRecommendationLetter(date: day(7, 1), recipient: "天津市河东区城市管理委员会"),
            ], day(6, 20)),
            (accepted + [.mediate(date: day(4, 20))], day(4, 20)),
            (accepted + [.withdraw(date: day(4, 10))], day(4, 10)),
            ([received, .reject(date: day(3, 5), reason: "申请人对被申请人作出的信访事项处理意见不服提出的申请，不属于行政复议范围")], day(3, 5)),
            ([received, .requestSupplement(date: day(3, 4), items: "申请人的身份证明复印件；被申请行政行为的书面材料或者证明该行政行为存在的材料；行政复议请求和主要事实、理由的书面说明")],
             day(3, 4)),
        ]
    }

    /// The stories as the documents' inputs, in the name of the organ the line declares for the demo bureau.
    static func contexts() throws -> [ReconsiderationInstruments.Context] {
        let calendar = try WorkingCalendar.bundled()
        let organ = (ReconsiderationModule.instrumentOrgans[.reconsideration] ?? .bureau).name(bureau: "天津市河东区司法局", handlingOrg: "天津市河东区司法局")
        let act = ReconsiderationInstruments.actTitle(fields["act"] ?? "", agency: agency)
        return try stories().enumerated().map { index, story in
            let dossier = try ReconsiderationRules.replay(story.events, calendar: calendar)
            var sections = ReconsiderationDemoStory.decisionSections(outcome: dossier.outcome ?? .revoke, act: act)
            sections["agreement"] = "一、被申请人将河市监罚〔2024〕15号行政处罚决定的罚款数额由人民币伍万元变更为人民币贰万元；"
                + "二、申请人自本调解书生效之日起十五日内缴纳罚款；三、申请人放弃其他行政复议请求，双方就本案再无其他争议。"
            return ReconsiderationInstruments.Context(
                caseNumber: "东政复〔2024〕\(15 + index)号", dossier: dossier, agencyName: agency, parties: parties, organ: organ,
                today: story.issuedOn, fields: fields, sections: sections)
        }
    }
}
