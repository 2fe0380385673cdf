/* diff_api.c: one side's client-facing schema, as the Amplify transformer
 * makes it from the SDL data-schema prints (see diff_api.h). For a model M
 * (plural Ms) that is:
 *   type M                 its fields (relationships as M or ModelXConnection
 *                          with filter/sortDirection/limit/nextToken), id
 *                          unless it has an identifier, createdAt/updatedAt
 *                          unless declared, the owner fields of owner rules
 *   type ModelMConnection  items: [M]!, nextToken: String
 *   input CreateMInput, UpdateMInput, DeleteMInput (per enabled mutation)
 *   input ModelMFilterInput, ModelMConditionInput,
 *         ModelSubscriptionMFilterInput, Model<Enum>Input of its enums
 *   Query.getM, Query.listMs, index queries, Mutation.createM/updateM/
 *   deleteM, Subscription.onCreateM/onUpdateM/onDeleteM, as
 *   disableOperations leaves them.
 * Enums, custom types (and their XInput) and custom operations come as
 * the SDL prints them. */
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "diff_api.h"
#include "order.h"

/* ------------------------------------------------------------ building */

/* Up to this many fields a type's fields are scanned: only the root types
 * (a few fields a model) grow past it, and a table for each of the many
 * small input types would cost more memory than the scans cost time. */
#define API_SCAN_MAX 64

/* An arena string of a printf. */
#define FMT(api, ...) ds_arena_printf((api)->arena, __VA_ARGS__)

/* The type called name, made when missing (a second maker adds nothing). */
static api_type *add_type(api_schema *api, const char *name, api_kind kind, ds_span span,
                          bool *fresh) {
    api_type *t = ds_symtab_get(&api->by_name, name);
    *fresh = !t;
    if (t) return t;
    t = ds_arena_alloc(api->arena, sizeof *t);
    t->name = name;
    t->kind = kind;
    t->span = span;
    ds_symtab_put(&api->by_name, name, t);
    DS_PUSH(api->arena, api->types, api->type_count, api->type_cap, t);
    return t;
}

/* Index t's fields by name once it has too many to scan (Query has one
 * or more per model). */
static void index_fields(api_schema *api, api_type *t) {
    ds_symtab_init_sized(&t->field_index, api->arena, 2 * t->field_count);
    for (size_t i = 0; i < t->field_count; i++)
        ds_symtab_put(&t->field_index, t->fields[i].name, (void *)(uintptr_t)(i + 1));
    t->indexed = true;
}

/* Add a field to t unless it has one of that name; returns the field (or
 * NULL), valid until the next field is added. */
static api_field *add_field(api_schema *api, api_type *t, const char *name, const char *type,
                            ds_span span) {
    if (api_find_field(t, name)) return NULL;
    api_field f = {name, type, NULL, 0, 0, span};
    DS_PUSH(api->arena, t->fields, t->field_count, t->field_cap, f);
    if (t->indexed) ds_symtab_put(&t->field_index, name, (void *)(uintptr_t)t->field_count);
    else if (t->field_count > API_SCAN_MAX) index_fields(api, t);
    return &t->fields[t->field_count - 1];
}

/* Add an argument to a field. */
static void add_arg(api_schema *api, api_field *f, const char *name, const char *type,
                    ds_span span) {
    if (!f) return;
    api_arg a = {name, type, span};
    DS_PUSH(api->arena, f->args, f->arg_count, f->arg_cap, a);
}

/* The printed base name of a field's type (custom types with suffix). */
static const char *base_name(const ds_field *f, const char *type_suffix, api_schema *api) {
    switch (f->kind) {
    case DS_FIELD_SCALAR: return ds_scalar_graphql_name(f->type.scalar);
    case DS_FIELD_REF:
        if (f->type.target && f->type.target->kind == DS_DECL_TYPE && *type_suffix)
            return FMT(api, "%s%s", f->type.base, type_suffix);
        return f->type.base;
    case DS_FIELD_INLINE_TYPE:
        if (*type_suffix) return FMT(api, "%s%s", f->inline_decl->name.text, type_suffix);
        return f->inline_decl->name.text;
    case DS_FIELD_INLINE_ENUM: return f->inline_decl->name.text;
    case DS_FIELD_RELATION: return f->rel->related.text;
    }
    return "?";
}

/* The arena string of parts joined (a NULL part ends them): names are
 * made by the thousand, faster than through printf. */
