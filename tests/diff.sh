#!/bin/sh
# Golden cases of dschemac diff: tests/diff/NAME.old.yaml and NAME.new.yaml
# (a realistic edit, or none) with NAME.expected: "exit N" on its first
# line, then the exact standard error of
#     NO_COLOR=1 dschemac diff [NAME.args] NAME.old.yaml NAME.new.yaml
# run in tests/diff (NAME.args with --old/--new names the sides itself).
# Then the gate from a git revision: REV:PATH through git show.
# `sh tests/diff.sh --update` rewrites every NAME.expected from the current
# build: read the changes before committing them.
# DSCHEMAC names the compiler (it may carry a wrapper such as valgrind).
set -u
here=$(cd "$(dirname "$0")" && pwd)
dschemac=${DSCHEMAC:-$(cd "$here/.." && pwd)/build/dschemac}
update=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -n 40; }

# Run one case into $tmp/got ("exit N" then stderr).
run_case() { # name
    args=""
    [ -f "$here/diff/$1.args" ] && args=$(cat "$here/diff/$1.args")
    case "$args" in
    *--old*) sides="" ;;
    *) sides="$1.old.yaml $1.new.yaml" ;;
    esac
    # shellcheck disable=SC2086
    (cd "$here/diff" && NO_COLOR=1 $dschemac diff $args $sides) >"$tmp/out" 2>"$tmp/err"
    echo "exit $?" >"$tmp/got"
    cat "$tmp/err" >>"$tmp/got"
}

count=0
for old in "$here"/diff/*.old.yaml; do
    name=${old##*/}; name=${name%.old.yaml}
    count=$((count + 1))
    run_case "$name"
    expected="$here/diff/$name.expected"
    if [ "$update" = --update ]; then cp "$tmp/got" "$expected"; ok; continue; fi
    if [ ! -f "$expected" ]; then bad "diff/$name (no $name.expected)"
    elif [ -s "$tmp/out" ]; then bad "diff/$name (wrote to standard output)" "$tmp/out"
    elif ! cmp -s "$tmp/got" "$expected"; then
        diff -u "$expected" "$tmp/got" >"$tmp/diff"; bad "diff/$name" "$tmp/diff"
    else ok; fi
done
[ "$count" -ge 60 ] && ok || bad "only $count golden diff cases (at least 60)"

# The CI gate: OLD from a git revision, NEW from the working tree.
if command -v git >/dev/null 2>&1; then
    repo=$tmp/repo
    mkdir -p "$repo/amplify" && cd "$repo" || exit 1
    git init -q . && git config user.email t@example.com && git config user.name t
    cp "$here/diff/model_removed.old.yaml" amplify/schema.yaml
    git add amplify/schema.yaml && git commit -qm deployed
    cp "$here/diff/model_removed.new.yaml" amplify/schema.yaml
    NO_COLOR=1 $dschemac diff HEAD:amplify/schema.yaml amplify/schema.yaml 2>"$tmp/err"
    rc=$?
    if [ "$rc" != 1 ]; then bad "git: HEAD:PATH against the working tree (exit $rc, want 1)" "$tmp/err"
    elif ! grep -q "^HEAD:amplify/schema.yaml:[0-9]*:[0-9]*: error: model 'Comment' was removed" "$tmp/err"; then
        bad "git: the removal is not located in HEAD:amplify/schema.yaml" "$tmp/err"
    else ok; fi
    (cd amplify && NO_COLOR=1 $dschemac diff HEAD:./schema.yaml schema.yaml) >/dev/null 2>"$tmp/err"
    [ $? = 1 ] && ok || bad "git: HEAD:./PATH relative to the current directory" "$tmp/err"
    git stash -q
    NO_COLOR=1 $dschemac diff HEAD:amplify/schema.yaml amplify/schema.yaml 2>"$tmp/err"
    [ $? = 0 ] && [ ! -s "$tmp/err" ] && ok || bad "git: an unchanged working tree is no change" "$tmp/err"
    NO_COLOR=1 $dschemac diff nosuchrev:amplify/schema.yaml amplify/schema.yaml 2>"$tmp/err"
    rc=$?
    if [ "$rc" = 2 ] && grep -q "cannot read 'nosuchrev:amplify/schema.yaml'" "$tmp/err"; then ok
    else bad "git: an unknown revision (exit $rc, want 2 with a message)" "$tmp/err"; fi
    cd "$here" || exit 1
else
    echo "diff: git not found, skipping the REV:PATH checks"
fi

# NEW from standard input, named <stdin>.
(cd "$here/diff" && NO_COLOR=1 $dschemac diff field_removed.old.yaml - <field_removed.new.yaml) 2>"$tmp/err"
rc=$?
if [ "$rc" = 1 ] && grep -q "^<stdin>:15:3: note: 'Post' is declared here now" "$tmp/err"; then ok
else bad "stdin: NEW from - (exit $rc)" "$tmp/err"; fi

# SARIF: each result carries its level, change type and path; the run, every table.
if command -v python3 >/dev/null 2>&1; then
    (cd "$here/diff" && $dschemac diff --diagnostics-format=sarif gsi_add_two.old.yaml gsi_add_two.new.yaml) 2>"$tmp/sarif"
    rc=$?
    if [ "$rc" = 1 ] && python3 - "$tmp/sarif" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
results = run["results"]
assert results and all({"level", "change", "path"} <= set(r["properties"]) for r in results)
deploy = [r for r in results if r["properties"]["change"] == "GSI_OPERATIONS"]
assert deploy and deploy[0]["ruleId"] == "DS1101" and deploy[0]["level"] == "error"
assert deploy[0]["relatedLocations"] and "hint: split the change" in deploy[0]["message"]["text"]
rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
assert {r["ruleId"] for r in results} <= rules
tables = {t["model"]: t for t in run["properties"]["tables"]}
assert tables["Post"] == {"model": "Post", "table": "updated", "gsiOperations": 2, "gsiCount": 4}, tables
PY
    then ok; else bad "sarif: results and tables (exit $rc)" "$tmp/sarif"; fi
fi

# Usage errors exit 2.
for args in "" "a.yaml" "--fail-on=everything a b" "- -" "a b c"; do
    # shellcheck disable=SC2086
    $dschemac diff $args >/dev/null 2>&1
    [ $? = 2 ] && ok || bad "usage: 'dschemac diff $args' should exit 2"
done

echo "diff: $pass passed, $fail failed"
[ "$fail" = 0 ]
