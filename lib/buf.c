/* buf.c: growable byte buffer. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Make room for extra more bytes plus a NUL. */
static void reserve(ds_buf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) abort();
    b->data = p;
    b->cap = cap;
}

void ds_buf_flush(ds_buf *b) {
    if (!b->write || b->len == 0) return;
    if (!b->failed && b->write(b->ctx, b->data, b->len) != 0) b->failed = true;
    b->len = 0;
    b->data[0] = '\0';
}

/* Pass the bytes on once enough have gathered. */
static void maybe_flush(ds_buf *b) {
    if (b->write && b->len >= DS_BUF_FLUSH) ds_buf_flush(b);
}

void ds_buf_add(ds_buf *b, const char *s, size_t len) {
    reserve(b, len);
    if (len) memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    maybe_flush(b);
}

void ds_buf_puts(ds_buf *b, const char *s) { ds_buf_add(b, s, strlen(s)); }

void ds_buf_putc(ds_buf *b, char c) {
    if (b->len + 2 > b->cap) reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    maybe_flush(b);
}

void ds_buf_printf(ds_buf *b, const char *fmt, ...) {
    /* Format into the spare room first; only text that does not fit is
       formatted a second time, after growing. */
    reserve(b, 64);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n <= 0) {
        b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= b->cap - b->len) {
        reserve(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
    maybe_flush(b);
}

char *ds_buf_detach(ds_buf *b, size_t *len) {
    if (!b->data) reserve(b, 0), b->data[0] = '\0';
    char *p = b->data;
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void ds_buf_free(ds_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