static const char *join(api_schema *api, const char *const *parts) {
    size_t len = 0;
    for (size_t i = 0; parts[i]; i++) len += strlen(parts[i]);
    char *out = ds_arena_alloc_raw(api->arena, len + 1), *p = out;
    for (size_t i = 0; parts[i]; i++) {
        size_t n = strlen(parts[i]);
        memcpy(p, parts[i], n);
        p += n;
    }
    *p = '\0';
    return out;
}

/* name with its first letter upper-cased, as the model transformer names
 * what it makes (CreateInvoiceInput for model invoice). */
static const char *capitalized(api_schema *api, const char *name) {
    if (!name || !(name[0] >= 'a' && name[0] <= 'z')) return name;
    char *out = ds_arena_strdup(api->arena, name);
    out[0] = (char)(out[0] - 'a' + 'A');
    return out;
}

/* A field's type as the SDL prints it ("[String!]!"); inline enums and
 * types print bare, as data-schema prints them. */
static const char *type_text(api_schema *api, const ds_field *f, const char *type_suffix) {
    const char *base = base_name(f, type_suffix, api);
    if (f->kind == DS_FIELD_INLINE_ENUM || f->kind == DS_FIELD_INLINE_TYPE) return base;
    const ds_type *t = &f->type;
    if (!t->list && !t->required) return base;
    const char *parts[] = {t->list ? "[" : "", base, t->required ? "!" : "", t->list ? "]" : "",
                           t->list && t->list_required ? "!" : "", NULL};
    return join(api, parts);
}

/* A type text without its outermost `!`. */
static const char *optional(api_schema *api, const char *type) {
    size_t n = strlen(type);
    return n && type[n - 1] == '!' ? ds_arena_strndup(api->arena, type, n - 1) : type;
}

/* A type text with an outermost `!`. */
static const char *required(api_schema *api, const char *type) {
    size_t n = strlen(type);
    const char *parts[] = {type, "!", NULL};
    return n && type[n - 1] == '!' ? type : join(api, parts);
}

/* Whether a model's key is the default one, id alone (declared or not, with
 * identifier: [id] or without): the transformer treats it as no @primaryKey. */
static bool default_key(const ds_decl *m) {
    return m->sort_key_count == 0 && strcmp(m->pk_name, "id") == 0;
}

/* Whether f is one of m's identifier fields. */
static bool is_key_field(const ds_decl *m, const char *name) {
    if (strcmp(m->pk_name, name) == 0) return true;
    for (size_t i = 0; i < m->sort_key_count; i++)
        if (strcmp(m->sort_keys[i].text, name) == 0) return true;
    return false;
}

/* Whether an enum field filters by Model<Enum>ListInput: a list the
 * transformer sees as one, which it does not when the list is required
 * ([E!]! is a non-null type to it, and filters by Model<Enum>Input). */
static bool enum_list_filter(const ds_field *f) {
    return f->type.list && !f->type.list_required;
}

/* The filter input of a field's type (for a subscription filter or not),
 * or NULL for what cannot be filtered (custom types, relationships). */
static const char *filter_type(api_schema *api, const ds_field *f, bool subscription) {
    if (ds_field_is_enum(f)) {
        if (subscription) return "ModelSubscriptionStringInput";
        return FMT(api, "Model%s%sInput", base_name(f, "", api), enum_list_filter(f) ? "List" : "");
    }
    if (f->kind != DS_FIELD_SCALAR) return NULL;
    switch (f->type.scalar) {
    case DS_SCALAR_ID: return subscription ? "ModelSubscriptionIDInput" : "ModelIDInput";
    case DS_SCALAR_INTEGER:
    case DS_SCALAR_TIMESTAMP: return subscription ? "ModelSubscriptionIntInput" : "ModelIntInput";
    case DS_SCALAR_FLOAT: return subscription ? "ModelSubscriptionFloatInput" : "ModelFloatInput";
    case DS_SCALAR_BOOLEAN: return subscription ? "ModelSubscriptionBooleanInput" : "ModelBooleanInput";
    default: return subscription ? "ModelSubscriptionStringInput" : "ModelStringInput";
    }
}

