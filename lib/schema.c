/* schema.c: the public API, gluing the phases together. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "phases.h"

ds_schema *ds_schema_new(void) {
    ds_schema *s = calloc(1, sizeof *s);
    if (!s) abort();
    ds_arena_init(&s->arena);
    ds_symtab_init(&s->types, &s->arena);
    ds_symtab_init(&s->operations, &s->arena);
    return s;
}

void ds_schema_free(ds_schema *s) {
    if (!s) return;
    for (size_t i = 0; i < s->adopted_count; i++) free(s->adopted[i]);
    ds_arena_free(&s->arena);
    free(s);
}

void ds_schema_set_max_errors(ds_schema *s, size_t max) { s->max_errors = max; }

/* Add a source whose bytes the schema already owns, and parse it. */
static size_t parse_source(ds_schema *s, const char *name, const char *data, size_t len) {
    size_t before = s->error_count;
    if (s->source_count >= DS_MAX_FILES) {
        ds_span nowhere = {.file = UINT16_MAX};  /* no file's */
        ds_error(s, nowhere, DS_E_LIMIT, "%s is one file too many: a schema reads at most %d files",
                 name ? name : "<input>", DS_MAX_FILES);
        return s->error_count - before;
    }
    ds_source src = {0};
    src.name = ds_arena_strdup(&s->arena, name ? name : "<input>");
    src.data = data;
    src.len = len;
    DS_PUSH(&s->arena, s->sources, s->source_count, s->source_cap, src);
    ds_parse_source(s, (uint32_t)(s->source_count - 1));
    return s->error_count - before;
}

size_t ds_schema_parse(ds_schema *s, const char *name, const char *data, size_t len) {
    if (!data) len = 0;
    return parse_source(s, name, ds_arena_strndup(&s->arena, data ? data : "", len), len);
}

size_t ds_schema_parse_adopt(ds_schema *s, const char *name, char *data, size_t len) {
    if (!data) return ds_schema_parse(s, name, NULL, 0);
    data[len] = '\0';
    DS_PUSH(&s->arena, s->adopted, s->adopted_count, s->adopted_cap, data);
    return parse_source(s, name, data, len);
}

size_t ds_schema_resolve(ds_schema *s) {
    if (!s->resolved) {
        ds_resolve(s);
        s->resolved = true;
    }
    return s->error_count;
}

/* The back-ends, by format: a new one is its file and a line here. */
static ds_emit_fn *const backends[] = {
    [DS_FORMAT_GRAPHQL] = ds_emit_graphql,
    [DS_FORMAT_INTROSPECTION] = ds_emit_introspection,
    [DS_FORMAT_JSON] = ds_emit_json,
    [DS_FORMAT_MERMAID] = ds_emit_mermaid,
    [DS_FORMAT_DOT] = ds_emit_dot,
};

/* Run the back-end of format into b, its scratch memory in an arena of
 * this call; false for an unknown format or a schema that cannot be
 * emitted. */
static bool emit_into(const ds_schema *s, ds_format format, ds_buf *b) {
    if (!s->resolved || s->error_count) return false;
    if ((size_t)format >= sizeof backends / sizeof *backends || !backends[format]) return false;
    ds_arena scratch;
    ds_arena_init(&scratch);
    backends[format](s, &scratch, b);
    ds_arena_free(&scratch);
    return true;
}

int ds_schema_emit(const ds_schema *s, ds_format format, char **out, size_t *len) {
    *out = NULL;
    if (len) *len = 0;
    ds_buf b = {0};
    if (!emit_into(s, format, &b)) {
        ds_buf_free(&b);
        return -1;
    }
    *out = ds_buf_detach(&b, len);
    return 0;
}

int ds_schema_emit_to(const ds_schema *s, ds_format format, ds_write_fn write, void *ctx) {
    ds_buf b = {0};
    b.write = write;
    b.ctx = ctx;
    bool emitted = emit_into(s, format, &b);
    ds_buf_flush(&b);
    ds_buf_free(&b);
    return !emitted ? -1 : b.failed ? -2 : 0;
}
