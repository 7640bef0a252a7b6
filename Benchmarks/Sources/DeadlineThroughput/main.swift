import FazhiCore

// Plain throughput check on one core, no harness: N computations timed with ContinuousClock.
// Usage: DeadlineThroughput [iterations]   (default 5,000,000 per kind)

let calendar = try WorkingCalendar.bundled()
let first = CivilDate(string: "2024-01-01")!.dayNumber
let starts = (0..<4096).map { CivilDate(dayNumber: first + ($0 &* 7919) % 1000) }
let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5_000_000

func measure(_ name: String, unit: DayUnit, limits: [Int]) throws {
    var checksum = 0
    var provisional = 0
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
        for index in 0..<iterations {
            let deadline = DeadlineClock(start: starts[index & 4095], limit: limits[index % limits.count], unit: unit)
            let result = try deadline.compute(in: calendar)
            checksum &+= result.due.dayNumber
            if result.provisional { provisional += 1 }
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(iterations) / seconds
    print("\(name): \(iterations) computations in \(String(format: seconds)) s = \(Int(rate)) per second "
        + "(checksum \(checksum), provisional \(provisional))")
}

func String(format seconds: Double) -> String {
    String(Double(Int(seconds * 1000)) / 1000)
}

try measure("working-day deadlines (3/5/7/10/15)", unit: .working, limits: [3, 5, 7, 10, 15])
try measure("calendar-day deadlines with roll-forward (15/30/60)", unit: .calendar, limits: [15, 30, 60])
