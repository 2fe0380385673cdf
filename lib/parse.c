/* parse.c: the YAML front-end. Reads one dschema file (FORMAT.md) into
 * declarations appended to s->decls, in file order across sections, and
 * the schema-level rules into s->auth.
 *
 * The file's shape is checked here (keys, kinds of values, names, type
 * strings, the spelling of every word); what needs the whole schema
 * (refs, relationships, identifiers, which rules apply) is the resolver's.
 * After an error in one declaration the next is read all the same, so
 * one run reports every mistake of the file.
 */
#include <string.h>

#include "parse_internal.h"
#include "phases.h"
#include "words.h"

#define disable_words ds_disable_words
static const char *const disable_synonyms[] = {
    "read", "queries, get or list", "write", "mutations, create, update or delete",
    "subscribe", "subscriptions, onCreate, onUpdate or onDelete", NULL};
static const ds_wordset disable_set = {"an operation that can be disabled", disable_words,
                                       disable_synonyms};

#define projection_words ds_projection_words
static const ds_wordset projection_set = {"an index projection", projection_words, NULL};
static const ds_wordset include_set = {"the type of a projection map",
                                       (const char *const[]){"INCLUDE", NULL}, NULL};

#define mutation_words ds_mutation_words
static const ds_wordset mutation_set = {"a model mutation a subscription can listen to",
                                        mutation_words, NULL};

/* ---- the hints of unknown keys ---- */

/* "a model takes fields, identifier, ... and authorization". */
static const char *model_hint(ds_parser *p) {
    return ds_parse_takes(p, "a model", DS_KEYS_MODEL);
}

/* "an index takes field, sortKeys, ... and projection". */
static const char *index_hint(ds_parser *p) {
    return ds_parse_takes(p, "an index", DS_KEYS_INDEX);
}

/* The projection map is shown with the one value its type takes. */
static const char *projection_hint(ds_parser *p) {
    const char *const *keys = ds_construct_keys(DS_KEYS_PROJECTION);
    return ds_arena_printf(&p->tmp, "a projection map takes %s: INCLUDE and %s", keys[0], keys[1]);
}

/* A handler is one of two shapes, shown rather than listed. */
static const char *handler_hint(ds_parser *p) {
    (void)p;
    return "a handler is { function: name } or { custom: { entry: ./file.js, dataSource: ... } }";
}

/* "a custom handler takes entry and dataSource". */
static const char *custom_handler_hint(ds_parser *p) {
    return ds_parse_takes(p, "a custom handler", DS_KEYS_CUSTOM_HANDLER);
}

/* A model source is shown rather than listed. */
static const char *source_hint(ds_parser *p) {
    (void)p;
    return "a model source is { model: Post, mutations: [create] }";
}

/* "a custom operation takes arguments, returns, handler and authorization". */
static const char *operation_hint(ds_parser *p) {
    return ds_parse_takes(p, "a custom operation", DS_KEYS_OPERATION);
}

/* "a subscription takes for, arguments, handler and authorization". */
static const char *subscription_hint(ds_parser *p) {
    return ds_parse_takes(p, "a subscription", DS_KEYS_SUBSCRIPTION);
}

/* "the top level takes authorization, models, ... and subscriptions". */
static const char *document_hint(ds_parser *p) {
    return ds_parse_takes(p, "the top level", DS_KEYS_DOCUMENT);
}

/* ---- models ---- */

/* PROJECTION := KEYS_ONLY | ALL | { type: INCLUDE, nonKeyAttributes: [NAME, ...] }
 * of the index called what. */
