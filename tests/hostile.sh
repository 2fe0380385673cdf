#!/bin/sh
# Hostile inputs (tests/hostile): each must give a clear located error or a
# clean result, never a crash, a hang or a leak.
#
# A case is NAME.expect plus its input: NAME.yaml, or NAME.gen (a shell
# script that writes the input on standard output, for inputs too large to
# keep in the repository). Lines of NAME.expect:
#   exit N          the exit status (required)
#   stderr TEXT     TEXT appears in stderr (fixed string; NAME stands for the
#                   input's file name)
#   match ERE       some line of stderr matches ERE (grep -E; NAME as above)
#   imatch ERE      the same, ignoring case
#   lines N         stderr has at most N lines
#   bytes N         stderr has at most N bytes
#   stdout empty | stdout nonempty
#   args ARGS       extra options before the file
#   input directory the input is a directory named NAME.yaml
#   seconds N       time limit (default 10; 30 times it under valgrind)
#   megabytes N     peak memory at most N MiB (measured with /usr/bin/time
#                   on a plain build; not under sanitizers or valgrind)
#   pending WHY     a known bug not fixed yet: a failure is shown as XFAIL and
#                   not counted; a pass says the line can go (XPASS)
#   # ...           a comment
# Every case must also exit 0, 1 or 2 (no signal, no sanitizer report), and
# write nothing to stdout unless it exits 0.
# DSCHEMAC names the compiler (it may carry a wrapper such as valgrind).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cases=$here/hostile
dschemac=${DSCHEMAC:-$root/build/dschemac}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 xfail=0
slow=1
case $dschemac in *valgrind*) slow=30 ;; esac
# Peak memory is measured only where it means something.
measure_rss=0
case $dschemac in *valgrind* | *asan* | *ubsan*) ;; *) [ -x /usr/bin/time ] && measure_rss=1 ;; esac

# bad NAME WHY: record a failure (or a known one) and show the start of stderr.
bad() {
    why=$(field "$1" pending 2>/dev/null)
    if [ -n "$why" ]; then
        xfail=$((xfail + 1))
        echo "XFAIL: hostile/$1: $2 (pending: $why)"
        return
    fi
    fail=$((fail + 1))
    echo "FAIL: hostile/$1: $2"
    cut -c 1-200 "$tmp/err" | head -n 15 | sed 's/^/    /'
}

# field NAME KEY: the values of KEY lines of NAME.expect, one per line.
field() { sed -n "s/^$2 //p" "$cases/$1.expect"; }

# prepare NAME: put the input at $tmp/in/NAME.yaml; fails if there is none.
prepare() {
    rm -rf "$tmp/in" && mkdir "$tmp/in"
    if grep -qx 'input directory' "$cases/$1.expect"; then mkdir "$tmp/in/$1.yaml"
    elif [ -f "$cases/$1.yaml" ]; then cp "$cases/$1.yaml" "$tmp/in/$1.yaml"
    elif [ -f "$cases/$1.gen" ]; then (cd "$root" && sh "$cases/$1.gen") >"$tmp/in/$1.yaml"
    else return 1; fi
}

# check NAME STATUS: every assertion of NAME.expect on the last run.
check() {
    name=$1 rc=$2
    want=$(field "$name" exit)
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then bad "$name" "timed out (hang?)"; return; fi
    [ "$rc" = "$want" ] || { bad "$name" "exit $rc, want $want"; return; }
    if grep -qE 'Sanitizer|runtime error:|internal error|==[0-9]+==' "$tmp/err"; then
        bad "$name" "sanitizer, valgrind or internal error report"; return; fi
    if [ "$rc" != 0 ] && [ -s "$tmp/out" ]; then bad "$name" "output written despite exit $rc"; return; fi
    field "$name" stderr | while IFS= read -r text; do
        grep -qF -- "$(echo "$text" | sed "s/NAME/$name/g")" "$tmp/err" || echo "no '$text'"
    done >"$tmp/why"
    field "$name" match | while IFS= read -r re; do
        grep -qE -- "$(echo "$re" | sed "s/NAME/$name/g")" "$tmp/err" || echo "no line matching /$re/"
    done >>"$tmp/why"
    field "$name" imatch | while IFS= read -r re; do
        grep -qiE -- "$re" "$tmp/err" || echo "no line matching /$re/i"
    done >>"$tmp/why"
    max=$(field "$name" lines)
    if [ -n "$max" ] && [ "$(wc -l <"$tmp/err")" -gt "$max" ]; then
        echo "stderr has $(wc -l <"$tmp/err") lines, want at most $max" >>"$tmp/why"; fi
    max=$(field "$name" bytes)
    if [ -n "$max" ] && [ "$(wc -c <"$tmp/err")" -gt "$max" ]; then
        echo "stderr has $(wc -c <"$tmp/err") bytes, want at most $max" >>"$tmp/why"; fi
    max=$(field "$name" megabytes)
    if [ -n "$max" ] && [ -s "$tmp/rss" ] && [ "$(tail -n 1 "$tmp/rss")" -gt $((max * 1024)) ]; then
        echo "peak memory $(($(tail -n 1 "$tmp/rss") / 1024)) MiB, want at most $max" >>"$tmp/why"; fi
    case $(field "$name" stdout) in
    empty) [ -s "$tmp/out" ] && echo "stdout not empty" >>"$tmp/why" ;;
    nonempty) [ -s "$tmp/out" ] || echo "stdout empty" >>"$tmp/why" ;;
    esac
    if [ -s "$tmp/why" ]; then bad "$name" "$(paste -sd ';' "$tmp/why")"; return; fi
    pass=$((pass + 1))
    [ -n "$(field "$name" pending)" ] && echo "XPASS: hostile/$name passes: remove its pending line"
    return 0
}

for expect in "$cases"/*.expect; do
    name=$(basename "$expect" .expect)
    : >"$tmp/err"
    prepare "$name" || { bad "$name" "no $name.yaml or $name.gen"; continue; }
    limit=$(field "$name" seconds)
    limit=$((${limit:-10} * slow))
    args=$(field "$name" args)
    rss=""
    : >"$tmp/rss"
    [ "$measure_rss" = 1 ] && [ -n "$(field "$name" megabytes)" ] && rss="/usr/bin/time -f %M -o $tmp/rss"
    # shellcheck disable=SC2086
    (cd "$tmp/in" && NO_COLOR=1 timeout -k 5 "$limit" $rss $dschemac $args "$name.yaml") \
        >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    check "$name" "$rc"
done

[ "$xfail" = 0 ] || echo "hostile: $xfail known failures (pending)"
echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
