#!/bin/sh
# The documentation against the code:
#  - every diagnostic code of lib/codes_*.def, with its short name, is listed
#    in the DIAGNOSTIC CODES section of man/dschemac.1;
#  - every DSnnnn the man pages mention is a code of lib/codes_*.def;
#  - every man page of man/ renders without a groff warning (skipped without
#    groff);
#  - the examples of dschema(5) compile as shown: each .EX ... .EE block, with
#    its roff escapes read back, that is a whole schema (every top-level key a
#    dschema section) passes dschemac --check; a block whose .EX is preceded,
#    among the request lines right above it, by the roff comment
#    `.\" example: error` shows a mistake and must exit 1 instead. Other blocks
#    are fragments (one model, one field, a list of rules) and are not run;
#  - the SARIF the compiler writes has the shape SARIF 2.1.0 requires
#    (tests/diagnostics/sarif_check.py, on every invalid corpus case);
#  - every file HACKING.md names exists: a path from the top (lib/ast.h), or a
#    bare name (parse_field.c, after lib/parse.c in its table) somewhere in the
#    tree; patterns (check_*.c, NAME.yaml) and ../shared are not files here.
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

# Every man page renders without warnings.
if command -v groff >/dev/null 2>&1; then
    for page in "$root"/man/*.[1-9]; do
        page=man/${page##*/}
        if groff -ww -z -t -man "$root/$page" >"$tmp/groff" 2>&1 && [ ! -s "$tmp/groff" ]; then ok
        else bad "$page does not render cleanly (groff -ww -z -t -man)" "$tmp/groff"; fi
    done
else
    echo "docs: groff not found; the man page rendering check is skipped"
fi

# The .EX ... .EE blocks of a man page, each into DIR/example-N.yaml as
# written in roff, with an index "N LINE ok|error" in DIR/examples (error: the
# block is marked `.\" example: error` in the request lines right above it).
extract_examples() { # page dir
    awk -v dir="$2" '
        /^\.EX/ { n++; file = dir "/example-" n ".yaml"; printf "" >file
                   print n, NR, (marked ? "error" : "ok") >(dir "/examples")
                   inside = 1; marked = 0; next }
        /^\.EE/ { inside = 0; close(file); next }
        inside && /^\./ { next }             # a request inside the block
        inside { print >file; next }
        /^\.\\" example: error/ { marked = 1; next }
        /^\./ { next }                      # other requests keep the mark
        { marked = 0 }' "$1"
}

# Roff text read back as the characters it prints: \e (a backslash) first to a
# placeholder, so that what it escapes is not taken for another escape.
unroff() {
    soh=$(printf '\001')
    sed -e "s/\\\\e/$soh/g" -e 's/\\-/-/g' -e 's/\\(aq/'"'"'/g' -e 's/\\(dq/"/g' \
        -e 's/\\(ga/`/g' -e 's/\\(ti/~/g' -e 's/\\(ha/^/g' -e 's/\\&//g' \
        -e 's/\\f[BIRP]//g' -e "s/$soh/\\\\/g" "$1"
}

# A whole schema: a YAML map (no top-level "- " or scalar) whose top-level
# keys are all dschema sections; anything else is a fragment.
whole_schema() {
    awk '/^[ \t]/ || /^#/ || /^$/ { next }
         /^(authorization|models|enums|types|queries|mutations|subscriptions):/ { keys++; next }
         { other++ }
         END { exit !(keys > 0 && other == 0) }' "$1"
}

# The examples of dschema(5) compile as shown.
mkdir -p "$tmp/ex"
: >"$tmp/ex/examples"
extract_examples "$root/man/dschema.5" "$tmp/ex"
schemas=0
while read -r n line want; do
    unroff "$tmp/ex/example-$n.yaml" >"$tmp/ex/dschema.5-example-$n.yaml"
    whole_schema "$tmp/ex/dschema.5-example-$n.yaml" || continue
    schemas=$((schemas + 1))
    (cd "$tmp/ex" && $DSCHEMAC --check "dschema.5-example-$n.yaml") >"$tmp/out" 2>&1
    rc=$?
    want_rc=0
    [ "$want" = error ] && want_rc=1
    if [ "$rc" = "$want_rc" ]; then ok
    else
        { cat "$tmp/ex/dschema.5-example-$n.yaml"; echo "--- exit $rc, want $want_rc:"; cat "$tmp/out"; } >"$tmp/why"
        bad "the example at man/dschema.5:$line does not compile as shown" "$tmp/why"
    fi
done <"$tmp/ex/examples"
# The extraction found the examples, or it is broken.
if [ "$schemas" -ge 1 ]; then ok
else bad "no whole-schema .EX example found in man/dschema.5"; fi

# The SARIF output has the shape of SARIF 2.1.0.
if python3 "$here/diagnostics/sarif_check.py" >"$tmp/sarif" 2>&1; then ok
else bad "SARIF output (tests/diagnostics/sarif_check.py)" "$tmp/sarif"; fi

# The files HACKING.md names, each once; a bare name anywhere in the tree
# (../shared, outside the repository, is not checked).
grep -o '[A-Za-z][A-Za-z0-9_./-]*\.\(c\|h\|def\|sh\|py\|mjs\|mk\|md\|json\|[15]\)\b' "$root/HACKING.md" |
    grep -v '[*]\|NAME\|^shared/' | sort -u >"$tmp/named"
(cd "$root" && find . -path ./build -prune -o -path '*/node_modules' -prune -o -type f -print) |
    sed 's|.*/||' | sort -u >"$tmp/tree"
: >"$tmp/unnamed"
while read -r path; do
    case $path in
    */*) [ -e "$root/$path" ] || echo "$path" >>"$tmp/unnamed" ;;
    *) grep -qxF "$path" "$tmp/tree" || echo "$path" >>"$tmp/unnamed" ;;
    esac
done <"$tmp/named"
if [ ! -s "$tmp/named" ]; then bad "HACKING.md names no file (the extraction is broken)"
elif [ -s "$tmp/unnamed" ]; then bad "HACKING.md names files that do not exist" "$tmp/unnamed"
else ok; fi

echo "docs: $pass passed, $fail failed"
[ "$fail" = 0 ]
