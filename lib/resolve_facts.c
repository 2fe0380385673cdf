/* resolve_facts.c: the facts the back-ends, diff and the language server
 * read, each computed once here (flatcc's semantics pass): the keys,
 * plural and generated names of a model, the rules that apply to each
 * declaration, each rule's data-schema strategy, provider and AppSync
 * directive, disableOperations grouped, the indexes of each field, and
 * each operation's return and the rules it passes on to custom types.
 * When data-schema changes one of these, this file changes, and every
 * output with it.
 */
#include <stdint.h>
#include <string.h>

#include "names.h"
#include "pluralize.h"
#include "resolve.h"

/* ---------------------------------------------------------------- rules */

/* data-schema's strategy of an allow kind. */
static ds_strategy strategy_of(ds_allow allow) {
    switch (allow) {
    case DS_ALLOW_PUBLIC_API_KEY:
    case DS_ALLOW_GUEST: return DS_STRATEGY_PUBLIC;
    case DS_ALLOW_AUTHENTICATED: return DS_STRATEGY_PRIVATE;
    case DS_ALLOW_OWNER:
    case DS_ALLOW_OWNER_DEFINED_IN:
    case DS_ALLOW_OWNERS_DEFINED_IN: return DS_STRATEGY_OWNER;
    case DS_ALLOW_GROUP:
    case DS_ALLOW_GROUPS:
    case DS_ALLOW_GROUP_DEFINED_IN:
    case DS_ALLOW_GROUPS_DEFINED_IN: return DS_STRATEGY_GROUPS;
    case DS_ALLOW_CUSTOM: return DS_STRATEGY_CUSTOM;
    }
    return DS_STRATEGY_PUBLIC;
}

/* The provider a rule carries in data-schema's SDL (publicApiKey and guest
 * fix theirs), or NULL. */
static const char *sdl_provider_of(const ds_rule *r) {
    if (r->allow == DS_ALLOW_PUBLIC_API_KEY) return "apiKey";
    if (r->allow == DS_ALLOW_GUEST) return "identityPool";
    return r->provider == DS_PROVIDER_DEFAULT ? NULL : ds_provider_name(r->provider);
}

/* The owner or groups field a rule prints (groupOrOwnerField), or NULL. */
static const char *auth_field_of(const ds_rule *r) {
    switch (r->allow) {
    case DS_ALLOW_OWNER: return "owner";
    case DS_ALLOW_OWNER_DEFINED_IN:
    case DS_ALLOW_OWNERS_DEFINED_IN:
    case DS_ALLOW_GROUP_DEFINED_IN:
    case DS_ALLOW_GROUPS_DEFINED_IN: return r->field.text && *r->field.text ? r->field.text : NULL;
    default: return NULL;
    }
}

/* Whether a rule's SDL provider is p (NULL: the rule gives none). */
static bool provider_is(const ds_rule *r, const char *p) {
    return p ? r->sdl_provider && strcmp(r->sdl_provider, p) == 0 : r->sdl_provider == NULL;
}

/* The AppSync directive of a rule (getAppSyncAuthDirectiveFromRule). */
static ds_appsync appsync_of(const ds_rule *r) {
    bool none = provider_is(r, NULL);
    switch (r->strategy) {
    case DS_STRATEGY_PUBLIC:
        if (none || provider_is(r, "apiKey")) return DS_APPSYNC_API_KEY;
        return provider_is(r, "identityPool") ? DS_APPSYNC_IAM : DS_APPSYNC_NONE;
    case DS_STRATEGY_PRIVATE:
        if (none || provider_is(r, "userPools")) return DS_APPSYNC_COGNITO_USER_POOLS;
        if (provider_is(r, "oidc")) return DS_APPSYNC_OIDC;
        return provider_is(r, "identityPool") ? DS_APPSYNC_IAM : DS_APPSYNC_NONE;
    case DS_STRATEGY_GROUPS:
        return none || provider_is(r, "userPools") ? DS_APPSYNC_COGNITO_USER_POOLS
                                                   : DS_APPSYNC_NONE;
    case DS_STRATEGY_CUSTOM:
        return none || provider_is(r, "function") ? DS_APPSYNC_LAMBDA : DS_APPSYNC_NONE;
    case DS_STRATEGY_OWNER: break;
    }
    return DS_APPSYNC_NONE;
}

/* Fill in the facts of every rule of a list (NULL: none). */
static void rule_facts(ds_rules *rules) {
    for (size_t i = 0; rules && i < rules->count; i++) {
        ds_rule *r = &rules->items[i];
        r->strategy = strategy_of(r->allow);
        r->sdl_provider = sdl_provider_of(r);
        r->auth_field = auth_field_of(r);
        r->appsync = appsync_of(r);
    }
}

/* The rules of every field of a declaration. */
static void field_rule_facts(ds_decl *d) {
    for (size_t i = 0; i < d->field_count; i++)
        if (d->fields[i]) rule_facts(d->fields[i]->auth);
}

/* --------------------------------------------------------------- models */

