#!/usr/bin/python3
"""Check a blank template's data validations the way LibreOffice evaluates them (UNO).

Usage: /usr/bin/python3 tests/lo/template_check.py TEMPLATE.xlsx LEVEL2_CELL LAST_LEVEL1_CELL LAST_LEVEL2_CELL MONEY_CELL LABEL_CELL

LEVEL2_CELL is a 二级 cell under 产出指标; LAST_LEVEL1_CELL/LAST_LEVEL2_CELL are the 一级 and the only 二级
of the last block (满意度指标), so changing that 一级 affects one 二级 cell only.

Prints one JSON object: for each step, whether LibreOffice marks any cell of the form sheet invalid
(XSheetAuditing.showInvalid), and the protection state of an input and a label cell.
Used by tests/template_libreoffice.rs.
"""
import json
import sys

from office import load, office


def main():
    path, level2, last_level1, last_level2, money, label = sys.argv[1:7]
    with office() as desktop:
        doc = load(desktop, path)
        sheet = doc.Sheets.getByIndex(0)
        cell = sheet.getCellRangeByName
        out = {"sheet": sheet.Name, "protected": sheet.isProtected()}
        out["input_locked"] = cell(level2).CellProtection.IsLocked
        out["label_locked"] = cell(label).CellProtection.IsLocked
        # Unprotect (no password) so the script can type like a person in the input cells.
        if out["protected"]:
            sheet.unprotect("")

        def invalid():
            sheet.clearArrows()
            return sheet.showInvalid()

        out["untouched"] = invalid()
        cell(level2).setString("经济效益指标")      # a 二级 of 效益指标, under 产出指标
        out["level2_of_other_level1"] = invalid()
        cell(level2).setString("时效指标")          # a 二级 of 产出指标
        out["level2_of_its_level1"] = invalid()
        cell(last_level1).setString("效益指标")     # 服务对象满意度指标 no longer belongs
        out["after_changing_level1"] = invalid()
        cell(last_level2).setString("社会效益指标")  # a 二级 of the new 一级
        out["level2_follows_new_level1"] = invalid()
        cell(money).setString("十万元")
        out["money_as_text"] = invalid()
        cell(money).setValue(123.45)
        out["money_as_number"] = invalid()
        doc.close(True)
        print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
