import ArgumentParser
import FazhiCore
import FazhiServer
import Foundation

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "The working calendar (State Council holiday notices).", subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add or correct one year's holidays from a JSON file (format of Calendar/Data/2026.json); recomputes deadlines.")
        @OptionGroup var options: EnvironmentOptions
        @Argument(help: "The year's JSON file.") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("错误：无法读取文件 \(file)\n".utf8))
                throw ExitCode(2)
            }
            do {
                let summary = try await FazhiApp.with(options.configuration()) { app in
                    try await FazhiApp.importCalendarYear(app, data: data, file: (file as NSString).lastPathComponent)
                }
                print(summary)
            } catch let error as DomainError {
                FileHandle.standardError.write(Data("错误：\(error.invalidField.map { "\($0)：" } ?? "")\(error.message)\n".utf8))
                throw ExitCode(2)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the years with holiday data.")
        @OptionGroup var options: EnvironmentOptions

        func run() async throws {
            let calendar = try await FazhiApp.with(options.configuration()) { try await FazhiApp.workingCalendar($0) }
            for year in calendar.years { print("\(year)\t\(calendar.notice(forYear: year) ?? "")") }
        }
    }
}
