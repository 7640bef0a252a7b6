#!/usr/bin/env python3
"""Writes the import benchmark's rows (issue 5) as an .xlsx the way Excel saves it and as a CSV for `sqlite3 .import`.

Usage: benchmark-import-data.py ROWS OUT.xlsx OUT.csv

The rows are a year of 矛盾纠纷排查 (the `mediation.screening` ledger kind): 排查日期 as an Excel date (a serial number
with a date format), 排查范围 and 备注 as shared strings, 发现纠纷数 as a number. Standard library only, so a new
machine needs nothing installed to run the benchmark.
"""
import csv
import datetime
import sys
import zipfile
from xml.sax.saxutils import escape

HEADER = ["排查日期", "排查范围", "发现纠纷数", "备注"]


def rows(count):
    start = datetime.date(2024, 1, 1)
    for index in range(count):
        day = start + datetime.timedelta(days=index % 366)
        title = f"春华街道第{index // 336 + 1}社区第{index % 336 + 1}网格"
        yield day, title, index % 5, "例行排查" if index % 7 else "重点时段排查"


def write_csv(path, count):
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for day, title, found, note in rows(count):
            writer.writerow([day.isoformat(), title, found, note])


def write_xlsx(path, count):
    strings, index = [], {}

    def shared(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    epoch = datetime.date(1899, 12, 30)
    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
             '<row r="1">' + "".join(f'<c r="{col}1" t="s"><v>{shared(text)}</v></c>'
                                     for col, text in zip("ABCD", HEADER)) + "</row>"]
    for number, (day, title, found, note) in enumerate(rows(count), start=2):
        sheet.append(f'<row r="{number}"><c r="A{number}" s="1"><v>{(day - epoch).days}</v></c>'
                     f'<c r="B{number}" t="s"><v>{shared(title)}</v></c><c r="C{number}"><v>{found}</v></c>'
                     f'<c r="D{number}" t="s"><v>{shared(note)}</v></c></row>')
    sheet.append("</sheetData></worksheet>")
    shared_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
                  f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(text)}</t></si>" for text in strings) + "</sst>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="矛盾纠纷排查" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>",
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>",
        "xl/worksheets/sheet1.xml": "".join(sheet),
        "xl/sharedStrings.xml": shared_xml,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))


if __name__ == "__main__":
    count, xlsx_path, csv_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    write_xlsx(xlsx_path, count)
    write_csv(csv_path, count)
