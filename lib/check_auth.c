/* check_auth.c: authorization rules at the schema, model, field and
 * operation levels.
 *
 * The rules come from data-schema (the builder's allow.* functions, the
 * implied owner fields of SchemaProcessor.ts, the AppSync directives of
 * custom handlers) and from the Amplify auth transformer (providers per
 * strategy, claims, groups, one role per rule list, required fields under
 * field rules). A rule is identified by the role the transformer makes of
 * it ("userPools:owner:owner:sub::username"), so two rules that make one
 * role are "the same rule twice".
 */
#include <string.h>

#include "resolve.h"

/* Where a list of rules sits. */
typedef enum rule_level {
    LEVEL_SCHEMA, LEVEL_MODEL, LEVEL_FIELD, LEVEL_TYPE_FIELD, LEVEL_OPERATION
} rule_level;

/* ---- what each kind of rule is ---- */

static bool is_owner_kind(ds_allow a) {
    return a == DS_ALLOW_OWNER || a == DS_ALLOW_OWNER_DEFINED_IN || a == DS_ALLOW_OWNERS_DEFINED_IN;
}

static bool is_group_kind(ds_allow a) {
    return a == DS_ALLOW_GROUP || a == DS_ALLOW_GROUPS || a == DS_ALLOW_GROUP_DEFINED_IN ||
           a == DS_ALLOW_GROUPS_DEFINED_IN;
}

static bool is_defined_in(ds_allow a) {
    return a == DS_ALLOW_OWNER_DEFINED_IN || a == DS_ALLOW_OWNERS_DEFINED_IN ||
           a == DS_ALLOW_GROUP_DEFINED_IN || a == DS_ALLOW_GROUPS_DEFINED_IN;
}

/* The providers a kind admits, for messages; NULL when it takes none. */
static const char *admitted_providers(ds_allow a) {
    if (a == DS_ALLOW_PUBLIC_API_KEY || a == DS_ALLOW_GUEST) return NULL;
    if (a == DS_ALLOW_AUTHENTICATED) return "userPools, oidc or identityPool";
    if (a == DS_ALLOW_CUSTOM) return "function";
    return "userPools or oidc";
}

/* Whether kind a admits provider p. */
static bool admits_provider(ds_allow a, ds_provider p) {
    if (p == DS_PROVIDER_DEFAULT) return true;
    if (a == DS_ALLOW_PUBLIC_API_KEY || a == DS_ALLOW_GUEST) return false;
    if (a == DS_ALLOW_AUTHENTICATED) return p != DS_PROVIDER_FUNCTION;
    if (a == DS_ALLOW_CUSTOM) return p == DS_PROVIDER_FUNCTION;
    return p == DS_PROVIDER_USER_POOLS || p == DS_PROVIDER_OIDC;
}

/* The transformer's provider name of a rule, defaults applied. */
static const char *role_provider(const ds_rule *rule) {
    switch (rule->allow) {
    case DS_ALLOW_PUBLIC_API_KEY: return "apiKey";
    case DS_ALLOW_GUEST: return "iam";
    case DS_ALLOW_CUSTOM: return "function";
    default: break;
    }
    if (rule->provider == DS_PROVIDER_IDENTITY_POOL) return "iam";
    return rule->provider == DS_PROVIDER_OIDC ? "oidc" : "userPools";
}

/* The owner or group field a rule keeps (implied on the model), or NULL. */
static const char *rule_field(const ds_rule *rule) {
    if (rule->allow == DS_ALLOW_OWNER) return "owner";
    return is_defined_in(rule->allow) ? rule->field.text : NULL;
}

/* Whether the field a rule keeps holds a list. */
static bool rule_field_is_list(const ds_rule *rule) {
    return rule->allow == DS_ALLOW_OWNERS_DEFINED_IN || rule->allow == DS_ALLOW_GROUPS_DEFINED_IN;
}

/* The role names a rule makes, as the transformer names them; static
 * group rules make one per group. Returns how many (into out, up to cap). */
