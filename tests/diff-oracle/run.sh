#!/bin/sh
# The diff oracle (oracle.mjs): dschemac diff against the Amplify transformer's
# CloudFormation and graphql-inspector, on the golden pairs of tests/diff
# (DIFF_ORACLE_GOLDEN: all, or N spread over them; default all) and on RANDOM_PAIRS
# random pairs (default DIFF_ORACLE_PAIRS, else 0), generator seeds FROM.. (default 1).
#   tests/diff-oracle/run.sh [RANDOM_PAIRS [FROM]]
# Skipped without node/npm, or with SKIP_NODE_SUITES=1.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pairs=${1:-${DIFF_ORACLE_PAIRS:-0}} from=${2:-1} golden=${DIFF_ORACLE_GOLDEN:-all}
if [ "${SKIP_NODE_SUITES:-}" = 1 ]; then echo "diff-oracle: SKIP_NODE_SUITES=1; skipped"; exit 0; fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "diff-oracle: node/npm not found; skipped"; exit 0
fi
export DSCHEMAC=${DSCHEMAC:-$root/build/dschemac}
# npm ci from the lock. The construct bundles its dependencies, and npm ci's lock check
# trips over one that a bundled package names but the bundle leaves out
# (@aws-cdk/toolkit-lib, never loaded at synth); then npm install, which installs the
# same locked versions without that check.
install() { # dir
    [ -d "$1/node_modules" ] && return 0
    (cd "$1" && { npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
                  npm install --no-save --no-audit --no-fund --loglevel=error; })
}
install "$root/tests/conformance/oracle" || { echo "diff-oracle: npm ci failed (conformance oracle)"; exit 2; }
install "$here" || { echo "diff-oracle: npm install failed"; exit 2; }
list=$(mktemp)
trap 'rm -f "$list"' EXIT
for old in "$root"/tests/diff/*.old.yaml; do
    name=${old##*/}; name=${name%.old.yaml}
    [ -f "$root/tests/diff/$name.args" ] && continue   # options, or sides of several files
    echo "$name $old ${old%.old.yaml}.new.yaml" >>"$list"
done
if [ "$golden" != all ]; then
    total=$(wc -l <"$list")
    step=$(( total / (golden > 0 ? golden : 1) )); [ "$step" -ge 1 ] || step=1
    awk -v s="$step" -v n="$golden" 'NR % s == 1 % s && taken < n { print; taken++ }' "$list" >"$list.some"
    mv "$list.some" "$list"
fi
status=0
# The transformer prints advice (owners reassigning ownership, ...) on stderr.
[ -s "$list" ] && { node "$here/oracle.mjs" --pairs "$list" 2>/dev/null || status=1; }
if [ "$pairs" -gt 0 ]; then node "$here/oracle.mjs" --random "$pairs" "$from" 2>/dev/null || status=1; fi
exit $status
