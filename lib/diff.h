/* diff.h: what the passes of dschemac diff share (diff.c owns the public
 * API and the report; diff_tables.c the tables, diff_api*.c the client
 * API, diff_auth.c the rules). Every pass reads two resolved schemas and
 * reports through ds_diff_report_change; none changes them. */
#ifndef DS_DIFF_H
#define DS_DIFF_H

#include "ast.h"
#include "diag.h"
#include "resolve.h"

/* Which side of the diff a span belongs to. */
typedef enum ds_side { DS_OLD, DS_NEW } ds_side;

struct ds_diff {
    const ds_schema *side[2];        /* OLD, NEW: only while ds_diff_new runs */
    ds_schema *report;               /* both sides' sources and the diagnostics */
    size_t new_file_base;            /* NEW's first file among the report's sources */
    ds_diff_change *changes;         /* in discovery order (diagnostic seq) */
    size_t change_count, change_cap;
    ds_diff_change *ordered;         /* in the report's diagnostic order */
    ds_diff_table *tables;
    size_t table_count, table_cap;
};

/* Report one change at span of side: a diagnostic with code and a printf
 * message (error from BREAKING up, else warning), recorded with its level,
 * kind and path. Returns the diagnostic for notes and a hint. */
ds_diag *ds_diff_report_change(ds_diff *d, ds_diff_level level, const char *code,
                               const char *kind, const char *path, ds_side side, ds_span span,
                               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;

/* Add a note at span of side to a change's diagnostic. */
void ds_diff_note(ds_diff *d, ds_diag *g, ds_side side, ds_span span, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* The model named name on side, or NULL (valid models only). */
const ds_decl *ds_diff_model(const ds_schema *s, const char *name);

/* diff_tables.c: table verdicts, data loss and deploy hazards. */
void ds_diff_tables(ds_diff *d);

/* diff_api.c + diff_api_compare.c: the client API's changes. */
void ds_diff_client_api(ds_diff *d);

/* diff_auth.c: rules that widen or narrow. */
void ds_diff_auth(ds_diff *d);

#endif
