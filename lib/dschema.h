/* dschema.h: the dschema library, a compiler from dschema YAML files to
 * GraphQL SDL and JSON.
 *
 * One public header. Every symbol carries the ds_ (or DS_) prefix.
 * The library never prints and never exits: it reports through the
 * diagnostics list of a schema, which the caller reads and renders.
 *
 * Typical use:
 *
 *     ds_schema *s = ds_schema_new();
 *     ds_schema_parse(s, "schema.yaml", bytes, len);   // once per file
 *     ds_schema_resolve(s);
 *     if (ds_schema_error_count(s) == 0)
 *         ds_schema_emit(s, DS_FORMAT_GRAPHQL, &out, &out_len);
 *     for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++) ...
 *     ds_schema_free(s);
 */
#ifndef DSCHEMA_H
#define DSCHEMA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* DS_API marks the functions libdschema.so exports: the library is built
 * with -fvisibility=hidden, so everything else stays internal to it. */
#if defined(__GNUC__) || defined(__clang__)
#define DS_API __attribute__((visibility("default")))
#else
#define DS_API
#endif

#define DSCHEMA_VERSION "0.1.0"

/* Version of the format of -f json output ("dschemaVersion"). */
#define DSCHEMA_JSON_VERSION 1

typedef struct ds_schema ds_schema;

typedef enum ds_severity { DS_SEVERITY_ERROR, DS_SEVERITY_WARNING } ds_severity;

/* A place in a source file. Lines and columns are 1-based; columns count
 * characters (not bytes). The end is exclusive. */
typedef struct ds_location {
    const char *file;           /* the name given to ds_schema_parse */
    unsigned line, column;
    unsigned end_line, end_column;
} ds_location;

/* A second place that explains a diagnostic. */
typedef struct ds_note {
    ds_location location;
    const char *message;
} ds_note;

/* One diagnostic. All strings are owned by the schema and live until
 * ds_schema_free. */
typedef struct ds_diagnostic {
    ds_severity severity;
    const char *code;           /* stable code, e.g. "DS0101" */
    const char *message;        /* one sentence, no trailing period needed */
    const char *hint;           /* how to fix it, or NULL */
    ds_location location;
    const ds_note *notes;
    size_t note_count;
    /* A fix, when the hint is a "did you mean": the text to write over
     * replace_at (e.g. an editor's quick fix), or NULL. */
    const char *replacement;
    ds_location replace_at;
} ds_diagnostic;

typedef enum ds_format {
    DS_FORMAT_GRAPHQL,          /* the SDL of @aws-amplify/data-schema 1.26 */
    DS_FORMAT_INTROSPECTION,    /* Amplify model introspection JSON */
    DS_FORMAT_JSON,             /* dschemac's resolved-schema JSON */
    DS_FORMAT_MERMAID,          /* a Mermaid erDiagram of the models, enums and custom types */
    DS_FORMAT_DOT,              /* the same picture as a Graphviz digraph */
    DS_FORMAT_TYPESCRIPT        /* Amplify Gen 2's amplify/data/resource.ts */
} ds_format;

/* A new, empty schema. Never returns NULL (aborts if memory runs out).
 * The caller owns it and frees it with ds_schema_free. */
DS_API ds_schema *ds_schema_new(void);

/* Free the schema and everything it owns, diagnostics included. */
DS_API void ds_schema_free(ds_schema *schema);

/* Stop recording errors after max, and warnings after max (0: no limit;
 * the default is 0). Diagnostics past the cap are still counted by
 * ds_schema_error_count and ds_schema_warning_count. */
DS_API void ds_schema_set_max_errors(ds_schema *schema, size_t max);

/* Parse one file's bytes and add its declarations to the schema, after
 * those of earlier calls. name is used in diagnostics ("<stdin>" for
 * standard input); both name and data are copied. data need not be
 * NUL-terminated. Returns the number of errors this call found. */
DS_API size_t ds_schema_parse(ds_schema *schema, const char *name, const char *data, size_t len);

/* Like ds_schema_parse, without a copy: the schema takes data, a buffer
 * from malloc of at least len + 1 bytes (it writes a NUL at data[len]),
 * and frees it in ds_schema_free. */
DS_API size_t ds_schema_parse_adopt(ds_schema *schema, const char *name, char *data, size_t len);

/* The format the caller means to emit, told before ds_schema_resolve: the
 * resolver then also warns about what that output cannot say (for
 * DS_FORMAT_TYPESCRIPT, the Lambda authorizer of custom rules and the OIDC
 * provider of oidc rules, which defineData needs and the format does not
 * name). Without it, no such warnings. */
DS_API void ds_schema_set_format(ds_schema *schema, ds_format format);

/* Check the whole schema and link every reference and relationship.
 * Call once, after every ds_schema_parse. Returns the number of errors
 * of the whole schema (parse errors included). */
DS_API size_t ds_schema_resolve(ds_schema *schema);

/* Render the resolved schema; emitting never changes it, so a schema may
 * be emitted any number of times, in any formats. On success returns 0 and sets *out to a
 * malloc'ed NUL-terminated buffer of *len bytes that the caller frees.
 * Returns -1 and sets *out to NULL when the schema has errors or was not
 * resolved. */
