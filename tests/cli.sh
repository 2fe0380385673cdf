#!/bin/sh
# The command line as a user meets it: options, files, stdin/stdout, exit
# codes, atomic output. DSCHEMAC names the compiler (maybe with a wrapper).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
dschemac=${DSCHEMAC:-$root/build/dschemac}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
cart="$root/schemas/cart.yaml"
expected_cart="$here/cli/cart.graphql"  # made by data-schema 1.26.2 from schemas/cart.yaml

# expect NAME WANT_STATUS COMMAND...: run the command, check its exit status.
expect() {
    name=$1 want=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    got=$?
    if [ "$got" = "$want" ]; then pass=$((pass + 1)); return 0; fi
    fail=$((fail + 1))
    echo "FAIL: $name: exit $got, want $want"
    sed 's/^/    /' "$tmp/err" | head -n 20
    return 1
}

# check NAME CONDITION...: a further assertion on the last run.
check() {
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}

has() { grep -q -- "$1" "$2"; }

# --help and --version: stdout, exit 0.
expect "--help" 0 $dschemac --help
check "--help prints usage on stdout" has "Usage: dschemac" "$tmp/out"
expect "--version" 0 $dschemac --version
check "--version prints the version" has "^dschemac [0-9]" "$tmp/out"

# Usage errors: stderr with a hint, exit 2.
expect "unknown option" 2 $dschemac --frobnicate "$cart"
check "unknown option names it" has "unknown option '--frobnicate'" "$tmp/err"
check "usage error hints --help" has "Try 'dschemac --help'" "$tmp/err"
expect "unknown format" 2 $dschemac -f xml "$cart"
check "unknown format lists formats" has "graphql, introspection, json, mermaid or dot" "$tmp/err"
expect "-f mermaid" 0 $dschemac -f mermaid "$cart"
check "-f mermaid draws an erDiagram" has "^erDiagram$" "$tmp/out"
expect "--format=dot" 0 $dschemac --format=dot "$cart"
check "--format=dot draws a digraph" has "^digraph dschema {$" "$tmp/out"
check "--help lists the diagram formats" sh -c "$dschemac --help | grep -q 'mermaid (erDiagram) or dot'"
expect "no input" 2 $dschemac
check "no input says so" has "no input file" "$tmp/err"
expect "missing value" 2 $dschemac "$cart" -o
expect "bad --max-errors" 2 $dschemac --max-errors=lots "$cart"
expect "bad --color" 2 $dschemac --color=sometimes "$cart"

# I/O errors name the file, exit 2.
expect "missing file" 2 $dschemac "$tmp/nope.yaml"
check "missing file named" has "cannot read '$tmp/nope.yaml': No such file" "$tmp/err"
expect "directory" 2 $dschemac "$tmp"
check "directory named" has "Is a directory" "$tmp/err"
if [ "$(id -u)" != 0 ]; then
    cp "$cart" "$tmp/secret.yaml" && chmod 000 "$tmp/secret.yaml"
    expect "unreadable file" 2 $dschemac "$tmp/secret.yaml"
    check "unreadable file named" has "cannot read '$tmp/secret.yaml': Permission denied" "$tmp/err"
elif [ -e /proc/self/mem ]; then
    # root reads any file; a file whose read() fails stands in for an unreadable one.
    expect "unreadable file" 2 $dschemac /proc/self/mem
    check "unreadable file named" has "cannot read '/proc/self/mem': " "$tmp/err"
fi

# The main job: stdout by default, -o FILE, -o -, and stdin as -.
expect "compile to stdout" 0 $dschemac "$cart"
check "stdout is the SDL" cmp -s "$tmp/out" "$expected_cart"
expect "compile -o" 0 $dschemac "$cart" -o "$tmp/cart.graphql"
check "-o writes the SDL" cmp -s "$tmp/cart.graphql" "$expected_cart"
check "-o writes nothing to stdout" test ! -s "$tmp/out"
expect "-o -" 0 $dschemac -o - "$cart"
check "-o - is stdout" cmp -s "$tmp/out" "$expected_cart"
expect "stdin" 0 sh -c "$dschemac - < '$cart'"
check "stdin compiles" cmp -s "$tmp/out" "$expected_cart"
expect "stdin errors" 1 sh -c "$dschemac - < '$here/cli/broken.yaml'"
check "stdin named <stdin> in messages" has "^<stdin>:6:14: error:" "$tmp/err"
expect "-f introspection" 0 $dschemac -f introspection "$cart"
check "introspection is JSON" has '"models"' "$tmp/out"
expect "--format=json" 0 $dschemac --format=json "$cart"
check "json output is versioned" has '"dschemaVersion": 1' "$tmp/out"

# A failed run never clobbers an existing output file.
printf 'precious' >"$tmp/keep.graphql"
expect "failed -o" 1 $dschemac "$here/cli/broken.yaml" -o "$tmp/keep.graphql"
check "existing output untouched" test "$(cat "$tmp/keep.graphql")" = precious
check "no temporary file left" test "$(ls "$tmp" | grep -c 'keep.graphql.tmp')" = 0
expect "unwritable -o" 2 $dschemac "$cart" -o "$tmp/no/such/dir/out.graphql"
check "unwritable -o named" has "cannot write '$tmp/no/such/dir/out.graphql'" "$tmp/err"

# --check: validate only, write nothing.
rm -f "$tmp/check.graphql"
expect "--check valid" 0 $dschemac --check "$cart" -o "$tmp/check.graphql"
check "--check writes no file" test ! -e "$tmp/check.graphql"
check "--check writes no stdout" test ! -s "$tmp/out"
expect "--check invalid" 1 $dschemac --check "$here/cli/broken.yaml"
check "error names file:line:col" has "broken.yaml:6:14: error:" "$tmp/err"
check "error shows a caret" has "\\^~~~~" "$tmp/err"
check "summary line" has "^dschemac: 1 error, 0 warnings" "$tmp/err"
expect "--quiet" 1 $dschemac --quiet --check "$here/cli/broken.yaml"
check "--quiet drops the summary" sh -c "! grep -q '^dschemac:' '$tmp/err'"

# Several files merge in order; diagnostics name the right file.
expect "two files" 0 $dschemac "$here/cli/models_a.yaml" "$here/cli/models_b.yaml"
check "two files give the cart SDL" cmp -s "$tmp/out" "$expected_cart"
expect "duplicate across files" 1 $dschemac "$here/cli/models_a.yaml" "$here/cli/dup_b.yaml"
check "duplicate names the second file" has "dup_b.yaml:2:3: error:" "$tmp/err"
check "duplicate notes the first file" has "models_a.yaml:5:3: note:" "$tmp/err"

# Diagnostics formats and colour.
expect "json diagnostics" 1 $dschemac --diagnostics-format=json "$here/cli/broken.yaml"
check "json diagnostic line" has '"line": *6' "$tmp/err"
expect "sarif diagnostics" 1 $dschemac --diagnostics-format sarif "$here/cli/broken.yaml"
check "sarif version" has '"version": "2.1.0"' "$tmp/err"
expect "colour always" 1 $dschemac --color=always "$here/cli/broken.yaml"
check "colour codes present" has "$(printf '\033')\\[" "$tmp/err"
expect "NO_COLOR" 1 env NO_COLOR=1 $dschemac "$here/cli/broken.yaml"
check "NO_COLOR: no escape codes" sh -c "! grep -q \"$(printf '\033')\" '$tmp/err'"

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
