import ArgumentParser
import FazhiCore
import FazhiServer
import Foundation

/// `fazhi deadline`: the statutory deadline calculator for operators and scripts.
/// The contract is fixed (issue 3): the last line of stdout is the due date; exit 0 normally,
/// 3 when the result is provisional, 2 on bad input. All rules live in FazhiCore.
struct DeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "计算法定期限届满日 / Compute a statutory deadline.",
        discussion: """
            fazhi deadline --from YYYY-MM-DD (--days N [--working] | --rule KEY) \
            [--pause YYYY-MM-DD..YYYY-MM-DD]... [--extend N] [--explain]
            The last line of standard output is the due date. Exit 0: final; 3: provisional \
            (a year without calendar data); 2: bad input.
            """)

    // Options are read as text so that every malformed value is reported by FazhiCore, with exit 2.
    @Option(name: .long, help: "起算日 start date YYYY-MM-DD (the day itself is not counted)")
    var from: String?

    @Option(name: .long, parsing: .unconditional, help: "期限天数 number of days")
    var days: String?

    @Flag(name: .long, help: "按工作日计算 count working days (with --days)")
    var working = false

    @Option(name: .long, help: "期限规则 rule key, e.g. \(FazhiApp.deadlineCatalogue.all.first?.key ?? "")")
    var rule: String?

    @Option(name: .long, help: "不计入期间 days A through B do not count: YYYY-MM-DD..YYYY-MM-DD (repeatable)")
    var pause: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "延长天数 extension in the limit's unit")
    var extend: String?

    @Flag(name: .long, help: "说明计算过程 print how the date was counted")
    var explain = false

    func run() throws {
        let calendar: WorkingCalendar
        do {
            calendar = try WorkingCalendar.bundled()
        } catch {
            Self.fail("无法加载工作日历 / cannot load the working calendar: \(error)", code: 1)
        }
        try run(calendar: calendar)
    }

    /// Computes with `calendar`: the shipped notices plus the years an admin imported into the database.
    func run(calendar: WorkingCalendar) throws {
        let request = DeadlineRequest(from: from, days: days, working: working, rule: rule,
                                      pauses: pause, extend: extend)
        let result: (computation: DeadlineComputation, explanation: DeadlineExplanation)
        do {
            result = try request.compute(calendar: calendar, catalogue: FazhiApp.deadlineCatalogue)
        } catch {
            Self.fail("错误 / error: \(error.message)", code: 2)
        }
        if explain {
            for line in result.explanation.lines { print(line) }
        }
        print(result.computation.due)
        if result.computation.provisional {
            let years = result.computation.missingYears.map(String.init).joined(separator: ", ")
            Self.warn("警告：结果为暂定，\(years)年的节假日安排尚未录入，仅按周末推算。"
                + "\nwarning: provisional result, no holiday calendar for \(years); counted on weekends only.")
            throw ExitCode(3)
        }
    }

    /// Bad command-line syntax (unknown option, missing value) also exits 2, not ArgumentParser's 64.
    static func main(_ arguments: [String]?, calendar: WorkingCalendar? = nil) {
        do {
            var command = try parseAsRoot(arguments)
            if let calendar, let deadline = command as? DeadlineCommand {
                try deadline.run(calendar: calendar)
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Self.exit(withError: ExitCode.success)
            }
            if code.rawValue == 3 { Self.exit(withError: ExitCode(3)) }
            if code == .validationFailure {
                fail("错误 / error: \(message(for: error))", code: 2)
            }
            Self.exit(withError: error)
        }
    }

    static func main() {
        main(nil)
    }

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func fail(_ text: String, code: Int32) -> Never {
        warn(text)
        Self.exit(withError: ExitCode(code))
    }
}
