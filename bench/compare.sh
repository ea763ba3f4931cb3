#!/usr/bin/env bash
# Side by side, whole processes, one run, the same file: jixiao import (release build), a Python
# openpyxl script that fills merged regions (bench/openpyxl_read.py), pandas.read_excel
# (bench/pandas_read.py, when pandas is installed), the calamine floor program
# (bench/calamine_floor) and `unzip -p`. Medians of several runs (hyperfine), ratios, and peak RSS
# (/usr/bin/time -f %M).
#
#   bench/compare.sh [FILE.xlsx] [RUNS]       # default samples/seed-legacy.xlsx, 30 runs
#
# Python is timed as the real interpreter (sys.executable), not a launcher shim such as pyenv's,
# which adds tens of milliseconds to every start. Wall-clock times on a shared machine are noisy:
# bench/import_floor.sh counts instructions instead.
#
# Needs: hyperfine, unzip, python3 with openpyxl (pip install openpyxl; pandas optional).
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-samples/seed-legacy.xlsx}
runs=${2:-30}
slow_runs=$(( runs < 10 ? runs : 10 ))
python=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
cargo build --release --quiet --bin jixiao
cargo build --release --quiet --manifest-path bench/calamine_floor/Cargo.toml
jixiao=target/release/jixiao
floor=bench/calamine_floor/target/release/calamine_floor
slow=(-n openpyxl "$python bench/openpyxl_read.py $file")
if "$python" -c 'import pandas' 2>/dev/null; then
  slow+=(-n pandas "$python bench/pandas_read.py $file")
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "file: $file ($(stat -c %s "$file") bytes); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
echo "python: $python ($("$python" -c 'import sys, openpyxl; print(sys.version.split()[0], "openpyxl", openpyxl.__version__)'))"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/fast.json" \
  -n unzip "unzip -p $file" \
  -n calamine "$floor $file" \
  -n jixiao "$jixiao import $file" >/dev/null
hyperfine -N --warmup 1 --runs "$slow_runs" --export-json "$out/slow.json" "${slow[@]}" >/dev/null

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
echo "peak RSS KiB: jixiao $(rss $jixiao import "$file"), calamine $(rss $floor "$file"), unzip $(rss unzip -p "$file"), openpyxl $(rss "$python" bench/openpyxl_read.py "$file")"

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
print(f"jixiao / unzip          = {med['jixiao']/med['unzip']:.2f}x")
print(f"jixiao / calamine floor = {med['jixiao']/med['calamine']:.2f}x   (wall; the target is on instructions: bench/import_floor.sh)")
print(f"openpyxl / jixiao       = {med['openpyxl']/med['jixiao']:.1f}x   (target >= 50x)")
if 'pandas' in med:
    print(f"pandas / jixiao         = {med['pandas']/med['jixiao']:.1f}x")
PY
