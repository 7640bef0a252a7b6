import Foundation

/// The page and type of GB/T 9704-2012 《党政机关公文格式》, in the units WordprocessingML and CSS use.
///
/// Standard: 5.2.1 A4 paper (210 × 297 mm); 5.2.2 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, hence
/// bottom 297 − 37 − 225 = 35 mm and right 210 − 28 − 156 = 26 mm; 6.1 正文 3号仿宋体 (16 pt), 22 lines
/// per page and 28 characters per line; 7.3.1 标题 2号小标宋体 (22 pt); 7.5 页码 4号半角宋体 (14 pt), an
/// em dash on each side, the dash line 7 mm below the 版心, odd pages right and even pages left, one
/// character in from the edge.
///
/// Twips are 1/20 pt; Word converts at 567 twips per cm (56.7 per mm) and stores whole twips, which
/// gives the values Word itself writes for these margins (35 mm = 1984.5 → 1984).
enum GBT9704Layout {
    static let pageWidth = 11906  // 210 mm
    static let pageHeight = 16838  // 297 mm
    static let marginTop = 2098  // 37 mm × 56.7 = 2097.9
    static let marginBottom = 1984  // 35 mm × 56.7 = 1984.5
    static let marginLeft = 1588  // 28 mm × 56.7 = 1587.6
    static let marginRight = 1474  // 26 mm × 56.7 = 1474.2

    static let linesPerPage = 22
    static let charactersPerLine = 28

    /// Width in characters as the grid counts them: ASCII (digits of a date, Latin letters) is half
    /// width, everything else full width. Used to centre the organ on the date (7.3.5.2).
    static func width(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value < 0x80 ? 0.5 : 1) }
    }

    /// 版心 width: 11906 − 1588 − 1474 = 8844 twips (156.0 mm).
    static let textWidth = pageWidth - marginLeft - marginRight
    /// 版心 height: 16838 − 2098 − 1984 = 12756 twips (225.0 mm).
    static let textHeight = pageHeight - marginTop - marginBottom

    /// `w:docGrid w:linePitch`: 12756 / 22 = 579.8 → 579 twips (28.95 pt), rounded down so that 22
    /// whole lines fit in the 版心 (580 × 22 = 12760 would leave room for only 21).
    static let linePitch = textHeight / linesPerPage

    /// 28 characters per line without a character grid: every character is condensed by this many
    /// twentieths of a point (`w:spacing` in the run properties): the 版心 is 8844 twips = 442.2 pt wide,
    /// 442.2 / 28 = 15.793 pt per character, 16 pt − 15.793 pt = 0.207 pt → 5/20 pt, so characters set at
    /// 15.75 pt and 28 fill a line. The grid is `w:type="lines"` (22 lines a page) rather than
    /// `linesAndChars`: with a character grid of negative `charSpace` LibreOffice gives each glyph two
    /// cells and wraps at 14 characters; condensing alone gives 28 in both LibreOffice and Word.
    static let characterCondensing: Int = {
        let pitchPoints = Double(textWidth) / Double(charactersPerLine) / 20
        return -Int(((Double(bodySize) / 2 - pitchPoints) * 20).rounded(.up))
    }()

    /// One grid character in twips (315.86 → 316), for indents given in characters.
    static let characterPitch = Int((Double(textWidth) / Double(charactersPerLine)).rounded())

    /// Font sizes in half-points (`w:sz`).
    static let bodySize = 32  // 3号 16 pt
    static let titleSize = 44  // 2号 22 pt
    static let pageNumberSize = 28  // 4号 14 pt
    static let copyToSize = 28  // 4号 14 pt (7.4.2)

    /// Full-width title characters on one line: the title is set off the character grid at its own 22 pt, so
    /// 442.2 pt / 22 pt = 20 (`TitleLines` breaks a longer title).
    static let titleCharactersPerLine = textWidth / (titleSize * 10)

    /// `w:pgMar w:footer`, the distance from the bottom edge to the bottom of the footer line. The
    /// page-number line is set exactly 14 pt (280 twips) high and its top 7 mm below the 版心, i.e.
    /// 35 − 7 = 28 mm from the bottom edge: 28 × 56.7 − 280 = 1307.6 → 1308 twips (23.1 mm).
    static let footerDistance = 1308
    static let pageNumberLineHeight = 280
    /// `w:pgMar w:header`: no header is printed; Word's usual 15 mm.
    static let headerDistance = 851

    /// Typefaces as Word names them; `DocxFontTable` declares what a reader substitutes for each, the printable
    /// page names a CSS stack.
    static let bodyFont = "仿宋_GB2312"
    static let titleFont = "方正小标宋简体"
    static let heading1Font = "黑体"
    static let heading2Font = "楷体_GB2312"
    static let pageNumberFont = "宋体"
}
