/* emit_json.c: dschemac's own resolved-schema JSON (-f json).
 *
 * One document for tools and pipelines: every declaration with what the
 * resolver found out about it (implicit types and their names, the
 * implicit id, which rules apply, and each relationship linked to its
 * counterpart, its parent's identifier and its reference fields), each
 * node with the place in the YAML it came from. The format is described by
 * schemas/dschema-output.schema.json and docs/json-output.md; its version
 * is DSCHEMA_JSON_VERSION. Keys come in a fixed order, maps list their
 * entries in declaration order; 2-space indent and a final newline.
 */
#include <jansson.h>
#include <math.h>  /* isfinite, a macro */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_json.h"
#include "phases.h"

typedef struct json_ctx {
    ds_schema *s;
    int real_precision;        /* digits that print every float default exactly */
} json_ctx;

/* --------------------------------------------------------------- helpers */

json_t *ds_json_text(const char *s) {
    if (!s) return json_null();
    json_t *j = json_string(s);
    return j ? j : json_string("");
}

json_t *ds_json_names(const ds_name_list *list) {
    json_t *a = json_array();
    for (size_t i = 0; i < list->count; i++)
        json_array_append_new(a, ds_json_text(list->items[i].text));
    return a;
}

/* {file, line, column} of a span, or null for an implicit node. */
static json_t *position(const json_ctx *c, ds_span span) {
    if (span.line == 0 || span.file >= c->s->source_count) return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "file", ds_json_text(c->s->sources[span.file].name));
    json_object_set_new(o, "line", json_integer(span.line));
    json_object_set_new(o, "column", json_integer(span.col));
    return o;
}

/* The identifier of a model: as written, or the default [id]. */
static json_t *identifier(const ds_decl *model) {
    if (model->identifier.present && model->identifier.count > 0)
        return ds_json_names(&model->identifier);
    json_t *a = json_array();
    json_array_append_new(a, ds_json_text("id"));
    return a;
}

static const char *const decl_kinds[] = {
    [DS_DECL_MODEL] = "model", [DS_DECL_ENUM] = "enum", [DS_DECL_TYPE] = "customType",
    [DS_DECL_QUERY] = "query", [DS_DECL_MUTATION] = "mutation",
    [DS_DECL_SUBSCRIPTION] = "subscription"};

/* ----------------------------------------------------------------- types */

/* A type's GraphQL spelling with its modifiers: T, T!, [T], [T!], [T]!. */
static char *graphql_spelling(ds_arena *a, const char *name, bool required, bool list,
                              bool list_required) {
    return ds_arena_printf(a, "%s%s%s%s%s", list ? "[" : "", name ? name : "",
                           required ? "!" : "", list ? "]" : "", list && list_required ? "!" : "");
}

/* {name, kind, required, list, listRequired, graphql}. */
static json_t *type_object(json_ctx *c, const char *name, const char *kind, bool required,
                           bool list, bool list_required) {
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(name));
    json_object_set_new(o, "kind", ds_json_text(kind));
    json_object_set_new(o, "required", json_boolean(required));
    json_object_set_new(o, "list", json_boolean(list));
    json_object_set_new(o, "listRequired", json_boolean(list && list_required));
    char *spelling = graphql_spelling(&c->s->arena, name, required, list, list_required);
    json_object_set_new(o, "graphql", ds_json_text(spelling));
    return o;
}

/* The kind of type a declaration is, as a field type. */
static const char *decl_type_kind(const ds_decl *d) {
    if (!d) return "unknown";
    switch (d->kind) {
    case DS_DECL_MODEL: return "model";
    case DS_DECL_ENUM: return "enum";
    case DS_DECL_TYPE: return "customType";
    default: return "unknown";
    }
}

