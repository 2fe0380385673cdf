/* lsp.h: `dschemac lsp`, a Language Server Protocol server over a pair of
 * byte streams (stdio for the command; a fuzz target or a test may give
 * others). It never writes anything but protocol messages to its output. */
#ifndef DSCHEMAC_LSP_H
#define DSCHEMAC_LSP_H

#include <stddef.h>

/* Reads up to cap bytes into buf: returns how many, 0 at the end, or -1
 * on an error (which ends the session too). */
typedef long (*lsp_read_fn)(void *ctx, char *buf, size_t cap);

/* Writes all len bytes of data; returns 0, or -1 on an error. */
typedef int (*lsp_write_fn)(void *ctx, const char *data, size_t len);

/* Serve one session until `exit` or the end of the input. Returns the
 * process exit status the protocol asks for: 0 after shutdown then exit,
 * 1 otherwise. */
int lsp_serve(lsp_read_fn read, lsp_write_fn write, void *ctx);

/* `dschemac lsp` over standard input and output. */
int lsp_main(void);

#endif