/* The key condition input of a sort key field. */
static const char *key_condition_type(const ds_field *f) {
    switch (ds_field_scalar(f)) {
    case DS_SCALAR_ID: return "ModelIDKeyConditionInput";
    case DS_SCALAR_INTEGER: return "ModelIntKeyConditionInput";
    case DS_SCALAR_FLOAT: return "ModelFloatKeyConditionInput";
    default: return "ModelStringKeyConditionInput";
    }
}

/* One model as the builder walks it. */
typedef struct model_ctx {
    api_schema *api;
    const ds_decl *m;
    const char *name;          /* as declared: the type, and the index and relational
                                  transformers' ModelXConnection / ModelXFilterInput */
    const char *upper, *upper_plural; /* capitalized: the model transformer's names */
    ds_span span;
    bool implicit_id;
} model_ctx;

/* The owner fields the model's owner rules name (only those it does not
 * declare unless declared_too), with their type, calling each(c, name, type). */
static void each_owner_field(model_ctx *c, bool declared_too,
                             void (*each)(model_ctx *, const char *, const char *, void *), void *arg) {
    const ds_rules *rules = c->m->rules;
    for (size_t i = 0; rules && i < rules->count; i++) {
        const ds_rule *r = &rules->items[i];
        if (r->invalid || r->strategy != DS_STRATEGY_OWNER || !r->auth_field) continue;
        if (!declared_too && ds_decl_field(c->m, r->auth_field)) continue;
        each(c, r->auth_field, r->allow == DS_ALLOW_OWNERS_DEFINED_IN ? "[String]" : "String", arg);
    }
}

/* Add an owner field to an object type. */
static void owner_to_object(model_ctx *c, const char *name, const char *type, void *t) {
    add_field(c->api, t, name, type, c->span);
}

/* Add an owner field to a filter input. */
static void owner_to_filter(model_ctx *c, const char *name, const char *type, void *t) {
    (void)type;
    api_type *in = t;
    bool sub = strncmp(in->name, "ModelSubscription", 17) == 0;
    add_field(c->api, in, name, sub ? "ModelSubscriptionStringInput" : "ModelStringInput", c->span);
}

/* Add an owner argument to a subscription field. */
static void owner_to_arg(model_ctx *c, const char *name, const char *type, void *f) {
    (void)type;
    api_field *af = f;
    for (size_t i = 0; af && i < af->arg_count; i++)
        if (strcmp(af->args[i].name, name) == 0) return;
    add_arg(c->api, af, name, "String", c->span);
}

/* The filter, sortDirection, limit and nextToken arguments of a list. */
static void list_args(api_schema *api, api_field *f, const char *model, ds_span span) {
    add_arg(api, f, "filter", FMT(api, "Model%sFilterInput", model), span);
    add_arg(api, f, "sortDirection", "ModelSortDirection", span);
    add_arg(api, f, "limit", "Int", span);
    add_arg(api, f, "nextToken", "String", span);
}

/* Whether an index query or a hasMany onto the model lists it: the index and
 * relational transformers then make ModelXConnection and ModelXFilterInput
 * under its name as declared. */
static bool listed_by_index_or_relation(const ds_decl *m) {
    for (size_t i = 0; i < m->index_count; i++)
        if (!m->indexes[i].invalid && m->indexes[i].query_field_name) return true;
    for (size_t i = 0; i < m->field_count; i++) {
        const ds_field *f = m->fields[i];
        if (f->kind == DS_FIELD_RELATION && f->rel->kind == DS_REL_BELONGS_TO && f->rel->counterpart &&
            f->rel->counterpart->rel && f->rel->counterpart->rel->kind == DS_REL_HAS_MANY)
            return true;
    }
    return false;
}

/* ModelXConnection over the model. */
static void connection(model_ctx *c, const char *x) {
    api_schema *api = c->api;
    bool fresh;
    api_type *conn = add_type(api, FMT(api, "Model%sConnection", x), API_OBJECT, c->span, &fresh);
    add_field(api, conn, "items", FMT(api, "[%s]!", c->name), c->span);
    add_field(api, conn, "nextToken", "String", c->span);
}

