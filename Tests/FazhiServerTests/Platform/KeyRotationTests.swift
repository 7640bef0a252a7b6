import Crypto
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor

/// Issue 9, items 10 and 12: derived keys, ciphertexts that name their key, a rotation that can stop anywhere and be
/// run again, key files created 600, and a start refused on a key file that cannot be read.
@Suite("Data key rotation")
struct KeyRotationTests {
    /// Every party's personal fields in clear, by id.
    static func plaintexts(_ db: Database, _ protection: DataProtection) async throws -> [UUID: [String?]] {
        var result: [UUID: [String?]] = [:]
        for party in try await PartyRecord.query(on: db).all() {
            result[party.id!] = try [party.idNumberEncrypted, party.phoneEncrypted, party.addressEncrypted].map { try $0.map(protection.decrypt) }
        }
        return result
    }

    static func sealedFields(_ db: Database) async throws -> [String] {
        try await PartyRecord.query(on: db).all().flatMap { [$0.idNumberEncrypted, $0.phoneEncrypted, $0.addressEncrypted].compactMap { $0 } }
    }

    /// Parties through the scale generator, and a third of them rewritten the way fields were stored before key ids
    /// (sealed and hashed with the master key itself), with an address.
    static func parties(_ app: Application, count: Int = 150) async throws {
        _ = try await ScaleGenerator(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection,
                                     year: 2025, count: count).run()
        let master = app.dataProtection.current.master
        for (index, party) in try await PartyRecord.query(on: app.db).all().enumerated() where index % 3 == 0 {
            guard let sealed = party.idNumberEncrypted else { continue }
            let idNumber = try app.dataProtection.decrypt(sealed)
            party.idNumberEncrypted = try AES.GCM.seal(Data(idNumber.utf8), using: master).combined!.base64EncodedString()
            party.idNumberHash = HMAC<SHA256>.authenticationCode(for: Data(idNumber.utf8), using: master).map { String(format: "%02x", $0) }.joined()
            party.addressEncrypted = try AES.GCM.seal(Data("河东区春华街\(index)号".utf8), using: master).combined!.base64EncodedString()
            try await party.save(on: app.db)
        }
    }

    @Test("Derived keys: ciphertexts name their key, the hash key is not the encryption key, legacy fields still open")
    func derivedKeys() throws {
        let protection = try DataProtection(base64: [UInt8](repeating: 7, count: 32).base64)
        let sealed = try protection.encrypt("120102198001011234")
        #expect(sealed.hasPrefix("v1:\(protection.current.id):"))
        #expect(protection.current.id.count == 8)
        #expect(try protection.decrypt(sealed) == "120102198001011234")
        let legacy = try AES.GCM.seal(Data("旧数据".utf8), using: protection.current.master).combined!.base64EncodedString()
        #expect(try protection.decrypt(legacy) == "旧数据")
        let derivedHash = protection.lookupHash("x")
        let legacyHash = HMAC<SHA256>.authenticationCode(for: Data("x".utf8), using: protection.current.master).map { String(format: "%02x", $0) }.joined()
        #expect(derivedHash != legacyHash)
        #expect(protection.lookupHashes("x").contains(legacyHash))
        #expect(protection.current.encryption.withUnsafeBytes { Data($0) } != protection.current.lookup.withUnsafeBytes { Data($0) })

        let next = DataProtection(current: .random(), previous: [protection.current])
        #expect(try next.decrypt(sealed) == "120102198001011234")
        #expect(try next.decrypt(legacy) == "旧数据")
        #expect(throws: DataProtection.Failure.self) { try DataProtection(current: .random()).decrypt(sealed) }
    }

