/* diagram.h: what the two pictures of the data model (-f mermaid, -f dot)
 * show, shared so both draw the same boxes, keys and lines. Everything
 * here reads the resolved model only. */
#ifndef DS_DIAGRAM_H
#define DS_DIAGRAM_H

#include "ast.h"

/* The boxes of a picture, in the order they are drawn: the models in
 * file order, then the enums and custom types in file order, then the
 * implicit (inline) ones in the order the resolver named them. */
typedef struct ds_diagram_boxes {
    const ds_decl **items;
    size_t count;
} ds_diagram_boxes;

/* Collect the boxes of s (the array lives in scratch). */
ds_diagram_boxes ds_diagram_collect(const ds_schema *s, ds_arena *scratch);

/* Whether a model's identifier is the implicit `id: ID!` (no declared field
 * holds its partition key), which the pictures draw as a first field. */
bool ds_diagram_implicit_id(const ds_decl *model);

/* Whether f is part of its model's identifier (partition or sort key). */
bool ds_diagram_is_key(const ds_field *f);

/* Whether f is a reference field of one of its model's belongsTo fields. */
bool ds_diagram_is_reference(const ds_field *f);

/* Whether a relationship field draws the line of its pair: the hasOne or
 * hasMany side (the parent), or a belongsTo without a counterpart. */
bool ds_diagram_draws_line(const ds_field *f);

/* The type name a field shows, without modifiers: the scalar's GraphQL
 * name, the enum or custom type it names or declares inline, or the
 * related model. */
const char *ds_diagram_type_name(const ds_field *f);

/* Whether a field holds a list (hasMany, or a [T] type). */
bool ds_diagram_is_list(const ds_field *f);

/* A few words on a field's modifiers for a note ("required", "list of
 * required", ...), or NULL for a plain nullable single value. */
const char *ds_diagram_modifier_words(const ds_field *f);

/* The enum or custom type a field's value is (by ref or inline), or NULL. */
const ds_decl *ds_diagram_value_type(const ds_field *f);

#endif
