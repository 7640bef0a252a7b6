import Benchmark
import FazhiCore

/// Deadline computations over a fixed spread of start dates in 2024–2026: the work a server does
/// when a calendar change forces every open deadline to be recomputed.
let benchmarks: @Sendable () -> Void = {
    let calendar = try! WorkingCalendar.bundled()
    let first = CivilDate(string: "2024-01-01")!.dayNumber
    // A deterministic walk over ~1,000 days; limits cycle through the statutory 3/5/7/10/15.
    let starts = (0..<4096).map { CivilDate(dayNumber: first + ($0 &* 7919) % 1000) }
    let workingLimits = [3, 5, 7, 10, 15]
    let calendarLimits = [15, 30, 60]

    Benchmark("working-day deadline", configuration: .init(metrics: [.throughput, .wallClock, .mallocCountTotal],
                                                           scalingFactor: .kilo)) { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            let clock = DeadlineClock(start: starts[index & 4095], limit: workingLimits[index % 5], unit: .working)
            blackHole(try! clock.compute(in: calendar).due)
            index &+= 1
        }
    }

    Benchmark("calendar-day deadline with roll-forward", configuration: .init(metrics: [.throughput, .wallClock, .mallocCountTotal],
                                                                           scalingFactor: .kilo)) { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            let clock = DeadlineClock(start: starts[index & 4095], limit: calendarLimits[index % 3], unit: .calendar)
            blackHole(try! clock.compute(in: calendar).due)
            index &+= 1
        }
    }
}
