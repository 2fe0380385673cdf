/* check_usage.c: warnings for what deploys but is likely a mistake.
 *
 *   - an enum or custom type that no model field, argument or return type
 *     reaches (data-schema prints it all the same): when a field is named
 *     after it but has another type (status: string beside enum Status),
 *     or when the schema refers to other types of its kind. A schema that
 *     refers to no enum (custom type) at all declares its enums (custom
 *     types) for the clients' generated types, and is left alone;
 *   - a model field named like a reference to a model that the model is
 *     linked to (postId in Comment, which belongs to Post) but that the
 *     relationships between them do not use and no index covers: the
 *     link goes through other fields.
 *
 * They are given only for a schema without errors: a broken declaration
 * would make them guess (a misspelt type name would leave the enum it
 * meant "unused").
 */
#include <string.h>

#include "resolve.h"

/* ---- unused enums and custom types ---- */

/* Mark what field f reaches as used; queue custom types not seen before. */
static void mark_field(ds_schema *s, ds_symtab *used, const ds_field *f, ds_decl ***queue,
                       size_t *count, size_t *cap) {
    if (!f) return;
    ds_decl *t = f->kind == DS_FIELD_REF ? f->type.target
               : f->kind == DS_FIELD_INLINE_TYPE ? f->inline_decl : NULL;
    if (!t || !t->name.text || t->kind == DS_DECL_MODEL) return;
    if (ds_symtab_put(used, t->name.text, t)) return;
    if (t->kind == DS_DECL_TYPE) DS_PUSH(&s->arena, *queue, *count, *cap, t);
}

/* Mark every enum and custom type that a model or an operation reaches. */
static void mark_used(ds_schema *s, ds_symtab *used) {
    ds_decl **queue = NULL;
    size_t count = 0, cap = 0;
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *d = s->decls[i];
        if (d->kind == DS_DECL_MODEL)
            for (size_t k = 0; k < d->field_count; k++)
                mark_field(s, used, d->fields[k], &queue, &count, &cap);
        if (d->kind < DS_DECL_QUERY) continue;
        for (size_t k = 0; k < d->argument_count; k++)
            mark_field(s, used, d->arguments[k], &queue, &count, &cap);
        mark_field(s, used, d->returns, &queue, &count, &cap);
    }
    for (size_t next = 0; next < count; next++)
        for (size_t k = 0; k < queue[next]->field_count; k++)
            mark_field(s, used, queue[next]->fields[k], &queue, &count, &cap);
}

/* Whether field f is a ref to a declared type of kind. */
static bool refers_to(const ds_field *f, ds_decl_kind kind) {
    return f && f->kind == DS_FIELD_REF && f->type.target && f->type.target->kind == kind;
}

/* Whether a field, argument or return of declaration d refers to a
 * declared type of kind. */
static bool decl_refers_to(const ds_decl *d, ds_decl_kind kind) {
    for (size_t k = 0; k < d->field_count; k++)
        if (refers_to(d->fields[k], kind)) return true;
    for (size_t k = 0; k < d->argument_count; k++)
        if (refers_to(d->arguments[k], kind)) return true;
    return refers_to(d->returns, kind);
}

/* Whether anything in the schema refers to a declared type of kind. */
static bool kind_referred(const ds_schema *s, ds_decl_kind kind) {
    for (size_t i = 0; i < s->decl_count; i++)
        if (decl_refers_to(s->decls[i], kind)) return true;
    for (size_t i = 0; i < s->implicit_count; i++)
        if (decl_refers_to(s->implicit[i], kind)) return true;
    return false;
}

