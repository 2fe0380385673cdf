#!/usr/bin/env bash
# Optional, slow (a few seconds a schema): checks that generated schemas deploy, by
# putting the oracle's SDL of seeds FROM..FROM+N-1 through the Amplify transformer.
# Run it after changing the generator.
#
#   tests/conformance/deploy/check.sh N [FROM]
#
# Installs graphql-api-construct and aws-cdk-lib here (about 470 MB) on first use. There
# is no lock file: npm ci trips over the construct's bundled dependencies, and the
# construct pins those itself.
set -u
here=$(cd "$(dirname "$0")" && pwd)
conf=$here/..
n=${1:?usage: check.sh N [FROM]} from=${2:-1}
command -v node >/dev/null || { echo "deploy check: node not found; skipped"; exit 0; }
[ -d "$here/node_modules" ] || (cd "$here" && npm install --silent --no-audit --no-fund) || exit 2
[ -d "$conf/oracle/node_modules" ] || (cd "$conf/oracle" && npm ci --silent --no-audit --no-fund) || exit 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/out"
node "$conf/gen.mjs" --emit "$work/in" "$n" --from "$from" || exit 2
node "$conf/oracle/oracle.mjs" --batch "$work/out" "$work/in"/*.yaml 2>/dev/null || exit 2
# The transformer prints advice (e.g. about owners reassigning ownership) on stderr.
node "$here/synth.mjs" "$work/out"/*.graphql 2>/dev/null | grep -v '^OK '
exit "${PIPESTATUS[0]}"
