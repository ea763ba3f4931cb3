#!/usr/bin/env bash
# Side by side, whole processes, one run, the same file: jixiao import (release build), a Python
# openpyxl script that fills merged regions (bench/openpyxl_read.py), pandas.read_excel
# (bench/pandas_read.py), and `unzip -p` as the floor. Medians of several runs (hyperfine), ratios,
# and peak RSS (/usr/bin/time -f %M).
#
#   bench/compare.sh [FILE.xlsx] [RUNS]       # default samples/seed-legacy.xlsx, 30 runs
#
# Needs: hyperfine, unzip, python3 with openpyxl and pandas (pip install pandas openpyxl).
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-samples/seed-legacy.xlsx}
runs=${2:-30}
slow_runs=$(( runs < 10 ? runs : 10 ))
python=${PYTHON:-python3}
cargo build --release --quiet --bin jixiao
jixiao=target/release/jixiao
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "file: $file ($(stat -c %s "$file") bytes); $(nproc) cores; $(date -u +%FT%TZ)"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/fast.json" \
  -n unzip "unzip -p $file" \
  -n jixiao "$jixiao import $file" >/dev/null
hyperfine -N --warmup 1 --runs "$slow_runs" --export-json "$out/slow.json" \
  -n openpyxl "$python bench/openpyxl_read.py $file" \
  -n pandas "$python bench/pandas_read.py $file" >/dev/null

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
echo "peak RSS KiB: jixiao $(rss $jixiao import "$file"), unzip $(rss unzip -p "$file"), openpyxl $(rss "$python" bench/openpyxl_read.py "$file"), pandas $(rss "$python" bench/pandas_read.py "$file")"

"$python" - "$out/fast.json" "$out/slow.json" <<'PY'
import json, sys
results = {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        results[r["command"]] = r
med = {k: r["median"] for k, r in results.items()}
print(f"{'command':10} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'runs':>5}")
for k, r in results.items():
    print(f"{k:10} {r['median']*1e3:10.2f} {r['min']*1e3:8.2f} {r['max']*1e3:8.2f} {len(r['times']):5}")
print(f"jixiao / unzip floor   = {med['jixiao']/med['unzip']:.2f}x   (target <= 3x)")
print(f"openpyxl / jixiao      = {med['openpyxl']/med['jixiao']:.1f}x   (target >= 50x)")
print(f"pandas / jixiao        = {med['pandas']/med['jixiao']:.1f}x")
PY
