import FazhiCore

/// The adviser group and the public lawyers are registers (名册: who serves from when until when), the advisers'
/// participations a ledger (台账: one row per piece of work, counted 件次); their pages, import, export and figures
/// follow from these declarations.
enum LegalAdviserBooks {
    static let advisers = RegisterKind("adviser", "法律顾问团成员", line: .legalAdviser, columns: [
        C("name", "姓名", required: true, example: "张律师"), C("employer", "工作单位", example: "天津东方律师事务所"),
        C("activeFrom", "聘任日期", .date, required: true, example: "2023-01-01"), C("activeTo", "解聘日期", .date, example: ""),
    ], naturalKey: ["name", "employer"], measures: [("advisers.members", .activeAtYearEnd)])

    static let publicLawyers = RegisterKind("publicLawyer", "公职律师", line: .legalAdviser, columns: [
        C("name", "姓名", required: true, example: "李公律"), C("unit", "所在单位", required: true, example: "河东区市场监督管理局"),
        C("certificate", "公职律师证号", example: "31201202410000001"),
        C("activeFrom", "取得日期", .date, required: true, example: "2023-01-01"), C("activeTo", "注销日期", .date, example: ""),
    ], naturalKey: ["unit", "name"], measures: [
        ("public_lawyers.people", .activeAtYearEnd), ("public_lawyers.units", .distinctActiveAtYearEnd("unit")),
    ])

    static let participationForms = ["审查合同", "参与论证", "出具法律意见", "参与信访接待", "参与诉讼", "其他"]

    static let participations = LedgerKind("adviser.participation", "法律顾问参与法制工作", line: .legalAdviser, columns: [
        C("occurredOn", "日期", .date, required: true, example: "2024-03-15"), C("adviser", "法律顾问", required: true, example: "张律师"),
        C("title", "事项", required: true, example: "区政府合同合法性审查"),
        C("form", "参与方式", .choice(participationForms), example: "审查合同"), C("note", "备注", example: ""),
    ], naturalKey: ["occurredOn", "adviser", "title"], measures: [("advisers.participations", .entries)])
}

private typealias C = SheetColumn
