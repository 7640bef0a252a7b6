import Crypto
import FazhiCore
import Foundation

/// The SHA-256 of a file fed to it as it is read: a streamed import (`CSVStream(…, onRead:)`) names the file by it in
/// its audit row, as a whole-file import names the bytes it was given, without reading the file a second time.
/// Fed by the one task that reads the stream, hence unchecked.
final class FileHash: @unchecked Sendable {
    private var hasher = SHA256()

    init() {}

    func update(_ data: Data) {
        hasher.update(data: data)
    }

    /// In hex, once the whole file has been read.
    var hex: String {
        hasher.finalize().hexString
    }
}
