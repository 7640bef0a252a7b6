import Foundation

/// The portable full-text index of Chinese text, without a search server: a text is cut into the two-character
/// grams of its runs of Chinese characters (执法 in 行政执法 gives 行政、政执、执法) and its ASCII words as whole tokens
/// (2024, gb). A query's grams must all be in a document for it to be a candidate; the phrase is then confirmed in the
/// document's normalised text, so 执法 (one gram) and 行政执法 (three) are both found inside longer text — which
/// SQLite's FTS5 trigram tokenizer and PostgreSQL's pg_trgm, both needing three characters, cannot do.
///
/// Text is normalised first (`normalize`): full-width letters and digits to half-width, ASCII to lower case, so a
/// query matches however the document typed them.
public enum BigramText {
    /// The longest query accepted, in characters (a query is a phrase, not a document).
    public static let maximumQuery = 50

    /// Full-width forms to half-width (NFKC) and lower case: the form the index and the phrase check compare.
    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// The grams of `text` with how often each occurs. A lone Chinese character between other characters is kept as a
    /// gram of one, so a short title still has a token.
    public static func grams(of text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        scan(normalize(text)) { counts[$0, default: 0] += 1 }
        return counts
    }

    /// The grams a query term needs, in order and distinct.
    public static func queryGrams(of term: String) -> [String] {
        var seen: Set<String> = []
        var grams: [String] = []
        scan(normalize(term)) { gram in
            if seen.insert(gram).inserted { grams.append(gram) }
        }
        return grams
    }

    /// The terms of a query (split on spaces; each must occur), normalised, or a problem in Chinese naming the rule.
    public static func terms(of query: String) -> Result<[String], QueryProblem> {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .failure(.empty) }
        guard trimmed.count <= maximumQuery else { return .failure(.tooLong(trimmed.count)) }
        let terms = normalize(trimmed).split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard terms.count <= 5 else { return .failure(.tooManyTerms) }
        for term in terms {
            let han = term.unicodeScalars.filter(isHan).count
            let other = term.unicodeScalars.filter { isWordScalar($0) }.count
            if han == 1 && other == 0 { return .failure(.singleCharacter(term)) }
            if queryGrams(of: term).isEmpty { return .failure(.noWords(term)) }
        }
        return .success(terms)
    }

    public enum QueryProblem: Error, Equatable {
        case empty, tooLong(Int), tooManyTerms, singleCharacter(String), noWords(String)

        public var message: String {
            switch self {
            case .empty: "请输入检索词"
            case .tooLong(let count): "检索词不能超过\(BigramText.maximumQuery)个字符（收到\(count)个）"
            case .tooManyTerms: "检索词最多5个（以空格分隔）"
            case .singleCharacter(let term): "检索词「\(term)」只有一个汉字：请至少输入两个汉字（如「执法」）"
            case .noWords(let term): "检索词「\(term)」不含汉字、字母或数字"
            }
        }
    }

    /// Whether a term's grams alone prove it occurs: a term that is exactly one gram (执法, or one ASCII word).
    public static func gramsProvePhrase(_ term: String) -> Bool {
        let grams = queryGrams(of: term)
        guard grams.count == 1 else { return false }
        return grams[0] == term
    }

    /// `text` cut into pieces, those equal (after normalising) to one of `terms` marked, around the first match and
    /// within `radius` characters of it: the snippet shown with a search result. Nil when no term occurs.
    public static func snippet(_ text: String, terms: [String], radius: Int = 40) -> [(text: String, match: Bool)]? {
        let characters = Array(text)
        let normalized = characters.map { normalize(String($0)) }
        let wanted = terms.map { Array($0).map(String.init) }
        func match(at index: Int) -> Int? {
            for term in wanted where index + term.count <= normalized.count {
                if (0..<term.count).allSatisfy({ normalized[index + $0] == term[$0] }) { return term.count }
            }
            return nil
        }
        guard let first = characters.indices.first(where: { match(at: $0) != nil }) else { return nil }
        let start = max(0, first - radius), end = min(characters.count, first + radius * 2)
        var pieces: [(String, Bool)] = []
        var plain = start > 0 ? "…" : ""
        var index = start
        while index < end {
            if let length = match(at: index) {
                if !plain.isEmpty { pieces.append((plain, false)); plain = "" }
                pieces.append((String(characters[index..<min(characters.count, index + length)]), true))
                index += length
            } else {
                plain.append(characters[index] == "\n" ? " " : characters[index])
                index += 1
            }
        }
        if end < characters.count { plain += "…" }
        if !plain.isEmpty { pieces.append((plain, false)) }
        return pieces
    }

    /// Jaccard similarity of two texts' gram sets (shared / either), from 0 to 1.
    public static func similarity(_ lhs: Set<String>, _ rhs: Set<String>) -> Double {
        let union = lhs.union(rhs).count
        return union == 0 ? 0 : Double(lhs.intersection(rhs).count) / Double(union)
    }

    static func scan(_ text: String, _ emit: (String) -> Void) {
        var previousHan: Unicode.Scalar?
        var runLength = 0
        var word = String.UnicodeScalarView()
        func endRun() {
            if runLength == 1, let lone = previousHan { emit(String(lone)) }
            previousHan = nil
            runLength = 0
        }
        func endWord() {
            if !word.isEmpty { emit(String(word)); word = String.UnicodeScalarView() }
        }
        for scalar in text.unicodeScalars {
            if isHan(scalar) {
                endWord()
                if let previous = previousHan {
                    var gram = String.UnicodeScalarView()
                    gram.append(previous)
                    gram.append(scalar)
                    emit(String(gram))
                }
                previousHan = scalar
                runLength += 1
            } else if isWordScalar(scalar) {
                endRun()
                word.append(scalar)
            } else {
                endRun()
                endWord()
            }
        }
        endRun()
        endWord()
    }

    /// CJK unified ideographs (the basic block and extension A) and the compatibility block.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }
}
