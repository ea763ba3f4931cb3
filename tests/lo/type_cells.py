#!/usr/bin/python3
"""Type into a workbook the way a person does in LibreOffice (UNO), and save it as xlsx.

Usage: /usr/bin/python3 tests/lo/type_cells.py IN.xlsx OUT.xlsx EDITS.json

EDITS.json is a list of {"row_of": "<text in the row>", "column_of": "<header text>", "input": "..."};
without "input" the cell is only probed (its lock state reported), not typed into.
Cells are found by their text, never by coordinates: the column header is looked for first in the
row holding "三级指标" (the indicator table's header), then anywhere above the row. The input goes
in through setFormula, which is what typing does: "9" becomes the number 9, "95%" a percentage,
"达成" text. A protected sheet is unprotected first (no password), as a person with the template
would not need to: the cells typed into are the unlocked ones, which the script checks.

Prints a JSON list: for each edit, whether the cell was locked.
"""
import json
import sys

from office import load, office, save_xlsx


def used_area(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.RangeAddress.EndRow, cursor.RangeAddress.EndColumn


def find_row(sheet, text):
    last_row, last_col = used_area(sheet)
    for r in range(last_row + 1):
        for c in range(last_col + 1):
            if sheet.getCellByPosition(c, r).getString().strip() == text:
                return r
    raise SystemExit(f"type_cells.py: no cell holds {text!r}")


def find_column(sheet, header, below):
    last_row, last_col = used_area(sheet)
    try:
        header_row = find_row(sheet, "三级指标")
    except SystemExit:
        header_row = None
    rows = ([header_row] if header_row is not None and header_row < below else [])
    rows += [r for r in range(below - 1, -1, -1) if r != header_row]
    for r in rows:
        for c in range(last_col + 1):
            if sheet.getCellByPosition(c, r).getString().strip() == header:
                return c
    raise SystemExit(f"type_cells.py: no header {header!r} above row {below + 1}")


def main():
    src, dst, edits_path = sys.argv[1:4]
    with open(edits_path, encoding="utf-8") as f:
        edits = json.load(f)
    with office() as desktop:
        doc = load(desktop, src)
        sheet = doc.Sheets.getByIndex(0)
        # Lock states are read before unprotecting; unprotecting does not change them.
        if sheet.isProtected():
            sheet.unprotect("")
        locked = []
        for edit in edits:
            row = find_row(sheet, edit["row_of"])
            # A header row of the execution block ("年度资金总额" is under its headers).
            col = find_column(sheet, edit["column_of"], row)
            cell = sheet.getCellByPosition(col, row)
            locked.append(cell.CellProtection.IsLocked)
            if "input" in edit:
                cell.setFormula(edit["input"])
        save_xlsx(doc, dst)
        doc.close(True)
    print(json.dumps(locked))


if __name__ == "__main__":
    main()
