/* navigate.c: the names of a resolved schema and what each names (navigate.h). */
#include "navigate.h"

#include "diag.h"
#include "resolve.h"

typedef struct collector {
    const ds_schema *s;
    ds_arena *arena;
    ds_nav_refs *out;
} collector;

/* Record a name at span (narrowed to text) naming decl or one of its fields. */
static void add(collector *c, ds_span span, const char *text, const ds_decl *decl,
                const ds_field *field, bool definition) {
    if (!span.line || !text || !decl) return;
    ds_nav_ref r = {ds_span_of_text(c->s, span, text), decl, field, definition};
    DS_PUSH(c->arena, c->out->items, c->out->count, c->out->cap, r);
}

/* Each name of a list that names a field of model m. */
static void add_field_names(collector *c, const ds_name_list *names, const ds_decl *m) {
    for (size_t i = 0; i < names->count; i++) {
        const ds_field *f = ds_decl_field(m, names->items[i].text);
        if (f) add(c, names->items[i].span, names->items[i].text, m, f, false);
    }
}

/* The `field:` of each rule, a field of m. */
static void add_rules(collector *c, const ds_rules *rules, const ds_decl *m) {
    if (!rules || !m) return;
    for (size_t i = 0; i < rules->count; i++) {
        const ds_name *n = &rules->items[i].field;
        const ds_field *f = n->text ? ds_decl_field(m, n->text) : NULL;
        if (f) add(c, n->span, n->text, m, f, false);
    }
}

static void add_fields(collector *c, const ds_decl *d, const ds_decl *model);

/* A field's name, the type or model it names, and its references. model is
 * the model whose fields its rules name (NULL outside models). */
static void add_field(collector *c, const ds_field *f, const ds_decl *owner, const ds_decl *model) {
    add(c, f->name.span, f->name.text, owner, f, true);
    if (f->kind == DS_FIELD_REF && f->type.target && !f->type.target->implicit)
        add(c, f->type.span, f->type.base, f->type.target, NULL, false);
    if (f->kind == DS_FIELD_RELATION && f->rel->target) {
        const ds_relation *rel = f->rel;
        add(c, rel->related.span, rel->related.text, rel->target, NULL, false);
        for (size_t i = 0; rel->reference_fields && i < rel->references.count; i++)
            if (rel->reference_fields[i])
                add(c, rel->references.items[i].span, rel->references.items[i].text,
                    rel->reference_fields[i]->owner, rel->reference_fields[i], false);
    }
    if (f->kind == DS_FIELD_INLINE_TYPE && f->inline_decl) add_fields(c, f->inline_decl, NULL);
    add_rules(c, f->auth, model);
}

/* The fields of a model or custom type (declared or inline). */
static void add_fields(collector *c, const ds_decl *d, const ds_decl *model) {
    for (size_t i = 0; i < d->field_count; i++)
        if (d->fields[i]) add_field(c, d->fields[i], d, model);
}

/* A model's identifier, indexes and rules, which name its fields. */
static void add_model_keys(collector *c, const ds_decl *m) {
    add_field_names(c, &m->identifier, m);
    for (size_t i = 0; i < m->index_count; i++) {
        const ds_index *x = &m->indexes[i];
        const ds_field *f = ds_decl_field(m, x->field.text);
        if (f) add(c, x->field.span, x->field.text, m, f, false);
        add_field_names(c, &x->sort_keys, m);
        add_field_names(c, &x->non_key_attributes, m);
    }
    add_rules(c, &m->auth, m);
}

/* An operation's arguments, return and subscription sources. */
static void add_operation(collector *c, const ds_decl *op) {
    for (size_t i = 0; i < op->argument_count; i++)
        if (op->arguments[i]) add_field(c, op->arguments[i], op, NULL);
    const ds_field *r = op->returns;
    if (r && r->kind == DS_FIELD_INLINE_TYPE && r->inline_decl) add_fields(c, r->inline_decl, NULL);
    else if (r && r->type.target && !r->type.target->implicit)
        add(c, r->type.span, r->type.base, r->type.target, NULL, false);
    for (size_t i = 0; i < op->source_count; i++) {
        const ds_sub_source *src = &op->sources[i];
        if (src->target) add(c, src->name.span, src->name.text, src->target, NULL, false);
    }
}

void ds_nav_collect(const ds_schema *s, ds_arena *arena, ds_nav_refs *out) {
    collector c = {s, arena, out};
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *d = s->decls[i];
        add(&c, d->name.span, d->name.text, d, NULL, true);
        if (d->kind == DS_DECL_MODEL || d->kind == DS_DECL_TYPE)
            add_fields(&c, d, d->kind == DS_DECL_MODEL ? d : NULL);
        if (d->kind == DS_DECL_MODEL) add_model_keys(&c, d);
        if (d->kind >= DS_DECL_QUERY) add_operation(&c, d);
    }
}

bool ds_nav_same(const ds_nav_ref *a, const ds_nav_ref *b) {
    return a->decl == b->decl && a->field == b->field;
}

const ds_nav_ref *ds_nav_definition(const ds_nav_refs *refs, const ds_nav_ref *ref) {
    for (size_t i = 0; i < refs->count; i++)
        if (refs->items[i].definition && ds_nav_same(&refs->items[i], ref)) return &refs->items[i];
    return NULL;
}
