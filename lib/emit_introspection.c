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
 * is JSON.stringify(document, null, 4): 4-space indent, no final newline,
 * written token by token (json_writer.h).
 */
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "names.h"
#include "order.h"
#include "phases.h"
#include "words.h"

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

/* A "key" attribute the generator imputes for a one-way hasMany: its
 * parent's field, listed on the child. */
typedef struct imputed_key {
    const char *parent;            /* the parent model's name */
    const ds_field *has_many;
    struct imputed_key *next;
} imputed_key;

/* A model as the generator holds it, made when the model is written (or
 * checked): its fields live in intro_ctx's field arena until it is reset,
 * so a document of thousands of models never holds all their fields. */
typedef struct gen_model {
    ds_decl *decl;
    gen_field *fields;             /* valid until the field arena is reset */
    size_t field_count, field_cap;
    const ds_field *primary_key;   /* the field printed with @primaryKey, or NULL */
    imputed_key *imputed, *imputed_last;  /* in the order they were added */
} gen_model;

typedef struct intro_ctx {
    const ds_schema *s;
    ds_arena *arena;               /* this emit's memory, freed after it */
    ds_jw *w;
    ds_buf scratch;                /* names made of names, before they are written */
    imputed_key **imputed;         /* per printed type (models only): its imputed keys */
    imputed_key **imputed_last;
    ds_arena field_arena;          /* the fields of the model(s) at hand */
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
    return f->type.base;
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
    return ds_arena_printf(c->arena, "%sInput", type && type->name.text ? type->name.text : "");
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
    if (op->ret_model) return bare(op->name.text, op->ret_model->name.text);
    const ds_field *r = op->ret;
    if (!r) return bare(op->name.text, NULL);
    gen_field g = printed_field(r, false);
    g.name = op->name.text;
    return g;
}


/* getType(): a scalar's name, or {model|enum|nonModel|input: name}. */
static void type_json(intro_ctx *c, const char *type) {
    static const char *const keys[] = {
        [DS_OUT_MODEL] = "model", [DS_OUT_ENUM] = "enum", [DS_OUT_TYPE] = "nonModel",
        [DS_OUT_INPUT] = "input"};
    const ds_out_type *t = ds_printed_type(c->s, type);
    if (!t) {
        ds_jw_string(c->w, type);   /* a scalar, by its GraphQL name */
        return;
    }
    ds_jw_begin_object(c->w);
    ds_jw_key(c->w, keys[t->kind]);
    ds_jw_string(c->w, type);
    ds_jw_end_object(c->w);
}

/* ------------------------------------------------------------------ models */

/* addFieldToModel-style append. */
static void add_field(intro_ctx *c, gen_model *m, gen_field f) {
    DS_PUSH(&c->field_arena, m->fields, m->field_count, m->field_cap, f);
}