static size_t rule_roles(ds_schema *s, const ds_rule *rule, const char **out, size_t cap) {
    const char *p = role_provider(rule);
    size_t n = 0;
    if (rule->allow == DS_ALLOW_GROUP || rule->allow == DS_ALLOW_GROUPS) {
        const char *claim = rule->group_claim.text ? rule->group_claim.text : "cognito:groups";
        if (rule->allow == DS_ALLOW_GROUP && rule->group.text && cap)
            out[n++] = ds_arena_printf(&s->arena, "%s:staticGroup:%s:%s", p, rule->group.text, claim);
        for (size_t i = 0; rule->allow == DS_ALLOW_GROUPS && i < rule->groups.count && n < cap; i++)
            out[n++] = ds_arena_printf(&s->arena, "%s:staticGroup:%s:%s", p,
                                       rule->groups.items[i].text, claim);
        return n;
    }
    if (!cap) return 0;
    if (is_owner_kind(rule->allow))
        out[0] = ds_arena_printf(&s->arena, "%s:owner:%s:%s", p, rule_field(rule),
                                 rule->identity_claim.text ? rule->identity_claim.text
                                                           : "sub::username");
    else if (is_group_kind(rule->allow))
        out[0] = ds_arena_printf(&s->arena, "%s:dynamicGroup:%s:%s", p, rule_field(rule),
                                 rule->group_claim.text ? rule->group_claim.text : "cognito:groups");
    else if (rule->allow == DS_ALLOW_PUBLIC_API_KEY || rule->allow == DS_ALLOW_GUEST)
        out[0] = ds_arena_printf(&s->arena, "%s:public", p);
    else if (rule->allow == DS_ALLOW_AUTHENTICATED)
        out[0] = ds_arena_printf(&s->arena, "%s:private", p);
    else
        out[0] = "function:custom";
    return 1;
}

/* ---- one rule on its own ---- */

/* "a" or "an" before the name of an allow kind. */
static const char *article(ds_allow a) {
    return a == DS_ALLOW_OWNER || a == DS_ALLOW_AUTHENTICATED || a == DS_ALLOW_OWNER_DEFINED_IN ||
                   a == DS_ALLOW_OWNERS_DEFINED_IN
               ? "an"
               : "a";
}

/* Report a key that this kind of rule does not take. */
static void report_key(ds_resolver *r, const ds_rule *rule, ds_span at, const char *key,
                       const char *takes) {
    ds_diag *e = ds_error(r->s, at, DS_E_AUTH_KEY, "%s applies to %s only; %s %s rule takes no %s",
                          key, takes, article(rule->allow), ds_allow_name(rule->allow), key);
    if (strcmp(key, "identityClaim") == 0 && is_group_kind(rule->allow))
        ds_hint(r->s, e, "to read the groups from another claim, write `groupClaim: ...`");
    else
        ds_hint(r->s, e, "remove %s from this rule", key);
}

/* The provider is one the rule's kind admits. */
static bool check_provider(ds_resolver *r, const ds_rule *rule) {
    if (admits_provider(rule->allow, rule->provider)) return true;
    const char *ok = admitted_providers(rule->allow);
    ds_diag *e;
    if (!ok) {
        e = ds_error(r->s, rule->provider_span, DS_E_AUTH_PROVIDER,
                     "the %s rule takes no provider", ds_allow_name(rule->allow));
        ds_hint(r->s, e, rule->allow == DS_ALLOW_GUEST
                             ? "remove provider: guest always uses the identity pool"
                             : "remove provider: publicApiKey always uses an API key (guest is "
                               "public access through the identity pool)");
    } else {
        e = ds_error(r->s, rule->provider_span, DS_E_AUTH_PROVIDER,
                     "the %s rule admits the provider %s, not %s", ds_allow_name(rule->allow), ok,
                     ds_provider_name(rule->provider));
        ds_hint(r->s, e, "use one of %s, or leave provider out for the default", ok);
    }
    return false;
}

/* The keys given are those the rule's kind takes. */
static bool check_keys_of_kind(ds_resolver *r, const ds_rule *rule) {
    ds_allow a = rule->allow;
    if (rule->identity_claim.text && !is_owner_kind(a)) {
        report_key(r, rule, rule->identity_claim.span, "identityClaim", "owner rules");
        return false;
    }
    if (rule->group_claim.text && !is_group_kind(a)) {
        report_key(r, rule, rule->group_claim.span, "groupClaim", "group rules");
        return false;
    }
    if (rule->groups.present && a != DS_ALLOW_GROUPS) {
        report_key(r, rule, rule->groups.span, "groups", "the groups rule");
        return false;
    }
    if (rule->group.text && a != DS_ALLOW_GROUP) {
        report_key(r, rule, rule->group.span, "group", "the group rule");
        return false;
    }
    if (rule->field.text && !is_defined_in(a)) {
        report_key(r, rule, rule->field.span, "field", "the *DefinedIn rules");
        return false;
    }
    return true;
}

