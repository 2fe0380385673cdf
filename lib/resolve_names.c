/* resolve_names.c: implicit type names, the namespace, and type refs.
 *
 * data-schema names an inline enum or custom type on field F of model or
 * type P "P" + capitalize(F) (nested inline types concatenate), an inline
 * argument A of operation O capitalize(O) + capitalize(A), and an inline
 * return type capitalize(O) + "ReturnType". Declared models, enums, custom
 * types and operations are keys of one object, a.schema({...}); implicit
 * types share the type namespace with them. A ref (a.ref('Name')) finds
 * declared names only.
 */
#include <stdlib.h>
#include <string.h>

#include "pluralize.h"
#include "resolve.h"

/* ---- naming implicit declarations ---- */

/* Name an implicit declaration and record it in s->implicit. */
static void name_implicit(ds_schema *s, ds_decl *d, const char *name) {
    d->name.text = name;
    if (d->origin) d->name.span = d->origin->name.span;
    DS_PUSH(&s->arena, s->implicit, s->implicit_count, s->implicit_cap, d);
}

/* Whether a field declares an implicit enum or custom type. */
static bool declares_inline(const ds_field *f) {
    return f && f->inline_decl &&
           (f->kind == DS_FIELD_INLINE_ENUM || f->kind == DS_FIELD_INLINE_TYPE);
}

/* A queue of declarations whose inline fields are still to be named. */
typedef struct decl_queue {
    ds_decl **items;
    size_t count, cap, next;
} decl_queue;

/* Name the inline types of a model's or custom type's fields, queueing
 * them (data-schema appends implicit types to the list it is walking). */
static void name_field_inlines(ds_schema *s, ds_decl *d, decl_queue *q) {
    const char *prefix = ds_capitalize(s, d->name.text);
    for (size_t i = 0; i < d->field_count; i++) {
        ds_field *f = d->fields[i];
        if (!declares_inline(f) || !f->name.text) continue;
        name_implicit(s, f->inline_decl,
                      ds_arena_printf(&s->arena, "%s%s", prefix, ds_capitalize(s, f->name.text)));
        DS_PUSH(&s->arena, q->items, q->count, q->cap, f->inline_decl);
    }
}

/* Name an inline argument and, depth first, the inline fields inside it,
 * in the order data-schema collects an operation's argument enums. */
static void name_argument_inline(ds_schema *s, ds_field *f, const char *prefix) {
    if (!declares_inline(f) || !f->name.text) return;
    const char *name = ds_arena_printf(&s->arena, "%s%s", prefix, ds_capitalize(s, f->name.text));
    name_implicit(s, f->inline_decl, name);
    ds_decl *d = f->inline_decl;
    for (size_t i = 0; i < d->field_count; i++) name_argument_inline(s, d->fields[i], name);
}

/* Name an operation's inline return type and inline arguments. */
static void name_operation_inlines(ds_schema *s, ds_decl *op, decl_queue *q) {
    const char *prefix = ds_capitalize(s, op->name.text);
    if (declares_inline(op->returns)) {
        name_implicit(s, op->returns->inline_decl,
                      ds_arena_printf(&s->arena, "%sReturnType", prefix));
        DS_PUSH(&s->arena, q->items, q->count, q->cap, op->returns->inline_decl);
    }
    for (size_t i = 0; i < op->argument_count; i++)
        name_argument_inline(s, op->arguments[i], prefix);
}

/* Name one declaration's inline types. */
static void name_inlines_of(ds_schema *s, ds_decl *d, decl_queue *q) {
    if (!d->name.text) return;
    if (d->kind == DS_DECL_MODEL || d->kind == DS_DECL_TYPE) name_field_inlines(s, d, q);
    else if (d->kind != DS_DECL_ENUM) name_operation_inlines(s, d, q);
}

/* Name every implicit declaration in the order data-schema meets them:
 * declarations in file order with custom types last, then the implicit
 * types as they were found. */
static void name_implicit_types(ds_schema *s) {
    decl_queue q = {0};
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i]->kind != DS_DECL_TYPE) name_inlines_of(s, s->decls[i], &q);
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i]->kind == DS_DECL_TYPE) name_inlines_of(s, s->decls[i], &q);
    while (q.next < q.count) name_inlines_of(s, q.items[q.next++], &q);
}

/* ---- field tables ---- */