DS_API int ds_schema_emit(const ds_schema *schema, ds_format format, char **out, size_t *len);

/* Receives successive pieces of emitted text; returns 0 to go on, or
 * non-zero to stop (ds_schema_emit_to then returns -2). */
typedef int (*ds_write_fn)(void *ctx, const char *data, size_t len);

/* Render the resolved schema through write, piece by piece, never holding
 * more than about 64 KiB of it. Returns 0 on success; -1 when the schema
 * has errors or was not resolved (write is never called); -2 when write
 * asked to stop (the text it received is incomplete). */
DS_API int ds_schema_emit_to(const ds_schema *schema, ds_format format, ds_write_fn write, void *ctx);

/* Errors and warnings found so far (errors past the cap included). */
DS_API size_t ds_schema_error_count(const ds_schema *schema);
DS_API size_t ds_schema_warning_count(const ds_schema *schema);

/* The recorded diagnostics, in source order (by file, line, column). */
DS_API size_t ds_schema_diagnostic_count(const ds_schema *schema);
DS_API const ds_diagnostic *ds_schema_diagnostic(const ds_schema *schema, size_t index);

/* How to render a diagnostic for a person. */
typedef struct ds_render_options {
    int color;                  /* ANSI colours when non-zero */
} ds_render_options;

/* A diagnostic as a person reads it, gcc style:
 *     file:line:col: error: message
 *        12 |       customer: { belongsTo: Custmer, references: customerId }
 *           |                              ^~~~~~~
 * followed by its hint and notes. Returns a malloc'ed string the caller frees. */
DS_API char *ds_diagnostic_render(const ds_schema *schema, const ds_diagnostic *diag,
                                  const ds_render_options *options);

/* One line of a parsed source file, without its newline: sets *len and
 * returns a pointer into the schema's copy, or NULL if there is no such
 * file or line. file is the name given to ds_schema_parse. */
DS_API const char *ds_schema_source_line(const ds_schema *schema, const char *file,
                                         unsigned line, size_t *len);

/* Every diagnostic kind: code, short name, one-line description; the
 * table ends with a NULL code. For documentation and SARIF rules. */
typedef struct ds_diagnostic_kind {
    const char *code;
    const char *name;
    const char *description;
} ds_diagnostic_kind;
DS_API const ds_diagnostic_kind *ds_diagnostic_kinds(void);

/* ---- comparing two versions of a schema (dschemac diff) ---- */

typedef struct ds_diff ds_diff;

/* How much a change matters, least first: graphql-inspector's three levels
 * for the client API, then what the deployment does to the tables. */
typedef enum ds_diff_level {
    DS_DIFF_NON_BREAKING, DS_DIFF_DANGEROUS, DS_DIFF_BREAKING, DS_DIFF_DEPLOY, DS_DIFF_DATA_LOSS
} ds_diff_level;

/* What the deployment does to a model's DynamoDB table. */
typedef enum ds_table_verdict {
    DS_TABLE_UNCHANGED, DS_TABLE_CREATED, DS_TABLE_DELETED, DS_TABLE_REPLACED, DS_TABLE_UPDATED
} ds_table_verdict;

/* One model's table: its verdict, the GSI creations and deletions its
 * update needs (0 unless updated), and its GSIs afterwards. */
typedef struct ds_diff_table {
    const char *model;
    ds_table_verdict verdict;
    size_t gsi_operations;
    size_t gsi_count;
} ds_diff_table;

/* One change: its level, its kind (graphql-inspector's change type such as
 * "FIELD_REMOVED", or dschemac's such as "MODEL_REMOVED"), the path it is
 * at ("Post.title", "Query.listPosts", a model's name) and the
 * diagnostic that reports it. */
typedef struct ds_diff_change {
    ds_diff_level level;
    const char *kind;
    const char *path;
    const ds_diagnostic *diagnostic;
} ds_diff_change;

/* Compare two schemas, each resolved without errors (else NULL). The diff
 * copies what it keeps: the schemas may be freed before it. */
DS_API ds_diff *ds_diff_new(const ds_schema *old_schema, const ds_schema *new_schema);
DS_API void ds_diff_free(ds_diff *diff);

/* The changes as diagnostics: a schema that holds both sides' sources
 * (OLD's files first) and one diagnostic a change, located in NEW, or in
 * OLD for what was removed. Read and render it as any schema's. */
DS_API const ds_schema *ds_diff_report(const ds_diff *diff);

/* The changes, in the order of the report's diagnostics: change i is
 * reported by ds_schema_diagnostic(ds_diff_report(diff), i). */
DS_API size_t ds_diff_change_count(const ds_diff *diff);
DS_API const ds_diff_change *ds_diff_change_at(const ds_diff *diff, size_t index);

/* Every model of either side, NEW's in order then those only OLD has. */
DS_API size_t ds_diff_table_count(const ds_diff *diff);
DS_API const ds_diff_table *ds_diff_table_at(const ds_diff *diff, size_t index);

/* "non-breaking", "dangerous", "breaking", "deploy", "data-loss". */
DS_API const char *ds_diff_level_name(ds_diff_level level);

/* "unchanged", "created", "deleted", "replaced", "updated". */
DS_API const char *ds_table_verdict_name(ds_table_verdict verdict);

#ifdef __cplusplus
}
#endif

#endif
