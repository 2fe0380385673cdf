/* emit_graphql.c: the GraphQL SDL that @aws-amplify/data-schema 1.26.2
 * prints for a schema (a.schema({...}).transform().schema), byte for byte.
 *
 * The layout follows SchemaProcessor.ts: type definitions in the order of
 * order.c, then `type Mutation`, `type Query`, `type Subscription`, blocks
 * separated by one blank line and no newline at the end. A model prints as
 * `type X @model @auth(rules: [...])` + newline + `{`; a custom type as
 * `type X ` (trailing space, or its inherited AppSync directives) + newline
 * + `{`. The one deliberate difference: default strings are escaped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "order.h"
#include "phases.h"
#include "words.h"

typedef struct emitter {
    const ds_schema *s;
    ds_arena *scratch;             /* this emit's memory, freed after it */
    ds_buf *out;
    bool started;                  /* a block was printed already */
} emitter;

/* ---- small pieces ---- */

/* Start a new block: blocks are separated by a blank line. */
static void begin_block(emitter *e) {
    if (e->started) ds_buf_puts(e->out, "\n\n");
    e->started = true;
}

/* Append a GraphQL string literal: `"` and `\` escaped (FORMAT.md's one
 * difference from data-schema, which prints defaults raw). */
static void put_escaped_string(ds_buf *b, const char *text) {
    ds_buf_putc(b, '"');
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '"' || *p == '\\') ds_buf_putc(b, '\\');
        ds_buf_putc(b, *p);
    }
    ds_buf_putc(b, '"');
}

/* Append `"a", "b"` (sep between items) for a list of names. */
static void put_quoted_list(ds_buf *b, const ds_name_list *l, const char *sep) {
    for (size_t i = 0; i < l->count; i++) {
        if (i) ds_buf_puts(b, sep);
        ds_buf_printf(b, "\"%s\"", l->items[i].text ? l->items[i].text : "");
    }
}

/* Append base (plus suffix, e.g. "Input") with the modifiers of t:
 * `T`, `T!`, `[T]`, `[T!]!`, ... */
static void put_modified(ds_buf *b, const char *base, const char *suffix, const ds_type *t) {
    if (t->list) ds_buf_putc(b, '[');
    ds_buf_puts(b, base ? base : "");
    ds_buf_puts(b, suffix);
    if (t->required) ds_buf_putc(b, '!');
    if (t->list) ds_buf_putc(b, ']');
    if (t->list && t->list_required) ds_buf_putc(b, '!');
}

/* The printed base name of a scalar or ref field's type. */
static const char *type_base_name(const ds_type *t) {
    if (t->scalar != DS_SCALAR_NONE) return ds_scalar_graphql_name(t->scalar);
    return t->base;
}

/* A scalar field's type as scalarFieldToGql prints it off the identifier:
 * modifiers, then @default. */
static void put_scalar_type(ds_buf *b, const ds_field *f) {
    put_modified(b, type_base_name(&f->type), "", &f->type);
    if (f->default_value) {
        ds_buf_puts(b, " @default(value: ");
        put_escaped_string(b, f->default_value->text);
        ds_buf_putc(b, ')');
    }
}

/* The name of an inline declaration (the resolver names it). */
static const char *inline_name(const ds_field *f) {
    return f->inline_decl && f->inline_decl->name.text ? f->inline_decl->name.text : "";
}

/* ---- authorization ---- */

/* Whether a rule lists groups (allow.group / allow.groups). */
static bool rule_has_groups(const ds_rule *r) {
    return r->allow == DS_ALLOW_GROUP || r->allow == DS_ALLOW_GROUPS;
}

/* Append the groups of a rule, quoted, separated by ", ". */
static void put_rule_groups(ds_buf *b, const ds_rule *r) {
    if (r->allow == DS_ALLOW_GROUP)
        ds_buf_printf(b, "\"%s\"", r->group.text ? r->group.text : "");
    else
        put_quoted_list(b, &r->groups, ", ");
}

