/* lsp_server.c: the session: reading messages, the lifecycle (initialize,
 * shutdown, exit), cancellation, and dispatching to the features.
 *
 * Messages are read in batches, as much as one read returns: a request
 * cancelled by a later message of its batch is answered RequestCancelled
 * without being run, and the diagnostics of a batch of edits are computed
 * and published once, after the batch. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp_internal.h"

/* JSON-RPC and LSP error codes. */
enum {
    PARSE_ERROR = -32700, INVALID_REQUEST = -32600, METHOD_NOT_FOUND = -32601,
    INVALID_PARAMS = -32602, SERVER_NOT_INITIALIZED = -32002, REQUEST_CANCELLED = -32800
};

void lsp_send(lsp_server *srv, json_t *message) {
    json_object_set_new(message, "jsonrpc", json_string("2.0"));
    char *body = json_dumps(message, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(message);
    if (!body || srv->write_failed) {
        free(body);
        return;
    }
    char header[64];
    size_t len = strlen(body);
    int n = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", len);
    if (srv->write(srv->ctx, header, (size_t)n) != 0 || srv->write(srv->ctx, body, len) != 0)
        srv->write_failed = true;
    free(body);
}

void lsp_notify(lsp_server *srv, const char *method, json_t *params) {
    lsp_send(srv, json_pack("{s:s, s:o}", "method", method, "params", params));
}

/* An error response (id may be NULL: JSON null). */
static void send_error(lsp_server *srv, json_t *id, int code, const char *message) {
    lsp_send(srv, json_pack("{s:O, s:{s:i, s:s}}", "id", id ? id : json_null(), "error", "code",
                            code, "message", message));
}

/* What the server can do, for initialize. */
static json_t *capabilities(void) {
    return json_pack(
        "{s:{s:b, s:i, s:{s:b}}, s:b, s:b, s:b, s:b, s:{s:b}, s:{s:[s]}, s:{s:[s, s, s, s, s]}}",
        "textDocumentSync", "openClose", 1, "change", 2, "save", "includeText", 0,
        "definitionProvider", 1, "referencesProvider", 1, "hoverProvider", 1,
        "documentSymbolProvider", 1, "renameProvider", "prepareProvider", 1,
        "codeActionProvider", "codeActionKinds", "quickfix",
        "completionProvider", "triggerCharacters", ":", " ", "[", ",", "-");
}

/* The text of params.textDocument.uri, or NULL. */
static const char *param_uri(json_t *params) {
    return json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
}

/* The notifications that change documents. */
static void did_open(lsp_server *srv, json_t *params) {
    json_t *td = json_object_get(params, "textDocument");
    json_t *text = json_object_get(td, "text");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    if (uri && json_is_string(text))
        lsp_doc_open(srv, uri, json_string_value(text), json_string_length(text));
}

static void did_change(lsp_server *srv, json_t *params) {
    const char *uri = param_uri(params);
    lsp_doc *d = uri ? lsp_doc_find(srv, uri) : NULL;
    json_t *changes = json_object_get(params, "contentChanges");
    for (size_t i = 0; d && i < json_array_size(changes); i++)
        if (!lsp_doc_change(srv, d, json_array_get(changes, i))) break;
}

/* A file saved on disk may belong to an open schema: rebuild them all. */
static void did_save(lsp_server *srv) {
    for (size_t i = 0; i < srv->unit_count; i++)
        srv->units[i]->dirty = srv->units[i]->publish = true;
}

static const struct {
    const char *method;
    lsp_request_fn *fn;
} requests[] = {
    {"textDocument/definition", lsp_definition},
    {"textDocument/references", lsp_references},
    {"textDocument/hover", lsp_hover},
    {"textDocument/documentSymbol", lsp_document_symbols},
    {"textDocument/rename", lsp_rename},
    {"textDocument/prepareRename", lsp_prepare_rename},
    {"textDocument/codeAction", lsp_code_action},
    {"textDocument/completion", lsp_completion},
};

/* Answer one request. */
static void handle_request(lsp_server *srv, const char *method, json_t *id, json_t *params) {
    if (strcmp(method, "initialize") == 0) {
        if (srv->initialized) {
            send_error(srv, id, INVALID_REQUEST, "initialize was sent twice");
            return;
        }
        srv->initialized = true;
        lsp_send(srv, json_pack("{s:O, s:{s:o, s:{s:s, s:s}}}", "id", id, "result",
                                "capabilities", capabilities(), "serverInfo", "name", "dschemac",
                                "version", DSCHEMA_VERSION));
        return;
    }
    if (!srv->initialized) {
        send_error(srv, id, SERVER_NOT_INITIALIZED, "initialize first");
        return;
    }
    if (srv->shut_down) {
        send_error(srv, id, INVALID_REQUEST, "the server is shut down");
        return;
    }
    if (strcmp(method, "shutdown") == 0) {
        srv->shut_down = true;
        lsp_send(srv, json_pack("{s:O, s:n}", "id", id, "result"));
        return;
    }
    for (size_t i = 0; i < sizeof requests / sizeof *requests; i++) {
        if (strcmp(method, requests[i].method) != 0) continue;
        lsp_error err = {0};
        json_t *result = requests[i].fn(srv, params, &err);
        if (err.code) send_error(srv, id, err.code, err.message);
        else lsp_send(srv, json_pack("{s:O, s:o}", "id", id, "result", result ? result : json_null()));
        return;
    }
    send_error(srv, id, METHOD_NOT_FOUND, "unknown method");
}

/* Act on one notification. */
static void handle_notification(lsp_server *srv, const char *method, json_t *params) {
    if (strcmp(method, "exit") == 0) {
        srv->exited = true;
        return;
    }
    if (!srv->initialized || srv->shut_down) return;  /* dropped, as the protocol says */
    if (strcmp(method, "textDocument/didOpen") == 0) did_open(srv, params);
    else if (strcmp(method, "textDocument/didChange") == 0) did_change(srv, params);
    else if (strcmp(method, "textDocument/didClose") == 0) {
        const char *uri = param_uri(params);
        if (uri) lsp_doc_close(srv, uri);
    } else if (strcmp(method, "textDocument/didSave") == 0) did_save(srv);
    /* initialized, $/cancelRequest (seen in its batch), $/setTrace...: nothing to do */
}

/* Whether id is cancelled by a $/cancelRequest of the batch. */
static bool cancelled(json_t **batch, size_t count, json_t *id) {
    for (size_t i = 0; i < count; i++) {
        const char *method = json_string_value(json_object_get(batch[i], "method"));
        if (!method || strcmp(method, "$/cancelRequest") != 0) continue;
        json_t *which = json_object_get(json_object_get(batch[i], "params"), "id");
        if (which && json_equal(which, id)) return true;
    }
    return false;
}

/* Whether a jsonrpc member says "2.0". */
static bool is_jsonrpc(json_t *version) {
    const char *v = json_string_value(version);
    return v && strcmp(v, "2.0") == 0;
}

/* Handle one well-formed JSON value. */
static void handle(lsp_server *srv, json_t *msg, json_t **batch, size_t count) {
    json_t *id = json_object_get(msg, "id");
    json_t *method = json_object_get(msg, "method");
    bool valid_id = !id || json_is_string(id) || json_is_integer(id);
    if (!json_is_object(msg) || !json_is_string(method) || !valid_id ||
        !is_jsonrpc(json_object_get(msg, "jsonrpc"))) {
        /* A response from the client (to nothing we asked) is ignored. */
        if (json_is_object(msg) && !method && id &&
            (json_object_get(msg, "result") || json_object_get(msg, "error")))
            return;
        send_error(srv, valid_id ? id : NULL, INVALID_REQUEST, "not a JSON-RPC 2.0 message");
        return;
    }
    json_t *params = json_object_get(msg, "params");
    if (params && !json_is_object(params) && !json_is_array(params)) {
        send_error(srv, id, INVALID_REQUEST, "params must be an object or an array");
        return;
    }
    if (!id) {
        handle_notification(srv, json_string_value(method), params);
        return;
    }
    if (cancelled(batch, count, id)) {
        send_error(srv, id, REQUEST_CANCELLED, "cancelled");
        return;
    }
    handle_request(srv, json_string_value(method), id, params);
}

/* Publish the diagnostics of every unit edited in the batch. */
static void publish_changed(lsp_server *srv) {
    for (size_t i = 0; i < srv->unit_count; i++)
        if (srv->units[i]->publish) {
            lsp_publish(srv, srv->units[i]);
            srv->units[i]->publish = false;
        }
}

/* Parse every whole message buffered into a batch, answering framing and
   JSON errors as they come. Returns the number of messages. */
static size_t read_batch(lsp_server *srv, json_t ***batch, size_t *cap) {
    size_t count = 0;
    const char *body;
    size_t len;
    lsp_frame_status st;
    while ((st = lsp_frame_next(&srv->framer, &body, &len)) != LSP_FRAME_NONE) {
        if (st == LSP_FRAME_BAD_HEADER) {
            send_error(srv, NULL, PARSE_ERROR, "a header without a valid Content-Length");
            continue;
        }
        if (st == LSP_FRAME_TOO_LARGE) {
            send_error(srv, NULL, INVALID_REQUEST, "message larger than 64 MiB");
            continue;
        }
        json_t *msg = json_loadb(body, len, 0, NULL);
        if (!msg) {
            send_error(srv, NULL, PARSE_ERROR, "the message is not JSON");
            continue;
        }
        if (count == *cap) {
            *cap = *cap ? 2 * *cap : 16;
            *batch = realloc(*batch, *cap * sizeof **batch);
            if (!*batch) abort();
        }
        (*batch)[count++] = msg;
    }
    return count;
}

int lsp_serve(lsp_read_fn read, lsp_write_fn write, void *ctx) {
    lsp_server srv = {.read = read, .write = write, .ctx = ctx};
    json_t **batch = NULL;
    size_t cap = 0;
    char buf[65536];
    while (!srv.exited && !srv.write_failed) {
        long n = read(ctx, buf, sizeof buf);
        if (n <= 0) break;
        lsp_frame_feed(&srv.framer, buf, (size_t)n);
        size_t count = read_batch(&srv, &batch, &cap);
        for (size_t i = 0; i < count && !srv.exited; i++) handle(&srv, batch[i], batch, count);
        for (size_t i = 0; i < count; i++) json_decref(batch[i]);  /* cancel scans them all */
        if (!srv.exited) publish_changed(&srv);
    }
    free(batch);
    lsp_docs_free(&srv);
    lsp_frame_free(&srv.framer);
    return srv.exited && srv.shut_down ? 0 : 1;
}

/* read(2) on standard input, retried when interrupted. */
static long read_stdin(void *ctx, char *buf, size_t cap) {
    (void)ctx;
    for (;;) {
        ssize_t n = read(STDIN_FILENO, buf, cap);
        if (n >= 0 || errno != EINTR) return (long)n;
    }
}

/* write(2) of everything to standard output. */
static int write_stdout(void *ctx, const char *data, size_t len) {
    (void)ctx;
    while (len) {
        ssize_t n = write(STDOUT_FILENO, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        data += n, len -= (size_t)n;
    }
    return 0;
}

int lsp_main(void) {
    return lsp_serve(read_stdin, write_stdout, NULL);
}
