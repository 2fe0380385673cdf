/* lsp_internal.h: what the language server's files share: the documents
 * the editor has open, the schemas they form (units), positions. */
#ifndef DSCHEMAC_LSP_INTERNAL_H
#define DSCHEMAC_LSP_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>

#include "ast.h"
#include "lsp.h"
#include "lsp_frame.h"
#include "navigate.h"

/* A text with its line starts as the protocol counts lines (LF, CR LF, CR). */
typedef struct lsp_lines {
    size_t *starts;
    size_t count;
} lsp_lines;

/* A document the editor has open. */
typedef struct lsp_doc {
    char *uri;
    char *text;               /* malloc'ed, NUL-terminated */
    size_t len;
    struct lsp_unit *unit;    /* the schema it belongs to */
} lsp_doc;

/* The files that form one schema: those a project file lists, or one open
 * document alone. Its schema is rebuilt from memory after each edit. */
typedef struct lsp_unit {
    char *key;                /* the project file's path, or the document's URI */
    char **uris;              /* its files, in merge order */
    size_t count;
    ds_schema *schema;        /* the last build, or NULL */
    lsp_lines *lines;         /* per source of the schema (index of ds_span.file) */
    ds_arena arena;           /* what is computed from the schema (navigation) */
    ds_nav_refs refs;
    bool refs_ready;
    bool dirty;               /* a file changed since the build */
    bool publish;             /* diagnostics to send after this batch */
    int open_docs;
} lsp_unit;

typedef struct lsp_server {
    lsp_read_fn read;
    lsp_write_fn write;
    void *ctx;
    lsp_framer framer;
    lsp_doc **docs;
    size_t doc_count, doc_cap;
    lsp_unit **units;
    size_t unit_count, unit_cap;
    bool initialized, shut_down, exited, write_failed;
} lsp_server;

/* A protocol error to answer a request with. */
typedef struct lsp_error {
    int code;                 /* e.g. -32602 InvalidParams */
    const char *message;
} lsp_error;

/* ---- lsp_server.c ---- */

/* Send one message (and free it). */
void lsp_send(lsp_server *srv, json_t *message);

/* Send a notification. */
void lsp_notify(lsp_server *srv, const char *method, json_t *params);

/* ---- lsp_docs.c ---- */

/* Open (or replace) a document; finds its unit. */
void lsp_doc_open(lsp_server *srv, const char *uri, const char *text, size_t len);

/* Apply one contentChanges entry; returns false when it is malformed. */
bool lsp_doc_change(lsp_server *srv, lsp_doc *doc, json_t *change);

/* Close a document (its diagnostics are cleared when its unit goes). */
void lsp_doc_close(lsp_server *srv, const char *uri);

/* The open document with this URI, or NULL. */
lsp_doc *lsp_doc_find(lsp_server *srv, const char *uri);

/* The unit's schema, rebuilt first when a file changed. */
ds_schema *lsp_unit_schema(lsp_unit *u, lsp_server *srv);

/* The unit's names and what they name (navigate.h). */
const ds_nav_refs *lsp_unit_refs(lsp_unit *u, lsp_server *srv);

/* Free every document and unit. */
void lsp_docs_free(lsp_server *srv);

/* The byte offset of a protocol position in the source file of the unit's
   schema, or (size_t)-1 for a position out of the text. */
size_t lsp_offset(const lsp_unit *u, uint16_t file, json_t *position);

/* The source index of the schema for a URI, or UINT16_MAX. */
uint16_t lsp_source_index(const lsp_unit *u, const char *uri);

/* The byte range of a span in its source. */
void lsp_span_bytes(const lsp_unit *u, ds_span span, size_t *start, size_t *end);

/* A protocol Range for a span, or for a public location. */
json_t *lsp_span_range(const lsp_unit *u, ds_span span);
json_t *lsp_location_range(const lsp_unit *u, const ds_location *loc);

/* A protocol Location {uri, range} for a span. */
json_t *lsp_span_location(const lsp_unit *u, ds_span span);

/* The source text of the unit's schema for a file index (NULL if none). */
const char *lsp_source_text(const lsp_unit *u, uint16_t file, size_t *len);

/* ---- lsp_features.c ---- */

/* Publish the diagnostics of every file of the unit. */
void lsp_publish(lsp_server *srv, lsp_unit *u);

/* Requests: each returns the result (json null for none) or sets *err. */
typedef json_t *lsp_request_fn(lsp_server *srv, json_t *params, lsp_error *err);
lsp_request_fn lsp_definition, lsp_references, lsp_hover, lsp_document_symbols, lsp_rename,
    lsp_prepare_rename, lsp_code_action, lsp_completion;

/* The document and its unit named by params.textDocument.uri, with the
   schema up to date; NULL (and *err) when it is not open. */
lsp_doc *lsp_params_doc(lsp_server *srv, json_t *params, lsp_error *err);

/* The name under params.position, or NULL. */
const ds_nav_ref *lsp_ref_at(lsp_server *srv, lsp_doc *doc, json_t *params);

#endif