/* One rule as calculateAuth prints it:
 * {allow: S, provider: P, operations: [...], ownerField|groupsField: "F",
 *  groups: [...], identityClaim: "C", groupClaim: "C"} */
static void put_rule(ds_buf *b, const ds_rule *r) {
    ds_buf_printf(b, "{allow: %s", ds_strategy_name(r->strategy));
    if (r->sdl_provider) ds_buf_printf(b, ", provider: %s", r->sdl_provider);
    if (r->to.present) {
        ds_buf_puts(b, ", operations: [");
        for (size_t i = 0; i < r->to.count; i++)
            ds_buf_printf(b, "%s%s", i ? ", " : "", r->to.items[i].text ? r->to.items[i].text : "");
        ds_buf_putc(b, ']');
    }
    if (r->auth_field)
        ds_buf_printf(b, ", %s: \"%s\"",
                      r->strategy == DS_STRATEGY_GROUPS ? "groupsField" : "ownerField", r->auth_field);
    if (rule_has_groups(r)) {
        ds_buf_puts(b, ", groups: [");
        put_rule_groups(b, r);
        ds_buf_putc(b, ']');
    }
    if (r->identity_claim.text && *r->identity_claim.text)
        ds_buf_printf(b, ", identityClaim: \"%s\"", r->identity_claim.text);
    if (r->group_claim.text && *r->group_claim.text)
        ds_buf_printf(b, ", groupClaim: \"%s\"", r->group_claim.text);
    ds_buf_putc(b, '}');
}

/* `@auth(rules: [r1,\n  r2])`, or nothing for no rules. */
static void put_auth_directive(ds_buf *b, const ds_rules *rules) {
    if (rules->count == 0) return;
    ds_buf_puts(b, "@auth(rules: [");
    for (size_t i = 0; i < rules->count; i++) {
        if (i) ds_buf_puts(b, ",\n  ");
        put_rule(b, &rules->items[i]);
    }
    ds_buf_puts(b, "])");
}

/* What a list of rules asks of each AppSync directive. */
typedef struct appsync_use {
    size_t general_rank[DS_APPSYNC_COUNT];  /* 1 + first use by a rule without groups, or 0 */
    size_t group_rank[DS_APPSYNC_COUNT];    /* 1 + first use by a group rule, or 0 */
    const char **groups[DS_APPSYNC_COUNT];  /* the groups named for it, first-seen order */
    size_t group_count[DS_APPSYNC_COUNT], group_cap[DS_APPSYNC_COUNT];
} appsync_use;

/* Add a group name to a directive's groups unless it is there. */
static void add_group(ds_arena *a, appsync_use *u, int d, const char *group) {
    for (size_t i = 0; i < u->group_count[d]; i++)
        if (strcmp(u->groups[d][i], group) == 0) return;
    DS_PUSH(a, u->groups[d], u->group_count[d], u->group_cap[d], group);
}

/* Record one rule: a group rule adds its groups, any other its directive. */
static void use_rule(ds_arena *a, appsync_use *u, const ds_rule *r, size_t *rank) {
    int d = (int)r->appsync;
    if (r->appsync == DS_APPSYNC_NONE) return;
    if (!rule_has_groups(r)) {
        if (!u->general_rank[d]) u->general_rank[d] = ++*rank;
        return;
    }
    if (!u->group_rank[d]) u->group_rank[d] = ++*rank;
    if (r->allow == DS_ALLOW_GROUP && r->group.text) add_group(a, u, d, r->group.text);
    for (size_t g = 0; r->allow == DS_ALLOW_GROUPS && g < r->groups.count; g++)
        if (r->groups.items[g].text) add_group(a, u, d, r->groups.items[g].text);
}

/* The AppSync directives of a list of rules, as
 * mapToNativeAppSyncAuthDirectives prints them, space-separated: each
 * directive once in first-seen order, then `@d(cognito_groups: [...])` for
 * directives that only group rules use. */