static void parse_projection(ds_parser *p, const ds_ynode *n, const char *what, ds_index *ix) {
    ix->projection_span = n->span;
    if (n->kind == DS_Y_SEQ) {
        ds_parse_want(p, n, DS_Y_MAP, ds_arena_printf(&p->tmp, "the projection of %s", what),
                      "KEYS_ONLY, ALL or a map { type: INCLUDE, nonKeyAttributes: [...] }",
                      "to project some attributes, write projection: { type: INCLUDE, "
                      "nonKeyAttributes: [name] }");
        ix->invalid = true;
        return;
    }
    if (n->kind != DS_Y_MAP) {
        int w = ds_parse_word(p, n, &projection_set, NULL);
        if (w == 2) {
            ds_diag *e = ds_parse_error(p, n->span, DS_E_BAD_VALUE,
                                        "an INCLUDE projection needs the attributes it includes");
            ds_hint(p->s, e, "write projection: { type: INCLUDE, nonKeyAttributes: [name] }");
        }
        if (w < 0 || w == 2) ix->invalid = true;
        else ix->projection = w == 0 ? DS_PROJECTION_KEYS_ONLY : DS_PROJECTION_ALL;
        return;
    }
    if (!ds_parse_keys(p, n, DS_KEYS_PROJECTION, "a key of a projection", projection_hint))
        ix->invalid = true;
    const ds_ynode *type = ds_parse_get(n, "type", NULL);
    const ds_ynode *attrs = ds_parse_get(n, "nonKeyAttributes", NULL);
    const char *missing = !type && !ds_parse_misspelt(n, DS_KEYS_PROJECTION, "type") ? "type"
                          : !attrs && !ds_parse_misspelt(n, DS_KEYS_PROJECTION, "nonKeyAttributes")
                              ? "nonKeyAttributes" : NULL;
    if (missing) {
        ds_diag *e = ds_parse_error(p, n->span, DS_E_MISSING_KEY, "the projection map of %s has no %s",
                                    what, missing);
        ds_hint(p->s, e, "write projection: { type: INCLUDE, nonKeyAttributes: [name] }");
    }
    if (!type || !attrs) ix->invalid = true;
    if (type && ds_parse_word(p, type, &include_set,
                              ds_arena_printf(&p->tmp, "the type of the projection of %s", what)) < 0)
        ix->invalid = true;
    if (attrs) {
        ds_parse_names(p, attrs, false, ds_arena_printf(&p->tmp, "the nonKeyAttributes of %s", what),
                       "a non-key attribute", &ix->non_key_attributes);
        if (ix->non_key_attributes.invalid) ix->invalid = true;
    }
    ix->projection = DS_PROJECTION_INCLUDE;
}

/* The keys of an index map other than field, of the index called what. */
static void parse_index_keys(ds_parser *p, const ds_ynode *map, const char *what, ds_index *ix) {
    const ds_ynode *v;
    if ((v = ds_parse_get(map, "sortKeys", NULL))) {
        ds_parse_names(p, v, false, ds_arena_printf(&p->tmp, "the sortKeys of %s", what), "a sort key",
                       &ix->sort_keys);
        if (ix->sort_keys.invalid) ix->invalid = true;
    }
    if ((v = ds_parse_get(map, "name", NULL)) &&
        !ds_parse_string(p, v, ds_arena_printf(&p->tmp, "the name of %s", what), &ix->name))
        ix->invalid = true;
    if ((v = ds_parse_get(map, "queryField", NULL))) {
        if (ds_yaml_is_null(v)) {
            ix->query_field_null = true;
            ix->query_field.span = v->span;
        } else if (!ds_parse_name(p, v, false, ds_arena_printf(&p->tmp, "the queryField of %s", what),
                                  &ix->query_field)) {
            ix->invalid = true;
        }
    }
    if ((v = ds_parse_get(map, "projection", NULL))) parse_projection(p, v, what, ix);
}

/* "the index on Order.region" (or "an index of Order" before its field is known). */
static const char *index_label(ds_parser *p, const char *model, const ds_index *ix) {
    if (!ix->field.text) return ds_arena_printf(&p->tmp, "an index of %s", model);
    return ds_arena_printf(&p->tmp, "the index on %s.%s", model, ds_parse_clip(p, ix->field.text));
}

