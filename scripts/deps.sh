#!/bin/sh
# Install what the build needs when pkg-config cannot find it (Debian: apt-get).
# Run by make before the first build; safe to run again.
set -eu

missing=""
pkg-config --version >/dev/null 2>&1 || missing="$missing pkg-config"
if command -v pkg-config >/dev/null 2>&1; then
    pkg-config --exists yaml-0.1 || missing="$missing libyaml-dev"
    pkg-config --exists jansson || missing="$missing libjansson-dev"
    pkg-config --exists check || missing="$missing check"
else
    missing="$missing libyaml-dev libjansson-dev check"
fi
# Needed for the tests only, not for the build.
if [ "${1:-}" = "--valgrind" ]; then
    command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
fi
if [ "${1:-}" = "--clang" ]; then
    command -v clang >/dev/null 2>&1 || missing="$missing clang"
fi
if [ "${1:-}" = "--tests" ]; then
    command -v python3 >/dev/null 2>&1 || missing="$missing python3"
    command -v groff >/dev/null 2>&1 || missing="$missing groff-base"
    [ -x /usr/bin/time ] || missing="$missing time"  # peak memory of hostile cases
    command -v dot >/dev/null 2>&1 || missing="$missing graphviz"  # -f dot drawn (tests/diagrams)
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"  # -f mermaid drawn (tests/diagrams)
    command -v nvim >/dev/null 2>&1 || missing="$missing neovim"  # the editor test of dschemac lsp (tests/lsp/nvim)
fi

[ -z "$missing" ] && exit 0

echo "dschemac: installing missing packages:$missing" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "dschemac: no apt-get here; install$missing with your package manager" >&2
    exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq </dev/null
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing </dev/null >/dev/null
