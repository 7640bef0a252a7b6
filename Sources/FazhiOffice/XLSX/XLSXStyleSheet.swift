/// The writer's xl/styles.xml and the style index of each kind of cell it writes. Fixed, because an
/// export needs only a handful of looks: a bold shaded header, dates that read 2024-03-01 in any
/// locale (a custom format, since built-in 14 shows as 3/1/2024 on an English Excel), wrapped text
/// for cells with line breaks, and "@" text columns so an ID number typed into a template stays
/// 18 digits instead of becoming 1.2E+17.
enum XLSXStyleSheet {
    static let header = 1
    static let date = 2
    static let dateTime = 3
    static let wrappedText = 4
    static let textColumn = 5

    static let xml = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>\
    <numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>\
    <fonts count="2">\
    <font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>\
    <font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>\
    </fonts>\
    <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
    <fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>\
    <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
    <border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>\
    <top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="6">\
    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
    <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">\
    <alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
    <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
    <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    </cellXfs>\
    <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
    <dxfs count="0"/><tableStyles count="0"/>\
    </styleSheet>
    """
}