/* INDEX := NAME
 *        | { field: NAME, sortKeys?: [NAME, ...], name?: STRING, queryField?: NAME | null,
 *            projection?: PROJECTION } */
static void parse_index(ds_parser *p, const ds_ynode *n, const char *model, ds_index *ix) {
    ix->span = n->span;
    if (n->kind == DS_Y_SCALAR) {
        if (!ds_parse_name(p, n, false, "an index field", &ix->field)) ix->invalid = true;
        return;
    }
    if (!ds_parse_want(p, n, DS_Y_MAP, index_label(p, model, ix), "a field name or a map with field: ...",
                       "write - email, or - { field: email, sortKeys: [createdAt] }")) {
        ix->invalid = true;
        return;
    }
    if (!ds_parse_keys(p, n, DS_KEYS_INDEX, "a key of an index", index_hint))
        ix->invalid = true;
    const ds_ynode *field = ds_parse_get(n, "field", NULL);
    if (!field) {
        if (!ds_parse_misspelt(n, DS_KEYS_INDEX, "field")) {
            ds_diag *e = ds_parse_error(p, n->span, DS_E_MISSING_KEY, "%s has no field",
                                        index_label(p, model, ix));
            ds_hint(p->s, e, "name its partition key: field: email");
        }
        ix->invalid = true;
    } else if (!ds_parse_name(p, field, false, "an index field", &ix->field)) {
        ix->invalid = true;
    }
    parse_index_keys(p, n, index_label(p, model, ix), ix);
}

/* secondaryIndexes: [INDEX, ...] */
static void parse_indexes(ds_parser *p, const ds_ynode *n, ds_decl *d) {
    d->indexes_present = true;
    const char *model = d->name.text ? ds_parse_clip(p, d->name.text) : "this model";
    const char *what = ds_arena_printf(&p->tmp, "the secondaryIndexes of %s", model);
    if (!ds_parse_want(p, n, DS_Y_SEQ, what, "a list of indexes",
                       "write secondaryIndexes: [email] or a list of { field: ..., sortKeys: [...] }"))
        return;
    DS_RESERVE(&p->s->arena, d->indexes, d->index_cap, n->count);
    for (size_t i = 0; i < n->count; i++) {
        ds_index ix = {0};
        parse_index(p, n->items[i], model, &ix);
        DS_PUSH(&p->s->arena, d->indexes, d->index_count, d->index_cap, ix);
    }
}

/* MODEL := { fields: FIELDS, identifier?: [NAME, ...], secondaryIndexes?: [INDEX, ...],
 *            disableOperations?: [WORD, ...], authorization?: RULES } */
static void parse_model(ds_parser *p, const ds_ynode *name, const ds_ynode *body, ds_decl *d) {
    const char *what = ds_parse_decl_label(p, d);
    const char *const *keys = ds_construct_keys(DS_KEYS_MODEL);
    const char *expected = ds_arena_printf(&p->tmp, "a map with %s (and %s)", keys[0],
                                           ds_parse_list(p, keys + 1, SIZE_MAX, NULL));
    if (!ds_parse_want(p, body, DS_Y_MAP, what, expected, NULL)) {
        d->invalid = true;
        return;
    }
    ds_parse_keys(p, body, DS_KEYS_MODEL, "a key of a model", model_hint);
    const char *model = name->text ? ds_parse_clip(p, name->text) : "this model";
    const ds_ynode *key, *v;
    if ((v = ds_parse_get(body, "fields", NULL))) {
        ds_parse_fields(p, v, d, false);
        if (v->kind != DS_Y_MAP) d->invalid = true;
    } else {
        if (!ds_parse_misspelt(body, DS_KEYS_MODEL, "fields")) {
            ds_diag *e = ds_parse_error(p, name->span, DS_E_MISSING_KEY, "the model %s has no fields",
                                        model);
            ds_hint(p->s, e, "give it a fields map: fields: { name: string }");
        }
        d->invalid = true;
    }
    if ((v = ds_parse_get(body, "identifier", NULL)))
        ds_parse_names(p, v, false, ds_arena_printf(&p->tmp, "the identifier of %s", model),
                       "an identifier field", &d->identifier);
    if ((v = ds_parse_get(body, "secondaryIndexes", NULL))) parse_indexes(p, v, d);
    if ((v = ds_parse_get(body, "disableOperations", NULL)))
        ds_parse_words(p, v, &disable_set, ds_arena_printf(&p->tmp, "the disableOperations of %s", model),
                       &d->disabled_ops);
    if ((v = ds_parse_get(body, "authorization", &key))) ds_parse_rules(p, key, v, model, &d->auth);
}

