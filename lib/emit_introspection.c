/* emit_introspection.c: the Amplify model introspection document.
 *
 * What @aws-amplify/graphql-generator 0.5.4 returns for
 * generateModels({ schema, target: 'introspection' }) given the SDL that
 * data-schema prints for this schema. The generator (appsync-modelgen-plugin,
 * AppSyncModelIntrospectionVisitor) reads the SDL's types and directives;
 * this back-end derives the same facts from the resolved AST:
 *
 *   - a model's fields are the SDL's fields (the partition key printed
 *     `T!`), with `id: ID!` put first when no field has @primaryKey, and
 *     createdAt / updatedAt (read-only AWSDateTime) appended unless declared;
 *   - its attributes are its directives: `model` (disableOperations),
 *     `key` for @primaryKey, one `key` per @index (in field order), a
 *     `key` the generator imputes for a hasMany whose child's first field
 *     back to the parent is not a belongsTo, and last `auth` with the
 *     generator's defaults filled in;
 *   - relationships are references-style: HAS_MANY and HAS_ONE name the
 *     child's reference fields (associatedWith), BELONGS_TO its own
 *     (targetNames).
 *
 * Types, enums and custom types come in the SDL's order (order.h). The text
 * is JSON.stringify(document, null, 4): 4-space indent, no final newline.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "emit_json.h"
#include "order.h"
#include "phases.h"
#include "pluralize.h"

/* One field as the generator holds it after getTypeInfo: a base type name
 * and the SDL's modifiers. */
typedef struct gen_field {
    const char *name;
    const char *type;          /* the printed base type, e.g. "String", "Post" */
    bool is_list;
    bool is_nullable;          /* the element (or the value) may be null */
    bool is_list_nullable;     /* lists only */
    bool read_only;            /* createdAt / updatedAt added by the generator */
    const ds_field *field;     /* NULL when the generator added the field */
} gen_field;

/* A model as the generator holds it. */
typedef struct gen_model {
    ds_decl *decl;
    gen_field *fields;
    size_t field_count, field_cap;
    const ds_field *primary_key;   /* the field printed with @primaryKey, or NULL */
    json_t *imputed_keys;          /* "key" attributes added for one-way hasMany */
} gen_model;

typedef struct intro_ctx {
    ds_schema *s;
    ds_out_type *types;
    size_t type_count;
    ds_symtab printed;             /* printed type name -> ds_out_type* */
    gen_model *models;
    size_t model_count;
    ds_symtab model_names;         /* model name -> gen_model* */
} intro_ctx;

/* Whether a string is set and not empty (JavaScript's truthiness, which
 * data-schema and the generator test). */
static bool given(const char *s) { return s && s[0]; }

/* ------------------------------------------------------------ printed types */

/* A field that is printed with its own modifiers: T, T!, [T], [T!], [T]!. */
static gen_field with_modifiers(const char *name, const char *type, const ds_type *t) {
    gen_field g = {0};
    g.name = name;
    g.type = type;
    g.is_list = t->list;
    g.is_nullable = !t->required;
    g.is_list_nullable = t->list && !t->list_required;
    return g;
}

/* A field printed as a bare nullable name (inline types, belongsTo...). */
static gen_field bare(const char *name, const char *type) {
    gen_field g = {0};
    g.name = name;
    g.type = type;
    g.is_nullable = true;
    return g;
}

/* The name a ref field prints: its target's, or the name as written. */
static const char *ref_name(const ds_field *f) {
    if (f->type.target && f->type.target->name.text) return f->type.target->name.text;
    return f->type.base.text;
}

/* A field of a model or custom type as data-schema prints it; pk says it
 * is the model's partition key (printed `T!` whatever its modifiers). */
static gen_field printed_field(const ds_field *f, bool pk) {
    const char *name = f->name.text;
    gen_field g;
    switch (f->kind) {
    case DS_FIELD_SCALAR:
        g = with_modifiers(name, ds_scalar_graphql_name(f->type.scalar), &f->type);
        if (pk) g.is_list = g.is_nullable = g.is_list_nullable = false;
        break;
    case DS_FIELD_REF:
        g = with_modifiers(name, ref_name(f), &f->type);
        break;
    case DS_FIELD_INLINE_ENUM:
    case DS_FIELD_INLINE_TYPE:
        g = bare(name, f->inline_decl ? f->inline_decl->name.text : NULL);
        break;
    case DS_FIELD_RELATION:
    default:
        g = bare(name, f->rel->related.text);
        if (f->rel->kind == DS_REL_HAS_MANY) g.is_list = g.is_list_nullable = true;
        break;
    }
    g.field = f;
    return g;
}

