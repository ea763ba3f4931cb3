"""What a user would write instead of `jixiao import`: load the form with openpyxl and fill each
merged region with its top-left value, so every cell of a label's area reads as the label.

    python3 bench/openpyxl_read.py samples/seed-legacy.xlsx

Prints the number of non-empty cells, so the work cannot be skipped.
"""
import sys

import openpyxl


def read(path):
    book = openpyxl.load_workbook(path, data_only=True)
    sheet = book.worksheets[0]
    grid = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                grid[(cell.row, cell.column)] = cell.value
    for merged in sheet.merged_cells.ranges:
        value = grid.get((merged.min_row, merged.min_col))
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if value is not None:
                    grid[(r, c)] = value
    return grid


if __name__ == "__main__":
    print(len(read(sys.argv[1])))
