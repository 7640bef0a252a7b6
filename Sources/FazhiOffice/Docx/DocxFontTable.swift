import Foundation

/// word/fontTable.xml: every face the styles name, described the way Chinese Word describes it, so a reader that lacks
/// the face substitutes a near one: first the `w:altName` (仿宋_GB2312 → 仿宋, which Chinese Windows ships; 方正小标宋简体
/// → 宋体), failing that a face of the same PANOSE class and the GB2312 character set (`w:charset` 86, `w:sig` code
/// page bit 18), so a 仿宋 or 楷体 stays a fixed-pitch CJK face rather than falling to a Latin serif.
/// LibreOffice substitutes through fontconfig, which the documents' `w:lang w:eastAsia="zh-CN"` steers to a
/// Simplified Chinese face (on Debian e.g. WenQuanYi Zen Hei or Noto CJK); the glyphs keep their full width, so the
/// 28 × 22 grid holds whatever face is used.
enum DocxFontTable {
    struct Face {
        let name: String
        let altName: String
        /// PANOSE-1 class of the Windows face, for matching when neither name is installed.
        let panose: String
        /// `w:family`: modern for the fixed-pitch 仿宋/楷体/黑体, auto for the proportional 宋体 designs.
        let family: String
        let pitch: String
    }

    static let faces: [Face] = [
        Face(name: "仿宋_GB2312", altName: "仿宋", panose: "02010609030101010101", family: "modern", pitch: "fixed"),
        Face(name: "仿宋", altName: "FangSong", panose: "02010609060101010101", family: "modern", pitch: "fixed"),
        Face(name: "方正小标宋简体", altName: "宋体", panose: "02000000000000000000", family: "auto", pitch: "variable"),
        Face(name: "宋体", altName: "SimSun", panose: "02010600030101010101", family: "auto", pitch: "variable"),
        Face(name: "黑体", altName: "SimHei", panose: "02010609060101010101", family: "modern", pitch: "fixed"),
        Face(name: "楷体_GB2312", altName: "楷体", panose: "02010609030101010101", family: "modern", pitch: "fixed"),
        Face(name: "楷体", altName: "KaiTi", panose: "02010609060101010101", family: "modern", pitch: "fixed"),
    ]

    /// Children in the schema's order: altName, panose1, charset, family, pitch, sig. The signature claims Basic
    /// Latin, CJK Symbols and Punctuation, CJK Unified Ideographs, half/full-width forms and code pages 1252 and 936.
    static var xml: String {
        let fonts = faces.map { face in
            #"<w:font w:name="\#(XMLText.escaped(face.name))"><w:altName w:val="\#(XMLText.escaped(face.altName))"/>"#
                + #"<w:panose1 w:val="\#(face.panose)"/><w:charset w:val="86"/><w:family w:val="\#(face.family)"/>"#
                + #"<w:pitch w:val="\#(face.pitch)"/>"#
                + #"<w:sig w:usb0="00000001" w:usb1="08010000" w:usb2="00000010" w:usb3="00000000" w:csb0="00040001" w:csb1="00000000"/></w:font>"#
        }
        return #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\#(fonts.joined())</w:fonts>
        """#
    }
}