/* type M: its fields as the client reads them. */
static void model_object(model_ctx *c) {
    api_schema *api = c->api;
    bool fresh;
    api_type *t = add_type(api, c->name, API_OBJECT, c->span, &fresh);
    if (c->implicit_id) add_field(api, t, "id", "ID!", c->span);
    for (size_t i = 0; i < c->m->field_count; i++) {
        const ds_field *f = c->m->fields[i];
        if (f->invalid) continue;
        if (f->kind != DS_FIELD_RELATION) {
            const char *type = type_text(api, f, "");
            add_field(api, t, f->name.text, is_key_field(c->m, f->name.text) ? required(api, type) : type,
                      f->name.span);
        } else if (f->rel->kind == DS_REL_HAS_MANY) {
            api_field *af = add_field(api, t, f->name.text,
                                      FMT(api, "Model%sConnection", f->rel->related.text), f->name.span);
            list_args(api, af, f->rel->related.text, f->name.span);
        } else {
            add_field(api, t, f->name.text, f->rel->related.text, f->name.span);
        }
    }
    add_field(api, t, "createdAt", "AWSDateTime!", c->span);
    add_field(api, t, "updatedAt", "AWSDateTime!", c->span);
    each_owner_field(c, false, owner_to_object, t);
}

/* The input of a mutation: create (every field as declared: a default does
 * not make it optional),
 * update (keys required, the rest optional) or delete (keys only). */
static void mutation_input(model_ctx *c, const char *op) {
    api_schema *api = c->api;
    bool fresh, create = op[0] == 'C', del = op[0] == 'D';
    api_type *t = add_type(api, FMT(api, "%s%sInput", op, c->upper), API_INPUT, c->span, &fresh);
    if (c->implicit_id) add_field(api, t, "id", create ? "ID" : "ID!", c->span);
    for (size_t i = 0; i < c->m->field_count; i++) {
        const ds_field *f = c->m->fields[i];
        if (f->invalid || f->kind == DS_FIELD_RELATION) continue;
        bool key = is_key_field(c->m, f->name.text);
        if (del && !key) continue;
        const char *type = type_text(api, f, "Input");
        if (key && create && default_key(c->m)) type = optional(api, type);  /* generated */
        else if (key) type = required(api, type);
        else if (!create) type = optional(api, type);
        add_field(api, t, f->name.text, type, f->name.span);
    }
}

/* A filter input: a Model<X>Input for each filterable field, and the
 * combinators; condition inputs leave the keys out, the model transformer's
 * filters always have id and the timestamps (declared_only: the index and
 * relational transformers' have the declared and owner fields only). */
static void filter_input(model_ctx *c, const char *name, bool subscription, bool condition,
                         bool declared_only) {
    api_schema *api = c->api;
    bool fresh;
    api_type *t = add_type(api, name, API_INPUT, c->span, &fresh);
    const char *id_type = subscription ? "ModelSubscriptionIDInput" : "ModelIDInput";
    /* The transformer leaves out the keys of an identifier (a declared id
       as the default key stays), and finds them under the capitalized name:
       a model named in lower case keeps them in its condition. */
    bool keys_out = !default_key(c->m) && strcmp(c->name, c->upper) == 0;
    const char *str_type = subscription ? "ModelSubscriptionStringInput" : "ModelStringInput";
    for (size_t i = 0; i < c->m->field_count; i++) {
        const ds_field *f = c->m->fields[i];
        if (f->invalid || (condition && keys_out && is_key_field(c->m, f->name.text))) continue;
        const char *type = filter_type(api, f, subscription);
        if (type) add_field(api, t, f->name.text, type, f->name.span);
    }
    /* The model transformer's filters keep id whatever the identifier. */
    if (!condition && !declared_only) add_field(api, t, "id", id_type, c->span);
    if (!declared_only) {
        add_field(api, t, "createdAt", str_type, c->span);
        add_field(api, t, "updatedAt", str_type, c->span);
    }
    add_field(api, t, "and", FMT(api, "[%s]", name), c->span);
    add_field(api, t, "or", FMT(api, "[%s]", name), c->span);
    if (!subscription) add_field(api, t, "not", name, c->span);
    /* The owner fields reach the index and relational transformers' filter
       through the capitalized name only. */
    if (!declared_only || strcmp(c->name, c->upper) == 0) each_owner_field(c, false, owner_to_filter, t);
}

/* Model<Enum>Input (eq, ne), or Model<Enum>ListInput (eq, ne of lists,
 * contains, notContains), for the enums the model's fields filter by. */
