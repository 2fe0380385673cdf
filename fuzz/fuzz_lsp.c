/* fuzz_lsp: a libFuzzer target over the language server's whole input.
 *
 * The input is the byte stream a client writes to `dschemac lsp`, so a
 * crashing input is also a reproducer (`dschemac lsp < FILE`). It is handed
 * to the server in pieces of changing sizes, so that headers and bodies are
 * split at every kind of place. A stream without a Content-Length header
 * is read as JSON messages one a line, and each is framed first, so that
 * the fuzzer reaches the features and not only the framing.
 *
 * Besides the sanitizers, it checks what the server promises: everything
 * it writes is a well-framed JSON-RPC 2.0 message (and nothing else). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lsp.h"
#include "lsp_frame.h"

/* The input, and where the server has read to. */
typedef struct stream {
    const char *data;
    size_t len, at, reads;
    lsp_framer out;           /* what the server wrote, read back */
} stream;

static void broken(const char *what, const char *body, size_t len) {
    fprintf(stderr, "fuzz_lsp: broken promise: %s: %.*s\n", what, (int)(len > 400 ? 400 : len),
            body ? body : "");
    abort();
}

/* Pieces of 1 to 64 KiB bytes in turn: small ones split headers and
   bodies, large ones bring several messages into one batch (where a
   $/cancelRequest finds its request). */
static long read_piece(void *ctx, char *buf, size_t cap) {
    static const size_t sizes[] = {1, 2, 3, 5, 8, 13, 64, 4096, 65536, 65536};
    stream *s = ctx;
    size_t n = sizes[s->reads++ % (sizeof sizes / sizeof *sizes)];
    if (n > cap) n = cap;
    if (n > s->len - s->at) n = s->len - s->at;
    memcpy(buf, s->data + s->at, n);
    s->at += n;
    return (long)n;
}

/* Every whole message the server wrote must be a JSON-RPC object. */
static int check_written(void *ctx, const char *data, size_t len) {
    stream *s = ctx;
    lsp_frame_feed(&s->out, data, len);
    const char *body;
    size_t n;
    lsp_frame_status st;
    while ((st = lsp_frame_next(&s->out, &body, &n)) != LSP_FRAME_NONE) {
        if (st != LSP_FRAME_MESSAGE) broken("a badly framed message", NULL, 0);
        json_t *msg = json_loadb(body, n, 0, NULL);
        const char *v = json_string_value(json_object_get(msg, "jsonrpc"));
        if (!json_is_object(msg) || !v || strcmp(v, "2.0") != 0) broken("not JSON-RPC", body, n);
        json_decref(msg);
    }
    return 0;
}

/* Frame each line of data as one message. */
static char *frame_lines(const char *data, size_t len, size_t *out_len) {
    size_t cap = len * 2 + 64, n = 0;
    char *out = malloc(cap);
    if (!out) abort();
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t line = nl ? (size_t)(nl - (data + i)) : len - i;
        char header[48];
        int h = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", line);
        if (n + (size_t)h + line > cap) {
            cap = 2 * (n + (size_t)h + line);
            out = realloc(out, cap);
            if (!out) abort();
        }
        memcpy(out + n, header, (size_t)h);
        memcpy(out + n + h, data + i, line);
        n += (size_t)h + line;
        i += line + 1;
    }
    *out_len = n;
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    stream s = {0};
    char *framed = NULL;
    if (size >= 14 && memcmp(text, "Content-Length", 14) == 0) {
        s.data = text, s.len = size;
    } else {
        framed = frame_lines(text, size, &s.len);
        s.data = framed;
    }
    lsp_serve(read_piece, check_written, &s);
    lsp_frame_free(&s.out);
    free(framed);
    return 0;
}
