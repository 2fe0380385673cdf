#!/bin/sh
# The edges of the shared library: the symbols libdschema.so defines for
# dynamic linking (nm -D --defined-only) must be exactly the functions
# lib/dschema.h declares, read from the header's text. A function declared
# without DS_API is missing from the library; an internal function that
# escapes -fvisibility=hidden is extra; either way the test fails with a diff.
# SO names the shared object (default build/libdschema.so.0).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
so=${SO:-$root/build/libdschema.so.0}
header=$root/lib/dschema.h
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -n 40; }

# The header without comments, one line per line of source.
strip_comments() {
    awk '{
        out = ""; s = $0
        while (s != "") {
            if (incomment) {
                i = index(s, "*/")
                if (i == 0) { s = ""; break }
                s = substr(s, i + 2); incomment = 0
            } else {
                i = index(s, "/*")
                if (i == 0) { out = out s; s = ""; break }
                out = out substr(s, 1, i - 1) " "; s = substr(s, i + 2); incomment = 1
            }
        }
        print out
    }' "$1"
}

# The functions a header declares: its C text (no comments, no preprocessor
# lines) cut at each ";", then the name before the "(" of every piece that
# is not a typedef (which would be a function pointer type).
declared_functions() {
    strip_comments "$1" | grep -v '^[[:space:]]*#' | tr '\n' ' ' | tr ';' '\n' |
        grep -Ev '(^|[^A-Za-z0-9_])typedef([^A-Za-z0-9_]|$)' | grep '(' |
        sed -n 's/^\([^(]*[^A-Za-z0-9_(]\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\)[[:space:]]*(.*/\2/p' |
        sort -u
}

declared_functions "$header" >"$tmp/declared"
# The header has functions, or the extraction itself is broken.
if [ "$(wc -l <"$tmp/declared")" -ge 10 ]; then ok
else bad "fewer than 10 functions read from lib/dschema.h" "$tmp/declared"; fi

if [ ! -f "$so" ]; then
    bad "no shared library at $so"
elif ! nm -D --defined-only "$so" >"$tmp/nm" 2>"$tmp/err"; then
    bad "nm -D --defined-only $so" "$tmp/err"
else
    awk 'NF >= 3 { print $3 }' "$tmp/nm" | sed 's/@.*//' | sort -u >"$tmp/exported"
    if cmp -s "$tmp/declared" "$tmp/exported"; then ok
    else
        # "-" lines: declared but not exported; "+" lines: exported, not declared.
        diff -u "$tmp/declared" "$tmp/exported" | sed -e '1s/.*/--- lib\/dschema.h/' \
            -e "2s|.*|+++ nm -D --defined-only ${so##*/}|" >"$tmp/diff"
        bad "the exports of ${so##*/} differ from the functions of lib/dschema.h" "$tmp/diff"
    fi
fi

echo "symbols: $pass passed, $fail failed"
[ "$fail" = 0 ]
