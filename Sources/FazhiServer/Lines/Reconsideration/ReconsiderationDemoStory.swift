import FazhiCore

/// How a demo reconsideration case unfolds after its first event: a plausible sequence of steps, each checked against
/// the line's rules in memory, stopping at the first step the rules refuse or that lies after `today`. Used both by
/// the demo caseload (recorded through the workflow) and by the scale generator (written in bulk).
enum ReconsiderationDemoStory {
    static func events(opening dossier: ReconsiderationDossier, today: CivilDate, calendar: WorkingCalendar,
                                random: inout DemoRandom) -> [ReconsiderationEvent] {
        var dossier = dossier
        var events: [ReconsiderationEvent] = []
        func step(_ event: ReconsiderationEvent) -> Bool {
            guard event.date <= today, let next = try? ReconsiderationRules.apply(event, to: dossier, calendar: calendar) else { return false }
            dossier = next
            events.append(event)
            return true
        }
        let received = dossier.receivedOn
        if random.chance(0.08) {
            _ = step(.reject(date: calendar.addingWorkingDays(random.int(1...4), to: received), reason: "申请事项不属于行政复议范围"))
            return events
        }
        var accepted = calendar.addingWorkingDays(random.int(1...4), to: received)
        if random.chance(0.06) {
            let requested = calendar.addingWorkingDays(2, to: received)
            guard step(.requestSupplement(date: requested, items: "身份证明复印件、行政行为的证明材料")) else { return events }
            let supplied = calendar.addingWorkingDays(random.int(2...8), to: requested)
            guard step(.receiveSupplement(date: supplied)) else { return events }
            accepted = calendar.addingWorkingDays(random.int(1...4), to: supplied)
        }
        let simplified = random.chance(0.2)
        guard step(.accept(date: accepted, procedure: simplified ? .simplified : .ordinary)) else { return events }
        let copy = calendar.addingWorkingDays(random.int(1...(simplified ? 3 : 6)), to: accepted)
        guard step(.sendCopy(date: copy)) else { return events }
        guard step(.receiveReply(date: calendar.addingWorkingDays(random.int(3...(simplified ? 5 : 9)), to: copy))) else { return events }
        var last = calendar.addingWorkingDays(10, to: copy)
        var longest = simplified ? 28 : 55
        if !simplified, random.chance(0.1) {
            let suspended = last.adding(days: random.int(1...10))
            guard step(.suspend(date: suspended, ground: random.pick([.awaitingOtherCase, .awaitingInterpretation, .mediationOrSettlement]))) else {
                return events
            }
            last = suspended.adding(days: random.int(10...40))
            guard step(.resume(date: last)) else { return events }
            longest += suspended.days(to: last)
        }
        if !simplified, random.chance(0.08) {
            if step(.extend(date: max(accepted.adding(days: random.int(45...58)), last), days: 30, approver: "复议中心主任")) { longest += 28 }
        }
        let concludedOn = max(last.adding(days: 1),
                              accepted.adding(days: random.chance(0.03) ? longest + random.int(5...15) : random.int(20...longest)))
        switch random.weighted([("decide", 72), ("mediate", 15), ("settle", 5), ("withdraw", 8)]) {
        case "mediate": _ = step(.mediate(date: concludedOn))
        case "settle": _ = step(.settleAndWithdraw(date: concludedOn))
        case "withdraw": _ = step(.withdraw(date: concludedOn))
        default:
            let outcome: ReconsiderationOutcome = random.weighted([
                (.uphold, 45), (.dismissRequest, 14), (.revoke, 15), (.confirmIllegal, 10), (.change, 5), (.orderPerformance, 5),
                (.confirmInvalid, 2), (.dismissApplication, 4),
            ])
            guard step(.decide(date: concludedOn, outcome: outcome)) else { return events }
            if outcome.isCorrection, random.chance(0.35) {
                let issued = concludedOn.adding(days: random.int(3...15))
                if step(.issueOpinionLetter(date: issued)), random.chance(0.7) {
                    _ = step(.recordOpinionCompliance(date: issued.adding(days: random.int(20...58))))
                }
            }
        }
        return events
    }

    /// The application that opens a demo case: received on `received`, the applicant knowing of the act days before
    /// (now and then too long before: a late application).
    static func receive(on received: CivilDate, random: inout DemoRandom) -> ReconsiderationEvent {
        let knewOn = received.adding(days: -(random.chance(0.04) ? random.int(65...90) : random.int(3...50)))
        return .receive(date: received, knewOn: knewOn, informedOfRight: true, realProperty: false,
                        channel: random.weighted([(.reception, 6), (.post, 2), (.online, 2)]))
    }

    /// What the officer writes in a demo decision: the parties' positions, the facts found and the reasoning that
    /// leads to `outcome`.
    static func decisionSections(outcome: ReconsiderationOutcome, act: String) -> [String: String] {
        let upheld = outcome == .uphold || outcome == .dismissRequest || outcome == .dismissApplication
        return [
            "applicantClaims": "其不服被申请人作出的\(act)，认为该行政行为认定事实不清、适用依据错误，请求\(upheld ? "予以撤销" : "依法纠正")。",
            "respondentReply": "其作出的\(act)认定事实清楚，证据确凿，适用依据正确，程序合法，请求予以维持。",
            "facts": "被申请人在执法检查中发现申请人涉嫌违法，经立案调查、告知陈述申辩权利后作出\(act)，并依法送达申请人。"
                + "上述事实有现场检查笔录、询问笔录、告知书及送达回证等证据证明。",
            "reasoning": upheld
                ? "被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当；申请人的请求缺乏事实和法律依据。"
                : "被申请人作出的行政行为认定的主要事实不清、证据不足，或者适用依据、程序存在问题，依法应予纠正。",
        ]
    }

    /// The agreed terms of a demo mediation statement.
    static func mediationSections(act: String) -> [String: String] {
        ["agreement": "一、被申请人对\(act)重新审查，依法变更处罚数额，并于本调解书生效之日起十五日内书面告知申请人；"
            + "二、申请人自愿放弃其他行政复议请求；三、双方就本案再无其他争议。"]
    }
}
