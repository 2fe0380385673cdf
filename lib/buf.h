/* buf.h: a growable byte buffer, the output of every back-end. */
#ifndef DS_BUF_H
#define DS_BUF_H

#include <stddef.h>

typedef struct ds_buf {
    char *data;   /* malloc'ed, always NUL-terminated when len > 0 */
    size_t len, cap;
} ds_buf;

/* Append len bytes. */
void ds_buf_add(ds_buf *b, const char *s, size_t len);

/* Append a NUL-terminated string. */
void ds_buf_puts(ds_buf *b, const char *s);

/* Append one byte. */
void ds_buf_putc(ds_buf *b, char c);

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
