#!/usr/bin/python3
"""Edit a workbook the way a person would, with LibreOffice itself (UNO), and save it as xlsx.

Usage: /usr/bin/python3 tests/lo/edit.py IN.xlsx OUT.xlsx EDITS.json

EDITS.json is a list of operations; cells are found by their text, never by coordinates:
  {"op": "set", "row_of": "<text in the row>", "column_of": "<header text>", "value": "..."}
  {"op": "insert_row_after", "row_of": "<text>", "cells": {"<header text>": "value", ...}}
  {"op": "delete_row", "row_of": "<text>"}
A row inserted inside a merged block extends the merge, as it does when a person inserts it.
"""
import json
import sys

from office import load, office, save_xlsx


def used_area(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.RangeAddress.EndRow, cursor.RangeAddress.EndColumn


def find(sheet, text):
    last_row, last_col = used_area(sheet)
    for r in range(last_row + 1):
        for c in range(last_col + 1):
            if sheet.getCellByPosition(c, r).getString().strip() == text:
                return c, r
    raise SystemExit(f"edit.py: no cell holds {text!r}")


def main():
    src, dst, edits_path = sys.argv[1:4]
    with open(edits_path, encoding="utf-8") as f:
        edits = json.load(f)
    with office() as desktop:
        doc = load(desktop, src)
        sheets = doc.Sheets
        # The form's sheet: the one holding the indicator header.
        sheet = None
        for i in range(sheets.Count):
            candidate = sheets.getByIndex(i)
            try:
                find(candidate, "三级指标")
                sheet = candidate
                break
            except SystemExit:
                continue
        if sheet is None:
            raise SystemExit("edit.py: no sheet holds the indicator table")
        rows = sheet.Rows
        for edit in edits:
            op = edit["op"]
            _, row = find(sheet, edit["row_of"])
            if op == "set":
                col, _ = find(sheet, edit["column_of"])
                sheet.getCellByPosition(col, row).setString(edit["value"])
            elif op == "insert_row_after":
                rows.insertByIndex(row + 1, 1)
                for header, value in edit["cells"].items():
                    col, _ = find(sheet, header)
                    sheet.getCellByPosition(col, row + 1).setString(value)
            elif op == "delete_row":
                rows.removeByIndex(row, 1)
            else:
                raise SystemExit(f"edit.py: unknown op {op!r}")
        save_xlsx(doc, dst)
        doc.close(True)


if __name__ == "__main__":
    main()
