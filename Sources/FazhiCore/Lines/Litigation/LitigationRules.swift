/// The rules of responding to lawsuits against district agencies (行政应诉): the 15-day defence
/// (行政诉讼法第六十七条) and the agency head's duty to appear (第三条第三款; 法释〔2020〕3号).
public enum LitigationRules: CaseLineRules {
    public typealias Event = LitigationEvent
    public typealias Dossier = LitigationDossier

    public static var line: WorkLine { .litigation }

    public static var caseNumberPattern: String { "东司应〔{year}〕{seq}号" }

    public static func open(with event: Event, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        guard case .serve(let date, let court, let number, let claims) = event else {
            throw TransitionError(code: "not_served", message: "行政应诉案件须以收到起诉状副本开始，不能以「\(event.summary)」开始")
        }
        try requireText(court, field: "court", message: "须写明受理法院")
        try requireText(number, field: "courtCaseNumber", message: "须写明法院案号")
        try requireText(claims, field: "claims", message: "须写明原告的诉讼请求")
        return Dossier(servedOn: date, court: court, courtCaseNumber: number, claims: claims)
    }

    public static func apply(_ event: Event, to dossier: Dossier, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        try requireInOrder(event, after: dossier.lastEventOn)
        var dossier = dossier
        switch event {
        case .serve:
            throw TransitionError(code: "already_served", message: "本案已于\(dossier.servedOn.chinese)登记收到起诉状副本")
        case .submitDefence(let date):
            try requireOpen(dossier, action: "提交答辩状")
            if let submitted = dossier.defenceSubmittedOn {
                throw TransitionError(code: "defence_already_submitted", message: "答辩状已于\(submitted.chinese)提交")
            }
            dossier.defenceSubmittedOn = date
            dossier.state = .defended
        case .holdHearing(let date, let headAppeared, let name, let title, let excuse, let proof):
            try requireOpen(dossier, action: "登记开庭")
            dossier.hearings.append(try hearing(date: date, headAppeared: headAppeared, name: name, title: title,
                                                excuse: excuse, proof: proof))
        case .judge(let date, let result):
            try requireOpen(dossier, action: "登记判决")
            dossier.result = result
            dossier.concludedOn = date
            dossier.state = .judged
        case .withdraw(let date):
            try requireOpen(dossier, action: "登记撤诉")
            dossier.concludedOn = date
            dossier.state = .withdrawn
        case .close(let date, let reason):
            if dossier.state == .closed {
                throw TransitionError(code: "already_closed", message: "本案已于\(dossier.closedOn?.chinese ?? "")结案归档")
            }
            if dossier.state.isOpen {
                // Ending without judgment or withdrawal (e.g. transferred, joined to another case) needs its reason.
                try requireText(reason ?? "", field: "reason", message: "未判决或撤诉而结案的，须写明结案原因")
                dossier.concludedOn = date
                dossier.closeReason = reason
            }
            dossier.closedOn = date
            dossier.state = .closed
        }
        dossier.lastEventOn = event.date
        return dossier
    }

    /// 行政诉讼法第三条第三款: 被诉行政机关负责人应当出庭应诉。不能出庭的，应当委托行政机关相应的工作人员出庭，
    /// 不得仅委托律师出庭. 法释〔2020〕3号第八条 lists the excuses, 第九条 requires them explained in writing.
    static func hearing(date: CivilDate, headAppeared: Bool, name: String, title: String,
                        excuse: HeadAbsenceExcuse?, proof: String?) throws(TransitionError) -> LitigationHearing {
        try requireText(name, field: "appearerName",
                        message: headAppeared ? "须写明出庭应诉的负责人姓名" : "负责人不能出庭的，应当委托本机关相应的工作人员出庭，须写明其姓名（《行政诉讼法》第三条第三款，不得仅委托律师出庭）")
        try requireText(title, field: "appearerTitle",
                        message: headAppeared ? "须写明出庭负责人的职务" : "须写明出庭工作人员的职务（《行政诉讼法》第三条第三款，不得仅委托律师出庭）")
        guard !headAppeared else {
            return LitigationHearing(date: date, headAppeared: true, appearerName: name, appearerTitle: title)
        }
        // A practising lawyer is not agency staff; a public lawyer (公职律师) is.
        if title.contains("律师") && !title.contains("公职律师") {
            throw TransitionError(code: "lawyer_only",
                                  message: "负责人不能出庭的，应当委托行政机关相应的工作人员出庭，不得仅委托律师出庭（《行政诉讼法》第三条第三款）",
                                  field: "appearerTitle")
        }
        guard let excuse else {
            throw TransitionError(code: "head_absent_without_excuse",
                                  message: "负责人未出庭须属不可抗力、意外事件、需要履行他人不能代替的公务或其他正当事由之一（法释〔2020〕3号第八条）",
                                  field: "excuse")
        }
        try requireText(proof ?? "", field: "proofDescription",
                        message: "负责人不能出庭的，应当提交加盖行政机关印章或负责人签字认可的书面情况说明及相关材料（法释〔2020〕3号第九条）")
        return LitigationHearing(date: date, headAppeared: false, appearerName: name, appearerTitle: title,
                                 excuse: excuse, proofDescription: proof)
    }

    /// 行政诉讼法第六十七条: the defence within 15 days of receiving the complaint copy.
    public static func deadlines(of dossier: Dossier, calendar: WorkingCalendar) -> [CaseDeadline] {
        guard let rule = try? catalogue.rule("litigation.defence"),
              var defence = CaseDeadline(rule, from: dossier.servedOn, completedOn: dossier.defenceSubmittedOn, calendar: calendar) else { return [] }
        if defence.completedOn == nil, let ended = dossier.concludedOn {
            // Withdrawn or closed before any defence: nothing is due any more.
            defence.completedOn = ended
            defence.explanation.append("案件已于\(ended.chinese)结束，该期限随之结束")
        }
        return [defence]
    }

    public static func automaticEvents(for dossier: Dossier, today: CivilDate, calendar: WorkingCalendar) -> [Event] { [] }

    static func requireOpen(_ dossier: Dossier, action: String) throws(TransitionError) {
        guard !dossier.state.isOpen else { return }
        throw TransitionError(code: "case_ended", message: "本案已\(dossier.state.label)（\(dossier.concludedOn?.chinese ?? "")），不能\(action)")
    }
}

extension WorkLine {
    /// 行政应诉
    public static let litigation = WorkLine("litigation", label: "行政应诉")
}
