#!/usr/bin/env bash
# Two builds give the same bytes: `jixiao value` over bench/value_texts.py's texts (the real
# indicator values and ~46,000 generated ones), `import` of every sample and real-world form to
# JSON, `export` of each of those JSONs to xlsx, and `diff` of the seed against its variants;
# then what reads the compiled-in templates (templates/*.toml): `check` and `score` of every form
# in both languages and every format, each JSON exported as the budget system's table in every
# profile and that table imported again, `convert --layout system`, blank templates and the
# pre-filled self-evaluation, and `diff` in both languages and formats.
# Run before/after an optimisation with the binary of each (copy the first one aside).
#
#   bench/same_outputs.sh OLD_BINARY NEW_BINARY
#
# Prints each difference and exits 1 if there is one.
set -uo pipefail
# Absolute, from where the script was called: some commands run inside a folder of their own.
old=$(realpath "$1") new=$(realpath "$2")
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0 compared=0
same() { # WHAT FILE_OLD FILE_NEW
  compared=$((compared + 1))
  if [ ! -e "$2" ] && [ ! -e "$3" ]; then
    return # neither wrote it: their messages and exit statuses are compared apart
  fi
  if ! cmp -s "$2" "$3"; then
    echo "DIFFERENT: $1"
    status=1
  fi
}
run() { # OLD|NEW NAME ARGS… → $out/NAME.OLD|NEW (stdout, then stderr and the exit status)
  local which=$1 name=$2 bin
  shift 2
  bin=$old
  [ "$which" = new ] && bin=$new
  "$bin" "$@" >"$out/$name.$which" 2>"$out/$name.$which.err"
  echo "exit $?" >>"$out/$name.$which.err"
}

corpus=/work/shared/data/real-indicator-values.tsv
[ -f "$corpus" ] || corpus=tests/data/real-indicator-values.tsv
python3 bench/value_texts.py "$corpus" >"$out/texts"
"$old" value <"$out/texts" >"$out/values.old"
"$new" value <"$out/texts" >"$out/values.new"
same "value of $(wc -l <"$out/texts") texts" "$out/values.old" "$out/values.new"

forms=(samples/*.xlsx samples/*.xls samples/*.ods samples/bad/*.xlsx)
for f in /work/shared/realworld/*.xlsx tests/data/realworld/*.xlsx; do
  [ -f "$f" ] && forms+=("$f")
done
for f in "${forms[@]}"; do
  name=$(echo "$f" | tr '/' '_')
  for which in old new; do
    run "$which" "$name.json" import "$f"
  done
  same "import $f" "$out/$name.json.old" "$out/$name.json.new"
  same "import $f (messages, exit)" "$out/$name.json.old.err" "$out/$name.json.new.err"
  if [ -s "$out/$name.json.old" ]; then
    for which in old new; do
      run "$which" "$name.export" export "$out/$name.json.old" -o "$out/$name.$which.xlsx"
    done
    same "export of $f's JSON" "$out/$name.old.xlsx" "$out/$name.new.xlsx"
    same "export of $f's JSON (messages, exit)" "$out/$name.export.old.err" "$out/$name.export.new.err"
  fi
done
for v in samples/variant-*.xlsx; do
  name=diff_$(basename "$v")
  for which in old new; do
    run "$which" "$name" diff samples/seed-legacy.xlsx "$v"
  done
  same "diff seed $v" "$out/$name.old" "$out/$name.new"
done
# The commands below write files: each binary runs in a folder of its own and writes there under
# the same relative name, so that messages naming the output are the same.
mkdir -p "$out/old" "$out/new"
root=$PWD
runin() { # OLD|NEW NAME ARGS… → like run, in $out/OLD|NEW
  local which=$1 name=$2 bin
  shift 2
  bin=$old
  [ "$which" = new ] && bin=$new
  (cd "$out/$which" && "$bin" "$@") >"$out/$name.$which" 2>"$out/$name.$which.err"
  echo "exit $?" >>"$out/$name.$which.err"
}
both() { # NAME ARGS… : both binaries; their output, messages and exit statuses, and FILE.xlsx
  local name=$1
  shift
  runin old "$name" "$@"
  runin new "$name" "$@"
  same "$*" "$out/$name.old" "$out/$name.new"
  same "$* (messages, exit)" "$out/$name.old.err" "$out/$name.new.err"
  same "$* (the xlsx)" "$out/old/$name.xlsx" "$out/new/$name.xlsx"
}
profiles=$(sed -n 's/^id = "\(.*\)"$/\1/p' templates/system.toml)
for f in "${forms[@]}"; do
  name=$(echo "$f" | tr '/' '_')
  case $f in /*) input=$f ;; *) input=$root/$f ;; esac
  for lang in zh en; do
    for format in human json; do
      both "$name.check.$lang.$format" check --lang "$lang" --format "$format" "$input"
      both "$name.score.$lang.$format" score --lang "$lang" --format "$format" "$input"
    done
    both "$name.review.$lang" check --lang "$lang" --format xlsx -o "$name.review.$lang.xlsx" "$input"
    both "$name.scored.$lang" score --lang "$lang" -o "$name.scored.$lang.xlsx" "$input"
  done
  both "$name.convert" convert --layout system "$input" -o "$name.convert.xlsx"
  both "$name.self_evaluation" template --self-evaluation --from "$input" --protect \
    -o "$name.self_evaluation.xlsx"
  [ -s "$out/$name.json.old" ] || continue
  for profile in $profiles; do
    both "$name.system.$profile" export --layout system --profile "$profile" \
      "$out/$name.json.old" -o "$name.system.$profile.xlsx"
    if [ -s "$out/old/$name.system.$profile.xlsx" ]; then
      both "$name.system.$profile.import" import "$out/old/$name.system.$profile.xlsx"
    fi
  done
done
for args in "" "--kind project" "--year 2025 --department 测试局 --protect" \
  "--kind project --year 2025 --department 测试局 --protect"; do
  name=template_$(echo "$args" | tr ' ' '_')
  # shellcheck disable=SC2086 # the arguments are split on purpose
  both "$name" template $args -o "$name.xlsx"
done
for v in samples/variant-*.xlsx samples/variant-*.xls samples/variant-*.ods; do
  for lang in zh en; do
    for format in human json; do
      both "diff_$(basename "$v").$lang.$format" diff --lang "$lang" --format "$format" \
        "$root/samples/seed-legacy.xlsx" "$root/$v"
    done
  done
done
echo "$compared comparisons; $([ $status = 0 ] && echo 'all identical' || echo 'DIFFERENCES above')"
exit $status
