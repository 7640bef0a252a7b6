import Fluent
import FazhiCore
import Vapor

/// `fazhi demo --city`: a city bureau (天津市司法局) above several district bureaus on one deployment. 河东区 is the
/// full demo bureau (its orgs, accounts and realistic year); each other district gets its own bureau, a few
/// agencies, a leader, and from each line that tells a district story (`Module.loadDistrict`) its offices or
/// committees, their staff and a year of cases generated through the lines' bulk workflow. The city's leader
/// (`shiju`) reads every district and the city's figures, which add up the districts' rollups; each district's leader
/// reads only their own.
public struct DemoCity {
    static let code = "120000"
    static let name = "天津市司法局"
    /// 天津's districts besides 河东区, in region-code order, with the demo leader's username.
    static let districts: [(code: String, name: String, username: String)] = [
        ("120101", "和平区", "heping"), ("120103", "河西区", "hexi"), ("120104", "南开区", "nankai"),
        ("120105", "河北区", "hebei"), ("120106", "红桥区", "hongqiao"), ("120110", "东丽区", "dongli"),
        ("120111", "西青区", "xiqing"), ("120112", "津南区", "jinnan"), ("120113", "北辰区", "beichen"),
        ("120114", "武清区", "wuqing"), ("120115", "宝坻区", "baodi"), ("120116", "滨海新区", "binhai"),
        ("120117", "宁河区", "ninghe"), ("120118", "静海区", "jinghai"), ("120119", "蓟州区", "jizhou"),
    ]
    /// Districts in all a demo city may have (河东区 and the others above).
    public static var districtLimit: Int { districts.count + 1 }
    /// The city's leader: reads every district.
    static let leader: DemoAccount = ("shiju", "市局刘局长", code, .leader, nil)

    let demo: DemoData
    let cases: DemoCases
    /// Districts in all, 河东区 included (2…16).
    let districtCount: Int
    /// Cases each other district's lines generate for `year`.
    let casesPerDistrict: Int
    let year: Int
    /// Whether 河东区 gets its realistic caseload too (a test leaves it out: it takes a while).
    var hedongCases = true

    func load(progress: (String) -> Void = { _ in }) async throws -> String {
        let db = demo.db
        if let lone = try await Org.query(on: db).filter(\.$code == DemoData.bureauCode).first(), lone.$parent.id == nil {
            throw FieldError(field: "city", message: "数据库中已有独立的河东区司法局（由 fazhi demo 加载）：--city 须加载到空数据库")
        }
        var created = (orgs: 0, users: 0)
        let city = try await demo.org(Self.code, Self.name, .bureau, parent: nil, &created.orgs)
        let hedong = hedongCases ? (calendar: cases.calendar, protection: cases.protection, today: cases.today) : nil
        var summary = [try await demo.load(cases: hedong, city: city)]
        _ = try await demo.user(Self.leader, &created.users)
        for (code, name, username) in Self.districts.prefix(districtCount - 1) {
            if try await Org.query(on: db).filter(\.$code == code).first() != nil {
                summary.append("\(name)已存在")
                continue
            }
            let bureau = try await demo.org(code, "\(name)司法局", .bureau, parent: city, &created.orgs)
            for (suffix, agency) in Self.agencies(of: name) {
                _ = try await demo.org("\(code)-\(suffix)", agency, .agency, parent: bureau, &created.orgs)
            }
            _ = try await demo.user((username, "\(name)司法局局长", code, .leader, nil), &created.users)
            let district = DemoDistrict(demo: demo, bureau: bureau, name: name, username: username)
            var loaded: [String] = []
            for module in cases.modules.all {
                if let clause = try await module.loadDistrict(district, demo: cases, year: year, count: casesPerDistrict) {
                    loaded.append(clause)
                }
            }
            summary.append("\(name)：" + (loaded.isEmpty ? "机构与账户" : loaded.joined(separator: "，")))
            progress(name)
        }
        return "演示市局（\(Self.name)，\(districtCount) 个区）：" + summary.joined(separator: "；")
    }

    /// The agencies whose acts a district's cases concern.
    static func agencies(of district: String) -> [(String, String)] {
        let short = district.hasSuffix("新区") ? district : String(district.dropLast())
        return [("AG-GA", "天津市公安局\(short)分局"), ("AG-SJ", "\(district)市场监督管理局"),
                ("AG-RS", "\(district)人力资源和社会保障局"), ("AG-ZJ", "\(district)住房和建设委员会"),
                ("AG-ZF", "\(district)人民政府")]
    }
}

/// One district of the demo city, as a line's `loadDistrict` sees it: where to put its office and accounts.
struct DemoDistrict {
    let demo: DemoData
    let bureau: Org
    /// The district's name, e.g. 和平区.
    let name: String
    /// The district leader's username; a line's accounts there are `<line account>-<username>`.
    let username: String

    var code: String { bureau.code }

    /// What a line's district story mixes into its random seed, so that each district draws its own.
    var seed: UInt64 { DemoRandom.seed(code) }

    /// The district's org `<code>-<suffix>` (created unless it exists).
    func org(_ suffix: String, _ name: String, _ kind: OrgKind) async throws -> Org {
        var created = 0
        return try await demo.org("\(code)-\(suffix)", name, kind, parent: bureau, &created)
    }

    /// The account `<username>-<district leader's username>` with a role at `org` (created unless it exists).
    func account(_ username: String, _ displayName: String, at org: Org, role: Role, line: WorkLine?) async throws -> User {
        var created = 0
        let name = "\(username)-\(self.username)"
        _ = try await demo.user((name, displayName, org.code, role, line), &created)
        guard let user = try await User.query(on: demo.db).filter(\.$username == name).first() else {
            throw FieldError(field: "demo", message: "未能创建演示账户 \(name)")
        }
        return user
    }
}
