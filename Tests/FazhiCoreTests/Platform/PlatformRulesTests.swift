import FazhiCore
import Testing

@Suite("Platform rules")
struct PlatformRulesTests {
    @Test("Password policy", arguments: [
        ("short1!", "admin", false),
        ("onlyletterslong", "admin", false),
        ("fazhi-demo", "admin", true),
        ("Strong-pass-2024", "admin", true),
        ("admin-password1", "admin", false),
        ("1234567890", "admin", false),
    ])
    func passwordPolicy(password: String, username: String, accepted: Bool) {
        #expect((PasswordPolicy.violation(password: password, username: username) == nil) == accepted)
    }

    @Test("Roles read and act in their lines")
    func roleLines() {
        #expect(Role.officer.actingLines(grantLine: .reconsideration) == [.reconsideration])
        #expect(Role.officer.readableLines(grantLine: nil).isEmpty)
        #expect(Role.viewer.actingLines(grantLine: nil).isEmpty)
        #expect(Role.viewer.readableLines(grantLine: nil) == Set(WorkLine.allCases))
        #expect(Role.stationStaff.actingLines(grantLine: nil).contains(.mediation))
        #expect(!Role.stationStaff.actingLines(grantLine: nil).contains(.reconsideration))
        #expect(Role.mediator.readableLines(grantLine: .reconsideration) == [.mediation])
    }

    @Test("The org tree accepts only sensible children")
    func orgTree() {
        #expect(OrgKind.bureau.allowsChild(.judicialStation))
        #expect(!OrgKind.bureau.allowsChild(.bureau))
        #expect(OrgKind.judicialStation.allowsChild(.mediationCommittee))
        #expect(!OrgKind.judicialStation.allowsChild(.agency))
        #expect(!OrgKind.agency.allowsChild(.office))
    }
}
