import Fluent
import FluentSQL
import Foundation

/// Re-seals every stored personal field (parties' ID numbers, phones, addresses; the portal's accounts and receipt codes)
/// and the staff's authenticator secrets under the current data key of a
/// `DataProtection` in which the old key still opens, and recomputes the ID-number lookup hash under it.
///
/// Crash-safe by construction: each batch is one transaction, so a row is wholly under the old key or wholly under
/// the new one, and every ciphertext names its key (`v1:<key id>:…`), so the progress is the data itself — a rerun
/// selects the rows not yet under the new key and goes on from there. `fazhi keys rotate` (`FazhiApp.rotateKeys`)
/// keeps both keys on disk or in the environment until `remaining()` is zero, then promotes the new one.
struct KeyRotation {
    let db: Database
    /// The new key sealing, the old one (and legacy fields under its master key) still opening.
    let protection: DataProtection
    var batchSize = 500

    struct Progress: Sendable {
        /// Parties re-sealed by this run so far.
        var resealed: Int
        /// Parties that held a field under another key when the run began.
        var total: Int
    }

    /// Re-seals the parties not yet under the current key, a batch per transaction in id order, and returns how many
    /// it rewrote. `maximumBatches` stops early (the tests' stand-in for a crash).
    func reseal(maximumBatches: Int? = nil, progress: (Progress) -> Void = { _ in }) async throws -> Int {
        let total = try await remaining()
        // The authenticator secrets first: a handful of rows, one transaction; left behind, admins could not sign in.
        var resealed = try await resealSecondFactors()
        resealed += try await resealPortal()
        var batches = 0
        var last: UUID?
        while maximumBatches.map({ batches < $0 }) ?? true {
            let ids = try await staleIDs(after: last)
            guard let lastID = ids.last else { break }
            try await db.transaction { tx in
                for party in try await PartyRecord.query(on: tx).filter(\.$id ~~ ids).all() {
                    try reseal(party)
                    try await party.save(on: tx)
                }
            }
            resealed += ids.count
            batches += 1
            last = lastID
            progress(Progress(resealed: resealed, total: total))
        }
        return resealed
    }

    /// How many parties still hold a field under another key (or in the legacy format).
    func remaining() async throws -> Int {
        let row = try await staleQuery().column(SQLFunction("count", args: SQLLiteral.all), as: "n").first()
        let factors = try await SecondFactor.query(on: db).filter(\.$secret !=~ protection.sealedPrefix).count()
        let accounts = try await PortalAccount.query(on: db).filter(\.$phoneEncrypted !=~ protection.sealedPrefix).count()
        let receipts = try await PortalApplicationRecord.query(on: db).filter(\.$receiptEncrypted != nil)
            .filter(\.$receiptEncrypted !=~ protection.sealedPrefix).count()
        return try (row?.decode(column: "n", as: Int.self) ?? 0) + factors + accounts + receipts
    }

    /// Re-seals the portal's accounts (number, ID number, and their lookup hashes) and receipt codes (and their hashes),
    /// a batch per transaction; returns how many rows it rewrote. A row's fields are sealed together, so the number
    /// names whether the row is done.
    private func resealPortal() async throws -> Int {
        let protection = self.protection
        var count = 0
        while true {
            let done = try await db.transaction { tx -> Int in
                let accounts = try await PortalAccount.query(on: tx).filter(\.$phoneEncrypted !=~ protection.sealedPrefix).limit(batchSize).all()
                for account in accounts {
                    do {
                        let phone = try protection.decrypt(account.phoneEncrypted)
                        account.phoneEncrypted = try protection.encrypt(phone)
                        account.phoneHash = protection.lookupHash(phone)
                        if let sealed = account.idNumberEncrypted {
                            let idNumber = try protection.decrypt(sealed)
                            account.idNumberEncrypted = try protection.encrypt(idNumber)
                            account.idNumberHash = protection.lookupHash(idNumber)
                        }
                    } catch is DataProtection.Failure {
                        throw Undecryptable(partyID: account.id)
                    }
                    try await account.save(on: tx)
                }
                let applications = try await PortalApplicationRecord.query(on: tx).filter(\.$receiptEncrypted != nil)
                    .filter(\.$receiptEncrypted !=~ protection.sealedPrefix).limit(batchSize).all()
                for application in applications {
                    do {
                        let receipt = try protection.decrypt(application.receiptEncrypted!)
                        application.receiptEncrypted = try protection.encrypt(receipt)
                        application.receiptHash = protection.lookupHash(receipt)
                    } catch is DataProtection.Failure {
                        throw Undecryptable(partyID: application.id)
                    }
                    try await application.save(on: tx)
                }
                return accounts.count + applications.count
            }
            count += done
            if done == 0 { return count }
        }
    }

    /// Re-seals the authenticator secrets not yet under the current key; returns how many.
    private func resealSecondFactors() async throws -> Int {
        let protection = self.protection
        return try await db.transaction { tx in
            let stale = try await SecondFactor.query(on: tx).filter(\.$secret !=~ protection.sealedPrefix).all()
            for factor in stale {
                do {
                    factor.secret = try protection.encrypt(try protection.decrypt(factor.secret))
                } catch is DataProtection.Failure {
                    throw Undecryptable(partyID: factor.id)
                }
                try await factor.save(on: tx)
            }
            return stale.count
        }
    }

    /// A stored field that no key in force opens: the rotation stops with nothing of the batch written.
    struct Undecryptable: Error, CustomStringConvertible {
        let partyID: UUID?
        var description: String {
            "当事人 \(partyID?.uuidString ?? "?") 的个人信息无法用现有密钥解密，轮换已停止（已完成的批次保留） / "
                + "a field of party \(partyID?.uuidString ?? "?") opens with neither key; rotation stopped (finished batches stay)"
        }
    }

    private func reseal(_ party: PartyRecord) throws {
        do {
            try resealFields(of: party)
        } catch is DataProtection.Failure {
            throw Undecryptable(partyID: party.id)
        }
    }

    private func resealFields(of party: PartyRecord) throws {
        if let sealed = party.idNumberEncrypted {
            let idNumber = try protection.decrypt(sealed)
            party.idNumberEncrypted = try protection.encrypt(idNumber)
            party.idNumberHash = protection.lookupHash(idNumber)
        }
        if let sealed = party.phoneEncrypted { party.phoneEncrypted = try protection.encrypt(try protection.decrypt(sealed)) }
        if let sealed = party.addressEncrypted { party.addressEncrypted = try protection.encrypt(try protection.decrypt(sealed)) }
    }

    private func staleIDs(after last: UUID?) async throws -> [UUID] {
        var query = staleQuery().column("id")
        if let last { query = query.where("id", .greaterThan, last) }
        return try await query.orderBy("id").limit(batchSize).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Parties with a field not under the current key. NULL fields are never stale (`NULL NOT LIKE …` is not true).
    private func staleQuery() -> SQLSelectBuilder {
        let sealed = protection.sealedPrefix + "%"
        return (db as! any SQLDatabase).select().from(PartyRecord.schema).where(group: { group in
            group.where("id_number_enc", .notLike, sealed)
                .orWhere("phone_enc", .notLike, sealed)
                .orWhere("address_enc", .notLike, sealed)
        })
    }
}