/* Build a declaration's field table and set each field's owner. */
static void index_fields(ds_schema *s, ds_decl *d) {
    ds_symtab_init(&d->field_names, &s->arena);
    bool table = d->field_count > DS_FIELD_SCAN_MAX;
    for (size_t i = 0; i < d->field_count; i++) {
        ds_field *f = d->fields[i];
        if (!f) continue;
        if (!f->owner) f->owner = d;
        if (table && f->name.text) ds_symtab_put(&d->field_names, f->name.text, f);
    }
    d->fields_indexed = true;
    for (size_t i = 0; i < d->argument_count; i++)
        if (d->arguments[i] && !d->arguments[i]->owner) d->arguments[i]->owner = d;
    if (d->returns && !d->returns->owner) d->returns->owner = d;
}

/* ---- the namespace ---- */

/* One name to enter: a declaration and where it is named. */
typedef struct name_entry {
    ds_decl *decl;
    ds_span span;
    size_t seq;
} name_entry;

/* Order entries by position in the files, then by discovery. */
static int compare_entries(const void *pa, const void *pb) {
    const name_entry *a = pa, *b = pb;
    if (ds_span_before(a->span, b->span)) return -1;
    if (ds_span_before(b->span, a->span)) return 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* "the inline enum of Post.privacy" or "the enum Status". */
static const char *describe_decl(ds_schema *s, const ds_decl *d) {
    if (d->implicit && d->origin) {
        const ds_decl *owner = d->origin->owner;
        return ds_arena_printf(&s->arena, "the inline %s of %s.%s", ds_decl_kind_word(d),
                               owner ? ds_decl_name(owner) : "?",
                               d->origin->name.text ? d->origin->name.text : "?");
    }
    return ds_arena_printf(&s->arena, "the %s %s", ds_decl_kind_word(d), ds_decl_name(d));
}

/* Report a name given twice, at the later declaration. */
static void report_clash(ds_resolver *r, ds_decl *later, ds_decl *earlier) {
    ds_schema *s = r->s;
    const char *name = ds_decl_name(later);
    ds_diag *d;
    if (later->implicit)
        d = ds_error(s, ds_decl_name_span(later), DS_E_DUPLICATE_DECL,
                     "%s is named %s, which is already the name of %s",
                     describe_decl(s, later), name, describe_decl(s, earlier));
    else if (earlier->implicit)
        d = ds_error(s, ds_decl_name_span(later), DS_E_DUPLICATE_DECL,
                     "%s has the name of %s, declared before it",
                     describe_decl(s, later), describe_decl(s, earlier));
    else if (later->kind == earlier->kind)
        d = ds_error(s, ds_decl_name_span(later), DS_E_DUPLICATE_DECL,
                     "the %s %s is declared twice", ds_decl_kind_word(later), name);
    else
        d = ds_error(s, ds_decl_name_span(later), DS_E_DUPLICATE_DECL,
                     "%s is declared twice, as %s %s and as %s %s; models, enums, custom types "
                     "and operations share one namespace",
                     name, earlier->kind == DS_DECL_ENUM ? "an" : "a", ds_decl_kind_word(earlier),
                     later->kind == DS_DECL_ENUM ? "an" : "a", ds_decl_kind_word(later));
    if (earlier->implicit)
        ds_note_at(s, d, ds_decl_name_span(earlier), "%s is named %s", describe_decl(s, earlier),
                   name);
    else
        ds_note_at(s, d, ds_decl_name_span(earlier), "%s is declared here",
                   describe_decl(s, earlier));
    const ds_decl *inline_one = later->implicit ? later : earlier;
    const ds_decl *declared = later->implicit ? earlier : later;
    if (later->implicit != earlier->implicit && inline_one->origin &&
        inline_one->origin->name.text && inline_one->kind == declared->kind)
        ds_hint(s, d, "if they are meant to be one %s, write `%s: %s`; otherwise rename one (an "
                      "inline type is named after its parent and field)",
                ds_decl_kind_word(declared), inline_one->origin->name.text, name);
    else if (later->implicit || earlier->implicit)
        ds_hint(s, d, "rename one of them: an inline type is named after its parent and field");
    else
        ds_hint(s, d, "rename one of the two declarations");
    later->invalid = true;
    /* A ref or relationship naming a type that clashes with another type
       may mean either: it is not checked further. A type and an operation
       are told apart by where the name is used. */
    if ((later->kind >= DS_DECL_QUERY) == (earlier->kind >= DS_DECL_QUERY))
        ds_symtab_put(&r->clashed, name, later);
}

/* Enter one declaration into the tables, reporting a clash. */
static void enter_name(ds_resolver *r, ds_decl *d) {
    ds_schema *s = r->s;
    const char *name = d->name.text;
    bool operation = d->kind >= DS_DECL_QUERY;
    ds_decl *earlier = NULL;
    if (!d->implicit) earlier = ds_symtab_get(&r->declared, name);
    if (!earlier && !operation) earlier = ds_symtab_get(&s->types, name);
    if (earlier) {
        report_clash(r, d, earlier);
        return;
    }
    if (!d->implicit) ds_symtab_put(&r->declared, name, d);
    ds_symtab_put(operation ? &s->operations : &s->types, name, d);
}

/* Fill s->types, s->operations and r->declared, the later of two
 * declarations with one name being the one in error. */
static void build_namespace(ds_resolver *r) {
    ds_schema *s = r->s;
    size_t n = s->decl_count + s->implicit_count, k = 0;
    name_entry *entries = ds_arena_alloc(&s->arena, (n ? n : 1) * sizeof *entries);
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i]->name.text)
            entries[k] = (name_entry){s->decls[i], s->decls[i]->name.span, k}, k++;
    for (size_t i = 0; i < s->implicit_count; i++)
        if (s->implicit[i]->name.text)
            entries[k] = (name_entry){s->implicit[i], ds_decl_name_span(s->implicit[i]), k}, k++;
    qsort(entries, k, sizeof *entries, compare_entries);
    for (size_t i = 0; i < k; i++) enter_name(r, entries[i].decl);
}

