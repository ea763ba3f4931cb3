#!/usr/bin/env bash
# `jixiao batch` on 1,000 forms, both cores: the sample workbooks (xlsx, xls, ods) copied in
# turn into one folder; median wall time of several runs and the peak RSS.
#
#   bench/batch.sh [COUNT] [RUNS]             # default 1000 forms, 5 runs
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
runs=${2:-5}
cargo build --release --quiet --bin jixiao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
samples=(samples/seed-legacy.xlsx samples/seed-libreoffice.xlsx samples/variant-shifted.xlsx
         samples/variant-single.xlsx samples/variant-split.xlsx samples/seed-legacy.xls
         samples/variant-split.xls samples/seed-legacy.ods samples/variant-split.ods)
mkdir -p "$work/in"
for i in $(seq 1 "$count"); do
  src=${samples[$(( (i - 1) % ${#samples[@]} ))]}
  cp "$src" "$work/in/form-$(printf %04d "$i").${src##*.}"
done
echo "$count forms, $(du -sh "$work/in" | cut -f1); $(nproc) cores; jobs=$(nproc)"
hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/batch.json" \
  --prepare "rm -rf $work/out" \
  -n batch "target/release/jixiao batch $work/in -o $work/out --jobs $(nproc)" >/dev/null
python3 - "$work/batch.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"batch median {r['median']:.3f} s (min {r['min']:.3f}, max {r['max']:.3f}, {len(r['times'])} runs); target <= 5 s")
PY
rm -rf "$work/out"
/usr/bin/time -f "peak RSS %M KiB, %e s wall, %P CPU" target/release/jixiao batch "$work/in" -o "$work/out" --jobs "$(nproc)" >/dev/null || true
