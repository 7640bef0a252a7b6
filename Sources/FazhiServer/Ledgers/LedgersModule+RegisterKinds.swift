import FazhiCore

/// The register kinds REPORT.md counts "at year end" from, of the lines not yet built as work lines of their own
/// (public legal services). A line built as a module declares its kinds
/// in its own folder (`bookKinds`).
extension LedgersModule {
    static let registerKinds: [RegisterKind] = [
        RegisterKind("talentPoolLawyer", "公共法律服务人才库律师", line: .legalServices, columns: [
            name("姓名", "赵律师"), C("firm", "执业机构", required: true, example: "天津海河律师事务所"),
            C("license", "执业证号", example: "11201201810000001"), from("入库日期"), to("出库日期"),
        ], naturalKey: ["firm", "name"], measures: [("legal_services.talent_pool_lawyers", .activeAtYearEnd)]),
        RegisterKind("lawFirm", "律师事务所", line: .legalServices, columns: [
            name("名称", "天津东方律师事务所"), C("creditCode", "统一社会信用代码", .creditCode, example: "91120102MA05L1XG8L"),
            from("设立日期"), to("注销日期"),
        ], naturalKey: ["name"], measures: [("legal_services.law_firms", .activeAtYearEnd)]),
        RegisterKind("lawyer", "执业律师", line: .legalServices, columns: [
            name("姓名", "钱律师"), C("firm", "执业机构", required: true, example: "天津东方律师事务所"),
            C("license", "执业证号", required: true, example: "11201201910000002"), from("执业日期"), to("注销日期"),
        ], naturalKey: ["license"], measures: [("legal_services.lawyers", .activeAtYearEnd)]),
    ]
}

private typealias C = SheetColumn

private func name(_ header: String, _ example: String) -> C { C("name", header, required: true, example: example) }
private func from(_ header: String) -> C { C("activeFrom", header, .date, required: true, example: "2023-01-01") }
private func to(_ header: String) -> C { C("activeTo", header, .date, example: "") }