/* A rule has what its kind needs: groups, group or field. */
static bool check_required_keys(ds_resolver *r, const ds_rule *rule) {
    ds_allow a = rule->allow;
    const char *missing = NULL, *example = NULL;
    if (a == DS_ALLOW_GROUPS && rule->groups.count == 0)
        missing = rule->groups.present ? "a non-empty groups list" : "a groups list",
        example = "groups: [Admin]";
    else if (a == DS_ALLOW_GROUP && !rule->group.text)
        missing = "a group", example = "group: Admin";
    else if (is_defined_in(a) && !rule->field.text)
        missing = a == DS_ALLOW_OWNER_DEFINED_IN    ? "the field that holds the owner"
                : a == DS_ALLOW_OWNERS_DEFINED_IN   ? "the field that holds the owners"
                : a == DS_ALLOW_GROUP_DEFINED_IN    ? "the field that holds the group"
                                                    : "the field that holds the groups",
        example = a == DS_ALLOW_OWNER_DEFINED_IN    ? "field: author"
                : a == DS_ALLOW_OWNERS_DEFINED_IN   ? "field: editors"
                : a == DS_ALLOW_GROUP_DEFINED_IN    ? "field: team"
                                                    : "field: teams";
    if (!missing) return true;
    ds_diag *e = ds_error(r->s, rule->allow_span, DS_E_AUTH_GROUPS, "%s %s rule needs %s",
                          article(a), ds_allow_name(a), missing);
    ds_hint(r->s, e, "add `%s` to the rule", example);
    return false;
}

/* The bit of a to operation (read stands for the five read operations). */
static unsigned op_bit(const char *op) {
    static const char *const ops[] = {"create", "update", "delete", "get", "list",
                                      "search", "listen", "sync"};
    if (!op) return 0;
    if (strcmp(op, "read") == 0) return 0xF8;
    for (unsigned i = 0; i < 8; i++)
        if (strcmp(op, ops[i]) == 0) return 1u << i;
    return 0;
}

/* The operations a rule grants, as bits (all when it has no to). */
static unsigned rule_ops(const ds_rule *rule) {
    if (!rule->to.present) return 0xFF;
    unsigned bits = 0;
    for (size_t i = 0; i < rule->to.count; i++) bits |= op_bit(rule->to.items[i].text);
    return bits;
}

/* A to list neither repeats an operation nor combines read with one of
 * the operations it stands for, and grants something. */
static bool check_to(ds_resolver *r, const ds_rule *rule) {
    unsigned seen = 0;
    if (rule->to.present && rule->to.count == 0) {
        ds_diag *e = ds_error(r->s, rule->to.span, DS_E_AUTH_TO, "an empty to list grants nothing");
        ds_hint(r->s, e, "list the operations the rule grants, or remove `to` to grant them all");
        return false;
    }
    for (size_t i = 0; i < rule->to.count; i++) {
        unsigned bit = op_bit(rule->to.items[i].text);
        if (!(seen & bit)) {
            seen |= bit;
            continue;
        }
        const ds_name *later = &rule->to.items[i], *earlier = later;
        for (size_t j = 0; j < i; j++)
            if (op_bit(rule->to.items[j].text) & bit) earlier = &rule->to.items[j];
        bool read_later = strcmp(later->text, "read") == 0;
        ds_diag *e = ds_error(r->s, later->span, DS_E_AUTH_TO,
                              read_later ? "read grants %s again (read stands for get, list, "
                                           "sync, listen and search)"
                                         : "%s is already granted by read (read stands for get, "
                                           "list, sync, listen and search)",
                              read_later ? earlier->text : later->text);
        if (earlier != later)
            ds_note_at(r->s, e, earlier->span, "%s is listed here", earlier->text);
        ds_hint(r->s, e, "write read alone for all reads, or the read operations one by one");
        return false;
    }
    return true;
}

/* The limits of custom operations: no to, no owner or *DefinedIn rules. */
static bool check_operation_rule(ds_resolver *r, const ds_rule *rule, const ds_decl *op) {
    if (is_owner_kind(rule->allow) || is_defined_in(rule->allow)) {
        ds_diag *e = ds_error(r->s, rule->allow_span, DS_E_AUTH_OPERATION_RULE,
                              "the %s %s cannot use %s %s rule: a custom operation has no %s "
                              "field to check", ds_decl_kind_word(op), ds_decl_name(op),
                              article(rule->allow), ds_allow_name(rule->allow),
                              is_owner_kind(rule->allow) ? "owner" : "group");
        ds_hint(r->s, e, "use publicApiKey, guest, authenticated, group, groups or custom; "
                         "check ownership inside the handler");
        return false;
    }
    if (rule->to.present) {
        ds_diag *e = ds_error(r->s, rule->to.span, DS_E_AUTH_OPERATION_RULE,
                              "the rules of the %s %s take no to list: a rule on an operation "
                              "grants calling it", ds_decl_kind_word(op), ds_decl_name(op));
        ds_hint(r->s, e, "remove to");
        return false;
    }
    return true;
}

/* Check one rule on its own; marks it invalid when it is wrong. op is the
 * operation whose rule it is (LEVEL_OPERATION). */
