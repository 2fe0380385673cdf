/* support.h: helpers shared by the unit tests (tests/unit/support.c). */
#ifndef DS_TEST_SUPPORT_H
#define DS_TEST_SUPPORT_H

#include <check.h>
#include <jansson.h>

#include "dschema.h"

/* Parse and resolve yaml as the file "test.yaml"; when it has errors, print
 * them on stderr (so a failing test shows why). The caller frees it. */
ds_schema *unit_load(const char *yaml);

/* The output of a one-file schema in format; fails the test when the schema
 * has errors. The caller frees it. */
char *unit_emit(const char *yaml, ds_format format);

/* unit_emit parsed back as JSON; the caller decrefs it. */
json_t *unit_document(const char *yaml, ds_format format);

/* The keys of an object, comma-separated, in document order (static buffer). */
const char *unit_keys(json_t *object);

/* A value compact-printed, for comparisons (static buffer). */
const char *unit_compact(json_t *value);

/* Run a suite (CK_VERBOSITY and CK_FORK from the environment) and return
 * the process exit status. */
int unit_run(Suite *suite);

#endif
