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
        #expect(Role.officer.acts(in: .reconsideration, grantLine: .reconsideration))
        #expect(!Role.officer.acts(in: .litigation, grantLine: .reconsideration))
        #expect(!Role.officer.reads(.reconsideration, grantLine: nil))
        #expect(!Role.viewer.acts(in: .reconsideration, grantLine: nil))
        // Roles over every line read a line the process has never registered as well: no list of lines is consulted.
        let unregistered = WorkLine("unregistered", label: "未注册")
        #expect(Role.viewer.reads(unregistered, grantLine: nil) && Role.leader.acts(in: unregistered, grantLine: nil))
        #expect(Role.stationStaff.acts(in: .mediation, grantLine: nil))
        #expect(!Role.stationStaff.acts(in: .reconsideration, grantLine: nil))
        #expect(Role.stationStaff.acts(in: .reconsideration, grantLine: .reconsideration))
        // Stations run the lines that say so: today mediation, walk-in legal services, enforcement coordination and publicity.
        #expect((WorkLine.ledgerLines + [.enforcementSupervision, .publicity, .mediation]).filter { Role.stationStaff.reads($0, grantLine: nil) }
            == [.legalServices, .enforcementSupervision, .publicity, .mediation])
        #expect(Role.stationStaff.reads(WorkLine("atStations", label: "司法所条线", runsAtStations: true), grantLine: nil))
        #expect(Role.mediator.reads(.mediation, grantLine: .reconsideration))
        #expect(!Role.mediator.reads(.reconsideration, grantLine: .reconsideration))
    }

    @Test("The org tree accepts only sensible children")
    func orgTree() {
        #expect(OrgKind.bureau.allowsChild(.judicialStation))
        #expect(!OrgKind.bureau.allowsChild(.bureau))
        #expect(OrgKind.judicialStation.allowsChild(.mediationCommittee))
        #expect(!OrgKind.judicialStation.allowsChild(.agency))
        #expect(!OrgKind.agency.allowsChild(.office))
        #expect(!OrgKind.mediationCommittee.allowsChild(.office))
        #expect(OrgKind.office.allowsChild(.serviceStation))
    }

    @Test("A line declares the bodies it runs at; only registered kinds are accepted, any stored kind reads back")
    func openOrgKinds() {
        let kind = OrgKind("testCentre", label: "测试中心", hostsUnits: true)
        #expect(OrgKind.known("testCentre") == nil)
        #expect(OrgKind(rawValue: "testCentre").label == "testCentre")
        #expect(!OrgKind(rawValue: "testCentre").allowsChild(.office))
        OrgKind.register([kind])
        #expect(OrgKind.known("testCentre")?.label == "测试中心")
        #expect(OrgKind(rawValue: "testCentre").allowsChild(.office))
        #expect(OrgKind.registered.prefix(2) == [.bureau, .office])
        #expect(OrgKind.known("bureau") == .bureau)
    }
}
