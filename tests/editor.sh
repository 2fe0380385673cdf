#!/bin/sh
# The editor schema schemas/dschema.schema.json, as yaml-language-server uses it:
# every valid corpus case and bundled example must pass it; the invalid corpus
# cases listed in tests/editor/corpus-rejects.txt and the files in
# tests/editor/invalid/ must be flagged at their line. Needs node and npm (the
# pinned ajv and yaml are installed into tests/editor/node_modules); skipped
# without them.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
dir="$here/editor"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "editor: node or npm not found; the editor-schema test is skipped"
    exit 0
fi

# npm ci once, and again whenever package-lock.json changes.
installed="$dir/node_modules/.package-lock.json"
if [ ! -f "$installed" ] || [ "$dir/package-lock.json" -nt "$installed" ]; then
    log=$(mktemp)
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
        echo "FAIL: npm ci in tests/editor could not install ajv and yaml:"
        sed 's/^/    /' "$log" | head -n 20
        rm -f "$log"
        echo "editor: 0 passed, 1 failed"
        exit 1
    fi
    rm -f "$log"
fi

exec node "$dir/check.mjs" "$root/schemas/dschema.schema.json" "$here/corpus" "$root/schemas"