/* The partition key and sort keys: identifier[0] and the rest, or "id"
 * (NULL for an empty identifier, which check_keys.c reports). */
static void model_keys(ds_decl *m) {
    const ds_name_list *id = &m->identifier;
    m->pk_name = !id->present ? "id" : id->count > 0 ? id->items[0].text : NULL;
    ds_field *f = ds_decl_field(m, m->pk_name);
    m->pk_field = f && f->kind == DS_FIELD_SCALAR ? f : NULL;
    m->sort_keys = id->present && id->count > 1 ? id->items + 1 : NULL;
    m->sort_key_count = id->present && id->count > 1 ? id->count - 1 : 0;
}

/* The group a disableOperations word stands for (*coarse: the whole
 * group), and its fine operation's bit; -1 for an unknown word. */
static int op_group_of(const char *op, bool *coarse, unsigned *bit) {
    static const struct { const char *word; int group; unsigned bits; } words[] = {
        {"queries", 0, DS_OP_GET | DS_OP_LIST},
        {"mutations", 1, DS_OP_CREATE | DS_OP_UPDATE | DS_OP_DELETE},
        {"subscriptions", 2, DS_OP_ON_CREATE | DS_OP_ON_UPDATE | DS_OP_ON_DELETE},
        {"get", 0, DS_OP_GET}, {"list", 0, DS_OP_LIST}, {"create", 1, DS_OP_CREATE},
        {"update", 1, DS_OP_UPDATE}, {"delete", 1, DS_OP_DELETE},
        {"onCreate", 2, DS_OP_ON_CREATE}, {"onUpdate", 2, DS_OP_ON_UPDATE},
        {"onDelete", 2, DS_OP_ON_DELETE}};
    for (size_t i = 0; op && i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(op, words[i].word) != 0) continue;
        *coarse = i < 3;
        *bit = words[i].bits;
        return words[i].group;
    }
    return -1;
}

/* Add a fine operation (its DS_OP_* bit) to its group, once. */
static void add_fine_op(ds_op_group *g, unsigned bit) {
    for (size_t k = 0; k < g->op_count; k++)
        if (g->ops[k] == bit) return;
    if (g->op_count < 3) g->ops[g->op_count++] = (uint8_t)bit;
}

/* Group disableOperations as modelAttributesFromDisabledOps does: coarse
 * names first (a stable sort), then each fine operation under its group
 * unless the whole group is off; and note which operations are off. */
static void group_disabled_ops(ds_decl *m) {
    ds_disabled *d = &m->disabled;
    const ds_name_list *ops = &m->disabled_ops;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ops->count; i++) {
            bool coarse;
            unsigned bit;
            int g = op_group_of(ops->items[i].text, &coarse, &bit);
            if (g < 0 || coarse != (pass == 0) || (!coarse && d->groups[g].whole)) continue;
            d->off |= bit;
            if (!d->groups[g].rank) d->groups[g].rank = ++d->group_count;
            if (coarse) d->groups[g].whole = true;
            else add_fine_op(&d->groups[g], bit);
        }
    }
}

/* Whether data-schema prints a field's @index directives on it (scalars,
 * refs and inline enums; not inline custom types or relationships). */
static bool prints_indexes(const ds_field *f) {
    return f && !f->invalid && (f->kind == DS_FIELD_SCALAR || f->kind == DS_FIELD_REF ||
                                f->kind == DS_FIELD_INLINE_ENUM);
}

/* Each usable index hangs off its partition key field, in index order,
 * with the query field data-schema prints for it. */
static void index_facts(ds_schema *s, ds_decl *m) {
    ds_buf name = {0};
    for (size_t k = m->index_count; k-- > 0;) {  /* backwards: chains come out in order */
        ds_index *ix = &m->indexes[k];
        if (ix->invalid) continue;
        if (!ix->query_field_null && ix->query_field.text && *ix->query_field.text) {
            ix->query_field_name = ix->query_field.text;
        } else if (!ix->query_field_null) {
            name.len = 0;
            ds_names_default_query_field(&name, m, ix);
            ix->query_field_name = ds_arena_strndup(&s->arena, name.data, name.len);
        }
        ds_field *f = ds_decl_field(m, ix->field.text);
        if (!prints_indexes(f)) continue;
        ix->next_on_field = f->indexes;
        f->indexes = ix;
    }
    ds_buf_free(&name);
}

/* Every fact of a model that needs only the names. */
static void model_facts(ds_schema *s, ds_decl *m) {
    model_keys(m);
    m->plural = ds_pluralize(&s->arena, m->name.text ? m->name.text : "");
    group_disabled_ops(m);
    index_facts(s, m);
}

void ds_resolve_facts(ds_resolver *r) {
    ds_schema *s = r->s;
    rule_facts(&s->auth);
    for (size_t i = 0; i < s->decl_count; i++) {
        ds_decl *d = s->decls[i];
        if (d->kind == DS_DECL_MODEL || d->kind >= DS_DECL_QUERY) {
            d->rules = d->auth.count > 0 ? &d->auth : &s->auth;
            rule_facts(&d->auth);
        }
        field_rule_facts(d);
        if (d->kind == DS_DECL_MODEL) model_facts(s, d);
    }
    for (size_t i = 0; i < s->implicit_count; i++) field_rule_facts(s->implicit[i]);
}