/* The name of the input type made from a custom type (as order.c names it). */
static const char *input_name(intro_ctx *c, const ds_decl *type) {
    return ds_arena_printf(&c->s->arena, "%sInput", type && type->name.text ? type->name.text : "");
}

/* An argument, or a field of an input type, as data-schema prints it:
 * custom types become their input types. */
static gen_field printed_input(intro_ctx *c, const ds_field *f) {
    const char *name = f->name.text;
    gen_field g;
    if (f->kind == DS_FIELD_REF && f->type.target && f->type.target->kind == DS_DECL_TYPE)
        g = with_modifiers(name, input_name(c, f->type.target), &f->type);
    else if (f->kind == DS_FIELD_INLINE_TYPE)
        g = bare(name, input_name(c, f->inline_decl));
    else
        g = printed_field(f, false);
    g.field = f;
    return g;
}

/* An operation's return as data-schema prints it (a subscription without
 * `returns` takes its first source's type). */
static gen_field printed_return(const ds_decl *op) {
    const ds_field *r = op->returns;
    if (!r && op->kind == DS_DECL_SUBSCRIPTION && op->source_count > 0) {
        const ds_sub_source *src = &op->sources[0];
        if (src->is_model) return bare(op->name.text, src->name.text);
        if (src->target) r = src->target->returns;
    }
    if (!r) return bare(op->name.text, NULL);
    gen_field g = printed_field(r, false);
    g.name = op->name.text;
    return g;
}

/* getType(): a scalar's name, or {model|enum|nonModel|input: name}. */
static json_t *type_json(intro_ctx *c, const char *type) {
    static const char *const keys[] = {
        [DS_OUT_MODEL] = "model", [DS_OUT_ENUM] = "enum", [DS_OUT_TYPE] = "nonModel",
        [DS_OUT_INPUT] = "input"};
    const ds_out_type *t = type ? ds_symtab_get(&c->printed, type) : NULL;
    if (!t) return ds_json_text(type);   /* a scalar, by its GraphQL name */
    json_t *o = json_object();
    json_object_set_new(o, keys[t->kind], ds_json_text(type));
    return o;
}

/* ------------------------------------------------------------------ models */

/* addFieldToModel-style append. */
static void add_field(intro_ctx *c, gen_model *m, gen_field f) {
    DS_PUSH(&c->s->arena, m->fields, m->field_count, m->field_cap, f);
}

/* The field of m named name, or NULL. */
static gen_field *find_field(gen_model *m, const char *name) {
    for (size_t i = 0; i < m->field_count; i++)
        if (m->fields[i].name && strcmp(m->fields[i].name, name) == 0) return &m->fields[i];
    return NULL;
}

/* The partition key's name: the identifier's first field, or "id". */
static const char *partition_key(const ds_decl *d) {
    if (d->identifier.present && d->identifier.count > 0 && d->identifier.items[0].text)
        return d->identifier.items[0].text;
    return "id";
}

/* A read-only AWSDateTime timestamp the generator adds. */
static gen_field timestamp(const char *name) {
    gen_field g = bare(name, "AWSDateTime");
    g.read_only = true;
    return g;
}

/* The generator's fields of a model: the SDL's, an implicit id, the
 * timestamps, id moved first (ensurePrimaryKeyField, addTimestampFields,
 * sortFields). */
static void build_model_fields(intro_ctx *c, gen_model *m) {
    ds_decl *d = m->decl;
    const char *pk = partition_key(d);
    for (size_t i = 0; i < d->field_count; i++) {
        const ds_field *f = d->fields[i];
        if (!f || f->invalid || !f->name.text) continue;
        bool is_pk = f->kind == DS_FIELD_SCALAR && strcmp(f->name.text, pk) == 0;
        if (is_pk) m->primary_key = f;
        add_field(c, m, printed_field(f, is_pk));
    }
    gen_field *id = m->primary_key ? NULL : find_field(m, "id");
    if (id) {
        id->is_nullable = false;
    } else if (!m->primary_key) {
        gen_field implicit = bare("id", "ID");
        implicit.is_nullable = false;
        add_field(c, m, implicit);
    }
    if (!find_field(m, "createdAt")) add_field(c, m, timestamp("createdAt"));
    if (!find_field(m, "updatedAt")) add_field(c, m, timestamp("updatedAt"));
    for (size_t i = 1; i < m->field_count; i++) {
        if (strcmp(m->fields[i].name, "id") != 0) continue;
        gen_field first = m->fields[i];
        memmove(&m->fields[1], &m->fields[0], i * sizeof m->fields[0]);
        m->fields[0] = first;
        break;
    }
}

/* A "key" attribute with the given properties. */
static json_t *key_attribute(json_t *properties) {
    json_t *a = json_object();
    json_object_set_new(a, "type", ds_json_text("key"));
    json_object_set_new(a, "properties", properties);
    return a;
}

