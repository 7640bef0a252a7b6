@testable import FazhiOffice
import FazhiTestSupport
import Foundation
import Testing

/// LibreOffice opens the .docx and converts it: a file it would have to repair fails here. Runs only
/// where `soffice` is installed (CI installs libreoffice-writer).
@Suite struct DocxLibreOfficeTests {
    @Test(.enabled(if: LibreOffice.soffice != nil, "LibreOffice (soffice) is not installed"), .timeLimit(.minutes(2)))
    func libreOfficeConvertsTheDocxToPDF() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let docx = directory.appendingPathComponent("decision.docx")
        try DocxWriter().docx(InstrumentFixtures.decision).write(to: docx)

        let status = try await LibreOffice.convert(docx, to: "pdf", outdir: directory, profileFolder: directory)
        #expect(status == 0)

        let pdf = try Data(contentsOf: directory.appendingPathComponent("decision.pdf"))
        #expect(pdf.count > 1000)
        #expect(pdf.prefix(5) == Data("%PDF-".utf8))
    }
}
