/// A mainland telephone number: a mobile number (11 digits, 1[3-9]…) or a landline with its area
/// code (0 + 2–3 digits, then a 7–8 digit local number, optionally "-" and an extension).
public struct PhoneNumber: Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable {
        case mobile
        case landline
    }

    /// Digits only for a mobile; `0AA-NNNNNNNN` or `0AA-NNNNNNNN-EEEE` for a landline.
    public let value: String
    public let kind: Kind

    /// Accepts spaces, and for a landline a missing hyphen after the area code when unambiguous:
    /// two-digit area codes are 010 and 02X, every other one has three digits (GB/T 2260 telephone plan).
    public init(_ text: String, field: String = "phone") throws(FieldError) {
        let compact = String(text.filter { !$0.isWhitespace })
        let invalid = FieldError(field: field,
                                 message: "电话号码格式不正确：手机号应为1开头的11位数字（第二位3至9），固定电话应带区号（如 022-23456789）",
                                 code: "invalid_phone")
        let mobile = compact.filter { $0 != "-" }
        if mobile.count == 11, mobile.hasPrefix("1"), mobile.allSatisfy(\.isASCIIDigit),
           let second = mobile.dropFirst().first, ("3"..."9").contains(second) {
            self.value = mobile
            self.kind = .mobile
            return
        }
        var parts = compact.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }), (1...3).contains(parts.count),
              parts[0].hasPrefix("0") else { throw invalid }
        if parts.count == 1 || (parts.count == 2 && parts[0].count > 4) {
            // No hyphen after the area code: split it off by the numbering plan.
            let whole = parts[0]
            let areaLength = (whole.hasPrefix("010") || whole.hasPrefix("02")) ? 3 : 4
            guard whole.count > areaLength else { throw invalid }
            parts[0] = String(whole.dropFirst(areaLength))
            parts.insert(String(whole.prefix(areaLength)), at: 0)
        }
        let area = parts[0], local = parts[1]
        guard (3...4).contains(area.count), (7...8).contains(local.count),
              let first = local.first, first != "0", first != "1" else { throw invalid }
        if parts.count == 3 { guard parts[2].count <= 6 else { throw invalid } }
        self.value = parts.joined(separator: "-")
        self.kind = .landline
    }

    public static func validate(_ text: String, field: String = "phone") -> FieldError? {
        do { _ = try PhoneNumber(text, field: field); return nil } catch { return error }
    }

    /// 138****1234 or 022-****5678.
    public var masked: String { Masking.phone(value) }

    public var description: String { masked }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
