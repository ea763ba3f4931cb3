#!/usr/bin/env python3
"""Make the sample spreadsheets under samples/ and their expected JSON.

Run from the repository root (or anywhere):  python3 samples/make_samples.py

Needs openpyxl (pip install openpyxl) and, for the .xls/.ods conversions of the seed and for
bad/encrypted.xlsx, LibreOffice (`soffice`) and/or msoffcrypto-tool (pip install msoffcrypto-tool).
Steps whose tool is missing are skipped with a message; the .xlsx files and the JSON never need them.

The writer here is deliberately NOT ours (openpyxl, LibreOffice), so the reader's tests are honest.
The expected JSON is generated from the same Python data that wrote the cells: the oracle is what
was written, never what some reader returned.

Output is deterministic for everything openpyxl writes (fixed document timestamps, fixed zip entry
times). LibreOffice conversions embed their own metadata and may differ byte-wise between runs.
"""

import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SEED = os.environ.get(
    "JIXIAO_SEED",
    os.path.join(REPO, "..", "..", "shared", "seeds", "000_82a93ed0ef46a7ce.txt"),
)
SEED_FALLBACK = "/work/shared/seeds/000_82a93ed0ef46a7ce.txt"
EXPECTED = os.path.join(HERE, "expected")
BAD = os.path.join(HERE, "bad")

FIXED_TIME = datetime(2024, 1, 15, 9, 0, 0)
ZIP_TIME = (2024, 1, 15, 9, 0, 0)

FORMAT = "jixiao/form@1"
TITLE = "部门整体预算绩效目标申报表"
BUDGET_KEYS = [
    "basic_expenditure",
    "project_expenditure",
    "special_funds",
    "other_development_expenditure",
    "fiscal_appropriation",
    "other_funds",
    "municipal_level",
    "transfer_to_lower_level",
]

# ---------------------------------------------------------------------------------------------
# Cell values and what a person sees in them
# ---------------------------------------------------------------------------------------------


class Num:
    """A numeric cell: the number stored, its number format, and the text Excel displays."""

    def __init__(self, value, fmt="General"):
        self.value = value
        self.fmt = fmt

    def shown(self):
        """The text a user sees, for the few formats used here; exact, via Decimal(str)."""
        d = Decimal(str(self.value))
        if self.fmt == "General":
            text = format(d.normalize(), "f")
            return text
        if self.fmt == "#,##0.00":
            return "{:,.2f}".format(d.quantize(Decimal("0.01")))
        if self.fmt == "0.00":
            return "{:.2f}".format(d.quantize(Decimal("0.01")))
        if self.fmt == "0%":
            return format((d * 100).quantize(Decimal("1")), "f") + "%"
        raise ValueError(self.fmt)


def shown(v):
    """What the user sees in a cell holding v (None = blank)."""
    if v is None:
        return ""
    if isinstance(v, Num):
        return v.shown()
    return v


def money(v):
    """Expected JSON money: the displayed figure without thousands separators; blank → None."""
    text = shown(v).strip()
    if text == "":
        return None
    text = text.replace(",", "")
    Decimal(text)  # must be a number
    return text


def strip_tags(text):
    """Other cells: tags removed, entities decoded, surrounding whitespace trimmed."""
    return html.unescape(re.sub(r"<[^>]*>", "", text)).strip()


