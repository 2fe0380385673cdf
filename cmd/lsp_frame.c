/* lsp_frame.c: reading Content-Length framed messages (lsp_frame.h). */
#include "lsp_frame.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Consume the first n buffered bytes. */
static void drop(lsp_framer *f, size_t n) {
    f->start += n;
    if (f->start == f->len) f->start = f->len = 0;
}

void lsp_frame_feed(lsp_framer *f, const char *data, size_t len) {
    if (f->skip) {  /* the rest of an oversized body never enters the buffer */
        size_t n = len < f->skip ? len : f->skip;
        f->skip -= n, data += n, len -= n;
    }
    if (!len) return;
    if (f->start) {  /* move what is left to the front before growing */
        memmove(f->data, f->data + f->start, f->len - f->start);
        f->len -= f->start, f->start = 0;
    }
    if (f->len + len > f->cap) {
        size_t cap = f->cap ? f->cap : 4096;
        while (cap < f->len + len) cap *= 2;
        char *grown = realloc(f->data, cap);
        if (!grown) abort();
        f->data = grown, f->cap = cap;
    }
    memcpy(f->data + f->len, data, len);
    f->len += len;
}

/* The end of the header block (after its empty line) within the buffer,
   or 0 when it has not all arrived. Lines end in CR LF; a bare LF is
   accepted too. */
static size_t header_end(const char *d, size_t len) {
    if (len > LSP_MAX_HEADER + 3) len = LSP_MAX_HEADER + 3;
    for (size_t i = 0; i < len; i++) {
        if (d[i] != '\n') continue;
        if (i + 1 < len && d[i + 1] == '\n') return i + 2;
        if (i + 2 < len && d[i + 1] == '\r' && d[i + 2] == '\n') return i + 3;
    }
    return 0;
}

/* The Content-Length of a header block, or -1 when it has none or a
   malformed one, or a line that is not a header. */
static long long content_length(const char *h, size_t len) {
    long long found = -1;
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && h[end] != '\n') end++;
        size_t stop = end > i && h[end - 1] == '\r' ? end - 1 : end;
        if (stop > i) {
            const char *colon = memchr(h + i, ':', stop - i);
            if (!colon) return -1;
            size_t name = (size_t)(colon - (h + i));
            if (name == 14 && strncasecmp(h + i, "Content-Length", 14) == 0) {
                const char *p = colon + 1;
                while (p < h + stop && *p == ' ') p++;
                if (p == h + stop) return -1;
                long long v = 0;
                for (; p < h + stop; p++) {
                    if (*p < '0' || *p > '9' || v > (long long)LSP_MAX_MESSAGE * 16) return -1;
                    v = v * 10 + (*p - '0');
                }
                found = v;
            }
        }
        i = end + 1;
    }
    return found;
}

lsp_frame_status lsp_frame_next(lsp_framer *f, const char **body, size_t *len) {
    if (f->handed) drop(f, f->handed), f->handed = 0;
    const char *d = f->data + f->start;
    size_t avail = f->len - f->start;
    size_t h = header_end(d, avail);
    if (!h) {
        if (avail > LSP_MAX_HEADER) {  /* garbage without a blank line: drop it */
            f->start = f->len = 0;
            return LSP_FRAME_BAD_HEADER;
        }
        return LSP_FRAME_NONE;
    }
    long long n = h > LSP_MAX_HEADER ? -1 : content_length(d, h);
    if (n < 0) {
        drop(f, h);
        return LSP_FRAME_BAD_HEADER;
    }
    if ((size_t)n > LSP_MAX_MESSAGE) {
        size_t have = avail - h;
        if (have >= (size_t)n) drop(f, h + (size_t)n);
        else f->skip = (size_t)n - have, f->start = f->len = 0;
        return LSP_FRAME_TOO_LARGE;
    }
    if (avail - h < (size_t)n) return LSP_FRAME_NONE;
    *body = d + h;
    *len = (size_t)n;
    f->handed = h + (size_t)n;
    return LSP_FRAME_MESSAGE;
}

void lsp_frame_free(lsp_framer *f) {
    free(f->data);
    *f = (lsp_framer){0};
}
