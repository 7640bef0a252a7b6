/// A sentence of a draft normative document a reviewer must check against the law's authorisation: one that creates
/// a penalty, a licence, a fee or a compulsory measure. 《立法法》 and 国办发〔2018〕37号 forbid a normative document to
/// create these without a legal basis (行政规范性文件不得增设行政许可、行政处罚、行政强制等事项，不得违法增加收费).
public struct ReviewFlag: Hashable, Sendable {
    public enum Category: String, CaseIterable, Sendable {
        case penalty, licence, fee, compulsory

        public var label: String {
            switch self {
            case .penalty: "行政处罚"
            case .licence: "行政许可"
            case .fee: "收费"
            case .compulsory: "行政强制"
            }
        }

        /// The words that mark a sentence for the category.
        public var words: [String] {
            switch self {
            case .penalty: ["处罚", "罚款", "没收", "吊销", "责令停产停业", "拘留"]
            case .licence: ["许可", "审批", "批准", "核准", "准予"]
            case .fee: ["收费", "缴纳", "收取", "费用"]
            case .compulsory: ["强制", "查封", "扣押", "冻结"]
            }
        }
    }

    /// The sentence's place among the draft's sentences (`ReviewFlag.sentences`), from 0: the page links to it.
    public let sentence: Int
    public let text: String
    public let category: Category
    /// The words found in it.
    public let words: [String]

    /// The draft cut into sentences at 。！？； and line ends, blanks dropped.
    public static func sentences(of text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        for character in text {
            if character == "\n" || character == "\r" {
                appendTrimmed(&sentences, current)
                current = ""
                continue
            }
            current.append(character)
            if "。！？；".contains(character) {
                appendTrimmed(&sentences, current)
                current = ""
            }
        }
        appendTrimmed(&sentences, current)
        return sentences
    }

    /// The flags of `text`: one per sentence and category found, in the order of the sentences.
    public static func flags(in text: String) -> [ReviewFlag] {
        var flags: [ReviewFlag] = []
        for (index, sentence) in sentences(of: text).enumerated() {
            for category in Category.allCases {
                let found = category.words.filter { sentence.contains($0) }
                if !found.isEmpty { flags.append(ReviewFlag(sentence: index, text: sentence, category: category, words: found)) }
            }
        }
        return flags
    }

    private static func appendTrimmed(_ sentences: inout [String], _ sentence: String) {
        let trimmed = sentence.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty { sentences.append(trimmed) }
    }
}
