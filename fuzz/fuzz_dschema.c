/* fuzz_dschema: a libFuzzer target over the whole public API.
 *
 * bytes -> ds_schema_parse -> ds_schema_resolve -> ds_schema_emit (graphql,
 * introspection, json) -> ds_diagnostic_render of every diagnostic, with
 * and without colour, and ds_schema_source_line of every location.
 *
 * The input is a dschema file, so a crashing input is also a reproducer for
 * `dschemac FILE`. A line "#%file" (a YAML comment) splits it into several
 * files parsed in turn, as `dschemac a.yaml b.yaml` does, to reach the
 * merging of declarations across files.
 *
 * Besides the sanitizers, it checks what the API promises and aborts when a
 * promise is broken: a schema without errors emits every format; emitting
 * a schema with errors fails; every error is located in a file that was
 * parsed, within its lines; every string of a diagnostic is set. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dschema.h"

#define FILE_MARK "\n#%file\n"

/* Stop with a message; libFuzzer reports the input as a crash. */
static void broken(const char *what, const ds_diagnostic *d) {
    fprintf(stderr, "fuzz_dschema: broken promise: %s\n", what);
    if (d)
        fprintf(stderr, "  at %s:%u:%u: %s\n", d->location.file ? d->location.file : "(null)",
                d->location.line, d->location.column, d->message ? d->message : "(null)");
    abort();
}

/* The first occurrence of needle in the len bytes of hay, or NULL. */
static const char *find(const char *hay, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0) return hay + i;
    return NULL;
}

/* Parse data as one file or, split at each FILE_MARK, several. */
static void parse_files(ds_schema *s, const char *data, size_t len) {
    static const char *const names[] = {"a.yaml", "b.yaml", "c.yaml", "d.yaml"};
    size_t mark = strlen(FILE_MARK), file = 0;
    for (;;) {
        const char *end = file < 3 ? find(data, len, FILE_MARK) : NULL;
        size_t part = end ? (size_t)(end - data) + 1 : len;
        ds_schema_parse(s, names[file++], data, part);
        if (!end) return;
        data += part + mark - 1;
        len -= part + mark - 1;
    }
}

/* The source line a location names must exist when the location is set. */
static void check_location(const ds_schema *s, const ds_location *loc, const ds_diagnostic *d) {
    if (!loc->file) broken("a location without a file", d);
    if (loc->line == 0) return;
    size_t len;
    const char *line = ds_schema_source_line(s, loc->file, loc->line, &len);
    if (!line) broken("a location past the end of its file", d);
    if (memchr(line, '\n', len)) broken("a source line with a newline in it", d);
    if (loc->column == 0) broken("a located diagnostic with column 0", d);
}

/* Render every diagnostic both ways and check its fields. */
static void render_all(const ds_schema *s) {
    size_t errors = 0;
    for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++) {
        const ds_diagnostic *d = ds_schema_diagnostic(s, i);
        if (!d || !d->message || !d->code) broken("a diagnostic without message or code", d);
        if (d->severity == DS_SEVERITY_ERROR) {
            errors++;
            if (d->location.line == 0) broken("an error without a line", d);
        }
        check_location(s, &d->location, d);
        for (size_t n = 0; n < d->note_count; n++) {
            if (!d->notes[n].message) broken("a note without a message", d);
            check_location(s, &d->notes[n].location, d);
        }
        for (int color = 0; color < 2; color++) {
            ds_render_options opts = {color};
            char *text = ds_diagnostic_render(s, d, &opts);
            if (!text) broken("ds_diagnostic_render returned NULL", d);
            free(text);
        }
    }
    if (errors > ds_schema_error_count(s)) broken("more errors listed than counted", NULL);
}

/* Emit every format; success exactly when the schema has no errors. */
static void emit_all(ds_schema *s) {
    static const ds_format formats[] = {DS_FORMAT_GRAPHQL, DS_FORMAT_INTROSPECTION,
                                        DS_FORMAT_JSON};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        char *out = NULL;
        size_t len = 0;
        int rc = ds_schema_emit(s, formats[i], &out, &len);
        if (ds_schema_error_count(s) == 0) {
            if (rc != 0 || !out) broken("a schema without errors failed to emit", NULL);
            if (strlen(out) != len) broken("emitted length differs from the text's", NULL);
        } else if (rc == 0 || out) {
            broken("a schema with errors was emitted", NULL);
        }
        free(out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ds_schema *s = ds_schema_new();
    /* Both sides of the error cap: a small one when the size is a multiple of 8. */
    ds_schema_set_max_errors(s, size % 8 == 0 ? 3 : 0);
    parse_files(s, (const char *)data, size);
    ds_schema_resolve(s);
    emit_all(s);
    render_all(s);
    ds_schema_free(s);
    return 0;
}
