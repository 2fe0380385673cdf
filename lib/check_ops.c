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
#include "names.h"
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
    if (near) {
        ds_hint(r->s, e, "did you mean %s?", near);
        ds_suggest(r->s, e, ds_span_of_text(r->s, src->name.span, src->name.text), near);
    } else ds_hint(r->s, e, "name a mutation declared under mutations, or `{ model: NAME, "
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

/* Every field of Query, Mutation and Subscription has one maker: a custom
 * operation, one of the eight operations of a model, or an index's query
 * field; two makers of one name clash. A model's operations are named by a
 * prefix and the model's name capitalized ("getPost"), or its plural for
 * list ("listPosts"), and on each root type no prefix begins like another
 * ("get"/"list", "create"/"update"/"delete", "onCreate"/...): two models
 * make one name only if their capitalized names, or their plurals, agree.
 * So models are hashed by those two keys instead of by eight generated
 * names each, and only the other makers (custom operations and index query
 * fields, few) by their names; the names of a clash are put in words only
 * then. */

/* The operations a model generates (as the model transformer names them,
 * in the order of the DS_OP_* bits), and the root type of each. */
static const char *const model_ops[] = {"get", "list", "create", "update", "delete",
                                        "onCreate", "onUpdate", "onDelete"};
_Static_assert(DS_OP_GET == 1 << 0 && DS_OP_DELETE == 1 << 4 && DS_OP_ON_DELETE == 1 << 7,
               "model_ops follows the DS_OP_* bits");
static const int op_root[] = {0, 0, 1, 1, 1, 2, 2, 2};
enum { OP_LIST = 1, OP_COUNT = 8 };

/* One maker of a root field. */
typedef struct maker {
    const ds_decl *decl;   /* the custom operation, or the model */
    const ds_index *index; /* the index whose query field it is, or NULL */
    uint32_t seq;          /* the order makers are met in */
    uint8_t op;            /* a model's operation: an index into model_ops */
} maker;

/* The models whose capitalized name (or plural) is one key: the first,
 * then (rarely) the others, in file order. */
typedef struct family {
    const ds_decl *model;
    uint32_t seq;          /* the seq of the model's first operation */
    struct family *next;
} family;

/* A name that custom operations or index query fields put on a root type,
 * and every maker of it (models' operations included). */
typedef struct named {
    int root;
    const char *name;
    maker *makers;
    size_t count, cap;
} named;

/* A clash to report: again makes the name that first made before it. */
typedef struct clash {
    int root;
    const char *name;
    maker first, again;
} clash;

typedef struct roots {
    ds_schema *s;
    ds_arena scratch;      /* everything here; freed after the check */
    ds_symtab by_cap, by_plural;  /* key -> family */
    ds_symtab names[3];    /* per root type: name -> named */
    named **named_list;    /* in the order first met */
    size_t named_count, named_cap;
    clash *clashes;
    size_t clash_count, clash_cap;
    uint32_t seq;
} roots;

/* Whether model m generates operation op (a subscription needs its
 * mutation): model_ops is in the order of the DS_OP_* bits. */
static bool generates(const ds_decl *m, int op) {
    if (m->disabled.off & (1u << op)) return false;
    return op < 5 || !(m->disabled.off & (1u << (op - 3)));
}

/* The seq of model m's operation op, its operations numbered from seq. */
static uint32_t op_seq(const ds_decl *m, uint32_t seq, int op) {
    for (int k = 0; k < op; k++) seq += generates(m, k);
    return seq;
}

/* m's name capitalized, and the plural list uses. */
static const char *cap_key(roots *t, const ds_decl *m) { return ds_capitalize(t->s, m->name.text); }
static const char *plural_key(roots *t, const ds_decl *m) {
    const char *name = cap_key(t, m);
    /* pluralize() keeps the case of what it is given: a capitalized name is
       the model's own, whose plural is made once */
    return name == m->name.text ? m->plural : ds_pluralize(&t->scratch, name);
}

/* Add model m (whose first operation is seq) to the family of key. */
static void join_family(roots *t, ds_symtab *families, const char *key, const ds_decl *m, uint32_t seq) {
    family *f = ds_arena_alloc(&t->scratch, sizeof *f);
    *f = (family){m, seq, NULL};
    family *head = ds_symtab_put(families, key, f);
    if (!head) return;
    while (head->next) head = head->next;
    head->next = f;
}

/* Add a maker to the named entry of name on root, made when first met. */
static void add_named(roots *t, int root, const char *name, maker m) {
    named *n = ds_symtab_get(&t->names[root], name);
    if (!n) {
        n = ds_arena_alloc(&t->scratch, sizeof *n);
        n->root = root;
        n->name = name;
        ds_symtab_put(&t->names[root], name, n);
        DS_PUSH(&t->scratch, t->named_list, t->named_count, t->named_cap, n);
    }
    DS_PUSH(&t->scratch, n->makers, n->count, n->cap, m);
}

/* The query field an index makes, as data-schema names it, or NULL. */

/* Meet every maker in declaration order: models join their families,
 * custom operations and index query fields their names. */
static void meet_makers(roots *t) {
    ds_schema *s = t->s;
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *d = s->decls[i];
        if (d->invalid || !d->name.text) continue;
        if (d->kind >= DS_DECL_QUERY) {
            add_named(t, d->kind == DS_DECL_QUERY ? 0 : d->kind == DS_DECL_MUTATION ? 1 : 2,
                      d->name.text, (maker){d, NULL, t->seq++, 0});
            continue;
        }
        if (d->kind != DS_DECL_MODEL) continue;
        join_family(t, &t->by_cap, cap_key(t, d), d, t->seq);
        if (generates(d, OP_LIST)) join_family(t, &t->by_plural, plural_key(t, d), d, t->seq);
        t->seq = op_seq(d, t->seq, OP_COUNT);
        for (size_t k = 0; k < d->index_count; k++) {
            const ds_index *x = &d->indexes[k];
            const char *q = x->invalid || !x->field.text ? NULL : x->query_field_name;
            if (q) add_named(t, 0, q, (maker){d, x, t->seq++, 0});
        }
    }
}

