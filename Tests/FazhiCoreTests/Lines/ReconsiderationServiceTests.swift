import Foundation
import Testing
@testable import FazhiCore

/// A proof of service (送达回证) and what it records on the case: the respondent's reply period runs from the day it
/// received the copy (《行政复议法》第四十八条).
@Suite struct ReconsiderationServiceTests {
    private func served(_ on: String, sent: String? = nil, role: String = "agency") -> DocumentService {
        DocumentService(recipientRole: role, recipientName: "河东区市场监督管理局", method: .byHand, sentOn: sent.map(day), servedOn: day(on))
    }

    private func accepted(_ more: [ReconsiderationEvent] = []) throws -> ReconsiderationDossier {
        try Recon.run([Recon.receive("2024-03-04", knewOn: "2024-02-20"), .accept(date: day("2024-03-06"))] + more)
    }

    @Test("Serving the reply notice on the respondent records the copy's delivery, and the reply period runs from it")
    func deliveryStartsTheReplyPeriod() throws {
        let sent = try accepted([.sendCopy(date: day("2024-03-08"))])
        let event = try #require(ReconsiderationRules.serviceEvent(of: "replyNotice", served("2024-03-13"), dossier: sent))
        #expect(event == .deliverCopy(date: day("2024-03-13")))
        let delivered = try ReconsiderationRules.apply(event, to: sent, calendar: bundledCalendar)
        // Reply: 10 working days from 03-13 → 03-27 (instead of 03-22 from the day sent).
        let reply = try #require(ReconsiderationRules.deadlines(of: delivered, calendar: bundledCalendar)
            .first { $0.ruleKey == "reconsideration.reply" })
        #expect(reply.start == day("2024-03-13") && reply.due == day("2024-03-27"))
        // Known now: a further service records nothing, nor does the event come again.
        #expect(ReconsiderationRules.serviceEvent(of: "replyNotice", served("2024-03-14"), dossier: delivered) == nil)
        #expect(!ReconsiderationRules.allowedEvents(for: delivered).contains("deliverCopy"))
    }

    @Test("A copy not yet recorded as sent is recorded sent and delivered by the service")
    func serviceRecordsTheSending() throws {
        let event = ReconsiderationRules.serviceEvent(of: "replyNotice", served("2024-03-12", sent: "2024-03-08"), dossier: try accepted())
        #expect(event == .sendCopy(date: day("2024-03-08"), deliveredOn: day("2024-03-12")))
    }

    @Test("Other documents, other recipients, a reply already in, a day before the last record: the proof only")
    func proofOnly() throws {
        let sent = try accepted([.sendCopy(date: day("2024-03-08"))])
        #expect(ReconsiderationRules.serviceEvent(of: "acceptanceNotice", served("2024-03-13"), dossier: sent) == nil)
        #expect(ReconsiderationRules.serviceEvent(of: "replyNotice", served("2024-03-13", role: "applicant"), dossier: sent) == nil)
        let replied = try accepted([.sendCopy(date: day("2024-03-08")), .receiveReply(date: day("2024-03-15"))])
        #expect(ReconsiderationRules.serviceEvent(of: "replyNotice", served("2024-03-13"), dossier: replied) == nil)
        let later = try accepted([.sendCopy(date: day("2024-03-08")), .requestFileReading(date: day("2024-03-20"), requester: "申请人")])
        #expect(ReconsiderationRules.serviceEvent(of: "replyNotice", served("2024-03-13"), dossier: later) == nil)
    }

    @Test("The delivery is refused before the copy is sent, before the day sent, and once the reply is in")
    func deliveryRefusals() throws {
        #expect(throws: TransitionError.self) { try ReconsiderationRules.apply(.deliverCopy(date: day("2024-03-10")), to: try accepted(),
                                                                               calendar: bundledCalendar) }
        let sent = try accepted([.sendCopy(date: day("2024-03-08"))])
        #expect(throws: TransitionError.self) { try ReconsiderationRules.apply(.deliverCopy(date: day("2024-03-07")), to: sent,
                                                                               calendar: bundledCalendar) }
        let replied = try accepted([.sendCopy(date: day("2024-03-08")), .receiveReply(date: day("2024-03-15"))])
        #expect(throws: TransitionError.self) { try ReconsiderationRules.apply(.deliverCopy(date: day("2024-03-16")), to: replied,
                                                                               calendar: bundledCalendar) }
    }

    @Test("Serving the opinion letter on the agency records its receipt: the 60 days for its report run from that day")
    func opinionLetterDelivery() throws {
        let issued = try Recon.run([Recon.receive("2025-06-03"), .accept(date: day("2025-06-05")),
                                    .decide(date: day("2025-08-01"), outcome: .confirmIllegal), .issueOpinionLetter(date: day("2025-08-29"))])
        #expect(ReconsiderationRules.allowedEvents(for: issued).contains("deliverOpinionLetter"))
        let event = try #require(ReconsiderationRules.serviceEvent(of: "opinionLetter", served("2025-09-01"), dossier: issued))
        #expect(event == .deliverOpinionLetter(date: day("2025-09-01"), letter: 1))
        let delivered = try ReconsiderationRules.apply(event, to: issued, calendar: bundledCalendar)
        // 60 days from receipt 09-01 → Friday 10-31 (from the day issued, 08-29, it would be 10-28).
        #expect(Recon.deadlines(delivered, "reconsideration.opinionLetterCompliance").first?.due == day("2025-10-31"))
        #expect(ReconsiderationRules.serviceEvent(of: "opinionLetter", served("2025-09-02"), dossier: delivered) == nil)
        #expect(!ReconsiderationRules.allowedEvents(for: delivered).contains("deliverOpinionLetter"))
        #expect(throws: TransitionError.self) {
            try ReconsiderationRules.apply(.deliverOpinionLetter(date: day("2025-09-03")), to: delivered, calendar: bundledCalendar)
        }
    }

    @Test("A proof of service names each broken rule's field")
    func problems() {
        let recipients: Set = [ServiceRecipient(role: "agency", name: "河东区市场监督管理局")]
        func fields(_ service: DocumentService) -> [String] {
            service.problems(issuedOn: day("2024-03-08"), today: day("2024-04-01"), recipients: recipients).map(\.field)
        }
        #expect(fields(served("2024-03-13")).isEmpty)
        #expect(fields(served("2024-03-13", role: "applicant")) == ["recipient"])
        #expect(fields(served("2024-03-07")) == ["servedOn"])
        #expect(fields(served("2024-04-02")) == ["servedOn"])
        #expect(fields(served("2024-03-13", sent: "2024-03-14")) == ["sentOn"])
        var post = served("2024-03-13")
        post.method = .byPost
        #expect(fields(post) == ["trackingNumber"])
        post.trackingNumber = "1151234567890"
        #expect(fields(post).isEmpty)
        post.trackingNumber = "115 1234"
        #expect(fields(post) == ["trackingNumber"])
        var notice = served("2024-03-13")
        notice.method = .publicNotice
        #expect(fields(notice) == ["note"])
        notice.note = "2024年3月13日《河东日报》第3版"
        #expect(fields(notice).isEmpty)
    }
}