/* The generator's imputed key for a hasMany whose child does not point
 * back with a belongsTo first (hasManyHasImplicitKey / addHasManyKey):
 * the child's first field typed as the parent decides. */
static void impute_has_many_key(intro_ctx *c, gen_model *parent, const ds_field *has_many) {
    const char *related = has_many->rel->related.text;
    gen_model *child = related ? ds_symtab_get(&c->model_names, related) : NULL;
    if (!child) return;
    for (size_t i = 0; i < child->field_count; i++) {
        const gen_field *g = &child->fields[i];
        if (!g->type || strcmp(g->type, parent->decl->name.text) != 0) continue;
        if (g->field && g->field->kind == DS_FIELD_RELATION &&
            g->field->rel->kind == DS_REL_BELONGS_TO)
            return;
        break;
    }
    json_t *props = json_object();
    json_object_set_new(props, "name", ds_json_text(ds_arena_printf(&c->s->arena, "gsi-%s.%s",
                                                            parent->decl->name.text,
                                                            has_many->name.text)));
    json_object_set_new(props, "fields", ds_json_names(&has_many->rel->references));
    json_array_append_new(child->imputed_keys, key_attribute(props));
}

/* processConnectionDirectivesV2, for what reaches the document: the keys
 * imputed for hasMany fields, in model and field order. */
static void process_connections(intro_ctx *c) {
    for (size_t i = 0; i < c->model_count; i++) {
        gen_model *m = &c->models[i];
        for (size_t j = 0; j < m->field_count; j++) {
            const ds_field *f = m->fields[j].field;
            if (f && f->kind == DS_FIELD_RELATION && f->rel->kind == DS_REL_HAS_MANY)
                impute_has_many_key(c, m, f);
        }
    }
}

/* ---------------------------------------------------------------- attributes */

/* The coarse operation group a fine one belongs to ("create" ->
 * "mutations"), the group itself for a coarse one, or NULL. */
static const char *operation_group(const char *op, bool *coarse) {
    static const char *const groups[][2] = {
        {"queries", "queries"}, {"mutations", "mutations"}, {"subscriptions", "subscriptions"},
        {"onCreate", "subscriptions"}, {"onUpdate", "subscriptions"},
        {"onDelete", "subscriptions"}, {"create", "mutations"}, {"update", "mutations"},
        {"delete", "mutations"}, {"list", "queries"}, {"get", "queries"}};
    for (size_t i = 0; op && i < sizeof groups / sizeof groups[0]; i++) {
        if (strcmp(op, groups[i][0]) != 0) continue;
        *coarse = i < 3;
        return groups[i][1];
    }
    return NULL;
}

/* Disable one fine operation: group: {op: null}, unless the whole group is
 * disabled already (group: null). */
static void disable_fine(json_t *props, const char *group_name, const char *op) {
    json_t *group = json_object_get(props, group_name);
    if (json_is_null(group)) return;
    if (!group) {
        group = json_object();
        json_object_set_new(props, group_name, group);
    }
    json_object_set_new(group, op, json_null());
}

/* data-schema's @model(...) arguments from disableOperations
 * (modelAttributesFromDisabledOps): the coarse groups first, as null, in
 * the order written (a stable sort), then each fine operation under its
 * group. */
static json_t *model_properties(const ds_decl *d) {
    json_t *props = json_object();
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < d->disabled_ops.count; i++) {
            const char *op = d->disabled_ops.items[i].text;
            bool coarse = false;
            const char *group = operation_group(op, &coarse);
            if (!group || coarse != (pass == 0)) continue;
            if (coarse) json_object_set_new(props, op, json_null());
            else disable_fine(props, group, op);
        }
    }
    return props;
}

/* The @primaryKey key: {fields: [pk, ...sortKeys]}. */
static json_t *primary_key_attribute(const gen_model *m) {
    json_t *fields = json_array();
    json_array_append_new(fields, ds_json_text(m->primary_key->name.text));
    const ds_name_list *id = &m->decl->identifier;
    for (size_t i = 1; id->present && i < id->count; i++)
        json_array_append_new(fields, ds_json_text(id->items[i].text));
    json_t *props = json_object();
    json_object_set_new(props, "fields", fields);
    return key_attribute(props);
}

/* First letter in upper case (capitalize / toUpper). */
static char *capitalize(ds_arena *a, const char *s) {
    char *r = ds_arena_strdup(a, s ? s : "");
    if (r[0] >= 'a' && r[0] <= 'z') r[0] = (char)(r[0] - 'a' + 'A');
    return r;
}

