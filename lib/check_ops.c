/* check_ops.c: custom queries, mutations and subscriptions.
 *
 * data-schema's validateCustomOperations: every operation needs a handler
 * (all of one kind), queries and mutations a return type; a subscription
 * listens to custom mutations or to a model's create/update/delete
 * mutations (`mutations` is required for a model), and all its sources
 * return the same type. Missing authorization is checked with the rules
 * (check_auth.c).
 *
 * Then the names the whole schema puts on Query, Mutation and Subscription
 * (custom operations, the operations each model generates, index query
 * fields) must differ, and so must the input types that custom-type
 * arguments become (T -> TInput) from every printed type.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pluralize.h"
#include "resolve.h"

/* An operation needs a handler, and a pipeline's handlers are of one kind. */
static void check_handlers(ds_resolver *r, ds_decl *op) {
    ds_schema *s = r->s;
    if (op->handler_count == 0) {
        ds_diag *e = ds_error(s, op->name.span, DS_E_OP_HANDLER, "the %s %s has no handler",
                              ds_decl_kind_word(op), ds_decl_name(op));
        ds_hint(s, e, "add `handler: { function: %sFn }` (a Lambda function) or `handler: { "
                      "custom: { entry: ./%s.js } }` (an AppSync JS resolver)",
                ds_decl_name(op), ds_decl_name(op));
        op->invalid = true;
        return;
    }
    for (size_t i = 1; i < op->handler_count; i++) {
        if (op->handlers[i].kind == op->handlers[0].kind) continue;
        ds_diag *e = ds_error(s, op->handlers[i].span, DS_E_OP_HANDLER,
                              "the handlers of %s mix a function and a custom resolver; a "
                              "pipeline's handlers must be of one kind", ds_decl_name(op));
        ds_note_at(s, e, op->handlers[0].span, "the first handler");
        ds_hint(s, e, "use only function handlers or only custom handlers");
        op->invalid = true;
        return;
    }
}

/* A query or mutation needs a return type. */
static void check_returns(ds_resolver *r, ds_decl *op) {
    if (op->kind == DS_DECL_SUBSCRIPTION || op->returns) return;
    ds_diag *e = ds_error(r->s, op->name.span, DS_E_OP_RETURNS, "the %s %s has no returns: a "
                          "%s must say what it returns", ds_decl_kind_word(op), ds_decl_name(op),
                          ds_decl_kind_word(op));
    ds_hint(r->s, e, "add `returns: string` (a type string, a declared type, or an inline "
                     "`{ customType: {...} }`)");
    op->invalid = true;
}

/* ---- subscription sources ---- */

/* "did you mean" over mutations and models. */
static const char *closest_source(ds_schema *s, const char *name) {
    ds_candidates names = {0};
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i]->kind == DS_DECL_MUTATION || s->decls[i]->kind == DS_DECL_MODEL)
            ds_candidates_add(&names, s->decls[i]->name.text);
    return ds_candidates_closest(&names, name);
}

/* Report a source naming nothing declared. */
static void report_unknown_source(ds_resolver *r, ds_sub_source *src) {
    ds_diag *e = ds_error(r->s, src->name.span, DS_E_SUB_SOURCE,
                          "%s is neither a mutation nor a model", src->name.text);
    const char *near = closest_source(r->s, src->name.text);
    if (near) ds_hint(r->s, e, "did you mean %s?", near);
    else ds_hint(r->s, e, "name a mutation declared under mutations, or `{ model: NAME, "
                          "mutations: [create] }`");
}

