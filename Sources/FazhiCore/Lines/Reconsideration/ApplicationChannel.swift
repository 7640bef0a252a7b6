/// How an application reached the bureau (行政复议法第二十二条: in writing or orally, by post or online).
public enum ApplicationChannel: String, Codable, Hashable, Sendable, CaseIterable {
    /// 当面递交 at the reception centre (incl. an oral application recorded there).
    case reception
    /// 邮寄: the posting date counts for the application deadline (time in the post is not counted).
    case post
    /// 网上申请 through the public portal.
    case online

    public var label: String {
        switch self {
        case .reception: "当面递交"
        case .post: "邮寄"
        case .online: "网上申请"
        }
    }
}
