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

#include "names.h"
#include "order.h"
#include "phases.h"

typedef struct emitter {
    ds_schema *s;
    ds_buf *out;
    bool started;                  /* a block was printed already */
    ds_symtab inheritors;          /* custom type name -> op_list: the operations
                                      that pass their rules on to it */
} emitter;

/* Positions in s->decls of operations, in order. */
typedef struct op_list {
    size_t *items;
    size_t count, cap;
} op_list;

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

/* The rules that apply to a model or operation: its own, else the schema's. */
static const ds_rules *relevant_rules(const emitter *e, const ds_decl *d) {
    return d->auth.count > 0 ? &d->auth : &e->s->auth;
}

/* data-schema's strategy name for a rule. */
static const char *rule_strategy(const ds_rule *r) {
    switch (r->allow) {
    case DS_ALLOW_PUBLIC_API_KEY:
    case DS_ALLOW_GUEST: return "public";
    case DS_ALLOW_AUTHENTICATED: return "private";
    case DS_ALLOW_OWNER:
    case DS_ALLOW_OWNER_DEFINED_IN:
    case DS_ALLOW_OWNERS_DEFINED_IN: return "owner";
    case DS_ALLOW_GROUP:
    case DS_ALLOW_GROUPS:
    case DS_ALLOW_GROUP_DEFINED_IN:
    case DS_ALLOW_GROUPS_DEFINED_IN: return "groups";
    case DS_ALLOW_CUSTOM: return "custom";
    }
    return "public";
}

/* The provider a rule carries in data-schema (publicApiKey and guest fix
 * theirs), or NULL. */
static const char *rule_provider(const ds_rule *r) {
    if (r->allow == DS_ALLOW_PUBLIC_API_KEY) return "apiKey";
    if (r->allow == DS_ALLOW_GUEST) return "identityPool";
    switch (r->provider) {
    case DS_PROVIDER_IDENTITY_POOL: return "identityPool";
    case DS_PROVIDER_USER_POOLS: return "userPools";
    case DS_PROVIDER_OIDC: return "oidc";
    case DS_PROVIDER_FUNCTION: return "function";
    case DS_PROVIDER_DEFAULT: break;
    }
    return NULL;
}

/* The owner or groups field a rule names (groupOrOwnerField), or NULL. */
static const char *rule_auth_field(const ds_rule *r) {
    switch (r->allow) {
    case DS_ALLOW_OWNER: return "owner";
    case DS_ALLOW_OWNER_DEFINED_IN:
    case DS_ALLOW_OWNERS_DEFINED_IN:
    case DS_ALLOW_GROUP_DEFINED_IN:
    case DS_ALLOW_GROUPS_DEFINED_IN: return r->field.text;
    default: return NULL;
    }
}

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
    ds_buf_printf(b, "{allow: %s", rule_strategy(r));
    const char *provider = rule_provider(r);
    if (provider) ds_buf_printf(b, ", provider: %s", provider);
    if (r->to.present) {
        ds_buf_puts(b, ", operations: [");
        for (size_t i = 0; i < r->to.count; i++)
            ds_buf_printf(b, "%s%s", i ? ", " : "", r->to.items[i].text ? r->to.items[i].text : "");
        ds_buf_putc(b, ']');
    }
    const char *field = rule_auth_field(r);
    if (field && *field)
        ds_buf_printf(b, ", %s: \"%s\"", strcmp(rule_strategy(r), "groups") == 0 ? "groupsField"
                                                                            : "ownerField", field);
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

/* The AppSync auth directives custom handlers and custom types carry. */
typedef enum aws_directive {
    AWS_API_KEY, AWS_IAM, AWS_COGNITO_USER_POOLS, AWS_OIDC, AWS_LAMBDA, AWS_DIRECTIVE_COUNT
} aws_directive;

static const char *const aws_directive_names[AWS_DIRECTIVE_COUNT] = {
    "@aws_api_key", "@aws_iam", "@aws_cognito_user_pools", "@aws_oidc", "@aws_lambda"};

/* Whether a rule's provider is p (NULL: the rule gives none). */
static bool provider_is(const ds_rule *r, const char *p) {
    const char *provider = rule_provider(r);
    return p ? provider && strcmp(provider, p) == 0 : provider == NULL;
}

