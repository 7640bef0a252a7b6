/// Where a document's title breaks when it is wider than a line.
///
/// GB/T 9704-2012 7.3.1: 标题“分一行或多行居中排布；回行时，要做到词意完整，排列对称，长短适宜，间距恰当”. Without a
/// dictionary the words are not known, so the breaks official titles use are preferred — after 关于, before 关于 (the
/// organ on a line of its own), after a pause mark (、，：), before the closing 的 + 文种 (的决定, 的通知) or the 文种
/// itself (决定书, 通知书 …), before a conjunction — and lines of near-equal width. No line is a single character,
/// none starts with closing or ends with opening punctuation, and a number or Latin word is never split.
enum TitleLines {
    /// `title` as the lines it is printed on, each at most `charactersPerLine` wide (full-width characters count 1,
    /// ASCII ½). A title that fits stays one line; explicit line breaks in `title` are kept.
    static func lines(_ title: String, charactersPerLine: Int) -> [String] {
        title.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            breakLine(Array(line), charactersPerLine: Double(max(charactersPerLine, 2)))
        }
    }

    /// The width of `text` in full-width characters: ASCII is half width.
    static func width<S: Sequence<Character>>(_ text: S) -> Double {
        text.reduce(0) { $0 + width($1) }
    }

    static func width(_ character: Character) -> Double { character.isASCII ? 0.5 : 1 }

    private static func breakLine(_ characters: [Character], charactersPerLine limit: Double) -> [String] {
        let total = width(characters)
        guard total > limit, characters.count >= 4 else { return [String(characters)] }
        // Widths of every prefix, so a line's width is a difference.
        var prefix = [0.0]
        for character in characters { prefix.append(prefix.last! + width(character)) }
        let minimum = Int((total / limit).rounded(.up))
        for count in minimum...max(minimum, characters.count / 2) {
            if let breaks = bestBreaks(characters, prefix: prefix, lines: count, limit: limit) {
                var lines: [String] = []
                var start = 0
                for end in breaks + [characters.count] {
                    lines.append(String(characters[start..<end]))
                    start = end
                }
                return lines
            }
        }
        // Only when no arrangement keeps the rules (a line of one long number): cut where the line is full.
        var lines: [String] = [], line: [Character] = []
        for character in characters {
            if width(line) + width(character) > limit, !line.isEmpty { lines.append(String(line)); line = [] }
            line.append(character)
        }
        return lines + [String(line)]
    }

    /// The `lines − 1` break positions of least cost (unevenness plus the cost of each break), or nil when no
    /// arrangement into that many lines keeps every line within `limit` and at least two characters long.
    private static func bestBreaks(_ characters: [Character], prefix: [Double], lines: Int, limit: Double) -> [Int]? {
        let n = characters.count
        let target = prefix[n] / Double(lines)
        // cost[k][i]: least cost of setting characters[0..<i] on k lines; from[k][i]: where the k-th line starts.
        var cost = Array(repeating: Array(repeating: Double.infinity, count: n + 1), count: lines + 1)
        var from = Array(repeating: Array(repeating: -1, count: n + 1), count: lines + 1)
        cost[0][0] = 0
        for k in 1...lines {
            for end in 1...n {
                guard k == lines ? end == n : end < n else { continue }
                let breakCost = end == n ? 0 : self.breakCost(characters, at: end)
                guard breakCost.isFinite else { continue }
                for start in stride(from: end - 2, through: 0, by: -1) {
                    let width = prefix[end] - prefix[start]
                    if width > limit { break }
                    guard cost[k - 1][start].isFinite else { continue }
                    let uneven = (width - target) * (width - target)
                    let total = cost[k - 1][start] + uneven + breakCost
                    if total < cost[k][end] {
                        cost[k][end] = total
                        from[k][end] = start
                    }
                }
            }
        }
        guard cost[lines][n].isFinite else { return nil }
        var breaks: [Int] = []
        var end = n
        for k in stride(from: lines, to: 1, by: -1) {
            end = from[k][end]
            breaks.insert(end, at: 0)
        }
        return breaks
    }

    static let closingPunctuation: Set<Character> = ["、", "，", "。", "：", "；", "！", "？", "）", "》", "〕", "】", "”", "’", "…", "—", ")", ",", ".", ":", ";"]
    static let openingPunctuation: Set<Character> = ["（", "《", "〔", "【", "“", "‘", "(", "["]
    /// 文种 and the words that end a title: a break just before them keeps the subject whole on the line above.
    static let kindWords = ["决定书", "通知书", "意见书", "建议书", "调解书", "答复书", "告知书", "报告", "决定", "通知", "意见", "批复",
                            "请示", "通报", "公告", "方案", "办法", "规定", "纪要", "函"]

    /// What breaking before `characters[position]` costs: infinite where a rule forbids it, negative where titles
    /// usually break.
    static func breakCost(_ characters: [Character], at position: Int) -> Double {
        let before = characters[position - 1], after = characters[position]
        if closingPunctuation.contains(after) || openingPunctuation.contains(before) { return .infinity }
        if (before.isASCII && before.isLetter || before.isNumber) && (after.isASCII && after.isLetter || after.isNumber) {
            return .infinity
        }
        let head = String(characters[..<position]), rest = String(characters[position...])
        if head.hasSuffix("关于") { return -12 }
        if rest.hasPrefix("关于") { return -10 }
        if ["、", "，", "：", "；"].contains(before) { return -10 }
        if after == "的", kindWords.contains(where: { rest.hasSuffix($0) && rest.count <= $0.count + 3 }) { return -10 }
        if kindWords.contains(where: { rest == $0 }) { return -8 }
        if before == "的" { return -6 }
        if ["和", "与", "及", "暨"].contains(after) { return -8 }
        if ["和", "与", "及", "暨"].contains(before) { return 2 }
        // Inside brackets (a law's name, a document number), right after a number (2024|年度) or inside a word the
        // bureau's titles use: a word is cut.
        var cost = 4.0
        if before.isNumber { cost += 12 }
        if isInsideBrackets(characters, position) { cost += 8 }
        if cutsWord(characters, position) { cost += 12 }
        return cost
    }

    /// Words of the bureau's titles that a break must not cut (a break between two of them costs what any other does).
    static let words: [[Character]] = [
        "行政复议", "行政应诉", "行政诉讼", "行政执法", "行政机关", "行政处罚", "行政许可", "人民政府", "司法局", "司法所", "法治政府",
        "规范化", "规范性文件", "法律顾问", "公职律师", "法律援助", "人民调解", "公共法律服务", "矛盾纠纷", "重大行政决策", "合法性审核",
        "备案审查", "进一步", "实施意见", "实施方案", "管理办法", "决定书", "通知书", "意见书", "建议书", "调解书", "委员会", "办公室",
        "年度", "工作", "建设", "情况", "监督", "管理", "审理", "申请", "受理", "补正", "中止", "终止", "恢复", "延期", "听证",
    ].map(Array.init)

    private static func cutsWord(_ characters: [Character], _ position: Int) -> Bool {
        words.contains { word in
            (1..<word.count).contains { offset in
                let start = position - offset, end = start + word.count
                return start >= 0 && end <= characters.count && Array(characters[start..<end]) == word
            }
        }
    }

    private static func isInsideBrackets(_ characters: [Character], _ position: Int) -> Bool {
        var depth = 0
        for character in characters[..<position] {
            if openingPunctuation.contains(character) { depth += 1 }
            if ["）", "》", "〕", "】", "”", "’", ")", "]"].contains(character) { depth = max(0, depth - 1) }
        }
        return depth > 0
    }
}
