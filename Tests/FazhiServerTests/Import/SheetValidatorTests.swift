@testable import FazhiServer
import Foundation
import Testing

@Suite("Checking a large table")
struct SheetValidatorTests {
    @Test("Rows checked on every core report the same problems, in row order, as one by one")
    func largeTable() throws {
        let kind = try #require(ModuleRegistry.standard.bookKind("mediation.screening"))
        var rows = (0..<30_000).map { index in
            ["occurredOn": "2024-03-\(String(format: "%02d", index % 28 + 1))", "title": "第\(index)网格", "quantity": String(index % 4)]
        }
        rows[17]["occurredOn"] = "2024-02-30"        // first slice
        rows[29_990]["quantity"] = "-1"              // last slice
        rows[20_000] = rows[3]                      // a duplicate across slices
        let table = LedgerFixtures.table(kind, rows)
        let (checked, problems) = SheetValidator(kind: kind).validate(table)
        #expect(problems.map(\.row) == [19, 20_002, 29_992])
        #expect(problems[0].message == "格式应为 YYYY-MM-DD")
        #expect(problems[1].message.hasPrefix("与第5行重复"))
        #expect(problems[2].message == "应为非负整数")
        #expect(checked.count == 30_000 - 3)
        #expect(checked.map(\.number) == checked.map(\.number).sorted())
        #expect(checked[0].values == ["occurredOn": "2024-03-01", "title": "第0网格", "quantity": "0"])
    }
}