/* The AppSync directive of a rule (getAppSyncAuthDirectiveFromRule), or
 * -1 for rules that have none (owner rules, groups over OIDC). */
static int appsync_directive(const ds_rule *r) {
    const char *strategy = rule_strategy(r);
    if (strcmp(strategy, "public") == 0) {
        if (provider_is(r, NULL) || provider_is(r, "apiKey")) return AWS_API_KEY;
        return provider_is(r, "identityPool") ? AWS_IAM : -1;
    }
    if (strcmp(strategy, "private") == 0) {
        if (provider_is(r, NULL) || provider_is(r, "userPools")) return AWS_COGNITO_USER_POOLS;
        if (provider_is(r, "oidc")) return AWS_OIDC;
        return provider_is(r, "identityPool") ? AWS_IAM : -1;
    }
    if (strcmp(strategy, "groups") == 0)
        return provider_is(r, NULL) || provider_is(r, "userPools") ? AWS_COGNITO_USER_POOLS : -1;
    if (strcmp(strategy, "custom") == 0)
        return provider_is(r, NULL) || provider_is(r, "function") ? AWS_LAMBDA : -1;
    return -1;
}

/* What a list of rules asks of each AppSync directive. */
typedef struct appsync_use {
    size_t general_rank[AWS_DIRECTIVE_COUNT];  /* 1 + first use by a rule without groups, or 0 */
    size_t group_rank[AWS_DIRECTIVE_COUNT];    /* 1 + first use by a group rule, or 0 */
    const char **groups[AWS_DIRECTIVE_COUNT];  /* the groups named for it, first-seen order */
    size_t group_count[AWS_DIRECTIVE_COUNT], group_cap[AWS_DIRECTIVE_COUNT];
} appsync_use;

/* Add a group name to a directive's groups unless it is there. */
static void add_group(ds_arena *a, appsync_use *u, int d, const char *group) {
    for (size_t i = 0; i < u->group_count[d]; i++)
        if (strcmp(u->groups[d][i], group) == 0) return;
    DS_PUSH(a, u->groups[d], u->group_count[d], u->group_cap[d], group);
}

/* Record one rule: a group rule adds its groups, any other its directive. */
static void use_rule(ds_arena *a, appsync_use *u, const ds_rule *r, size_t *rank) {
    int d = appsync_directive(r);
    if (d < 0) return;
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
    for (size_t i = 0; i < count; i++) use_rule(&e->s->arena, &u, rules[i], &rank);
    const char *sep = "";
    for (size_t r = 1; r <= rank; r++) {
        for (int d = 0; d < AWS_DIRECTIVE_COUNT; d++) {
            if (u.general_rank[d] != r) continue;
            ds_buf_printf(b, "%s%s", sep, aws_directive_names[d]);
            sep = " ";
        }
    }
    for (size_t r = 1; r <= rank; r++) {
        for (int d = 0; d < AWS_DIRECTIVE_COUNT; d++) {
            if (u.group_rank[d] != r || u.general_rank[d]) continue;
            ds_buf_printf(b, "%s%s(cognito_groups: [", sep, aws_directive_names[d]);
            for (size_t g = 0; g < u.group_count[d]; g++)
                ds_buf_printf(b, "%s\"%s\"", g ? ", " : "", u.groups[d][g]);
            ds_buf_puts(b, "])");
            sep = " ";
        }
    }
}

/* ---- models ---- */

/* The partition key of a model: identifier[0], or "id". */
static const char *partition_key(const ds_decl *m) {
    if (m->identifier.count > 0 && m->identifier.items[0].text) return m->identifier.items[0].text;
    return "id";
}

