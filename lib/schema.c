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
    ds_arena_free(&s->arena);
    free(s);
}

void ds_schema_set_max_errors(ds_schema *s, size_t max) { s->max_errors = max; }

size_t ds_schema_parse(ds_schema *s, const char *name, const char *data, size_t len) {
    size_t before = s->error_count;
    ds_source src = {0};
    src.name = ds_arena_strdup(&s->arena, name ? name : "<input>");
    src.data = ds_arena_strndup(&s->arena, data ? data : "", data ? len : 0);
    src.len = data ? len : 0;
    DS_PUSH(&s->arena, s->sources, s->source_count, s->source_cap, src);
    ds_parse_source(s, (uint32_t)(s->source_count - 1));
    return s->error_count - before;
}

size_t ds_schema_resolve(ds_schema *s) {
    if (!s->resolved) {
        ds_resolve(s);
        s->resolved = true;
    }
    return s->error_count;
}

int ds_schema_emit(ds_schema *s, ds_format format, char **out, size_t *len) {
    *out = NULL;
    if (len) *len = 0;
    if (!s->resolved || s->error_count) return -1;
    ds_buf b = {0};
    switch (format) {
    case DS_FORMAT_GRAPHQL: ds_emit_graphql(s, &b); break;
    case DS_FORMAT_INTROSPECTION: ds_emit_introspection(s, &b); break;
    case DS_FORMAT_JSON: ds_emit_json(s, &b); break;
    default: return -1;
    }
    *out = ds_buf_detach(&b, len);
    return 0;
}
