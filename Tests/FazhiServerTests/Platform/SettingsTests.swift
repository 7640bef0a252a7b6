import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor

@Suite("Settings: only what a module declares, each value checked, every change audited")
struct SettingsTests {
    @Test("fazhi settings: an undeclared key, an unknown line or org, and a value its rule refuses are refused and nothing is stored; a good value is read by the code and audited; unset restores the default",
          arguments: TestDatabase.all)
    func setAndUnset(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: true) { app in
            func refused(_ key: String, _ value: String) async throws -> String {
                do {
                    _ = try await FazhiApp.setSetting(app, key: key, value: value)
                } catch let refused as FazhiApp.SettingRefused {
                    return refused.description
                }
                Issue.record("\(key) = \(value) was stored")
                return ""
            }
            #expect(try await refused("portal.colour", "red").contains("不是可设置的参数"))
            #expect(try await refused("caseNumber.nosuchline", "X{seq}").contains("不是本系统的工作条线"))
            #expect(try await refused("caseNumber.reconsideration", "东政复〔{year}〕号").contains("须含 {year}（年度）和 {seq}"))
            // Without the year the counter's new year would number a case as an old one.
            #expect(try await refused("caseNumber.reconsideration", "东政复第{seq}号").contains("须含 {year}（年度）和 {seq}"))
            #expect(try await refused("portal.intake.reconsideration", "999999-NONE").contains("没有代码为 999999-NONE 的机构"))
            #expect(try await refused(PortalAppointments.capacitySetting, "0").contains("1至500之间的整数"))
            #expect(try await refused("report.draftingOffice.999999", "120102-FZ").contains("没有代码为 999999 的机构"))
            #expect(try await Setting.query(on: app.db).filter(\.$key != "report.draftingOffice.120102").count() == 0)

            let line = try await FazhiApp.setSetting(app, key: PortalAppointments.capacitySetting, value: "3")
            #expect(line == "portal.appointments.capacity = 3")
            let policy = AppointmentPolicy(capacity: 8, workingDaysAhead: 10, purpose: "")
            #expect(try await PortalAppointments.capacity(policy, on: app.db) == 3)
            #expect(try await FazhiApp.setSetting(app, key: PortalAppointments.capacitySetting, value: "4").contains("（原为 3）"))
            _ = try await FazhiApp.setSetting(app, key: "caseNumber.reconsideration", value: "津东复〔{year}〕{seq}号")
            let listing = try await FazhiApp.listSettings(app).joined(separator: "\n")
            #expect(listing.contains("caseNumber.<line>"))
            #expect(listing.contains("  caseNumber.reconsideration = 津东复〔{year}〕{seq}号"))
            #expect(listing.contains("  portal.appointments.capacity = 4"))

            #expect(try await FazhiApp.unsetSetting(app, key: PortalAppointments.capacitySetting).contains("恢复默认"))
            #expect(try await PortalAppointments.capacity(policy, on: app.db) == 8)
            #expect(try await FazhiApp.unsetSetting(app, key: PortalAppointments.capacitySetting).contains("未设置"))
            let audited = try await AuditEntry.query(on: app.db).filter(\.$entityType == "setting").all()
            #expect(audited.count == 4)
        }
    }
}
