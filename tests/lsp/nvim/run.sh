#!/bin/sh
# Neovim (Debian's package, headless) as the language server's client: its
# built-in LSP client runs `dschemac lsp` on a broken schema (init.lua) and
# what it saw is compared with expected.txt. Skipped without nvim.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${DSCHEMAC:=$here/../../../build/dschemac}"
if ! command -v nvim >/dev/null 2>&1; then
    echo "lsp-nvim: nvim not found; the Neovim test is skipped (apt-get install neovim)"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/broken.yaml" "$work/broken.yaml"
(cd "$work" && DSCHEMAC="$DSCHEMAC" LSP_OUT="$work/seen.txt" HOME="$work" \
    XDG_STATE_HOME="$work" XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work" \
    timeout 60 nvim --headless --clean -n -u "$here/init.lua" broken.yaml >"$work/nvim.log" 2>&1)
if [ ! -f "$work/seen.txt" ]; then
    echo "FAIL: lsp-nvim: Neovim wrote nothing; its output:"
    sed 's/^/    /' "$work/nvim.log" | head -n 20
    exit 1
fi
if [ "${UPDATE:-}" = 1 ]; then
    cp "$work/seen.txt" "$here/expected.txt"
    exit 0
fi
if ! diff -u "$here/expected.txt" "$work/seen.txt"; then
    echo "FAIL: lsp-nvim: what Neovim saw differs from tests/lsp/nvim/expected.txt"
    exit 1
fi
echo "lsp-nvim: Neovim saw the diagnostics, the definition and the quick fix as expected"