/* The field of m named name, or NULL. */
static gen_field *find_field(gen_model *m, const char *name) {
    for (size_t i = 0; i < m->field_count; i++)
        if (m->fields[i].name && strcmp(m->fields[i].name, name) == 0) return &m->fields[i];
    return NULL;
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
    m->fields = NULL;
    m->field_count = 0;
    m->primary_key = NULL;
    DS_RESERVE(&c->field_arena, m->fields, m->field_cap, d->field_count + 3);  /* + id, timestamps */
    for (size_t i = 0; i < d->field_count; i++) {
        const ds_field *f = d->fields[i];
        if (!f || f->invalid || !f->name.text) continue;
        bool is_pk = f == d->pk_field;
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


/* The generator's imputed key for a hasMany whose child does not point
 * back with a belongsTo first (hasManyHasImplicitKey / addHasManyKey):
 * the child's first field typed as the parent decides. */
static void impute_has_many_key(intro_ctx *c, const ds_decl *parent, const ds_field *has_many) {
    const char *related = has_many->rel->related.text;
    const ds_out_type *child = ds_printed_type(c->s, related);
    if (!child || child->kind != DS_OUT_MODEL) return;
    gen_model view = {.decl = child->decl};
    build_model_fields(c, &view);
    for (size_t i = 0; i < view.field_count; i++) {
        const gen_field *g = &view.fields[i];
        if (!g->type || strcmp(g->type, parent->name.text) != 0) continue;
        bool belongs = g->field && g->field->kind == DS_FIELD_RELATION &&
                       g->field->rel->kind == DS_REL_BELONGS_TO;
        ds_arena_reset(&c->field_arena);
        if (belongs) return;
        break;
    }
    ds_arena_reset(&c->field_arena);
    imputed_key *k = ds_arena_alloc(c->arena, sizeof *k);
    k->parent = parent->name.text;
    k->has_many = has_many;
    size_t at = (size_t)(child - c->s->out_types);
    if (c->imputed_last[at]) c->imputed_last[at]->next = k;
    else c->imputed[at] = k;
    c->imputed_last[at] = k;
}

/* processConnectionDirectivesV2, for what reaches the document: the keys
 * imputed for hasMany fields, in model and field order. */
static void process_connections(intro_ctx *c) {
    for (size_t i = 0; i < c->s->out_type_count; i++) {
        const ds_decl *m = c->s->out_types[i].decl;
        if (c->s->out_types[i].kind != DS_OUT_MODEL || !m) continue;
        for (size_t j = 0; j < m->field_count; j++) {
            const ds_field *f = m->fields[j];
            if (f && !f->invalid && f->name.text && f->kind == DS_FIELD_RELATION &&
                f->rel->kind == DS_REL_HAS_MANY)
                impute_has_many_key(c, m, f);
        }
    }
}

/* ---------------------------------------------------------------- attributes */

/* Open {"type": "key", "properties": { of a key attribute; the caller
 * writes the properties and closes both objects. */
static void begin_key_attribute(ds_jw *w) {
    ds_jw_begin_object(w);
    DS_JW_MEMBER(w, "\"type\": \"key\"");
    DS_JW_KEY(w, "properties");
    ds_jw_begin_object(w);
}

/* Close what begin_key_attribute opened. */
static void end_key_attribute(ds_jw *w) {
    ds_jw_end_object(w);
    ds_jw_end_object(w);
}

/* An imputed key: {name: "gsi-<Parent>.<field>", fields: references}. */
static void imputed_key_attribute(intro_ctx *c, const imputed_key *k) {
    ds_jw *w = c->w;
    begin_key_attribute(w);
    DS_JW_KEY(w, "name");
    ds_buf_puts(&c->scratch, "gsi-");
    ds_buf_puts(&c->scratch, k->parent ? k->parent : "(null)");
    ds_buf_putc(&c->scratch, '.');
    ds_buf_puts(&c->scratch, k->has_many->name.text ? k->has_many->name.text : "(null)");
    ds_jw_scratch_string(w, &c->scratch);
    DS_JW_KEY(w, "fields");
    ds_jw_names(w, &k->has_many->rel->references);
    end_key_attribute(w);
}

/* data-schema's @model(...) arguments from disableOperations, as the
 * resolver grouped them: each group in print order, null when disabled
 * whole, else {op: null, ...}. */
static void model_properties(intro_ctx *c, const ds_decl *d) {
    ds_jw *w = c->w;
    const ds_disabled *off = &d->disabled;
    ds_jw_begin_object(w);
    for (size_t r = 1; r <= off->group_count; r++) {
        for (size_t g = 0; g < 3; g++) {
            if (off->groups[g].rank != r) continue;
            ds_jw_key(w, ds_op_group_name(g));
            if (off->groups[g].whole) {
                ds_jw_null(w);
                continue;
            }
            ds_jw_begin_object(w);
            for (size_t k = 0; k < off->groups[g].op_count; k++) {
                ds_jw_key(w, ds_op_name(off->groups[g].ops[k]));
                ds_jw_null(w);
            }
            ds_jw_end_object(w);
        }
    }
    ds_jw_end_object(w);
}

/* The @primaryKey key: {fields: [pk, ...sortKeys]}. */
static void primary_key_attribute(ds_jw *w, const gen_model *m) {
    begin_key_attribute(w);
    DS_JW_KEY(w, "fields");
    ds_jw_begin_array(w);
    ds_jw_string(w, m->primary_key->name.text);
    for (size_t i = 0; i < m->decl->sort_key_count; i++) ds_jw_string(w, m->decl->sort_keys[i].text);
    ds_jw_end_array(w);
    end_key_attribute(w);
}

/* One @index as the generator's key: {name, queryField, fields}. */
static void index_attribute(intro_ctx *c, const ds_decl *model, const ds_index *ix) {
    ds_jw *w = c->w;
    ds_buf *b = &c->scratch;
    begin_key_attribute(w);
    DS_JW_KEY(w, "name");
    if (given(ix->name.text)) {
        ds_jw_string(w, ix->name.text);
    } else {
        ds_names_default_index_name(b, model, ix);
        ds_jw_scratch_string(w, b);
    }
    DS_JW_KEY(w, "queryField");
    if (ix->query_field_null) {
        ds_jw_null(w);
    } else {
        ds_jw_string(w, ix->query_field_name);
    }
    DS_JW_KEY(w, "fields");
    ds_jw_begin_array(w);
    ds_jw_string(w, ix->field.text);
    for (size_t i = 0; i < ix->sort_keys.count; i++) ds_jw_string(w, ix->sort_keys.items[i].text);
    ds_jw_end_array(w);
    end_key_attribute(w);
}

/* processIndex: one key per @index, by field order, then by index order. */
static void index_attributes(intro_ctx *c, const gen_model *m) {
    for (size_t i = 0; i < m->field_count; i++) {
        const ds_field *f = m->fields[i].field;
        for (const ds_index *ix = f ? f->indexes : NULL; ix; ix = ix->next_on_field)
            index_attribute(c, m->decl, ix);
    }
}

/* The value of a member of a rule object. */
typedef enum member_kind {
    MEMBER_TEXT,             /* a string (null for NULL) */
    MEMBER_NAMES,            /* an array of a list's names */
    MEMBER_ONE_NAME,         /* an array of one string */
    MEMBER_DEFAULT_OPERATIONS
} member_kind;

typedef struct rule_member {
    const char *key;
    member_kind kind;
    const char *text;
    const ds_name_list *names;
} rule_member;

/* A rule object being made, keys in the order they were first set (as a
 * JavaScript object keeps them). */
typedef struct rule_object {
    rule_member items[16];
    size_t count;
} rule_object;

/* The member of o named key, or NULL. */
static const rule_member *rule_get(const rule_object *o, const char *key) {
    for (size_t i = 0; i < o->count; i++)
        if (strcmp(o->items[i].key, key) == 0) return &o->items[i];
    return NULL;
}

/* Set key: replaced where it is, or appended. */
static void rule_set(rule_object *o, const char *key, member_kind kind, const char *text,
                     const ds_name_list *names) {
    rule_member m = {key, kind, text, names};
    for (size_t i = 0; i < o->count; i++)
        if (strcmp(o->items[i].key, key) == 0) {
            o->items[i] = m;
            return;
        }
    if (o->count < sizeof o->items / sizeof o->items[0]) o->items[o->count++] = m;
}

/* Set key to a string. */
static void rule_set_text(rule_object *o, const char *key, const char *text) {
    rule_set(o, key, MEMBER_TEXT, text, NULL);
}

/* The SDL's rule object, keys in data-schema's order (calculateAuth):
 * allow, provider, operations, ownerField | groupsField, groups,
 * identityClaim, groupClaim. */
static void sdl_rule(const ds_rule *r, rule_object *o) {
    rule_set_text(o, "allow", ds_strategy_name(r->strategy));
    if (r->sdl_provider) rule_set_text(o, "provider", r->sdl_provider);
    if (r->to.present) rule_set(o, "operations", MEMBER_NAMES, NULL, &r->to);
    if (r->auth_field)
        rule_set_text(o, r->strategy == DS_STRATEGY_GROUPS ? "groupsField" : "ownerField",
                      r->auth_field);
    if (r->allow == DS_ALLOW_GROUPS) rule_set(o, "groups", MEMBER_NAMES, NULL, &r->groups);
    if (r->allow == DS_ALLOW_GROUP) rule_set(o, "groups", MEMBER_ONE_NAME, r->group.text, NULL);
    if (given(r->identity_claim.text)) rule_set_text(o, "identityClaim", r->identity_claim.text);
    if (given(r->group_claim.text)) rule_set_text(o, "groupClaim", r->group_claim.text);
}

/* Copy every member of from into o (Object.assign). */
static void rule_update(rule_object *o, const rule_object *from) {
    for (size_t i = 0; i < from->count; i++) {
        const rule_member *m = &from->items[i];
        rule_set(o, m->key, m->kind, m->text, m->names);
    }
}

/* processAuthDirective on one rule: defaults first, the rule spread over
 * them (a key keeps its first position), then the computed keys. */
static void generator_rule(const ds_rule *r, rule_object *out) {
    rule_object rule = {.count = 0};
    sdl_rule(r, &rule);
    const char *allow = rule.items[0].text;
    const rule_member *ops = rule_get(&rule, "operations");
    rule_member operations = ops ? *ops : (rule_member){"operations", MEMBER_DEFAULT_OPERATIONS,
                                                         NULL, NULL};
    out->count = 0;
    if (strcmp(allow, "owner") == 0) {
        rule_set_text(out, "provider", "userPools");
        rule_set_text(out, "ownerField", "owner");
        rule_update(out, &rule);
        const rule_member *claim = rule_get(&rule, "identityClaim");
        const char *text = claim ? claim->text : NULL;
        if (!text || strcmp(text, "username") == 0) text = "cognito:username";
        rule_set_text(out, "identityClaim", text);
    } else if (strcmp(allow, "groups") == 0) {
        rule_set_text(out, "groupClaim", "cognito:groups");
        rule_set_text(out, "provider", "userPools");
        rule_update(out, &rule);
        if (!rule_get(&rule, "groups")) rule_set_text(out, "groupField", "groups");
    } else {
        rule_update(out, &rule);
    }
    rule_set(out, "operations", operations.kind, operations.text, operations.names);
}

/* Write a rule object. */
static void write_rule(ds_jw *w, const rule_object *o) {
    ds_jw_begin_object(w);
    for (size_t i = 0; i < o->count; i++) {
        const rule_member *m = &o->items[i];
        ds_jw_key(w, m->key);
        switch (m->kind) {
        case MEMBER_TEXT: ds_jw_string(w, m->text); break;
        case MEMBER_NAMES: ds_jw_names(w, m->names); break;
        case MEMBER_ONE_NAME:
            ds_jw_begin_array(w);
            ds_jw_string(w, m->text);
            ds_jw_end_array(w);
            break;
        case MEMBER_DEFAULT_OPERATIONS:
            ds_jw_begin_array(w);
            DS_JW_LITERAL(w, "\"create\"");
            DS_JW_LITERAL(w, "\"update\"");
            DS_JW_LITERAL(w, "\"delete\"");
            DS_JW_LITERAL(w, "\"read\"");
            ds_jw_end_array(w);
            break;
        }
    }
    ds_jw_end_object(w);
}

/* The auth attribute, unless there are no rules. */
static void auth_attribute(intro_ctx *c, const ds_decl *d) {
    const ds_rules *rules = d->rules;
    if (rules->count == 0) return;
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_MEMBER(w, "\"type\": \"auth\"");
    DS_JW_KEY(w, "properties");
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "rules");
    ds_jw_begin_array(w);
    for (size_t i = 0; i < rules->count; i++) {
        if (rules->items[i].invalid) continue;
        rule_object rule;
        generator_rule(&rules->items[i], &rule);
        write_rule(w, &rule);
    }
    ds_jw_end_array(w);
    ds_jw_end_object(w);
    ds_jw_end_object(w);
}

/* A model's attributes: model, keys, imputed keys, auth. */
static void model_attributes(intro_ctx *c, const gen_model *m) {
    ds_jw *w = c->w;
    ds_jw_begin_array(w);
    ds_jw_begin_object(w);
    DS_JW_MEMBER(w, "\"type\": \"model\"");
    DS_JW_KEY(w, "properties");
    model_properties(c, m->decl);
    ds_jw_end_object(w);
    if (m->primary_key) primary_key_attribute(w, m);
    index_attributes(c, m);
    for (const imputed_key *k = m->imputed; k; k = k->next) imputed_key_attribute(c, k);
    auth_attribute(c, m->decl);
    ds_jw_end_array(w);
}

/* primaryKeyInfo: custom unless the key is a lone `id`. */
static void primary_key_info(ds_jw *w, const gen_model *m) {
    const char *pk = m->primary_key ? m->primary_key->name.text : "id";
    const ds_decl *d = m->decl;
    bool sort_keys = m->primary_key && d->sort_key_count > 0;
    bool custom = m->primary_key && (strcmp(pk, "id") != 0 || sort_keys);
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "isCustomPrimaryKey");
    ds_jw_bool(w, custom);
    DS_JW_KEY(w, "primaryKeyFieldName");
    ds_jw_string(w, pk);
    DS_JW_KEY(w, "sortKeyFieldNames");
    ds_jw_begin_array(w);
    for (size_t i = 0; sort_keys && i < d->sort_key_count; i++) ds_jw_string(w, d->sort_keys[i].text);
    ds_jw_end_array(w);
    ds_jw_end_object(w);
}

