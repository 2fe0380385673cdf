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

/* The back-ends. Each reads a schema resolved without errors and never
 * writes to it; what it needs for itself lives in scratch, an arena of
 * the call freed after it (lib/schema.c registers them by ds_format). */
typedef void ds_emit_fn(const ds_schema *s, ds_arena *scratch, ds_buf *out);

/* emit_graphql.c: the SDL of data-schema 1.26, appended to out. */
ds_emit_fn ds_emit_graphql;

/* emit_graphql.c: the SDL block of one model, enum or custom type (nothing
 * for a declaration the SDL does not print), e.g. for a hover. */
void ds_emit_graphql_decl(const ds_schema *s, const ds_decl *d, ds_arena *scratch, ds_buf *out);

/* emit_introspection.c: the Amplify model introspection document. */
ds_emit_fn ds_emit_introspection;

/* emit_json.c: dschemac's own resolved-schema JSON. */
ds_emit_fn ds_emit_json;

/* emit_mermaid.c: a Mermaid erDiagram of the data model. */
ds_emit_fn ds_emit_mermaid;

/* emit_dot.c: a Graphviz digraph of the data model. */
ds_emit_fn ds_emit_dot;

#endif
