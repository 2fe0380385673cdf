/* navigate.h: every name written in a resolved schema's files and what it
 * names (a declaration or a field), for the language server's definition,
 * references, rename and outline. Reads a resolved schema; never writes it. */
#ifndef DS_NAVIGATE_H
#define DS_NAVIGATE_H

#include "ast.h"

/* One name as written: where, and what it names. */
typedef struct ds_nav_ref {
    ds_span span;               /* the name itself (not its quotes or type modifiers) */
    const ds_decl *decl;        /* the declaration named, or the field's owner */
    const ds_field *field;      /* the field named, or NULL when a declaration is */
    bool definition;            /* this is where it is declared */
} ds_nav_ref;

typedef struct ds_nav_refs {
    ds_nav_ref *items;
    size_t count, cap;
} ds_nav_refs;

/* Every name of the schema that names a declaration or a field, in
 * declaration order, into out (allocated in arena). */
void ds_nav_collect(const ds_schema *s, ds_arena *arena, ds_nav_refs *out);

/* Whether two refs name the same thing. */
bool ds_nav_same(const ds_nav_ref *a, const ds_nav_ref *b);

/* The declaration of what ref names (its definition), or NULL when the
 * thing has no written declaration (e.g. the implicit id). */
const ds_nav_ref *ds_nav_definition(const ds_nav_refs *refs, const ds_nav_ref *ref);

#endif
