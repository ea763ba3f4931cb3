#!/usr/bin/env bash
# Whole-process instructions (callgrind) of `jixiao import FILE` against the calamine floor
# program (bench/calamine_floor: open the xlsx, read every cell and merged region), and where
# jixiao's instructions go beyond it (inclusive counts of the main stages).
#
#   bench/import_floor.sh [FILE.xlsx]          # default samples/seed-legacy.xlsx
#
# Instruction counts do not depend on the machine's load. Needs: valgrind. Targets (issue 17):
# jixiao ≤ 2.0× the floor; jixiao ≥ 50× faster than bench/openpyxl_read.py, counted in the same
# run when python3 has openpyxl (the real interpreter, sys.executable, not a launcher shim).
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-samples/seed-legacy.xlsx}
# PROFILE=profiling measures jixiao's `profiling` build (release code without LTO); the default
# is the release build. The floor is always its own release build.
profile=${PROFILE:-release}
cargo build --profile "$profile" --quiet --bin jixiao
cargo build --release --quiet --manifest-path bench/calamine_floor/Cargo.toml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

instructions() { # NAME COMMAND… → instructions of the whole process
  local name=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.$name" "$@" >/dev/null 2>"$out/err.$name"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/err.$name"
}

echo "file: $file; $(date -u +%FT%TZ); $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes); jixiao build: $profile"
floor=$(instructions floor bench/calamine_floor/target/release/calamine_floor "$file")
ours=$(instructions jixiao "target/$profile/jixiao" import "$file")
printf 'calamine floor  %12s instructions\n' "$floor"
printf 'jixiao import   %12s instructions  = %.2fx the floor (target <= 2.0x)\n' "$ours" \
  "$(echo "$ours / $floor" | bc -l)"
python=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)}
if [ -n "$python" ] && "$python" -c 'import openpyxl' 2>/dev/null; then
  theirs=$(instructions openpyxl "$python" bench/openpyxl_read.py "$file")
  printf 'openpyxl        %12s instructions  = %.1fx jixiao (target >= 50x)\n' "$theirs" \
    "$(echo "$theirs / $ours" | bc -l)"
else
  echo "openpyxl        not installed (pip install openpyxl): not counted"
fi
echo
echo "where jixiao's instructions go (inclusive, callgrind_annotate):"
callgrind_annotate --inclusive=yes "$out/cg.jixiao" 2>/dev/null |
  grep -E 'regex::Regex::new|toml::de::from_str|labels::|framework::|read::workbook::load|merge_cells_by_sheet_name|worksheet_cells_reader|next_cell_with_style_id|read::form::|value::parse::parse |serde_json::ser|_dl_start|clap_builder::builder::command::Command::get_matches' |
  sed -E 's/ \[[^]]*\]$//' | cut -c1-160 | head -30