static void check_rule(ds_resolver *r, ds_rule *rule, rule_level level, const ds_decl *op) {
    if (rule->invalid) return;
    bool ok = check_provider(r, rule) && check_keys_of_kind(r, rule) &&
              check_required_keys(r, rule) && check_to(r, rule) &&
              (level != LEVEL_OPERATION || check_operation_rule(r, rule, op));
    if (!ok) rule->invalid = true;
}

/* The same role twice in one list is an error at the later rule. */
static void check_duplicates(ds_resolver *r, ds_rules *rules) {
    ds_schema *s = r->s;
    ds_symtab seen;
    ds_symtab_init(&seen, &s->arena);
    for (size_t i = 0; i < rules->count; i++) {
        ds_rule *rule = &rules->items[i];
        if (rule->invalid) continue;
        const char *roles[64];
        size_t n = rule_roles(s, rule, roles, 64);
        for (size_t k = 0; k < n; k++) {
            ds_rule *first = ds_symtab_put(&seen, roles[k], rule);
            if (!first) continue;
            ds_diag *e = ds_error(s, first == rule ? rule->groups.span : rule->span,
                                  DS_E_AUTH_DUPLICATE, first == rule
                                      ? "this groups rule lists one group twice"
                                      : "this %s rule repeats an earlier rule of the list",
                                  ds_allow_name(rule->allow));
            if (first != rule) ds_note_at(s, e, first->span, "the earlier rule");
            ds_hint(s, e, "remove one of them: the transformer makes the same role of both (%s)",
                    roles[k]);
            rule->invalid = true;
            break;
        }
    }
}

/* Check every rule of a list, then the list. */
static void check_rules(ds_resolver *r, ds_rules *rules, rule_level level, const ds_decl *op) {
    for (size_t i = 0; i < rules->count; i++) check_rule(r, &rules->items[i], level, op);
    check_duplicates(r, rules);
}

/* ---- implied owner and group fields ---- */

/* Whether a declared field can hold what a rule keeps there: a string
 * (ID and the AWS string scalars count) or a list of them. */
static bool field_fits_rule(const ds_field *f, bool list) {
    switch (ds_field_scalar(f)) {
    case DS_SCALAR_STRING: case DS_SCALAR_ID: case DS_SCALAR_DATE: case DS_SCALAR_TIME:
    case DS_SCALAR_DATETIME: case DS_SCALAR_EMAIL: case DS_SCALAR_PHONE: case DS_SCALAR_URL:
    case DS_SCALAR_IPADDRESS:
        return f->type.list == list;
    default:
        return false;
    }
}

/* What a rule keeps in its field, for messages. */
static const char *rule_keeps(ds_schema *s, const ds_rule *rule) {
    if (rule->allow == DS_ALLOW_OWNER)
        return ds_arena_printf(&s->arena, "the owner rule stores the owner's identity in the "
                                          "field owner, which must be a string");
    return ds_arena_printf(&s->arena, "%s needs %s in %s", ds_allow_name(rule->allow),
                           rule_field_is_list(rule) ? "a list of strings" : "a string",
                           rule->field.text);
}

/* Report a declared field that cannot hold what a rule keeps in it. */
static void report_field_conflict(ds_resolver *r, ds_field *f, const ds_rule *rule) {
    ds_schema *s = r->s;
    ds_diag *e = ds_error(s, f->name.span, DS_E_AUTH_FIELD_CONFLICT, "%s, but %s is declared as %s",
                          rule_keeps(s, rule), f->name.text, ds_field_type_words(s, f));
    ds_note_at(s, e, rule->span, "the %s rule", ds_allow_name(rule->allow));
    ds_hint(s, e, "declare `%s: %s`, or remove the field (it is added implicitly)",
            f->name.text, rule_field_is_list(rule) ? "\"[string]\"" : "string");
    f->invalid = true;
}

/* Two rules that keep one field, once as a list and once as a string. */
static void report_rule_conflict(ds_resolver *r, ds_rule *later, const ds_rule *earlier) {
    ds_diag *e = ds_error(r->s, later->span, DS_E_AUTH_FIELD_CONFLICT,
                          "this %s rule keeps %s in %s, but an earlier %s rule keeps %s there",
                          ds_allow_name(later->allow),
                          rule_field_is_list(later) ? "a list" : "a single value", rule_field(later),
                          ds_allow_name(earlier->allow),
                          rule_field_is_list(earlier) ? "a list" : "a single value");
    ds_note_at(r->s, e, earlier->span, "the earlier rule");
    ds_hint(r->s, e, "use the plural rule (ownersDefinedIn, groupsDefinedIn) in both, or "
                     "separate fields");
    later->invalid = true;
}