    @Test("Rotation round trip, resumed after a stop: every field reads the same, lookups by ID number work after")
    func roundTrip() async throws {
        try await withTestApp(.sqlite) { app in
            try await Self.parties(app)
            let old = app.dataProtection
            let before = try await Self.plaintexts(app.db, old)
            #expect(before.count >= 150)
            let idNumber = try #require(before.values.compactMap { $0[0] }.first)
            #expect(try await PartyRecord.query(idNumber: idNumber, protection: old, on: app.db).count() >= 1)

            let during = DataProtection(current: .random(), previous: [old.current])
            let rotation = KeyRotation(db: app.db, protection: during, batchSize: 40)
            let stale = try await rotation.remaining()
            #expect(stale > 100 && stale <= before.count)
            // A stop after two batches (a crash): every field still opens, under either key.
            #expect(try await rotation.reseal(maximumBatches: 2) == 80)
            #expect(try await rotation.remaining() == stale - 80)
            #expect(try await Self.plaintexts(app.db, during) == before)
            #expect(try await PartyRecord.query(idNumber: idNumber, protection: during, on: app.db).count() >= 1)
            // The rerun takes only what is left.
            var reports: [Int] = []
            #expect(try await rotation.reseal { reports.append($0.resealed) } == stale - 80)
            #expect(reports.last == stale - 80)
            #expect(try await rotation.remaining() == 0)

            let after = DataProtection(current: during.current)
            #expect(try await Self.plaintexts(app.db, after) == before)
            #expect(try await Self.sealedFields(app.db).allSatisfy { $0.hasPrefix(after.sealedPrefix) })
            #expect(try await PartyRecord.query(idNumber: idNumber, protection: after, on: app.db).count() >= 1)
            #expect(try await PartyRecord.query(idNumber: idNumber, protection: old, on: app.db).count() == 0)
        }
    }

    @Test("Rotation re-seals the authenticator secrets too: administrators still sign in under the new key")
    func secondFactors() async throws {
        try await withTestApp(.sqlite) { app in
            _ = try await TestClient.secondFactorCode(app, "admin")
            let old = app.dataProtection
            let during = DataProtection(current: .random(), previous: [old.current])
            let rotation = KeyRotation(db: app.db, protection: during, batchSize: 40)
            #expect(try await rotation.remaining() >= 1)
            _ = try await rotation.reseal()
            #expect(try await rotation.remaining() == 0)
            let after = DataProtection(current: during.current)
            let factor = try #require(try await SecondFactor.query(on: app.db).first())
            #expect(try after.decrypt(factor.secret) == TestClient.testSecret.base32)
        }
    }

    @Test("Rotation re-seals the portal's accounts and receipt codes: a resident signs in and follows a matter under the new key")
    func portal() async throws {
        try await PortalTests.withPortal(.sqlite) { app, messages in
            let resident = try await PortalBrowser.signIn(app, phone: "13900008888", messages: messages)
            try await resident.completeProfile()
            let application = try await resident.submitReconsideration()
            let receipt = try app.dataProtection.decrypt(try #require(application.receiptEncrypted))
            let during = DataProtection(current: .random(), previous: [app.dataProtection.current])
            let rotation = KeyRotation(db: app.db, protection: during, batchSize: 40)
            #expect(try await rotation.remaining() >= 2)
            _ = try await rotation.reseal()
            #expect(try await rotation.remaining() == 0)
            let after = DataProtection(current: during.current)
            let account = try #require(try await PortalAccount.query(on: app.db).first())
            #expect(try after.decrypt(account.phoneEncrypted) == "13900008888")
            #expect(account.phoneHash == after.lookupHash("13900008888"))
            #expect(try after.decrypt(try #require(account.idNumberEncrypted)) == "11010519491231002X")
            let stored = try #require(try await PortalApplicationRecord.find(application.id, on: app.db))
            #expect(stored.receiptHash == after.lookupHash(receipt))
        }
    }

    @Test("fazhi keys rotate on a key file: .key.next written 600 first, promoted at the end, old key kept, audited")
    func keyFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("fazhi.sqlite").path
        let config = FazhiConfiguration(database: .sqlite(path: path), bcryptCost: 4, jsonLogs: false)
        let file = DataKeyFile(path: path + ".key")
        var before: [UUID: [String?]] = [:]
        var oldID = ""
        try await FazhiApp.with(config) { (app: Application) async throws in
            _ = try await DemoData(db: app.db, hasher: app.password, modules: app.modules).load()
            try await Self.parties(app, count: 60)
            before = try await Self.plaintexts(app.db, app.dataProtection)
            oldID = app.dataProtection.current.id
        }
        #expect(try Self.mode(file.path) == 0o600)

        // A run that stopped after its first batch: both key files in force, the next one 600.
        let old = try #require(try DataKeyFile.readKey(file.path))
        let next = DataKey.random()
        try DataKeyFile.create(next, at: file.nextPath)
        #expect(try Self.mode(file.nextPath) == 0o600)
        try await FazhiApp.with(config) { (app: Application) async throws in
            #expect(app.dataProtection.current.id == next.id)
            #expect(app.dataProtection.keys.map(\.id) == [next.id, old.id])
            _ = try await KeyRotation(db: app.db, protection: app.dataProtection, batchSize: 10).reseal(maximumBatches: 1)
            #expect(try await Self.plaintexts(app.db, app.dataProtection) == before)
        }

        let lines = try await FazhiApp.with(config) { app in try await FazhiApp.rotateKeys(app, config, batchSize: 25) }
        #expect(lines.first?.contains(next.id) == true)
        #expect(!FileManager.default.fileExists(atPath: file.nextPath))
        #expect(try DataKeyFile.readKey(file.path)?.id == next.id)
        #expect(try DataKeyFile.readKey(file.retiredPath)?.id == oldID)
        #expect(try Self.mode(file.path) == 0o600)
        #expect(try Self.mode(file.retiredPath) == 0o600)
        try await FazhiApp.with(config) { (app: Application) async throws in
            #expect(app.dataProtection.keys.map(\.id) == [next.id])
            #expect(try await Self.plaintexts(app.db, app.dataProtection) == before)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "rotate").all()
            #expect(audit.count == 1)
            #expect(audit.first?.entityID == next.id)
            #expect(try await AuditLog.verify(on: app.db).firstBreak == nil)
        }
    }