def goals_items(text):
    """Overall goals: one item per <p> paragraph, or else one per non-empty line."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", text, flags=re.S)
    if paragraphs:
        items = [strip_tags(p) for p in paragraphs]
    else:
        items = [line.strip() for line in text.splitlines()]
    return [i for i in items if i]


def strip_annotation(label):
    """Level labels: line breaks and whitespace removed, a trailing (…) annotation removed."""
    label = re.sub(r"\s+", "", label)
    label = re.sub(r"[（(][^（()）]*[)）]$", "", label)
    return label


# ---------------------------------------------------------------------------------------------
# The seed form, copied programmatically from the text dump
# ---------------------------------------------------------------------------------------------

MONEY_RE = re.compile(r"^\d{1,3}(,\d{3})*\.\d\d$")


def read_seed():
    path = SEED if os.path.exists(SEED) else SEED_FALLBACK
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f]
    rows = [line.split("\t") for line in lines if line.strip() != ""]

    def find(pred, what):
        for i, r in enumerate(rows):
            if pred(r):
                return i
        raise SystemExit("seed: cannot find " + what)

    seed = {}
    seed["title"] = rows[find(lambda r: TITLE in r[0], "title")][0].strip()
    r = rows[find(lambda r: r[0] == "部门名称", "部门名称")]
    seed["department_label"], seed["department"] = r[0], r[1]
    r = rows[find(lambda r: r[0] == "基本信息", "基本信息")]
    seed["basic_info_row"] = r[:5]  # label, 财政供养人员数, "", 下属二级单位数, ""
    b = find(lambda r: r[0] == "预算整体情况", "预算整体情况")
    seed["budget_label"] = rows[b][0]
    seed["budget_grid"] = [rows[b + k][1:5] for k in range(6)]
    for k in (1, 2, 4, 5):
        for c in (1, 3):
            assert MONEY_RE.match(seed["budget_grid"][k][c]), seed["budget_grid"][k]
    r = rows[find(lambda r: r[0] == "总体绩效目标", "总体绩效目标")]
    seed["goals_label"], seed["goals"] = r[0], r[1]
    h = find(lambda r: len(r) > 1 and r[1] == "名称", "key task header")
    seed["key_task_header"] = rows[h][1:5]
    seed["key_task_label"] = next(r[0] for r in rows if r[0].startswith("年度重点工作"))
    tasks = []
    i = h + 1
    while len(rows[i]) > 3 and MONEY_RE.match(rows[i][3]):
        tasks.append(rows[i][1:5])
        i += 1
    assert len(tasks) == 7, len(tasks)
    seed["key_tasks"] = tasks
    r = rows[i]
    assert r[0].startswith("其他需完成的任务"), r
    seed["other_label"] = r[0]
    h = find(lambda r: len(r) > 1 and r[1] == "一级指标", "indicator header")
    seed["indicator_header"] = rows[h][1:6]
    seed["indicator_label"] = next(r[0] for r in rows if r[0] == "绩效指标")

    # Un-shift the indicator rows: drop the section and level labels, keep (name, period, annual).
    level2_counts = [("数量指标", 19), ("质量指标", 2), ("经济效益指标", 8), ("社会效益指标", 4), ("生态效益指标", 1)]
    level1_of = {"数量指标": "产出指标", "质量指标": "产出指标", "经济效益指标": "效益指标",
                 "社会效益指标": "效益指标", "生态效益指标": "效益指标"}
    labels = {"绩效指标"} | set(level1_of) | set(level1_of.values())
    triples, seen_labels = [], []
    for r in rows[h + 1:]:
        cells = [c for c in r if c != ""]
        seen_labels += [c for c in cells if c in labels]
        rest = [c for c in cells if c not in labels]
        assert len(rest) == 3, r
        triples.append(rest)
    assert len(triples) == 34, len(triples)
    for lab in labels:
        assert lab in seen_labels, lab  # every label text really occurs in the seed
    indicators = []
    for level2, n in level2_counts:
        for _ in range(n):
            name, period, annual = triples[len(indicators)]
            indicators.append((level1_of[level2], level2, name, period, annual))
    seed["indicators"] = indicators
    return seed


# ---------------------------------------------------------------------------------------------
# Writing helpers
# ---------------------------------------------------------------------------------------------

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def fit_to_page_width(ws):
    """Landscape, all columns on one page width (for printing and for eyeballing a render)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def new_workbook():
    wb = Workbook()
    wb.properties.creator = "legacy-export"
    wb.properties.lastModifiedBy = "legacy-export"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


class Sheet:
    """Writes cells at (row, col) relative to an origin, so a form can start anywhere."""

    def __init__(self, ws, row0=1, col0=1, text_money=False):
        self.ws, self.row0, self.col0 = ws, row0, col0

    def addr(self, r, c):
        return self.ws.cell(row=self.row0 + r - 1, column=self.col0 + c - 1).coordinate

    def put(self, r, c, v, align=WRAP, bold=False, text_format=False):
        cell = self.ws.cell(row=self.row0 + r - 1, column=self.col0 + c - 1)
        if isinstance(v, Num):
            cell.value = v.value
            cell.number_format = v.fmt
        elif v is not None:
            cell.value = v
            if text_format:
                cell.number_format = "@"
        cell.alignment = align
        cell.border = BORDER
        if bold:
            cell.font = Font(bold=True)
        return cell

    def merge(self, r1, c1, r2, c2):
        if (r1, c1) == (r2, c2):
            return
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                self.ws.cell(row=self.row0 + r - 1, column=self.col0 + c - 1).border = BORDER
        self.ws.merge_cells(self.addr(r1, c1) + ":" + self.addr(r2, c2))

    def box(self, r1, c1, r2, c2):
        """Borders on a whole block (blank cells included)."""
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                self.ws.cell(row=self.row0 + r - 1, column=self.col0 + c - 1).border = BORDER


