import FazhiCore
import Vapor

extension Scope {
    /// The org a new case of `line` is registered in, the same way for every line: the org the input names, where
    /// the user must act in the line (else a field error on `orgID`), or else the user's home org for the line.
    /// A user who acts in the line nowhere may not register its cases at all: 403.
    func registrationOrg(_ id: UUID?, for line: WorkLine, errors: inout ValidationErrors) throws -> UUID {
        guard let home = homeOrg(for: line) else {
            throw Abort(.forbidden, reason: "您没有办理\(line.label)案件的权限")
        }
        guard let id else { return home }
        if !canAct(line, at: id) { errors.add("orgID", "您在该机构没有办理\(line.label)案件的权限") }
        return id
    }
}