/* ------------------------------------------------------------------ fields */

/* A relationship's association: HAS_MANY / HAS_ONE name the child's
 * reference fields, BELONGS_TO its own. */
static void association(ds_jw *w, const ds_field *f) {
    static const char *const kinds[] = {"HAS_ONE", "HAS_MANY", "BELONGS_TO"};
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "connectionType");
    ds_jw_string(w, kinds[f->rel->kind]);
    if (f->rel->kind == DS_REL_BELONGS_TO) {
        DS_JW_KEY(w, "targetNames");
        ds_jw_names(w, &f->rel->references);
    } else {
        DS_JW_KEY(w, "associatedWith");
        ds_jw_names(w, &f->rel->references);
        if (f->rel->kind == DS_REL_HAS_ONE) DS_JW_MEMBER(w, "\"targetNames\": []");
    }
    ds_jw_end_object(w);
}

/* Open an argument, input field or operation with the keys they share:
 * name, isArray, type, isRequired (isArrayNullable goes after what the
 * caller adds); the caller closes it. */
static void begin_typed_entry(intro_ctx *c, const gen_field *g) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, g->name);
    if (g->is_list) DS_JW_MEMBER(w, "\"isArray\": true");
    else DS_JW_MEMBER(w, "\"isArray\": false");
    DS_JW_KEY(w, "type");
    type_json(c, g->type);
    if (g->is_nullable) DS_JW_MEMBER(w, "\"isRequired\": false");
    else DS_JW_MEMBER(w, "\"isRequired\": true");
}

