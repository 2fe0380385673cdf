/* resolve_util.c: the helpers the resolver's passes (resolve_*.c,
 * check_*.c) share: lookups, "did you mean" candidates, and the phrases
 * messages are made of. */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

void ds_candidates_add(ds_candidates *c, const char *name) {
    if (!name) return;
    if (c->count == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->items = realloc(c->items, c->cap * sizeof *c->items);
        if (!c->items) abort();
    }
    c->items[c->count++] = name;
}

const char *ds_candidates_closest(ds_candidates *c, const char *name) {
    const char *found = name ? ds_closest(name, c->items, c->count) : NULL;
    free(c->items);
    *c = (ds_candidates){0};
    return found;
}

const char *ds_capitalize(ds_schema *s, const char *name) {
    if (!name || !(name[0] >= 'a' && name[0] <= 'z')) return name ? name : "";
    char *out = ds_arena_strdup(&s->arena, name);
    if (out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 'a' + 'A');
    return out;
}

const char *ds_decapitalize(ds_schema *s, const char *name) {
    if (!name || !(name[0] >= 'A' && name[0] <= 'Z')) return name ? name : "";
    char *out = ds_arena_strdup(&s->arena, name);
    if (out[0] >= 'A' && out[0] <= 'Z') out[0] = (char)(out[0] - 'A' + 'a');
    return out;
}

ds_field *ds_decl_field(const ds_decl *d, const char *name) {
    if (!d || !name || !d->fields_indexed) return NULL;
    if (d->field_count > DS_FIELD_SCAN_MAX) return ds_symtab_get(&d->field_names, name);
    for (size_t i = 0; i < d->field_count; i++) {
        ds_field *f = d->fields[i];
        if (f && f->name.text && f->name.text[0] == name[0] && strcmp(f->name.text, name) == 0)
            return f;
    }
    return NULL;
}

size_t ds_model_key_count(const ds_decl *m) {
    return m->identifier.present ? m->identifier.count : 1;
}

const char *ds_model_key(const ds_decl *m, size_t i) {
    if (i == 0) return m->pk_name;
    return i <= m->sort_key_count ? m->sort_keys[i - 1].text : NULL;
}

ds_decl *ds_lookup_type(const ds_resolver *r, const char *name) {
    return name ? ds_symtab_get(&r->s->types, name) : NULL;
}

bool ds_missing_field_first(ds_resolver *r, const ds_decl *m, const char *name) {
    const char *key = ds_arena_printf(&r->s->arena, "%s.%s", ds_decl_name(m), name ? name : "");
    return ds_symtab_put(&r->missing_fields, key, (void *)m) == NULL;
}

bool ds_name_clashed(const ds_resolver *r, const char *name) {
    return name && ds_symtab_get(&r->clashed, name) != NULL;
}

bool ds_span_before(ds_span a, ds_span b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.line != b.line) return a.line < b.line;
    return a.col < b.col;
}

const char *ds_decl_name(const ds_decl *d) {
    return d && d->name.text ? d->name.text : "?";
}

ds_span ds_decl_name_span(const ds_decl *d) {
    if (d->implicit && d->origin) return d->origin->name.span;
    return d->name.span;
}

const char *ds_field_where(ds_schema *s, const ds_field *f) {
    const ds_decl *owner = f->owner;
    const char *name = f->name.text ? f->name.text : "?";
    if (!owner) return name;
    if (owner->implicit && owner->origin && owner->origin != f)
        return ds_arena_printf(&s->arena, "%s.%s", ds_field_where(s, owner->origin), name);
    if (owner->kind < DS_DECL_QUERY)
        return ds_arena_printf(&s->arena, "%s.%s", ds_decl_name(owner), name);
    if (owner->returns == f)
        return ds_arena_printf(&s->arena, "the return type of the %s %s",
                               ds_decl_kind_word(owner), ds_decl_name(owner));
    return ds_arena_printf(&s->arena, "the argument %s of the %s %s", name,
                           ds_decl_kind_word(owner), ds_decl_name(owner));
}

/* The base name as GraphQL prints it: a scalar's GraphQL name or the ref. */
static const char *base_words(const ds_type *t) {
    const char *g = ds_scalar_graphql_name(t->scalar);
    return g ? g : (t->base ? t->base : "?");
}

const char *ds_field_type_words(ds_schema *s, const ds_field *f) {
    switch (f->kind) {
    case DS_FIELD_INLINE_ENUM: return "an inline enum";
    case DS_FIELD_INLINE_TYPE: return "an inline custom type";
    case DS_FIELD_RELATION: return "a relationship";
    case DS_FIELD_REF:
        if (f->type.target)
            return ds_arena_printf(&s->arena, "the %s %s", ds_decl_kind_word(f->type.target),
                                   ds_decl_name(f->type.target));
        break;
    case DS_FIELD_SCALAR: break;
    }
    const ds_type *t = &f->type;
    const char *base = base_words(t);
    if (!t->list) return ds_arena_printf(&s->arena, "%s%s", base, t->required ? "!" : "");
    return ds_arena_printf(&s->arena, "[%s%s]%s", base, t->required ? "!" : "",
                           t->list_required ? "!" : "");
}

ds_scalar ds_field_scalar(const ds_field *f) {
    return f && f->kind == DS_FIELD_SCALAR ? f->type.scalar : DS_SCALAR_NONE;
}

bool ds_field_is_enum(const ds_field *f) {
    if (f->kind == DS_FIELD_INLINE_ENUM) return true;
    return f->kind == DS_FIELD_REF && f->type.target && f->type.target->kind == DS_DECL_ENUM;
}

const char *ds_joined(ds_schema *s, const ds_name_list *list) {
    size_t len = 1;
    for (size_t i = 0; i < list->count; i++)
        len += strlen(list->items[i].text ? list->items[i].text : "") + 2;
    char *out = ds_arena_alloc(&s->arena, len);
    for (size_t i = 0; i < list->count; i++) {
        if (i) strcat(out, ", ");
        strcat(out, list->items[i].text ? list->items[i].text : "");
    }
    return out;
}

const char *ds_yaml_list(ds_schema *s, const ds_name_list *list) {
    if (list->count == 1 && list->items[0].text) return list->items[0].text;
    return ds_arena_printf(&s->arena, "[%s]", ds_joined(s, list));
}

const char *ds_bracketed(ds_schema *s, const ds_name_list *list) {
    return ds_arena_printf(&s->arena, "[%s]", ds_joined(s, list));
}

bool ds_relation_usable(const ds_field *f) {
    return f && f->kind == DS_FIELD_RELATION && !f->invalid && f->rel->target &&
           !f->rel->target->invalid && f->owner && f->owner->kind == DS_DECL_MODEL &&
           !f->owner->invalid;
}