/* ---- custom operations ---- */

/* A handler written as a single value: say how to write it. */
static void handler_not_a_map(ds_parser *p, const ds_ynode *n, const char *what) {
    const char *hint = n->kind == DS_Y_SCALAR && !ds_yaml_is_null(n)
                           ? ds_arena_printf(&p->tmp, "for a Lambda function, write { function: %s }",
                                             ds_parse_clip(p, n->text))
                           : "write { function: name } or { custom: { entry: ./file.js } }";
    ds_parse_want(p, n, DS_Y_MAP, what, "{ function: name } or { custom: { entry: ... } }", hint);
}

/* One handler: { function: STRING } | { custom: { entry: STRING, dataSource?: STRING } }
 * of the operation d, called what in messages. */
static void parse_one_handler(ds_parser *p, const ds_ynode *n, ds_decl *d, const char *what) {
    ds_handler h = {0};
    h.span = n->span;
    if (n->kind != DS_Y_MAP) {
        handler_not_a_map(p, n, what);
        d->invalid = true;
        return;
    }
    bool ok = ds_parse_keys(p, n, DS_KEYS_HANDLER, "a key of a handler", handler_hint);
    const ds_ynode *fn_key, *fn = ds_parse_get(n, "function", &fn_key);
    const ds_ynode *custom_key, *custom = ds_parse_get(n, "custom", &custom_key);
    if (fn && custom) {
        ds_diag *e = ds_parse_error(p, custom_key->span, DS_E_BAD_VALUE,
                                    "a handler is either a function or a custom handler, not both");
        ds_hint(p->s, e, "for several steps, write a list: handler: [{ function: a }, { function: b }]");
        ok = false;
    } else if (fn) {
        h.kind = DS_HANDLER_FUNCTION;
        ok = ds_parse_string(p, fn, ds_arena_printf(&p->tmp, "the function of %s", what),
                             &h.function) && ok;
    } else if (custom) {
        h.kind = DS_HANDLER_CUSTOM;
        const char *hint = custom->kind == DS_Y_SCALAR && !ds_yaml_is_null(custom)
                               ? ds_arena_printf(&p->tmp, "write custom: { entry: %s }",
                                                 ds_parse_clip(p, custom->text))
                               : NULL;
        const char *handler = ds_arena_printf(&p->tmp, "the custom handler of %s",
                                              ds_parse_decl_label(p, d));
        if (ds_parse_want(p, custom, DS_Y_MAP, handler, "a map with entry (and dataSource)", hint)) {
            ok = ds_parse_keys(p, custom, DS_KEYS_CUSTOM_HANDLER, "a key of a custom handler",
                               custom_handler_hint) && ok;
            const ds_ynode *entry = ds_parse_get(custom, "entry", NULL);
            const ds_ynode *source = ds_parse_get(custom, "dataSource", NULL);
            if (!entry) {
                if (!ds_parse_misspelt(custom, DS_KEYS_CUSTOM_HANDLER, "entry")) {
                    ds_diag *e = ds_parse_error(p, custom_key->span, DS_E_MISSING_KEY, "%s has no entry",
                                                handler);
                    ds_hint(p->s, e, "name its resolver file: custom: { entry: ./handler.js }");
                }
                ok = false;
            } else {
                ok = ds_parse_string(p, entry, ds_arena_printf(&p->tmp, "the entry of %s", what),
                                     &h.entry) && ok;
            }
            if (source)
                ok = ds_parse_string(p, source, ds_arena_printf(&p->tmp, "the dataSource of %s", what),
                                     &h.data_source) && ok;
        } else {
            ok = false;
        }
    } else if (ok) {
        ds_diag *e = ds_parse_error(p, n->span, DS_E_MISSING_KEY, "%s names no function", what);
        ds_hint(p->s, e, "write { function: name } or { custom: { entry: ./file.js } }");
        ok = false;
    }
    if (!ok) d->invalid = true;
    DS_PUSH(&p->s->arena, d->handlers, d->handler_count, d->handler_cap, h);
}