/* A model source lists mutations that the model has. */
static bool check_model_mutations(ds_resolver *r, ds_decl *sub, ds_sub_source *src, ds_decl *m) {
    ds_schema *s = r->s;
    if (src->mutations.count == 0) {
        ds_diag *e = ds_error(s, src->is_model ? src->span : src->name.span, DS_E_SUB_SOURCE,
                              "a subscription on a model must say which mutations it listens to");
        ds_hint(s, e, "write `for: { model: %s, mutations: [create, update, delete] }` in %s",
                ds_decl_name(m), ds_decl_name(sub));
        return false;
    }
    for (size_t i = 0; i < src->mutations.count; i++) {
        const char *op = src->mutations.items[i].text;
        for (size_t k = 0; op && k < m->disabled_ops.count; k++) {
            const char *off = m->disabled_ops.items[k].text;
            if (!off || (strcmp(off, "mutations") != 0 && strcmp(off, op) != 0)) continue;
            ds_diag *e = ds_error(s, src->mutations.items[i].span, DS_E_SUB_SOURCE,
                                  "the subscription %s listens to %s's %s mutation, which "
                                  "disableOperations switches off", ds_decl_name(sub),
                                  ds_decl_name(m), op);
            ds_note_at(s, e, m->disabled_ops.items[k].span, "disabled here");
            ds_hint(s, e, "remove %s from the mutations listened to, or enable it", op);
            return false;
        }
    }
    return true;
}

/* Resolve one source; returns the type it yields (a model, a declared
 * type, or the mutation's own return field), or NULL when it reported. */
static const void *resolve_source(ds_resolver *r, ds_decl *sub, ds_sub_source *src) {
    ds_schema *s = r->s;
    const char *name = src->name.text;
    ds_decl *d = name ? ds_symtab_get(&r->declared, name) : NULL;
    if (!d) {
        if (name && !ds_name_clashed(r, name)) report_unknown_source(r, src);
        return NULL;
    }
    if (d->kind == DS_DECL_MODEL) {
        if (!check_model_mutations(r, sub, src, d)) return NULL;
        src->target = d;
        return d;
    }
    if (d->kind != DS_DECL_MUTATION || src->is_model) {
        ds_diag *e = ds_error(s, src->name.span, DS_E_SUB_SOURCE,
                              "%s is %s %s; a subscription listens to %s", name,
                              d->kind == DS_DECL_ENUM ? "an" : "a", ds_decl_kind_word(d),
                              src->is_model ? "a model's mutations here (model:)"
                                            : "mutations and models only");
        ds_note_at(s, e, d->name.span, "%s is declared here", name);
        ds_hint(s, e, src->is_model && d->kind == DS_DECL_MUTATION
                          ? "write the mutation's name alone: `for: NAME`"
                          : "name a mutation, or `{ model: NAME, mutations: [...] }`");
        return NULL;
    }
    src->target = d;
    if (d->invalid || !d->returns) return NULL;
    if (d->returns->kind == DS_FIELD_REF) return d->returns->type.target;
    return d->returns;
}

/* "likePost" or "{ model: Post }", for messages. */
static const char *source_name(ds_schema *s, const ds_sub_source *src) {
    const char *name = src->name.text ? src->name.text : "?";
    return src->is_model ? ds_arena_printf(&s->arena, "{ model: %s }", name) : name;
}

/* What a resolved source returns, for messages ("Int", "the model Post"). */
static const char *source_yields(ds_schema *s, const ds_sub_source *src) {
    const ds_decl *t = src->target;
    if (!t) return "?";
    if (t->kind == DS_DECL_MODEL)
        return ds_arena_printf(&s->arena, "the model %s", ds_decl_name(t));
    return t->returns ? ds_field_type_words(s, t->returns) : "nothing";
}

