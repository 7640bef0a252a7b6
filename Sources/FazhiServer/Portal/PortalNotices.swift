import Fluent
import FazhiCore
import Vapor

/// Text messages the portal sends about a matter. Sent after the write they tell of has committed, and never failing
/// it: a message that cannot be sent is logged (the document is in the resident's portal all the same).
enum PortalNotices {
    /// A document served on the applicant was issued on a case that came from the portal: its applicant is told to open it.
    static func documentIssued(_ instrument: InstrumentRecord, on record: CaseRecord, req: Request) async {
        do {
            guard let application = try await PortalApplicationRecord.query(on: req.db).filter(\.$caseID == record.id!).with(\.$account).first(),
                  let kind = req.modules.portalApplications.first(where: { $0.code == application.kind }),
                  kind.servedKinds.contains(instrument.kind) else { return }
            let phone = try req.dataProtection.decrypt(application.account.phoneEncrypted)
            let how = application.serviceConsentAt == nil ? "查看" : "查收（打开即视为送达）"
            try await req.application.textMessages.send(
                "【河东区司法局】您的\(kind.title)（\(record.caseNumber)）有新文书《\(instrument.title)》，请登录公共法律服务网上平台「我的事项」\(how)。",
                to: phone, logger: req.logger)
        } catch {
            req.logger.warning("portal notice for \(instrument.id!) not sent: \(String(reflecting: error))")
        }
    }
}
