/* report.c: diagnostics as text, JSON lines or SARIF 2.1.0. */
#include "report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The location of a diagnostic or note as a JSON object. */
static json_t *location_json(const ds_location *loc) {
    return json_pack("{s:s, s:I, s:I, s:I, s:I}", "file", loc->file ? loc->file : "",
                     "line", (json_int_t)loc->line, "column", (json_int_t)loc->column,
                     "endLine", (json_int_t)loc->end_line, "endColumn",
                     (json_int_t)loc->end_column);
}

/* One diagnostic as the JSON-lines object. */
static json_t *diagnostic_json(const ds_diagnostic *d) {
    json_t *obj = location_json(&d->location);
    json_object_set_new(obj, "severity",
                        json_string(d->severity == DS_SEVERITY_ERROR ? "error" : "warning"));
    json_object_set_new(obj, "code", json_string(d->code ? d->code : ""));
    json_object_set_new(obj, "message", json_string(d->message));
    if (d->hint) json_object_set_new(obj, "hint", json_string(d->hint));
    json_t *notes = json_array();
    for (size_t i = 0; i < d->note_count; i++) {
        json_t *note = location_json(&d->notes[i].location);
        json_object_set_new(note, "message", json_string(d->notes[i].message));
        json_array_append_new(notes, note);
    }
    json_object_set_new(obj, "notes", notes);
    return obj;
}

/* A SARIF physicalLocation for a location. */
static json_t *sarif_location(const ds_location *loc) {
    json_t *region = json_pack("{s:I, s:I}", "startLine", (json_int_t)(loc->line ? loc->line : 1),
                               "startColumn", (json_int_t)(loc->column ? loc->column : 1));
    if (loc->end_line >= loc->line && loc->end_line) {
        json_object_set_new(region, "endLine", json_integer(loc->end_line));
        json_object_set_new(region, "endColumn", json_integer(loc->end_column));
    }
    return json_pack("{s:{s:{s:s}, s:o}}", "physicalLocation", "artifactLocation", "uri",
                     loc->file ? loc->file : "", "region", region);
}

/* The rules table of the tool driver, and each code's index in it. */
static json_t *sarif_rules(void) {
    json_t *rules = json_array();
    for (const ds_diagnostic_kind *k = ds_diagnostic_kinds(); k->code; k++)
        json_array_append_new(rules, json_pack("{s:s, s:s, s:{s:s}}", "id", k->code, "name",
                                               k->name, "shortDescription", "text",
                                               k->description));
    return rules;
}

/* Index of code in the kinds table, or -1. */
static int rule_index(const char *code) {
    int i = 0;
    for (const ds_diagnostic_kind *k = ds_diagnostic_kinds(); k->code; k++, i++)
        if (code && strcmp(k->code, code) == 0) return i;
    return -1;
}

/* One SARIF result. Code scanning shows only the message, so the hint
   goes on a line of its own after it. */
static json_t *sarif_result(const ds_diagnostic *d) {
    json_t *text = json_string(d->message);
    if (d->hint) {
        char *joined = malloc(strlen(d->message) + strlen(d->hint) + 8);
        if (joined) {
            sprintf(joined, "%s\nhint: %s", d->message, d->hint);
            json_string_set(text, joined);
            free(joined);
        }
    }
    json_t *result = json_pack("{s:s, s:s, s:{s:o}, s:[o]}", "ruleId", d->code ? d->code : "",
                               "level", d->severity == DS_SEVERITY_ERROR ? "error" : "warning",
                               "message", "text", text, "locations",
                               sarif_location(&d->location));
    int index = rule_index(d->code);
    if (index >= 0) json_object_set_new(result, "ruleIndex", json_integer(index));
    if (d->note_count) {
        json_t *related = json_array();
        for (size_t i = 0; i < d->note_count; i++) {
            json_t *loc = sarif_location(&d->notes[i].location);
            json_object_set_new(loc, "id", json_integer((json_int_t)i));
            json_object_set_new(loc, "message", json_pack("{s:s}", "text", d->notes[i].message));
            json_array_append_new(related, loc);
        }
        json_object_set_new(result, "relatedLocations", related);
    }
    return result;
}

/* The whole SARIF log. */
static json_t *sarif_log(const ds_schema *schema, const report_extra *extra) {
    json_t *results = json_array();
    for (size_t i = 0; i < ds_schema_diagnostic_count(schema); i++) {
        json_t *result = sarif_result(ds_schema_diagnostic(schema, i));
        if (extra && extra->diagnostic) {
            json_t *props = json_object();
            extra->diagnostic(extra->ctx, i, props);
            json_object_set_new(result, "properties", props);
        }
        json_array_append_new(results, result);
    }
    json_t *log = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:o}}, s:o}]}", "$schema",
                     "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs",
                     "tool", "driver", "name", "dschemac", "version", DSCHEMA_VERSION,
                     "informationUri", "https://github.com/dschemac/dschemac", "rules",
                     sarif_rules(), "results", results);
    if (extra && extra->run) {
        json_t *props = json_object();
        extra->run(extra->ctx, props);
        json_object_set_new(json_array_get(json_object_get(log, "runs"), 0), "properties", props);
    }
    return log;
}

/* Dump a JSON value followed by a newline, and free it. */
static void print_json(FILE *out, json_t *value, size_t flags) {
    char *text = json_dumps(value, flags | JSON_PRESERVE_ORDER);
    if (text) fprintf(out, "%s\n", text);
    free(text);
    json_decref(value);
}

void report_diagnostics(FILE *out, const ds_schema *schema, report_format format, int color) {
    report_diagnostics_extra(out, schema, format, color, NULL);
}

void report_diagnostics_extra(FILE *out, const ds_schema *schema, report_format format, int color,
                              const report_extra *extra) {
    if (format == REPORT_SARIF) {
        print_json(out, sarif_log(schema, extra), JSON_INDENT(2));
        return;
    }
    ds_render_options options = {color};
    for (size_t i = 0; i < ds_schema_diagnostic_count(schema); i++) {
        const ds_diagnostic *d = ds_schema_diagnostic(schema, i);
        if (format == REPORT_JSON) {
            json_t *obj = diagnostic_json(d);
            if (extra && extra->diagnostic) extra->diagnostic(extra->ctx, i, obj);
            print_json(out, obj, JSON_COMPACT);
            continue;
        }
        char *text = ds_diagnostic_render(schema, d, &options);
        fputs(text, out);
        free(text);
    }
}

/* "1 error" / "2 errors". */
static void count(FILE *out, size_t n, const char *word) {
    fprintf(out, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

void report_summary(FILE *out, const ds_schema *schema, size_t max_errors, int color) {
    size_t errors = ds_schema_error_count(schema), warnings = ds_schema_warning_count(schema);
    if (!errors && !warnings) return;
    fputs(color ? "\033[1mdschemac:\033[0m " : "dschemac: ", out);
    count(out, errors, "error");
    fputs(", ", out);
    count(out, warnings, "warning");
    int cut_errors = max_errors && errors > max_errors;
    int cut_warnings = max_errors && warnings > max_errors;
    if (cut_errors || cut_warnings)
        fprintf(out, " (only the first %zu %s%s%s are shown; see --max-errors)", max_errors,
                cut_errors ? "errors" : "", cut_errors && cut_warnings ? " and warnings" : "",
                cut_warnings && !cut_errors ? "warnings" : "");
    fputc('\n', out);
}