/* isArrayNullable, for a list. */
static void array_nullable(ds_jw *w, const gen_field *g) {
    if (!g->is_list) return;
    DS_JW_KEY(w, "isArrayNullable");
    ds_jw_bool(w, g->is_list_nullable);
}

/* A field of a model or custom type. */
static void field_json(intro_ctx *c, const gen_field *g) {
    ds_jw *w = c->w;
    begin_typed_entry(c, g);
    DS_JW_MEMBER(w, "\"attributes\": []");
    array_nullable(w, g);
    if (g->read_only) DS_JW_MEMBER(w, "\"isReadOnly\": true");
    if (g->field && g->field->kind == DS_FIELD_RELATION) {
        DS_JW_KEY(w, "association");
        association(w, g->field);
    }
    ds_jw_end_object(w);
}

/* An argument or a field of an input type. */
static void argument_json(intro_ctx *c, const gen_field *g) {
    begin_typed_entry(c, g);
    array_nullable(c->w, g);
    ds_jw_end_object(c->w);
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
static void enum_json(intro_ctx *c, const ds_decl *d) {
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
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, d->name.text);
    DS_JW_KEY(w, "values");
    ds_jw_begin_array(w);
    for (size_t i = 0; i < count; i++) ds_jw_string(w, keys[i].value);
    ds_jw_end_array(w);
    ds_jw_end_object(w);
    ds_arena_free(&scratch);
}