static void put_appsync_directives(emitter *e, ds_buf *b, const ds_rule *const *rules,
                                   size_t count) {
    appsync_use u = {0};
    size_t rank = 0;
    for (size_t i = 0; i < count; i++) use_rule(e->scratch, &u, rules[i], &rank);
    const char *sep = "";
    for (size_t r = 1; r <= rank; r++) {
        for (int d = 0; d < DS_APPSYNC_COUNT; d++) {
            if (u.general_rank[d] != r) continue;
            ds_buf_printf(b, "%s%s", sep, ds_appsync_name((ds_appsync)d));
            sep = " ";
        }
    }
    for (size_t r = 1; r <= rank; r++) {
        for (int d = 0; d < DS_APPSYNC_COUNT; d++) {
            if (u.group_rank[d] != r || u.general_rank[d]) continue;
            ds_buf_printf(b, "%s%s(cognito_groups: [", sep, ds_appsync_name((ds_appsync)d));
            for (size_t g = 0; g < u.group_count[d]; g++)
                ds_buf_printf(b, "%s\"%s\"", g ? ", " : "", u.groups[d][g]);
            ds_buf_puts(b, "])");
            sep = " ";
        }
    }
}

/* ---- models ---- */

/* One @index directive, as transformedSecondaryIndexesForModel prints it. */
static void put_index(ds_buf *b, const ds_index *ix) {
    bool has_sk = ix->sort_keys.count > 0;
    bool has_name = ix->name.text && *ix->name.text;
    bool has_qf = ix->query_field.text && *ix->query_field.text;
    if (!has_sk && !has_name && !has_qf && !ix->query_field_null &&
        ix->projection == DS_PROJECTION_NONE) {
        ds_buf_printf(b, " @index(queryField: \"%s\")", ix->query_field_name);
        return;
    }
    ds_buf_puts(b, " @index(");
    const char *sep = "";
    if (has_name) {
        ds_buf_printf(b, "name: \"%s\"", ix->name.text);
        sep = ", ";
    }
    if (has_sk) {
        ds_buf_printf(b, "%ssortKeyFields: [", sep);
        put_quoted_list(b, &ix->sort_keys, ", ");
        ds_buf_putc(b, ']');
        sep = ", ";
    }
    ds_buf_printf(b, "%squeryField: ", sep);
    if (ix->query_field_null) ds_buf_puts(b, "null");
    else ds_buf_printf(b, "\"%s\"", ix->query_field_name);
    if (ix->projection == DS_PROJECTION_KEYS_ONLY) {
        ds_buf_puts(b, ", projection: { type: KEYS_ONLY }");
    } else if (ix->projection == DS_PROJECTION_INCLUDE && ix->non_key_attributes.count > 0) {
        ds_buf_puts(b, ", projection: { type: INCLUDE, nonKeyAttributes: [");
        put_quoted_list(b, &ix->non_key_attributes, ", ");
        ds_buf_puts(b, "] }");
    }
    ds_buf_putc(b, ')');
}

/* The @index directives whose partition key is field f, in index order. */
static void put_field_indexes(ds_buf *b, const ds_field *f) {
    for (const ds_index *ix = f->indexes; ix; ix = ix->next_on_field) put_index(b, ix);
}

/* The identifier's partition key field: `T! @primaryKey(sortKeyFields: [...])`
 * whatever its own modifiers, then its indexes. */
static void put_primary_key(ds_buf *b, const ds_decl *m, const ds_field *f) {
    ds_buf_printf(b, "%s! @primaryKey", type_base_name(&f->type) ? type_base_name(&f->type) : "");
    if (m->sort_key_count > 0) {
        ds_buf_puts(b, "(sortKeyFields: [");
        for (size_t k = 0; k < m->sort_key_count; k++)
            ds_buf_printf(b, "%s\"%s\"", k ? ", " : "", m->sort_keys[k].text ? m->sort_keys[k].text : "");
        ds_buf_puts(b, "])");
    }
    put_field_indexes(b, f);
}

/* A relationship field: `Model @hasOne(references: ["a","b"])`, `[Model]`
 * for hasMany (references joined by a bare comma, as JS prints arrays). */
