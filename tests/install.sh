#!/bin/sh
# make install DESTDIR=... into a scratch folder; check every file is there,
# that pkg-config finds the library, that a small C program builds and runs
# against the installed copy, and that make uninstall removes it all.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
prefix=/opt/dschema
dest="$tmp/dest"

make -s -C "$root" BUILD="${BUILD:-build}" PREFIX=$prefix DESTDIR="$dest" install >"$tmp/log" 2>&1 \
    && ok || { bad "make install"; cat "$tmp/log"; }
for f in bin/dschemac lib/libdschema.a lib/libdschema.so lib/libdschema.so.0 \
         lib/pkgconfig/libdschema.pc include/dschema.h share/man/man1/dschemac.1 \
         share/man/man5/dschema.5 share/man/man5/dschema-json.5 share/bash-completion/completions/dschemac; do
    [ -e "$dest$prefix/$f" ] && ok || bad "installed $f"
done

# A program that compiles a schema through the installed library.
cat >"$tmp/use.c" <<'C'
#include <dschema.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* A ds_write_fn onto a stdio stream. */
static int to_stream(void *stream, const char *data, size_t len) {
    return fwrite(data, 1, len, stream) == len ? 0 : -1;
}
int main(void) {
    const char *yaml = "authorization: [publicApiKey]\nenums:\n  Color: [RED, BLUE]\n";
    size_t len = strlen(yaml);
    char *text = malloc(len + 1);
    memcpy(text, yaml, len);
    ds_schema *s = ds_schema_new();
    ds_schema_parse_adopt(s, "inline.yaml", text, len);
    int rc = ds_schema_resolve(s) == 0 && ds_schema_emit_to(s, DS_FORMAT_GRAPHQL, to_stream, stdout) == 0;
    for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++) {
        char *message = ds_diagnostic_render(s, ds_schema_diagnostic(s, i), NULL);
        fputs(message, stderr);
        free(message);
    }
    ds_schema_free(s);
    return rc ? 0 : 1;
}
C
export PKG_CONFIG_SYSROOT_DIR="$dest" PKG_CONFIG_PATH="$dest$prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs libdschema 2>"$tmp/log") && ok || { bad "pkg-config libdschema"; cat "$tmp/log"; }
# shellcheck disable=SC2086
# Sanitizer builds pass their flags: the library needs their runtime.
if cc ${TEST_LDFLAGS:-} -o "$tmp/use" "$tmp/use.c" $flags 2>"$tmp/log"; then ok; else bad "build against installed library"; cat "$tmp/log"; fi
if [ -x "$tmp/use" ]; then
    LD_LIBRARY_PATH="$dest$prefix/lib" "$tmp/use" >"$tmp/out" 2>&1 && ok || bad "run linked program"
    grep -q "^enum Color {" "$tmp/out" && ok || bad "linked program compiles a schema"
fi
if man -l "$dest$prefix/share/man/man1/dschemac.1" >/dev/null 2>&1 || ! command -v man >/dev/null; then ok; else bad "installed man page renders"; fi

make -s -C "$root" BUILD="${BUILD:-build}" PREFIX=$prefix DESTDIR="$dest" uninstall >"$tmp/log" 2>&1 && ok || bad "make uninstall"
left=$(find "$dest" -type f | wc -l)
[ "$left" = 0 ] && ok || bad "uninstall left $left files"

echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
