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

/* Append an unsigned number in decimal. */
static void put_unsigned(ds_buf *b, unsigned long long v) {
    char digits[24];
    size_t n = sizeof digits;
    do digits[--n] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    ds_buf_add(b, digits + n, sizeof digits - n);
}

/* Append a %s argument, clipped when the buffer asks for it. */
static void put_string(ds_buf *b, const char *s) {
    size_t len = strlen(s);
    if (!b->clip_over || len <= b->clip_over || len <= DS_BUF_CLIP_KEEP) {
        ds_buf_add(b, s, len);
        return;
    }
    size_t cut = DS_BUF_CLIP_KEEP;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
    ds_buf_add(b, s, cut);
    ds_buf_puts(b, "...");
}

/* Append the rest of a format with vsnprintf (conversions the fast path
 * does not know). ap is consumed. */
static void put_formatted(ds_buf *b, const char *fmt, va_list ap) {
    va_list again;
    va_copy(again, ap);
    reserve(b, 64);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    if (n > 0 && (size_t)n >= b->cap - b->len) {
        reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
    }
    va_end(again);
    if (n > 0) b->len += (size_t)n;
    b->data[b->len] = '\0';
    maybe_flush(b);
}

/* The conversions of the fast path: %s %.*s %c %d %u %zu %%; returns the
 * format after the conversion at fmt (just past '%'), or NULL for any
 * other, which then goes to vsnprintf. */
static const char *put_conversion(ds_buf *b, const char *fmt, va_list *ap) {
    if (fmt[0] == 's') {
        const char *s = va_arg(*ap, const char *);
        put_string(b, s ? s : "(null)");
    } else if (fmt[0] == '.' && fmt[1] == '*' && fmt[2] == 's') {
        int n = va_arg(*ap, int);
        const char *s = va_arg(*ap, const char *);
        if (!s) s = "(null)";
        ds_buf_add(b, s, n > 0 ? strnlen(s, (size_t)n) : 0);
        return fmt + 3;
    } else if (fmt[0] == 'c') {
        ds_buf_putc(b, (char)va_arg(*ap, int));
    } else if (fmt[0] == 'd') {
        int v = va_arg(*ap, int);
        if (v < 0) ds_buf_putc(b, '-');
        put_unsigned(b, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
    } else if (fmt[0] == 'u') {
        put_unsigned(b, va_arg(*ap, unsigned));
    } else if (fmt[0] == 'z' && fmt[1] == 'u') {
        put_unsigned(b, va_arg(*ap, size_t));
        return fmt + 2;
    } else if (fmt[0] == '%') {
        ds_buf_putc(b, '%');
    } else {
        return NULL;
    }
    return fmt + 1;
}

void ds_buf_vprintf(ds_buf *b, const char *fmt, va_list ap) {
    /* vsnprintf costs about a thousand instructions a call; the formats of
       the back-ends and messages are mostly plain %s. */
    va_list args;
    va_copy(args, ap);
    while (*fmt) {
        const char *pct = strchr(fmt, '%');
        if (!pct) {
            ds_buf_puts(b, fmt);
            break;
        }
        ds_buf_add(b, fmt, (size_t)(pct - fmt));
        const char *next = put_conversion(b, pct + 1, &args);
        if (!next) {
            put_formatted(b, pct, args);
            break;
        }
        fmt = next;
    }
    va_end(args);
    if (!b->data) reserve(b, 0), b->data[0] = '\0';
}

void ds_buf_printf(ds_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ds_buf_vprintf(b, fmt, ap);
    va_end(ap);
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