/* ---- names that cannot be used, declarations with nothing in them ---- */

/* The types the Amplify directive definitions declare (graphql-directives'
 * DefaultDirectives): the transformer and the model introspection
 * generator add them to the schema, so a declaration with one of these
 * names does not deploy ("There can be only one type named ..."). */
static const char *const directive_types[] = {
    "AuthRule", "AuthStrategy", "AuthProvider", "ModelOperation", "HttpMethod", "HttpHeader",
    "ModelMutationMap", "ModelQueryMap", "ModelSubscriptionMap", "ModelSubscriptionLevel",
    "TimestampConfiguration", "PredictionsActions", "SearchableQueryMap"};

/* Why a type name is reserved, or NULL when it is free. */
static const char *reserved_reason(ds_schema *s, const char *name) {
    static const char *const roots[] = {"Query", "Mutation", "Subscription"};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(name, roots[i]) == 0) return "a GraphQL root type";
    const char *scalar = ds_scalar_graphql_name(ds_scalar_lookup(name));
    if (scalar && strcmp(scalar, name) == 0) return "a GraphQL scalar";
    if (strncmp(name, "__", 2) == 0) return "reserved by GraphQL (names starting with __)";
    for (size_t i = 0; i < sizeof directive_types / sizeof *directive_types; i++)
        if (strcmp(name, directive_types[i]) == 0)
            return ds_arena_printf(&s->arena, "a type that the Amplify directives declare "
                                              "(deployment fails: \"There can be only one type "
                                              "named %s\")", name);
    return NULL;
}

/* A model, enum or custom type may not take a reserved name. */
static void check_reserved(ds_resolver *r, ds_decl *d) {
    ds_schema *s = r->s;
    if (d->invalid || d->kind >= DS_DECL_QUERY || !d->name.text) return;
    const char *why = reserved_reason(s, d->name.text);
    if (!why) return;
    ds_diag *e;
    if (d->implicit) {
        e = ds_error(s, ds_decl_name_span(d), DS_E_RESERVED_NAME,
                     "%s is named %s, which is reserved: it is %s", describe_decl(s, d),
                     d->name.text, why);
        ds_hint(s, e, "rename the field (an inline type is named after its parent and field), or "
                      "declare the %s under %s with another name", ds_decl_kind_word(d),
                d->kind == DS_DECL_ENUM ? "enums" : "types");
    } else {
        e = ds_error(s, ds_decl_name_span(d), DS_E_RESERVED_NAME,
                     "%s cannot name %s %s: it is %s", d->name.text,
                     d->kind == DS_DECL_ENUM ? "an" : "a", ds_decl_kind_word(d), why);
        ds_hint(s, e, "choose another name, e.g. %s%s", d->name.text,
                d->kind == DS_DECL_MODEL ? "Item" : d->kind == DS_DECL_ENUM ? "Kind" : "Info");
    }
    d->invalid = true;
}

/* A model, custom type or enum must declare something: data-schema would
 * print an empty block, which no GraphQL parser accepts. */
