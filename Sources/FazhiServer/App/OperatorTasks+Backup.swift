import Fluent
import FazhiCore
import Foundation
import SQLKit
import Vapor

/// `fazhi backup` and `fazhi restore`: a consistent copy of the whole database taken while the system runs, and its
/// restoration into an empty database. SQLite is copied by `VACUUM INTO` (one read transaction: a snapshot, writers go
/// on); PostgreSQL by `pg_dump --format=custom` and back by `pg_restore`. The embedded default's data key
/// (`<database>.key`) goes beside the backup as `<backup>.key` (mode 600), to be kept apart from it; with
/// `FAZHI_DATA_KEY` the key is the operator's to keep, and the restored database needs the same one.
extension FazhiApp {
    public struct BackupRefused: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes the backup to `out` (which must not exist); returns what it wrote, a line each.
    public static func backup(_ config: FazhiConfiguration, to out: String) async throws -> [String] {
        guard !FileManager.default.fileExists(atPath: out) else { throw BackupRefused(description: "\(out) 已存在，备份不会覆盖已有文件") }
        switch config.database {
        case .sqlite(let path):
            if config.dataKey == nil {
                let key = DataKeyFile(path: path + ".key")
                guard !FileManager.default.fileExists(atPath: key.nextPath) else {
                    throw BackupRefused(description: "数据密钥正在轮换（\(key.nextPath) 存在）：请先完成 fazhi keys rotate 再备份")
                }
            }
            let tables = try await with(config, migrate: false) { app in
                try await app.db.sql.raw("VACUUM INTO \(bind: out)").run()
                return try await tableCount(app.db)
            }
            var lines = ["已备份 SQLite 数据库（\(tables) 张表）到 \(out)"]
            if config.dataKey == nil {
                guard let key = try DataKeyFile.readKey(path + ".key"), try DataKeyFile.create(key, at: out + ".key") else {
                    try? FileManager.default.removeItem(atPath: out)
                    throw BackupRefused(description: "无法写出数据密钥 \(out).key，备份已删除")
                }
                lines.append("数据密钥已写到 \(out).key（权限600）：请与备份分开保管，没有它无法读出个人信息")
            } else {
                lines.append("个人信息以 FAZHI_DATA_KEY 加密：恢复时须使用同一密钥")
            }
            return lines
        case .postgres(let url):
            try run(postgresTool("pg_dump"), ["--format=custom", "--no-owner", "--file=\(out)", "--dbname=\(url)"], doing: "pg_dump")
            return ["已备份 PostgreSQL 数据库到 \(out)（pg_dump 自定义格式）", "个人信息以 FAZHI_DATA_KEY 加密：恢复时须使用同一密钥"]
        }
    }

    /// Restores the backup in `file` into the configured database, which must be empty, then checks it: migrations
    /// brought up to date, the audit chain verified, the cases counted. Returns what it did, a line each.
    public static func restore(_ config: FazhiConfiguration, from file: String) async throws -> [String] {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw BackupRefused(description: "无法读取备份文件 \(file)") }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        let isSQLite = header.starts(with: Data("SQLite format 3".utf8))
        let isDump = header.starts(with: Data("PGDMP".utf8))
        switch config.database {
        case .sqlite(let path):
            guard isSQLite else {
                throw BackupRefused(description: isDump ? "\(file) 是 PostgreSQL 备份，当前配置的是 SQLite 数据库" : "\(file) 不是 fazhi backup 写出的备份")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard size == 0 else { throw BackupRefused(description: "目标数据库 \(path) 不是空的：恢复只写入空数据库") }
            if config.dataKey == nil {
                guard let key = try DataKeyFile.readKey(file + ".key") else {
                    throw BackupRefused(description: "缺少数据密钥 \(file).key（备份时写在备份旁）；或以 FAZHI_DATA_KEY 提供备份时的密钥")
                }
                guard try DataKeyFile.readKey(path + ".key") == nil else {
                    throw BackupRefused(description: "\(path).key 已存在：恢复不会覆盖已有的数据密钥")
                }
                _ = try DataKeyFile.create(key, at: path + ".key")
            }
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.copyItem(atPath: file, toPath: path)
        case .postgres(let url):
            guard isDump else {
                throw BackupRefused(description: isSQLite ? "\(file) 是 SQLite 备份，当前配置的是 PostgreSQL 数据库" : "\(file) 不是 fazhi backup 写出的备份")
            }
            let tables = try await with(config, migrate: false) { try await tableCount($0.db) }
            guard tables == 0 else { throw BackupRefused(description: "目标数据库已有 \(tables) 张表：恢复只写入空数据库") }
            try run(postgresTool("pg_restore"), ["--no-owner", "--exit-on-error", "--single-transaction", "--dbname=\(url)", file], doing: "pg_restore")
        }
        return try await with(config) { app in
            let audit = try await AuditLog.verify(on: app.db)
            if let broken = audit.firstBreak {
                throw BackupRefused(description: "已恢复，但审计日志哈希链在第 \(broken.seq) 行断开：\(broken.reason)")
            }
            let cases = try await CaseRecord.query(on: app.db).count()
            return ["已恢复：案件 \(cases) 件，审计日志 \(audit.checked) 行，哈希链完整"]
        }
    }

    /// Tables in the database's own schema.
    private static func tableCount(_ db: Database) async throws -> Int {
        let sql = try db.sql
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"
        return try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// A PostgreSQL client program: on the PATH, else the newest under /usr/lib/postgresql (Debian's layout). The upgrade
    /// test loads its fixtures with it too.
    static func postgresTool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let candidate = "/usr/lib/postgresql/\(version)/bin/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BackupRefused(description: "找不到 \(name)：请安装 PostgreSQL 客户端（Debian: postgresql-client）")
    }

    /// Runs `tool` and waits; a failure is `BackupRefused` with what the tool said.
    static func run(_ tool: String, _ arguments: [String], doing what: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BackupRefused(description: "\(what) 失败（退出码 \(process.terminationStatus)）：\(String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