static void enum_filter_inputs(model_ctx *c) {
    api_schema *api = c->api;
    for (size_t i = 0; i < c->m->field_count; i++) {
        const ds_field *f = c->m->fields[i];
        if (f->invalid || !ds_field_is_enum(f)) continue;
        const char *e = base_name(f, "", api);
        bool fresh, list = enum_list_filter(f);
        if (ds_symtab_put(&api->enum_inputs[list], e, (void *)e)) continue;  /* made already */
        api_type *t = add_type(api, FMT(api, "Model%s%sInput", e, list ? "List" : ""), API_INPUT,
                               f->name.span, &fresh);
        const char *v = list ? FMT(api, "[%s]", e) : e;
        add_field(api, t, "eq", v, f->name.span);
        add_field(api, t, "ne", v, f->name.span);
        if (list) {
            add_field(api, t, "contains", e, f->name.span);
            add_field(api, t, "notContains", e, f->name.span);
        }
    }
}

/* The root type called name (Query, Mutation, Subscription). */
static api_type *root(api_schema *api, const char *name) {
    bool fresh;
    return add_type(api, name, API_OBJECT, DS_NO_SPAN, &fresh);
}

/* The type text of a model's key field (id: ID). */
static const char *key_type(model_ctx *c, const char *name) {
    const ds_field *f = ds_decl_field(c->m, name);
    return f ? optional(c->api, type_text(c->api, f, "")) : "ID";
}

/* The camelCase join of sort keys names (statusCreatedAt). */
static const char *joined_keys(api_schema *api, const ds_name *keys, size_t n, bool upper_first) {
    ds_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        const char *k = keys[i].text;
        char first = (i || upper_first) && k[0] >= 'a' && k[0] <= 'z' ? (char)(k[0] - 32) : k[0];
        ds_buf_putc(&b, first);
        ds_buf_puts(&b, k + 1);
    }
    const char *s = ds_arena_strndup(api->arena, b.data ? b.data : "", b.len);
    ds_buf_free(&b);
    return s;
}

/* The sort key argument of a key: one field's condition, or the
 * composite key's (named composite_type). */
static void sort_key_arg(model_ctx *c, api_field *f, const ds_name *keys, size_t n,
                         const char *composite_type, ds_span span) {
    if (n == 1) add_arg(c->api, f, keys[0].text, key_condition_type(ds_decl_field(c->m, keys[0].text)), span);
    else if (n > 1) add_arg(c->api, f, joined_keys(c->api, keys, n, false), composite_type, span);
}

/* Query.getM and Query.listMs. */
static void model_queries(model_ctx *c) {
    api_schema *api = c->api;
    api_type *q = root(api, "Query");
    unsigned off = c->m->disabled.off;
    if (!(off & DS_OP_GET)) {
        api_field *f = add_field(api, q, FMT(api, "get%s", c->upper), c->name, c->span);
        add_arg(api, f, c->m->pk_name, required(api, key_type(c, c->m->pk_name)), c->span);
        for (size_t i = 0; i < c->m->sort_key_count; i++)
            add_arg(api, f, c->m->sort_keys[i].text, required(api, key_type(c, c->m->sort_keys[i].text)),
                    c->span);
    }
    if (!(off & DS_OP_LIST)) {
        api_field *f = add_field(api, q, FMT(api, "list%s", c->upper_plural),
                                 FMT(api, "Model%sConnection", c->upper), c->span);
        if (!c->implicit_id) {
            add_arg(api, f, c->m->pk_name, key_type(c, c->m->pk_name), c->span);
            sort_key_arg(c, f, c->m->sort_keys, c->m->sort_key_count,
                         FMT(api, "Model%sPrimaryCompositeKeyConditionInput", c->upper), c->span);
        }
        add_arg(api, f, "filter", FMT(api, "Model%sFilterInput", c->upper), c->span);
        add_arg(api, f, "limit", "Int", c->span);
        add_arg(api, f, "nextToken", "String", c->span);
        if (!c->implicit_id) add_arg(api, f, "sortDirection", "ModelSortDirection", c->span);
    }
}

