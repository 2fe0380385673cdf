/* report.h: printing a schema's diagnostics in the three formats. */
#ifndef DSCHEMAC_REPORT_H
#define DSCHEMAC_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "dschema.h"

typedef enum report_format { REPORT_GCC, REPORT_JSON, REPORT_SARIF } report_format;

/* Print every diagnostic of schema to out in format. gcc: the human form
 * with excerpts (in colour when color is set); json: one JSON object per
 * line; sarif: one SARIF 2.1.0 log. */
void report_diagnostics(FILE *out, const ds_schema *schema, report_format format, int color);

/* What a caller adds to the JSON forms: members for diagnostic i (on its
 * JSON line, or in its SARIF result's properties) and the SARIF run's
 * properties. Either function may be NULL. */
typedef struct report_extra {
    void (*diagnostic)(void *ctx, size_t index, json_t *members);
    void (*run)(void *ctx, json_t *properties);
    void *ctx;
} report_extra;

/* report_diagnostics with extra members (extra may be NULL). */
void report_diagnostics_extra(FILE *out, const ds_schema *schema, report_format format, int color,
                              const report_extra *extra);

/* The closing count, gcc format only: "dschemac: 2 errors, 1 warning". */
void report_summary(FILE *out, const ds_schema *schema, size_t max_errors, int color);

#endif
