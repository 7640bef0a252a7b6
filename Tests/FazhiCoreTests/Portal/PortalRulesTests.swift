@testable import FazhiCore
import Testing

@Suite("The portal's rules: receipt codes, one-time codes, what an upload is")
struct PortalRulesTests {
    @Test("A receipt code is twelve characters of the base-32 alphabet, printed in groups and read back forgivingly")
    func receiptCodes() throws {
        var generator = SystemRandomNumberGenerator()
        let code = ReceiptCode(using: &generator)
        #expect(code.value.count == 12)
        #expect(code.description.count == 14)
        #expect(try ReceiptCode(code.description.lowercased()) == code)
        #expect(try ReceiptCode(" \(code.value.prefix(6)) \(code.value.dropFirst(6)) ") == code)
        #expect(try ReceiptCode("OIL0-1234-5678").value == "011012345678")
        #expect(throws: FieldError.self) { try ReceiptCode("7K2M-9QXD") }
        #expect(throws: FieldError.self) { try ReceiptCode("7K2M-9QXD-4TF!") }
        #expect(throws: FieldError.self) { try ReceiptCode("7K2M-9QXD-4TFU") }
    }

    @Test("A one-time code is six digits")
    func oneTimeCodes() {
        for _ in 0..<50 {
            let code = OneTimeCode.generate()
            #expect(code.count == 6)
            #expect(OneTimeCode.problem(code) == nil)
        }
        #expect(OneTimeCode.problem("12345")?.field == "code")
        #expect(OneTimeCode.problem("12a456") != nil)
        #expect(OneTimeCode.problem("123 456") == nil)
    }

    @Test("An upload is the type its bytes say, and its name must say the same")
    func uploadTypes() throws {
        let pdf = Array("%PDF-1.7\n".utf8)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]
        #expect(try UploadType.check(filename: "决定书.PDF", bytes: pdf) == .pdf)
        #expect(try UploadType.check(filename: "现场.png", bytes: png) == .png)
        #expect(try UploadType.check(filename: "照片.jpeg", bytes: [0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(throws: FieldError.self) { try UploadType.check(filename: "证据.pdf", bytes: Array("MZ\u{90}".utf8)) }
        #expect(throws: FieldError.self) { try UploadType.check(filename: "证据.jpg", bytes: pdf) }
        #expect(throws: FieldError.self) { try UploadType.check(filename: "证据", bytes: pdf) }
        do {
            _ = try UploadType.check(filename: "a.exe", bytes: Array("MZ".utf8))
        } catch {
            #expect(error.message.contains("不是可接受的文件类型"))
            #expect(error.message.contains("PDF、JPG、PNG 或 Word（.docx）"))
        }
        // A place that takes photos only (a ledger kind's `attachmentTypes`) refuses a real PDF, naming what it takes.
        #expect(try UploadType.check(filename: "现场.png", bytes: png, accepted: [.jpeg, .png]) == .png)
        do {
            _ = try UploadType.check(filename: "方案.pdf", bytes: pdf, field: "photo", accepted: [.jpeg, .png])
            Issue.record("a PDF passed as a photo")
        } catch {
            #expect(error.field == "photo")
            #expect(error.message.contains("JPG 或 PNG"))
        }
    }
}
