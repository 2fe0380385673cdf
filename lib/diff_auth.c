/* diff_auth.c: authorization rules that widen or narrow who may do what.
 * Each side's rules of a model, a field with rules of its own, or a custom
 * operation become grants: a principal ("publicApiKey", "group(Admin)",
 * "ownerDefinedIn(author)", with its provider when one is given) and the
 * operations it may run. A grant only NEW has widens; one only OLD has
 * narrows; both are dangerous (graphql-inspector cannot see them: rules
 * are not in the client schema). */
#include <string.h>

#include "buf.h"
#include "diff.h"
#include "words.h"

/* The fine operations a model's rules grant, as bits. */
static const char *const op_words[] = {"create", "update", "delete", "get", "list", "listen",
                                       "sync", "search"};
#define OP_COUNT 8
#define OPS_ALL ((1u << OP_COUNT) - 1)
#define OPS_READ ((1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7))

/* One principal and what it may do, with the rule that says so. */
typedef struct grant {
    const char *who;
    unsigned ops;
    ds_span span;
} grant;

typedef struct grants {
    grant items[64];
    size_t count;
} grants;

/* The bits of a rule's `to` (all when absent). */
static unsigned ops_of(const ds_rule *r) {
    if (!r->to.present) return OPS_ALL;
    unsigned bits = 0;
    for (size_t i = 0; i < r->to.count; i++) {
        const char *w = r->to.items[i].text;
        if (!w) continue;
        if (strcmp(w, "read") == 0) bits |= OPS_READ;
        for (size_t k = 0; k < OP_COUNT; k++)
            if (strcmp(w, op_words[k]) == 0) bits |= 1u << k;
    }
    return bits;
}

/* Add ops for who to a set of grants. */
static void grant_add(grants *g, ds_arena *a, const char *who, unsigned ops, ds_span span) {
    for (size_t i = 0; i < g->count; i++)
        if (strcmp(g->items[i].who, who) == 0) {
            g->items[i].ops |= ops;
            return;
        }
    if (g->count < sizeof g->items / sizeof *g->items)
        g->items[g->count++] = (grant){ds_arena_strdup(a, who), ops, span};
}

/* The principal of a rule, group being one of a groups rule's groups. */
static void principal(ds_buf *b, const ds_rule *r, const char *group) {
    ds_buf_puts(b, ds_allow_name(r->allow));
    if (group) ds_buf_printf(b, "(%s)", group);
    else if (r->field.text) ds_buf_printf(b, "(%s)", r->field.text);
    if (r->provider != DS_PROVIDER_DEFAULT) ds_buf_printf(b, " over %s", ds_provider_name(r->provider));
}

/* The grants of a list of rules (every operation of a custom one is bit 0). */
static void collect(grants *g, ds_arena *a, const ds_rules *rules, bool operation) {
    g->count = 0;
    for (size_t i = 0; rules && i < rules->count; i++) {
        const ds_rule *r = &rules->items[i];
        if (r->invalid) continue;
        unsigned ops = operation ? 1u : ops_of(r);
        size_t groups = r->allow == DS_ALLOW_GROUPS ? r->groups.count : 1;
        for (size_t k = 0; k < groups; k++) {
            ds_buf b = {0};
            const char *group = r->allow == DS_ALLOW_GROUPS ? r->groups.items[k].text
                              : r->allow == DS_ALLOW_GROUP ? r->group.text : NULL;
            principal(&b, r, group);
            grant_add(g, a, b.data ? b.data : "?", ops, r->span);
            ds_buf_free(&b);
        }
    }
}

/* "create, update" of a set of bits ("call" for an operation's). */
static const char *ops_words(ds_arena *a, unsigned ops, bool operation) {
    if (operation) return "call it";
    if (ops == OPS_ALL) return "do everything";
    ds_buf b = {0};
    bool read = (ops & OPS_READ) == OPS_READ;
    if (read) ds_buf_puts(&b, "read");
    for (size_t k = 0; k < OP_COUNT; k++)
        if ((ops & (1u << k)) && !(read && (OPS_READ & (1u << k))))
            ds_buf_printf(&b, "%s%s", b.len ? ", " : "", op_words[k]);
    const char *w = ds_arena_strndup(a, b.data ? b.data : "", b.len);
    ds_buf_free(&b);
    return w;
}

/* One thing with rules on both sides: what, its path and where NEW says it. */
typedef struct ruled {
    const char *what;          /* "model 'Post'", "field 'Post.email'" */
    const char *path;
    const ds_rules *old_rules, *new_rules;
    ds_span new_span;          /* the rules, or the declaration without them */
    bool operation;
} ruled;