static void check_empty(ds_resolver *r, ds_decl *d) {
    ds_schema *s = r->s;
    if (d->invalid) return;
    bool empty = d->kind == DS_DECL_ENUM ? d->values.count == 0
               : (d->kind == DS_DECL_MODEL || d->kind == DS_DECL_TYPE) && d->field_count == 0;
    if (!empty) return;
    const char *what = d->kind == DS_DECL_ENUM ? "no values" : "no fields";
    ds_diag *e = ds_error(s, ds_decl_name_span(d), DS_E_EMPTY_DECL, "%s declares %s",
                          describe_decl(s, d), what);
    ds_hint(s, e, d->kind == DS_DECL_ENUM ? "list at least one value, or remove the enum"
                                          : "declare at least one field, or remove it");
    d->invalid = true;
}

/* ---- type refs ---- */

/* Whether field f may name a model by ref: only an operation's return. */
static bool may_name_model(const ds_field *f) {
    return f->owner && f->owner->kind >= DS_DECL_QUERY && f->owner->returns == f;
}

/* "did you mean" over scalars, enums and custom types (and models, for
 * an operation's return type). */
static const char *closest_type(ds_resolver *r, const char *name, bool models) {
    ds_schema *s = r->s;
    ds_candidates names = {0};
    for (int i = 1; i < DS_SCALAR_COUNT; i++) ds_candidates_add(&names, ds_scalar_builder_name((ds_scalar)i));
    for (size_t i = 0; i < s->decl_count; i++) {
        ds_decl *d = s->decls[i];
        if (d->kind == DS_DECL_ENUM || d->kind == DS_DECL_TYPE || (models && d->kind == DS_DECL_MODEL))
            ds_candidates_add(&names, d->name.text);
    }
    return ds_candidates_closest(&names, name);
}

/* Report a ref that names nothing declared. */
static void report_unknown_type(ds_resolver *r, ds_field *f) {
    ds_schema *s = r->s;
    const char *name = f->type.base;
    ds_decl *implicit = ds_lookup_type(r, name);
    bool returns = may_name_model(f);
    ds_diag *e;
    if (returns)
        e = ds_error(s, f->type.span, DS_E_UNKNOWN_TYPE, "the %s %s returns %s, which is neither "
                     "a scalar nor a declared model, enum or custom type",
                     ds_decl_kind_word(f->owner), ds_decl_name(f->owner), name);
    else
        e = ds_error(s, f->type.span, DS_E_UNKNOWN_TYPE, "%s has the type %s, which is neither "
                     "a scalar nor a declared enum or custom type", ds_field_where(s, f), name);
    if (implicit && implicit->implicit) {
        ds_note_at(s, e, ds_decl_name_span(implicit), "%s is the name given to %s", name,
                   describe_decl(s, implicit));
        ds_hint(s, e, "an inline type cannot be referred to by name: declare %s under %s and "
                      "use it in both places", name,
                implicit->kind == DS_DECL_ENUM ? "enums" : "types");
        return;
    }
    const char *near = closest_type(r, name, returns);
    if (near) {
        ds_hint(s, e, "did you mean %s?", near);
        ds_suggest(s, e, ds_span_of_text(s, f->type.span, name), near);
    } else ds_hint(s, e, "use a scalar (string, integer, float, boolean, id, ...) or declare %s "
                       "under %s", name, returns ? "models, enums or types" : "enums or types");
}

/* What a model's name is doing where a ref is: a model field, a custom
 * type field, or an argument. */
