@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// Uploading files to a ledger or register entry, as the API and the entry's page do.
extension TestClient {
    /// A real 24 × 16 PNG (83 bytes).
    static let photo = [UInt8](Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAAGklEQVR42mM4oaFBFcQwatCoQaMGjRpEGQIATMGkEOEozAAAAAAASUVORK5CYII=")!)

    /// Posts `bytes` named `filename` to the entry's files: through the API (bearer), or through the entry's page form
    /// (cookie and the CSRF field in the multipart body) when `page` is true.
    func upload(_ bytes: [UInt8], filename: String, to kind: any BookKind, entry: UUID, page: Bool = false,
                _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        let path = page ? "/\(kind.family.pathSegment)/\(kind.code)/\(entry)/attachments"
            : "/api/v1/\(kind.family.pathSegment)/\(kind.code)/entries/\(entry)/attachments"
        try await app.testing().test(.POST, path, headers: page ? cookie : bearer, beforeRequest: { req in
            try req.content.encode(Upload(file: File(data: ByteBuffer(bytes: bytes), filename: filename), _csrf: page ? csrf : nil),
                                   as: .formData)
        }, afterResponse: check)
    }

    /// Uploads `photo` to the entry through the API and returns the file's id.
    func attachPhoto(to kind: any BookKind, entry: UUID, filename: String = "现场.png") async throws -> UUID {
        var id: UUID?
        try await upload(Self.photo, filename: filename, to: kind, entry: entry) { res in
            #expect(res.status == .created, "\(res.text)")
            id = try res.content.decode(EntryAttachmentBody.self).id
        }
        return try #require(id)
    }

    private struct Upload: Content {
        let file: File
        let _csrf: String?
    }
}