/* A field's (or argument's, or return's) type. */
static json_t *field_type(json_ctx *c, const ds_field *f) {
    const ds_type *t = &f->type;
    switch (f->kind) {
    case DS_FIELD_SCALAR:
        return type_object(c, ds_scalar_graphql_name(t->scalar), "scalar", t->required, t->list,
                           t->list_required);
    case DS_FIELD_REF:
        return type_object(c, t->target ? t->target->name.text : t->base.text,
                           decl_type_kind(t->target), t->required, t->list, t->list_required);
    case DS_FIELD_INLINE_ENUM:
    case DS_FIELD_INLINE_TYPE:
        return type_object(c, f->inline_decl ? f->inline_decl->name.text : NULL,
                           f->kind == DS_FIELD_INLINE_ENUM ? "enum" : "customType", false, false,
                           false);
    case DS_FIELD_RELATION:
    default:
        return type_object(c, f->rel->target ? f->rel->target->name.text : f->rel->related.text,
                           "model", false, f->rel->kind == DS_REL_HAS_MANY, false);
    }
}

/* ----------------------------------------------------------------- rules */

static const char *const allow_names[] = {
    [DS_ALLOW_PUBLIC_API_KEY] = "publicApiKey", [DS_ALLOW_GUEST] = "guest",
    [DS_ALLOW_AUTHENTICATED] = "authenticated", [DS_ALLOW_OWNER] = "owner",
    [DS_ALLOW_OWNER_DEFINED_IN] = "ownerDefinedIn",
    [DS_ALLOW_OWNERS_DEFINED_IN] = "ownersDefinedIn",
    [DS_ALLOW_GROUP] = "group", [DS_ALLOW_GROUPS] = "groups",
    [DS_ALLOW_GROUP_DEFINED_IN] = "groupDefinedIn",
    [DS_ALLOW_GROUPS_DEFINED_IN] = "groupsDefinedIn",
    [DS_ALLOW_CUSTOM] = "custom"};

static const char *const provider_names[] = {
    [DS_PROVIDER_DEFAULT] = NULL, [DS_PROVIDER_IDENTITY_POOL] = "identityPool",
    [DS_PROVIDER_USER_POOLS] = "userPools", [DS_PROVIDER_OIDC] = "oidc",
    [DS_PROVIDER_FUNCTION] = "function"};

/* One rule, with the keys it was written with. */
static json_t *rule_json(json_ctx *c, const ds_rule *r) {
    json_t *o = json_object();
    json_object_set_new(o, "allow", ds_json_text(allow_names[r->allow]));
    if (r->provider != DS_PROVIDER_DEFAULT)
        json_object_set_new(o, "provider", ds_json_text(provider_names[r->provider]));
    if (r->to.present) json_object_set_new(o, "to", ds_json_names(&r->to));
    if (r->groups.present) json_object_set_new(o, "groups", ds_json_names(&r->groups));
    if (r->group.text) json_object_set_new(o, "group", ds_json_text(r->group.text));
    if (r->field.text) json_object_set_new(o, "field", ds_json_text(r->field.text));
    if (r->identity_claim.text)
        json_object_set_new(o, "identityClaim", ds_json_text(r->identity_claim.text));
    if (r->group_claim.text)
        json_object_set_new(o, "groupClaim", ds_json_text(r->group_claim.text));
    json_object_set_new(o, "position", position(c, r->span));
    return o;
}

/* A list of rules. */
static json_t *rules_json(json_ctx *c, const ds_rules *rules) {
    json_t *a = json_array();
    for (size_t i = 0; rules && i < rules->count; i++)
        if (!rules->items[i].invalid) json_array_append_new(a, rule_json(c, &rules->items[i]));
    return a;
}

/* authorization and authorizationFrom: a declaration's own rules and
 * which rules apply to it (its own, or else the schema's). */
static void add_authorization(json_ctx *c, json_t *o, const ds_decl *d, const char *own) {
    json_object_set_new(o, "authorization", rules_json(c, &d->auth));
    json_object_set_new(o, "authorizationFrom", ds_json_text(d->auth.count > 0 ? own : "schema"));
}

/* -------------------------------------------------------------- defaults */

/* The precision that prints v exactly: the fewest digits that read back. */
static int round_trip_digits(double v) {
    char text[64];
    for (int digits = 1; digits < 17; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, v);
        if (strtod(text, NULL) == v) return digits;
    }
    return 17;
}

