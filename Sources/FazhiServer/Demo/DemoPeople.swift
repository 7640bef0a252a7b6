import FazhiCore

/// Names, valid ID numbers (GB 11643) and credit codes (GB 32100) for demo parties. Made up, but well-formed.
enum DemoPeople {
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎")
    static let given = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
                        "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "春梅", "国庆", "立新", "红梅"]
    static let companies = ["天津市河东区兴盛商贸有限公司", "天津东晟物业管理有限公司", "天津津海餐饮管理有限公司", "天津市河东区华安建筑工程有限公司",
                            "天津瑞丰汽车销售服务有限公司", "天津市鑫达物流有限公司", "天津河东新华书店有限公司", "天津市东方明珠酒店有限公司"]
    static let acts = ["行政处罚决定", "不予登记决定", "责令限期拆除通知", "政府信息公开答复", "工伤认定决定", "行政强制措施", "不予许可决定"]
    static let streets = ["大王庄街道", "大直沽街道", "中山门街道", "富民路街道", "二号桥街道", "春华街道", "唐家口街道", "向阳楼街道"]

    static func personName(_ random: inout DemoRandom) -> String {
        String(random.pick(surnames)) + random.pick(given)
    }

    /// A name not yet in `taken` (then added to it): for rosters whose natural key holds the name, where a second draw
    /// of the same name would be refused as a duplicate.
    static func personName(_ random: inout DemoRandom, distinctFrom taken: inout Set<String>) -> String {
        var name = personName(&random)
        while taken.contains(name) { name = personName(&random) }
        taken.insert(name)
        return name
    }

    /// An 18-digit ID number of a 河东区 resident (region 120102) with a valid check digit.
    /// A number drawn from `text` alone, the same on every run, for demo details that must not take a random draw (the
    /// caseload would change).
    static func seed(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF_FFFF }
    }

    /// The legal representative of a demo company: always the same person for the same company (no random draw).
    static func legalRepresentative(of company: String) -> String {
        let seed = seed(company)
        return String(surnames[seed % surnames.count]) + given[(seed / surnames.count) % given.count]
    }

    static func idNumber(_ random: inout DemoRandom) -> String {
        let year = random.int(1950...2002), month = random.int(1...12), day = random.int(1...28)
        let body = String(format: "120102%04d%02d%02d%03d", year, month, day, random.int(1...999))
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    /// An 18-character unified social credit code (registered in 河东区) with a valid check character.
    static func creditCode(_ random: inout DemoRandom) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var body = "91120102"
        for _ in 0..<9 { body.append(alphabet[random.int(0...30)]) }
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let sum = zip(body, weights).reduce(0) { $0 + alphabet.firstIndex(of: $1.0)! * $1.1 }
        let check = (31 - sum % 31) % 31
        return body + String(alphabet[check])
    }

    static func phone(_ random: inout DemoRandom) -> String {
        "1" + random.pick(["38", "39", "58", "86", "35", "52"]) + String(format: "%08d", random.int(0...99_999_999))
    }

    static func address(_ random: inout DemoRandom) -> String {
        "天津市河东区\(random.pick(streets))\(random.pick(["东兴里", "福东里", "嘉华里", "新村", "津塘公寓", "晨阳里"]))\(random.int(1...30))号楼"
    }
}