/* "<Model>By<Pk>And<Sk>...": data-schema's default query field
 * ("list" prefix) and the generator's default index name (plural model
 * name, first letter lowered) share this tail. */
static char *index_tail(ds_arena *a, const ds_index *ix) {
    char *tail = ds_arena_printf(a, "By%s", capitalize(a, ix->field.text));
    for (size_t i = 0; i < ix->sort_keys.count; i++)
        tail = ds_arena_printf(a, "%sAnd%s", tail, capitalize(a, ix->sort_keys.items[i].text));
    return tail;
}

/* One @index as the generator's key: {name, queryField, fields}. */
static json_t *index_attribute(intro_ctx *c, const ds_decl *model, const ds_index *ix) {
    ds_arena *a = &c->s->arena;
    json_t *props = json_object();
    const char *name = ix->name.text;
    if (!given(name)) {
        char *plural = ds_pluralize(a, model->name.text);
        if (plural[0] >= 'A' && plural[0] <= 'Z') plural[0] = (char)(plural[0] - 'A' + 'a');
        name = ds_arena_printf(a, "%s%s", plural, index_tail(a, ix));
    }
    json_object_set_new(props, "name", ds_json_text(name));
    if (ix->query_field_null) json_object_set_new(props, "queryField", json_null());
    else if (given(ix->query_field.text))
        json_object_set_new(props, "queryField", ds_json_text(ix->query_field.text));
    else
        json_object_set_new(props, "queryField",
                            ds_json_text(ds_arena_printf(a, "list%s%s",
                                                         capitalize(a, model->name.text),
                                                         index_tail(a, ix))));
    json_t *fields = json_array();
    json_array_append_new(fields, ds_json_text(ix->field.text));
    for (size_t i = 0; i < ix->sort_keys.count; i++)
        json_array_append_new(fields, ds_json_text(ix->sort_keys.items[i].text));
    json_object_set_new(props, "fields", fields);
    return key_attribute(props);
}

/* Whether data-schema prints a field's @index directives on it (scalars,
 * refs and inline enums; not inline custom types or relationships). */
static bool prints_indexes(const ds_field *f) {
    return f && (f->kind == DS_FIELD_SCALAR || f->kind == DS_FIELD_REF ||
                 f->kind == DS_FIELD_INLINE_ENUM);
}

/* processIndex: one key per @index, by field order, then by index order. */
static void add_index_attributes(intro_ctx *c, const gen_model *m, json_t *attributes) {
    for (size_t i = 0; i < m->field_count; i++) {
        const ds_field *f = m->fields[i].field;
        if (!prints_indexes(f)) continue;
        for (size_t k = 0; k < m->decl->index_count; k++) {
            const ds_index *ix = &m->decl->indexes[k];
            if (!ix->invalid && ix->field.text && strcmp(ix->field.text, f->name.text) == 0)
                json_array_append_new(attributes, index_attribute(c, m->decl, ix));
        }
    }
}

static const char *const provider_names[] = {
    [DS_PROVIDER_IDENTITY_POOL] = "identityPool", [DS_PROVIDER_USER_POOLS] = "userPools",
    [DS_PROVIDER_OIDC] = "oidc", [DS_PROVIDER_FUNCTION] = "function"};

/* The SDL's rule object, keys in data-schema's order (calculateAuth):
 * allow, provider, operations, ownerField | groupsField, groups,
 * identityClaim, groupClaim. */
static json_t *sdl_rule(const ds_rule *r) {
    json_t *o = json_object();
    const char *strategy = "public", *provider = NULL;
    switch (r->allow) {
    case DS_ALLOW_PUBLIC_API_KEY: provider = "apiKey"; break;
    case DS_ALLOW_GUEST: provider = "identityPool"; break;
    case DS_ALLOW_AUTHENTICATED: strategy = "private"; break;
    case DS_ALLOW_OWNER: case DS_ALLOW_OWNER_DEFINED_IN: case DS_ALLOW_OWNERS_DEFINED_IN:
        strategy = "owner"; break;
    case DS_ALLOW_GROUP: case DS_ALLOW_GROUPS: case DS_ALLOW_GROUP_DEFINED_IN:
    case DS_ALLOW_GROUPS_DEFINED_IN:
        strategy = "groups"; break;
    case DS_ALLOW_CUSTOM: strategy = "custom"; break;
    }
    if (r->provider != DS_PROVIDER_DEFAULT) provider = provider_names[r->provider];
    json_object_set_new(o, "allow", ds_json_text(strategy));
    if (provider) json_object_set_new(o, "provider", ds_json_text(provider));
    if (r->to.present) json_object_set_new(o, "operations", ds_json_names(&r->to));
    if (r->allow == DS_ALLOW_OWNER) json_object_set_new(o, "ownerField", ds_json_text("owner"));
    if ((r->allow == DS_ALLOW_OWNER_DEFINED_IN || r->allow == DS_ALLOW_OWNERS_DEFINED_IN) &&
        given(r->field.text))
        json_object_set_new(o, "ownerField", ds_json_text(r->field.text));
    if ((r->allow == DS_ALLOW_GROUP_DEFINED_IN || r->allow == DS_ALLOW_GROUPS_DEFINED_IN) &&
        given(r->field.text))
        json_object_set_new(o, "groupsField", ds_json_text(r->field.text));
    if (r->allow == DS_ALLOW_GROUPS) json_object_set_new(o, "groups", ds_json_names(&r->groups));
    if (r->allow == DS_ALLOW_GROUP) {
        json_t *groups = json_array();
        json_array_append_new(groups, ds_json_text(r->group.text));
        json_object_set_new(o, "groups", groups);
    }
    if (given(r->identity_claim.text))
        json_object_set_new(o, "identityClaim", ds_json_text(r->identity_claim.text));
    if (given(r->group_claim.text))
        json_object_set_new(o, "groupClaim", ds_json_text(r->group_claim.text));
    return o;
}