/* Whether v is a whole number JSON readers hold exactly (|v| < 2^53). */
static bool is_safe_integer(double v) {
    const double limit = 9007199254740992.0;
    return isfinite(v) && v > -limit && v < limit && v == (double)(long long)v;
}

/* A default value: {kind, value, text, position}. */
static json_t *default_json(json_ctx *c, const ds_value *v) {
    static const char *const kinds[] = {
        [DS_VALUE_NULL] = "null", [DS_VALUE_BOOL] = "boolean", [DS_VALUE_INT] = "integer",
        [DS_VALUE_FLOAT] = "float", [DS_VALUE_STRING] = "string"};
    json_t *o = json_object(), *value;
    switch (v->kind) {
    case DS_VALUE_NULL: value = json_null(); break;
    case DS_VALUE_BOOL: value = json_boolean(v->boolean); break;
    case DS_VALUE_INT:
    case DS_VALUE_FLOAT:
        if (is_safe_integer(v->number)) value = json_integer((json_int_t)v->number);
        else if (isfinite(v->number))
            value = json_real(v->number);
        else
            value = ds_json_text(v->text);
        break;
    case DS_VALUE_STRING:
    default: value = ds_json_text(v->text); break;
    }
    json_object_set_new(o, "kind", ds_json_text(kinds[v->kind]));
    json_object_set_new(o, "value", value);
    json_object_set_new(o, "text", ds_json_text(v->text));
    json_object_set_new(o, "position", position(c, v->span));
    return o;
}

/* ---------------------------------------------------------- relationships */

static const char *const rel_kinds[] = {
    [DS_REL_HAS_ONE] = "hasOne", [DS_REL_HAS_MANY] = "hasMany", [DS_REL_BELONGS_TO] = "belongsTo"};

/* {model, field} of a field, or null. */
static json_t *field_ref(const ds_field *f) {
    if (!f) return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "model", ds_json_text(f->owner ? f->owner->name.text : NULL));
    json_object_set_new(o, "field", ds_json_text(f->name.text));
    return o;
}

/* A relationship resolved: its counterpart, the parent whose identifier
 * the references match, and the child that holds the reference fields. */
static json_t *relationship_json(const ds_field *f) {
    const ds_relation *r = f->rel;
    json_t *o = json_object();
    json_object_set_new(o, "kind", ds_json_text(rel_kinds[r->kind]));
    const char *related = r->target ? r->target->name.text : r->related.text;
    json_object_set_new(o, "relatedModel", ds_json_text(related));
    json_object_set_new(o, "references", ds_json_names(&r->references));
    json_object_set_new(o, "counterpart", field_ref(r->counterpart));

    json_t *parent = json_object();
    json_object_set_new(parent, "model", ds_json_text(r->parent ? r->parent->name.text : NULL));
    json_object_set_new(parent, "identifier", r->parent ? identifier(r->parent) : json_array());
    json_object_set_new(o, "parent", parent);

    const ds_decl *child = r->kind == DS_REL_BELONGS_TO ? f->owner : r->target;
    json_t *child_o = json_object(), *fields = json_array();
    json_object_set_new(child_o, "model", ds_json_text(child ? child->name.text : NULL));
    for (size_t i = 0; i < r->references.count; i++) {
        const ds_field *ref = r->reference_fields ? r->reference_fields[i] : NULL;
        const char *name = ref ? ref->name.text : r->references.items[i].text;
        json_array_append_new(fields, ds_json_text(name));
    }
    json_object_set_new(child_o, "fields", fields);
    json_object_set_new(o, "child", child_o);
    return o;
}

/* ----------------------------------------------------------------- fields */

static const char *const field_kinds[] = {
    [DS_FIELD_SCALAR] = "scalar", [DS_FIELD_REF] = "ref", [DS_FIELD_INLINE_ENUM] = "inlineEnum",
    [DS_FIELD_INLINE_TYPE] = "inlineCustomType", [DS_FIELD_RELATION] = "relationship"};

