/* diagram.c: what the pictures of the data model show (diagram.h). */
#include <string.h>

#include "diagram.h"

/* Whether a declaration is a box of the pictures. */
static bool is_box(const ds_decl *d) {
    return d && (d->kind == DS_DECL_MODEL || d->kind == DS_DECL_ENUM || d->kind == DS_DECL_TYPE);
}

ds_diagram_boxes ds_diagram_collect(const ds_schema *s, ds_arena *scratch) {
    ds_diagram_boxes b = {0};
    size_t cap = s->decl_count + s->implicit_count;
    b.items = cap ? ds_arena_alloc(scratch, cap * sizeof *b.items) : NULL;
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i]->kind == DS_DECL_MODEL) b.items[b.count++] = s->decls[i];
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i]->kind != DS_DECL_MODEL && is_box(s->decls[i]))
            b.items[b.count++] = s->decls[i];
    for (size_t i = 0; i < s->implicit_count; i++)
        if (is_box(s->implicit[i])) b.items[b.count++] = s->implicit[i];
    return b;
}

bool ds_diagram_implicit_id(const ds_decl *model) {
    return model->kind == DS_DECL_MODEL && !model->pk_field;
}

bool ds_diagram_is_key(const ds_field *f) {
    const ds_decl *m = f->owner;
    if (!m || m->kind != DS_DECL_MODEL || f->kind == DS_FIELD_RELATION) return false;
    if (m->pk_field == f) return true;
    for (size_t i = 0; i < m->sort_key_count; i++)
        if (m->sort_keys[i].text && f->name.text && strcmp(m->sort_keys[i].text, f->name.text) == 0)
            return true;
    return false;
}

bool ds_diagram_is_reference(const ds_field *f) {
    const ds_decl *m = f->owner;
    if (!m || m->kind != DS_DECL_MODEL) return false;
    for (size_t i = 0; i < m->field_count; i++) {
        const ds_field *g = m->fields[i];
        if (g->kind != DS_FIELD_RELATION || g->rel->kind != DS_REL_BELONGS_TO ||
            !g->rel->reference_fields)
            continue;
        for (size_t j = 0; j < g->rel->references.count; j++)
            if (g->rel->reference_fields[j] == f) return true;
    }
    return false;
}

bool ds_diagram_draws_line(const ds_field *f) {
    if (f->kind != DS_FIELD_RELATION || !f->rel->target) return false;
    return f->rel->kind != DS_REL_BELONGS_TO || !f->rel->counterpart;
}

const char *ds_diagram_type_name(const ds_field *f) {
    switch (f->kind) {
    case DS_FIELD_SCALAR: return ds_scalar_graphql_name(f->type.scalar);
    case DS_FIELD_REF: return f->type.target ? f->type.target->name.text : f->type.base;
    case DS_FIELD_INLINE_ENUM:
    case DS_FIELD_INLINE_TYPE: return f->inline_decl ? f->inline_decl->name.text : "";
    case DS_FIELD_RELATION:
    default: return f->rel->target ? f->rel->target->name.text : f->rel->related.text;
    }
}

bool ds_diagram_is_list(const ds_field *f) {
    if (f->kind == DS_FIELD_RELATION) return f->rel->kind == DS_REL_HAS_MANY;
    return f->type.list;
}

const char *ds_diagram_modifier_words(const ds_field *f) {
    const ds_type *t = &f->type;
    if (f->kind == DS_FIELD_RELATION) return NULL;
    if (!t->list) return t->required ? "required" : NULL;
    if (t->list_required) return t->required ? "required list of required" : "required list";
    return t->required ? "list of required" : "list";
}

const ds_decl *ds_diagram_value_type(const ds_field *f) {
    if (f->kind == DS_FIELD_REF) return f->type.target;
    if (f->kind == DS_FIELD_INLINE_ENUM || f->kind == DS_FIELD_INLINE_TYPE) return f->inline_decl;
    return NULL;
}