/* HANDLER := ONE_HANDLER | [ONE_HANDLER, ...]   (a list is a pipeline) */
static void parse_handler(ds_parser *p, const ds_ynode *n, ds_decl *d) {
    d->handler_present = true;
    const char *op = ds_parse_decl_label(p, d);
    if (n->kind != DS_Y_SEQ) {
        parse_one_handler(p, n, d, ds_arena_printf(&p->tmp, "the handler of %s", op));
        return;
    }
    const char *what = ds_arena_printf(&p->tmp, "a handler of %s", op);
    for (size_t i = 0; i < n->count; i++) parse_one_handler(p, n->items[i], d, what);
}

/* SOURCE := NAME (a custom mutation) | { model: NAME, mutations: [create|update|delete, ...] }
 * of the subscription d, called sub in messages. */
static void parse_source(ds_parser *p, const ds_ynode *n, ds_decl *d, const char *sub) {
    ds_sub_source src = {0};
    src.span = n->span;
    if (n->kind != DS_Y_MAP) {
        const char *role = ds_arena_printf(&p->tmp, "a source of %s", sub);
        if (!ds_parse_name(p, n, false, role, &src.name)) d->invalid = true;
        DS_PUSH(&p->s->arena, d->sources, d->source_count, d->source_cap, src);
        return;
    }
    src.is_model = true;
    if (!ds_parse_keys(p, n, DS_KEYS_SOURCE, "a key of a subscription source", source_hint))
        d->invalid = true;
    const ds_ynode *model = ds_parse_get(n, "model", NULL);
    const ds_ynode *mutations = ds_parse_get(n, "mutations", NULL);
    const char *missing = !model && !ds_parse_misspelt(n, DS_KEYS_SOURCE, "model") ? "model"
                          : !mutations && !ds_parse_misspelt(n, DS_KEYS_SOURCE, "mutations") ? "mutations"
                                                                                         : NULL;
    if (missing) {
        ds_diag *e = ds_parse_error(p, n->span, DS_E_MISSING_KEY, "a source of %s has no %s", sub,
                                    missing);
        ds_hint(p->s, e, "write { model: Post, mutations: [create, update] }");
    }
    if (!model || !mutations) d->invalid = true;
    if (model && !ds_parse_name(p, model, false, ds_arena_printf(&p->tmp, "the model of a source of %s", sub),
                                &src.name))
        d->invalid = true;
    if (mutations) {
        const char *what = src.name.text
                               ? ds_arena_printf(&p->tmp, "the mutations of %s in %s",
                                                 ds_parse_clip(p, src.name.text), sub)
                               : ds_arena_printf(&p->tmp, "the mutations of a source of %s", sub);
        ds_parse_words(p, mutations, &mutation_set, what, &src.mutations);
        if (src.mutations.invalid) d->invalid = true;
    }
    DS_PUSH(&p->s->arena, d->sources, d->source_count, d->source_cap, src);
}

/* SOURCES := SOURCE | [SOURCE, ...] */
static void parse_sources(ds_parser *p, const ds_ynode *n, ds_decl *d) {
    d->sources_present = true;
    const char *sub = ds_parse_decl_label(p, d);
    if (n->kind != DS_Y_SEQ) {
        parse_source(p, n, d, sub);
        return;
    }
    for (size_t i = 0; i < n->count; i++) parse_source(p, n->items[i], d, sub);
}

