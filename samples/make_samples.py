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

    def __init__(self, ws, row0=1, col0=1):
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


def make_seed(seed, path=None, expected_path=None):
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
    path = path or os.path.join(HERE, "seed-legacy.xlsx")
    save_deterministic(wb, path)

    expected = form_json(
        seed["department"], None, None, budget, seed["goals"],
        [tuple(t) for t in seed["key_tasks"]], None,
        [(l1, l2, n, p, a) for (l1, l2, n, p, a) in inds],
    )
    assert len(expected["overall_goals"]) == 7
    assert expected["key_tasks"][6]["expected_outcome"].startswith("推进广佛惠")
    if expected_path:
        with open(expected_path, "w", encoding="utf-8") as f:
            json.dump(expected, f, ensure_ascii=False, indent=2)
            f.write("\n")
    else:
        write_json("seed-legacy", expected)
    return path


# ---------------------------------------------------------------------------------------------
# Variants: shared upper part of the form
# ---------------------------------------------------------------------------------------------


def write_upper(s, f, ncols):
    """Title … 其他需完成的任务 for a variant, from its spec `f`; returns (next row, budget dict).

    f["labels"] gives the section labels as this form spells them; f["budget_rows"] the six rows
    of the budget grid as (label, value, label, value) — in whatever order this form has them.
    """
    lab = f["labels"]
    last = ncols
    s.put(1, 1, f["title"], align=CENTER, bold=True)
    s.merge(1, 1, 1, last)
    s.put(2, 1, lab["department"], align=CENTER)
    s.put(2, 2, f["department"])
    s.merge(2, 2, 2, last)
    s.put(3, 1, lab["basic_info"], align=CENTER)
    s.put(3, 2, "财政供养人员数", align=CENTER)
    s.put(3, 3, f["staff"])
    s.put(3, 4, "下属二级单位数", align=CENTER)
    s.put(3, 5, f["units"])
    s.merge(3, 5, 3, last)

    s.put(4, 1, lab["budget"], align=CENTER)
    s.merge(4, 1, 9, 1)
    budget = {}
    label_key = {
        "基本支出": "basic_expenditure", "项目支出": "project_expenditure",
        "财政专项资金": "special_funds", "其他事业发展性支出": "other_development_expenditure",
        "财政拨款": "fiscal_appropriation", "其他资金": "other_funds",
        "市本级使用资金": "municipal_level", "拟用于对下转移支付资金": "transfer_to_lower_level",
    }
    for k, (l1, v1, l2, v2) in enumerate(f["budget_rows"]):
        r = 4 + k
        s.put(r, 2, l1, align=CENTER)
        s.put(r, 3, v1, text_format=isinstance(v1, str))
        s.put(r, 4, l2, align=CENTER)
        s.put(r, 5, v2, text_format=isinstance(v2, str))
        s.box(r, 5, r, last)
        s.merge(r, 5, r, last)
        for label, value in ((l1, v1), (l2, v2)):
            if label in label_key:
                budget[label_key[label]] = value
    assert sorted(budget) == sorted(BUDGET_KEYS), budget

    s.put(10, 1, lab["overall_goals"], align=CENTER)
    s.put(10, 2, f["goals"])
    s.merge(10, 2, 10, last)
    s.ws.row_dimensions[s.row0 + 9].height = 150

    r = 11
    s.put(r, 1, lab["key_tasks"], align=CENTER)
    s.merge(r, 1, r + len(f["key_tasks"]), 1)
    for c, text in enumerate(f["key_task_header"]):
        s.put(r, 2 + c, text, align=CENTER)
    s.merge(r, 5, r, last)
    for k, (name, content, funds, outcome) in enumerate(f["key_tasks"]):
        rr = r + 1 + k
        s.put(rr, 2, name)
        s.put(rr, 3, content)
        s.put(rr, 4, funds, text_format=isinstance(funds, str))
        s.put(rr, 5, outcome)
        s.box(rr, 5, rr, last)
        s.merge(rr, 5, rr, last)
        s.ws.row_dimensions[s.row0 + rr - 1].height = 60
    r += 1 + len(f["key_tasks"])
    s.put(r, 1, lab["other_tasks"], align=CENTER)
    s.put(r, 2, f["other_tasks"])
    s.box(r, 2, r, last)
    s.merge(r, 2, r, last)
    s.ws.row_dimensions[s.row0 + r - 1].height = 30
    return r + 1, budget


