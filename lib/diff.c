/* diff.c: dschemac diff's public API and its report: the schema that holds
 * both sides' sources and one diagnostic per change. The passes (tables,
 * client API, rules) each read the two resolved schemas. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diff.h"

/* Copy every source of from into the report, so that excerpts render from
 * it after both schemas are gone. */
static void copy_sources(ds_schema *report, const ds_schema *from) {
    for (size_t i = 0; i < from->source_count; i++) {
        const ds_source *src = &from->sources[i];
        ds_source copy = {0};
        copy.name = ds_arena_strdup(&report->arena, src->name);
        copy.data = ds_arena_strndup(&report->arena, src->data, src->len);
        copy.len = src->len;
        DS_PUSH(&report->arena, report->sources, report->source_count, report->source_cap, copy);
    }
}

/* A span of side as the report numbers its files. */
static ds_span report_span(const ds_diff *d, ds_side side, ds_span span) {
    if (side == DS_NEW && span.file != UINT16_MAX) span.file = (uint16_t)(span.file + d->new_file_base);
    return span;
}

ds_diag *ds_diff_report_change(ds_diff *d, ds_diff_level level, const char *code,
                               const char *kind, const char *path, ds_side side, ds_span span,
                               const char *fmt, ...) {
    ds_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    ds_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    ds_span at = report_span(d, side, span);
    const char *text = b.data ? b.data : "";
    ds_diag *g = level >= DS_DIFF_BREAKING
                     ? ds_error(d->report, at, code, "%s [%s, %s]", text, kind, ds_diff_level_name(level))
                     : ds_warning(d->report, at, code, "%s [%s, %s]", text, kind,
                                  ds_diff_level_name(level));
    ds_buf_free(&b);
    ds_diff_change c = {level, kind, ds_arena_strdup(&d->report->arena, path), &g->pub};
    DS_PUSH(&d->report->arena, d->changes, d->change_count, d->change_cap, c);
    return g;
}

void ds_diff_note(ds_diff *d, ds_diag *g, ds_side side, ds_span span, const char *fmt, ...) {
    ds_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    ds_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    ds_note_at(d->report, g, report_span(d, side, span), "%s", b.data ? b.data : "");
    ds_buf_free(&b);
}

const ds_decl *ds_diff_model(const ds_schema *s, const char *name) {
    const ds_decl *m = ds_symtab_get(&s->types, name);
    return m && m->kind == DS_DECL_MODEL && !m->invalid ? m : NULL;
}

/* Put the changes in the report's diagnostic order (a diagnostic's seq is
 * its change's index: the report has no cap). */
static void order_changes(ds_diff *d) {
    size_t n = ds_schema_diagnostic_count(d->report);
    d->ordered = ds_arena_alloc(&d->report->arena, (n ? n : 1) * sizeof *d->ordered);
    for (size_t i = 0; i < n; i++) {
        ds_schema_diagnostic(d->report, i);  /* sorts the list */
        d->ordered[i] = d->changes[d->report->diags[i]->seq];
    }
}

ds_diff *ds_diff_new(const ds_schema *old_schema, const ds_schema *new_schema) {
    if (!old_schema || !new_schema || !old_schema->resolved || !new_schema->resolved ||
        old_schema->error_count || new_schema->error_count ||
        old_schema->source_count + new_schema->source_count >= DS_MAX_FILES)
        return NULL;
    ds_diff *d = calloc(1, sizeof *d);
    if (!d) abort();
    d->side[DS_OLD] = old_schema;
    d->side[DS_NEW] = new_schema;
    d->report = ds_schema_new();
    d->report->resolved = true;
    copy_sources(d->report, old_schema);
    d->new_file_base = d->report->source_count;
    copy_sources(d->report, new_schema);
    ds_diff_tables(d);
    ds_diff_client_api(d);
    ds_diff_auth(d);
    order_changes(d);
    d->side[DS_OLD] = d->side[DS_NEW] = NULL;
    return d;
}

void ds_diff_free(ds_diff *d) {
    if (!d) return;
    ds_schema_free(d->report);
    free(d);
}

const ds_schema *ds_diff_report(const ds_diff *d) { return d->report; }
size_t ds_diff_change_count(const ds_diff *d) { return d->change_count; }

const ds_diff_change *ds_diff_change_at(const ds_diff *d, size_t i) {
    return i < d->change_count ? &d->ordered[i] : NULL;
}

size_t ds_diff_table_count(const ds_diff *d) { return d->table_count; }

const ds_diff_table *ds_diff_table_at(const ds_diff *d, size_t i) {
    return i < d->table_count ? &d->tables[i] : NULL;
}

const char *ds_diff_level_name(ds_diff_level level) {
    static const char *const names[] = {"non-breaking", "dangerous", "breaking", "deploy",
                                        "data-loss"};
    return (size_t)level < sizeof names / sizeof *names ? names[level] : "unknown";
}

const char *ds_table_verdict_name(ds_table_verdict verdict) {
    static const char *const names[] = {"unchanged", "created", "deleted", "replaced", "updated"};
    return (size_t)verdict < sizeof names / sizeof *names ? names[verdict] : "unknown";
}
