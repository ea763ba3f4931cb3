#!/usr/bin/env bash
# Peak RSS and wall time of `jixiao import` on each hostile input (release build): the committed
# samples/bad/ files, the fuzz crashers, and the generated ones that tests/hostile.rs builds
# (written here by `cargo test --test hostile` with JIXIAO_KEEP_HOSTILE=DIR).
#
#   bench/hostile_rss.sh DIR_WITH_GENERATED_FILES   (every file in it: .xlsx, .xlsb, .ods, .json)
#   python3 bench/make_hostile_big.py DIR/base.xlsx DIR   adds the 10^6-merge and large space-run files
#   (any exported xlsx will do as base.xlsx: `jixiao export FORM.json -o DIR/base.xlsx`)
#
# PROFILE=profiling uses `cargo build --profile profiling` (same optimisation, no LTO: minutes
# faster to build on a shared machine); the default is the release build.
set -uo pipefail
cd "$(dirname "$0")/.."
profile=${PROFILE:-release}
cargo build --profile "$profile" --quiet --bin jixiao
bin=target/$profile/jixiao
stats=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$stats" "$errors"' EXIT
printf '%-48s %6s %10s  %s\n' file exit "peak KiB" "seconds"
for f in samples/bad/*.xlsx tests/data/fuzz/*.bin "${1:-/nonexistent}"/*; do
  [ -f "$f" ] || continue
  /usr/bin/time -o "$stats" -f '%x %M %e' "$bin" import "$f" >/dev/null 2>"$errors"
  read -r code kib secs < <(tail -n 1 "$stats")
  printf '%-48s %6s %10s  %s\n' "$(basename "$f")" "$code" "$kib" "$secs"
  sed 's/^/    /' "$errors" | cut -c1-160 | tail -n 1
done
