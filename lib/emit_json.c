/* emit_json.c: dschemac's own resolved-schema JSON (-f json).
 *
 * One document for tools and pipelines: every declaration with what the
 * resolver found out about it (implicit types and their names, the
 * implicit id, which rules apply, and each relationship linked to its
 * counterpart, its parent's identifier and its reference fields), each
 * node with the place in the YAML it came from. The format is described by
 * schemas/dschema-output.schema.json and docs/json-output.md; its version
 * is DSCHEMA_JSON_VERSION. Keys come in a fixed order, maps list their
 * entries in declaration order; 2-space indent and a final newline (the
 * layout of jansson's JSON_INDENT(2), written by json_writer.h).
 */
#include <math.h>  /* isfinite, a macro */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "phases.h"
#include "words.h"

typedef struct json_ctx {
    const ds_schema *s;
    ds_jw *w;
    ds_buf scratch;            /* names made of names, before they are written */
} json_ctx;

/* {file, line, column} of a span, or null for an implicit node. */
static void position(json_ctx *c, ds_span span) {
    ds_jw *w = c->w;
    if (span.line == 0 || span.file >= c->s->source_count) {
        ds_jw_null(w);
        return;
    }
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "file");
    ds_jw_string(w, c->s->sources[span.file].name);
    DS_JW_KEY(w, "line");
    ds_jw_int(w, span.line);
    DS_JW_KEY(w, "column");
    ds_jw_int(w, span.col);
    ds_jw_end_object(w);
}

/* The identifier of a model: as written, or the default [id]. */
static void identifier(ds_jw *w, const ds_decl *model) {
    if (model->identifier.present && model->identifier.count > 0) {
        ds_jw_names(w, &model->identifier);
        return;
    }
    ds_jw_begin_array(w);
    DS_JW_LITERAL(w, "\"id\"");
    ds_jw_end_array(w);
}

static const char *const decl_kinds[] = {
    [DS_DECL_MODEL] = "model", [DS_DECL_ENUM] = "enum", [DS_DECL_TYPE] = "customType",
    [DS_DECL_QUERY] = "query", [DS_DECL_MUTATION] = "mutation",
    [DS_DECL_SUBSCRIPTION] = "subscription"};

/* ----------------------------------------------------------------- types */

/* {name, kind, required, list, listRequired, graphql}; graphql is the
 * type's spelling with its modifiers: T, T!, [T], [T!], [T]!. */
static void type_object(json_ctx *c, const char *name, const char *kind, bool required,
                        bool list, bool list_required) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, name);
    DS_JW_KEY(w, "kind");
    ds_jw_string(w, kind);
    DS_JW_KEY(w, "required");
    ds_jw_bool(w, required);
    DS_JW_KEY(w, "list");
    ds_jw_bool(w, list);
    DS_JW_KEY(w, "listRequired");
    ds_jw_bool(w, list && list_required);
    DS_JW_KEY(w, "graphql");
    if (list) ds_buf_putc(&c->scratch, '[');
    ds_buf_puts(&c->scratch, name ? name : "");
    if (required) ds_buf_putc(&c->scratch, '!');
    if (list) ds_buf_puts(&c->scratch, list_required ? "]!" : "]");
    ds_jw_scratch_string(w, &c->scratch);
    ds_jw_end_object(w);
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
static void field_type(json_ctx *c, const ds_field *f) {
    const ds_type *t = &f->type;
    switch (f->kind) {
    case DS_FIELD_SCALAR:
        type_object(c, ds_scalar_graphql_name(t->scalar), "scalar", t->required, t->list,
                    t->list_required);
        break;
    case DS_FIELD_REF:
        type_object(c, t->target ? t->target->name.text : t->base,
                    decl_type_kind(t->target), t->required, t->list, t->list_required);
        break;
    case DS_FIELD_INLINE_ENUM:
    case DS_FIELD_INLINE_TYPE:
        type_object(c, f->inline_decl ? f->inline_decl->name.text : NULL,
                    f->kind == DS_FIELD_INLINE_ENUM ? "enum" : "customType", false, false, false);
        break;
    case DS_FIELD_RELATION:
    default:
        type_object(c, f->rel->target ? f->rel->target->name.text : f->rel->related.text,
                    "model", false, f->rel->kind == DS_REL_HAS_MANY, false);
        break;
    }
}

/* ----------------------------------------------------------------- rules */

