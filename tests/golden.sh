#!/bin/sh
# The golden suites:
#  - tests/corpus: the public conformance corpus (made by the real npm packages).
#    A valid case's output must equal NAME.graphql (and NAME.introspection.json)
#    byte for byte; an invalid case must exit 1 with an error (a note does not
#    count) at the line of NAME.err: a stderr line that starts NAME.yaml:LINE:COL: error:.
#    A NAME.yaml with neither NAME.graphql nor NAME.err is a failure, not skipped.
#  - tests/json: NAME.json, the -f json output of each valid corpus case, pinned
#    so that the resolved-schema format stays stable (regenerate deliberately).
#  - tests/diagnostics: NAME.yaml with the exact stderr expected in NAME.stderr
#    (and NAME.args for extra options, one per line).
# DSCHEMAC names the compiler (it may carry a wrapper such as valgrind).
set -u
here=$(cd "$(dirname "$0")" && pwd)
dschemac=${DSCHEMAC:-$(cd "$here/.." && pwd)/build/dschemac}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -n 40; }

# Valid case: compare one output format with its expected file.
compare() { # name yaml format expected
    if (cd "$here/corpus" && $dschemac -f "$3" "$1.yaml") >"$tmp/out" 2>"$tmp/err"; then
        if cmp -s "$tmp/out" "$4"; then ok; else
            diff -u "$4" "$tmp/out" >"$tmp/diff"; bad "$1 ($3 differs)" "$tmp/diff"; fi
    else
        bad "$1 ($3: exit $?)" "$tmp/err"
    fi
}

for yaml in "$here"/corpus/*.yaml; do
    base=${yaml%.yaml}; name=${base##*/}
    if [ -f "$base.graphql" ]; then
        compare "$name" "$yaml" graphql "$base.graphql"
        [ -f "$base.introspection.json" ] && [ -z "${GOLDEN_SDL_ONLY:-}" ] &&
            compare "$name" "$yaml" introspection "$base.introspection.json"
        # -f json is dschemac's own: tests/json pins it so that it stays stable.
        [ -f "$here/json/$name.json" ] && [ -z "${GOLDEN_SDL_ONLY:-}" ] &&
            compare "$name" "$yaml" json "$here/json/$name.json"
    elif [ -f "$base.err" ]; then
        line=$(sed -n '1s/^line //p' "$base.err")
        (cd "$here/corpus" && $dschemac -f graphql "$name.yaml") >"$tmp/out" 2>"$tmp/err"
        rc=$?
        if [ "$rc" != 1 ]; then bad "$name (exit $rc, want 1)" "$tmp/err"
        elif [ -s "$tmp/out" ]; then bad "$name (wrote output despite errors)" "$tmp/out"
        elif [ -z "$line" ]; then bad "$name (no 'line N' first in $name.err)" "$base.err"
        elif ! grep -q "^$name\.yaml:$line:[0-9][0-9]*: error:" "$tmp/err"; then
            { echo "want $name.yaml:$line:COL: error: ($(sed -n 2p "$base.err"))"; cat "$tmp/err"; } >"$tmp/why"
            bad "$name (no error at the expected line)" "$tmp/why"
        else ok; fi
    else
        # A case without its expectation would otherwise pass unnoticed.
        bad "$name (neither $name.graphql nor $name.err: an unchecked case)"
    fi
done

# Golden diagnostics: exact stderr text.
if [ -d "$here/diagnostics" ]; then
    for yaml in "$here"/diagnostics/*.yaml; do
        [ -f "$yaml" ] || continue
        base=${yaml%.yaml}; name=${base##*/}
        args=""
        [ -f "$base.args" ] && args=$(cat "$base.args")
        # shellcheck disable=SC2086
        (cd "$here/diagnostics" && NO_COLOR=1 $dschemac $args "$name.yaml") >"$tmp/out" 2>"$tmp/err"
        rc=$?
        want_rc=1
        [ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
        if [ "$rc" != "$want_rc" ]; then bad "diagnostics/$name (exit $rc, want $want_rc)" "$tmp/err"
        elif ! cmp -s "$tmp/err" "$base.stderr"; then
            diff -u "$base.stderr" "$tmp/err" >"$tmp/diff"; bad "diagnostics/$name" "$tmp/diff"
        else ok; fi
    done
fi

echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