def save_deterministic(wb, path):
    """Save with fixed timestamps in docProps/core.xml and in the zip directory."""
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              r"\g<1>" + stamp + r"\g<2>", text)
                text = re.sub(r"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)",
                              r"\g<1>" + stamp + r"\g<2>", text)
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            out.writestr(zi, data)


def write_json(name, obj):
    os.makedirs(EXPECTED, exist_ok=True)
    with open(os.path.join(EXPECTED, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def form_json(department, staff, units, budget, goals_cell, key_tasks, other_tasks, indicators):
    """The JSON contract from the written cell values.

    budget: dict key → cell value; key_tasks: list of (name, content, funds, outcome) cell values;
    indicators: list of (level1, level2, name, period_text, annual_text) — texts as a person reads them.
    """
    def count(v):
        t = shown(v).strip()
        return int(t) if t else None

    return {
        "format": FORMAT,
        "title": TITLE,
        "department": strip_tags(shown(department)),
        "basic_info": {"staff_count": count(staff), "subordinate_units": count(units)},
        "budget": dict([("unit", "万元")] + [(k, money(budget.get(k))) for k in BUDGET_KEYS]),
        "overall_goals": goals_items(shown(goals_cell)),
        "key_tasks": [
            {
                "name": strip_tags(shown(n)),
                "content": strip_tags(shown(c)),
                "funds": money(f),
                "expected_outcome": strip_tags(shown(o)),
            }
            for (n, c, f, o) in key_tasks
        ],
        "other_tasks": strip_tags(shown(other_tasks)),
        "indicators": [
            {
                "level1": strip_annotation(l1),
                "level2": strip_annotation(l2),
                "name": strip_tags(name),
                "period_value": {"text": strip_tags(p)},
                "annual_value": {"text": strip_tags(a)},
            }
            for (l1, l2, name, p, a) in indicators
        ],
    }


# ---------------------------------------------------------------------------------------------
# 1. The seed as its legacy system exported it
# ---------------------------------------------------------------------------------------------


def make_seed(seed):
    """Layout (six columns A–F, 54 rows):

    1   A1:F1 title
    2   A 部门名称 | B2:F2 department
    3   A 基本信息 | B 财政供养人员数 | C (blank value) | D 下属二级单位数 | E3:F3 (blank value)
    4-9 A4:A9 预算整体情况 | B label | C amount | D label | E:F amount (merged per row)
    10  A 总体绩效目标 | B10:F10 the goals, one cell with seven <p> paragraphs
    11-18 A11:A18 年度重点工作任务 | B 名称 | C 主要实施内容 | D 拟投入的资金 (万元) | E:F 期望达到的目标(概述)
    19  A 其他需完成的任务（可选填） | B19:F19 blank
    20-54 A20:A54 绩效指标 | B 一级指标 | C 二级指标 | D 三级指标 | E 实施周期指标值 | F 年度指标值
          一级 merged down B over its rows, 二级 merged down C over its rows.
    """
    wb = new_workbook()
    ws = wb.active
    ws.title = "Sheet1"
    s = Sheet(ws)
    for col, width in zip("ABCDEF", (14, 18, 30, 30, 30, 30)):
        ws.column_dimensions[col].width = width
    fit_to_page_width(ws)

    s.put(1, 1, seed["title"], align=CENTER, bold=True)
    s.merge(1, 1, 1, 6)
    s.put(2, 1, seed["department_label"], align=CENTER)
    s.put(2, 2, seed["department"])
    s.merge(2, 2, 2, 6)
    label, staff_label, _, units_label, _ = seed["basic_info_row"]
    s.put(3, 1, label, align=CENTER)
    s.put(3, 2, staff_label, align=CENTER)
    s.put(3, 3, None)
    s.put(3, 4, units_label, align=CENTER)
    s.put(3, 5, None)
    s.merge(3, 5, 3, 6)

    s.put(4, 1, seed["budget_label"], align=CENTER)
    s.merge(4, 1, 9, 1)
    for k, (l1, v1, l2, v2) in enumerate(seed["budget_grid"]):
        r = 4 + k
        header = k in (0, 3)
        s.put(r, 2, l1, align=CENTER)
        s.put(r, 3, v1, align=CENTER if header else WRAP, text_format=not header)
        s.put(r, 4, l2, align=CENTER)
        s.put(r, 5, v2, align=CENTER if header else WRAP, text_format=not header)
        s.merge(r, 5, r, 6)
    g = seed["budget_grid"]
    budget = {
        "basic_expenditure": g[1][1], "fiscal_appropriation": g[1][3],
        "project_expenditure": g[2][1], "other_funds": g[2][3],
        "special_funds": g[4][1], "municipal_level": g[4][3],
        "other_development_expenditure": g[5][1], "transfer_to_lower_level": g[5][3],
    }
    # the labels next to each figure really are the ones the keys claim
    assert (g[1][0], g[1][2], g[2][0], g[2][2]) == ("基本支出", "财政拨款", "项目支出", "其他资金")
    assert (g[4][0], g[4][2], g[5][0], g[5][2]) == (
        "财政专项资金", "市本级使用资金", "其他事业发展性支出", "拟用于对下转移支付资金")

    s.put(10, 1, seed["goals_label"], align=CENTER)
    s.put(10, 2, seed["goals"])
    s.merge(10, 2, 10, 6)
    ws.row_dimensions[10].height = 300

    s.put(11, 1, seed["key_task_label"], align=CENTER)
    s.merge(11, 1, 18, 1)
    for c, text in enumerate(seed["key_task_header"]):
        s.put(11, 2 + c, text, align=CENTER)
    s.merge(11, 5, 11, 6)
    for k, (name, content, funds, outcome) in enumerate(seed["key_tasks"]):
        r = 12 + k
        s.put(r, 2, name)
        s.put(r, 3, content)
        s.put(r, 4, funds, text_format=True)
        s.put(r, 5, outcome)
        s.merge(r, 5, r, 6)
        ws.row_dimensions[r].height = 60 if k else 200

    s.put(19, 1, seed["other_label"], align=CENTER)
    s.put(19, 2, None)
    s.merge(19, 2, 19, 6)

    s.put(20, 1, seed["indicator_label"], align=CENTER)
    for c, text in enumerate(seed["indicator_header"]):
        s.put(20, 2 + c, text, align=CENTER)
    inds = seed["indicators"]
    s.merge(20, 1, 20 + len(inds), 1)
    first = 21
    for k, (l1, l2, name, period, annual) in enumerate(inds):
        r = first + k
        s.put(r, 4, name)
        s.put(r, 5, period, text_format=True)
        s.put(r, 6, annual, text_format=True)
        ws.row_dimensions[r].height = 30 if len(annual) < 30 else 75
    for col, idx in ((2, 0), (3, 1)):  # merge runs of equal 一级 / 二级 labels
        start = 0
        for k in range(1, len(inds) + 1):
            if k == len(inds) or inds[k][: idx + 1] != inds[start][: idx + 1]:
                s.put(first + start, col, inds[start][idx], align=CENTER)
                s.merge(first + start, col, first + k - 1, col)
                start = k
    path = os.path.join(HERE, "seed-legacy.xlsx")
    save_deterministic(wb, path)

    expected = form_json(
        seed["department"], None, None, budget, seed["goals"],
        [tuple(t) for t in seed["key_tasks"]], None,
        [(l1, l2, n, p, a) for (l1, l2, n, p, a) in inds],
    )
    assert len(expected["overall_goals"]) == 7
    assert expected["key_tasks"][6]["expected_outcome"].startswith("推进广佛惠")
    write_json("seed-legacy", expected)
    return path


# ---------------------------------------------------------------------------------------------
# LibreOffice conversions
# ---------------------------------------------------------------------------------------------


def soffice_convert(src, fmt):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        print("skip: soffice not found, cannot make", fmt, "of", src)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        subprocess.run(
            [exe, "-env:UserInstallation=" + profile, "--headless", "--convert-to", fmt,
             "--outdir", tmp, src],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
        )
        out = os.path.join(tmp, os.path.splitext(os.path.basename(src))[0] + "." + fmt)
        dest = os.path.join(HERE, os.path.basename(out))
        if zipfile.is_zipfile(out):
            fix_zip_times(out, dest)
        else:
            shutil.move(out, dest)
    return dest


def fix_zip_times(src_path, dest_path):
    """Re-pack a zip (ODS) with fixed entry times, keeping entry order and compression, so that
    re-running gives the same bytes (`mimetype` stays first and stored, as ODF requires)."""
    with zipfile.ZipFile(src_path) as src, zipfile.ZipFile(dest_path, "w") as out:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = info.compress_type
            zi.external_attr = 0o644 << 16
            out.writestr(zi, src.read(info.filename))


def main():
    seed = read_seed()
    seed_path = make_seed(seed)
    for fmt in ("xls", "ods"):
        soffice_convert(seed_path, fmt)
    print("done")


if __name__ == "__main__":
    main()