/* One rule, with the keys it was written with. */
static void rule_json(json_ctx *c, const ds_rule *r) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "allow");
    ds_jw_string(w, ds_allow_name(r->allow));
    if (r->provider != DS_PROVIDER_DEFAULT) {
        DS_JW_KEY(w, "provider");
        ds_jw_string(w, ds_provider_name(r->provider));
    }
    if (r->to.present) {
        DS_JW_KEY(w, "to");
        ds_jw_names(w, &r->to);
    }
    if (r->groups.present) {
        DS_JW_KEY(w, "groups");
        ds_jw_names(w, &r->groups);
    }
    DS_JW_OPTIONAL_STRING(w, "group", r->group.text);
    DS_JW_OPTIONAL_STRING(w, "field", r->field.text);
    DS_JW_OPTIONAL_STRING(w, "identityClaim", r->identity_claim.text);
    DS_JW_OPTIONAL_STRING(w, "groupClaim", r->group_claim.text);
    DS_JW_KEY(w, "position");
    position(c, r->span);
    ds_jw_end_object(w);
}

/* A list of rules. */
static void rules_json(json_ctx *c, const ds_rules *rules) {
    ds_jw_begin_array(c->w);
    for (size_t i = 0; rules && i < rules->count; i++)
        if (!rules->items[i].invalid) rule_json(c, &rules->items[i]);
    ds_jw_end_array(c->w);
}

/* authorization and authorizationFrom: a declaration's own rules and
 * which rules apply to it (its own, or else the schema's). */
static void add_authorization(json_ctx *c, const ds_decl *d, const char *own) {
    DS_JW_KEY(c->w, "authorization");
    rules_json(c, &d->auth);
    DS_JW_KEY(c->w, "authorizationFrom");
    ds_jw_string(c->w, d->rules == &d->auth ? own : "schema");
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
static void default_json(json_ctx *c, const ds_value *v) {
    static const char *const kinds[] = {
        [DS_VALUE_NULL] = "null", [DS_VALUE_BOOL] = "boolean", [DS_VALUE_INT] = "integer",
        [DS_VALUE_FLOAT] = "float", [DS_VALUE_STRING] = "string"};
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "kind");
    ds_jw_string(w, kinds[v->kind]);
    DS_JW_KEY(w, "value");
    switch (v->kind) {
    case DS_VALUE_NULL: ds_jw_null(w); break;
    case DS_VALUE_BOOL: ds_jw_bool(w, v->boolean); break;
    case DS_VALUE_INT:
    case DS_VALUE_FLOAT:
        if (is_safe_integer(v->number)) ds_jw_int(w, (long long)v->number);
        else if (isfinite(v->number))
            ds_jw_real(w, v->number);
        else
            ds_jw_string(w, v->text);
        break;
    case DS_VALUE_STRING:
    default: ds_jw_string(w, v->text); break;
    }
    DS_JW_KEY(w, "text");
    ds_jw_string(w, v->text);
    DS_JW_KEY(w, "position");
    position(c, v->span);
    ds_jw_end_object(w);
}

/* ---------------------------------------------------------- relationships */

static const char *const rel_kinds[] = {
    [DS_REL_HAS_ONE] = "hasOne", [DS_REL_HAS_MANY] = "hasMany", [DS_REL_BELONGS_TO] = "belongsTo"};

/* {model, field} of a field, or null. */
static void field_ref(ds_jw *w, const ds_field *f) {
    if (!f) {
        ds_jw_null(w);
        return;
    }
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "model");
    ds_jw_string(w, f->owner ? f->owner->name.text : NULL);
    DS_JW_KEY(w, "field");
    ds_jw_string(w, f->name.text);
    ds_jw_end_object(w);
}

/* A relationship resolved: its counterpart, the parent whose identifier
 * the references match, and the child that holds the reference fields. */
static void relationship_json(ds_jw *w, const ds_field *f) {
    const ds_relation *r = f->rel;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "kind");
    ds_jw_string(w, rel_kinds[r->kind]);
    DS_JW_KEY(w, "relatedModel");
    ds_jw_string(w, r->target ? r->target->name.text : r->related.text);
    DS_JW_KEY(w, "references");
    ds_jw_names(w, &r->references);
    DS_JW_KEY(w, "counterpart");
    field_ref(w, r->counterpart);

    DS_JW_KEY(w, "parent");
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "model");
    ds_jw_string(w, r->parent ? r->parent->name.text : NULL);
    DS_JW_KEY(w, "identifier");
    if (r->parent) identifier(w, r->parent);
    else DS_JW_LITERAL(w, "[]");
    ds_jw_end_object(w);

    const ds_decl *child = r->kind == DS_REL_BELONGS_TO ? f->owner : r->target;
    DS_JW_KEY(w, "child");
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "model");
    ds_jw_string(w, child ? child->name.text : NULL);
    DS_JW_KEY(w, "fields");
    ds_jw_begin_array(w);
    for (size_t i = 0; i < r->references.count; i++) {
        const ds_field *ref = r->reference_fields ? r->reference_fields[i] : NULL;
        ds_jw_string(w, ref ? ref->name.text : r->references.items[i].text);
    }
    ds_jw_end_array(w);
    ds_jw_end_object(w);
    ds_jw_end_object(w);
}