/* Warn when an implied field differs from a declared one only in case. */
static void warn_field_case(ds_resolver *r, ds_decl *m, const ds_rule *rule, const char *name) {
    for (size_t i = 0; i < m->field_count; i++) {
        const ds_field *f = m->fields[i];
        if (!f || !f->name.text || strcmp(f->name.text, name) == 0) continue;
        const char *a = f->name.text, *b = name;
        while (*a && *b && (*a | 32) == (*b | 32)) a++, b++;
        if (*a || *b) continue;
        ds_diag *w = ds_warning(r->s, rule->span, DS_W_OWNER_FIELD_CASE,
                                "the %s rule keeps its field %s, but %s declares %s; field names "
                                "are case-sensitive, so %s is added as another field",
                                ds_allow_name(rule->allow), name, ds_decl_name(m), f->name.text, name);
        ds_note_at(r->s, w, f->name.span, "%s is declared here", f->name.text);
        ds_hint(r->s, w, "rename %s to %s if it is meant to hold the %s, or remove it",
                f->name.text, name, is_group_kind(rule->allow) ? "groups" : "owner");
        return;
    }
}

/* Check the field one rule implies against the declared fields and the
 * rules before it. implied maps field names to the first rule keeping it. */
static void check_implied(ds_resolver *r, ds_decl *m, ds_rule *rule, ds_symtab *implied) {
    const char *name = rule_field(rule);
    if (rule->invalid || !name) return;
    ds_rule *earlier = ds_symtab_put(implied, name, rule);
    if (earlier && rule_field_is_list(earlier) != rule_field_is_list(rule)) {
        report_rule_conflict(r, rule, earlier);
        return;
    }
    ds_field *f = ds_decl_field(m, name);
    if (!f) {
        if (!earlier) warn_field_case(r, m, rule, name);
        return;
    }
    if (!f->invalid && !field_fits_rule(f, rule_field_is_list(rule))) report_field_conflict(r, f, rule);
}

/* The implied fields of a model's rules and its fields' rules. */
static void check_implied_fields(ds_resolver *r, ds_decl *m) {
    ds_symtab implied;
    ds_symtab_init(&implied, &r->s->arena);
    const ds_rules *rules = m->rules;
    for (size_t i = 0; i < rules->count; i++) check_implied(r, m, &rules->items[i], &implied);
    for (size_t i = 0; i < m->field_count; i++) {
        ds_field *f = m->fields[i];
        for (size_t k = 0; f && f->auth && k < f->auth->count; k++)
            check_implied(r, m, &f->auth->items[k], &implied);
    }
}

/* ---- field rules and required fields (the transformer's access matrix) ---- */

#define READ_OPS 0xF8u   /* get list search listen sync */
#define GET_OP 0x08u

/* The access matrix: for each role, the operations it has on each field. */
typedef struct access_matrix {
    const char **roles;
    const ds_rule **origin;   /* the rule that first made each role */
    bool *from_field;         /* whether that rule is a field rule */
    unsigned **ops;           /* ops[role][field] */
    size_t count, cap, fields;
} access_matrix;

/* The index of role in the matrix, adding it (with no access) if new. */
static size_t role_index(ds_schema *s, access_matrix *acm, const char *role, const ds_rule *rule,
                         bool from_field) {
    for (size_t i = 0; i < acm->count; i++)
        if (strcmp(acm->roles[i], role) == 0) return i;
    if (acm->count == acm->cap) {
        size_t cap = acm->cap ? acm->cap * 2 : 8;
        const char **roles = ds_arena_alloc(&s->arena, cap * sizeof *roles);
        const ds_rule **origin = ds_arena_alloc(&s->arena, cap * sizeof *origin);
        bool *from = ds_arena_alloc(&s->arena, cap * sizeof *from);
        unsigned **ops = ds_arena_alloc(&s->arena, cap * sizeof *ops);
        for (size_t i = 0; i < acm->count; i++)
            roles[i] = acm->roles[i], origin[i] = acm->origin[i], from[i] = acm->from_field[i],
            ops[i] = acm->ops[i];
        acm->roles = roles, acm->origin = origin, acm->from_field = from, acm->ops = ops;
        acm->cap = cap;
    }
    acm->roles[acm->count] = role;
    acm->origin[acm->count] = rule;
    acm->from_field[acm->count] = from_field;
    acm->ops[acm->count] = ds_arena_alloc(&s->arena, (acm->fields + 1) * sizeof(unsigned));
    return acm->count++;
}

/* Grant a rule's roles: on every field (field < 0) or on one field. */
static void grant(ds_schema *s, access_matrix *acm, const ds_rule *rule, long field) {
    const char *roles[64];
    size_t n = rule_roles(s, rule, roles, 64);
    for (size_t k = 0; k < n; k++) {
        size_t i = role_index(s, acm, roles[k], rule, field >= 0);
        for (size_t f = 0; f < acm->fields; f++)
            if (field < 0 || (size_t)field == f) acm->ops[i][f] = rule_ops(rule);
    }
}

