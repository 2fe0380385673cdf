#!/bin/sh
# Make sure clang can build a libFuzzer target; install clang and its
# runtime (Debian: libclang-rt-dev) with apt-get when it cannot.
# usage: fuzz/deps.sh [CC]
set -eu
cc=${1:-clang}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\n%s\n' \
    'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
    >"$tmp/t.c"
links() { "$cc" -fsanitize=fuzzer,address,undefined "$tmp/t.c" -o "$tmp/t" 2>/dev/null; }
links && exit 0

echo "fuzz: $cc cannot link libFuzzer; installing clang and libclang-rt-dev" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "fuzz: no apt-get here; install clang with its compiler-rt (libFuzzer) runtime" >&2
    exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq </dev/null
$sudo apt-get install -y -qq --no-install-recommends clang libclang-rt-dev </dev/null >/dev/null ||
    $sudo apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev </dev/null >/dev/null
links || { echo "fuzz: $cc still cannot link -fsanitize=fuzzer" >&2; exit 1; }