/* Whether an unknown key of an operation's body (whose keys are keys) is a
 * misspelling of a key the resolver requires: returns, handler or for. */
static bool misspelt_required(const ds_ynode *body, ds_construct keys) {
    static const char *const required[] = {"returns", "handler", "for"};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (ds_parse_misspelt(body, keys, required[i])) return true;
    return false;
}

/* OPERATION := { arguments?: FIELDS, returns: TYPE | { customType: FIELDS }, handler: HANDLER,
 *                authorization?: RULES }
 * SUBSCRIPTION := { for: SOURCES, arguments?: FIELDS, handler: HANDLER, authorization?: RULES }
 * (A missing returns, handler or for is the resolver's to report.) */
static void parse_operation(ds_parser *p, const ds_ynode *body, ds_decl *d) {
    bool sub = d->kind == DS_DECL_SUBSCRIPTION;
    const char *what = ds_parse_decl_label(p, d);
    if (!ds_parse_want(p, body, DS_Y_MAP, what,
                       sub ? "a map with for, handler (and arguments, authorization)"
                           : "a map with returns, handler (and arguments, authorization)", NULL)) {
        d->invalid = true;
        return;
    }
    ds_construct keys = sub ? DS_KEYS_SUBSCRIPTION : DS_KEYS_OPERATION;
    ds_parse_keys(p, body, keys, sub ? "a key of a subscription" : "a key of a custom operation",
                  sub ? subscription_hint : operation_hint);
    /* The unknown key's "did you mean" is the one error: the resolver, which
     * would report the key missing, leaves the operation alone. */
    if (misspelt_required(body, keys)) d->invalid = true;
    const ds_ynode *key, *v;
    if ((v = ds_parse_get(body, "arguments", NULL))) {
        ds_parse_fields(p, v, d, true);
        if (v->kind != DS_Y_MAP) d->invalid = true;
    }
    if (!sub && (v = ds_parse_get(body, "returns", &key))) d->returns = ds_parse_returns(p, key, v, d);
    if (sub && (v = ds_parse_get(body, "for", NULL))) parse_sources(p, v, d);
    if ((v = ds_parse_get(body, "handler", NULL))) parse_handler(p, v, d);
    if ((v = ds_parse_get(body, "authorization", &key))) ds_parse_rules(p, key, v, what, &d->auth);
}

/* ---- the file ---- */

/* What a declaration of kind is called, with its article. */
static const char *decl_role(ds_decl_kind kind) {
    switch (kind) {
    case DS_DECL_MODEL: return "a model name";
    case DS_DECL_ENUM: return "an enum name";
    case DS_DECL_TYPE: return "a custom type name";
    case DS_DECL_QUERY: return "a query name";
    case DS_DECL_MUTATION: return "a mutation name";
    default: return "a subscription name";
    }
}

/* One declaration NAME: BODY of a section. */
static void parse_decl(ds_parser *p, const ds_ynode *name, const ds_ynode *body, ds_decl_kind kind) {
    ds_schema *s = p->s;
    ds_decl *d = ds_parse_new_decl(p, kind);
    d->span = body->span;
    d->order = s->decl_count;
    if (!ds_parse_name(p, name, true, decl_role(kind), &d->name)) d->invalid = true;
    switch (kind) {
    case DS_DECL_MODEL: parse_model(p, name, body, d); break;
    case DS_DECL_ENUM:
        ds_parse_enum_values(p, body, d);
        if (body->kind != DS_Y_SEQ) d->invalid = true;
        break;
    case DS_DECL_TYPE:
        ds_parse_fields(p, body, d, false);
        if (body->kind != DS_Y_MAP) d->invalid = true;
        break;
    default: parse_operation(p, body, d); break;
    }
    DS_PUSH(&s->arena, s->decls, s->decl_count, s->decl_cap, d);
}

