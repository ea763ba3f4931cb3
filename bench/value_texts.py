#!/usr/bin/env python3
"""Texts for comparing two builds' `jixiao value` (bench/same_outputs.sh): every field of the
real indicator values, then generated ones — operators × numbers × units × suffixes, ranges,
references and sentence words — one per line on standard output.

    python3 bench/value_texts.py [tests/data/real-indicator-values.tsv] > texts.txt
"""
import itertools
import sys

corpus = sys.argv[1] if len(sys.argv) > 1 else "tests/data/real-indicator-values.tsv"
with open(corpus, encoding="utf-8") as f:
    for line in f:
        for field in line.rstrip("\n").split("\t"):
            print(field)

prefixes = ["", "≥", "≤", ">", "<", "=", "＞", "不少于", "不低于", "不超过", "约", "大约", "达到", "超", "≥ ", "不低于上年的"]
numbers = ["0", "5", "95", "18000", "1,234", "1,23", "14,737.5", "0.5", "-3", "−2.5", "+7", "2023", "５", "1.", "12,345,67"]
units = ["", "%", "％", "家", "家次", "万元", "元/人", "m2", "km3", "m23", "个工作日", "10万件(册)", "件(含)", "人 ", " 万台", "‰", "℃", "百分点", "的"]
suffixes = ["", "以上", "及以上", "以下", "以内", "内", "左右", " 以上", "之前", "。"]
for p, n, u, s in itertools.product(prefixes, numbers, units, suffixes):
    print(f"{p}{n}{u}{s}")
separators = ["-", "—", "~", "至", "--", " - "]
for a, sep, b, u in itertools.product(["5", "5%", "1.5", "18"], separators, ["8", "8%", "54周岁", "10万元"], ["", "%", "人"]):
    print(f"{a}{sep}{b}{u}")
sentences = ["服务企业数量不少于20家", "较上年提高", "持续提升，逐步减少", "不降低", "覆盖率达到95%以上，满意度≥90%",
             "2024年12月31日前", "2023年底", "截至2023年6月", "2023.07-2024.01", "2021.1.1-12.31", "约100家（以省下达通知为准）",
             "1000元/人给补助对象兑付补助", "1-6期培训结束后及时考核", "（不适用）", "无", "—", "比重为24%", "发展基金出资额的1倍"]
for s in sentences:
    print(s)
    print(f"{s}；其中不少于3项")
