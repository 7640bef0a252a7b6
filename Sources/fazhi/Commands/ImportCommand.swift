import ArgumentParser
import FazhiCore
import FazhiServer
import Foundation

/// `fazhi import --template KIND --out FILE.xlsx` writes a kind's template; `fazhi import --kind KIND FILE [--org CODE]`
/// imports a filled one: all rows in one transaction (exit 0), or nothing, with each bad row and cell (exit 1).
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a ledger, register or case spreadsheet (.xlsx or CSV), or write its template.",
        discussion: "KIND: " + FazhiApp.importKinds.joined(separator: ", "))

    @OptionGroup var options: EnvironmentOptions
    @Option(help: "Write the .xlsx template of this kind (with --out).") var template: String?
    @Option(help: "Where to write the template.") var out: String?
    @Option(help: "The kind of the rows in FILE.") var kind: String?
    @Option(help: "Code of the org the rows belong to (default: the bureau), e.g. 120102-ZF.") var org: String?
    @Argument(help: "The .xlsx or .csv file to import.") var file: String?
    @Flag(help: "Print on standard error how long each stage took (for benchmarks).") var timing = false

    func validate() throws {
        if template != nil {
            guard out != nil else { throw ValidationError("--template needs --out FILE.xlsx") }
            guard kind == nil, file == nil else { throw ValidationError("--template cannot be combined with --kind or FILE") }
        } else {
            guard kind != nil, file != nil else { throw ValidationError("give --kind KIND FILE, or --template KIND --out FILE.xlsx") }
        }
    }

    func run() async throws {
        do {
            if let template, let out {
                let data = try FazhiApp.importTemplate(kind: template)
                guard FileManager.default.createFile(atPath: out, contents: data) else { fail("无法写入 \(out)", code: 2) }
                print("已生成模板：\(out)")
                return
            }
            guard let kind, let file else { return }
            guard FileManager.default.isReadableFile(atPath: file),
                  let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber
            else { fail("无法读取文件 \(file)", code: 2) }
            let bar = isatty(STDERR_FILENO) == 1 && size.intValue > 256 * 1_024 && !timing ? ProgressBar() : nil
            let timings = ImportTimings()
            // A UTF-8 CSV of a ledger or register kind is streamed, so a million rows do not need a gigabyte.
            let summary = try await FazhiApp.with(options.configuration()) { app in
                try await FazhiApp.importFile(app, kind: kind, path: file, orgCode: org,
                                              progress: bar.map { bar in { bar.draw($0, $1) } }, timings: timings)
            }
            bar?.finish()
            if timing { FileHandle.standardError.write(Data(timings.lines.map { $0 + "\n" }.joined().utf8)) }
            print(summary.text)
        } catch let failure as ImportFailure {
            FileHandle.standardError.write(Data("导入失败，未写入任何数据。共 \(failure.problems.count) 处错误：\n".utf8))
            for problem in failure.problems { print(problem) }
            throw ExitCode(1)
        } catch let error as DomainError {
            fail("\(error.invalidField.map { "\($0)：" } ?? "")\(error.message)", code: 2)
        }
    }

    private func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("错误：\(message)\n".utf8))
        Foundation.exit(code)
    }
}

/// A one-line bar on standard error, redrawn in place: `读取 [#####.....]  52%  52000 行`.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()

    func draw(_ fraction: Double?, _ rows: Int) {
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let line: String
        if let fraction {
            let filled = Int((fraction * Double(width)).rounded())
            line = "读取 [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
                + String(format: "%3d%%", Int(fraction * 100)) + "  \(rows) 行"
        } else {
            line = "读取 \(rows) 行"
        }
        FileHandle.standardError.write(Data(("\r" + line).utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