/* A field, an argument or a return value. */
static json_t *field_json(json_ctx *c, const ds_field *f) {
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(f->name.text));
    json_object_set_new(o, "kind", ds_json_text(field_kinds[f->kind]));
    json_object_set_new(o, "type", field_type(c, f));
    json_object_set_new(o, "implicit", json_false());
    if (f->default_value) json_object_set_new(o, "default", default_json(c, f->default_value));
    json_object_set_new(o, "authorization", rules_json(c, f->auth));
    if (f->kind == DS_FIELD_RELATION) json_object_set_new(o, "relationship", relationship_json(f));
    json_object_set_new(o, "position", position(c, f->name.span));
    return o;
}

/* The implicit `id: ID!` of a model whose identifier is the default one. */
static json_t *implicit_id(json_ctx *c) {
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text("id"));
    json_object_set_new(o, "kind", ds_json_text("scalar"));
    json_object_set_new(o, "type", type_object(c, "ID", "scalar", true, false, false));
    json_object_set_new(o, "implicit", json_true());
    json_object_set_new(o, "authorization", json_array());
    json_object_set_new(o, "position", json_null());
    return o;
}

/* A map of fields by name, in declaration order. */
static json_t *fields_json(json_ctx *c, ds_field *const *fields, size_t count) {
    json_t *o = json_object();
    for (size_t i = 0; i < count; i++)
        if (fields[i] && !fields[i]->invalid && fields[i]->name.text)
            json_object_set_new(o, fields[i]->name.text, field_json(c, fields[i]));
    return o;
}

/* ----------------------------------------------------------------- models */

/* First letter upper-cased. */
static char *capitalize(ds_arena *a, const char *s) {
    char *r = ds_arena_strdup(a, s ? s : "");
    if (r[0] >= 'a' && r[0] <= 'z') r[0] = (char)(r[0] - 'a' + 'A');
    return r;
}

/* The query field data-schema prints for an index: the one given, null,
 * or list<Model>By<Field>[And<SortKey>...]. */
static json_t *query_field(json_ctx *c, const ds_decl *model, const ds_index *ix) {
    if (ix->query_field_null) return json_null();
    if (ix->query_field.text && ix->query_field.text[0]) return ds_json_text(ix->query_field.text);
    ds_arena *a = &c->s->arena;
    char *q = ds_arena_printf(a, "list%sBy%s", capitalize(a, model->name.text),
                              capitalize(a, ix->field.text));
    for (size_t i = 0; i < ix->sort_keys.count; i++)
        q = ds_arena_printf(a, "%sAnd%s", q, capitalize(a, ix->sort_keys.items[i].text));
    return ds_json_text(q);
}

/* One secondary index. */
static json_t *index_json(json_ctx *c, const ds_decl *model, const ds_index *ix) {
    static const char *const projections[] = {
        [DS_PROJECTION_NONE] = NULL, [DS_PROJECTION_KEYS_ONLY] = "KEYS_ONLY",
        [DS_PROJECTION_ALL] = "ALL", [DS_PROJECTION_INCLUDE] = "INCLUDE"};
    json_t *o = json_object();
    json_object_set_new(o, "field", ds_json_text(ix->field.text));
    json_object_set_new(o, "sortKeys", ds_json_names(&ix->sort_keys));
    if (ix->name.text) json_object_set_new(o, "name", ds_json_text(ix->name.text));
    json_object_set_new(o, "queryField", query_field(c, model, ix));
    if (ix->projection != DS_PROJECTION_NONE) {
        json_t *p = json_object();
        json_object_set_new(p, "type", ds_json_text(projections[ix->projection]));
        if (ix->projection == DS_PROJECTION_INCLUDE)
            json_object_set_new(p, "nonKeyAttributes", ds_json_names(&ix->non_key_attributes));
        json_object_set_new(o, "projection", p);
    }
    json_object_set_new(o, "position", position(c, ix->span));
    return o;
}

/* Whether a model declares a field named name. */
static bool declares(const ds_decl *d, const char *name) {
    for (size_t i = 0; i < d->field_count; i++)
        if (d->fields[i] && d->fields[i]->name.text && strcmp(d->fields[i]->name.text, name) == 0)
            return true;
    return false;
}