/* The sources of a subscription: each resolves, all return one type. */
static void check_sources(ds_resolver *r, ds_decl *sub) {
    ds_schema *s = r->s;
    if (!sub->sources_present || sub->source_count == 0) {
        ds_diag *e = ds_error(s, sub->name.span, DS_E_SUB_SOURCE,
                              "the subscription %s has no for: it must listen to a mutation or "
                              "to a model's mutations", ds_decl_name(sub));
        ds_hint(s, e, "add `for: someMutation` or `for: { model: Post, mutations: [create] }`");
        sub->invalid = true;
        return;
    }
    const void *first = NULL;
    size_t first_at = 0;
    for (size_t i = 0; i < sub->source_count; i++) {
        ds_sub_source *src = &sub->sources[i];
        const void *yields = resolve_source(r, sub, src);
        if (!yields) {
            if (!src->target || src->target->kind != DS_DECL_MUTATION) sub->invalid = true;
            continue;
        }
        if (!first) {
            first = yields, first_at = i;
            continue;
        }
        if (yields == first) continue;
        ds_diag *e = ds_error(s, src->span, DS_E_SUB_RETURN,
                              "the source %s returns %s, but the first source of %s, %s, "
                              "returns %s; all the mutations a subscription listens to must "
                              "return one type", source_name(s, src), source_yields(s, src),
                              ds_decl_name(sub), source_name(s, &sub->sources[first_at]),
                              source_yields(s, &sub->sources[first_at]));
        ds_note_at(s, e, sub->sources[first_at].span, "the first source");
        ds_hint(s, e, "split %s into one subscription per return type", ds_decl_name(sub));
        sub->invalid = true;
        return;
    }
}

/* Check one operation. */
static void check_operation(ds_resolver *r, ds_decl *op) {
    check_handlers(r, op);
    check_returns(r, op);
    if (op->kind == DS_DECL_SUBSCRIPTION) check_sources(r, op);
}

/* ---- root fields ---- */

/* A field of Query, Mutation or Subscription and what makes it: a custom
 * operation, a model's generated operation, or an index's query field.
 * Kept small (a schema of 50,000 models has 400,000 of them); what makes
 * it is put in words only when a name clashes. */
typedef struct root_field {
    const char *name;
    const ds_decl *decl;   /* the custom operation, or the model */
    const ds_index *index; /* the index whose query field it is, or NULL */
    uint32_t seq;          /* the order it was made in */
    uint8_t root;          /* 0 Query, 1 Mutation, 2 Subscription */
    uint8_t op;            /* a model's operation: an index into model_ops */
} root_field;

/* The root fields of the schema; names live in a scratch arena that is
 * freed once the check is done. */
typedef struct root_list {
    ds_arena scratch;
    root_field *items;     /* malloc'ed, room for every root field */
    size_t count;
} root_list;

/* The operations a model generates (as the model transformer names them),
 * and the group of each in disableOperations. */
static const char *const model_ops[] = {"get", "list", "create", "update", "delete",
                                        "onCreate", "onUpdate", "onDelete"};
static const char *const op_groups[] = {"queries", "queries", "mutations", "mutations",
                                        "mutations", "subscriptions", "subscriptions",
                                        "subscriptions"};

/* Add one root field. */
static void add_root(root_list *l, int root, const char *name, const ds_decl *decl,
                     const ds_index *index, int op) {
    l->items[l->count] = (root_field){name, decl, index, (uint32_t)l->count, (uint8_t)root, (uint8_t)op};
    l->count++;
}

/* Where a root field is made. */
static ds_span root_at(const root_field *f) { return f->index ? f->index->span : f->decl->name.span; }

/* a followed by b, in the scratch arena. */
static const char *concat(root_list *l, const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    char *out = ds_arena_alloc_raw(&l->scratch, na + nb + 1);
    memcpy(out, a, na);
    memcpy(out + na, b, nb + 1);
    return out;
}

/* Whether a model disables a generated operation (or its group). */
static bool disabled(const ds_decl *m, const char *op, const char *group) {
    for (size_t i = 0; i < m->disabled_ops.count; i++) {
        const char *off = m->disabled_ops.items[i].text;
        if (off && (strcmp(off, op) == 0 || strcmp(off, group) == 0)) return true;
    }
    return false;
}

/* Add a model's operations. */
static void add_model_roots(ds_schema *s, root_list *l, const ds_decl *m) {
    const char *name = ds_capitalize(s, m->name.text);
    /* pluralize() keeps the case of what it is given: a capitalized name is
       the model's own, whose plural is made once */
    const char *plural = name == m->name.text ? ds_decl_plural(s, m) : ds_pluralize(&l->scratch, name);
    for (int i = 0; i < 8; i++) {
        if (disabled(m, model_ops[i], op_groups[i])) continue;
        if (i >= 5 && disabled(m, model_ops[i - 3], op_groups[i - 3])) continue;
        const char *field = concat(l, model_ops[i], i == 1 ? plural : name);
        add_root(l, i < 2 ? 0 : i < 5 ? 1 : 2, field, m, NULL, i);
    }
}