/* ------------------------------------------------------------------ document */

/* A model's entry. */
static void model_json(intro_ctx *c, gen_model *m) {
    ds_jw *w = c->w;
    build_model_fields(c, m);
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, m->decl->name.text);
    DS_JW_KEY(w, "fields");
    ds_jw_begin_object(w);
    for (size_t i = 0; i < m->field_count; i++) {
        ds_jw_key(w, m->fields[i].name);
        field_json(c, &m->fields[i]);
    }
    ds_jw_end_object(w);
    DS_JW_MEMBER(w, "\"syncable\": true");
    DS_JW_KEY(w, "pluralName");
    ds_jw_string(w, m->decl->plural);
    DS_JW_KEY(w, "attributes");
    model_attributes(c, m);
    DS_JW_KEY(w, "primaryKeyInfo");
    primary_key_info(w, m);
    ds_jw_end_object(w);
    ds_arena_reset(&c->field_arena);
}

/* Whether a field is printed (and so listed). */
static bool listed_field(const ds_field *f) { return f && !f->invalid && f->name.text; }

/* A custom type's entry (nonModels). */
static void non_model_json(intro_ctx *c, const ds_decl *d) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, d->name.text);
    DS_JW_KEY(w, "fields");
    ds_jw_begin_object(w);
    for (size_t i = 0; i < d->field_count; i++) {
        if (!listed_field(d->fields[i])) continue;
        gen_field g = printed_field(d->fields[i], false);
        ds_jw_key(w, g.name);
        field_json(c, &g);
    }
    ds_jw_end_object(w);
    ds_jw_end_object(w);
}