/* A model. */
static json_t *model_json(json_ctx *c, const ds_decl *d) {
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(d->name.text));
    json_object_set_new(o, "identifier", identifier(d));
    json_t *fields = json_object();
    const char *pk = d->identifier.present && d->identifier.count > 0
                         ? d->identifier.items[0].text : "id";
    bool default_id = pk && strcmp(pk, "id") == 0;
    if (default_id && !declares(d, "id")) json_object_set_new(fields, "id", implicit_id(c));
    json_t *declared = fields_json(c, d->fields, d->field_count);
    json_object_update(fields, declared);
    json_decref(declared);
    json_object_set_new(o, "fields", fields);
    json_t *indexes = json_array();
    for (size_t i = 0; i < d->index_count; i++)
        if (!d->indexes[i].invalid)
            json_array_append_new(indexes, index_json(c, d, &d->indexes[i]));
    json_object_set_new(o, "secondaryIndexes", indexes);
    json_object_set_new(o, "disabledOperations", ds_json_names(&d->disabled_ops));
    add_authorization(c, o, d, "model");
    json_object_set_new(o, "position", position(c, d->name.span));
    return o;
}

/* ------------------------------------------------------ enums and types */

/* Where an implicit declaration was written: {kind, name, field}, or null. */
static json_t *origin_json(const ds_decl *d) {
    if (!d->implicit || !d->origin) return json_null();
    const ds_decl *owner = d->origin->owner;
    json_t *o = json_object();
    json_object_set_new(o, "kind", ds_json_text(owner ? decl_kinds[owner->kind] : NULL));
    json_object_set_new(o, "name", ds_json_text(owner ? owner->name.text : NULL));
    json_object_set_new(o, "field", ds_json_text(d->origin->name.text));
    return o;
}

/* The span that stands for a declaration: its key, or for an implicit one
 * the field that declares it inline. */
static ds_span decl_span(const ds_decl *d) {
    if (d->implicit && d->origin)
        return d->origin->name.span.line ? d->origin->name.span : d->origin->span;
    return d->name.span;
}

/* An enum. */
static json_t *enum_json(json_ctx *c, const ds_decl *d) {
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(d->name.text));
    json_object_set_new(o, "implicit", json_boolean(d->implicit));
    json_object_set_new(o, "origin", origin_json(d));
    json_object_set_new(o, "values", ds_json_names(&d->values));
    json_object_set_new(o, "position", position(c, decl_span(d)));
    return o;
}

/* A custom type. */
static json_t *type_json(json_ctx *c, const ds_decl *d) {
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(d->name.text));
    json_object_set_new(o, "implicit", json_boolean(d->implicit));
    json_object_set_new(o, "origin", origin_json(d));
    json_object_set_new(o, "fields", fields_json(c, d->fields, d->field_count));
    json_object_set_new(o, "position", position(c, decl_span(d)));
    return o;
}

/* ------------------------------------------------------------- operations */

/* One handler: {kind, function} or {kind, entry, dataSource}. */
static json_t *handler_json(json_ctx *c, const ds_handler *h) {
    json_t *o = json_object();
    if (h->kind == DS_HANDLER_FUNCTION) {
        json_object_set_new(o, "kind", ds_json_text("function"));
        json_object_set_new(o, "function", ds_json_text(h->function.text));
    } else {
        json_object_set_new(o, "kind", ds_json_text("custom"));
        json_object_set_new(o, "entry", ds_json_text(h->entry.text));
        if (h->data_source.text)
            json_object_set_new(o, "dataSource", ds_json_text(h->data_source.text));
    }
    json_object_set_new(o, "position", position(c, h->span));
    return o;
}

/* The return of an operation: {kind, type, position}. A subscription
 * without `returns` returns what its first source returns. */
