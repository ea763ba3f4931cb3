#!/usr/bin/env bash
# Issue 17, target 8: the new kinds and `score` at 100 / 1,000 / 10,000 indicator rows, as
# whole-process instruction counts (callgrind; stable on a loaded machine).
#
#   bench/kinds_scaling.sh [BINARY] [SIZES…]   # default target/profiling/jixiao 100 1000 10000
#
# For the project form and the self-evaluation of tests/data/realworld, the imported JSON's
# indicator rows are repeated (each name numbered, so every row differs) to N rows; then, per kind
# and size: `export` of that JSON to the kind's xlsx, `import` of that xlsx back, and for the
# self-evaluation `score` of the JSON. The ratio column is the instructions at N over those at the
# previous size: linear work gives ≈ 10× per decade (less at 100, where process start counts).
# Build the binary first: `cargo build --profile profiling --bin jixiao`. KINDS="selfeval" (or
# "project") measures one kind only.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/profiling/jixiao}
shift || true
sizes=("${@:-100 1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
work=$(mktemp -d /tmp/jixiao-kinds-scaling.XXXXXX)
trap 'rm -rf "$work"' EXIT
instructions() { # NAME COMMAND… → instructions of the whole process
  local name=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$name" "$@" >/dev/null 2>"$work/err.$name" || true
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/err.$name"
}
scale() { # JSON N OUT
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
form = json.load(open(sys.argv[1], encoding="utf-8"))
n = int(sys.argv[2])
rows = form["indicators"]
form["indicators"] = [
    dict(rows[i % len(rows)], name=f'{rows[i % len(rows)]["name"]}（{i + 1}）') for i in range(n)
]
json.dump(form, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
}
echo "$(date -u +%FT%TZ) $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes) $binary"
printf '%-16s %-7s %8s %16s %8s\n' kind command rows instructions ratio
for kind in project:tests/data/realworld/09_hubei_ezhou_binhu_2022_project.xlsx \
            selfeval:tests/data/realworld/05_anhui_tianchang_shuili_2022_selfeval.xlsx; do
  name=${kind%%:*}
  case " ${KINDS:-project selfeval} " in *" $name "*) ;; *) continue ;; esac
  "$binary" import "${kind#*:}" -o "$work/$name.json" 2>/dev/null
  declare -A previous=()
  for n in "${sizes[@]}"; do
    scale "$work/$name.json" "$n" "$work/$name-$n.json"
    commands=(export import)
    [ "$name" = selfeval ] && commands+=(score)
    for command in "${commands[@]}"; do
      case $command in
        export) count=$(instructions "$name-$n-export" "$binary" export "$work/$name-$n.json" -o "$work/$name-$n.xlsx") ;;
        import) count=$(instructions "$name-$n-import" "$binary" import "$work/$name-$n.xlsx" -o "$work/$name-$n.back.json") ;;
        score) count=$(instructions "$name-$n-score" "$binary" score --format json "$work/$name-$n.json") ;;
      esac
      ratio=""
      if [ -n "${previous[$command]:-}" ]; then
        ratio=$(python3 -c "print(f'{$count / ${previous[$command]}:.2f}x')")
      fi
      previous[$command]=$count
      printf '%-16s %-7s %8d %16d %8s\n' "$name" "$command" "$n" "$count" "$ratio"
    done
  done
  unset previous
done
