#!/usr/bin/env bash
# Whole-process instructions (callgrind) of `jixiao export FORM.json` against a minimal
# rust_xlsxwriter program writing the same cells, merged regions, formats, widths and heights
# (bench/xlsxwriter_floor, fed by bench/export_cells.py's dump of jixiao's own output).
#
#   bench/export_floor.sh [FILE]     # a form jixiao imports; default samples/seed-legacy.xlsx
#
# Needs: valgrind, python3. Target (issue 17): jixiao ≤ 1.4× the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-samples/seed-legacy.xlsx}
# PROFILE=profiling measures jixiao's `profiling` build (release code without LTO); the default
# is the release build. The floor is always its own release build.
profile=${PROFILE:-release}
cargo build --profile "$profile" --quiet --bin jixiao
cargo build --release --quiet --manifest-path bench/xlsxwriter_floor/Cargo.toml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
jixiao=target/$profile/jixiao
"$jixiao" import "$file" -o "$out/form.json"
"$jixiao" export "$out/form.json" -o "$out/ours.xlsx"
python3 bench/export_cells.py "$out/ours.xlsx" >"$out/cells.tsv"

instructions() { # NAME COMMAND… → instructions of the whole process
  local name=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.$name" "$@" >/dev/null 2>"$out/err.$name"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/err.$name"
}

echo "file: $file ($(grep -c '^C' "$out/cells.tsv") cells, $(grep -c '^M' "$out/cells.tsv") merges, $(grep -c '^F' "$out/cells.tsv") formats); $(date -u +%FT%TZ); $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes); jixiao build: $profile"
floor=$(instructions floor bench/xlsxwriter_floor/target/release/xlsxwriter_floor "$out/cells.tsv" "$out/floor.xlsx")
ours=$(instructions jixiao "$jixiao" export "$out/form.json" -o "$out/ours2.xlsx")
printf 'rust_xlsxwriter floor %12s instructions (%s bytes written)\n' "$floor" "$(stat -c %s "$out/floor.xlsx")"
printf 'jixiao export         %12s instructions (%s bytes written) = %.2fx the floor (target <= 1.4x)\n' \
  "$ours" "$(stat -c %s "$out/ours2.xlsx")" "$(echo "$ours / $floor" | bc -l)"