static json_t *returns_json(json_ctx *c, const ds_decl *op) {
    const ds_field *r = op->returns;
    if (!r && op->kind == DS_DECL_SUBSCRIPTION && op->source_count > 0) {
        const ds_sub_source *src = &op->sources[0];
        if (src->is_model) {
            json_t *o = json_object();
            json_object_set_new(o, "kind", ds_json_text("ref"));
            json_object_set_new(o, "type",
                                type_object(c, src->name.text, "model", false, false, false));
            json_object_set_new(o, "position", json_null());
            return o;
        }
        if (src->target) r = src->target->returns;
        if (!r) return json_null();
        json_t *o = json_object();
        json_object_set_new(o, "kind", ds_json_text(field_kinds[r->kind]));
        json_object_set_new(o, "type", field_type(c, r));
        json_object_set_new(o, "position", json_null());
        return o;
    }
    if (!r) return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "kind", ds_json_text(field_kinds[r->kind]));
    json_object_set_new(o, "type", field_type(c, r));
    json_object_set_new(o, "position", position(c, r->span));
    return o;
}

/* A subscription's sources, and the mutations it listens to as the SDL
 * names them (create + Post -> createPost). */
static void add_subscription_sources(json_ctx *c, json_t *o, const ds_decl *op) {
    json_t *sources = json_array(), *mutations = json_array();
    for (size_t i = 0; i < op->source_count; i++) {
        const ds_sub_source *src = &op->sources[i];
        json_t *so = json_object();
        if (src->is_model) {
            json_object_set_new(so, "model", ds_json_text(src->name.text));
            json_object_set_new(so, "mutations", ds_json_names(&src->mutations));
            for (size_t k = 0; k < src->mutations.count; k++)
                json_array_append_new(mutations, ds_json_text(ds_arena_printf(
                    &c->s->arena, "%s%s", src->mutations.items[k].text,
                    capitalize(&c->s->arena, src->name.text))));
        } else {
            json_object_set_new(so, "mutation", ds_json_text(src->name.text));
            json_array_append_new(mutations, ds_json_text(src->name.text));
        }
        json_object_set_new(so, "position", position(c, src->span));
        json_array_append_new(sources, so);
    }
    json_object_set_new(o, "for", sources);
    json_object_set_new(o, "mutations", mutations);
}

/* A query, mutation or subscription. */
static json_t *operation_json(json_ctx *c, const ds_decl *op) {
    json_t *o = json_object();
    json_object_set_new(o, "name", ds_json_text(op->name.text));
    json_object_set_new(o, "arguments", fields_json(c, op->arguments, op->argument_count));
    json_object_set_new(o, "returns", returns_json(c, op));
    if (op->kind == DS_DECL_SUBSCRIPTION) add_subscription_sources(c, o, op);
    json_t *handlers = json_array();
    for (size_t i = 0; i < op->handler_count; i++)
        json_array_append_new(handlers, handler_json(c, &op->handlers[i]));
    json_object_set_new(o, "handlers", handlers);
    add_authorization(c, o, op, "operation");
    json_object_set_new(o, "position", position(c, op->name.span));
    return o;
}

/* ---------------------------------------------------------------- document */

/* Write key: a map of every usable declaration of a kind, declared ones in
 * file order, then implicit ones in the order they were named. */
static void write_decls(json_ctx *c, ds_json_object *doc, const char *key, ds_decl_kind kind,
                        json_t *(*one)(json_ctx *, const ds_decl *)) {
    ds_json_object map;
    ds_json_key(doc, key);
    ds_json_begin(&map, doc->out, doc->flags, doc->depth + 1);
    for (int pass = 0; pass < 2; pass++) {
        ds_decl **list = pass == 0 ? c->s->decls : c->s->implicit;
        size_t count = pass == 0 ? c->s->decl_count : c->s->implicit_count;
        for (size_t i = 0; i < count; i++) {
            const ds_decl *d = list[i];
            if (d && !d->invalid && d->kind == kind && d->name.text)
                ds_json_put(&map, d->name.text, one(c, d));
        }
    }
    ds_json_end(&map);
}

/* The largest precision any float default needs to print exactly. */
static int float_precision(const ds_schema *s) {
    int digits = 1;
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *d = s->decls[i];
        for (size_t k = 0; d && k < d->field_count; k++) {
            const ds_value *v = d->fields[k] ? d->fields[k]->default_value : NULL;
            bool number = v && (v->kind == DS_VALUE_FLOAT || v->kind == DS_VALUE_INT);
            if (number && isfinite(v->number)) {
                int need = round_trip_digits(v->number);
                if (need > digits) digits = need;
            }
        }
    }
    return digits;
}

