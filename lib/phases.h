/* phases.h: the entry points of the compiler's phases, one file each. */
#ifndef DS_PHASES_H
#define DS_PHASES_H

#include "ast.h"
#include "buf.h"

/* parse.c: read one file (already added to s->sources at index file) into
 * declarations appended to s->decls; errors go to the diagnostics list. */
void ds_parse_source(ds_schema *s, uint32_t file);

/* resolve.c: name implicit types, link refs and relationships, and check
 * every rule of FORMAT.md; marks broken nodes invalid. */
void ds_resolve(ds_schema *s);

/* emit_graphql.c: the SDL of data-schema 1.26, appended to out. */
void ds_emit_graphql(ds_schema *s, ds_buf *out);

/* emit_introspection.c: the Amplify model introspection document. */
void ds_emit_introspection(ds_schema *s, ds_buf *out);

/* emit_json.c: dschemac's own resolved-schema JSON. */
void ds_emit_json(ds_schema *s, ds_buf *out);

#endif