/* One @index directive, as transformedSecondaryIndexesForModel prints it. */
static void put_index(ds_buf *b, const ds_decl *m, const ds_index *ix) {
    bool has_sk = ix->sort_keys.count > 0;
    bool has_name = ix->name.text && *ix->name.text;
    bool has_qf = ix->query_field.text && *ix->query_field.text;
    if (!has_sk && !has_name && !has_qf && !ix->query_field_null &&
        ix->projection == DS_PROJECTION_NONE) {
        ds_buf_puts(b, " @index(queryField: \"");
        ds_names_default_query_field(b, m, ix);
        ds_buf_puts(b, "\")");
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
    if (ix->query_field_null) {
        ds_buf_puts(b, "null");
    } else if (has_qf) {
        ds_buf_printf(b, "\"%s\"", ix->query_field.text);
    } else {
        ds_buf_putc(b, '"');
        ds_names_default_query_field(b, m, ix);
        ds_buf_putc(b, '"');
    }
    if (ix->projection == DS_PROJECTION_KEYS_ONLY) {
        ds_buf_puts(b, ", projection: { type: KEYS_ONLY }");
    } else if (ix->projection == DS_PROJECTION_INCLUDE && ix->non_key_attributes.count > 0) {
        ds_buf_puts(b, ", projection: { type: INCLUDE, nonKeyAttributes: [");
        put_quoted_list(b, &ix->non_key_attributes, ", ");
        ds_buf_puts(b, "] }");
    }
    ds_buf_putc(b, ')');
}

/* A model's printable indexes grouped by partition key, so that each
 * field finds its own without a pass over all of them: first[i] is the
 * first index of the field at position i (-1: none), next[k] the index
 * after index k on the same field. */
typedef struct index_groups {
    const ds_decl *model;
    long *first, *next;        /* malloc'ed; NULL for a model without indexes */
} index_groups;

/* Group m's indexes by the position of their partition key field. */
static void group_indexes(index_groups *g, const ds_decl *m) {
    *g = (index_groups){m, NULL, NULL};
    if (m->index_count == 0 || m->field_count == 0) return;
    g->first = malloc(m->field_count * sizeof *g->first);
    g->next = malloc(m->index_count * sizeof *g->next);
    if (!g->first || !g->next) abort();
    ds_arena scratch;
    ds_arena_init(&scratch);
    ds_symtab position;
    ds_symtab_init(&position, &scratch);
    for (size_t i = 0; i < m->field_count; i++) {
        g->first[i] = -1;
        const ds_field *f = m->fields[i];
        if (f && !f->invalid && f->name.text)
            ds_symtab_put(&position, f->name.text, (void *)(uintptr_t)(i + 1));
    }
    for (size_t k = m->index_count; k-- > 0;) {  /* backwards: lists come out in index order */
        const ds_index *ix = &m->indexes[k];
        uintptr_t at = ix->invalid || !ix->field.text
                           ? 0 : (uintptr_t)ds_symtab_get(&position, ix->field.text);
        g->next[k] = at ? g->first[at - 1] : -1;
        if (at) g->first[at - 1] = (long)k;
    }
    ds_arena_free(&scratch);
}

/* Free what group_indexes allocated. */
static void free_index_groups(index_groups *g) {
    free(g->first);
    free(g->next);
}

/* The @index directives whose partition key is the field at position i, in
 * index order. */
static void put_field_indexes(ds_buf *b, const index_groups *g, size_t i) {
    if (!g->first) return;
    for (long k = g->first[i]; k >= 0; k = g->next[k]) put_index(b, g->model, &g->model->indexes[k]);
}

/* The identifier's partition key field: `T! @primaryKey(sortKeyFields: [...])`
 * whatever its own modifiers, then its indexes. */
static void put_primary_key(ds_buf *b, const index_groups *g, size_t i) {
    const ds_decl *m = g->model;
    const ds_field *f = m->fields[i];
    ds_buf_printf(b, "%s! @primaryKey", type_base_name(&f->type) ? type_base_name(&f->type) : "");
    if (m->identifier.count > 1) {
        ds_buf_puts(b, "(sortKeyFields: [");
        for (size_t k = 1; k < m->identifier.count; k++)
            ds_buf_printf(b, "%s\"%s\"", k > 1 ? ", " : "",
                          m->identifier.items[k].text ? m->identifier.items[k].text : "");
        ds_buf_puts(b, "])");
    }
    put_field_indexes(b, g, i);
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

/* The field at position i of a model, after `name: `. */
static void put_model_field(ds_buf *b, const index_groups *g, size_t i) {
    const ds_decl *m = g->model;
    const ds_field *f = m->fields[i];
    bool with_auth = true;
    switch (f->kind) {
    case DS_FIELD_RELATION:
        put_relation(b, f);
        break;
    case DS_FIELD_SCALAR:
        if (strcmp(f->name.text, partition_key(m)) == 0) {
            put_primary_key(b, g, i);
        } else {
            put_scalar_type(b, f);
            put_field_indexes(b, g, i);
        }
        break;
    case DS_FIELD_REF:
        put_modified(b, f->type.base, "", &f->type);
        put_field_indexes(b, g, i);
        break;
    case DS_FIELD_INLINE_ENUM:
        ds_buf_puts(b, inline_name(f));
        put_field_indexes(b, g, i);
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

/* The groups of @model's arguments, and the fine operations of each. */
static const char *const op_groups[3] = {"queries", "mutations", "subscriptions"};
static const char *const fine_ops[3][3] = {
    {"get", "list", NULL}, {"create", "update", "delete"}, {"onCreate", "onUpdate", "onDelete"}};

/* One group of @model's arguments as disableOperations fills it. */
typedef struct op_group {
    size_t rank;              /* 1 + its position among the printed groups, or 0 */
    bool whole;               /* disabled as a whole: `queries:null` */
    const char *ops[3];       /* otherwise the fine operations disabled */
    size_t op_count;
} op_group;

/* The group a coarse name stands for, or -1. */
static int coarse_group(const char *op) {
    for (int g = 0; g < 3; g++)
        if (strcmp(op, op_groups[g]) == 0) return g;
    return -1;
}

/* The group of a fine operation, or -1. */
static int fine_group(const char *op) {
    for (int g = 0; g < 3; g++)
        for (int k = 0; k < 3; k++)
            if (fine_ops[g][k] && strcmp(op, fine_ops[g][k]) == 0) return g;
    return -1;
}

/* Sort a model's disableOperations into groups as
 * modelAttributesFromDisabledOps does: coarse names first (a stable sort),
 * then each fine operation under its group unless the whole group is off.
 * Returns the number of groups to print. */
static size_t group_disabled_ops(const ds_decl *m, op_group groups[3]) {
    size_t rank = 0;
    for (size_t i = 0; i < m->disabled_ops.count; i++) {
        const char *op = m->disabled_ops.items[i].text;
        int g = op ? coarse_group(op) : -1;
        if (g < 0) continue;
        if (!groups[g].rank) groups[g].rank = ++rank;
        groups[g].whole = true;
    }
    for (size_t i = 0; i < m->disabled_ops.count; i++) {
        const char *op = m->disabled_ops.items[i].text;
        int g = op ? fine_group(op) : -1;
        if (g < 0 || groups[g].whole) continue;
        if (!groups[g].rank) groups[g].rank = ++rank;
        bool seen = false;
        for (size_t k = 0; k < groups[g].op_count; k++) seen |= strcmp(groups[g].ops[k], op) == 0;
        if (!seen && groups[g].op_count < 3) groups[g].ops[groups[g].op_count++] = op;
    }
    return rank;
}

/* @model, or @model(queries:null,mutations:{create:null},...): the JSON of
 * the groups without quotes, as data-schema prints it. */
static void put_model_directive(ds_buf *b, const ds_decl *m) {
    op_group groups[3] = {{0}};
    size_t count = group_disabled_ops(m, groups);
    ds_buf_puts(b, "@model");
    if (count == 0) return;
    ds_buf_putc(b, '(');
    for (size_t r = 1; r <= count; r++) {
        for (int g = 0; g < 3; g++) {
            if (groups[g].rank != r) continue;
            ds_buf_printf(b, "%s%s:", r > 1 ? "," : "", op_groups[g]);
            if (groups[g].whole) {
                ds_buf_puts(b, "null");
                continue;
            }
            ds_buf_putc(b, '{');
            for (size_t k = 0; k < groups[g].op_count; k++)
                ds_buf_printf(b, "%s%s:null", k ? "," : "", groups[g].ops[k]);
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
    put_auth_directive(b, relevant_rules(e, m));
    ds_buf_puts(b, "\n{");
    index_groups g;
    group_indexes(&g, m);
    for (size_t i = 0; i < m->field_count; i++) {
        const ds_field *f = m->fields[i];
        if (!f || f->invalid || !f->name.text) continue;
        ds_buf_printf(b, "\n  %s: ", f->name.text);
        put_model_field(b, &g, i);
    }
    free_index_groups(&g);
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
    const op_list *ops = type->name.text ? ds_symtab_get(&e->inheritors, type->name.text) : NULL;
    for (size_t i = 0; ops && i < ops->count; i++) {
        const ds_rules *rs = relevant_rules(e, e->s->decls[ops->items[i]]);
        for (size_t k = 0; k < rs->count; k++) {
            const ds_rule *r = &rs->items[k];
            DS_PUSH(&e->s->arena, rules, *count, cap, r);
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

/* The mutation a subscription source names, or NULL (a model source). */
static ds_decl *source_mutation(const emitter *e, const ds_sub_source *src) {
    if (src->is_model || !src->name.text) return NULL;
    ds_decl *d = src->target ? src->target : ds_symtab_get(&e->s->operations, src->name.text);
    return d && d->kind == DS_DECL_MUTATION ? d : NULL;
}

/* The field that gives an operation its return type: its own `returns`, or
 * for a subscription on a mutation, that mutation's. NULL otherwise. */
static const ds_field *return_field(const emitter *e, const ds_decl *op) {
    if (op->returns) return op->returns;
    if (op->kind != DS_DECL_SUBSCRIPTION || op->source_count == 0) return NULL;
    ds_decl *m = source_mutation(e, &op->sources[0]);
    return m ? m->returns : NULL;
}

/* The return type of an operation; a subscription on a model returns it. */
static void put_return_type(const emitter *e, ds_buf *b, const ds_decl *op) {
    if (!op->returns && op->kind == DS_DECL_SUBSCRIPTION && op->source_count > 0 &&
        op->sources[0].is_model) {
        ds_buf_puts(b, op->sources[0].name.text ? op->sources[0].name.text : "");
        return;
    }
    const ds_field *r = return_field(e, op);
    if (!r) return;
    switch (r->kind) {
    case DS_FIELD_SCALAR: put_scalar_type(b, r); break;
    case DS_FIELD_REF: put_modified(b, r->type.base, "", &r->type); break;
    case DS_FIELD_INLINE_ENUM:
    case DS_FIELD_INLINE_TYPE: ds_buf_puts(b, inline_name(r)); break;
    case DS_FIELD_RELATION: break;
    }
}

/* The custom type whose rules an operation's rules extend: the custom type
 * it returns (by ref or inline), or for a subscription the custom type its
 * mutation returns by ref (customOperationToGql's customTypeAuthRules). */
static ds_decl *inheriting_type(const emitter *e, const ds_decl *op) {
    const ds_field *r = return_field(e, op);
    if (!r || r->invalid) return NULL;
    if (is_type_ref(r)) return r->type.target;
    if (r->kind == DS_FIELD_INLINE_TYPE && r == op->returns) return r->inline_decl;
    return NULL;
}

/* Record that operation number op passes its rules on to type and to
 * every custom type its fields reach, inline or by ref, each once
 * (extractNestedCustomTypeNames): an iterative walk, so that a long chain
 * of types cannot exhaust the stack. */
static void spread_rules(emitter *e, size_t op, ds_decl *type, ds_arena *scratch) {
    ds_arena *a = &e->s->arena;
    ds_symtab seen;
    ds_symtab_init(&seen, scratch);
    ds_decl **stack = NULL;
    size_t depth = 0, cap = 0;
    DS_PUSH(scratch, stack, depth, cap, type);
    while (depth > 0) {
        ds_decl *t = stack[--depth];
        if (!t || !t->name.text || ds_symtab_put(&seen, t->name.text, t)) continue;
        op_list *ops = ds_symtab_get(&e->inheritors, t->name.text);
        if (!ops) {
            ops = ds_arena_alloc(a, sizeof *ops);
            ds_symtab_put(&e->inheritors, t->name.text, ops);
        }
        DS_PUSH(a, ops->items, ops->count, ops->cap, op);
        for (size_t i = t->field_count; i-- > 0;) {
            ds_field *f = t->fields[i];
            if (!f || f->invalid) continue;
            if (f->kind == DS_FIELD_INLINE_TYPE) DS_PUSH(scratch, stack, depth, cap, f->inline_decl);
            else if (is_type_ref(f)) DS_PUSH(scratch, stack, depth, cap, f->type.target);
        }
    }
}

/* For every custom type, the operations whose rules it inherits. */
static void compute_inheritance(emitter *e) {
    ds_schema *s = e->s;
    ds_symtab_init(&e->inheritors, &s->arena);
    ds_arena scratch;
    ds_arena_init(&scratch);
    for (size_t i = 0; i < s->decl_count; i++) {
        ds_decl *d = s->decls[i];
        if (!d || d->invalid || d->kind == DS_DECL_MODEL || d->kind == DS_DECL_ENUM ||
            d->kind == DS_DECL_TYPE)
            continue;
        ds_decl *type = inheriting_type(e, d);
        if (!type) continue;
        spread_rules(e, i, type, &scratch);
        ds_arena_reset(&scratch);
    }
    ds_arena_free(&scratch);
}

/* Whether an operation's handler is a.handler.custom (an AppSync JS
 * resolver): its rules print as AppSync directives, not @auth. */
static bool has_custom_handler(const ds_decl *op) {
    return op->handler_count > 0 && op->handlers[0].kind == DS_HANDLER_CUSTOM;
}

/* `@aws_subscribe(mutations: ["createPost", "publishPost"]) `. */
static void put_subscribe(ds_buf *b, const ds_decl *op) {
    ds_buf_puts(b, "@aws_subscribe(mutations: [");
    const char *sep = "";
    for (size_t i = 0; i < op->source_count; i++) {
        const ds_sub_source *src = &op->sources[i];
        const char *name = src->name.text ? src->name.text : "";
        if (!src->is_model) {
            ds_buf_printf(b, "%s\"%s\"", sep, name);
            sep = ", ";
            continue;
        }
        for (size_t k = 0; k < src->mutations.count; k++) {
            ds_buf_printf(b, "%s\"%s", sep, src->mutations.items[k].text ? src->mutations.items[k].text : "");
            ds_names_capitalized(b, name);
            ds_buf_putc(b, '"');
            sep = ", ";
        }
    }
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
    put_return_type(e, b, op);
    ds_buf_putc(b, ' ');
    bool custom = has_custom_handler(op);
    for (size_t i = 0; !custom && i < op->handler_count; i++)
        if (op->handlers[i].kind == DS_HANDLER_FUNCTION)
            ds_buf_printf(b, "@function(name: \"%s\") ",
                          op->handlers[i].function.text ? op->handlers[i].function.text : "");
    if (op->kind == DS_DECL_SUBSCRIPTION) put_subscribe(b, op);
    const ds_rules *rules = relevant_rules(e, op);
    if (!custom) {
        put_auth_directive(b, rules);
        return;
    }
    const ds_rule **list = ds_arena_alloc(&e->s->arena, (rules->count + 1) * sizeof *list);
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

void ds_emit_graphql(ds_schema *s, ds_buf *out) {
    emitter e = {.s = s, .out = out};
    compute_inheritance(&e);
    size_t count;
    ds_out_type *types = ds_output_types(s, &count);
    for (size_t i = 0; i < count; i++) {
        const ds_out_type *t = &types[i];
        if (!t->decl) continue;
        switch (t->kind) {
        case DS_OUT_MODEL: emit_model(&e, t->decl); break;
        case DS_OUT_ENUM: emit_enum(&e, t->decl); break;
        case DS_OUT_TYPE: emit_custom_type(&e, t->decl); break;
        case DS_OUT_INPUT: emit_input(&e, t); break;
        }
    }
    emit_operations(&e, DS_DECL_MUTATION, "Mutation");
    emit_operations(&e, DS_DECL_QUERY, "Query");
    emit_operations(&e, DS_DECL_SUBSCRIPTION, "Subscription");
}
