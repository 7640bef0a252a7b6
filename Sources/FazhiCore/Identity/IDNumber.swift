/// A mainland resident identity number (公民身份号码), GB 11643-1999: 6-digit region code, 8-digit
/// birth date (YYYYMMDD), 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2
/// check character (0–9 or X).
public struct IDNumber: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The 18 characters, with a lower-case `x` normalised to `X`.
    public let value: String

    /// GB 11643-1999 §5.2: the weights are 2^(17−i) mod 11 for positions 1…17.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for a weighted sum mod 11 of 0…10.
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
    /// GB/T 2260 province-level codes (the first two digits), plus 83 used on Taiwan residents' permits.
    static let provinces: Set<Int> = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
                                      41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
                                      71, 81, 82, 83]

    /// The number, or the first rule it breaks.
    /// - Parameters:
    ///   - field: the form field, for the error.
    ///   - today: when given, a birth date after it is refused.
    public init(_ text: String, field: String = "idNumber", today: CivilDate? = nil) throws(FieldError) {
        let normalised = text.trimmingWhitespace.uppercased()
        let characters = Array(normalised)
        guard characters.count == 18 else {
            throw FieldError(field: field, message: "身份证号码应为18位（GB 11643）", code: "invalid_id_number")
        }
        guard characters[0..<17].allSatisfy(\.isASCIIDigit), characters[17].isASCIIDigit || characters[17] == "X" else {
            throw FieldError(field: field, message: "身份证号码前17位应为数字，最后一位为数字或X（GB 11643）", code: "invalid_id_number")
        }
        let digits = characters[0..<17].map { Int(String($0))! }
        guard Self.provinces.contains(digits[0] * 10 + digits[1]), digits[2...5] != [0, 0, 0, 0] || digits[0] == 8 else {
            throw FieldError(field: field, message: "身份证号码地址码不正确（GB 11643、GB/T 2260）", code: "invalid_id_number")
        }
        let year = digits[6...9].reduce(0) { $0 * 10 + $1 }
        let month = digits[10] * 10 + digits[11]
        let day = digits[12] * 10 + digits[13]
        guard year >= 1900, let birth = CivilDate(year: year, month: month, day: day), today.map({ birth <= $0 }) ?? true else {
            throw FieldError(field: field, message: "身份证号码出生日期码不是有效日期（GB 11643）", code: "invalid_id_number")
        }
        guard Self.checkCharacter(for: digits) == characters[17] else {
            throw FieldError(field: field, message: "身份证号码校验位不正确（GB 11643）", code: "invalid_id_number")
        }
        self.value = normalised
    }

    /// Nil when valid, else the rule broken; for forms that collect every error.
    public static func validate(_ text: String, field: String = "idNumber", today: CivilDate? = nil) -> FieldError? {
        do { _ = try IDNumber(text, field: field, today: today); return nil } catch { return error }
    }

    /// ISO 7064 MOD 11-2 over the first 17 digits.
    static func checkCharacter(for digits: [Int]) -> Character {
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// The 6-digit address code (where the number was first issued, not where the person lives now).
    public var regionCode: String { String(value.prefix(6)) }

    public var birthDate: CivilDate {
        let digits = Array(value.utf8).map { Int($0) - 48 }
        let year = digits[6...9].reduce(0) { $0 * 10 + $1 }
        return CivilDate(year: year, month: digits[10] * 10 + digits[11], day: digits[12] * 10 + digits[13])!
    }

    /// GB 11643-1999 §4.3: the sequence code is odd for men and even for women.
    public var isMale: Bool {
        Int(String(Array(value)[16]))! % 2 == 1
    }

    /// 1201**********123X, for screens (Masking).
    public var masked: String { Masking.idNumber(value) }

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

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// Without leading and trailing spaces (Foundation-free, so Core stays portable).
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