/* Build the access matrix of a model from its rules and its fields' rules. */
static void build_matrix(ds_schema *s, ds_decl *m, access_matrix *acm) {
    acm->fields = m->field_count;
    const ds_rules *rules = m->rules;
    for (size_t i = 0; i < rules->count; i++)
        if (!rules->items[i].invalid) grant(s, acm, &rules->items[i], -1);
    for (size_t f = 0; f < m->field_count; f++) {
        const ds_field *field = m->fields[f];
        if (!field || !field->auth || field->auth->count == 0) continue;
        for (size_t i = 0; i < acm->count; i++) acm->ops[i][f] = 0;
        for (size_t i = 0; i < field->auth->count; i++)
            if (!field->auth->items[i].invalid) grant(s, acm, &field->auth->items[i], (long)f);
    }
}

/* Whether a role has the operations ops on some field (any) or on field f. */
static bool role_has(const access_matrix *acm, size_t role, long f, unsigned ops) {
    for (size_t i = 0; i < acm->fields; i++)
        if ((f < 0 || (size_t)f == i) && (acm->ops[role][i] & ops) == ops) return true;
    return false;
}

/* Whether role r is one the transformer checks on field f: roles that can
 * get some field, less the user-pool (oidc) roles a full-read private rule
 * of the same provider already covers. */
static bool role_counts(const access_matrix *acm, size_t role, size_t f) {
    if (!role_has(acm, role, -1, GET_OP)) return false;
    static const char *const providers[] = {"userPools:", "oidc:"};
    for (size_t p = 0; p < 2; p++) {
        size_t len = strlen(providers[p]);
        if (strncmp(acm->roles[role], providers[p], len) != 0) continue;
        if (strcmp(acm->roles[role] + len, "private") == 0) continue;
        for (size_t i = 0; i < acm->count; i++)
            if (strncmp(acm->roles[i], providers[p], len) == 0 &&
                strcmp(acm->roles[i] + len, "private") == 0 && role_has(acm, i, -1, GET_OP) &&
                role_has(acm, i, (long)f, READ_OPS))
                return false;
    }
    return true;
}

/* Whether a field prints as non-null (a partition key always does). */
static bool prints_required(const ds_decl *m, const ds_field *f) {
    if (f->kind == DS_FIELD_RELATION) return false;
    if (m->pk_name && f->name.text && strcmp(m->pk_name, f->name.text) == 0) return true;
    return f->type.list ? f->type.list_required : f->type.required;
}

/* Whether the model's subscriptions are switched off as a whole (then
 * the transformer does not insist on readable required fields). */
static bool subscriptions_off(const ds_decl *m) {
    return m->disabled.groups[2].whole;
}

/* A rule like rule that grants read only, as YAML, for hints: "`{ allow:
 * authenticated, to: [read] }`"; for rules with more keys, words. */
static const char *read_rule_example(ds_schema *s, const ds_rule *rule) {
    if (rule->allow == DS_ALLOW_GROUP || rule->allow == DS_ALLOW_GROUPS ||
        is_defined_in(rule->allow) || rule->identity_claim.text)
        return ds_arena_printf(&s->arena, "a copy of the %s rule with `to: [read]`",
                               ds_allow_name(rule->allow));
    if (rule->provider != DS_PROVIDER_DEFAULT)
        return ds_arena_printf(&s->arena, "`{ allow: %s, provider: %s, to: [read] }`",
                               ds_allow_name(rule->allow), ds_provider_name(rule->provider));
    return ds_arena_printf(&s->arena, "`{ allow: %s, to: [read] }`", ds_allow_name(rule->allow));
}

/* Report a required field that a role reading the model cannot read. */
static void report_unreadable(ds_resolver *r, ds_decl *m, ds_field *f, const access_matrix *acm,
                              size_t role, ds_symtab *reported) {
    ds_schema *s = r->s;
    const ds_rule *origin = acm->origin[role];
    if (f->auth && f->auth->count > 0) {
        ds_diag *e = ds_error(s, f->auth->span.line ? f->auth->span : f->name.span,
                              DS_E_AUTH_FIELD_RULES,
                              "%s.%s is required, so its rules must let every rule that can read "
                              "%s read it; the %s rule cannot", ds_decl_name(m), f->name.text,
                              ds_decl_name(m), ds_allow_name(origin->allow));
        ds_note_at(s, e, origin->span, "this rule can read %s", ds_decl_name(m));
        ds_hint(s, e, "add %s to %s's rules, or make %s nullable", read_rule_example(s, origin),
                f->name.text, f->name.text);
        return;
    }
    const char *key = ds_arena_printf(&s->arena, "%u:%u:%u", origin->span.file,
                                      origin->span.line, origin->span.col);
    if (ds_symtab_put(reported, key, (void *)origin)) return;
    ds_diag *e = ds_error(s, origin->span, DS_E_AUTH_FIELD_RULES,
                          "this field rule grants access that %s's rules do not, so %s's required "
                          "field %s cannot be read by it", ds_decl_name(m), ds_decl_name(m),
                          f->name.text);
    ds_note_at(s, e, f->name.span, "%s.%s is required", ds_decl_name(m), f->name.text);
    ds_hint(s, e, "a field's rules cannot grant what its model's rules do not: add the rule to "
                  "%s's rules too, or make the required fields nullable", ds_decl_name(m));
}