/* The generator's default operations. */
static json_t *default_operations(void) {
    json_t *ops = json_array();
    const char *const names[] = {"create", "update", "delete", "read"};
    for (size_t i = 0; i < 4; i++) json_array_append_new(ops, ds_json_text(names[i]));
    return ops;
}

/* processAuthDirective on one rule: defaults first, the rule spread over
 * them (a key keeps its first position), then the computed keys. */
static json_t *generator_rule(const ds_rule *r) {
    json_t *rule = sdl_rule(r);
    const char *allow = json_string_value(json_object_get(rule, "allow"));
    json_t *ops = json_object_get(rule, "operations");
    ops = ops ? json_incref(ops) : default_operations();
    json_t *out = json_object();
    if (strcmp(allow, "owner") == 0) {
        json_object_set_new(out, "provider", ds_json_text("userPools"));
        json_object_set_new(out, "ownerField", ds_json_text("owner"));
        json_object_update(out, rule);
        const char *claim = json_string_value(json_object_get(rule, "identityClaim"));
        if (!claim || strcmp(claim, "username") == 0) claim = "cognito:username";
        json_object_set_new(out, "identityClaim", ds_json_text(claim));
    } else if (strcmp(allow, "groups") == 0) {
        json_object_set_new(out, "groupClaim", ds_json_text("cognito:groups"));
        json_object_set_new(out, "provider", ds_json_text("userPools"));
        json_object_update(out, rule);
        if (!json_object_get(rule, "groups"))
            json_object_set_new(out, "groupField", ds_json_text("groups"));
    } else {
        json_object_update(out, rule);
    }
    json_object_set_new(out, "operations", ops);
    json_decref(rule);
    return out;
}

/* The rules a model prints: its own, or else the schema's. */
static const ds_rules *model_rules(const intro_ctx *c, const ds_decl *d) {
    return d->auth.count > 0 ? &d->auth : &c->s->auth;
}

/* The auth attribute, or NULL when there are no rules. */
static json_t *auth_attribute(const intro_ctx *c, const ds_decl *d) {
    const ds_rules *rules = model_rules(c, d);
    if (rules->count == 0) return NULL;
    json_t *list = json_array();
    for (size_t i = 0; i < rules->count; i++)
        if (!rules->items[i].invalid) json_array_append_new(list, generator_rule(&rules->items[i]));
    json_t *props = json_object();
    json_object_set_new(props, "rules", list);
    json_t *a = json_object();
    json_object_set_new(a, "type", ds_json_text("auth"));
    json_object_set_new(a, "properties", props);
    return a;
}

/* A model's attributes: model, keys, imputed keys, auth. */
static json_t *model_attributes(intro_ctx *c, const gen_model *m) {
    json_t *attributes = json_array();
    json_t *model = json_object();
    json_object_set_new(model, "type", ds_json_text("model"));
    json_object_set_new(model, "properties", model_properties(m->decl));
    json_array_append_new(attributes, model);
    if (m->primary_key) json_array_append_new(attributes, primary_key_attribute(m));
    add_index_attributes(c, m, attributes);
    json_array_extend(attributes, m->imputed_keys);
    json_t *auth = auth_attribute(c, m->decl);
    if (auth) json_array_append_new(attributes, auth);
    return attributes;
}