/* SECTION := { NAME: DECL, ... } */
static void parse_section(ds_parser *p, const ds_ynode *key, const ds_ynode *value, ds_decl_kind kind) {
    static const char *const expected[] = {
        "a map of model names to models", "a map of enum names to lists of values",
        "a map of custom type names to fields", "a map of query names to queries",
        "a map of mutation names to mutations", "a map of subscription names to subscriptions"};
    const char *what = ds_arena_printf(&p->tmp, "the %s section", key->text);
    if (!ds_parse_want(p, value, DS_Y_MAP, what, expected[kind],
                       ds_yaml_is_null(value) ? "remove the key, or add what it declares" : NULL))
        return;
    for (size_t i = 0; i < DS_PAIRS(value); i++)
        if (DS_VALUE(value, i) != &ds_yaml_taken)  /* parsed while loading */
            parse_decl(p, DS_KEY(value, i), DS_VALUE(value, i), kind);
}

/* Report a top-level key that an earlier file (or this one) gave already. */
static void report_given_twice(ds_parser *p, const ds_ynode *key, ds_span first,
                               const char *what, const char *once) {
    ds_diag *e = ds_parse_error(p, key->span, DS_E_DUPLICATE_KEY, "%s is given a second time",
                                what);
    ds_note_at(p->s, e, first, "it is first given here");
    ds_hint(p->s, e, "give %s once, in one of the files", once);
}

/* The schema-level authorization: once across all files. */
static void parse_schema_rules(ds_parser *p, const ds_ynode *key, const ds_ynode *value) {
    ds_schema *s = p->s;
    if (s->auth.present) {
        report_given_twice(p, key, s->auth.span, "the schema's authorization",
                           "the schema-level rules");
        return;
    }
    ds_parse_rules(p, key, value, "the schema", &s->auth);
}

static const char *const mode_synonyms[] = {"userPools", "userPool", "iam", "identityPool",
                                            "publicApiKey", "apiKey", "function", "lambda", NULL};
static const ds_wordset mode_set = {"an authorization mode of defineData", ds_auth_mode_words,
                                    mode_synonyms};

/* defaultAuthorizationMode: MODE, once across all files. */
static void parse_default_mode(ds_parser *p, const ds_ynode *key, const ds_ynode *value) {
    ds_schema *s = p->s;
    if (s->default_mode_key.text) {
        report_given_twice(p, key, s->default_mode_key.span, "defaultAuthorizationMode",
                           "the default authorization mode");
        return;
    }
    int w = ds_parse_word(p, value, &mode_set, "defaultAuthorizationMode");
    if (w < 0) return;
    s->default_mode_key.text = ds_auth_mode_words[w];
    s->default_mode_key.span = value->span;
}

/* The sections, by their top-level keys. */
static const struct {
    const char *key;
    ds_decl_kind kind;
} sections[] = {{"models", DS_DECL_MODEL},       {"enums", DS_DECL_ENUM},
                {"types", DS_DECL_TYPE},         {"queries", DS_DECL_QUERY},
                {"mutations", DS_DECL_MUTATION}, {"subscriptions", DS_DECL_SUBSCRIPTION}};

#define SECTION_COUNT (sizeof sections / sizeof *sections)

/* ds_yaml_take_fn: parse a declaration as soon as the loader has read it,
 * so that its YAML nodes can go before the next one is read. */
static bool take_decl(void *parser, const ds_ynode *section, const ds_ynode *name,
                      const ds_ynode *body) {
    for (size_t k = 0; k < SECTION_COUNT; k++) {
        if (strcmp(section->text, sections[k].key) != 0) continue;
        parse_decl(parser, name, body, sections[k].kind);
        return true;
    }
    return false;
}

/* DOCUMENT := empty
 *           | { authorization?: RULES, models?: SECTION, enums?: SECTION, types?: SECTION,
 *               queries?: SECTION, mutations?: SECTION, subscriptions?: SECTION,
 *               defaultAuthorizationMode?: MODE } */
