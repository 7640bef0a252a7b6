@testable import FazhiOffice
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 9, item 3: an upload's body is read only after the login check, never past its route's `BodyLimit`
/// (413 with a Chinese message naming the limit), and the CSRF check reads no more than the route would.
@Suite("Uploads: login before the body, 413 past the limit")
struct UploadLimitTests {
    static let importPath = "/ledgers/legalAid.outreach/import"

    static func multipart(csrf: String?, file: Data) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "----fazhi\(UUID().uuidString)"
        var body = Data()
        if let csrf { body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8) }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\n".utf8)
        body += file + Data("\r\n--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return (headers, ByteBuffer(data: body))
    }

    @Test("Over the limit: anonymous → login page or 401; signed in → 413 naming the limit; the CSRF check stops at 2 MB")
    func inMemory() async throws {
        try await withTestApp(.sqlite) { app in
            let big = Data(repeating: UInt8(ascii: "a"), count: 41 * 1_048_576)
            let (headers, body) = Self.multipart(csrf: nil, file: big)
            try await app.testing().test(.POST, Self.importPath, headers: headers, body: body) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasPrefix("/login") == true)
            }
            try await app.testing().test(.POST, "/api/v1/reconsideration/cases/\(UUID())/attachments", headers: headers, body: body) { res in
                #expect(res.status == .unauthorized)
            }

            let admin = try await TestClient.api(app, "admin")
            var signedIn = Self.multipart(csrf: admin.csrf, file: big)
            signedIn.0.add(contentsOf: admin.cookie)
            try await app.testing().test(.POST, Self.importPath, headers: signedIn.0, body: signedIn.1) { res in
                #expect(res.status == .payloadTooLarge)
                #expect(res.text.contains("上传的内容超过 40 MB 的上限"))
            }
            // A form route keeps the 2 MB limit: the CSRF check does not read 3 MB to look for the token.
            var form = admin.cookie
            form.replaceOrAdd(name: .contentType, value: "application/x-www-form-urlencoded")
            let padded = ByteBuffer(string: "title=" + String(repeating: "a", count: 3 * 1_048_576))
            try await app.testing().test(.POST, "/ledgers/legalAid.outreach", headers: form, body: padded) { res in
                #expect(res.status == .payloadTooLarge)
                #expect(res.text.contains("2 MB 的上限"))
            }
            try await app.testing().test(.POST, "/api/v1/ledgers/legalAid.outreach/entries", headers: admin.bearer, body: padded) { res in
                #expect(res.status == .payloadTooLarge)
                #expect(res.errorBody?.error.message == "上传的内容超过 2 MB 的上限")
            }
        }
    }

    @Test("A body that is not valid multipart is the client's mistake: 400 with a Chinese message, not 500")
    func malformedMultipart() async throws {
        try await withTestApp(.sqlite) { app in
            let leader = try await TestClient.api(app, "leader")
            let caseID = try await leader.register(try await registration(app)).id
            // Found by schemathesis: a closing boundary alone, a part without headers, and a header name with a byte
            // past ASCII (which trapped in MultipartKit's parser and ended the server); an empty boundary parameter
            // is MultipartKit's precondition.
            let file = "Content-Disposition: form-data; name=\"file\"; filename=\"申请书.txt\"\r\n\r\n正文\r\n"
            let category = "Content-Disposition: form-data; name=\"category\"\r\n\r\n证据\r\n"
            let cases: [(boundary: String, body: [UInt8])] = [
                ("b", Array("--b--\r\n".utf8)),
                ("b", Array("--b\r\n6.64e+16--b--\r\n".utf8)),
                ("b", Array("--b\r\n".utf8) + [0xC3, 0xA9] + Array(": x\r\n\r\nbody\r\n--b--\r\n".utf8)),
                ("b", Array("--b\r\n\(file)--b\r\nX-Note: a\r\n名字: value\r\n\r\nbody\r\n--b--\r\n".utf8)),
                ("b", Array("preamble\r\n--b\r\n".utf8) + [0xFF]),
                ("", Array("--\r\n\(file)----\r\n".utf8)),
            ]
            for (boundary, body) in cases {
                var headers = leader.bearer
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                try await app.testing().test(.POST, "/api/v1/reconsideration/cases/\(caseID)/attachments", headers: headers,
                                             body: ByteBuffer(bytes: body)) { res in
                    #expect(res.status == .badRequest, "\(res.text)")
                    #expect(res.errorBody?.error.message.contains("multipart/form-data") == true)
                }
            }
            // The same through an upload page (the CSRF token in the form): refused, and the server still answers.
            let admin = try await TestClient.api(app, "admin")
            let boundary = "x"
            var headers = admin.cookie
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let page = Array("--x\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(admin.csrf)\r\n--x\r\n".utf8)
                + [0x80] + Array(": y\r\n\r\na\r\n--x--\r\n".utf8)
            try await app.testing().test(.POST, Self.importPath, headers: headers, body: ByteBuffer(bytes: page)) { res in
                #expect(res.status == .badRequest)
            }
            // A well-formed upload whose file name and content are Chinese still goes through.
            var good = leader.bearer
            good.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=b")
            try await app.testing().test(.POST, "/api/v1/reconsideration/cases/\(caseID)/attachments", headers: good,
                                         body: ByteBuffer(string: "--b\r\n\(category)--b\r\n\(file)--b--\r\n")) { res in
                #expect(res.status == .created, "\(res.text)")
            }
        }
    }

    @Test("The header-name check finds non-ASCII names in every block a parser could read, and only there")
    func headerNameScan() {
        func scan(_ text: String, extra: [UInt8] = []) -> Int? {
            MultipartHeaderNames.firstPartWithNonASCIIName(in: Array(text.utf8) + extra, boundary: "bd")
        }
        #expect(scan("--bd\r\nContent-Disposition: form-data; name=\"a\"; filename=\"文件.pdf\"\r\n\r\n内容\r\n--bd--\r\n") == nil)
        #expect(scan("--bd\r\n名: v\r\n\r\n") == 1)
        #expect(scan("--bd\r\nA: 值\r\n\r\nx\r\n--bd\r\nB: v\r\n名\r\n\r\n") == 2)
        // Past the empty line is a body, where any byte may stand.
        #expect(scan("--bd\r\nA: v\r\n\r\n名: v\r\n--bd--") == nil)
        // A boundary-like text inside a body is scanned as well (a superset of the parser's blocks).
        #expect(scan("--bd\r\nA: v\r\n\r\nx--bd\r\n名: v") == 2)
        #expect(scan("--bd\r\n", extra: [0x80]) == 1)
    }

    @Test("A spreadsheet past a SpreadsheetLimits limit answers 413 with the limit on the upload page")
    func spreadsheetLimit() async throws {
        try await withTestApp(.sqlite) { app in
            let admin = try await TestClient.api(app, "admin")
            let wide = Data(("活动日期," + (0..<300).map { "列\($0)" }.joined(separator: ",") + "\n").utf8)
            try await BookImportTests.upload(admin, Self.importPath, file: wide) { res in
                #expect(res.status == .payloadTooLarge)
                #expect(res.text.contains("工作表超过 256 列的上限"))
            }
        }
    }

    @Test("On the wire: the answer comes before the body is sent — anonymous, or signed in with a Content-Length past the limit")
    func onTheWire() async throws {
        try await withTestApp(.sqlite) { app in
            let admin = try await TestClient.api(app, "admin")
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            let declared = 100 * 1_048_576
            func head(_ path: String, cookie: String?) -> String {
                "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                    + (cookie.map { "Cookie: \(StaffSessions.cookieName)=\($0)\r\n" } ?? "")
                    + "Content-Length: \(declared)\r\n\r\n"
            }
            // 64 KB of the 100 MB declared: a server that waited for the body would time out instead of answering.
            let prefix = Data(repeating: UInt8(ascii: "a"), count: 65_536)
            // The first connection to a server just started has been seen to go unanswered: warm it up.
            _ = try? RawHTTP.exchange(port: port, head: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", body: Data())
            let api = try RawHTTP.exchange(port: port, head: head("/api/v1/reconsideration/cases/\(UUID())/attachments", cookie: nil), body: prefix)
            #expect(api.hasPrefix("HTTP/1.1 401"), "\(api)")
            let anonymous = try RawHTTP.exchange(port: port, head: head(Self.importPath, cookie: nil), body: prefix)
            #expect(anonymous.hasPrefix("HTTP/1.1 303"), "\(anonymous)")
            #expect(anonymous.contains("/login"))
            // The server takes a request in once its first body bytes arrive.
            let tooLarge = try RawHTTP.exchange(port: port, head: head(Self.importPath, cookie: admin.token), body: prefix)
            #expect(tooLarge.hasPrefix("HTTP/1.1 413"), "\(tooLarge)")
            await app.server.shutdown()
        }
    }
}

/// A bare HTTP/1.1 exchange over a socket, to send a head that declares more body than is sent.
enum RawHTTP {
    struct Failure: Error { let step: String }

    /// Sends `head` and `body`, then reads until the end of the response head (20 s at most: a busy test machine answers slowly, a server waiting for the body never).
    static func exchange(port: Int, head: String, body: Data) throws -> String {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(step: "socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(step: "connect") }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(head.utf8) + Array(body)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { break }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