    @Test("Keys from the environment: FAZHI_DATA_KEY_NEXT is asked for first, then the rotation runs under it")
    func environmentKeys() async throws {
        try await withTestApp(.sqlite) { app in
            try await Self.parties(app, count: 30)
            let before = try await Self.plaintexts(app.db, app.dataProtection)
            let key = app.dataProtection.current.base64
            await #expect(throws: FazhiApp.NextKeyRequired.self) {
                _ = try await FazhiApp.rotateKeys(app, FazhiConfiguration(database: .sqlite(path: "unused"), dataKey: key))
            }
            let next = DataKey.random()
            let config = FazhiConfiguration(database: .sqlite(path: "unused"), dataKey: key, dataKeyNext: next.base64)
            let lines = try await FazhiApp.rotateKeys(app, config, batchSize: 7)
            #expect(lines.contains { $0.contains("FAZHI_DATA_KEY_NEXT") })
            #expect(try await Self.plaintexts(app.db, try DataProtection(base64: next.base64)) == before)
        }
    }

    @Test("A key file that exists but cannot be read, or holds no key, stops the start and is left as it is")
    func unreadableKeyFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-badkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("fazhi.sqlite").path
        let config = FazhiConfiguration(database: .sqlite(path: path), bcryptCost: 4, jsonLogs: false)

        // Unreadable even for root: a directory where the key file should be.
        try FileManager.default.createDirectory(atPath: path + ".key", withIntermediateDirectories: false)
        await #expect(throws: DataProtection.Failure.self) { try await FazhiApp.with(config) { _ in } }
        do {
            try await FazhiApp.with(config) { _ in }
        } catch {
            #expect("\(error)".contains("拒绝启动"))
            #expect("\(error)".contains("refusing to start"))
        }
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: path + ".key", isDirectory: &isDirectory) && isDirectory.boolValue)

        try FileManager.default.removeItem(atPath: path + ".key")
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: path + ".key"))
        await #expect(throws: DataProtection.Failure.self) { try await FazhiApp.with(config) { _ in } }
        #expect(try String(contentsOfFile: path + ".key", encoding: .utf8) == "not a key\n")

        // A key file is never written over: creating one where one exists leaves it.
        let existing = DataKey.random()
        try FileManager.default.removeItem(atPath: path + ".key")
        #expect(try DataKeyFile.create(existing, at: path + ".key"))
        #expect(try DataKeyFile.create(.random(), at: path + ".key") == false)
        #expect(try DataKeyFile.readKey(path + ".key")?.id == existing.id)

        // Beside a database that holds data, a missing key file is not replaced by a new key.
        try FileManager.default.removeItem(atPath: path + ".key")
        try Data("SQLite format 3\u{0}".utf8).write(to: URL(fileURLWithPath: path))
        do {
            try await FazhiApp.with(config) { _ in }
            Issue.record("started with a new key beside a database that holds data")
        } catch {
            #expect("\(error)".contains("密钥文件") && "\(error)".contains("不存在"))
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".key"))
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0) & 0o777
    }
}
