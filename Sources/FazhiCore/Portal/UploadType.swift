/// What an uploaded file is, read from its first bytes rather than from its name or the type the browser claims: the
/// portal takes evidence as PDF, JPEG, PNG or a Word document (.docx), a ledger kind the types it declares (photos of an
/// event: JPEG or PNG), and a file whose bytes are not the type its name says (an `.exe` renamed `.pdf`) is refused.
public enum UploadType: String, Sendable, CaseIterable {
    case pdf
    case jpeg
    case png
    case docx

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }

    public var extensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .jpeg: ["jpg", "jpeg"]
        case .png: ["png"]
        case .docx: ["docx"]
        }
    }

    /// How the type is named to the user.
    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .jpeg: "JPG"
        case .png: "PNG"
        case .docx: "Word（.docx）"
        }
    }

    /// The types in words, e.g. 「PDF、JPG、PNG 或 Word（.docx）」.
    public static func labels(_ types: [UploadType]) -> String {
        let labels = types.map(\.label)
        guard labels.count > 1 else { return labels.first ?? "" }
        return labels.dropLast().joined(separator: "、") + " 或 " + labels.last!
    }

    /// The type the bytes are, or nil when they are none of these.
    public static func sniff(_ bytes: some Collection<UInt8>) -> UploadType? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
        return nil
    }

    /// The accepted type of a file named `filename` with `bytes`, or the error naming `field`: the bytes must be one of
    /// the `accepted` types and the name's extension that same type.
    public static func check(filename: String, bytes: some Collection<UInt8>, field: String = "file",
                             accepted types: [UploadType] = UploadType.allCases) throws(FieldError) -> UploadType {
        let accepted = labels(types)
        guard let sniffed = sniff(bytes), types.contains(sniffed) else {
            throw FieldError(field: field, message: "「\(filename)」不是可接受的文件类型，请上传\(accepted)文件", code: "unsupported_file_type")
        }
        let ext = filename.split(separator: ".").count > 1 ? filename.split(separator: ".").last!.lowercased() : ""
        guard sniffed.extensions.contains(ext) else {
            throw FieldError(field: field, message: "「\(filename)」的内容与扩展名不符（内容为\(sniffed.rawValue.uppercased())），请检查后重新上传",
                             code: "file_type_mismatch")
        }
        return sniffed
    }
}
