"""Writes tests/data/broken.xlsx: the seed workbook (samples/seed-legacy.xlsx, from the samples
branch) with one break per check rule, for `jixiao check` on a real spreadsheet.

    pip install openpyxl
    python3 tests/data/make_broken_xlsx.py samples/seed-legacy.xlsx tests/data/broken.xlsx

Each break and the diagnostic it should give, at that cell (see BREAKS).
"""
import sys

import openpyxl

# cell → (new value, expected code). None is a blank cell.
BREAKS = {
    "B2": (None, "required.department"),               # 部门名称 blank (merged B2:F2)
    "E5": ("218,600.00", "budget.total_mismatch"),     # 财政拨款 2.50 short
    "E6": (None, "budget.missing_figure"),             # 其他资金 blank (was 0.00)
    "D13": (None, "tasks.missing_funds"),              # a task without funds
    "D15": ("1,300.125", "money.too_many_decimals"),
    "D17": ("-4,116.99", "money.negative"),
    "F21": ("≥20000家次", "indicators.annual_beyond_period"),  # period ≥18000家次
    "D22": (None, "indicators.empty_name"),
    "D24": ("运行监测样本数量", "indicators.duplicate_name"),  # as D21, both 数量指标
    "F26": ("≧ %", "indicators.sign_without_number"),
    "E27": ("≥105%", "indicators.rate_over_100"),
    "F27": ("≥105%", "indicators.rate_over_100"),
    "F28": (None, "indicators.empty_value"),
    "F29": ("≥5家", "indicators.unit_mismatch"),       # period ≥3个
    "C40": ("社会效益指标", "framework.wrong_level1"),  # under 产出指标 (merged C40:C41)
    "C54": ("环境效益指标", "framework.unknown_level2"),
}


def main(source, target):
    wb = openpyxl.load_workbook(source)
    ws = wb["Sheet1"]
    for cell, (value, _code) in BREAKS.items():
        ws[cell].value = value
    wb.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