/* The query field of each secondary index. */
static void index_queries(model_ctx *c) {
    api_schema *api = c->api;
    for (size_t i = 0; i < c->m->index_count; i++) {
        const ds_index *ix = &c->m->indexes[i];
        if (ix->invalid || !ix->query_field_name) continue;
        api_field *f = add_field(api, root(api, "Query"), ix->query_field_name,
                                 FMT(api, "Model%sConnection", c->name), ix->span);
        add_arg(api, f, ix->field.text, required(api, key_type(c, ix->field.text)), ix->span);
        sort_key_arg(c, f, ix->sort_keys.items, ix->sort_keys.count,
                     FMT(api, "Model%s%sCompositeKeyConditionInput", c->name,
                         joined_keys(api, ix->sort_keys.items, ix->sort_keys.count, true)),
                     ix->span);
        add_arg(api, f, "sortDirection", "ModelSortDirection", ix->span);
        add_arg(api, f, "filter", FMT(api, "Model%sFilterInput", c->name), ix->span);
        add_arg(api, f, "limit", "Int", ix->span);
        add_arg(api, f, "nextToken", "String", ix->span);
    }
}

/* Mutation.createM/updateM/deleteM with their inputs. */
static void model_mutations(model_ctx *c, model_ctx *rc) {
    static const struct { unsigned bit; const char *verb, *input; } ops[] = {
        {DS_OP_CREATE, "create", "Create"}, {DS_OP_UPDATE, "update", "Update"},
        {DS_OP_DELETE, "delete", "Delete"}};
    api_schema *api = c->api;
    bool any = false;
    for (size_t i = 0; i < 3; i++) {
        if (c->m->disabled.off & ops[i].bit) continue;
        any = true;
        if (c->api) mutation_input(c, ops[i].input);
        api_schema *sh = rc->api;
        api_field *f = add_field(sh, root(sh, "Mutation"), FMT(sh, "%s%s", ops[i].verb, c->upper),
                                 c->name, c->span);
        add_arg(sh, f, "input", FMT(sh, "%s%sInput!", ops[i].input, c->upper), c->span);
        add_arg(sh, f, "condition", FMT(sh, "Model%sConditionInput", c->upper), c->span);
    }
    if (any && api) filter_input(c, FMT(api, "Model%sConditionInput", c->upper), false, true, false);
}

/* Subscription.onCreateM/onUpdateM/onDeleteM: each needs its mutation too. */
static void model_subscriptions(model_ctx *c, model_ctx *rc) {
    static const struct { unsigned bit, mutation; const char *verb; } ops[] = {
        {DS_OP_ON_CREATE, DS_OP_CREATE, "onCreate"}, {DS_OP_ON_UPDATE, DS_OP_UPDATE, "onUpdate"},
        {DS_OP_ON_DELETE, DS_OP_DELETE, "onDelete"}};
    api_schema *api = c->api;
    bool any = false;
    for (size_t i = 0; i < 3; i++) {
        if (c->m->disabled.off & (ops[i].bit | ops[i].mutation)) continue;
        any = true;
        api_schema *sh = rc->api;
        api_field *f = add_field(sh, root(sh, "Subscription"), FMT(sh, "%s%s", ops[i].verb, c->upper),
                                 c->name, c->span);
        add_arg(sh, f, "filter", FMT(sh, "ModelSubscription%sFilterInput", c->upper), c->span);
        /* Like the filters' owner fields: a model named in lower case has none. */
        if (strcmp(c->name, c->upper) == 0) each_owner_field(rc, true, owner_to_arg, f);
    }
    if (any && api) filter_input(c, FMT(api, "ModelSubscription%sFilterInput", c->upper), true, false, false);
}

/* A custom type's object, or its input (fields typed as arguments). */
static void build_custom_type(api_schema *api, const ds_decl *t, const char *name, bool input) {
    bool fresh;
    api_type *at = add_type(api, name, input ? API_INPUT : API_OBJECT, ds_decl_name_span(t), &fresh);
    if (!fresh) return;
    for (size_t i = 0; i < t->field_count; i++) {
        const ds_field *f = t->fields[i];
        if (!f->invalid) add_field(api, at, f->name.text, type_text(api, f, input ? "Input" : ""), f->name.span);
    }
}

/* The XInput of every custom type a model's field holds (the transformer
 * makes them for the mutation inputs), nested ones too. */
static void custom_type_inputs(api_schema *api, const ds_decl *d) {
    for (size_t i = 0; i < d->field_count; i++) {
        const ds_field *f = d->fields[i];
        const ds_decl *t = f->invalid ? NULL
                         : f->kind == DS_FIELD_INLINE_TYPE ? f->inline_decl
                         : f->kind == DS_FIELD_REF && f->type.target &&
                                 f->type.target->kind == DS_DECL_TYPE ? f->type.target : NULL;
        if (!t || ds_symtab_put(&api->type_inputs, t->name.text, (void *)t)) continue;
        if (ds_symtab_get(&api->by_name, FMT(api, "%sInput", t->name.text))) continue;  /* the SDL's */
        build_custom_type(api, t, FMT(api, "%sInput", t->name.text), true);
        custom_type_inputs(api, t);
    }
}

