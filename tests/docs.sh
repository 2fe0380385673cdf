#!/bin/sh
# The documentation against the code:
#  - every diagnostic code of lib/codes_*.def, with its short name, is listed
#    in the DIAGNOSTIC CODES section of man/dschemac.1;
#  - every DSnnnn the man pages mention is a code of lib/codes_*.def;
#  - man/dschemac.1 and man/dschema.5 render without a groff warning
#    (skipped without groff);
#  - the SARIF the compiler writes has the shape SARIF 2.1.0 requires
#    (tests/diagnostics/sarif_check.py, on every invalid corpus case).
# DSCHEMAC names the compiler (default build/dschemac).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
DSCHEMAC=${DSCHEMAC:-$root/build/dschemac}
export DSCHEMAC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -n 40; }

# The codes and short names the library declares: "DS0101 unknown-key".
sed -n 's/^DS_CODE([A-Z_]*, *"\(DS[0-9]*\)", *"\([^"]*\)".*/\1 \2/p' "$root"/lib/codes_*.def \
    >"$tmp/declared"
[ -s "$tmp/declared" ] || { echo "docs: no DS_CODE line in lib/codes_*.def"; exit 1; }

# The DIAGNOSTIC CODES section of dschemac(1), with roff's \- read as -.
sed -n '/^\.SH DIAGNOSTIC CODES/,/^\.SH /p' "$root/man/dschemac.1" | sed 's/\\-/-/g' \
    >"$tmp/section"

# Each declared code is listed with its short name on its own entry line.
missing=$tmp/missing
: >"$missing"
while read -r code name; do
    grep -q "^\.BR* $code \(.*[^-a-z]\)\{0,1\}$name\([^-a-z]\|$\)" "$tmp/section" ||
        echo "$code $name" >>"$missing"
done <"$tmp/declared"
if [ -s "$missing" ]; then bad "codes missing from DIAGNOSTIC CODES in man/dschemac.1" "$missing"
else ok; fi

# Each code the man pages mention exists.
grep -ho 'DS[0-9]\{4\}' "$root/man/dschemac.1" "$root/man/dschema.5" | sort -u >"$tmp/mentioned"
cut -d' ' -f1 "$tmp/declared" | sort -u >"$tmp/codes"
comm -23 "$tmp/mentioned" "$tmp/codes" >"$tmp/unknown"
if [ -s "$tmp/unknown" ]; then bad "the man pages mention codes that lib/codes_*.def does not declare" "$tmp/unknown"
else ok; fi

# Both man pages render without warnings.
if command -v groff >/dev/null 2>&1; then
    for page in man/dschemac.1 man/dschema.5; do
        if groff -ww -z -t -man "$root/$page" >"$tmp/groff" 2>&1 && [ ! -s "$tmp/groff" ]; then ok
        else bad "$page does not render cleanly (groff -ww -z -t -man)" "$tmp/groff"; fi
    done
else
    echo "docs: groff not found; the man page rendering check is skipped"
fi

# The SARIF output has the shape of SARIF 2.1.0.
if python3 "$here/diagnostics/sarif_check.py" >"$tmp/sarif" 2>&1; then ok
else bad "SARIF output (tests/diagnostics/sarif_check.py)" "$tmp/sarif"; fi

echo "docs: $pass passed, $fail failed"
[ "$fail" = 0 ]