/* ----------------------------------------------------------------- fields */

static const char *const field_kinds[] = {
    [DS_FIELD_SCALAR] = "scalar", [DS_FIELD_REF] = "ref", [DS_FIELD_INLINE_ENUM] = "inlineEnum",
    [DS_FIELD_INLINE_TYPE] = "inlineCustomType", [DS_FIELD_RELATION] = "relationship"};

/* A field, an argument or a return value. */
static void field_json(json_ctx *c, const ds_field *f) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, f->name.text);
    DS_JW_KEY(w, "kind");
    ds_jw_string(w, field_kinds[f->kind]);
    DS_JW_KEY(w, "type");
    field_type(c, f);
    DS_JW_MEMBER(w, "\"implicit\": false");
    if (f->default_value) {
        DS_JW_KEY(w, "default");
        default_json(c, f->default_value);
    }
    DS_JW_KEY(w, "authorization");
    rules_json(c, f->auth);
    if (f->kind == DS_FIELD_RELATION) {
        DS_JW_KEY(w, "relationship");
        relationship_json(w, f);
    }
    DS_JW_KEY(w, "position");
    position(c, f->name.span);
    ds_jw_end_object(w);
}

/* The implicit `id: ID!` of a model whose identifier is the default one. */
static void implicit_id(json_ctx *c) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_MEMBER(w, "\"name\": \"id\"");
    DS_JW_MEMBER(w, "\"kind\": \"scalar\"");
    DS_JW_KEY(w, "type");
    type_object(c, "ID", "scalar", true, false, false);
    DS_JW_MEMBER(w, "\"implicit\": true");
    DS_JW_MEMBER(w, "\"authorization\": []");
    DS_JW_MEMBER(w, "\"position\": null");
    ds_jw_end_object(w);
}

/* The members of a map of fields by name, in declaration order. */
static void field_members(json_ctx *c, ds_field *const *fields, size_t count) {
    for (size_t i = 0; i < count; i++) {
        if (!fields[i] || fields[i]->invalid || !fields[i]->name.text) continue;
        ds_jw_key(c->w, fields[i]->name.text);
        field_json(c, fields[i]);
    }
}

/* A map of fields by name, in declaration order. */
static void fields_json(json_ctx *c, ds_field *const *fields, size_t count) {
    ds_jw_begin_object(c->w);
    field_members(c, fields, count);
    ds_jw_end_object(c->w);
}

/* ----------------------------------------------------------------- models */

/* One secondary index. */
static void index_json(json_ctx *c, const ds_index *ix) {
    static const char *const projections[] = {
        [DS_PROJECTION_NONE] = NULL, [DS_PROJECTION_KEYS_ONLY] = "KEYS_ONLY",
        [DS_PROJECTION_ALL] = "ALL", [DS_PROJECTION_INCLUDE] = "INCLUDE"};
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "field");
    ds_jw_string(w, ix->field.text);
    DS_JW_KEY(w, "sortKeys");
    ds_jw_names(w, &ix->sort_keys);
    DS_JW_OPTIONAL_STRING(w, "name", ix->name.text);
    DS_JW_KEY(w, "queryField");
    ds_jw_string(w, ix->query_field_name);
    if (ix->projection != DS_PROJECTION_NONE) {
        DS_JW_KEY(w, "projection");
        ds_jw_begin_object(w);
        DS_JW_KEY(w, "type");
        ds_jw_string(w, projections[ix->projection]);
        if (ix->projection == DS_PROJECTION_INCLUDE) {
            DS_JW_KEY(w, "nonKeyAttributes");
            ds_jw_names(w, &ix->non_key_attributes);
        }
        ds_jw_end_object(w);
    }
    DS_JW_KEY(w, "position");
    position(c, ix->span);
    ds_jw_end_object(w);
}

/* Whether a model declares a field named name. */
static bool declares(const ds_decl *d, const char *name) {
    for (size_t i = 0; i < d->field_count; i++)
        if (d->fields[i] && d->fields[i]->name.text && strcmp(d->fields[i]->name.text, name) == 0)
            return true;
    return false;
}