/* Whether two rules say the same (what a grant is made of). */
static bool same_rule(const ds_rule *x, const ds_rule *y) {
    if (x->invalid != y->invalid || x->allow != y->allow || x->provider != y->provider ||
        x->to.present != y->to.present || x->to.count != y->to.count ||
        x->groups.count != y->groups.count)
        return false;
    const char *xs[] = {x->group.text, x->field.text}, *ys[] = {y->group.text, y->field.text};
    for (size_t i = 0; i < 2; i++)
        if (xs[i] != ys[i] && (!xs[i] || !ys[i] || strcmp(xs[i], ys[i]) != 0)) return false;
    for (size_t i = 0; i < x->to.count; i++)
        if (!x->to.items[i].text || !y->to.items[i].text || strcmp(x->to.items[i].text, y->to.items[i].text))
            return false;
    for (size_t i = 0; i < x->groups.count; i++)
        if (!x->groups.items[i].text || !y->groups.items[i].text ||
            strcmp(x->groups.items[i].text, y->groups.items[i].text))
            return false;
    return true;
}

/* Whether two rule lists are the same rules in the same order (no grant
 * can differ: the common case, checked before any grant is made). */
static bool same_rules(const ds_rules *a, const ds_rules *b) {
    size_t na = a ? a->count : 0, nb = b ? b->count : 0;
    if (na != nb) return false;
    for (size_t i = 0; i < na; i++)
        if (!same_rule(&a->items[i], &b->items[i])) return false;
    return true;
}

/* Report the grants that differ between the two sides of one thing. */
static void compare_rules(ds_diff *d, ds_arena *a, const ruled *x) {
    if (same_rules(x->old_rules, x->new_rules)) return;
    grants o, n;
    collect(&o, a, x->old_rules, x->operation);
    collect(&n, a, x->new_rules, x->operation);
    for (size_t pass = 0; pass < 2; pass++) {
        const grants *from = pass ? &o : &n, *to = pass ? &n : &o;
        for (size_t i = 0; i < from->count; i++) {
            const grant *f = &from->items[i];
            unsigned had = 0;
            for (size_t k = 0; k < to->count; k++)
                if (strcmp(to->items[k].who, f->who) == 0) had = to->items[k].ops;
            unsigned diff = f->ops & ~had;
            if (!diff) continue;
            if (!pass) {
                ds_diag *g = ds_diff_report_change(
                    d, DS_DIFF_DANGEROUS, DS_D_AUTH_WIDENED, "AUTH_WIDENED", x->path, DS_NEW, f->span,
                    "authorization of %s widened: %s may now %s", x->what, f->who,
                    ops_words(a, diff, x->operation));
                ds_hint(d->report, g, "check that %s should be able to do this", f->who);
            } else {
                ds_diag *g = ds_diff_report_change(
                    d, DS_DIFF_DANGEROUS, DS_D_AUTH_NARROWED, "AUTH_NARROWED", x->path, DS_NEW,
                    x->new_span, "authorization of %s narrowed: %s may no longer %s", x->what, f->who,
                    ops_words(a, diff, x->operation));
                ds_diff_note(d, g, DS_OLD, f->span, "the deployed rule is here");
                ds_hint(d->report, g, "clients that act as %s will get Unauthorized errors", f->who);
            }
        }
    }
}

/* Where a declaration's rules are (its own key, else its name). */
static ds_span rules_span(const ds_decl *decl) {
    return decl->auth.present ? decl->auth.span : decl->name.span;
}

/* The fields of a model both sides have, where either has rules of its own. */
static void compare_fields(ds_diff *d, ds_arena *a, const ds_decl *om, const ds_decl *nm) {
    for (size_t i = 0; i < nm->field_count; i++) {
        const ds_field *nf = nm->fields[i], *of = ds_decl_field(om, nf->name.text);
        if (!of || nf->invalid || of->invalid || (!nf->auth && !of->auth)) continue;
        if (same_rules(of->auth ? of->auth : om->rules, nf->auth ? nf->auth : nm->rules)) continue;
        ruled x = {ds_arena_printf(a, "field '%s.%s'", nm->name.text, nf->name.text),
                   ds_arena_printf(a, "%s.%s", nm->name.text, nf->name.text),
                   of->auth ? of->auth : om->rules, nf->auth ? nf->auth : nm->rules,
                   nf->auth ? nf->auth->span : nf->name.span, false};
        compare_rules(d, a, &x);
    }
}

void ds_diff_auth(ds_diff *d) {
    ds_arena a;
    ds_arena_init(&a);
    const ds_schema *ns = d->side[DS_NEW], *os = d->side[DS_OLD];
    for (size_t i = 0; i < ns->decl_count; i++) {
        const ds_decl *nd = ns->decls[i];
        bool model = nd->kind == DS_DECL_MODEL;
        const ds_decl *od = model ? ds_diff_model(os, nd->name.text)
                                  : ds_symtab_get(&os->operations, nd->name.text);
        if (nd->invalid || !od || od->invalid || od->kind != nd->kind || !nd->rules) continue;
        if (model) compare_fields(d, &a, od, nd);
        if (same_rules(od->rules, nd->rules)) continue;
        ruled x = {ds_arena_printf(&a, "%s '%s'", ds_decl_kind_word(nd), nd->name.text), nd->name.text,
                   od->rules, nd->rules, rules_span(nd), !model};
        compare_rules(d, &a, &x);
    }
    ds_arena_free(&a);
}
