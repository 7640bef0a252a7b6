@testable import FazhiServer
import Foundation
import Testing

/// LibreOffice opens the .docx and converts it: a file it would have to repair fails here. Runs only
/// where `soffice` is installed (CI installs libreoffice-writer).
@Suite struct DocxLibreOfficeTests {
    static let soffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: DocxLibreOfficeTests.soffice != nil, "LibreOffice (soffice) is not installed"), .timeLimit(.minutes(2)))
    func libreOfficeConvertsTheDocxToPDF() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let docx = directory.appendingPathComponent("decision.docx")
        try DocxWriter().docx(InstrumentFixtures.decision).write(to: docx)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.soffice))
        // A private profile, so a LibreOffice already running for the user does not swallow the job.
        process.arguments = ["-env:UserInstallation=" + directory.appendingPathComponent("profile").absoluteString,
                             "--headless", "--convert-to", "pdf", "--outdir", directory.path, docx.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let pdf = try Data(contentsOf: directory.appendingPathComponent("decision.pdf"))
        #expect(pdf.count > 1000)
        #expect(pdf.prefix(5) == Data("%PDF-".utf8))
    }
}