/* A model. */
static void model_json(json_ctx *c, const ds_decl *d) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, d->name.text);
    DS_JW_KEY(w, "identifier");
    identifier(w, d);
    DS_JW_KEY(w, "fields");
    ds_jw_begin_object(w);
    bool default_id = d->pk_name && strcmp(d->pk_name, "id") == 0;
    if (default_id && !declares(d, "id")) {
        DS_JW_KEY(w, "id");
        implicit_id(c);
    }
    field_members(c, d->fields, d->field_count);
    ds_jw_end_object(w);
    DS_JW_KEY(w, "secondaryIndexes");
    ds_jw_begin_array(w);
    for (size_t i = 0; i < d->index_count; i++)
        if (!d->indexes[i].invalid) index_json(c, &d->indexes[i]);
    ds_jw_end_array(w);
    DS_JW_KEY(w, "disabledOperations");
    ds_jw_names(w, &d->disabled_ops);
    add_authorization(c, d, "model");
    DS_JW_KEY(w, "position");
    position(c, d->name.span);
    ds_jw_end_object(w);
}

/* ------------------------------------------------------ enums and types */

/* Where an implicit declaration was written: {kind, name, field}, or null. */
static void origin_json(ds_jw *w, const ds_decl *d) {
    if (!d->implicit || !d->origin) {
        ds_jw_null(w);
        return;
    }
    const ds_decl *owner = d->origin->owner;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "kind");
    ds_jw_string(w, owner ? decl_kinds[owner->kind] : NULL);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, owner ? owner->name.text : NULL);
    DS_JW_KEY(w, "field");
    ds_jw_string(w, d->origin->name.text);
    ds_jw_end_object(w);
}

/* The span that stands for a declaration: its key, or for an implicit one
 * the field that declares it inline. */
static ds_span decl_span(const ds_decl *d) {
    if (d->implicit && d->origin)
        return d->origin->name.span.line ? d->origin->name.span : d->origin->span;
    return d->name.span;
}

/* Open the object of an enum or custom type, which may be implicit:
 * name, implicit, origin. */
static void begin_enum_or_type(ds_jw *w, const ds_decl *d) {
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, d->name.text);
    DS_JW_KEY(w, "implicit");
    ds_jw_bool(w, d->implicit);
    DS_JW_KEY(w, "origin");
    origin_json(w, d);
}

/* An enum. */
static void enum_json(json_ctx *c, const ds_decl *d) {
    ds_jw *w = c->w;
    begin_enum_or_type(w, d);
    DS_JW_KEY(w, "values");
    ds_jw_names(w, &d->values);
    DS_JW_KEY(w, "position");
    position(c, decl_span(d));
    ds_jw_end_object(w);
}

/* A custom type. */
static void type_json(json_ctx *c, const ds_decl *d) {
    ds_jw *w = c->w;
    begin_enum_or_type(w, d);
    DS_JW_KEY(w, "fields");
    fields_json(c, d->fields, d->field_count);
    DS_JW_KEY(w, "position");
    position(c, decl_span(d));
    ds_jw_end_object(w);
}

/* ------------------------------------------------------------- operations */

/* One handler: {kind, function} or {kind, entry, dataSource}. */
static void handler_json(json_ctx *c, const ds_handler *h) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    if (h->kind == DS_HANDLER_FUNCTION) {
        DS_JW_MEMBER(w, "\"kind\": \"function\"");
        DS_JW_KEY(w, "function");
        ds_jw_string(w, h->function.text);
    } else {
        DS_JW_MEMBER(w, "\"kind\": \"custom\"");
        DS_JW_KEY(w, "entry");
        ds_jw_string(w, h->entry.text);
        DS_JW_OPTIONAL_STRING(w, "dataSource", h->data_source.text);
    }
    DS_JW_KEY(w, "position");
    position(c, h->span);
    ds_jw_end_object(w);
}

/* A return: {kind, type, position}, of field r or, with r NULL, of a
 * model's type. */
static void return_object(json_ctx *c, const ds_field *r, const char *model, bool placed) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "kind");
    ds_jw_string(w, r ? field_kinds[r->kind] : "ref");
    DS_JW_KEY(w, "type");
    if (r) field_type(c, r);
    else type_object(c, model, "model", false, false, false);
    DS_JW_KEY(w, "position");
    if (placed) position(c, r->span);
    else ds_jw_null(w);
    ds_jw_end_object(w);
}

/* The return of an operation: {kind, type, position}. A subscription
 * without `returns` returns what its first source returns. */
