/* parse_auth.c: authorization rules (FORMAT.md, RULE).
 *
 * The parser checks the spelling of every value against the sets of
 * FORMAT.md and rejects keys no rule takes; which keys and providers a
 * given kind of rule admits is the resolver's to check.
 */
#include <string.h>

#include "parse_internal.h"
#include "words.h"

#define allow_words ds_allow_words
static const char *const allow_synonyms[] = {
    "public", "publicApiKey or guest", "everyone", "publicApiKey or guest",
    "anyone", "publicApiKey or guest", "apiKey", "publicApiKey",
    "private", "authenticated", "signedIn", "authenticated",
    "loggedIn", "authenticated", "users", "authenticated",
    "lambda", "custom", "function", "custom", NULL};
static const ds_wordset allow_set = {"a rule kind", allow_words, allow_synonyms};

#define provider_words ds_provider_words
static const char *const provider_synonyms[] = {
    "iam", "identityPool", "cognito", "userPools", "lambda", "function", NULL};
static const ds_wordset provider_set = {"an authorization provider", provider_words,
                                        provider_synonyms};

#define to_words ds_to_words
static const char *const to_synonyms[] = {
    "subscribe", "listen", "query", "read", NULL};
static const ds_wordset to_set = {"an operation a rule can grant", to_words, to_synonyms};

/* "a rule takes allow, and as its kind admits provider, ... or groupClaim":
 * allow comes first, the rest as the kind of rule admits them. */
static const char *rule_hint(ds_parser *p) {
    const char *const *keys = ds_construct_keys(DS_KEYS_RULE);
    return ds_arena_printf(&p->tmp, "a rule takes %s, and as its kind admits %s", keys[0],
                           ds_parse_list(p, keys + 1, SIZE_MAX, "or"));
}

/* The value of key (other than allow) in a rule map, of the rule called
 * rule, into r; returns whether it is well formed. */
static bool parse_rule_key(ds_parser *p, const char *key, const ds_ynode *v, const ds_label *rule,
                           ds_rule *r) {
    if (strcmp(key, "provider") == 0) {
        ds_label what = ds_label_of("the provider of ", rule);
        int w = ds_parse_word_l(p, v, &provider_set, &what);
        r->provider = w >= 0 ? (ds_provider)(w + 1) : DS_PROVIDER_DEFAULT;
        r->provider_span = v->span;
        return w >= 0;
    }
    if (strcmp(key, "to") == 0) {
        ds_label what = ds_label_of("the to list of ", rule);
        ds_parse_words_l(p, v, &to_set, &what, &r->to);
        return !r->to.invalid;
    }
    if (strcmp(key, "groups") == 0) {
        ds_label what = ds_label_of("the groups of ", rule), role = ds_label_of("a group of ", rule);
        ds_parse_strings_l(p, v, &what, &role, &r->groups);
        return !r->groups.invalid;
    }
    if (strcmp(key, "group") == 0) {
        ds_label what = ds_label_of("the group of ", rule);
        return ds_parse_string_l(p, v, &what, &r->group);
    }
    if (strcmp(key, "field") == 0) {
        ds_label what = ds_label_of("the field of ", rule);
        return ds_parse_name_l(p, v, false, &what, &r->field);
    }
    if (strcmp(key, "identityClaim") == 0) {
        ds_label what = ds_label_of("the identityClaim of ", rule);
        return ds_parse_string_l(p, v, &what, &r->identity_claim);
    }
    if (strcmp(key, "groupClaim") == 0) {
        ds_label what = ds_label_of("the groupClaim of ", rule);
        return ds_parse_string_l(p, v, &what, &r->group_claim);
    }
    return true;  /* allow, or a key ds_parse_keys reports */
}

/* The keys of a rule map other than allow, of the rule called rule. */
static void parse_rule_keys(ds_parser *p, const ds_ynode *map, const ds_label *rule, ds_rule *r) {
    for (size_t i = 0; i < DS_PAIRS(map); i++) {
        const ds_ynode *k = DS_KEY(map, i);
        if (k->kind == DS_Y_SCALAR && !parse_rule_key(p, k->text, DS_VALUE(map, i), rule, r))
            r->invalid = true;
    }
}

/* RULE := ALLOW
 *       | { allow: ALLOW, provider?: PROVIDER, to?: [OP, ...], groups?: [STRING, ...],
 *           group?: STRING, field?: NAME, identityClaim?: STRING, groupClaim?: STRING } */
static void parse_rule(ds_parser *p, const ds_ynode *n, const ds_label *rule, ds_rule *r) {
    r->span = n->span;
    if (n->kind == DS_Y_SCALAR) {
        int w = ds_parse_word_l(p, n, &allow_set, NULL);
        r->allow = w >= 0 ? (ds_allow)w : DS_ALLOW_PUBLIC_API_KEY;
        r->allow_span = n->span;
        r->invalid = w < 0;
        return;
    }
    if (!ds_parse_want_l(p, n, DS_Y_MAP, rule, "a rule name or a map with allow: ...",
                         "write - owner, or - { allow: groups, groups: [Admin] }")) {
        r->invalid = true;
        return;
    }
    if (!ds_parse_keys(p, n, DS_KEYS_RULE, "a key of a rule", rule_hint))
        r->invalid = true;
    const ds_ynode *allow = ds_parse_get(n, "allow", NULL);
    if (!allow) {
        if (!ds_parse_misspelt(n, DS_KEYS_RULE, "allow")) {
            ds_diag *e = ds_parse_error(p, n->span, DS_E_MISSING_KEY, "%s has no allow key",
                                        ds_label_text(p, rule));
            ds_hint(p->s, e, "say what kind of rule it is: allow: %s", "publicApiKey, owner, groups, ...");
        }
        r->invalid = true;
    } else {
        ds_label what = ds_label_of("the allow of ", rule);
        int w = ds_parse_word_l(p, allow, &allow_set, &what);
        r->allow = w >= 0 ? (ds_allow)w : DS_ALLOW_PUBLIC_API_KEY;
        r->allow_span = allow->span;
        if (w < 0) r->invalid = true;
    }
    parse_rule_keys(p, n, rule, r);
}

/* RULES := [RULE, ...] */
void ds_parse_rules_l(ds_parser *p, const ds_ynode *key, const ds_ynode *value,
                      const ds_label *owner, ds_rules *out) {
    memset(out, 0, sizeof *out);
    out->present = true;
    out->span = key->span;
    if (value->kind != DS_Y_SEQ) {
        const char *hint = value->kind == DS_Y_SCALAR && !ds_yaml_is_null(value)
                               ? ds_arena_printf(&p->tmp, "write it as a list: authorization: [%s]",
                                                 ds_parse_clip(p, value->text))
                               : "write it as a list: authorization: [publicApiKey]";
        ds_label what = ds_label_of("the authorization of ", owner);
        ds_parse_want_l(p, value, DS_Y_SEQ, &what, "a list of rules", hint);
        out->invalid = true;
        return;
    }
    ds_label rule = ds_label_of("a rule of ", owner);
    DS_RESERVE(&p->s->arena, out->items, out->cap, value->count);
    for (size_t i = 0; i < value->count; i++) {
        ds_rule r = {0};
        parse_rule(p, value->items[i], &rule, &r);
        DS_PUSH(&p->s->arena, out->items, out->count, out->cap, r);
    }
}

void ds_parse_rules(ds_parser *p, const ds_ynode *key, const ds_ynode *value, const char *owner,
                    ds_rules *out) {
    ds_label label = ds_text_label(owner);
    ds_parse_rules_l(p, key, value, &label, out);
}
