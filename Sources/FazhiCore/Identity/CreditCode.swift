/// A unified social credit code (统一社会信用代码), GB 32100-2015: registering authority (1 char),
/// organisation type (1), region code (6 digits), organisation code (9, GB 11714) and a MOD 31
/// check character. The alphabet is 0–9 and the capitals without I, O, Z, S, V.
public struct CreditCode: Hashable, Codable, Sendable, CustomStringConvertible {
    public let value: String

    /// GB 32100-2015 表1: the 31 characters and their values, in order.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// GB 32100-2015 §4.3: weight of position i is 3^(i−1) mod 31.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public init(_ text: String, field: String = "creditCode") throws(FieldError) {
        let normalised = text.trimmingWhitespace.uppercased()
        let characters = Array(normalised)
        guard characters.count == 18 else {
            throw FieldError(field: field, message: "统一社会信用代码应为18位（GB 32100）", code: "invalid_credit_code")
        }
        var values: [Int] = []
        for character in characters {
            guard let value = Self.alphabet.firstIndex(of: character) else {
                throw FieldError(field: field, message: "统一社会信用代码含有不允许的字符「\(character)」（GB 32100：不使用I、O、Z、S、V）",
                                 code: "invalid_credit_code")
            }
            values.append(value)
        }
        guard characters[2..<8].allSatisfy(\.isASCIIDigit) else {
            throw FieldError(field: field, message: "统一社会信用代码第3至8位应为行政区划码（GB 32100）", code: "invalid_credit_code")
        }
        guard Self.checkCharacter(for: Array(values.prefix(17))) == characters[17] else {
            throw FieldError(field: field, message: "统一社会信用代码校验码不正确（GB 32100）", code: "invalid_credit_code")
        }
        self.value = normalised
    }

    public static func validate(_ text: String, field: String = "creditCode") -> FieldError? {
        do { _ = try CreditCode(text, field: field); return nil } catch { return error }
    }

    /// GB 32100-2015 §4.3: C18 = 31 − (Σ Ci·Wi mod 31), with 31 written as 0.
    static func checkCharacter(for values: [Int]) -> Character {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// The 6-digit region code of the registering authority.
    public var regionCode: String { String(Array(value)[2..<8]) }

    public var description: String { value }

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
