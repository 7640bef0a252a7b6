extension OrgKind {
    /// 公证处: the notary office, where matters are registered and handled (it may host offices of its own).
    public static let notaryOffice = OrgKind("notaryOffice", label: "公证处", hostsUnits: true)
}