/* Whether a rule of m or of its fields is broken (reported): the access
 * matrix would then be guessed, and its errors a cascade. */
static bool rules_broken(const ds_decl *m) {
    const ds_rules *rules = m->rules;
    bool broken = rules->invalid || m->auth.invalid;
    for (size_t i = 0; i < rules->count; i++) broken = broken || rules->items[i].invalid;
    for (size_t f = 0; f < m->field_count; f++) {
        const ds_field *field = m->fields[f];
        if (!field || !field->auth) continue;
        broken = broken || field->auth->invalid;
        for (size_t i = 0; i < field->auth->count; i++)
            broken = broken || field->auth->items[i].invalid;
    }
    return broken;
}

/* Every role that can read the model can read each of its required fields. */
static void check_required_fields(ds_resolver *r, ds_decl *m) {
    bool any = false;
    for (size_t i = 0; i < m->field_count; i++)
        any = any || (m->fields[i] && m->fields[i]->auth && m->fields[i]->auth->count);
    if (!any || subscriptions_off(m) || rules_broken(m)) return;
    access_matrix acm = {0};
    build_matrix(r->s, m, &acm);
    ds_symtab reported;
    ds_symtab_init(&reported, &r->s->arena);
    for (size_t f = 0; f < m->field_count; f++) {
        ds_field *field = m->fields[f];
        if (!field || field->invalid || !prints_required(m, field)) continue;
        for (size_t role = 0; role < acm.count; role++)
            if (role_counts(&acm, role, f) && !(acm.ops[role][f] & READ_OPS)) {
                report_unreadable(r, m, field, &acm, role, &reported);
                if (field->auth && field->auth->count > 0) break;
            }
    }
}

/* ---- levels ---- */

/* A model's rules, its fields' rules, and what they imply. */
static void check_model(ds_resolver *r, ds_decl *m) {
    ds_schema *s = r->s;
    check_rules(r, &m->auth, LEVEL_MODEL, NULL);
    for (size_t i = 0; i < m->field_count; i++)
        if (m->fields[i] && m->fields[i]->auth) check_rules(r, m->fields[i]->auth, LEVEL_FIELD, NULL);
    if (m->auth.count == 0 && s->auth.count == 0 && !m->auth.invalid && !s->auth.invalid) {
        ds_diag *e = ds_error(s, m->name.span, DS_E_AUTH_MISSING,
                              "the model %s has no authorization rules, and the schema has none "
                              "to fall back on",
                              ds_decl_name(m));
        ds_hint(s, e, "add `authorization: [publicApiKey]` (or other rules) to %s, or schema "
                      "rules at the top level", ds_decl_name(m));
        return;
    }
    check_implied_fields(r, m);
    check_required_fields(r, m);
}

/* Rules on custom type fields are checked on their own, then dropped
 * (data-schema prints no @auth in custom types). */
static void check_type_fields(ds_resolver *r, ds_decl *t) {
    for (size_t i = 0; i < t->field_count; i++) {
        ds_field *f = t->fields[i];
        if (!f || !f->auth || f->auth->count == 0) continue;
        check_rules(r, f->auth, LEVEL_TYPE_FIELD, NULL);
        ds_diag *w = ds_warning(r->s, f->auth->span.line ? f->auth->span : f->name.span,
                                DS_W_FIELD_AUTH_IGNORED, "the rules of %s are not printed: "
                                "data-schema drops field rules in custom types",
                                ds_field_where(r->s, f));
        ds_hint(r->s, w, "remove them: the fields of a custom type are protected by the rules of "
                         "the model or operation that uses the type");
    }
}

/* ---- operations ---- */

/* Why a rule cannot become an AppSync directive (custom handlers and
 * returned custom types use those), or NULL. */
static const char *directive_problem(const ds_rule *rule, bool custom_handler) {
    if (custom_handler && (rule->allow == DS_ALLOW_GUEST ||
                           (rule->allow == DS_ALLOW_AUTHENTICATED &&
                            rule->provider == DS_PROVIDER_IDENTITY_POOL)))
        return "data-schema does not support identity pool (IAM) rules with a custom handler";
    if (is_owner_kind(rule->allow) || rule->allow == DS_ALLOW_GROUP_DEFINED_IN ||
        rule->allow == DS_ALLOW_GROUPS_DEFINED_IN)
        return "owner and *DefinedIn rules have no AppSync directive";
    if (is_group_kind(rule->allow) && rule->provider == DS_PROVIDER_OIDC)
        return "an OIDC group rule has no AppSync directive (only user-pool groups have one)";
    return NULL;
}

