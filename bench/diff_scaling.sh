#!/usr/bin/env bash
# How `diff` scales: instructions (callgrind, counted inside jixiao::diff::diff only) for every
# mix of changes of benches/support/diff_mixes.rs at two sizes, and their ratio. Instruction
# counts do not depend on the machine's load; wall-clock times on a shared machine do.
#
#   bench/diff_scaling.sh [SMALL] [LARGE] [MIX…]     # default 10000 100000, every mix
#
# Needs: valgrind. Target (issue 17): LARGE/SMALL ≤ 1.2 × LARGE/SMALL rows (≤ 12× for 10k → 100k).
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-10000}
large=${2:-100000}
shift $(( $# < 2 ? $# : 2 ))
mixes=("$@")
if [ ${#mixes[@]} -eq 0 ]; then
  mixes=(same values renamed moved replaced resubmission)
fi
# PROFILE=profiling measures the `profiling` build (release code without LTO, much quicker to
# build on a busy machine); the default is the release build.
profile=${PROFILE:-release}
cargo build --profile "$profile" --quiet --example diff_scaled
bin=target/$profile/examples/diff_scaled
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # N MIX → instructions inside diff()
  valgrind --tool=callgrind --toggle-collect='jixiao::diff::diff' \
    --callgrind-out-file="$out/cg.$1.$2" "$bin" "$1" "$2" >"$out/stdout.$1.$2" 2>"$out/stderr.$1.$2"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/stderr.$1.$2"
}

echo "$(date -u +%FT%TZ); $(nproc) cores; $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes); jixiao build: $profile"
printf '%-13s %16s %16s %7s  %s\n' mix "$small" "$large" ratio "changes at $large"
for mix in "${mixes[@]}"; do
  a=$(count "$small" "$mix")
  b=$(count "$large" "$mix")
  printf '%-13s %16s %16s %6.2fx  %s\n' "$mix" "$a" "$b" "$(echo "$b / $a" | bc -l)" \
    "$(cat "$out/stdout.$large.$mix")"
done
