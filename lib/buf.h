/* buf.h: a growable byte buffer, the output of every back-end. A buffer
 * with a writer passes its bytes on whenever DS_BUF_FLUSH of them have
 * gathered, so a back-end never holds a whole document. */
#ifndef DS_BUF_H
#define DS_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "dschema.h"

/* The bytes a buffer with a writer gathers before passing them on. */
#define DS_BUF_FLUSH 65536

typedef struct ds_buf {
    char *data;   /* malloc'ed, always NUL-terminated when len > 0 */
    size_t len, cap;
    ds_write_fn write;  /* NULL: keep everything (ds_buf_detach) */
    void *ctx;          /* write's context */
    bool failed;        /* write returned non-zero; later bytes are dropped */
    size_t clip_over;   /* non-zero: ds_buf_printf prints a %s argument longer
                           than this many bytes as its first DS_BUF_CLIP_KEEP
                           bytes (whole characters) and "..." */
} ds_buf;

/* What a clipped %s argument keeps. */
#define DS_BUF_CLIP_KEEP 60

/* Pass every gathered byte to the writer (nothing without one). */
void ds_buf_flush(ds_buf *b);

/* Append len bytes. */
void ds_buf_add(ds_buf *b, const char *s, size_t len);

/* Append a NUL-terminated string. */
void ds_buf_puts(ds_buf *b, const char *s);

/* Append one byte. */
void ds_buf_putc(ds_buf *b, char c);

/* Append printf output (%s, %.*s, %c, %d, %u, %zu and %% formatted
 * directly, anything else by vsnprintf). */
void ds_buf_vprintf(ds_buf *b, const char *fmt, va_list ap);

/* Append printf output. */
void ds_buf_printf(ds_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Hand the bytes over (caller frees) and leave the buffer empty. */
char *ds_buf_detach(ds_buf *b, size_t *len);

/* Free the bytes. */
void ds_buf_free(ds_buf *b);

#endif