/* What makes a root field and how to free its name, in words:
 * "the custom query top" / "rename the custom query top". */
static void describe_root(root_list *l, const root_field *f, const char **maker, const char **fix) {
    const ds_decl *d = f->decl;
    if (f->index) {
        *maker = ds_arena_printf(&l->scratch, "an index of %s", d->name.text);
        *fix = f->index->query_field.text ? "give the index another queryField"
                                          : "give the index a queryField";
    } else if (d->kind == DS_DECL_MODEL) {
        const char *op = model_ops[f->op], *model = ds_decl_name(d);
        *maker = ds_arena_printf(&l->scratch, "the %s operation that model %s generates", op, model);
        *fix = ds_arena_printf(&l->scratch, "switch off %s's %s operation with "
                               "`disableOperations: [%s]`", model, op, op);
    } else {
        *maker = ds_arena_printf(&l->scratch, "the custom %s %s", ds_decl_kind_word(d), d->name.text);
        *fix = ds_arena_printf(&l->scratch, "rename the custom %s %s", ds_decl_kind_word(d),
                               d->name.text);
    }
}

/* The query field an index makes, as data-schema names it, or NULL. */
static const char *index_query_field(ds_schema *s, root_list *l, const ds_decl *m,
                                     const ds_index *x) {
    if (x->query_field_null) return NULL;
    if (x->query_field.text) return x->query_field.text;
    ds_buf q = {0};
    ds_buf_printf(&q, "list%sBy%s", ds_capitalize(s, m->name.text), ds_capitalize(s, x->field.text));
    for (size_t i = 0; i < x->sort_keys.count; i++)
        ds_buf_printf(&q, "And%s", ds_capitalize(s, x->sort_keys.items[i].text));
    const char *name = concat(l, q.data, "");
    ds_buf_free(&q);
    return name;
}

/* The most root fields the schema can make (each model eight and one an
 * index), so that the list is allocated once. */
static size_t max_roots(const ds_schema *s) {
    size_t n = 0;
    for (size_t i = 0; i < s->decl_count; i++)
        n += s->decls[i]->kind == DS_DECL_MODEL ? 8 + s->decls[i]->index_count
             : s->decls[i]->kind >= DS_DECL_QUERY ? 1 : 0;
    return n;
}

/* Every root field of the schema. */
static void collect_roots(ds_schema *s, root_list *l) {
    l->items = malloc((max_roots(s) + 1) * sizeof *l->items);
    if (!l->items) abort();
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *d = s->decls[i];
        if (d->invalid || !d->name.text) continue;
        if (d->kind >= DS_DECL_QUERY) {
            add_root(l, d->kind == DS_DECL_QUERY ? 0 : d->kind == DS_DECL_MUTATION ? 1 : 2,
                     d->name.text, d, NULL, 0);
            continue;
        }
        if (d->kind != DS_DECL_MODEL) continue;
        add_model_roots(s, l, d);
        for (size_t k = 0; k < d->index_count; k++) {
            const ds_index *x = &d->indexes[k];
            const char *q = x->invalid || !x->field.text ? NULL : index_query_field(s, l, d, x);
            if (q) add_root(l, 0, q, d, x, 0);
        }
    }
}

