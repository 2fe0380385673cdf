/* emit_json.h: what the two JSON back-ends (emit_json.c,
 * emit_introspection.c) share: small jansson helpers, and writing a large
 * document piece by piece.
 *
 * A document object is written entry by entry: each entry's value is built
 * as a jansson tree, dumped and freed at once, so a schema of thousands of
 * models never lives whole in memory as JSON nodes. The text is exactly
 * what json_dumps(whole tree, JSON_INDENT(indent)) would print.
 */
#ifndef DS_EMIT_JSON_H
#define DS_EMIT_JSON_H

#include <jansson.h>

#include "ast.h"
#include "buf.h"

/* A JSON string, or null for NULL (never NULL itself: the sources are
 * UTF-8). */
json_t *ds_json_text(const char *s);

/* A JSON array of the names of a list. */
json_t *ds_json_names(const ds_name_list *list);

/* An object being written. */
typedef struct ds_json_object {
    ds_buf *out;
    int indent;        /* spaces per level */
    int depth;         /* nesting level of this object (0: the document) */
    size_t flags;      /* json_dump flags for the values (indent included) */
    size_t count;      /* entries written so far */
} ds_json_object;

/* Write "{" of an object at depth. flags are jansson dump flags; the
 * indent is taken from JSON_INDENT(indent) in them. */
void ds_json_begin(ds_json_object *o, ds_buf *out, size_t flags, int depth);

/* Write the next key ("key": ); its value follows, e.g. a nested object
 * begun at o->depth + 1. */
void ds_json_key(ds_json_object *o, const char *key);

/* Write the next entry, key and value, and release value. */
void ds_json_put(ds_json_object *o, const char *key, json_t *value);

/* Write the closing "}" ("{}" for an object without entries). */
void ds_json_end(ds_json_object *o);

#endif