static void parse_document(ds_parser *p, const ds_ynode *root) {
    if (ds_yaml_is_null(root)) return;  /* empty, or only comments */
    const char *expected = ds_arena_printf(
        &p->tmp, "a map of sections (%s)",
        ds_parse_list(p, ds_construct_keys(DS_KEYS_DOCUMENT), SIZE_MAX, NULL));
    if (!ds_parse_want(p, root, DS_Y_MAP, "the top level of a dschema file", expected, NULL)) return;
    ds_parse_keys(p, root, DS_KEYS_DOCUMENT, "a top-level key", document_hint);
    for (size_t i = 0; i < DS_PAIRS(root); i++) {
        const ds_ynode *key = DS_KEY(root, i), *value = DS_VALUE(root, i);
        if (key->kind != DS_Y_SCALAR) continue;
        if (strcmp(key->text, "authorization") == 0) parse_schema_rules(p, key, value);
        if (strcmp(key->text, "defaultAuthorizationMode") == 0) parse_default_mode(p, key, value);
        for (size_t k = 0; k < SECTION_COUNT; k++)
            if (strcmp(key->text, sections[k].key) == 0) parse_section(p, key, value, sections[k].kind);
    }
}

/* What a file's parse has added to the schema, to take back. */
typedef struct schema_mark {
    size_t decls, diags, errors, warnings;
} schema_mark;

/* Where the schema stands now. */
static schema_mark mark_schema(const ds_schema *s) {
    return (schema_mark){s->decl_count, s->diag_count, s->error_count, s->warning_count};
}

/* Forget the declarations and diagnostics added since mark m. */
static void rewind_schema(ds_schema *s, schema_mark m) {
    s->decl_count = m.decls;
    s->diag_count = m.diags;
    s->error_count = m.errors;
    s->warning_count = m.warnings;
}

/* Load the file and parse it; with take, declarations are parsed while
 * the YAML is read. Returns false when the YAML is unusable. */
static bool parse_file(ds_schema *s, uint32_t file, ds_yaml_take_fn take) {
    ds_parser p = {0};
    p.s = s;
    p.file = file;
    ds_arena_init(&p.tmp);
    ds_symtab_init(&p.reported, &p.tmp);
    ds_ynode *root = NULL;
    bool loaded = ds_yaml_load(s, file, &p.tmp, take, &p, &root);
    if (loaded && root) parse_document(&p, root);
    ds_arena_free(&p.tmp);
    return loaded;
}

/* Warn at the top of a file that was read without error and declares
 * nothing: most often the wrong file, or one not yet written. */
static void warn_if_empty(ds_schema *s, uint32_t file, schema_mark before, bool had_auth) {
    if (s->error_count != before.errors || s->decl_count != before.decls) return;
    if (s->auth.present && !had_auth) return;
    ds_span top = ds_span_make(file, 1, 1, 1, 1);
    ds_diag *w = ds_warning(s, top, DS_W_EMPTY_FILE, "%s declares nothing", s->sources[file].name);
    ds_hint(s, w, "declare models, enums, types or operations, e.g. `models: { Post: { fields: "
                  "{ title: string } } }`, or leave the file out");
}

void ds_parse_source(ds_schema *s, uint32_t file) {
    schema_mark before = mark_schema(s);
    bool had_auth = s->auth.present;
    if (s->sources[file].len > 0 && !parse_file(s, file, take_decl) &&
        s->decl_count != before.decls) {
        /* The YAML broke after some declarations were parsed: as for any file
           that is not YAML, report only what is wrong with the YAML (the rest
           would be checked against half a file). Read it again, keeping the
           tree, for the loader's diagnostics alone. */
        rewind_schema(s, before);
        parse_file(s, file, NULL);
        return;
    }
    warn_if_empty(s, file, before, had_auth);
}
