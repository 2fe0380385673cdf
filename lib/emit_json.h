/* emit_json.h: what the two JSON back-ends (emit_json.c,
 * emit_introspection.c) share: the JSON writer (json_writer.h), which
 * writes each document token by token in jansson's layout, so that a
 * schema of thousands of models never lives in memory as JSON nodes.
 */
#ifndef DS_EMIT_JSON_H
#define DS_EMIT_JSON_H

#include "ast.h"
#include "buf.h"
#include "names.h"
#include "json_writer.h"

/* Write the text gathered in a scratch buffer as a string value, and
 * empty the buffer for the next one. */
void ds_json_scratch_string(ds_jw *w, ds_buf *scratch);

#endif
