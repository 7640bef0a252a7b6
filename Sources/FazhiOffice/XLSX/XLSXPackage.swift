import Foundation
import ZIPFoundation

/// The ZIP container of an .xlsx, opened in memory, handing out its parts by path. It owns the checks that
/// make a bad upload fail early with a clear message: the file's signature (a ZIP, or an old .xls), the number
/// of entries, and the unpacked size of each part and of all parts read (a small upload that inflates to
/// gigabytes is an attack on the server, not a ledger). Sizes are counted as the bytes inflate, because a
/// ZIP header's sizes can lie. A class because it counts what it has unpacked so far.
final class XLSXPackage {
    private let archive: Archive
    private let limits: SpreadsheetLimits
    private var inflated = 0

    init(data: Data, limits: SpreadsheetLimits) throws {
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw SpreadsheetError.legacyXLS }
        guard data.starts(with: [0x50, 0x4B]) else { throw SpreadsheetError.notXLSX }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw SpreadsheetError.notXLSX
        }
        self.limits = limits
        // Every lookup walks the central directory, so its length is checked once, before any lookup.
        var entries = 0
        for _ in archive {
            entries += 1
            if entries > limits.entries { throw SpreadsheetError.tooManyEntries(limit: limits.entries) }
        }
    }

    func contains(_ path: String) -> Bool { entry(path) != nil }

    /// The part's bytes, or nil if the package does not hold it.
    func readIfPresent(_ path: String) throws -> Data? {
        guard let entry = entry(path) else { return nil }
        let partLimit = limits.partBytes, totalLimit = limits.inflatedBytes
        if entry.uncompressedSize > UInt64(partLimit) { throw SpreadsheetError.tooLarge(limitBytes: partLimit) }
        if UInt64(inflated) + entry.uncompressedSize > UInt64(totalLimit) {
            throw SpreadsheetError.inflatedTooLarge(limitBytes: totalLimit)
        }
        var data = Data()
        // The header's size is only a hint: reserving it would let a lying header allocate for us.
        data.reserveCapacity(Int(min(entry.uncompressedSize, 16 * 1_048_576)))
        let before = inflated
        do {
            // The CRC is checked: a truncated upload should fail here, not as odd XML later.
            _ = try archive.extract(entry, bufferSize: 64 * 1_024) { chunk in
                guard data.count + chunk.count <= partLimit else { throw SpreadsheetError.tooLarge(limitBytes: partLimit) }
                guard before + data.count + chunk.count <= totalLimit else {
                    throw SpreadsheetError.inflatedTooLarge(limitBytes: totalLimit)
                }
                data.append(chunk)
            }
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw SpreadsheetError.notXLSX
        }
        inflated += data.count
        return data
    }

    func read(_ path: String) throws -> Data {
        guard let data = try readIfPresent(path) else { throw SpreadsheetError.missingPart(path) }
        return data
    }

    /// Paths in OOXML are case-insensitive and some tools write them with a leading slash or
    /// backslashes; Excel opens those files, so the reader does too.
    private func entry(_ path: String) -> Entry? {
        if let entry = archive[path] { return entry }
        let wanted = XLSXPackage.normalized(path)
        return archive.first { XLSXPackage.normalized($0.path) == wanted }
    }

    private static func normalized(_ path: String) -> String {
        var path = path.replacingOccurrences(of: "\\", with: "/").lowercased()
        while path.hasPrefix("/") { path.removeFirst() }
        return path
    }

    /// Resolves a relationship target against the part that names it: "worksheets/sheet1.xml" from
    /// "xl/workbook.xml" is "xl/worksheets/sheet1.xml"; "/xl/…" is already absolute.
    static func resolve(_ target: String, relativeTo source: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = source.split(separator: "/").dropLast().map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }

    /// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels", where a part's relationships live.
    static func relationshipsPath(of part: String) -> String {
        var components = part.split(separator: "/").map(String.init)
        let name = components.popLast() ?? ""
        return (components + ["_rels", name + ".rels"]).joined(separator: "/")
    }
}