/* The members of a map of arguments (or input fields) by name. */
static void argument_members(intro_ctx *c, ds_field *const *fields, size_t count) {
    for (size_t i = 0; i < count; i++) {
        if (!listed_field(fields[i])) continue;
        gen_field g = printed_input(c, fields[i]);
        ds_jw_key(c->w, g.name);
        argument_json(c, &g);
    }
}

/* An input type's entry. */
static void input_json(intro_ctx *c, const ds_out_type *t) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_KEY(w, "name");
    ds_jw_string(w, t->name);
    DS_JW_KEY(w, "attributes");
    ds_jw_begin_object(w);
    if (t->decl) argument_members(c, t->decl->fields, t->decl->field_count);
    ds_jw_end_object(w);
    ds_jw_end_object(w);
}

/* A custom operation's entry. */
static void operation_json(intro_ctx *c, const ds_decl *op) {
    ds_jw *w = c->w;
    gen_field r = printed_return(op);
    begin_typed_entry(c, &r);
    array_nullable(w, &r);
    bool any = false;
    for (size_t i = 0; i < op->argument_count && !any; i++) any = listed_field(op->arguments[i]);
    if (any) {
        DS_JW_KEY(w, "arguments");
        ds_jw_begin_object(w);
        argument_members(c, op->arguments, op->argument_count);
        ds_jw_end_object(w);
    }
    ds_jw_end_object(w);
}