/* ----------------------------------------------------------- operations */

/* The field that gives an operation its return type: its own `returns`,
 * or for a subscription on a mutation, that mutation's. */
static const ds_field *return_field(const ds_decl *op) {
    if (op->returns) return op->returns;
    if (op->kind != DS_DECL_SUBSCRIPTION || op->source_count == 0) return NULL;
    const ds_sub_source *src = &op->sources[0];
    const ds_decl *m = src->is_model ? NULL : src->target;
    return m && m->kind == DS_DECL_MUTATION ? m->returns : NULL;
}

/* The mutations a subscription listens to, as the SDL names them
 * (create + Post -> createPost). */
static void subscribed_names(ds_schema *s, ds_decl *sub) {
    size_t n = 0, cap = 0;
    ds_buf name = {0};
    for (size_t i = 0; i < sub->source_count; i++) {
        const ds_sub_source *src = &sub->sources[i];
        if (!src->is_model) {
            const char *m = src->name.text ? src->name.text : "";
            DS_PUSH(&s->arena, sub->subscribed, n, cap, m);
            continue;
        }
        for (size_t k = 0; k < src->mutations.count; k++) {
            name.len = 0;
            ds_buf_puts(&name, src->mutations.items[k].text ? src->mutations.items[k].text : "");
            ds_names_capitalized(&name, src->name.text);
            const char *m = ds_arena_strndup(&s->arena, name.data, name.len);
            DS_PUSH(&s->arena, sub->subscribed, n, cap, m);
        }
    }
    sub->subscribed_count = n;
    ds_buf_free(&name);
}

/* The custom type whose rules an operation's rules extend: the one it
 * returns (by ref or inline), or for a subscription the one its mutation
 * returns by ref (customOperationToGql's customTypeAuthRules). */
static ds_decl *returned_type(const ds_decl *op) {
    const ds_field *r = op->ret;
    if (!r) return NULL;
    if (r->kind == DS_FIELD_REF && r->type.target && r->type.target->kind == DS_DECL_TYPE)
        return r->type.target;
    if (r->kind == DS_FIELD_INLINE_TYPE && r == op->returns) return r->inline_decl;
    return NULL;
}

/* Record that op passes its rules on to type and to every custom type its
 * fields reach, inline or by ref, each once (extractNestedCustomTypeNames):
 * an iterative walk, so that a long chain of types cannot exhaust the stack. */
static void spread_rules(ds_schema *s, ds_decl *op, ds_decl *type, ds_arena *scratch) {
    ds_symtab seen;
    ds_symtab_init(&seen, scratch);
    ds_decl **stack = NULL;
    size_t depth = 0, cap = 0;
    DS_PUSH(scratch, stack, depth, cap, type);
    while (depth > 0) {
        ds_decl *t = stack[--depth];
        if (!t || !t->name.text || ds_symtab_put(&seen, t->name.text, t)) continue;
        DS_PUSH(&s->arena, t->inheritors, t->inheritor_count, t->inheritor_cap, op);
        for (size_t i = t->field_count; i-- > 0;) {
            ds_field *f = t->fields[i];
            if (!f || f->invalid) continue;
            if (f->kind == DS_FIELD_INLINE_TYPE) DS_PUSH(scratch, stack, depth, cap, f->inline_decl);
            else if (f->kind == DS_FIELD_REF && f->type.target &&
                     f->type.target->kind == DS_DECL_TYPE)
                DS_PUSH(scratch, stack, depth, cap, f->type.target);
        }
    }
}

/* The facts of one operation. */
static void operation_facts(ds_schema *s, ds_decl *op) {
    op->ret = return_field(op);
    if (op->kind == DS_DECL_SUBSCRIPTION && !op->returns && op->source_count > 0 &&
        op->sources[0].is_model)
        op->ret_model = op->sources[0].target;
    op->ret_type = returned_type(op);
    op->custom_handler = op->handler_count > 0 && op->handlers[0].kind == DS_HANDLER_CUSTOM;
    if (op->kind == DS_DECL_SUBSCRIPTION) subscribed_names(s, op);
}

void ds_resolve_operation_facts(ds_resolver *r) {
    ds_schema *s = r->s;
    ds_arena scratch;
    ds_arena_init(&scratch);
    for (size_t i = 0; i < s->decl_count; i++) {
        ds_decl *op = s->decls[i];
        if (op->kind < DS_DECL_QUERY) continue;
        operation_facts(s, op);
        ds_decl *type = op->invalid || !op->ret || op->ret->invalid ? NULL : op->ret_type;
        if (type) spread_rules(s, op, type, &scratch);
        ds_arena_reset(&scratch);
    }
    ds_arena_free(&scratch);
}
