import Testing
@testable import FazhiCore

/// Valid numbers were built from made-up bodies and check characters computed by an independent
/// Python script (ISO 7064 MOD 11-2 for GB 11643, MOD 31 for GB 32100), not by the code under test.
@Suite struct IdentityTests {
    @Test("GB 11643 resident ID numbers that are valid", arguments: [
        ("120102199003071231", "1990-03-07", true),
        ("120105198512310020", "1985-12-31", false),
        ("11010519491231002X", "1949-12-31", false),
        ("44030420000229041X", "2000-02-29", true),
        ("120110197501011005", "1975-01-01", false),
        ("12010219880715103x", "1988-07-15", true),
    ])
    func validIDNumbers(text: String, birth: String, male: Bool) throws {
        let number = try IDNumber(text)
        #expect(number.birthDate == day(birth))
        #expect(number.isMale == male)
        #expect(number.value == text.uppercased())
        #expect(IDNumber.validate(text) == nil)
    }

    @Test("GB 11643 resident ID numbers that are refused, each with its rule", arguments: [
        ("120102199003071232", "校验位不正确（GB 11643）"),
        ("12010219900307123", "应为18位"),
        ("1201021990030712311", "应为18位"),
        ("12010219900307A231", "前17位应为数字"),
        ("990102199003071231", "地址码不正确"),
        ("120102199002301231", "出生日期码不是有效日期"),
        ("120102189912311231", "出生日期码不是有效日期"),
    ])
    func invalidIDNumbers(text: String, rule: String) {
        let error = IDNumber.validate(text, field: "applicant.idNumber")
        #expect(error?.field == "applicant.idNumber")
        #expect(error?.message.contains(rule) == true, "\(error?.message ?? "accepted")")
    }

    @Test("A birth date after today is refused when today is given")
    func futureBirth() {
        #expect(IDNumber.validate("44030420000229041X", today: day("1999-12-31")) != nil)
        #expect(IDNumber.validate("44030420000229041X", today: day("2024-01-01")) == nil)
    }

    @Test("GB 32100 unified social credit codes that are valid", arguments: [
        "91120102MA05K8XX17", "11120102000000000W", "91110000600037341L", "52120102MJ0000001C", "52120102mj0000001c",
    ])
    func validCreditCodes(text: String) throws {
        let code = try CreditCode(text)
        #expect(code.value == text.uppercased())
        #expect(code.regionCode == String(Array(text)[2..<8]))
    }

    @Test("GB 32100 codes that are refused, each with its rule", arguments: [
        ("91120102MA05K8XX18", "校验码不正确（GB 32100）"),
        ("91120102MA05K8XX1", "应为18位"),
        ("91120102MA05K8XI17", "不允许的字符「I」"),
        ("91120102MO05K8XX17", "不允许的字符「O」"),
        ("9112A102MA05K8XX17", "行政区划码"),
    ])
    func invalidCreditCodes(text: String, rule: String) {
        let error = CreditCode.validate(text, field: "respondent.creditCode")
        #expect(error?.field == "respondent.creditCode")
        #expect(error?.message.contains(rule) == true, "\(error?.message ?? "accepted")")
    }

    @Test("Phone numbers: mobiles and landlines with area codes", arguments: [
        ("13812341234", "13812341234", PhoneNumber.Kind.mobile),
        ("199 0000 1111", "19900001111", .mobile),
        ("138-1234-1234", "13812341234", .mobile),
        ("022-23456789", "022-23456789", .landline),
        ("02223456789", "022-23456789", .landline),
        ("010-6512345", "010-6512345", .landline),
        ("0755-83456789-123", "0755-83456789-123", .landline),
        ("075583456789", "0755-83456789", .landline),
    ])
    func validPhones(text: String, value: String, kind: PhoneNumber.Kind) throws {
        let phone = try PhoneNumber(text)
        #expect(phone.value == value)
        #expect(phone.kind == kind)
    }

    @Test("Phone numbers that are refused", arguments: [
        "12812341234", "1381234123", "23456789", "022-03456789", "022-2345", "abc", "",
    ])
    func invalidPhones(text: String) {
        #expect(PhoneNumber.validate(text, field: "phone")?.message.contains("电话号码格式不正确") == true)
    }

    @Test("Masking keeps just enough to tell records apart")
    func masking() throws {
        #expect(Masking.idNumber("12010219880715103X") == "1201**********103X")
        #expect(try IDNumber("12010219880715103X").masked == "1201**********103X")
        #expect(Masking.phone("13812341234") == "138****1234")
        #expect(try PhoneNumber("022-23456789").masked == "022-****6789")
        #expect(Masking.name("张三") == "张*")
        #expect(Masking.name("张小三") == "张*三")
        #expect(Masking.name("欧阳小三") == "欧**三")
        #expect(Masking.name("张") == "张")
    }
}