/* An enum and its values. */
static void build_enum(api_schema *api, const ds_decl *e) {
    bool fresh;
    api_type *t = add_type(api, e->name.text, API_ENUM, ds_decl_name_span(e), &fresh);
    for (size_t i = 0; fresh && i < e->values.count; i++) {
        api_arg v = {e->values.items[i].text, NULL, e->values.items[i].span};
        DS_PUSH(api->arena, t->values, t->value_count, t->value_cap, v);
    }
}

/* A custom query, mutation or subscription field. */
static void build_operation(api_schema *api, const ds_decl *op) {
    const char *root_name = op->kind == DS_DECL_QUERY ? "Query"
                          : op->kind == DS_DECL_MUTATION ? "Mutation" : "Subscription";
    const char *ret = op->ret_model ? op->ret_model->name.text
                    : op->ret ? type_text(api, op->ret, "") : "?";
    api_field *f = add_field(api, root(api, root_name), op->name.text, ret, op->name.span);
    for (size_t i = 0; i < op->argument_count; i++) {
        const ds_field *a = op->arguments[i];
        if (a && !a->invalid) add_arg(api, f, a->name.text, type_text(api, a, "Input"), a->name.span);
    }
}

/* The root types a model's operations are fields of, made without the
 * fields (a root type exists while one field of it does). */
static void touch_roots(api_schema *shared, const ds_decl *m) {
    unsigned off = m->disabled.off;
    bool query = !(off & DS_OP_GET) || !(off & DS_OP_LIST);
    for (size_t i = 0; i < m->index_count && !query; i++)
        query = !m->indexes[i].invalid && m->indexes[i].query_field_name;
    if (query) root(shared, "Query");
    if ((off & (DS_OP_CREATE | DS_OP_UPDATE | DS_OP_DELETE)) != (DS_OP_CREATE | DS_OP_UPDATE | DS_OP_DELETE))
        root(shared, "Mutation");
    if (!(off & (DS_OP_ON_CREATE | DS_OP_CREATE)) || !(off & (DS_OP_ON_UPDATE | DS_OP_UPDATE)) ||
        !(off & (DS_OP_ON_DELETE | DS_OP_DELETE)))
        root(shared, "Subscription");
}

/* Everything a model puts in the client schema: its own types into api,
 * its root fields and the types models share into shared; with api NULL,
 * only the types models share. */
void api_build_model(api_schema *api, api_schema *shared, const ds_decl *m) {
    const char *name = m->name.text;
    api_schema *own = api ? api : shared;  /* where the names of its own types would go */
    model_ctx c = {api, m, name, capitalized(own, name), capitalized(shared, m->plural), m->name.span,
                   !m->identifier.present && !ds_decl_field(m, "id")};
    model_ctx rc = c;
    rc.api = shared;
    rc.upper = capitalized(shared, name);
    if (api) {
        model_object(&c);
        if (!(m->disabled.off & DS_OP_LIST)) {  /* the model transformer's, for its list query */
            connection(&c, c.upper);
            filter_input(&c, FMT(api, "Model%sFilterInput", c.upper), false, false, false);
        }
        if (listed_by_index_or_relation(m)) {   /* the same when the name is capitalized */
            connection(&c, name);
            filter_input(&c, FMT(api, "Model%sFilterInput", name), false, false, true);
        }
    }
    enum_filter_inputs(&rc);
    custom_type_inputs(shared, m);
    if (!api) {
        touch_roots(shared, m);
        return;
    }
    model_queries(&rc);
    index_queries(&rc);
    model_mutations(&c, &rc);
    model_subscriptions(&c, &rc);
}

