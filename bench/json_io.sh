#!/usr/bin/env bash
# Issue 17 target 5: JSON in and out without an intermediate serde_json::Value. Whole-process
# instructions (callgrind) and peak RSS (/usr/bin/time -v) of a 10,000-indicator form's
#   jixiao import FORM.json           (JSON read into the model, printed back)
#   jixiao export FORM.json -o X.xlsx (JSON read, the canonical xlsx written)
#   jixiao import FORM.xlsx           (xlsx read, JSON printed)
# for one or two binaries (e.g. the profiling build before and after a change), and whether
# their outputs are byte-identical.
#
#   bench/json_io.sh BIN [BIN2]        # e.g. /tmp/jixiao-before target/profiling/jixiao
#
# The input is samples/make_samples.py --scaled 10000 (openpyxl), read by BIN into JSON.
# Needs: valgrind, python3 with openpyxl.
set -euo pipefail
cd "$(dirname "$0")/.."
bins=("$@")
[ ${#bins[@]} -ge 1 ] || { echo "usage: $0 BIN [BIN2]" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 samples/make_samples.py --scaled 10000 "$out/form.xlsx" >/dev/null
"${bins[0]}" import "$out/form.xlsx" >"$out/form.json"

instructions() { # NAME COMMAND… → instructions of the whole process
  local name=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.$name" "$@" >/dev/null 2>"$out/err.$name"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/err.$name"
}
peak() { # COMMAND… → peak RSS in KiB
  /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'
}

echo "$(date -u +%FT%TZ); $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes)"
for i in "${!bins[@]}"; do
  bin=${bins[$i]}
  echo "== $bin"
  printf 'import json   %14s instructions  peak %6s KiB\n' \
    "$(instructions ij$i "$bin" import "$out/form.json")" "$(peak "$bin" import "$out/form.json")"
  printf 'export json   %14s instructions  peak %6s KiB\n' \
    "$(instructions ej$i "$bin" export "$out/form.json" -o "$out/x$i.xlsx")" \
    "$(peak "$bin" export "$out/form.json" -o "$out/x$i.xlsx")"
  printf 'import xlsx   %14s instructions  peak %6s KiB\n' \
    "$(instructions ix$i "$bin" import "$out/form.xlsx")" "$(peak "$bin" import "$out/form.xlsx")"
  "$bin" import "$out/form.json" >"$out/ij$i.json"
  "$bin" import --cells "$out/form.xlsx" >"$out/ic$i.json"
done
if [ ${#bins[@]} -ge 2 ]; then
  for f in ij ic; do cmp -s "$out/${f}0.json" "$out/${f}1.json" && echo "$f: identical" || echo "$f: DIFFERENT"; done
  cmp -s "$out/x0.xlsx" "$out/x1.xlsx" && echo "export: identical" || echo "export: DIFFERENT"
fi
