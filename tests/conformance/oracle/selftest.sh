#!/usr/bin/env bash
# Checks the oracle against the conformance corpus (shared/conformance/cases):
#  - valid case: the oracle's SDL and introspection are byte-identical to NAME.graphql
#    and NAME.introspection.json (default_escaped: see below);
#  - invalid case whose NAME.err line 3 quotes a data-schema error: the oracle exits 1
#    and its message contains that line;
#  - invalid case with "data-schema: accepts": data-schema accepts it in the oracle too;
#  - invalid case without line 3 (a file-level error): noted when the oracle translates
#    the file anyway (the oracle is a translator, not a validator).
#
# usage: selftest.sh [CASES_DIR]     (default: shared/conformance/cases beside the repo)
set -u
here=$(cd "$(dirname "$0")" && pwd)
cases=${1:-$here/../../../../shared/conformance/cases}
[ -d "$cases" ] || { echo "selftest: no corpus at $cases" >&2; exit 2; }
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --silent --no-audit --no-fund) || exit 2

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0 notes=0

failed() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# data-schema prints the default strings of default_escaped raw; the corpus escaped them
# by hand. Undo that escaping inside @default(value: "...") before comparing the SDL, and
# check the corpus introspection by running the generator on the corpus's own SDL.
unescape_defaults() {
  perl -pe 's/\@default\(value: "(.*?)"\)/my $v = $1; $v =~ s#\\(["\\])#$1#g; "\@default(value: \"$v\")"/ge' "$1"
}

check_valid() {
  local name=$1 expected_sdl=$cases/$1.graphql
  if [ "$name" = default_escaped ]; then
    unescape_defaults "$cases/$name.graphql" >"$out/$name.expected"
    expected_sdl=$out/$name.expected
    # data-schema's raw quotes are no GraphQL: the generator must have refused them.
    [ "$(cat "$out/$name.status")" = 3 ] || { failed "$name" "expected graphql-generator to refuse the raw SDL"; return; }
    node "$here/oracle.mjs" "$cases/$name.graphql" --introspection "$out/$name.introspection.json" ||
      { failed "$name" "graphql-generator refused the corpus SDL"; return; }
  elif [ "$(cat "$out/$name.status")" != 0 ]; then
    failed "$name" "oracle failed: $(head -c 300 "$out/$name.err")"; return
  fi
  if ! cmp -s "$out/$name.graphql" "$expected_sdl"; then
    failed "$name" "SDL differs"; diff -u "$expected_sdl" "$out/$name.graphql" | head -20; return
  fi
  if ! cmp -s "$out/$name.introspection.json" "$cases/$name.introspection.json"; then
    failed "$name" "introspection differs"
    diff -u "$cases/$name.introspection.json" "$out/$name.introspection.json" | head -20; return
  fi
  pass=$((pass + 1))
}

check_invalid() {
  local name=$1 expect status message
  expect=$(sed -n 3p "$cases/$name.err")
  status=$(cat "$out/$name.status")
  message=$(cat "$out/$name.err" 2>/dev/null)
  case "$expect" in
    "data-schema: accepts")
      # data-schema accepts it; graphql-generator may still refuse what it printed.
      [ "$status" = 0 ] || [ "$status" = 3 ] ||
        { failed "$name" "data-schema accepts it, oracle exit $status: $message"; return; } ;;
    data-schema:*)
      [ "$status" = 1 ] || { failed "$name" "oracle exit $status, expected 1 ($expect)"; return; }
      [[ $message == *"$expect"* ]] ||
        { failed "$name" "message differs: got '$message', want '$expect'"; return; } ;;
    *)
      if [ "$status" != 2 ]; then
        echo "note $name: file-level error ($(sed -n 2p "$cases/$name.err")) that the oracle translates (exit $status)"
        notes=$((notes + 1))
      fi ;;
  esac
  pass=$((pass + 1))
}

node "$here/oracle.mjs" --batch "$out" "$cases"/*.yaml || exit 2
for yaml in "$cases"/*.yaml; do
  name=$(basename "$yaml" .yaml)
  if [ -f "$cases/$name.err" ]; then check_invalid "$name"; else check_valid "$name"; fi
done

echo "oracle selftest: $notes notes"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