/* primaryKeyInfo: custom unless the key is a lone `id`. */
static json_t *primary_key_info(const gen_model *m) {
    json_t *info = json_object();
    const char *pk = m->primary_key ? m->primary_key->name.text : "id";
    json_t *sort_keys = json_array();
    const ds_name_list *id = &m->decl->identifier;
    for (size_t i = 1; m->primary_key && id->present && i < id->count; i++)
        json_array_append_new(sort_keys, ds_json_text(id->items[i].text));
    bool custom = m->primary_key && (strcmp(pk, "id") != 0 || json_array_size(sort_keys) > 0);
    json_object_set_new(info, "isCustomPrimaryKey", json_boolean(custom));
    json_object_set_new(info, "primaryKeyFieldName", ds_json_text(pk));
    json_object_set_new(info, "sortKeyFieldNames", sort_keys);
    return info;
}

/* ------------------------------------------------------------------ fields */

/* A relationship's association: HAS_MANY / HAS_ONE name the child's
 * reference fields, BELONGS_TO its own. */
static json_t *association(const ds_field *f) {
    json_t *a = json_object();
    static const char *const kinds[] = {"HAS_ONE", "HAS_MANY", "BELONGS_TO"};
    json_object_set_new(a, "connectionType", ds_json_text(kinds[f->rel->kind]));
    if (f->rel->kind == DS_REL_BELONGS_TO) {
        json_object_set_new(a, "targetNames", ds_json_names(&f->rel->references));
    } else {
        json_object_set_new(a, "associatedWith", ds_json_names(&f->rel->references));
        if (f->rel->kind == DS_REL_HAS_ONE) json_object_set_new(a, "targetNames", json_array());
    }
    return a;
}

/* The keys an argument, input field or operation shares: name, isArray,
 * type, isRequired (isArrayNullable goes after what the caller adds). */
static json_t *typed_entry(intro_ctx *c, const gen_field *g) {
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(g->name));
    json_object_set_new(o, "isArray", json_boolean(g->is_list));
    json_object_set_new(o, "type", type_json(c, g->type));
    json_object_set_new(o, "isRequired", json_boolean(!g->is_nullable));
    return o;
}

/* A field of a model or custom type. */
static json_t *field_json(intro_ctx *c, const gen_field *g) {
    json_t *o = typed_entry(c, g);
    json_object_set_new(o, "attributes", json_array());
    if (g->is_list) json_object_set_new(o, "isArrayNullable", json_boolean(g->is_list_nullable));
    if (g->read_only) json_object_set_new(o, "isReadOnly", json_true());
    if (g->field && g->field->kind == DS_FIELD_RELATION)
        json_object_set_new(o, "association", association(g->field));
    return o;
}

/* An argument or a field of an input type. */
static json_t *argument_json(intro_ctx *c, const gen_field *g) {
    json_t *o = typed_entry(c, g);
    if (g->is_list) json_object_set_new(o, "isArrayNullable", json_boolean(g->is_list_nullable));
    return o;
}

/* The fields object of a list of generator fields. */
static json_t *fields_json(intro_ctx *c, const gen_field *fields, size_t count) {
    json_t *o = json_object();
    for (size_t i = 0; i < count; i++)
        json_object_set_new(o, fields[i].name, field_json(c, &fields[i]));
    return o;
}

/* ------------------------------------------------------------- enum values */

static bool is_upper(char ch) { return ch >= 'A' && ch <= 'Z'; }
static bool is_lower(char ch) { return ch >= 'a' && ch <= 'z'; }
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static bool is_alnum(char ch) { return is_upper(ch) || is_lower(ch) || is_digit(ch); }

/* Mark the word breaks noCase finds in value: breaks[i] is a break just
 * before value[i]. Its two replaces, /([a-z0-9])([A-Z])/g then
 * /([A-Z])([A-Z][a-z])/g, scan left to right without overlapping; a break
 * from the first is a "\0", which no match of the second can span. */
static void mark_word_breaks(const char *value, size_t n, bool *breaks) {
    for (size_t i = 0; i + 1 < n; i++)
        if ((is_lower(value[i]) || is_digit(value[i])) && is_upper(value[i + 1]))
            breaks[++i] = true;
    for (size_t i = 0; i + 2 < n; i++)
        if (is_upper(value[i]) && !breaks[i + 1] && is_upper(value[i + 1]) && !breaks[i + 2] &&
            is_lower(value[i + 2])) {
            breaks[i + 1] = true;
            i += 2;
        }
}

/* change-case 4 constantCase(value): the words noCase finds (camelCase
 * split, runs of anything but ASCII letters and digits dropped), upper-cased
 * and joined with "_". */