/* name in lower case (ASCII), in arena. */
static const char *folded_in(ds_arena *arena, const char *name) {
    char *out = ds_arena_strdup(arena, name);
    for (char *c = out; *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    return out;
}

/* An enum or custom type nothing uses, and the first field (of any model
 * or custom type) whose name is its name folded ("status": Status). */
typedef struct unused_type {
    const ds_decl *decl;
    const ds_field *namesake;
    struct unused_type *same_fold;  /* the next unused type whose name folds alike */
} unused_type;

/* Find each unused type's namesake: one pass over the fields, looking
 * their folded names up among the unused types' (only those can match). */
static void find_namesakes(ds_schema *s, unused_type *unused, size_t count) {
    ds_arena scratch;
    ds_arena_init(&scratch);
    ds_symtab by_name;
    ds_symtab_init(&by_name, &scratch);
    for (size_t i = 0; i < count; i++) {  /* alike names chain: each gets the namesake */
        unused_type *first = ds_symtab_put(&by_name, folded_in(&scratch, unused[i].decl->name.text),
                                           &unused[i]);
        if (first) unused[i].same_fold = first->same_fold, first->same_fold = &unused[i];
    }
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *d = s->decls[i];
        if (d->kind != DS_DECL_MODEL && d->kind != DS_DECL_TYPE) continue;
        for (size_t k = 0; k < d->field_count; k++) {
            ds_field *f = d->fields[k];
            if (!f || !f->name.text || f->kind == DS_FIELD_RELATION) continue;
            unused_type *u = ds_symtab_get(&by_name, folded_in(&scratch, f->name.text));
            for (; u && !u->namesake; u = u->same_fold) u->namesake = f;
        }
    }
    ds_arena_free(&scratch);
}

/* Warn about each declared enum or custom type nothing reaches. */
static void warn_unused_types(ds_resolver *r) {
    ds_schema *s = r->s;
    ds_symtab used;
    ds_symtab_init(&used, &s->arena);
    mark_used(s, &used);
    unused_type *unused = NULL;
    size_t count = 0, cap = 0;
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *d = s->decls[i];
        if ((d->kind == DS_DECL_ENUM || d->kind == DS_DECL_TYPE) && d->name.text &&
            !ds_symtab_get(&used, d->name.text))
            DS_PUSH(&s->arena, unused, count, cap, ((unused_type){d, NULL, NULL}));
    }
    if (count == 0) return;
    find_namesakes(s, unused, count);
    bool referred[] = {false, kind_referred(s, DS_DECL_ENUM), kind_referred(s, DS_DECL_TYPE)};
    for (size_t i = 0; i < count; i++) {
        const ds_decl *d = unused[i].decl;
        const ds_field *namesake = unused[i].namesake;
        if (namesake && namesake->owner == d) namesake = NULL;
        if (!namesake && !referred[d->kind]) continue;
        ds_diag *w = ds_warning(s, d->name.span, DS_W_UNUSED_TYPE,
                                "the %s %s is declared but not used: no model field, argument "
                                "or return type refers to it", ds_decl_kind_word(d), d->name.text);
        if (namesake) {
            ds_note_at(s, w, namesake->span, "%s.%s is declared as %s", ds_decl_name(namesake->owner),
                       namesake->name.text, ds_field_type_words(s, namesake));
            ds_hint(s, w, "did you mean `%s: %s`?", namesake->name.text, d->name.text);
        } else {
            ds_hint(s, w, "use it as a field type (`%s: %s`), or remove it",
                    ds_decapitalize(s, d->name.text), d->name.text);
        }
    }
}

/* ---- reference fields that no relationship uses ---- */

/* Whether name is in the list. */
static bool listed(const ds_name_list *list, const char *name) {
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].text && strcmp(list->items[i].text, name) == 0) return true;
    return false;
}

/* Whether a relationship uses field f of model m as a reference: a
 * belongsTo of m, or a hasOne or hasMany naming m. */
static bool used_by_relationship(const ds_schema *s, const ds_decl *m, const ds_field *f) {
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *d = s->decls[i];
        for (size_t k = 0; d->kind == DS_DECL_MODEL && k < d->field_count; k++) {
            const ds_field *g = d->fields[k];
            if (!g || g->kind != DS_FIELD_RELATION || !listed(&g->rel->references, f->name.text))
                continue;
            if (g->rel->kind == DS_REL_BELONGS_TO ? d == m
                                                 : g->rel->related.text &&
                                                       strcmp(g->rel->related.text, m->name.text) == 0)
                return true;
        }
    }
    return false;
}