def variant_workbook(sheet_title):
    wb = new_workbook()
    ws = wb.active
    ws.title = sheet_title
    fit_to_page_width(ws)
    return wb, ws


# ---------------------------------------------------------------------------------------------
# Variant a: shifted origin, instructions sheet first, synonyms, numeric cells, fill-down levels
# ---------------------------------------------------------------------------------------------


def make_variant_shifted():
    f = {
        "title": TITLE,
        "labels": {
            "department": "部门（单位）名称：",
            "basic_info": "基 本 信 息",
            "budget": "预算整体情况",
            "overall_goals": "年度总体目标",
            "key_tasks": "年度主要任务",
            "other_tasks": "其他需完成的任务（可选填）",
            "indicators": "年度绩效指标",
        },
        "department": "广州市科学技术局",
        "staff": Num(125),
        "units": Num(3),
        # Rows in another order than the seed: the reader must find figures by their labels.
        # The figures add up as the check requires (支出 = 收入来源 = 按预算级次划分).
        "budget_rows": [
            ("部门预算支出", "预算金额（万元）", "收入来源", "预算金额（万元）"),
            ("项目支出", Num(3560, "#,##0.00"), "其他资金", Num(300)),
            ("基本支出", Num(1234.5, "#,##0.00"), "财政拨款", Num(7254.5, "#,##0.00")),
            ("事业发展性支出", "预算金额（万元）", "按预算级次划分", "预算金额（万元）"),
            ("其他事业发展性支出", Num(0, "#,##0.00"), "拟用于对下转移支付资金", Num(800, "#,##0.00")),
            ("财政专项资金", Num(2760, "#,##0.00"), "市本级使用资金", Num(6754.5, "#,##0.00")),
        ],
        "goals": (
            "目标1：强化企业科技创新主体地位，支持科技企业孵化载体提质增效。\n"
            "\n"
            "目标2：推进科技成果转移转化，技术合同成交额保持稳定增长。\n"
            "\n"
            "  目标3：优化科技创新生态，提升科技服务满意度。  \n"
        ),
        "key_task_header": ("名称", "主要实施内容", "拟投入资金（万元）", "期望达到的目标(概述)"),
        "key_tasks": [
            ("支持孵化载体建设", "开展孵化器、众创空间绩效评价；兑现孵化载体补助", Num(1200, "#,##0.00"),
             "支持科技企业孵化器不少于30个，带动在孵企业研发投入增长。"),
            ("促进科技成果转化", "举办科技成果对接活动；支持技术转移机构发展", Num(856.75, "#,##0.00"),
             "举办对接活动不少于12场，技术合同成交额约2000亿元。"),
            ("科技统计与调查", "组织开展全市科技统计培训与调查", None,
             "完成年度科技统计调查任务。"),
        ],
        "other_tasks": "配合做好全市研发投入统计核查工作。",
    }
    wb = new_workbook()
    notes = wb.active
    notes.title = "填报说明"
    for i, line in enumerate([
        "填报说明",
        "1. 部门名称：填写部门全称。",
        "2. 预算整体情况：单位为万元，保留两位小数。",
        "3. 绩效指标：一级指标、二级指标按框架填写，三级指标由部门自行设定。",
        "4. 本表由部门财务处汇总后报送。",
    ], start=1):
        notes.cell(row=i, column=1, value=line)
    notes.column_dimensions["A"].width = 80
    ws = wb.create_sheet("申报表")
    fit_to_page_width(ws)
    ws["B1"] = "附件2"  # noise above the form, as on real attachments
    s = Sheet(ws, row0=3, col0=2)
    for col, width in zip("ABCDEFG", (3, 14, 16, 28, 24, 20, 20)):
        ws.column_dimensions[col].width = width
    r, budget = write_upper(s, f, 6)

    # 一级/二级 repeated on every row (someone unmerged and filled down), with annotations.
    rows = [
        ("产出指标(50分)", "数量指标(必填)", "支持科技企业孵化器数量", "≥90个", "≥30个"),
        ("产出指标(50分)", "数量指标(必填)", "举办科技成果对接活动场次", "≥36场", "≥12场"),
        ("产出指标(50分)", "数量指标(必填)", "开展科技统计培训班次", Num(12), Num(4)),
        ("产出指标(50分)", "质量指标", "项目验收通过率", "≥90%", "≥90%"),
        ("产出指标(50分)", "时效指标", "资金拨付及时率", "100%", "100%"),
        ("产出指标(50分)", "成本指标", "单个孵化器年度补助上限", "≤200万元", "≤200万元"),
        ("效益指标(30分)", "经济效益\n指标", "带动企业研发投入", "≥15亿元", "≥5亿元"),
        ("效益指标(30分)", "经济效益\n指标", " 技术合同成交额 ", "约6000亿元", "约2000亿元"),
        ("效益指标(30分)", "社会效益指标", "新增高新技术企业数", "3000家左右", "1000家左右"),
        ("效益指标(30分)", "可持续影响指标", "科技创新政策知晓率", "逐年提高", "逐年提高"),
        ("满意度指标（10分）", "服务对象满意度指标", "科技企业满意度", "≥85%", "≥85%"),
        ("满意度指标（10分）", "服务对象满意度指标", "科研人员满意度", "90%以上", "90%以上"),
    ]
    s.put(r, 1, f["labels"]["indicators"], align=CENTER)
    s.merge(r, 1, r + len(rows), 1)
    for c, text in enumerate(("一级目标", "二级指标", "三级指标", "实施周期指标值", "年度指标值")):
        s.put(r, 2 + c, text, align=CENTER)
    for k, row in enumerate(rows):
        for c, v in enumerate(row):
            s.put(r + 1 + k, 2 + c, v, align=CENTER if c < 2 else WRAP)
        ws.row_dimensions[s.row0 + r + k].height = 30
    save_deterministic(wb, os.path.join(HERE, "variant-shifted.xlsx"))

    write_json("variant-shifted", form_json(
        f["department"], f["staff"], f["units"], budget, f["goals"], f["key_tasks"],
        f["other_tasks"], [(a, b, n.strip(), shown(p), shown(q)) for (a, b, n, p, q) in rows]))