/* ------------------------------------------------------- streamed objects */

/* Where json_dump_callback writes: a buffer, each new line indented. */
typedef struct indented_sink {
    ds_buf *out;
    int spaces;
} indented_sink;

/* Append spaces. */
static void put_spaces(ds_buf *out, int spaces) {
    for (int i = 0; i < spaces; i++) ds_buf_putc(out, ' ');
}

/* json_dump_callback's sink: append, shifting every line after the first
 * right (JSON strings hold no raw newline, so each one is layout). */
static int append_indented(const char *text, size_t size, void *data) {
    indented_sink *sink = data;
    size_t start = 0;
    for (size_t i = 0; i < size; i++) {
        if (text[i] != '\n') continue;
        ds_buf_add(sink->out, text + start, i + 1 - start);
        put_spaces(sink->out, sink->spaces);
        start = i + 1;
    }
    ds_buf_add(sink->out, text + start, size - start);
    return 0;
}

/* Dump value at a nesting depth of the document. */
static void dump_at(ds_buf *out, json_t *value, size_t flags, int spaces) {
    indented_sink sink = {out, spaces};
    json_dump_callback(value, append_indented, &sink, flags | JSON_ENCODE_ANY);
}

void ds_json_begin(ds_json_object *o, ds_buf *out, size_t flags, int depth) {
    o->out = out;
    o->flags = flags;
    o->indent = (int)(flags & JSON_MAX_INDENT);
    o->depth = depth;
    o->count = 0;
    ds_buf_putc(out, '{');
}

void ds_json_key(ds_json_object *o, const char *key) {
    if (o->count++) ds_buf_puts(o->out, o->indent ? "," : ", ");
    if (o->indent) {
        ds_buf_putc(o->out, '\n');
        put_spaces(o->out, (o->depth + 1) * o->indent);
    }
    json_t *name = ds_json_text(key ? key : "");
    dump_at(o->out, name, 0, 0);
    json_decref(name);
    ds_buf_puts(o->out, ": ");
}

void ds_json_put(ds_json_object *o, const char *key, json_t *value) {
    ds_json_key(o, key);
    dump_at(o->out, value, o->flags, (o->depth + 1) * o->indent);
    json_decref(value);
}

void ds_json_end(ds_json_object *o) {
    if (o->count && o->indent) {
        ds_buf_putc(o->out, '\n');
        put_spaces(o->out, o->depth * o->indent);
    }
    ds_buf_putc(o->out, '}');
}

/* ---------------------------------------------------------------- document */

/* The whole document, written map by map. */
static void write_document(json_ctx *c, ds_buf *out) {
    ds_json_object doc;
    size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(c->real_precision);
    ds_json_begin(&doc, out, flags, 0);
    ds_json_put(&doc, "dschemaVersion", json_integer(DSCHEMA_JSON_VERSION));
    json_t *files = json_array();
    for (size_t i = 0; i < c->s->source_count; i++)
        json_array_append_new(files, ds_json_text(c->s->sources[i].name));
    ds_json_put(&doc, "files", files);
    ds_json_put(&doc, "authorization", rules_json(c, &c->s->auth));
    write_decls(c, &doc, "models", DS_DECL_MODEL, model_json);
    write_decls(c, &doc, "enums", DS_DECL_ENUM, enum_json);
    write_decls(c, &doc, "types", DS_DECL_TYPE, type_json);
    write_decls(c, &doc, "queries", DS_DECL_QUERY, operation_json);
    write_decls(c, &doc, "mutations", DS_DECL_MUTATION, operation_json);
    write_decls(c, &doc, "subscriptions", DS_DECL_SUBSCRIPTION, operation_json);
    ds_json_end(&doc);
    ds_buf_putc(out, '\n');
}

void ds_emit_json(ds_schema *s, ds_buf *out) {
    json_ctx c = {s, float_precision(s)};
    write_document(&c, out);
}
