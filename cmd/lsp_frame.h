/* lsp_frame.h: the base protocol of the Language Server Protocol: messages
 * framed by a Content-Length header, read from a byte stream in pieces. */
#ifndef DSCHEMAC_LSP_FRAME_H
#define DSCHEMAC_LSP_FRAME_H

#include <stddef.h>

/* A message body larger than this is skipped (with an error response). */
#define LSP_MAX_MESSAGE ((size_t)64 << 20)

/* A header block longer than this is not a header. */
#define LSP_MAX_HEADER 8192

/* What lsp_frame_next found. */
typedef enum lsp_frame_status {
    LSP_FRAME_NONE,        /* no whole message buffered yet: feed more */
    LSP_FRAME_MESSAGE,     /* *body, *len: one message body */
    LSP_FRAME_BAD_HEADER,  /* a header block without a usable Content-Length (skipped) */
    LSP_FRAME_TOO_LARGE    /* a body over LSP_MAX_MESSAGE (being skipped) */
} lsp_frame_status;

typedef struct lsp_framer {
    char *data;            /* buffered bytes; those before start are consumed */
    size_t start, len, cap;
    size_t handed;         /* bytes of the last message handed out, dropped next call */
    size_t skip;           /* bytes of an oversized body still to drop */
} lsp_framer;

/* Append bytes read from the stream. */
void lsp_frame_feed(lsp_framer *f, const char *data, size_t len);

/* The next message or framing error. A body stays valid until the next
 * call; it is not NUL-terminated. */
lsp_frame_status lsp_frame_next(lsp_framer *f, const char **body, size_t *len);

/* Free the buffer. */
void lsp_frame_free(lsp_framer *f);

#endif