static void put_relation(ds_buf *b, const ds_field *f) {
    const ds_relation *r = f->rel;
    static const char *const names[] = {"hasOne", "hasMany", "belongsTo"};
    const char *related = r->related.text ? r->related.text : "";
    if (r->kind == DS_REL_HAS_MANY)
        ds_buf_printf(b, "[%s]", related);
    else
        ds_buf_puts(b, related);
    ds_buf_printf(b, " @%s", names[r->kind]);
    if (r->references.count > 0) {
        ds_buf_puts(b, "(references: [");
        put_quoted_list(b, &r->references, ",");
        ds_buf_puts(b, "])");
    }
}

/* A field of model m, after `name: `. */
static void put_model_field(ds_buf *b, const ds_decl *m, const ds_field *f) {
    bool with_auth = true;
    switch (f->kind) {
    case DS_FIELD_RELATION:
        put_relation(b, f);
        break;
    case DS_FIELD_SCALAR:
        if (f == m->pk_field) {
            put_primary_key(b, m, f);
        } else {
            put_scalar_type(b, f);
            put_field_indexes(b, f);
        }
        break;
    case DS_FIELD_REF:
        put_modified(b, f->type.base, "", &f->type);
        put_field_indexes(b, f);
        break;
    case DS_FIELD_INLINE_ENUM:
        ds_buf_puts(b, inline_name(f));
        put_field_indexes(b, f);
        with_auth = false;
        break;
    case DS_FIELD_INLINE_TYPE:
        ds_buf_puts(b, inline_name(f));
        with_auth = false;
        break;
    }
    if (with_auth && f->auth && f->auth->count > 0) {
        ds_buf_putc(b, ' ');
        put_auth_directive(b, f->auth);
    }
}

/* @model, or @model(queries:null,mutations:{create:null},...): the JSON of
 * the groups without quotes, as data-schema prints it. */
static void put_model_directive(ds_buf *b, const ds_decl *m) {
    const ds_op_group *groups = m->disabled.groups;
    size_t count = m->disabled.group_count;
    ds_buf_puts(b, "@model");
    if (count == 0) return;
    ds_buf_putc(b, '(');
    for (size_t r = 1; r <= count; r++) {
        for (size_t g = 0; g < 3; g++) {
            if (groups[g].rank != r) continue;
            ds_buf_printf(b, "%s%s:", r > 1 ? "," : "", ds_op_group_name(g));
            if (groups[g].whole) {
                ds_buf_puts(b, "null");
                continue;
            }
            ds_buf_putc(b, '{');
            for (size_t k = 0; k < groups[g].op_count; k++)
                ds_buf_printf(b, "%s%s:null", k ? "," : "", ds_op_name(groups[g].ops[k]));
            ds_buf_putc(b, '}');
        }
    }
    ds_buf_putc(b, ')');
}

/* A model: `type X @model @auth(...)` newline `{`, its fields, `}`. */
static void emit_model(emitter *e, const ds_decl *m) {
    ds_buf *b = e->out;
    begin_block(e);
    ds_buf_printf(b, "type %s ", m->name.text);
    put_model_directive(b, m);
    ds_buf_putc(b, ' ');
    put_auth_directive(b, m->rules);
    ds_buf_puts(b, "\n{");
    for (size_t i = 0; i < m->field_count; i++) {
        const ds_field *f = m->fields[i];
        if (!f || f->invalid || !f->name.text) continue;
        ds_buf_printf(b, "\n  %s: ", f->name.text);
        put_model_field(b, m, f);
    }
    ds_buf_puts(b, "\n}");
}

/* ---- enums, custom types, inputs ---- */

/* An enum: `enum X {` and one value a line. */
static void emit_enum(emitter *e, const ds_decl *d) {
    begin_block(e);
    ds_buf_printf(e->out, "enum %s {", d->name.text);
    for (size_t i = 0; i < d->values.count; i++)
        ds_buf_printf(e->out, "\n  %s", d->values.items[i].text ? d->values.items[i].text : "");
    ds_buf_puts(e->out, "\n}");
}

/* The rules a custom type inherits from the operations that return it
 * (directly or nested), in operation order. */
