/// The receipt code (查询码) a resident is given when an application is submitted: anyone holding it may follow that one
/// matter without an account. Twelve characters of Crockford's base-32 alphabet (no I, L, O, U), 60 random bits,
/// printed in three groups (`7K2M-9QXD-4TFA`); read back forgivingly: case, spaces and hyphens are ignored and the
/// letters people confuse with digits (O, I, L) are read as the digits.
public struct ReceiptCode: Hashable, Sendable, CustomStringConvertible {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let length = 12

    /// The twelve characters, without hyphens.
    public let value: String

    public init<Generator: RandomNumberGenerator>(using generator: inout Generator) {
        value = String((0..<Self.length).map { _ in Self.alphabet[Int(generator.next(upperBound: UInt8(Self.alphabet.count)))] })
    }

    public init() {
        var generator = SystemRandomNumberGenerator()
        self.init(using: &generator)
    }

    /// Reads a code as typed; throws naming `field` when it cannot be one.
    public init(_ text: String, field: String = "code") throws(FieldError) {
        var characters: [Character] = []
        for character in text.uppercased() where character != "-" && !character.isWhitespace {
            switch character {
            case "O": characters.append("0")
            case "I", "L": characters.append("1")
            default:
                guard Self.alphabet.contains(character) else {
                    throw FieldError(field: field, message: "查询码只含数字和字母，共12位（如 7K2M-9QXD-4TFA）", code: "invalid_receipt_code")
                }
                characters.append(character)
            }
        }
        guard characters.count == Self.length else {
            throw FieldError(field: field, message: "查询码应为12位（如 7K2M-9QXD-4TFA），请核对后重新输入", code: "invalid_receipt_code")
        }
        value = String(characters)
    }

    /// As printed: three groups of four.
    public var description: String {
        let characters = Array(value)
        return stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }
            .joined(separator: "-")
    }
}

/// The one-time code sent by SMS to sign in to the portal: six digits, valid for a few minutes, used once, and given up
/// after a few wrong tries; how often one may be asked for is `OneTimeCode.Limits`.
public enum OneTimeCode {
    public static let digits = 6
    /// How long a code stays valid (seconds).
    public static let lifetime: Double = 5 * 60
    /// Wrong tries a code survives; the next one uses it up.
    public static let maxAttempts = 5

    /// How many codes may be asked for: per number and per address, within a window.
    public struct Limits: Sendable {
        /// Seconds a number waits between two codes.
        public var perNumberInterval: Double = 60
        public var perNumberPerHour = 5
        public var perAddressPerHour = 20

        public init() {}
    }

    public static func generate<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        String((0..<digits).map { _ in Character(String(generator.next(upperBound: UInt8(10)))) })
    }

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// Whether `text` has the shape of a code (six digits, spaces ignored); the message names `field` otherwise.
    public static func problem(_ text: String, field: String = "code") -> FieldError? {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.count == digits, compact.allSatisfy(\.isASCIIDigit) else {
            return FieldError(field: field, message: "验证码为短信中的6位数字", code: "invalid_code")
        }
        return nil
    }
}
