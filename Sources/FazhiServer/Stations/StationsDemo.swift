import Fluent
import FazhiCore
import Vapor

/// The demo bureau's stations measured through the same write paths as the pages: each street's service station and
/// the 棉3创意街区 workstation checked against the checklist early in the year, the year's visits with their waits, and
/// most visits rated — stations differing as the reference report says they do (uneven standardisation and service).
struct StationsDemo {
    let demo: DemoCases

    static let orgs: [DemoOrg] = [("120102-FW-M3", "河东区棉3创意街区公共法律服务工作站", .serviceStation, "120102")]

    static let comments: [Int: [String]] = [
        5: ["律师讲解很耐心，问题一次说清楚了", "工作人员热情，办事快", "环境整洁，服务周到"],
        4: ["解答比较清楚，等了一会儿", "服务不错，希望延长开放时间"],
        3: ["等候时间有点长", "找不到窗口，标识不清楚"],
        2: ["值班律师不在，只能改天再来", "没有无障碍通道，老人进出不便"],
        1: ["等了很久没人接待"],
    ]

    func load(random: inout DemoRandom) async throws -> [String] {
        let db = demo.db
        let stations = try await Org.query(on: db).filter(\.$kind == .serviceStation).sort(\.$code).all()
        guard !stations.isEmpty else { return [] }
        let items = try await StationChecklist.items(on: db)
        let staff = try await User.query(on: db).all()
        let services = Stations.services(demo.modules).map(\.code)
        let year = demo.today.year
        let actor = AuditActor.command("demo")
        var visits = 0, ratings = 0
        for station in stations {
            // How well run the station is: it decides the checklist and, loosely, the residents' ratings.
            let quality = Double(random.int(45...100)) / 100
            var met: [String: Bool] = [:]
            for item in items { met[item.checkKey] = random.chance(quality) }
            try await Stations.recordChecks(met, notes: [:], at: station, checkedOn: CivilDate(year: year, month: 1, day: 15)!, actor: actor, on: db)
            let count = random.int(25...60)
            for _ in 0..<count {
                let day = CivilDate(year: year, month: 1, day: 1)!.adding(days: random.int(0...max(0, dayOfYear(demo.today) - 1)))
                let waited = random.chance(quality) ? random.int(0...10) : random.int(10...45)
                let (visit, _) = try await Stations.recordVisit(at: station, service: random.weighted([(services[0], 6)] + services.dropFirst().map { ($0, 1) }),
                                                                visitedOn: day, waitedMinutes: waited, staff: random.pick(staff).id, actor: actor, on: db)
                visits += 1
                guard random.chance(0.6) else { continue }
                let score = min(5, max(1, Int((quality * 5).rounded()) + random.int(-1...1) - (waited > 20 ? 1 : 0)))
                let comment = random.chance(0.5) ? random.pick(Self.comments[score] ?? ["满意"]) : nil
                try await Stations.rate(subject: "visit", id: visit.id!, station: station.id, line: visit.service == Stations.consultation ? nil : visit.service,
                                        handler: visit.staffID, score: score, comment: comment, ratedOn: day, on: db)
                ratings += 1
            }
        }
        return ["公共法律服务站点 \(stations.count) 个（接待 \(visits) 人次、群众评价 \(ratings) 条）"]
    }

    private func dayOfYear(_ date: CivilDate) -> Int {
        CivilDate(year: date.year, month: 1, day: 1)!.days(to: date) + 1
    }
}
