import FazhiCore
import Vapor

/// The one check of a file a user uploads to be kept — a portal applicant's evidence, the photos of a ledger entry:
/// present, within the size its place allows, and its bytes one of the accepted types and the type its name says
/// (`UploadType`, recognised by the bytes, never by the name or the browser's claim).
enum UploadCheck {
    /// The file and its type, or a `FieldError` on `field` naming the rule it breaks.
    static func check(_ file: File?, maxSize: Int, accepted: [UploadType] = UploadType.allCases,
                      field: String = "file") throws(FieldError) -> (File, UploadType) {
        guard let file, file.data.readableBytes > 0 else { throw FieldError(field: field, message: "请选择要上传的文件") }
        guard file.data.readableBytes <= maxSize else {
            throw FieldError(field: field, message: "文件不能超过\(maxSize / (1024 * 1024))MB")
        }
        return (file, try UploadType.check(filename: file.filename, bytes: file.data.readableBytesView, field: field, accepted: accepted))
    }
}
