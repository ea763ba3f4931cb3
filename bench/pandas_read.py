"""pandas.read_excel of every sheet (openpyxl engine): the usual one-liner, with no merge handling.

    python3 bench/pandas_read.py samples/seed-legacy.xlsx
"""
import sys

import pandas

frames = pandas.read_excel(sys.argv[1], sheet_name=None, header=None)
print(sum(f.size for f in frames.values()))