/* Order root fields by position, then by the order they were made. */
static int compare_roots(const void *pa, const void *pb) {
    const root_field *a = pa, *b = pb;
    ds_span at = root_at(a), bt = root_at(b);
    if (ds_span_before(at, bt)) return -1;
    if (ds_span_before(bt, at)) return 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Whether the root fields are already in compare_roots order (they
 * usually are: collected in declaration order), so qsort can be skipped. */
static bool roots_sorted(const root_list *l) {
    for (size_t i = 1; i < l->count; i++)
        if (compare_roots(&l->items[i - 1], &l->items[i]) > 0) return false;
    return true;
}

/* Report a root field made a second time. */
static void report_root_clash(root_list *l, ds_schema *s, const root_field *first,
                              const root_field *again) {
    static const char *const roots[] = {"Query", "Mutation", "Subscription"};
    const char *first_maker, *first_fix, *maker, *fix;
    describe_root(l, first, &first_maker, &first_fix);
    describe_root(l, again, &maker, &fix);
    ds_diag *e = ds_error(s, root_at(again), DS_E_ROOT_FIELD_CLASH, "%s.%s is made twice: by %s and by %s",
                          roots[again->root], again->name, first_maker, maker);
    ds_note_at(s, e, root_at(first), "%s", first_maker);
    ds_hint(s, e, "%s, or %s", fix, first_fix);
}

/* No two makers put one field name on one root type. */
static void check_root_fields(ds_resolver *r) {
    ds_schema *s = r->s;
    root_list l = {0};
    ds_arena_init(&l.scratch);
    collect_roots(s, &l);
    if (!roots_sorted(&l)) qsort(l.items, l.count, sizeof *l.items, compare_roots);
    ds_symtab seen[3];
    for (int i = 0; i < 3; i++) ds_symtab_init(&seen[i], &l.scratch);
    for (size_t i = 0; i < l.count; i++) {
        root_field *f = &l.items[i];
        root_field *first = ds_symtab_put(&seen[f->root], f->name, f);
        if (first) report_root_clash(&l, s, first, f);
    }
    free(l.items);
    ds_arena_free(&l.scratch);
}

/* ---- input types ---- */

/* The custom types an argument's type reaches become input types named
 * TInput; none may be the name of a printed type. */
static void check_inputs_of(ds_resolver *r, ds_field *arg, ds_decl *t, ds_symtab *seen) {
    if (!t || t->invalid || t->kind != DS_DECL_TYPE || !t->name.text) return;
    if (ds_symtab_put(seen, t->name.text, t)) return;
    const char *input = ds_arena_printf(&r->s->arena, "%sInput", t->name.text);
    ds_decl *other = ds_lookup_type(r, input);
    if (other) {
        ds_diag *e = ds_error(r->s, arg->type.span, DS_E_ROOT_FIELD_CLASH,
                              "%s turns the custom type %s into the input type %s, but %s is "
                              "already the name of %s %s", ds_field_where(r->s, arg), t->name.text,
                              input, input, other->kind == DS_DECL_ENUM ? "an" : "a",
                              other->implicit ? ds_arena_printf(&r->s->arena, "inline %s",
                                                                ds_decl_kind_word(other))
                                              : ds_decl_kind_word(other));
        ds_note_at(r->s, e, ds_decl_name_span(other), "%s is named here", input);
        ds_hint(r->s, e, "rename %s or %s", input, t->name.text);
        return;
    }
    for (size_t i = 0; i < t->field_count; i++) {
        ds_field *f = t->fields[i];
        if (!f || f->invalid) continue;
        check_inputs_of(r, arg, f->kind == DS_FIELD_REF ? f->type.target : f->inline_decl, seen);
    }
}

/* The input types of every argument of every operation. */
static void check_input_types(ds_resolver *r) {
    ds_symtab seen;
    ds_symtab_init(&seen, &r->s->arena);
    for (size_t i = 0; i < r->s->decl_count; i++) {
        ds_decl *op = r->s->decls[i];
        if (op->kind < DS_DECL_QUERY || op->invalid) continue;
        for (size_t k = 0; k < op->argument_count; k++) {
            ds_field *a = op->arguments[k];
            if (a && !a->invalid)
                check_inputs_of(r, a, a->kind == DS_FIELD_REF ? a->type.target : a->inline_decl,
                                &seen);
        }
    }
}

void ds_check_operations(ds_resolver *r) {
    for (size_t i = 0; i < r->s->decl_count; i++) {
        ds_decl *d = r->s->decls[i];
        if (d->kind >= DS_DECL_QUERY && !d->invalid && d->name.text) check_operation(r, d);
    }
    check_root_fields(r);
    check_input_types(r);
}
