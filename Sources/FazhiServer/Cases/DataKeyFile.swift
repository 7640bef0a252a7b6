import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The data key of the embedded default, in a file beside the SQLite database: `<database>.key`, and while
/// `fazhi keys rotate` runs, the new key in `<database>.key.next` (both are then in force, the new one sealing).
/// After a rotation the old key stays in `<database>.key.old` for the backups taken before it.
///
/// A key file is created with mode 600 from its first byte (a temporary file opened `O_CREAT|O_EXCL` with mode
/// 600, written and synced, then linked into place, so a crash never leaves a half-written key), and a key file that
/// exists but cannot be read, or does not hold a key, stops the start instead of being replaced: a new key would
/// make every stored personal field unreadable. For the same reason a key is created only for a database that does
/// not exist yet or is empty: beside a database that holds data, a missing key file stops the start.
struct DataKeyFile {
    let path: String

    var nextPath: String { path + ".next" }
    var retiredPath: String { path + ".old" }

    /// The database the key belongs to: the key file's path without `.key`.
    var databasePath: String { path.hasSuffix(".key") ? String(path.dropLast(4)) : path }

    /// The keys in force: the key file (created when absent for a new database), and during a rotation the next key,
    /// which then seals.
    func load() throws -> DataProtection {
        var key = try Self.readKey(path)
        if key == nil {
            let size = (try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int) ?? 0
            guard size == 0 else { throw DataProtection.Failure.missingKeyFile(path: path) }
            let created = DataKey.random()
            // Another process may have created it first; then its key is the key.
            key = try Self.create(created, at: path) ? created : try Self.readKey(path)
        }
        guard let key else { throw DataProtection.Failure.unreadableKeyFile(path: path, reason: "removed while starting") }
        if let next = try Self.readKey(nextPath) {
            return DataProtection(current: next, previous: [key])
        }
        return DataProtection(current: key)
    }

    /// The key in `path`; nil when no such file exists. Throws when it exists but cannot be read or holds no key.
    static func readKey(_ path: String) throws -> DataKey? {
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw DataProtection.Failure.unreadableKeyFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                throw DataProtection.Failure.unreadableKeyFile(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            // A key is 45 bytes of Base64; anything much longer is not one.
            if bytes.count > 4_096 { throw DataProtection.Failure.malformedKeyFile(path: path) }
        }
        guard let text = String(validating: bytes, as: UTF8.self), let key = try? DataKey(base64: text, source: path) else {
            throw DataProtection.Failure.malformedKeyFile(path: path)
        }
        return key
    }

    /// Writes `key` to `path`, mode 600, never over an existing file. Returns false when `path` already exists.
    @discardableResult
    static func create(_ key: DataKey, at path: String) throws -> Bool {
        let temporary = try writeTemporary(key, beside: path)
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            if errno == EEXIST { return false }
            throw DataProtection.Failure.keyFileNotWritten(path: path, reason: String(cString: strerror(errno)))
        }
        syncDirectory(of: path)
        return true
    }

    /// Writes `key` to `path`, mode 600, replacing what is there in one step.
    static func replace(_ path: String, with key: DataKey) throws {
        let temporary = try writeTemporary(key, beside: path)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DataProtection.Failure.keyFileNotWritten(path: path, reason: reason)
        }
        syncDirectory(of: path)
    }

    /// Makes the next key the key: the old one is kept in `retiredPath`, then `nextPath` is renamed over `path`.
    /// Each step is atomic, and until the rename both keys are in force, so a crash in between is repaired by running
    /// the rotation again.
    func promoteNext(retiring old: DataKey) throws {
        try Self.replace(retiredPath, with: old)
        guard rename(nextPath, path) == 0 else {
            throw DataProtection.Failure.keyFileNotWritten(path: path, reason: String(cString: strerror(errno)))
        }
        Self.syncDirectory(of: path)
    }

    private static func writeTemporary(_ key: DataKey, beside path: String) throws -> String {
        let temporary = path + ".tmp-\(UUID().uuidString)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw DataProtection.Failure.keyFileNotWritten(path: path, reason: String(cString: strerror(errno)))
        }
        let bytes = Array((key.base64 + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        let reason = String(cString: strerror(errno))
        close(descriptor)
        guard written == bytes.count, synced else {
            unlink(temporary)
            throw DataProtection.Failure.keyFileNotWritten(path: path, reason: reason)
        }
        return temporary
    }

    /// A rename or link is durable only once the directory holding it is synced.
    private static func syncDirectory(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
