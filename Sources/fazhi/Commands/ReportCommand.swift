import ArgumentParser
import FazhiCore
import FazhiServer
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The annual report's figures (REPORT.md), counted from the records.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
    }

    @OptionGroup var options: EnvironmentOptions
    @Option(help: "The report's year, e.g. 2024.") var year: Int
    @Option(help: "Code of the org whose subtree is counted (default: the whole database), e.g. 120102.") var org: String?
    @Option(help: "Output format: json.") var format: Format = .json
    @Option(help: "Write to this file instead of standard output.") var out: String?

    func run() async throws {
        do {
            let data = try await FazhiApp.with(options.configuration()) { app in
                try await FazhiApp.reportJSON(app, year: year, orgCode: org)
            }
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: data) else {
                    FileHandle.standardError.write(Data("错误：无法写入 \(out)\n".utf8))
                    throw ExitCode(1)
                }
            } else {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
        } catch let error as DomainError {
            FileHandle.standardError.write(Data("错误：\(error.invalidField.map { "\($0)：" } ?? "")\(error.message)\n".utf8))
            throw ExitCode(2)
        }
    }
}