static void report_model_ref(ds_resolver *r, ds_field *f, ds_decl *model) {
    ds_schema *s = r->s;
    const ds_decl *owner = f->owner;
    const char *fname = f->name.text ? f->name.text : "?";
    ds_diag *e;
    if (owner && owner->kind == DS_DECL_MODEL) {
        e = ds_error(s, f->type.span, DS_E_MODEL_AS_TYPE,
                     "%s.%s names the model %s as its type; a link to a model must be a "
                     "relationship (belongsTo, hasOne or hasMany)",
                     ds_decl_name(owner), fname, ds_decl_name(model));
        ds_hint(s, e, "write `%s: { belongsTo: %s, references: %sId }` and `%sId: id` in %s, "
                      "and `%s: { hasMany: %s, references: %sId }` (or a hasOne) in %s",
                fname, ds_decl_name(model), fname, fname, ds_decl_name(owner),
                ds_pluralize(&s->arena, ds_decapitalize(s, ds_decl_name(owner))),
                ds_decl_name(owner), fname, ds_decl_name(model));
    } else if (owner && owner->kind == DS_DECL_TYPE) {
        e = ds_error(s, f->type.span, DS_E_MODEL_AS_TYPE,
                     "the custom type %s refers to the model %s in its field %s; custom type "
                     "fields cannot name models",
                     ds_decl_name(owner), ds_decl_name(model), fname);
        ds_hint(s, e, "store the model's identifier instead, e.g. `%sId: id`", fname);
    } else {
        e = ds_error(s, f->type.span, DS_E_MODEL_AS_TYPE,
                     "the argument %s of %s names the model %s; arguments can be scalars, "
                     "enums or custom types only",
                     fname, owner ? ds_decl_name(owner) : "?", ds_decl_name(model));
        ds_hint(s, e, "pass the model's identifier instead, e.g. `%sId: id`", fname);
    }
    ds_note_at(s, e, model->name.span, "%s is declared as a model here", ds_decl_name(model));
}

/* Resolve the ref of one field, argument or return. */
static void resolve_ref(ds_resolver *r, ds_field *f) {
    if (!f || f->invalid || f->kind != DS_FIELD_REF || !f->type.base) return;
    const char *name = f->type.base;
    ds_decl *d = ds_symtab_get(&r->declared, name);
    if (d && d->kind >= DS_DECL_QUERY) d = NULL;
    if (!d) {
        if (!ds_name_clashed(r, name)) report_unknown_type(r, f);
        f->invalid = true;
        return;
    }
    f->type.target = d;
    if (d->kind == DS_DECL_MODEL && !may_name_model(f)) {
        if (!ds_name_clashed(r, name)) report_model_ref(r, f, d);
        f->invalid = true;
    }
}

/* Relationships belong in models; the transformer rejects them elsewhere. */
static void check_relation_place(ds_resolver *r, ds_field *f) {
    ds_schema *s = r->s;
    if (f->invalid || f->kind != DS_FIELD_RELATION || !f->owner) return;
    if (f->owner->kind == DS_DECL_MODEL && !f->owner->implicit) return;
    bool argument = f->owner->kind >= DS_DECL_QUERY;
    const char *but = argument ? ""
                    : f->owner->implicit ? ", but it is in an inline custom type"
                    : ds_arena_printf(&s->arena, ", but %s is a custom type",
                                      ds_decl_name(f->owner));
    ds_diag *e = ds_error(s, f->name.span, DS_E_RELATION_PLACE,
                          "%s is a relationship%s; relationships can only be fields of models",
                          ds_field_where(s, f), but);
    const char *id = ds_arena_printf(&s->arena, "%sId", f->name.text ? f->name.text : "item");
    if (argument) ds_hint(s, e, "take the related model's identifier instead: `%s: id`", id);
    else ds_hint(s, e, "store the related model's identifier instead (`%s: id`), or make %s a "
                       "model", id,
                 f->owner->implicit ? "the inline type" : ds_decl_name(f->owner));
    f->invalid = true;
}

/* Resolve the refs of one declaration's fields, arguments and return. */
static void resolve_refs_of(ds_resolver *r, ds_decl *d) {
    for (size_t i = 0; i < d->field_count; i++) {
        if (!d->fields[i]) continue;
        resolve_ref(r, d->fields[i]);
        check_relation_place(r, d->fields[i]);
    }
    for (size_t i = 0; i < d->argument_count; i++) {
        if (!d->arguments[i]) continue;
        resolve_ref(r, d->arguments[i]);
        check_relation_place(r, d->arguments[i]);
    }
    resolve_ref(r, d->returns);
}

/* Every declaration, top-level then implicit, through fn. */
static void each_decl(ds_resolver *r, void (*fn)(ds_resolver *, ds_decl *)) {
    ds_schema *s = r->s;
    for (size_t i = 0; i < s->decl_count; i++) fn(r, s->decls[i]);
    for (size_t i = 0; i < s->implicit_count; i++) fn(r, s->implicit[i]);
}

/* Build a declaration's field table (resolver signature). */
static void index_decl(ds_resolver *r, ds_decl *d) { index_fields(r->s, d); }

void ds_resolve_names(ds_resolver *r) {
    name_implicit_types(r->s);
    each_decl(r, index_decl);
    build_namespace(r);
    each_decl(r, check_reserved);
    each_decl(r, check_empty);
    each_decl(r, resolve_refs_of);
}
