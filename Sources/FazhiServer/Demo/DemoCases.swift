import Fluent
import FazhiCore
import Vapor

/// A realistic caseload for the demo bureau, recorded through the same registration and workflow as real work
/// (so every event passes the rules): each line loads its own slice (`Module.loadDemo`) — two years of cases with
/// every outcome, cases carried over, open cases with deadlines due today — drawing from one seeded random source,
/// so the caseload is deterministic. Loaded only into a bureau with no cases yet.
struct DemoCases {
    let db: Database
    let calendar: WorkingCalendar
    let protection: DataProtection
    let today: CivilDate
    /// The modules whose demo slices are loaded.
    let modules: ModuleRegistry
    /// Cases per year of the busiest line; about 670 a year in the reference report, fewer here to keep the first
    /// start quick.
    var perYear = Self.fullPerYear
    static let fullPerYear = 180

    /// How much of the full demo this load is (1 by default; a test's smaller `perYear` loads less): a line whose
    /// slice is much larger than the other lines' (thousands of disputes a year) loads `scale²` of it.
    var scale: Double { min(1, Double(perYear) / Double(Self.fullPerYear)) }

    func load() async throws -> String {
        guard try await CaseRecord.query(on: db).count() == 0 else {
            return "演示案件已存在"
        }
        for account in modules.demoAccounts {
            guard try await User.query(on: db).filter(\.$username == account.username).first() != nil else {
                return "缺少演示账户，未生成案件"
            }
        }
        var random = DemoRandom(seed: 20_241_231)
        var loaded: [String] = []
        for module in modules.all {
            loaded += try await module.loadDemo(self, random: &random)
        }
        return "演示案件：" + loaded.joined(separator: "，")
    }

    /// The demo account `username` (the lines' accounts exist once `load` runs).
    func user(_ username: String) async throws -> User {
        guard let user = try await User.query(on: db).filter(\.$username == username).first() else {
            throw Abort(.internalServerError, reason: "缺少演示账户 \(username)")
        }
        return user
    }

}