/* The family of models whose operation op is named name, or NULL. */
static const family *family_of(roots *t, const char *name, int op) {
    size_t n = strlen(model_ops[op]);
    if (strncmp(name, model_ops[op], n) != 0) return NULL;
    return ds_symtab_get(op == OP_LIST ? &t->by_plural : &t->by_cap, name + n);
}

/* Append to out the makers of op among a family's models. */
static void family_makers(const family *f, int op, maker **out, size_t *count, size_t *cap,
                          ds_arena *a) {
    for (; f; f = f->next)
        if (generates(f->model, op))
            DS_PUSH(a, *out, *count, *cap, ((maker){f->model, NULL, op_seq(f->model, f->seq, op), (uint8_t)op}));
}

/* Where a maker makes its name. */
static ds_span maker_at(const maker *m) { return m->index ? m->index->span : m->decl->name.span; }

/* Order makers by position, then by the order they were met in. */
static int compare_makers(const void *pa, const void *pb) {
    const maker *a = pa, *b = pb;
    ds_span at = maker_at(a), bt = maker_at(b);
    if (ds_span_before(at, bt)) return -1;
    if (ds_span_before(bt, at)) return 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The clashes among the makers of one name: each after the first. */
static void clash_among(roots *t, int root, const char *name, maker *makers, size_t count) {
    if (count < 2) return;
    qsort(makers, count, sizeof *makers, compare_makers);
    for (size_t i = 1; i < count; i++)
        DS_PUSH(&t->scratch, t->clashes, t->clash_count, t->clash_cap,
                ((clash){root, name, makers[0], makers[i]}));
}

/* The name a model's operation makes. */
static const char *op_name(roots *t, const ds_decl *m, int op) {
    const char *part = op == OP_LIST ? plural_key(t, m) : cap_key(t, m);
    size_t n = strlen(model_ops[op]), len = strlen(part);
    char *name = ds_arena_alloc_raw(&t->scratch, n + len + 1);
    memcpy(name, model_ops[op], n);
    memcpy(name + n, part, len + 1);
    return name;
}

/* Clashes within families: models alone that make one name, where no
 * custom operation or index makes it too (those are found by name). */
static void family_clashes(roots *t, ds_symtab *families, bool plural) {
    for (size_t i = 0; i < families->cap; i++) {
        const family *f = families->slots[i].value;
        if (!f || !f->next) continue;
        for (int op = 0; op < OP_COUNT; op++) {
            if ((op == OP_LIST) != plural) continue;
            const char *name = op_name(t, f->model, op);
            if (ds_symtab_get(&t->names[op_root[op]], name)) continue;
            maker *makers = NULL;
            size_t count = 0, cap = 0;
            family_makers(f, op, &makers, &count, &cap, &t->scratch);
            clash_among(t, op_root[op], name, makers, count);
        }
    }
}

/* Clashes on the names custom operations and indexes make, with each
 * other and with the models' operations of that name. */
static void named_clashes(roots *t) {
    for (size_t i = 0; i < t->named_count; i++) {
        named *n = t->named_list[i];
        for (int op = 0; op < OP_COUNT; op++)
            if (op_root[op] == n->root)
                family_makers(family_of(t, n->name, op), op, &n->makers, &n->count, &n->cap,
                              &t->scratch);
        clash_among(t, n->root, n->name, n->makers, n->count);
    }
}

/* What makes a root field and how to free its name, in words:
 * "the custom query top" / "rename the custom query top". */
static void describe_maker(roots *t, const maker *m, const char **maker_words, const char **fix) {
    const ds_decl *d = m->decl;
    if (m->index) {
        *maker_words = ds_arena_printf(&t->scratch, "an index of %s", d->name.text);
        *fix = m->index->query_field.text ? "give the index another queryField"
                                          : "give the index a queryField";
    } else if (d->kind == DS_DECL_MODEL) {
        const char *op = model_ops[m->op], *model = ds_decl_name(d);
        *maker_words = ds_arena_printf(&t->scratch, "the %s operation that model %s generates", op, model);
        *fix = ds_arena_printf(&t->scratch, "switch off %s's %s operation with "
                               "`disableOperations: [%s]`", model, op, op);
    } else {
        *maker_words = ds_arena_printf(&t->scratch, "the custom %s %s", ds_decl_kind_word(d), d->name.text);
        *fix = ds_arena_printf(&t->scratch, "rename the custom %s %s", ds_decl_kind_word(d),
                               d->name.text);
    }
}

/* Order clashes as the makers they report are met: by position, then seq. */
static int compare_clashes(const void *pa, const void *pb) {
    return compare_makers(&((const clash *)pa)->again, &((const clash *)pb)->again);
}

/* Report one clash. */
static void report_clash(roots *t, const clash *c) {
    static const char *const root_names[] = {"Query", "Mutation", "Subscription"};
    const char *first_maker, *first_fix, *maker_words, *fix;
    describe_maker(t, &c->first, &first_maker, &first_fix);
    describe_maker(t, &c->again, &maker_words, &fix);
    ds_diag *e = ds_error(t->s, maker_at(&c->again), DS_E_ROOT_FIELD_CLASH,
                          "%s.%s is made twice: by %s and by %s", root_names[c->root], c->name,
                          first_maker, maker_words);
    ds_note_at(t->s, e, maker_at(&c->first), "%s", first_maker);
    ds_hint(t->s, e, "%s, or %s", fix, first_fix);
}

/* No two makers put one field name on one root type. */
static void check_root_fields(ds_resolver *r) {
    roots t = {.s = r->s};
    ds_arena_init(&t.scratch);
    ds_symtab_init(&t.by_cap, &t.scratch);
    ds_symtab_init(&t.by_plural, &t.scratch);
    for (int i = 0; i < 3; i++) ds_symtab_init(&t.names[i], &t.scratch);
    meet_makers(&t);
    named_clashes(&t);
    family_clashes(&t, &t.by_cap, false);
    family_clashes(&t, &t.by_plural, true);
    if (t.clash_count > 1) qsort(t.clashes, t.clash_count, sizeof *t.clashes, compare_clashes);
    for (size_t i = 0; i < t.clash_count; i++) report_clash(&t, &t.clashes[i]);
    ds_arena_free(&t.scratch);
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