static void returns_json(json_ctx *c, const ds_decl *op) {
    if (op->ret_model) return_object(c, NULL, op->ret_model->name.text, false);
    else if (!op->ret) ds_jw_null(c->w);
    else return_object(c, op->ret, NULL, op->ret == op->returns);
}

/* A subscription's sources, and the mutations it listens to as the SDL
 * names them (create + Post -> createPost). */
static void add_subscription_sources(json_ctx *c, const ds_decl *op) {
    ds_jw *w = c->w;
    DS_JW_KEY(w, "for");
    ds_jw_begin_array(w);
    for (size_t i = 0; i < op->source_count; i++) {
        const ds_sub_source *src = &op->sources[i];
        ds_jw_begin_object(w);
        if (src->is_model) {
            DS_JW_KEY(w, "model");
            ds_jw_string(w, src->name.text);
            DS_JW_KEY(w, "mutations");
            ds_jw_names(w, &src->mutations);
        } else {
            DS_JW_KEY(w, "mutation");
            ds_jw_string(w, src->name.text);
        }
        DS_JW_KEY(w, "position");
        position(c, src->span);
        ds_jw_end_object(w);
    }
    ds_jw_end_array(w);
    DS_JW_KEY(w, "mutations");
    ds_jw_begin_array(w);
    for (size_t i = 0; i < op->subscribed_count; i++) ds_jw_string(w, op->subscribed[i]);
    ds_jw_end_array(w);
}

/* A query, mutation or subscription. */
static void operation_json(json_ctx *c, const ds_decl *op) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, op->name.text);
    DS_JW_KEY(w, "arguments");
    fields_json(c, op->arguments, op->argument_count);
    DS_JW_KEY(w, "returns");
    returns_json(c, op);
    if (op->kind == DS_DECL_SUBSCRIPTION) add_subscription_sources(c, op);
    DS_JW_KEY(w, "handlers");
    ds_jw_begin_array(w);
    for (size_t i = 0; i < op->handler_count; i++) handler_json(c, &op->handlers[i]);
    ds_jw_end_array(w);
    add_authorization(c, op, "operation");
    DS_JW_KEY(w, "position");
    position(c, op->name.span);
    ds_jw_end_object(w);
}

/* ---------------------------------------------------------------- document */

/* Write key: a map of every usable declaration of a kind, declared ones in
 * file order, then implicit ones in the order they were named. */
static void write_decls(json_ctx *c, const char *key, ds_decl_kind kind,
                        void (*one)(json_ctx *, const ds_decl *)) {
    ds_jw_key(c->w, key);
    ds_jw_begin_object(c->w);
    for (int pass = 0; pass < 2; pass++) {
        ds_decl **list = pass == 0 ? c->s->decls : c->s->implicit;
        size_t count = pass == 0 ? c->s->decl_count : c->s->implicit_count;
        for (size_t i = 0; i < count; i++) {
            const ds_decl *d = list[i];
            if (!d || d->invalid || d->kind != kind || !d->name.text) continue;
            ds_jw_key(c->w, d->name.text);
            one(c, d);
        }
    }
    ds_jw_end_object(c->w);
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

/* The whole document. */
static void write_document(json_ctx *c) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "dschemaVersion");
    ds_jw_int(w, DSCHEMA_JSON_VERSION);
    DS_JW_KEY(w, "files");
    ds_jw_begin_array(w);
    for (size_t i = 0; i < c->s->source_count; i++) ds_jw_string(w, c->s->sources[i].name);
    ds_jw_end_array(w);
    DS_JW_KEY(w, "authorization");
    rules_json(c, &c->s->auth);
    write_decls(c, "models", DS_DECL_MODEL, model_json);
    write_decls(c, "enums", DS_DECL_ENUM, enum_json);
    write_decls(c, "types", DS_DECL_TYPE, type_json);
    write_decls(c, "queries", DS_DECL_QUERY, operation_json);
    write_decls(c, "mutations", DS_DECL_MUTATION, operation_json);
    write_decls(c, "subscriptions", DS_DECL_SUBSCRIPTION, operation_json);
    ds_jw_end_object(w);
    ds_jw_putc(w, '\n');
}

void ds_emit_json(const ds_schema *s, ds_arena *arena, ds_buf *out) {
    (void)arena;  /* it writes as it reads: nothing to keep */
    ds_jw *w = malloc(sizeof *w);
    if (!w) abort();
    ds_jw_init(w, out, 2, float_precision(s));
    json_ctx c = {s, w, {0}};
    write_document(&c);
    ds_jw_finish(w);
    ds_buf_free(&c.scratch);
    free(w);
}
