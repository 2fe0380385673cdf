#!/bin/sh
# The -f typescript suite (tests/typescript), against the real npm packages of
# package-lock.json (@aws-amplify/backend, @aws-amplify/data-schema 1.26.2,
# typescript, prettier), on every valid corpus case, the bundled examples and SEEDS
# random schemas of the differential generator (tests/conformance/gen.mjs):
#   1. round trip: the emitted file, its types stripped and run against data-schema,
#      gives `schema.transform().schema` = dschemac -f graphql (roundtrip.mjs);
#   2. `prettier --check --single-quote` passes on every emitted file;
#   3. `tsc --noEmit --strict` passes on every emitted file, with the type-level
#      tests of the typed client for the corpus and the examples (typetests.mjs).
# tests/typescript/cases holds inputs the corpus cannot (defaultAuthorizationMode).
#
#   tests/typescript/run.sh [SEEDS]      (default 40; make check runs 20, CI 300)
#
# Skipped, with a message, without node and npm or with SKIP_NODE_SUITES=1.
# With TS_EMIT_ONLY=1 (the sanitizer and valgrind runs of make check) it only
# compiles the corpus and the examples with -f typescript: the C under the tools,
# without node. Environment: DSCHEMAC (default build/dschemac).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seeds=${1:-40}
dschemac=${DSCHEMAC:-$root/build/dschemac}

if [ "${TS_EMIT_ONLY:-}" = 1 ]; then
    n=0 failed=0
    for yaml in "$root"/tests/corpus/*.yaml "$root"/schemas/*.yaml "$here"/cases/*.yaml; do
        [ -f "${yaml%.yaml}.err" ] && continue
        n=$((n + 1))
        if ! $dschemac -f typescript "$yaml" >/tmp/ts-emit.$$ 2>&1 || [ ! -s /tmp/ts-emit.$$ ]; then
            echo "FAIL: dschemac -f typescript $yaml"; sed 's/^/    /' /tmp/ts-emit.$$ | head -n 10
            failed=$((failed + 1))
        fi
    done
    rm -f /tmp/ts-emit.$$
    echo "typescript: -f typescript of $n files (TS_EMIT_ONLY: no node checks); $failed failed"
    [ $failed -eq 0 ]
    exit
fi

if [ "${SKIP_NODE_SUITES:-}" = 1 ]; then
    echo "typescript: SKIP_NODE_SUITES=1; the -f typescript suite is skipped"
    exit 0
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "typescript: node or npm not found; the -f typescript suite is skipped"
    exit 0
fi
case $seeds in ''|*[!0-9]*) echo "usage: run.sh [SEEDS]" >&2; exit 2 ;; esac

# npm ci once, and again whenever package-lock.json changes.
installed="$here/node_modules/.package-lock.json"
if [ ! -f "$installed" ] || [ "$here/package-lock.json" -nt "$installed" ]; then
    echo "typescript: installing the pinned packages (npm ci in tests/typescript)"
    if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >/dev/null 2>&1; then
        echo "FAIL: npm ci in tests/typescript failed"
        exit 1
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/ts"
fail=0
bad() { echo "FAIL: $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -n 20; fail=$((fail + 1)); }

# emit DIR NAME.yaml OUT: -f typescript, -f graphql and -f json of one file, run in
# its folder (the first comment names the file as given).
emit() {
    for f in typescript graphql json; do
        ext=$f; [ $f = typescript ] && ext=ts
        if ! (cd "$1" && $dschemac -f $f "$2") >"$work/ts/$3.$ext" 2>"$work/err"; then
            bad "$3: dschemac -f $f exited non-zero" "$work/err"
            rm -f "$work/ts/$3".*
            return 1
        fi
    done
}

typed=""
for yaml in "$root"/tests/corpus/*.yaml; do
    name=$(basename "$yaml" .yaml)
    [ -f "${yaml%.yaml}.graphql" ] || continue
    emit "$root/tests/corpus" "$name.yaml" "$name" && typed="$typed $name"
done
for yaml in "$root"/schemas/*.yaml; do
    name=$(basename "$yaml" .yaml)
    emit "$root/schemas" "$name.yaml" "example_$name" && typed="$typed example_$name"
done
# What the corpus cannot hold (the oracle knows no defaultAuthorizationMode).
for yaml in "$here"/cases/*.yaml; do
    name=$(basename "$yaml" .yaml)
    emit "$here/cases" "$name.yaml" "case_$name" && typed="$typed case_$name"
done
if [ "$seeds" -gt 0 ]; then
    node "$root/tests/conformance/gen.mjs" --emit "$work/in" "$seeds" >/dev/null || exit 2
    for yaml in "$work/in"/*.yaml; do
        emit "$work/in" "$(basename "$yaml")" "$(basename "$yaml" .yaml)"
    done
fi
emitted=$(ls "$work/ts"/*.ts | wc -l)

# 1. Round trip through data-schema (one node process for all).
node "$here/roundtrip.mjs" "$work/ts" >"$work/rt" 2>&1 || bad "round trip" "$work/rt"
tail -n 1 "$work/rt"

# 2. Prettier, on the files exactly as emitted.
if "$here/node_modules/.bin/prettier" --check --single-quote "$work/ts"/*.ts >"$work/pr" 2>&1; then
    echo "prettier: $emitted files unchanged by prettier --check --single-quote"
else
    bad "prettier --check --single-quote" "$work/pr"
fi

# 3. tsc --strict over every file and the type-level tests, in one project.
# shellcheck disable=SC2086
node "$here/typetests.mjs" "$work/ts" $typed || bad "typetests.mjs"
rm -f "$work/ts"/*.json "$work/ts"/*.graphql
ln -s "$here/node_modules" "$work/node_modules"
cat >"$work/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "es2022",
    "module": "es2022",
    "moduleResolution": "bundler",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true,
    "types": []
  },
  "include": ["ts/*.ts"]
}
JSON
if (cd "$work" && ./node_modules/.bin/tsc -p . --noEmit --strict) >"$work/tsc" 2>&1; then
    echo "tsc --noEmit --strict: $emitted emitted files and their type-level tests pass"
else
    bad "tsc --noEmit --strict" "$work/tsc"
fi

echo "typescript: corpus, examples and $seeds random schemas; $fail failed"
[ $fail -eq 0 ]