/* Whether two names are the same text (both absent counts). */
static bool same_name(const char *a, const char *b) {
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether two name lists are the same names in the same order. */
static bool same_names(const ds_name_list *a, const ds_name_list *b) {
    if (a->present != b->present || a->count != b->count) return false;
    for (size_t i = 0; i < a->count; i++)
        if (!same_name(a->items[i].text, b->items[i].text)) return false;
    return true;
}

/* Whether two fields make the same members of a model's own types: what
 * type_text, filter_type, the inputs and the relationship members read. */
static bool same_field(const ds_field *a, const ds_field *b) {
    if (a->invalid != b->invalid || a->kind != b->kind || !same_name(a->name.text, b->name.text)) return false;
    const ds_type *x = &a->type, *y = &b->type;
    if (x->scalar != y->scalar || x->required != y->required || x->list != y->list ||
        x->list_required != y->list_required || !same_name(x->base, y->base) ||
        (x->target ? (int)x->target->kind : -1) != (y->target ? (int)y->target->kind : -1))
        return false;
    if (a->inline_decl && !same_name(a->inline_decl->name.text, b->inline_decl->name.text)) return false;
    if (a->kind != DS_FIELD_RELATION) return true;
    const ds_relation *r = a->rel, *q = b->rel;
    const ds_field *rc = r->counterpart, *qc = q->counterpart;
    return r->kind == q->kind && same_name(r->related.text, q->related.text) &&
           same_names(&r->references, &q->references) &&
           (rc && rc->rel ? (int)rc->rel->kind : -1) == (qc && qc->rel ? (int)qc->rel->kind : -1);
}

/* Whether two rule lists name the same owner fields (what a model's own
 * types take from its rules). */
static bool same_owner_fields(const ds_rules *a, const ds_rules *b) {
    size_t na = a ? a->count : 0, nb = b ? b->count : 0;
    if (na != nb) return false;
    for (size_t i = 0; i < na; i++) {
        const ds_rule *x = &a->items[i], *y = &b->items[i];
        if (x->invalid != y->invalid || x->strategy != y->strategy || x->allow != y->allow ||
            !same_name(x->auth_field, y->auth_field))
            return false;
    }
    return true;
}

bool api_same_model(const ds_decl *a, const ds_decl *b) {
    if (!same_name(a->name.text, b->name.text) || !same_name(a->plural, b->plural) ||
        !same_names(&a->identifier, &b->identifier) ||
        a->disabled.off != b->disabled.off || a->field_count != b->field_count ||
        a->index_count != b->index_count || !same_owner_fields(a->rules, b->rules))
        return false;
    for (size_t i = 0; i < a->field_count; i++)
        if (!same_field(a->fields[i], b->fields[i])) return false;
    for (size_t i = 0; i < a->index_count; i++) {
        const ds_index *x = &a->indexes[i], *y = &b->indexes[i];
        if (x->invalid != y->invalid || !same_name(x->query_field_name, y->query_field_name) ||
            !same_name(x->field.text, y->field.text) || !same_names(&x->sort_keys, &y->sort_keys))
            return false;
    }
    return true;
}

void api_init(api_schema *api, ds_arena *arena, size_t expected_types) {
    memset(api, 0, sizeof *api);
    api->arena = arena;
    ds_symtab_init_sized(&api->by_name, arena, expected_types);
    ds_symtab_init(&api->enum_inputs[0], arena);
    ds_symtab_init(&api->enum_inputs[1], arena);
    ds_symtab_init(&api->type_inputs, arena);
}

void api_build_shared(api_schema *api, const ds_schema *s) {
    for (size_t i = 0; i < s->out_type_count; i++) {
        const ds_out_type *o = &s->out_types[i];
        switch (o->kind) {
        case DS_OUT_MODEL: break;
        case DS_OUT_ENUM: build_enum(api, o->decl); break;
        case DS_OUT_TYPE: build_custom_type(api, o->decl, o->name, false); break;
        case DS_OUT_INPUT: build_custom_type(api, o->decl, o->name, true); break;
        }
    }
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *d = s->decls[i];
        if (!d->invalid && (d->kind == DS_DECL_QUERY || d->kind == DS_DECL_MUTATION ||
                            d->kind == DS_DECL_SUBSCRIPTION))
            build_operation(api, d);
    }
}

api_field *api_find_field(const api_type *t, const char *name) {
    if (!t->indexed) {
        for (size_t i = 0; i < t->field_count; i++)
            if (strcmp(t->fields[i].name, name) == 0) return &t->fields[i];
        return NULL;
    }
    size_t at = (size_t)(uintptr_t)ds_symtab_get(&t->field_index, name);
    return at ? &t->fields[at - 1] : NULL;
}