/* Whether the identifier or a secondary index of m has field name. */
static bool indexed(const ds_decl *m, const char *name) {
    for (size_t i = 0; i < ds_model_key_count(m); i++)
        if (ds_model_key(m, i) && strcmp(ds_model_key(m, i), name) == 0) return true;
    for (size_t i = 0; i < m->index_count; i++) {
        const ds_index *x = &m->indexes[i];
        if ((x->field.text && strcmp(x->field.text, name) == 0) || listed(&x->sort_keys, name))
            return true;
    }
    return false;
}

/* The model whose single identifier a field named like "customerId"
 * would hold, when its type fits; else NULL. */
static ds_decl *referenced_model(ds_resolver *r, const ds_decl *m, const ds_field *f) {
    ds_schema *s = r->s;
    const char *name = f->name.text;
    size_t len = name ? strlen(name) : 0;
    ds_scalar t = ds_field_scalar(f);
    if (len < 3 || strcmp(name + len - 2, "Id") != 0 || f->type.list ||
        (t != DS_SCALAR_ID && t != DS_SCALAR_STRING))
        return NULL;
    const char *model = ds_capitalize(s, ds_arena_printf(&s->arena, "%.*s", (int)(len - 2), name));
    ds_decl *target = ds_lookup_type(r, model);
    if (!target || target == m || target->kind != DS_DECL_MODEL || target->implicit) return NULL;
    if (ds_model_key_count(target) != 1) return NULL;
    const char *key = target->pk_name;
    ds_field *kf = ds_decl_field(target, key);
    ds_scalar kt = kf ? ds_field_scalar(kf) : DS_SCALAR_ID;
    return kt == DS_SCALAR_ID || kt == DS_SCALAR_STRING ? target : NULL;
}

/* A relationship between m and target (on either side), or NULL. */
static const ds_field *link_between(const ds_decl *m, const ds_decl *target) {
    const ds_decl *sides[] = {m, target};
    for (int side = 0; side < 2; side++) {
        const ds_decl *other = sides[1 - side];
        for (size_t i = 0; i < sides[side]->field_count; i++) {
            const ds_field *g = sides[side]->fields[i];
            if (g && g->kind == DS_FIELD_RELATION && g->rel->related.text &&
                strcmp(g->rel->related.text, other->name.text) == 0)
                return g;
        }
    }
    return NULL;
}

/* Warn about fields of m named like a reference to a model m is linked to
 * through other fields. */
static void warn_loose_references(ds_resolver *r, const ds_decl *m) {
    ds_schema *s = r->s;
    for (size_t i = 0; i < m->field_count; i++) {
        const ds_field *f = m->fields[i];
        if (!f || f->kind != DS_FIELD_SCALAR || !f->name.text) continue;
        ds_decl *target = referenced_model(r, m, f);
        const ds_field *link = target ? link_between(m, target) : NULL;
        if (!link || indexed(m, f->name.text) || used_by_relationship(s, m, f)) continue;
        ds_diag *w = ds_warning(s, f->name.span, DS_W_LOOSE_REFERENCE,
                                "%s.%s looks like a reference to %s, but the relationship %s.%s "
                                "links the two models through %s", ds_decl_name(m), f->name.text,
                                ds_decl_name(target), ds_decl_name(link->owner), link->name.text,
                                ds_yaml_list(s, &link->rel->references));
        ds_note_at(s, w, link->name.span, "%s.%s is declared here", ds_decl_name(link->owner),
                   link->name.text);
        ds_hint(s, w, "if %s holds the identifier of a %s, name it in the references of both "
                      "sides; otherwise give it a name that does not read as a reference",
                f->name.text, ds_decl_name(target));
    }
}

void ds_check_usage(ds_resolver *r) {
    ds_schema *s = r->s;
    if (s->error_count) return;
    warn_unused_types(r);
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i]->kind == DS_DECL_MODEL && s->decls[i]->name.text)
            warn_loose_references(r, s->decls[i]);
}