static char *constant_case(ds_arena *a, const char *value) {
    size_t n = strlen(value), len = 0;
    bool *breaks = ds_arena_alloc(a, n + 1);
    char *out = ds_arena_alloc(a, 2 * n + 1);
    mark_word_breaks(value, n, breaks);
    bool pending = false;
    for (size_t i = 0; i < n; i++) {
        if (!is_alnum(value[i])) {
            pending = true;
            continue;
        }
        if ((breaks[i] || pending) && len > 0) out[len++] = '_';
        pending = false;
        out[len++] = is_lower(value[i]) ? (char)(value[i] - 'a' + 'A') : value[i];
    }
    out[len] = '\0';
    return out;
}

/* Whether a key is a JavaScript array index ("0", "17"; not "01"), which
 * objects list first, in numeric order; sets *index. */
static bool array_index(const char *key, unsigned long long *index) {
    size_t n = strlen(key);
    if (n == 0 || n > 10 || (key[0] == '0' && n > 1)) return false;
    unsigned long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(key[i])) return false;
        v = v * 10 + (unsigned long long)(key[i] - '0');
    }
    *index = v;
    return v < 4294967295ULL;
}

/* One key of the generator's values object. */
typedef struct enum_key {
    const char *key;
    const char *value;           /* the last value with this key */
    size_t order;                /* where the key was first set */
    bool is_index;
    unsigned long long index;
} enum_key;

/* Object key order: array indexes ascending, then the others as set. */
static int compare_enum_keys(const void *pa, const void *pb) {
    const enum_key *a = pa, *b = pb;
    if (a->is_index != b->is_index) return a->is_index ? -1 : 1;
    if (a->is_index) return a->index < b->index ? -1 : a->index > b->index;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* An enum's entry: values as the generator keys them, by constantCase
 * (values with one constant case collapse into the first one's place, with
 * the last one's spelling). */
static json_t *enum_json(const ds_decl *d) {
    ds_arena scratch;
    ds_arena_init(&scratch);
    ds_symtab seen;
    ds_symtab_init(&seen, &scratch);
    size_t n = d->values.count, count = 0;
    enum_key *keys = ds_arena_alloc(&scratch, (n + 1) * sizeof *keys);
    for (size_t i = 0; i < n; i++) {
        const char *value = d->values.items[i].text ? d->values.items[i].text : "";
        const char *key = constant_case(&scratch, value);
        enum_key *k = ds_symtab_get(&seen, key);
        if (!k) {
            k = &keys[count];
            *k = (enum_key){key, value, count, false, 0};
            k->is_index = array_index(key, &k->index);
            ds_symtab_put(&seen, key, k);
            count++;
        }
        k->value = value;
    }
    qsort(keys, count, sizeof *keys, compare_enum_keys);
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++) json_array_append_new(list, ds_json_text(keys[i].value));
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(d->name.text));
    json_object_set_new(o, "values", list);
    ds_arena_free(&scratch);
    return o;
}

/* ------------------------------------------------------------------ document */

/* A model's entry. */
static json_t *model_json(intro_ctx *c, const gen_model *m) {
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(m->decl->name.text));
    json_object_set_new(o, "fields", fields_json(c, m->fields, m->field_count));
    json_object_set_new(o, "syncable", json_true());
    const char *plural = ds_pluralize(&c->s->arena, m->decl->name.text);
    json_object_set_new(o, "pluralName", ds_json_text(plural));
    json_object_set_new(o, "attributes", model_attributes(c, m));
    json_object_set_new(o, "primaryKeyInfo", primary_key_info(m));
    return o;
}

/* A custom type's entry (nonModels). */
static json_t *non_model_json(intro_ctx *c, const ds_decl *d) {
    json_t *fields = json_object();
    for (size_t i = 0; i < d->field_count; i++) {
        const ds_field *f = d->fields[i];
        if (!f || f->invalid || !f->name.text) continue;
        gen_field g = printed_field(f, false);
        json_object_set_new(fields, g.name, field_json(c, &g));
    }
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(d->name.text));
    json_object_set_new(o, "fields", fields);
    return o;
}

/* An input type's entry. */
static json_t *input_json(intro_ctx *c, const ds_out_type *t) {
    json_t *attributes = json_object();
    for (size_t i = 0; t->decl && i < t->decl->field_count; i++) {
        const ds_field *f = t->decl->fields[i];
        if (!f || f->invalid || !f->name.text) continue;
        gen_field g = printed_input(c, f);
        json_object_set_new(attributes, g.name, argument_json(c, &g));
    }
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(t->name));
    json_object_set_new(o, "attributes", attributes);
    return o;
}

