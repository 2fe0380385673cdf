/* check_ops.c: custom queries, mutations and subscriptions.
 *
 * data-schema's validateCustomOperations: every operation needs a handler
 * (all of one kind), queries and mutations a return type; a subscription
 * listens to custom mutations or to a model's create/update/delete
 * mutations (`mutations` is required for a model), and all its sources
 * return the same type. Missing authorization is checked with the rules
 * (check_auth.c).
 */
#include <string.h>

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
    ds_diag *e = ds_error(r->s, op->name.span, DS_E_OP_RETURNS, "the %s %s has no returns type",
                          ds_decl_kind_word(op), ds_decl_name(op));
    ds_hint(r->s, e, "add `returns: string` (a type string, a declared type, or an inline "
                     "`{ customType: {...} }`)");
    op->invalid = true;
}

/* ---- subscription sources ---- */

/* "did you mean" over mutations and models. */
static const char *closest_source(ds_schema *s, const char *name) {
    const char **names = ds_arena_alloc(&s->arena, (s->decl_count + 1) * sizeof *names);
    size_t k = 0;
    for (size_t i = 0; i < s->decl_count; i++)
        if ((s->decls[i]->kind == DS_DECL_MUTATION || s->decls[i]->kind == DS_DECL_MODEL) &&
            s->decls[i]->name.text)
            names[k++] = s->decls[i]->name.text;
    return ds_closest(name, names, k);
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
                                  "%s listens to %s's %s mutation, which disableOperations "
                                  "switches off", ds_decl_name(sub), ds_decl_name(m), op);
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
                              "the sources of %s return different types; all the mutations a "
                              "subscription listens to must return one type", ds_decl_name(sub));
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

void ds_check_operations(ds_resolver *r) {
    for (size_t i = 0; i < r->s->decl_count; i++) {
        ds_decl *d = r->s->decls[i];
        if (d->kind >= DS_DECL_QUERY && !d->invalid && d->name.text) check_operation(r, d);
    }
}
