#!/usr/bin/env bash
# Peak RSS and wall time of `jixiao import` on each hostile input (release build): the committed
# samples/bad/ files, the fuzz crashers, and the generated ones that tests/hostile.rs builds
# (written here by `cargo test --test hostile` with JIXIAO_KEEP_HOSTILE=DIR).
#
#   bench/hostile_rss.sh DIR_WITH_GENERATED_FILES   (every file in it: .xlsx, .xlsb, .ods, .json)
#   python3 bench/make_hostile_big.py DIR/base.xlsx DIR   adds the 10^6-merge and large space-run files
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin jixiao
stats=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$stats" "$errors"' EXIT
printf '%-48s %6s %10s  %s\n' file exit "peak KiB" "seconds"
for f in samples/bad/*.xlsx tests/data/fuzz/*.bin "${1:-/nonexistent}"/*; do
  [ -f "$f" ] || continue
  /usr/bin/time -o "$stats" -f '%x %M %e' target/release/jixiao import "$f" >/dev/null 2>"$errors"
  read -r code kib secs < <(tail -n 1 "$stats")
  printf '%-48s %6s %10s  %s\n' "$(basename "$f")" "$code" "$kib" "$secs"
  sed 's/^/    /' "$errors" | cut -c1-160 | tail -n 1
done