/* A custom operation's entry. */
static json_t *operation_json(intro_ctx *c, const ds_decl *op) {
    gen_field r = printed_return(op);
    json_t *o = typed_entry(c, &r);
    if (r.is_list) json_object_set_new(o, "isArrayNullable", json_boolean(r.is_list_nullable));
    json_t *args = json_object();
    for (size_t i = 0; i < op->argument_count; i++) {
        const ds_field *f = op->arguments[i];
        if (!f || f->invalid || !f->name.text) continue;
        gen_field g = printed_input(c, f);
        json_object_set_new(args, g.name, argument_json(c, &g));
    }
    if (json_object_size(args) > 0) json_object_set(o, "arguments", args);
    json_decref(args);
    return o;
}

/* Whether an operation of a kind is to be listed. */
static bool listed_operation(const ds_decl *d, ds_decl_kind kind) {
    return d && !d->invalid && d->kind == kind && d->name.text;
}

/* Write key: the operations of one kind in declaration order, unless
 * there are none. */
static void write_operations(intro_ctx *c, ds_json_object *doc, const char *key,
                             ds_decl_kind kind) {
    size_t count = 0;
    for (size_t i = 0; i < c->s->decl_count; i++) count += listed_operation(c->s->decls[i], kind);
    if (count == 0) return;
    ds_json_object map;
    ds_json_key(doc, key);
    ds_json_begin(&map, doc->out, doc->flags, doc->depth + 1);
    for (size_t i = 0; i < c->s->decl_count; i++)
        if (listed_operation(c->s->decls[i], kind))
            ds_json_put(&map, c->s->decls[i]->name.text, operation_json(c, c->s->decls[i]));
    ds_json_end(&map);
}

/* Write key: the printed types of one kind, in the SDL's order; with
 * skip_empty, nothing when there are none. */
static void write_types(intro_ctx *c, ds_json_object *doc, const char *key, ds_out_kind kind,
                        bool skip_empty) {
    size_t count = 0;
    for (size_t i = 0; i < c->type_count; i++) count += c->types[i].kind == kind;
    if (count == 0 && skip_empty) return;
    ds_json_object map;
    ds_json_key(doc, key);
    ds_json_begin(&map, doc->out, doc->flags, doc->depth + 1);
    size_t model = 0;
    for (size_t i = 0; i < c->type_count; i++) {
        const ds_out_type *t = &c->types[i];
        if (t->kind != kind) continue;
        json_t *entry = kind == DS_OUT_MODEL ? model_json(c, &c->models[model++])
                        : kind == DS_OUT_ENUM ? enum_json(t->decl)
                        : kind == DS_OUT_TYPE ? non_model_json(c, t->decl)
                                              : input_json(c, t);
        ds_json_put(&map, t->name, entry);
    }
    ds_json_end(&map);
}

/* Collect the printed types and prepare the models. */
static void prepare(intro_ctx *c) {
    c->types = ds_output_types(c->s, &c->type_count);
    ds_symtab_init(&c->printed, &c->s->arena);
    ds_symtab_init(&c->model_names, &c->s->arena);
    size_t models = 0;
    for (size_t i = 0; i < c->type_count; i++) {
        ds_symtab_put(&c->printed, c->types[i].name, &c->types[i]);
        models += c->types[i].kind == DS_OUT_MODEL;
    }
    c->models = ds_arena_alloc(&c->s->arena, (models ? models : 1) * sizeof *c->models);
    for (size_t i = 0; i < c->type_count; i++) {
        if (c->types[i].kind != DS_OUT_MODEL) continue;
        gen_model *m = &c->models[c->model_count++];
        m->decl = c->types[i].decl;
        m->imputed_keys = json_array();
        ds_symtab_put(&c->model_names, c->types[i].name, m);
        build_model_fields(c, m);
    }
    process_connections(c);
}

/* The whole document, written map by map (models, enums, nonModels, then
 * the operations and inputs there are). */
static void write_document(intro_ctx *c, ds_buf *out) {
    ds_json_object doc;
    ds_json_begin(&doc, out, JSON_INDENT(4) | JSON_PRESERVE_ORDER, 0);
    ds_json_put(&doc, "version", json_integer(1));
    write_types(c, &doc, "models", DS_OUT_MODEL, false);
    write_types(c, &doc, "enums", DS_OUT_ENUM, false);
    write_types(c, &doc, "nonModels", DS_OUT_TYPE, false);
    write_operations(c, &doc, "queries", DS_DECL_QUERY);
    write_operations(c, &doc, "mutations", DS_DECL_MUTATION);
    write_operations(c, &doc, "subscriptions", DS_DECL_SUBSCRIPTION);
    write_types(c, &doc, "inputs", DS_OUT_INPUT, true);
    ds_json_end(&doc);
}

void ds_emit_introspection(ds_schema *s, ds_buf *out) {
    intro_ctx c = {0};
    c.s = s;
    prepare(&c);
    write_document(&c, out);
    for (size_t i = 0; i < c.model_count; i++) json_decref(c.models[i].imputed_keys);
}