# ---------------------------------------------------------------------------------------------
# Variant b: split sign | number | unit columns, blank = same as above, numeric budget
# ---------------------------------------------------------------------------------------------


def compose_split(sign, number, unit):
    """What a person would write for sign | 指标值 | 计量单位 cells."""
    value = shown(number)
    if sign == "定性":
        return value
    if sign in ("=", "＝"):
        sign = ""
    return sign + value + shown(unit)


def make_variant_split():
    f = {
        "title": TITLE,
        "labels": {
            "department": "部门名称", "basic_info": "基本信息", "budget": "预算整体情况",
            "overall_goals": "总体绩效目标", "key_tasks": "年度重点工作任务",
            "other_tasks": "其他需完成的任务（可选填）", "indicators": "绩效指标",
        },
        "department": "广州市市场监督管理局",
        "staff": Num(2860),
        "units": Num(12),
        "budget_rows": [
            ("部门预算支出", "预算金额（万元）", "收入来源", "预算金额（万元）"),
            ("基本支出", Num(68520.36, "#,##0.00"), "财政拨款", Num(113220.36, "#,##0.00")),
            ("项目支出", Num(23100, "#,##0.00"), "其他资金", Num(1500, "#,##0.00")),
            ("事业发展性支出", "预算金额（万元）", "按预算级次划分", "预算金额（万元）"),
            ("财政专项资金", Num(18650.8, "#,##0.00"), "市本级使用资金", Num(113220.36, "#,##0.00")),
            ("其他事业发展性支出", Num(4449.2, "#,##0.00"), "拟用于对下转移支付资金", Num(1500, "#,##0.00")),
        ],
        "goals": "1、守牢食品药品和特种设备安全底线，抽检监测覆盖全市主要品种。\n"
                 "2、优化营商环境，市场主体登记便利化水平持续提升。",
        "key_task_header": ("名称", "主要实施内容", "拟投入的资金 (万元)", "期望达到的目标(概述)"),
        "key_tasks": [
            ("食品安全抽检监测", "开展食品安全监督抽检和风险监测", Num(9800, "#,##0.00"),
             "完成食品安全抽检不少于6万批次。"),
            ("特种设备安全监管", "开展特种设备检验检测和隐患排查", Num(4350.5, "#,##0.00"),
             "检验检测特种设备不少于1.2万台。"),
        ],
        "other_tasks": None,
    }
    wb, ws = variant_workbook("部门整体绩效目标")
    s = Sheet(ws)
    for col, width in zip("ABCDEFG", (14, 14, 16, 28, 12, 14, 12)):
        ws.column_dimensions[col].width = width
    r, budget = write_upper(s, f, 7)

    pct = lambda v: Num(v, "0%")  # noqa: E731
    # (一级, 二级, 三级, 指标性质, 指标值, 计量单位); None in 一级/二级 = same as above.
    rows = [
        ("产出指标", "数量指标", "食品安全抽检批次", "≥", Num(60000), "批次"),
        (None, None, "特种设备检验检测台数", "≥", Num(12000), "台"),
        (None, None, "执法人员培训人数", "=", Num(116), "人"),
        (None, "质量指标", "抽检问题产品核查处置率", "≥", Num(95), "%"),
        (None, None, "投诉举报按时办结率", "≥", pct(0.95), None),
        (None, "时效指标", "行政许可平均办理时限", "≤", Num(5), "个工作日"),
        ("效益指标", "社会效益指标", "食品安全状况", "定性", "优良中低差", None),
        (None, None, "重大食品安全事故", "=", Num(0), "起"),
        (None, "经济效益指标", "新登记市场主体增长率", ">", Num(8.5), "%"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", pct(0.9), None),
    ]
    s.put(r, 1, f["labels"]["indicators"], align=CENTER)
    s.merge(r, 1, r + len(rows), 1)
    for c, text in enumerate(("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位")):
        s.put(r, 2 + c, text, align=CENTER)
    expected_inds = []
    l1 = l2 = None
    for k, row in enumerate(rows):
        for c, v in enumerate(row):
            s.put(r + 1 + k, 2 + c, v, align=CENTER if c != 2 else WRAP)
        l1 = row[0] or l1
        l2 = row[1] or l2
        expected_inds.append((l1, l2, row[2], "", compose_split(row[3], row[4], row[5])))
    save_deterministic(wb, os.path.join(HERE, "variant-split.xlsx"))

    write_json("variant-split", form_json(
        f["department"], f["staff"], f["units"], budget, f["goals"], f["key_tasks"],
        f["other_tasks"], expected_inds))


# ---------------------------------------------------------------------------------------------
# Variant c: single value column, 繁体 labels, HTML entities, mixed merges, an empty row
# ---------------------------------------------------------------------------------------------


def make_variant_single():
    f = {
        "title": TITLE,
        "labels": {
            "department": "部門名稱", "basic_info": "基本信息", "budget": "預算整體情況",
            "overall_goals": "總體績效目標", "key_tasks": "年度重點工作任務",
            "other_tasks": "其他需完成的任务（可选填）", "indicators": "績效指標",
        },
        "department": "广州市体育局",
        "staff": None,
        "units": Num(7),
        "budget_rows": [
            ("部门预算支出", "预算金额（万元）", "收入来源", "预算金额（万元）"),
            ("基本支出", "3,218.40", "财政拨款", "6,258.40"),
            ("项目支出", "1,520.00", "其他资金", None),
            ("事业发展性支出", "预算金额（万元）", "按预算级次划分", "预算金额（万元）"),
            ("财政专项资金", "1,200.00", "市本级使用资金", "6,258.40"),
            ("其他事业发展性支出", "320.00", "拟用于对下转移支付资金", "0.00"),
        ],
        "goals": "<p>目标1：推动全民健身 &amp; 竞技体育协调发展。</p>"
                 "<p>目标2：公共体育场馆每周开放&nbsp;56小时以上。</p>"
                 "<p>目标3：赛事安全事故发生率 &lt; 1%。</p>",
        "key_task_header": ("名称", "主要实施内容", "拟投入的资金 (万元)", "期望达到的目标(概述)"),
        "key_tasks": [
            ("全民健身工程", "新建社区健身路径；举办全民健身赛事活动", "980.00",
             "<p>新建社区健身路径50条，举办赛事活动不少于200场。</p>"),
            ("体育场馆开放", "支持公共体育场馆免费或低收费开放", "540.00",
             "场馆免费或低收费开放不少于330天。"),
        ],
        "other_tasks": "",
    }
    wb, ws = variant_workbook("Sheet1")
    s = Sheet(ws)
    for col, width in zip("ABCDEF", (14, 14, 18, 30, 16, 16)):
        ws.column_dimensions[col].width = width
    r, budget = write_upper(s, f, 6)

    # (一级 cell, 二级 cell, 三级, 指标值); None = part of a merged region above; "EMPTY" = empty row.
    rows = [
        ("产出指标", "数量指标", "举办全民健身赛事活动", "≥200场"),
        ("产出指标", "数量指标", "新建社区健身路径", "50条"),
        ("产出指标", "质量指标", "国民体质监测合格率", "≥92%"),
        "EMPTY",
        ("效益指标", "社会效益指标", "经常参加体育锻炼人数比例", "40%以上"),
        (None, None, "体育场馆免费或低收费开放天数", "不少于330天"),
        (None, "可持续影响指标", "学校体育场地对外开放比例", "逐步提高"),
        (None, None, "群众体育组织数量", "较上年增长"),
        ("满意度指标", "服务对象满意度指标", "健身群众满意度", "≥90%"),
    ]
    # The section label sits on the header row only (not merged down), so the empty row is
    # really empty across the whole sheet width.
    s.put(r, 1, f["labels"]["indicators"], align=CENTER)
    for c, text in enumerate(("一级指标", "二级指标", "三级指标", "指标值")):
        s.put(r, 2 + c, text, align=CENTER)
    s.merge(r, 5, r, 6)
    first = r + 1
    expected_inds = []
    l1 = l2 = None
    for k, row in enumerate(rows):
        rr = first + k
        if row == "EMPTY":
            continue
        a, b, name, value = row
        s.put(rr, 2, a, align=CENTER)
        s.put(rr, 3, b, align=CENTER)
        s.put(rr, 4, name)
        s.put(rr, 5, value)
        s.box(rr, 5, rr, 6)
        s.merge(rr, 5, rr, 6)
        l1 = a or l1
        l2 = b or l2
        expected_inds.append((l1, l2, name, "", value))
    # 一级: rows 1–3 repeated (unmerged), then 效益指标 merged over its four rows; 二级 merged
    # where a label is followed by None.
    eff = rows.index(next(x for x in rows if x != "EMPTY" and x[0] == "效益指标"))
    s.merge(first + eff, 2, first + eff + 3, 2)
    s.merge(first + eff, 3, first + eff + 1, 3)
    s.merge(first + eff + 2, 3, first + eff + 3, 3)
    save_deterministic(wb, os.path.join(HERE, "variant-single.xlsx"))
    # The same workbook with a .xls name: readers must go by content, not extension.
    shutil.copyfile(os.path.join(HERE, "variant-single.xlsx"), os.path.join(HERE, "misnamed.xls"))

    write_json("variant-single", form_json(
        f["department"], f["staff"], f["units"], budget, f["goals"], f["key_tasks"],
        f["other_tasks"], expected_inds))


# ---------------------------------------------------------------------------------------------
# Bad inputs
# ---------------------------------------------------------------------------------------------

ENCRYPTION_PASSWORD = "jixiao"


def make_bad(seed_path):
    os.makedirs(BAD, exist_ok=True)
    with open(seed_path, "rb") as f:
        seed_bytes = f.read()

    # A 0-byte file.
    open(os.path.join(BAD, "empty.xlsx"), "wb").close()

    # A text file renamed .xlsx.
    with open(os.path.join(BAD, "text-renamed.xlsx"), "w", encoding="utf-8") as f:
        f.write("部门名称\t广州市工业和信息化局\n这不是电子表格，是改了扩展名的文本文件。\n")

    # The first half of a real workbook: the zip's central directory is missing.
    with open(os.path.join(BAD, "truncated.xlsx"), "wb") as f:
        f.write(seed_bytes[: len(seed_bytes) // 2])

    # A valid zip whose worksheet XML is broken (cut mid-element).
    src = zipfile.ZipFile(io.BytesIO(seed_bytes))
    with zipfile.ZipFile(os.path.join(BAD, "corrupt-sheet.xlsx"), "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 3]
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(zi, data)

    # A workbook with unrelated tables on two sheets: no sheet holds the form.
    wb = new_workbook()
    ws = wb.active
    ws.title = "销售数据"
    for row in [("月份", "地区", "销售额（元）", "备注"), ("1月", "天河区", 125000.5, ""),
                ("2月", "越秀区", 98000, "春节"), ("3月", "海珠区", 143210.75, "")]:
        ws.append(row)
    ws2 = wb.create_sheet("库存")
    for row in [("编号", "品名", "数量", "单位"), ("A001", "打印纸", 40, "箱"), ("A002", "墨盒", 12, "个")]:
        ws2.append(row)
    save_deterministic(wb, os.path.join(BAD, "not-a-form.xlsx"))

    # A workbook with one empty sheet.
    wb = new_workbook()
    wb.active.title = "Sheet1"
    save_deterministic(wb, os.path.join(BAD, "blank.xlsx"))

    # One cell at the last possible address: the sheet's dimension is A1:XFD1048576, which a
    # dense grid cannot hold; the reader must refuse it before allocating.
    wb = new_workbook()
    wb.active["A1"] = "部门整体预算绩效目标申报表"
    wb.active["XFD1048576"] = "x"
    save_deterministic(wb, os.path.join(BAD, "huge-dimension.xlsx"))

    make_zip_bomb(seed_bytes, os.path.join(BAD, "zip-bomb.xlsx"))
    make_encrypted(seed_bytes, os.path.join(BAD, "encrypted.xlsx"))


ZIP_BOMB_INFLATED = 1 << 30  # 1 GiB of sheet XML


def make_zip_bomb(seed_bytes, path):
    """The seed workbook whose sheet1.xml inflates to 1 GiB (whitespace inside <sheetData>).

    Still well-formed XML, so only a size check (the zip directory's uncompressed sizes) stops a
    reader from spending the memory. Written streaming, so making it needs little memory.
    """
    src = zipfile.ZipFile(io.BytesIO(seed_bytes))
    sheet = src.read("xl/worksheets/sheet1.xml")
    head, sep, tail = sheet.partition(b"<sheetData>")
    assert sep, "no <sheetData> in the seed sheet"
    head += sep
    pad = ZIP_BOMB_INFLATED - len(head) - len(tail)
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(zi, src.read(info.filename))
                continue
            with out.open(zi, "w") as w:
                w.write(head)
                left = pad
                while left > 0:
                    n = min(left, len(chunk))
                    w.write(chunk[:n])
                    left -= n
                w.write(tail)


def make_encrypted(seed_bytes, path):
    """The seed workbook, password-encrypted (ECMA-376 agile encryption, as Excel does it).

    Encryption uses a random salt, so the bytes differ on every run: an existing file is kept if
    it still decrypts with the password to exactly the current seed workbook.
    """
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        print("skip: msoffcrypto-tool not installed, cannot make", path)
        return
    if os.path.exists(path):
        try:
            with open(path, "rb") as f:
                enc = OOXMLFile(f)
                enc.load_key(password=ENCRYPTION_PASSWORD)
                plain = io.BytesIO()
                enc.decrypt(plain)
            if plain.getvalue() == seed_bytes:
                return
        except Exception:  # noqa: BLE001 - any failure means: make it again
            pass
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(seed_bytes)).encrypt(ENCRYPTION_PASSWORD, out)
    with open(path, "wb") as f:
        f.write(out.getvalue())


# ---------------------------------------------------------------------------------------------
# Self-check: every expected string is really in the written workbook
# ---------------------------------------------------------------------------------------------


def self_check(xlsx_name, json_name, composed_values=False):
    """Re-open the written .xlsx with openpyxl and check that each text of the expected JSON is
    what some cell shows (after the documented clean-up). Guards against a slip between the data
    that wrote the cells and the data that wrote the JSON; it is not a form reader."""
    from openpyxl import load_workbook

    wb = load_workbook(os.path.join(HERE, xlsx_name))
    shown_cells = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                if isinstance(c.value, (int, float)):
                    shown_cells.append(Num(c.value, c.number_format).shown())
                else:
                    shown_cells.append(str(c.value))
    texts = set()
    for t in shown_cells:
        texts |= {t, strip_tags(t), strip_annotation(t), t.replace(",", "")}
    joined = "\n".join(html.unescape(t) for t in shown_cells)
    with open(os.path.join(EXPECTED, json_name), encoding="utf-8") as f:
        exp = json.load(f)

    def need(value, where):
        if value is None or value == "":
            return
        if value not in texts:
            raise SystemExit(f"self-check {xlsx_name}: {where} {value!r} is in no cell")

    need(exp["department"], "department")
    for k in BUDGET_KEYS:
        need(exp["budget"][k], "budget." + k)
    for i, g in enumerate(exp["overall_goals"]):
        if g not in joined:
            raise SystemExit(f"self-check {xlsx_name}: overall_goals[{i}] not in any cell")
    for i, t in enumerate(exp["key_tasks"]):
        for k in ("name", "content", "funds", "expected_outcome"):
            need(t[k], f"key_tasks[{i}].{k}")
    need(exp["other_tasks"], "other_tasks")
    for i, ind in enumerate(exp["indicators"]):
        for k in ("level1", "level2", "name"):
            need(ind[k], f"indicators[{i}].{k}")
        if not composed_values:
            need(ind["period_value"]["text"], f"indicators[{i}].period_value")
            need(ind["annual_value"]["text"], f"indicators[{i}].annual_value")


# ---------------------------------------------------------------------------------------------
# Index: which sample imports to which expected JSON, and what each bad input is
# ---------------------------------------------------------------------------------------------

SAMPLES = {
    "seed-legacy.xlsx": "expected/seed-legacy.json",
    "seed-legacy.xls": "expected/seed-legacy.json",
    "seed-legacy.ods": "expected/seed-legacy.json",
    "seed-libreoffice.xlsx": "expected/seed-legacy.json",
    "variant-shifted.xlsx": "expected/variant-shifted.json",
    "variant-split.xlsx": "expected/variant-split.json",
    "variant-split.xls": "expected/variant-split.json",
    "variant-split.ods": "expected/variant-split.json",
    "variant-single.xlsx": "expected/variant-single.json",
    "misnamed.xls": "expected/variant-single.json",
}

BAD_INPUTS = {
    "bad/empty.xlsx": "0-byte file",
    "bad/text-renamed.xlsx": "UTF-8 text file with an .xlsx name",
    "bad/truncated.xlsx": "first half of seed-legacy.xlsx (zip central directory missing)",
    "bad/corrupt-sheet.xlsx": "valid zip; xl/worksheets/sheet1.xml cut to its first third",
    "bad/not-a-form.xlsx": "two sheets (销售数据, 库存) of unrelated tables; no form labels",
    "bad/blank.xlsx": "one empty sheet",
    "bad/huge-dimension.xlsx": "A1 plus one cell at XFD1048576 (dimension A1:XFD1048576)",
    "bad/zip-bomb.xlsx": "seed workbook whose sheet1.xml inflates to 1 GiB (1 MB on disk)",
    "bad/encrypted.xlsx": "seed workbook, password-encrypted (agile), password " + ENCRYPTION_PASSWORD,
}


def write_index():
    with open(os.path.join(HERE, "index.json"), "w", encoding="utf-8") as f:
        json.dump({"samples": SAMPLES, "bad": BAD_INPUTS}, f, ensure_ascii=False, indent=2)
        f.write("\n")
    for name in list(SAMPLES) + list(BAD_INPUTS):
        if not os.path.exists(os.path.join(HERE, name)):
            print("warning: listed but not made:", name)


# ---------------------------------------------------------------------------------------------
# LibreOffice conversions
# ---------------------------------------------------------------------------------------------


def soffice_convert(src, fmt, dest_name=None):
    """Convert src with LibreOffice into samples/ as dest_name (default: same base name, new ext)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    dest = os.path.join(HERE, dest_name or os.path.splitext(os.path.basename(src))[0] + "." + fmt)
    if not exe:
        print("skip: soffice not found, cannot make", dest)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        outdir = os.path.join(tmp, "out")
        subprocess.run(
            [exe, "-env:UserInstallation=" + profile, "--headless", "--convert-to", fmt,
             "--outdir", outdir, src],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
        )
        out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + fmt)
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


def make_scaled(n, path):
    """The seed layout with n indicator rows (the seed's 34 repeated in order, names numbered after
    the first cycle), for measuring import time; expected JSON beside it (same name, .json)."""
    seed = read_seed()
    base = seed["indicators"]
    inds = []
    for i in range(n):
        l1, l2, name, period, annual = base[i % len(base)]
        if i >= len(base):
            name = "{}（{}）".format(name, i // len(base) + 1)
        inds.append((l1, l2, name, period, annual))
    seed["indicators"] = inds
    make_seed(seed, path, os.path.splitext(path)[0] + ".json")
    print("wrote", path, "with", n, "indicators")


def main():
    if len(sys.argv) > 1:
        if len(sys.argv) == 4 and sys.argv[1] == "--scaled":
            make_scaled(int(sys.argv[2]), os.path.abspath(sys.argv[3]))
            return
        raise SystemExit("usage: make_samples.py [--scaled N OUT.xlsx]")
    seed = read_seed()
    seed_path = make_seed(seed)
    for fmt in ("xls", "ods"):
        soffice_convert(seed_path, fmt)
    # The same workbook re-saved as .xlsx by LibreOffice: shared strings and another writer's
    # styles instead of openpyxl's inline strings.
    soffice_convert(seed_path, "xlsx", "seed-libreoffice.xlsx")
    make_variant_shifted()
    make_variant_split()
    split_path = os.path.join(HERE, "variant-split.xlsx")
    for fmt in ("xls", "ods"):
        soffice_convert(split_path, fmt)
    make_variant_single()
    make_bad(seed_path)
    self_check("seed-legacy.xlsx", "seed-legacy.json")
    self_check("seed-libreoffice.xlsx", "seed-legacy.json")
    self_check("variant-shifted.xlsx", "variant-shifted.json")
    self_check("variant-split.xlsx", "variant-split.json", composed_values=True)
    self_check("variant-single.xlsx", "variant-single.json")
    write_index()
    print("done")


if __name__ == "__main__":
    main()