static const ds_rule **inherited_rules(emitter *e, const ds_decl *type, size_t *count) {
    const ds_rule **rules = NULL;
    size_t cap = 0;
    *count = 0;
    for (size_t i = 0; i < type->inheritor_count; i++) {
        const ds_rules *rs = type->inheritors[i]->rules;
        for (size_t k = 0; k < rs->count; k++) {
            const ds_rule *r = &rs->items[k];
            DS_PUSH(e->scratch, rules, *count, cap, r);
        }
    }
    return rules;
}

/* A field of a custom type, after `name: ` (no rules, no indexes). */
static void put_type_field(ds_buf *b, const ds_field *f) {
    switch (f->kind) {
    case DS_FIELD_SCALAR: put_scalar_type(b, f); break;
    case DS_FIELD_REF: put_modified(b, f->type.base, "", &f->type); break;
    case DS_FIELD_INLINE_ENUM:
    case DS_FIELD_INLINE_TYPE: ds_buf_puts(b, inline_name(f)); break;
    case DS_FIELD_RELATION: put_relation(b, f); break;
    }
}

/* A custom type: `type X <directives>` newline `{`, its fields, `}`. */
static void emit_custom_type(emitter *e, const ds_decl *d) {
    ds_buf *b = e->out;
    begin_block(e);
    ds_buf_printf(b, "type %s ", d->name.text);
    size_t count;
    const ds_rule **rules = inherited_rules(e, d, &count);
    put_appsync_directives(e, b, rules, count);
    ds_buf_puts(b, "\n{");
    for (size_t i = 0; i < d->field_count; i++) {
        const ds_field *f = d->fields[i];
        if (!f || f->invalid || !f->name.text) continue;
        ds_buf_printf(b, "\n  %s: ", f->name.text);
        put_type_field(b, f);
    }
    ds_buf_puts(b, "\n}");
}

/* Whether a field is a ref to a custom type. */
static bool is_type_ref(const ds_field *f) {
    return f->kind == DS_FIELD_REF && f->type.target && f->type.target->kind == DS_DECL_TYPE;
}

/* A field in argument position (an argument, or a field of an input), after
 * `name: `: custom types, referenced or inline, become their inputs. */
static void put_input_field(ds_buf *b, const ds_field *f) {
    switch (f->kind) {
    case DS_FIELD_REF: put_modified(b, f->type.base, is_type_ref(f) ? "Input" : "", &f->type); break;
    case DS_FIELD_INLINE_TYPE: ds_buf_printf(b, "%sInput", inline_name(f)); break;
    case DS_FIELD_INLINE_ENUM: ds_buf_puts(b, inline_name(f)); break;
    case DS_FIELD_SCALAR: put_scalar_type(b, f); break;
    case DS_FIELD_RELATION: put_relation(b, f); break;
    }
}

/* An input: `input XInput {`, the fields of custom type X, `}`. */
static void emit_input(emitter *e, const ds_out_type *t) {
    ds_buf *b = e->out;
    begin_block(e);
    ds_buf_printf(b, "input %s {", t->name);
    for (size_t i = 0; t->decl && i < t->decl->field_count; i++) {
        const ds_field *f = t->decl->fields[i];
        if (!f || f->invalid || !f->name.text) continue;
        ds_buf_printf(b, "\n  %s: ", f->name.text);
        put_input_field(b, f);
    }
    ds_buf_puts(b, "\n}");
}

/* ---- operations ---- */

/* The return type of an operation; a subscription on a model returns it. */
static void put_return_type(ds_buf *b, const ds_decl *op) {
    if (op->ret_model) {
        ds_buf_puts(b, op->ret_model->name.text ? op->ret_model->name.text : "");
        return;
    }
    const ds_field *r = op->ret;
    if (!r) return;
    switch (r->kind) {
    case DS_FIELD_SCALAR: put_scalar_type(b, r); break;
    case DS_FIELD_REF: put_modified(b, r->type.base, "", &r->type); break;
    case DS_FIELD_INLINE_ENUM:
    case DS_FIELD_INLINE_TYPE: ds_buf_puts(b, inline_name(r)); break;
    case DS_FIELD_RELATION: break;
    }
}

