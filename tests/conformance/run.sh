#!/usr/bin/env bash
# Differential conformance test: dschemac against @aws-amplify/data-schema.
#
#   tests/conformance/run.sh SEEDS [MUTATIONS]
#
# For each seed 1..SEEDS (from SEED_FROM, default 1), gen.mjs writes a valid schema; the
# SDL and introspection of `dschemac -f graphql|introspection` must equal the oracle's
# byte for byte. For each of MUTATIONS (default 0) mutated seeds, dschemac must exit 1
# wherever data-schema throws or FORMAT.md calls the mutant an error.
#
# Failing inputs are kept in $FAILURES (default tests/conformance/failures/) with the
# expected and actual outputs, ready to become golden cases. Environment: DSCHEMAC
# (default build/dschemac), SEED_FROM, FAILURES.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seeds=${1:-}
mutations=${2:-0}
from=${SEED_FROM:-1}
dschemac=${DSCHEMAC:-$root/build/dschemac}
failures=${FAILURES:-$here/failures}

usage() { echo "usage: run.sh SEEDS [MUTATIONS]" >&2; exit 2; }
[[ $seeds =~ ^[0-9]+$ && $mutations =~ ^[0-9]+$ && $from =~ ^[0-9]+$ ]] || usage

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "conformance: node/npm not found; the differential suite is skipped"
  exit 0
fi
if [ ! -d "$here/oracle/node_modules" ]; then
  (cd "$here/oracle" && npm ci --silent --no-audit --no-fund) ||
    { echo "conformance: npm ci failed in $here/oracle" >&2; exit 2; }
fi
[ -x "$dschemac" ] || { echo "conformance: $dschemac not built" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/oracle" "$work/got"
passed=0 failed=0 notes=0

# Runs dschemac with a time limit; a hang is a failure, not a stuck suite.
run_dschemac() { timeout 20 "$dschemac" "$@"; }

# keep NAME: saves the input in the corpus layout (NAME.yaml with data-schema's
# NAME.graphql and NAME.introspection.json, or its error in NAME.oracle-err) beside
# dschemac's outputs (NAME.got.*), ready to become a golden case.
keep() {
  local f
  mkdir -p "$failures"
  cp "$work/in/$1.yaml" "$failures/"
  [ -f "$work/in/$1.mutation" ] && cp "$work/in/$1.mutation" "$failures/"
  for f in graphql introspection.json; do
    [ -f "$work/oracle/$1.$f" ] && cp "$work/oracle/$1.$f" "$failures/"
  done
  [ -f "$work/oracle/$1.err" ] && cp "$work/oracle/$1.err" "$failures/$1.oracle-err"
  for f in "$work/got/$1".*; do cp "$f" "$failures/$1.got.${f#"$work/got/$1."}"; done
}

fail() { # fail NAME MESSAGE
  echo "FAIL $1: $2"
  echo "  input: $failures/$1.yaml"
  failed=$((failed + 1))
  keep "$1"
}

compare() { # compare NAME KIND (graphql | introspection.json)
  local name=$1 kind=$2 flag=${2%%.*} code
  run_dschemac -f "$flag" "$work/in/$name.yaml" >"$work/got/$name.$kind" 2>"$work/got/$name.$flag.stderr"
  code=$?
  if [ $code -ne 0 ]; then
    fail "$name" "dschemac -f $flag exited $code on a valid schema: $(head -c 400 "$work/got/$name.$flag.stderr")"
    return 1
  fi
  if ! cmp -s "$work/oracle/$name.$kind" "$work/got/$name.$kind"; then
    fail "$name" "dschemac -f $flag differs from data-schema (seed ${name#seed-})"
    diff -u --label "data-schema $name.$kind" --label "dschemac $name.$kind" \
      "$work/oracle/$name.$kind" "$work/got/$name.$kind" | head -n 80
    return 1
  fi
}

check_valid() { # check_valid NAME
  local name=$1 status
  status=$(cat "$work/oracle/$name.status")
  if [ "$status" != 0 ]; then
    fail "$name" "the generator made a schema the oracle rejects (exit $status): $(cat "$work/oracle/$name.err")"
    return
  fi
  compare "$name" graphql && compare "$name" introspection.json && passed=$((passed + 1))
}

check_mutant() { # check_mutant NAME
  local name=$1 status mutation code
  status=$(cat "$work/oracle/$name.status")
  mutation=$(cat "$work/in/$name.mutation")
  if [ "$status" != 1 ] && [[ $mutation == *expect=throws* ]]; then
    echo "note $name: data-schema did not throw ($mutation); skipped"
    notes=$((notes + 1))
    return
  fi
  run_dschemac "$work/in/$name.yaml" >"$work/got/$name.stdout" 2>"$work/got/$name.stderr"
  code=$?
  if [ $code -ne 1 ]; then
    local verdict="data-schema accepts it"
    [ -f "$work/oracle/$name.err" ] && verdict="oracle: $(head -c 300 "$work/oracle/$name.err")"
    fail "$name" "dschemac exited $code, not 1, on a broken schema ($mutation; $verdict)"
    return
  fi
  if ! grep -qE "$name\.yaml:[0-9]+:" "$work/got/$name.stderr"; then
    echo "note $name: no FILE:LINE: diagnostic on stderr ($mutation)"
    notes=$((notes + 1))
  fi
  passed=$((passed + 1))
}

# Generate everything, then run the oracle once over all files (node starts once).
node "$here/gen.mjs" --emit "$work/in" "$seeds" --from "$from" || exit 2
[ "$mutations" -gt 0 ] && { node "$here/gen.mjs" --emit "$work/in" "$mutations" --from "$from" --mutate || exit 2; }
shopt -s nullglob
inputs=("$work/in"/*.yaml)
# graphql-generator warns on stderr about broken mutants; keep that out of the report.
[ ${#inputs[@]} -gt 0 ] && { node "$here/oracle/oracle.mjs" --batch "$work/oracle" "${inputs[@]}" 2>"$work/oracle.log" ||
  { cat "$work/oracle.log" >&2; exit 2; }; }

for ((s = from; s < from + seeds; s++)); do check_valid "seed-$s"; done
for ((s = from; s < from + mutations; s++)); do check_mutant "mutant-$s"; done

echo "conformance: seeds $from..$((from + seeds - 1)), $mutations mutants, $notes notes"
[ $failed -eq 0 ] || echo "failing inputs kept in $failures"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
