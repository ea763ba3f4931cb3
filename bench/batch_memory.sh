#!/usr/bin/env bash
# Peak memory and wall time of `jixiao batch` at two folder sizes (issue 17, target 6: the peak at
# 2,000 files ≤ 1.3× the peak at 500). The folders are the sample workbooks (xlsx, xls, ods)
# copied in turn, made in a temporary folder under /tmp and deleted at the end.
#
#   bench/batch_memory.sh [BINARY] [SMALL] [LARGE]   # default target/profiling/jixiao 500 2000
#
# Build the binary first (`cargo build --profile profiling --bin jixiao`; the release profile
# gives the same memory figures but takes far longer to build). Wall times are one run each and
# depend on the machine's load; the peak RSS does not.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/profiling/jixiao}
small=${2:-500}
large=${3:-2000}
work=$(mktemp -d /tmp/jixiao-batch-memory.XXXXXX)
trap 'rm -rf "$work"' EXIT
samples=(samples/seed-legacy.xlsx samples/seed-libreoffice.xlsx samples/variant-shifted.xlsx
         samples/variant-single.xlsx samples/variant-split.xlsx samples/seed-legacy.xls
         samples/variant-split.xls samples/seed-legacy.ods samples/variant-split.ods)
fill() {
  local dir=$1 count=$2
  mkdir -p "$dir"
  for i in $(seq 1 "$count"); do
    local src=${samples[$(( (i - 1) % ${#samples[@]} ))]}
    cp "$src" "$dir/form-$(printf %05d "$i").${src##*.}"
  done
}
declare -A peak
for count in "$small" "$large"; do
  fill "$work/in-$count" "$count"
  /usr/bin/time -v "$binary" batch "$work/in-$count" -o "$work/out-$count" --jobs "$(nproc)" \
    >/dev/null 2>"$work/time-$count" || true
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time-$count")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time-$count")
  fs=$(awk -F': ' '/File system outputs/ {print $2}' "$work/time-$count")
  peak[$count]=$rss
  echo "$count files: peak RSS $rss KiB, wall $wall, $fs file-system output blocks; $(tail -1 "$work/time-$count" >/dev/null; grep -c . "$work/out-$count/summary.csv") summary.csv lines"
  rm -rf "$work/in-$count" "$work/out-$count"
done
python3 -c "import sys; s, l = int(sys.argv[1]), int(sys.argv[2]); print(f'peak at $large / peak at $small = {l / s:.2f}x (target <= 1.3x)')" "${peak[$small]}" "${peak[$large]}"