/* Whether an operation of a kind is to be listed. */
static bool listed_operation(const ds_decl *d, ds_decl_kind kind) {
    return d && !d->invalid && d->kind == kind && d->name.text;
}

/* Write key: the operations of one kind in declaration order, unless
 * there are none. */
static void write_operations(intro_ctx *c, const char *key, ds_decl_kind kind) {
    size_t count = 0;
    for (size_t i = 0; i < c->s->decl_count; i++) count += listed_operation(c->s->decls[i], kind);
    if (count == 0) return;
    ds_jw_key(c->w, key);
    ds_jw_begin_object(c->w);
    for (size_t i = 0; i < c->s->decl_count; i++) {
        if (!listed_operation(c->s->decls[i], kind)) continue;
        ds_jw_key(c->w, c->s->decls[i]->name.text);
        operation_json(c, c->s->decls[i]);
    }
    ds_jw_end_object(c->w);
}

/* Write key: the printed types of one kind, in the SDL's order; with
 * skip_empty, nothing when there are none. */
static void write_types(intro_ctx *c, const char *key, ds_out_kind kind, bool skip_empty) {
    size_t count = 0;
    for (size_t i = 0; i < c->s->out_type_count; i++) count += c->s->out_types[i].kind == kind;
    if (count == 0 && skip_empty) return;
    ds_jw_key(c->w, key);
    ds_jw_begin_object(c->w);
    for (size_t i = 0; i < c->s->out_type_count; i++) {
        const ds_out_type *t = &c->s->out_types[i];
        if (t->kind != kind) continue;
        ds_jw_key(c->w, t->name);
        gen_model model = {.decl = t->decl, .imputed = c->imputed[i]};
        switch (kind) {
        case DS_OUT_MODEL: model_json(c, &model); break;
        case DS_OUT_ENUM: enum_json(c, t->decl); break;
        case DS_OUT_TYPE: non_model_json(c, t->decl); break;
        default: input_json(c, t); break;
        }
    }
    ds_jw_end_object(c->w);
}

/* Prepare the keys the generator imputes on the models. */
static void prepare(intro_ctx *c) {
    size_t n = c->s->out_type_count + 1;
    c->imputed = ds_arena_alloc(c->arena, n * sizeof *c->imputed);
    c->imputed_last = ds_arena_alloc(c->arena, n * sizeof *c->imputed_last);
    process_connections(c);
}

/* The whole document, written map by map (models, enums, nonModels, then
 * the operations and inputs there are). */
static void write_document(intro_ctx *c) {
    ds_jw *w = c->w;
    ds_jw_begin_object(w);
    DS_JW_MEMBER(w, "\"version\": 1");
    write_types(c, "models", DS_OUT_MODEL, false);
    write_types(c, "enums", DS_OUT_ENUM, false);
    write_types(c, "nonModels", DS_OUT_TYPE, false);
    write_operations(c, "queries", DS_DECL_QUERY);
    write_operations(c, "mutations", DS_DECL_MUTATION);
    write_operations(c, "subscriptions", DS_DECL_SUBSCRIPTION);
    write_types(c, "inputs", DS_OUT_INPUT, true);
    ds_jw_end_object(w);
}

void ds_emit_introspection(const ds_schema *s, ds_arena *arena, ds_buf *out) {
    intro_ctx c = {0};
    c.s = s;
    c.arena = arena;
    c.w = malloc(sizeof *c.w);
    if (!c.w) abort();
    ds_jw_init(c.w, out, 4, 0);
    prepare(&c);
    write_document(&c);
    ds_jw_finish(c.w);
    ds_buf_free(&c.scratch);
    ds_arena_free(&c.field_arena);
    free(c.w);
}
