"""Dumps what an xlsx written by `jixiao export` holds — its cells with their formats, merged
regions, column widths and row heights — as the plain text that bench/xlsxwriter_floor writes
back with rust_xlsxwriter, so the floor writes the same cells, merges and formats.

    python3 bench/export_cells.py OUT.xlsx > cells.tsv

Lines (tab-separated): F id font size bold border halign valign wrap numfmt locked; W col
width_px; H row height_pt; M r1 c1 r2 c2 format; C row col format kind value (kind s, n or b).
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def rc(ref):
    letters, digits = re.match(r"([A-Z]+)(\d+)", ref).groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def main(path):
    z = zipfile.ZipFile(path)
    styles = ET.fromstring(z.read("xl/styles.xml"))
    numfmts = {n.get("numFmtId"): n.get("formatCode") for n in styles.iterfind("m:numFmts/m:numFmt", NS)}
    builtin = {"0": "General", "3": "#,##0", "4": "#,##0.00"}
    fonts = []
    for f in styles.iterfind("m:fonts/m:font", NS):
        name = f.find("m:name", NS)
        size = f.find("m:sz", NS)
        fonts.append((name.get("val") if name is not None else "Calibri",
                      size.get("val") if size is not None else "11",
                      "1" if f.find("m:b", NS) is not None else "0"))
    borders = [("1" if b.find("m:left", NS) is not None and b.find("m:left", NS).get("style") else "0")
               for b in styles.iterfind("m:borders/m:border", NS)]
    for i, xf in enumerate(styles.iterfind("m:cellXfs/m:xf", NS)):
        font = fonts[int(xf.get("fontId", "0"))]
        border = borders[int(xf.get("borderId", "0"))]
        align = xf.find("m:alignment", NS)
        get = (lambda k, d: align.get(k, d)) if align is not None else (lambda k, d: d)
        protection = xf.find("m:protection", NS)
        locked = "0" if protection is not None and protection.get("locked") == "0" else "1"
        fmt = numfmts.get(xf.get("numFmtId", "0"), builtin.get(xf.get("numFmtId", "0"), "General"))
        print("\t".join(["F", str(i), *font, border, get("horizontal", "general"),
                         get("vertical", "bottom"), get("wrapText", "0"), fmt, locked]))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iterfind("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    for col in sheet.iterfind("m:cols/m:col", NS):
        width = float(col.get("width"))
        for c in range(int(col.get("min")) - 1, int(col.get("max"))):
            # Excel's character width back to pixels (7 px per character plus 5 of padding).
            print(f"W\t{c}\t{int(width * 7 + 5 + 0.5) if width > 1 else int(width * 12 + 0.5)}")
    for row in sheet.iterfind("m:sheetData/m:row", NS):
        if row.get("ht"):
            print(f"H\t{int(row.get('r')) - 1}\t{row.get('ht')}")
    merged = set()
    for m in sheet.iterfind("m:mergeCells/m:mergeCell", NS):
        first, last = m.get("ref").split(":")
        (r1, c1), (r2, c2) = rc(first), rc(last)
        cell = sheet.find(f".//m:c[@r='{first}']", NS)
        print(f"M\t{r1}\t{c1}\t{r2}\t{c2}\t{cell.get('s', '0') if cell is not None else '0'}")
        merged.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1))
    for c in sheet.iterfind("m:sheetData/m:row/m:c", NS):
        r, col = rc(c.get("r"))
        if (r, col) in merged:
            continue
        v = c.find("m:v", NS)
        s = c.get("s", "0")
        if v is None:
            print(f"C\t{r}\t{col}\t{s}\tb\t")
        elif c.get("t") == "s":
            text = shared[int(v.text)].replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            print(f"C\t{r}\t{col}\t{s}\ts\t{text}")
        else:
            print(f"C\t{r}\t{col}\t{s}\tn\t{v.text}")


if __name__ == "__main__":
    main(sys.argv[1])