/* The rules an operation uses must all become AppSync directives when it
 * has a custom handler or returns a custom type. */
static void check_directive_rules(ds_resolver *r, ds_decl *op, const ds_rules *rules,
                                  bool custom_handler) {
    ds_schema *s = r->s;
    bool inherited = rules != &op->auth;
    for (size_t i = 0; i < rules->count; i++) {
        const ds_rule *rule = &rules->items[i];
        const char *why = rule->invalid ? NULL : directive_problem(rule, custom_handler);
        if (!why) continue;
        ds_span at = inherited ? op->name.span
                   : rule->provider != DS_PROVIDER_DEFAULT ? rule->provider_span : rule->allow_span;
        const char *has = custom_handler ? "has a custom handler"
                                         : "returns a custom type, whose rules are AppSync "
                                           "directives";
        ds_diag *e = ds_error(s, at, DS_E_AUTH_CUSTOM_HANDLER, "the %s %s %s, so it cannot use "
                              "%s %s%s rule: %s", ds_decl_kind_word(op), ds_decl_name(op), has,
                              inherited ? "the schema's" : article(rule->allow),
                              ds_allow_name(rule->allow), rule->provider != DS_PROVIDER_DEFAULT
                                  ? ds_arena_printf(&s->arena, " (%s)",
                                                    ds_provider_name(rule->provider))
                                  : "", why);
        if (inherited) ds_note_at(s, e, rule->span, "the schema rule %s inherits", ds_decl_name(op));
        ds_hint(s, e, custom_handler ? "use a function handler, or rules such as publicApiKey, "
                                       "authenticated (userPools or oidc) or user-pool groups"
                                     : "use publicApiKey, guest, authenticated, custom or "
                                       "user-pool groups");
        return;
    }
}

/* Schema rules an operation inherits with a to list print as operations
 * on a Query/Mutation field, which the transformer rejects. */
static void check_inherited_to(ds_resolver *r, ds_decl *op) {
    for (size_t i = 0; i < r->s->auth.count; i++) {
        const ds_rule *rule = &r->s->auth.items[i];
        if (rule->invalid || !rule->to.present) continue;
        ds_diag *e = ds_error(r->s, op->name.span, DS_E_AUTH_OPERATION_RULE,
                              "the %s %s has no rules of its own, and the schema rule it inherits "
                              "has a to list, which rules on operations cannot have",
                              ds_decl_kind_word(op), ds_decl_name(op));
        ds_note_at(r->s, e, rule->span, "the schema rule");
        ds_hint(r->s, e, "give %s its own authorization", ds_decl_name(op));
        return;
    }
}

/* An operation's rules: their limits, and rules for its handler. */
static void check_operation(ds_resolver *r, ds_decl *op) {
    ds_schema *s = r->s;
    check_rules(r, &op->auth, LEVEL_OPERATION, op);
    const ds_rules *rules = op->rules;
    if (op->handler_count == 0) return;   /* reported by check_ops.c */
    if (rules->count == 0 && !op->auth.invalid && !s->auth.invalid) {
        ds_diag *e = ds_error(s, op->name.span, DS_E_AUTH_MISSING,
                              "the %s %s has no authorization rules, and the schema has none "
                              "to fall back on",
                              ds_decl_kind_word(op), ds_decl_name(op));
        ds_hint(s, e, "add `authorization: [authenticated]` (or other rules) to %s",
                ds_decl_name(op));
        return;
    }
    bool custom = op->handlers[0].kind == DS_HANDLER_CUSTOM;
    if (custom || op->ret_type) check_directive_rules(r, op, rules, custom);
    if (!custom && op->auth.count == 0) check_inherited_to(r, op);
}

void ds_check_auth(ds_resolver *r) {
    ds_schema *s = r->s;
    check_rules(r, &s->auth, LEVEL_SCHEMA, NULL);
    for (size_t i = 0; i < s->decl_count; i++) {
        ds_decl *d = s->decls[i];
        if (d->invalid) continue;
        if (d->kind == DS_DECL_MODEL) check_model(r, d);
        else if (d->kind == DS_DECL_TYPE) check_type_fields(r, d);
        else if (d->kind >= DS_DECL_QUERY) check_operation(r, d);
    }
    for (size_t i = 0; i < s->implicit_count; i++)
        if (!s->implicit[i]->invalid && s->implicit[i]->kind == DS_DECL_TYPE)
            check_type_fields(r, s->implicit[i]);
}