/* `@aws_subscribe(mutations: ["createPost", "publishPost"]) `. */
static void put_subscribe(ds_buf *b, const ds_decl *op) {
    ds_buf_puts(b, "@aws_subscribe(mutations: [");
    for (size_t i = 0; i < op->subscribed_count; i++)
        ds_buf_printf(b, "%s\"%s\"", i ? ", " : "", op->subscribed[i]);
    ds_buf_puts(b, "]) ");
}

/* One operation field: `name(args): Ret <handlers> <rules>`. */
static void put_operation(emitter *e, ds_buf *b, const ds_decl *op) {
    ds_buf_puts(b, op->name.text);
    for (size_t i = 0; i < op->argument_count; i++) {
        const ds_field *a = op->arguments[i];
        ds_buf_puts(b, i ? ", " : "(");
        ds_buf_printf(b, "%s: ", a && a->name.text ? a->name.text : "");
        if (a) put_input_field(b, a);
        if (i + 1 == op->argument_count) ds_buf_putc(b, ')');
    }
    ds_buf_puts(b, ": ");
    put_return_type(b, op);
    ds_buf_putc(b, ' ');
    bool custom = op->custom_handler;
    for (size_t i = 0; !custom && i < op->handler_count; i++)
        if (op->handlers[i].kind == DS_HANDLER_FUNCTION)
            ds_buf_printf(b, "@function(name: \"%s\") ",
                          op->handlers[i].function.text ? op->handlers[i].function.text : "");
    if (op->kind == DS_DECL_SUBSCRIPTION) put_subscribe(b, op);
    const ds_rules *rules = op->rules;
    if (!custom) {
        put_auth_directive(b, rules);
        return;
    }
    const ds_rule **list = ds_arena_alloc(e->scratch, (rules->count + 1) * sizeof *list);
    for (size_t i = 0; i < rules->count; i++) list[i] = &rules->items[i];
    put_appsync_directives(e, b, list, rules->count);
}

/* `type Query {` and one operation of the kind a line, if there is one. */
static void emit_operations(emitter *e, ds_decl_kind kind, const char *type_name) {
    bool any = false;
    for (size_t i = 0; i < e->s->decl_count; i++) {
        const ds_decl *d = e->s->decls[i];
        if (!d || d->invalid || d->kind != kind || !d->name.text) continue;
        if (!any) {
            begin_block(e);
            ds_buf_printf(e->out, "type %s {", type_name);
            any = true;
        }
        ds_buf_puts(e->out, "\n  ");
        put_operation(e, e->out, d);
    }
    if (any) ds_buf_puts(e->out, "\n}");
}

/* The block of one printed type. */
static void emit_type(emitter *e, const ds_out_type *t) {
    if (!t->decl) return;
    switch (t->kind) {
    case DS_OUT_MODEL: emit_model(e, t->decl); break;
    case DS_OUT_ENUM: emit_enum(e, t->decl); break;
    case DS_OUT_TYPE: emit_custom_type(e, t->decl); break;
    case DS_OUT_INPUT: emit_input(e, t); break;
    }
}

void ds_emit_graphql(const ds_schema *s, ds_arena *scratch, ds_buf *out) {
    emitter e = {.s = s, .scratch = scratch, .out = out};
    for (size_t i = 0; i < s->out_type_count; i++) emit_type(&e, &s->out_types[i]);
    emit_operations(&e, DS_DECL_MUTATION, "Mutation");
    emit_operations(&e, DS_DECL_QUERY, "Query");
    emit_operations(&e, DS_DECL_SUBSCRIPTION, "Subscription");
}

void ds_emit_graphql_decl(const ds_schema *s, const ds_decl *d, ds_arena *scratch, ds_buf *out) {
    const ds_out_type *t = ds_printed_type(s, d->name.text);
    if (!t || t->decl != d) return;
    emitter e = {.s = s, .scratch = scratch, .out = out};
    emit_type(&e, t);
}
