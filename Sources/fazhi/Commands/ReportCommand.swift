import ArgumentParser
import FazhiCore
import FazhiServer
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The annual report (REPORT.md): its figures counted from the records, or the draft as markdown or .docx.",
        discussion: """
            --format json prints {"year":…, "org":…, "metrics":{key: value}} (rates as fractions 0–1, money in yuan).
            --format md|docx writes the draft with the staff's latest narrative. --recount recomputes every rolled-up
            figure from the raw records and exits 1 on any difference from the rollup. --rebuild-facets (with
            --recount) first rebuilds the lines' facet counts from their cases replayed: after a rolling upgrade that
            added some, once the previous release's nodes have stopped.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, md, docx
    }

    @OptionGroup var options: EnvironmentOptions
    @Option(help: "The report's year, e.g. 2024.") var year: Int
    @Option(help: "Code of the org whose subtree is counted, e.g. 120102 (json: default the whole database; md/docx: default the bureau).")
    var org: String?
    @Option(help: "Output format: json, md or docx.") var format: Format = .json
    @Option(help: "Write to this file instead of standard output (required for docx).") var out: String?
    @Flag(help: "Recount every rolled-up figure from the raw records and compare with the rollup.") var recount = false
    @Flag(help: "With --recount: first rebuild the lines' facet counts from their cases replayed (after a rolling upgrade).")
    var rebuildFacets = false
    @Flag(help: "Print on standard error how long the figures took to compute (for benchmarks).") var timing = false

    func run() async throws {
        if format == .docx, out == nil { throw ValidationError("--format docx needs --out FILE.docx") }
        if rebuildFacets, !recount { throw ValidationError("--rebuild-facets goes with --recount, which checks what it rebuilt") }
        do {
            let config = options.configuration()
            if recount {
                let differences = try await FazhiApp.with(config) { app in
                    if rebuildFacets {
                        let rebuilt = try await FazhiApp.reportRebuildFacets(app)
                        print("已按案件记录重建分类计数：\(rebuilt.summary.joined(separator: "，"))")
                        for failure in rebuilt.failures { FileHandle.standardError.write(Data("未计入：\(failure)\n".utf8)) }
                    }
                    let started = ContinuousClock.now
                    let differences = try await FazhiApp.reportRecount(app, year: year, orgCode: org)
                    if timing { FileHandle.standardError.write(Data("recount: \(ContinuousClock.now - started)\n".utf8)) }
                    return differences
                }
                guard differences.isEmpty else {
                    for line in differences { FileHandle.standardError.write(Data("不一致：\(line)\n".utf8)) }
                    throw ExitCode(1)
                }
                print("汇总表与重新计数一致（\(year)年）")
                return
            }
            let data = try await FazhiApp.with(config) { app -> Data in
                let started = ContinuousClock.now
                defer { if timing { FileHandle.standardError.write(Data("report: \(ContinuousClock.now - started)\n".utf8)) } }
                return switch format {
                case .json: try await FazhiApp.reportJSON(app, year: year, orgCode: org)
                case .md: try await FazhiApp.reportDocument(app, year: year, orgCode: org, docx: false)
                case .docx: try await FazhiApp.reportDocument(app, year: year, orgCode: org, docx: true)
                }
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
