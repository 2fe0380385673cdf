/* diff_api_compare.c: the client API's changes, classified as
 * graphql-inspector classifies them (packages/core/src/diff): its change
 * types, levels and paths, on the two sides' client schemas (diff_api.c).
 * What is removed is located in OLD, with a note at its owner in NEW when
 * the owner is still there; the rest in NEW. */
#include <string.h>

#include "diff_api.h"
#include "order.h"

/* Whether a type text is non-null at its outermost level. */
static bool non_null(const char *t, size_t n) { return n && t[n - 1] == '!'; }

/* Whether a type text is a list at its outermost level (after `!`). */
static bool is_list(const char *t, size_t n) {
    if (non_null(t, n)) n--;
    return n >= 2 && t[0] == '[' && t[n - 1] == ']';
}

/* Whether a[0..an) and b[0..bn) are the same text. */
static bool same_text(const char *a, size_t an, const char *b, size_t bn) {
    return an == bn && memcmp(a, b, an) == 0;
}

/* safeChangeForField: an output type may gain `!` at any level. */
static bool safe_for_field(const char *o, size_t on, const char *n, size_t nn) {
    bool o_wrapped = non_null(o, on) || is_list(o, on), n_wrapped = non_null(n, nn) || is_list(n, nn);
    if (!o_wrapped && !n_wrapped) return same_text(o, on, n, nn);
    if (non_null(n, nn)) return safe_for_field(o, non_null(o, on) ? on - 1 : on, n, nn - 1);
    if (is_list(o, on))
        return is_list(n, nn) && !non_null(o, on) && safe_for_field(o + 1, on - 2, n + 1, nn - 2);
    return false;
}

/* safeChangeForInputValue: an input type may lose `!` at any level. */
static bool safe_for_input(const char *o, size_t on, const char *n, size_t nn) {
    bool o_wrapped = non_null(o, on) || is_list(o, on), n_wrapped = non_null(n, nn) || is_list(n, nn);
    if (!o_wrapped && !n_wrapped) return same_text(o, on, n, nn);
    if (is_list(o, on) && is_list(n, nn) && !non_null(o, on) && !non_null(n, nn))
        return safe_for_input(o + 1, on - 2, n + 1, nn - 2);
    if (non_null(o, on)) return safe_for_input(o, on - 1, n, non_null(n, nn) ? nn - 1 : nn);
    return false;
}

/* The word graphql-inspector uses for a type's kind. */
static const char *kind_word(api_kind k) {
    return k == API_OBJECT ? "object type" : k == API_INPUT ? "input object type" : "enum";
}

/* A path "A.b" or "A.b.c". */
static const char *path2(ds_diff *d, const char *a, const char *b) {
    return ds_arena_printf(&d->report->arena, "%s.%s", a, b);
}

/* Note where the owner of a removed member still is. */
static void owner_note(ds_diff *d, ds_diag *g, const api_type *owner_new) {
    if (owner_new && owner_new->span.line)
        ds_diff_note(d, g, DS_NEW, owner_new->span, "'%s' is declared here now", owner_new->name);
}

/* The arguments of one field both sides have. */
static void compare_args(ds_diff *d, const api_type *t, const api_type *nt, const api_field *o,
                         const api_field *n) {
    for (size_t i = 0; i < o->arg_count; i++) {
        const api_arg *oa = &o->args[i], *na = NULL;
        for (size_t k = 0; k < n->arg_count && !na; k++)
            if (strcmp(n->args[k].name, oa->name) == 0) na = &n->args[k];
        const char *path = ds_arena_printf(&d->report->arena, "%s.%s.%s", t->name, o->name, oa->name);
        if (!na) {
            ds_diag *g = ds_diff_report_change(d, DS_DIFF_BREAKING, DS_D_ARGUMENT_REMOVED,
                                               "FIELD_ARGUMENT_REMOVED", path, DS_OLD, oa->span,
                                               "argument '%s: %s' was removed from field '%s.%s'",
                                               oa->name, oa->type, t->name, o->name);
            owner_note(d, g, nt);
            ds_hint(d->report, g, "clients that pass '%s' must stop before this deploys", oa->name);
        } else if (strcmp(oa->type, na->type) != 0) {
            bool safe = safe_for_input(oa->type, strlen(oa->type), na->type, strlen(na->type));
            ds_diff_report_change(d, safe ? DS_DIFF_NON_BREAKING : DS_DIFF_BREAKING,
                                  DS_D_ARGUMENT_TYPE_CHANGED, "FIELD_ARGUMENT_TYPE_CHANGED", path,
                                  DS_NEW, na->span,
                                  "type of argument '%s' on field '%s.%s' changed from '%s' to '%s'",
                                  oa->name, t->name, o->name, oa->type, na->type);
        }
    }
    for (size_t k = 0; k < n->arg_count; k++) {
        const api_arg *na = &n->args[k];
        bool found = false;
        for (size_t i = 0; i < o->arg_count && !found; i++) found = strcmp(o->args[i].name, na->name) == 0;
        if (found) continue;
        bool breaking = non_null(na->type, strlen(na->type));
        ds_diag *g = ds_diff_report_change(
            d, breaking ? DS_DIFF_BREAKING : DS_DIFF_DANGEROUS, DS_D_ARGUMENT_ADDED,
            "FIELD_ARGUMENT_ADDED", ds_arena_printf(&d->report->arena, "%s.%s.%s", t->name, n->name, na->name),
            DS_NEW, na->span, "argument '%s: %s' added to field '%s.%s'", na->name, na->type, t->name,
            n->name);
        if (breaking) ds_hint(d->report, g, "make it nullable, so that calls without it still work");
    }
}

/* A member (field, input field) only OLD has. */
static void member_removed(ds_diff *d, const api_type *t, const api_type *nt, const api_field *f) {
    bool input = t->kind == API_INPUT;
    ds_diag *g = ds_diff_report_change(d, DS_DIFF_BREAKING, input ? DS_D_INPUT_FIELD_REMOVED : DS_D_FIELD_REMOVED,
                                       input ? "INPUT_FIELD_REMOVED" : "FIELD_REMOVED",
                                       path2(d, t->name, f->name), DS_OLD, f->span,
                                       "%s '%s' was removed from %s '%s'", input ? "input field" : "field",
                                       f->name, kind_word(t->kind), t->name);
    owner_note(d, g, nt);
    ds_hint(d->report, g, "keep it until no client reads or sends '%s.%s', then remove it", t->name, f->name);
}

/* The arguments of a field only NEW has: non-breaking (graphql-inspector 8
 * reports them with the field). */
static void args_of_new_field(ds_diff *d, const api_type *t, const api_field *f) {
    for (size_t k = 0; k < f->arg_count; k++) {
        const api_arg *a = &f->args[k];
        ds_diff_report_change(d, DS_DIFF_NON_BREAKING, DS_D_ARGUMENT_ADDED, "FIELD_ARGUMENT_ADDED",
                              ds_arena_printf(&d->report->arena, "%s.%s.%s", t->name, f->name, a->name),
                              DS_NEW, a->span, "argument '%s: %s' added to field '%s.%s'", a->name, a->type,
                              t->name, f->name);
    }
}

/* A member only NEW has; in_new_type when its whole type is new. */
static void member_added(ds_diff *d, const api_type *t, const api_field *f, bool in_new_type) {
    if (t->kind != API_INPUT) {
        ds_diff_report_change(d, DS_DIFF_NON_BREAKING, DS_D_FIELD_ADDED, "FIELD_ADDED",
                              path2(d, t->name, f->name), DS_NEW, f->span,
                              "field '%s' was added to object type '%s'", f->name, t->name);
        args_of_new_field(d, t, f);
        return;
    }
    /* graphql-inspector 8: required breaks existing inputs; nullable (no
       default: the transformer's inputs have none) does not. */
    bool breaking = !in_new_type && non_null(f->type, strlen(f->type));
    ds_diag *g = ds_diff_report_change(d, breaking ? DS_DIFF_BREAKING : DS_DIFF_NON_BREAKING,
                                       DS_D_INPUT_FIELD_ADDED, "INPUT_FIELD_ADDED",
                                       path2(d, t->name, f->name), DS_NEW, f->span,
                                       "input field '%s' of type '%s' was added to input object type '%s'",
                                       f->name, f->type, t->name);
    if (breaking) ds_hint(d->report, g, "make it optional or give it a default, so that clients that do not send it still work");
}

/* Every member of a type only NEW has, as graphql-inspector 8 lists them. */
static void members_of_new_type(ds_diff *d, const api_type *t) {
    for (size_t i = 0; i < t->field_count; i++) member_added(d, t, &t->fields[i], true);
    for (size_t i = 0; i < t->value_count; i++)
        ds_diff_report_change(d, DS_DIFF_NON_BREAKING, DS_D_ENUM_VALUE_ADDED, "ENUM_VALUE_ADDED",
                              path2(d, t->name, t->values[i].name), DS_NEW, t->values[i].span,
                              "enum value '%s' was added to enum '%s'", t->values[i].name, t->name);
}

/* A member both sides have whose type changed. */
static void member_retyped(ds_diff *d, const api_type *t, const api_field *o, const api_field *n) {
    bool input = t->kind == API_INPUT;
    size_t on = strlen(o->type), nn = strlen(n->type);
    bool safe = input ? safe_for_input(o->type, on, n->type, nn) : safe_for_field(o->type, on, n->type, nn);
    ds_diag *g = ds_diff_report_change(
        d, safe ? DS_DIFF_NON_BREAKING : DS_DIFF_BREAKING,
        input ? DS_D_INPUT_FIELD_TYPE_CHANGED : DS_D_FIELD_TYPE_CHANGED,
        input ? "INPUT_FIELD_TYPE_CHANGED" : "FIELD_TYPE_CHANGED", path2(d, t->name, o->name), DS_NEW,
        n->span, "%s '%s.%s' changed type from '%s' to '%s'", input ? "input field" : "field", t->name,
        o->name, o->type, n->type);
    if (!safe)
        ds_hint(d->report, g, "add a field with the new type beside the old one, move clients over, then remove the old one");
}

/* The fields of a type both sides have. */
static void compare_fields(ds_diff *d, const api_type *o, const api_type *n) {
    for (size_t i = 0; i < o->field_count; i++) {
        const api_field *of = &o->fields[i], *nf = api_find_field(n, of->name);
        if (!nf) {
            member_removed(d, o, n, of);
            continue;
        }
        if (strcmp(of->type, nf->type) != 0) member_retyped(d, o, of, nf);
        if (o->kind == API_OBJECT) compare_args(d, o, n, of, nf);
    }
    for (size_t i = 0; i < n->field_count; i++)
        if (!api_find_field(o, n->fields[i].name)) member_added(d, n, &n->fields[i], false);
}

/* The values of an enum both sides have. */
static void compare_values(ds_diff *d, const api_type *o, const api_type *n) {
    for (size_t pass = 0; pass < 2; pass++) {
        const api_type *from = pass ? n : o, *to = pass ? o : n;
        for (size_t i = 0; i < from->value_count; i++) {
            const api_arg *v = &from->values[i];
            bool found = false;
            for (size_t k = 0; k < to->value_count && !found; k++) found = strcmp(to->values[k].name, v->name) == 0;
            if (found) continue;
            if (pass) {
                ds_diag *g = ds_diff_report_change(d, DS_DIFF_DANGEROUS, DS_D_ENUM_VALUE_ADDED, "ENUM_VALUE_ADDED",
                                                   path2(d, n->name, v->name), DS_NEW, v->span,
                                                   "enum value '%s' was added to enum '%s'", v->name, n->name);
                ds_hint(d->report, g, "clients that switch over '%s' need a case for '%s'", n->name, v->name);
            } else {
                ds_diag *g = ds_diff_report_change(d, DS_DIFF_BREAKING, DS_D_ENUM_VALUE_REMOVED, "ENUM_VALUE_REMOVED",
                                                   path2(d, o->name, v->name), DS_OLD, v->span,
                                                   "enum value '%s' was removed from enum '%s'", v->name, o->name);
                owner_note(d, g, n);
                ds_hint(d->report, g, "stored items that hold '%s' will fail to read; migrate them first", v->name);
            }
        }
    }
}

/* Compare the two sides' client schemas. */
static void compare(ds_diff *d, const api_schema *o, const api_schema *n) {
    for (size_t i = 0; i < o->type_count; i++) {
        const api_type *ot = o->types[i], *nt = ds_symtab_get(&n->by_name, ot->name);
        if (!nt) {
            ds_diag *g = ds_diff_report_change(d, DS_DIFF_BREAKING, DS_D_TYPE_REMOVED, "TYPE_REMOVED", ot->name,
                                               DS_OLD, ot->span, "type '%s' was removed", ot->name);
            ds_hint(d->report, g, "clients that name '%s' in their queries must stop before this deploys", ot->name);
        } else if (ot->kind != nt->kind) {
            ds_diff_report_change(d, DS_DIFF_BREAKING, DS_D_TYPE_KIND_CHANGED, "TYPE_KIND_CHANGED", ot->name,
                                  DS_NEW, nt->span, "'%s' kind changed from '%s' to '%s'", ot->name,
                                  kind_word(ot->kind), kind_word(nt->kind));
        } else if (ot->kind == API_ENUM) {
            compare_values(d, ot, nt);
        } else {
            compare_fields(d, ot, nt);
        }
    }
    for (size_t i = 0; i < n->type_count; i++) {
        const api_type *nt = n->types[i];
        if (ds_symtab_get(&o->by_name, nt->name)) continue;
        ds_diff_report_change(d, DS_DIFF_NON_BREAKING, DS_D_TYPE_ADDED, "TYPE_ADDED", nt->name, DS_NEW,
                              nt->span, "type '%s' was added", nt->name);
        members_of_new_type(d, nt);
    }
}

/* Compare one model's own types on the two sides (either may lack it),
 * adding its shared parts to the sides' shared schemas. */
static void compare_model(ds_diff *d, ds_arena *scratch, api_schema shared[2], const ds_decl *om,
                          const ds_decl *nm) {
    if (om && nm && api_same_model(om, nm)) {
        api_build_model(NULL, &shared[DS_OLD], om);
        api_build_model(NULL, &shared[DS_NEW], nm);
        return;
    }
    api_schema o, n;
    api_init(&o, scratch, 16);
    api_init(&n, scratch, 16);
    if (om) api_build_model(&o, &shared[DS_OLD], om);
    if (nm) api_build_model(&n, &shared[DS_NEW], nm);
    compare(d, &o, &n);
    ds_arena_reset(scratch);
}

/* The models of a side, in print order, calling each with the other
 * side's model of that name (or NULL). */
void ds_diff_client_api(ds_diff *d) {
    const ds_schema *os = d->side[DS_OLD], *ns = d->side[DS_NEW];
    ds_arena a, scratch;
    ds_arena_init(&a);
    ds_arena_init(&scratch);
    api_schema shared[2];
    api_init(&shared[DS_OLD], &a, 2 * os->out_type_count + 8);
    api_init(&shared[DS_NEW], &a, 2 * ns->out_type_count + 8);
    api_build_shared(&shared[DS_OLD], os);
    api_build_shared(&shared[DS_NEW], ns);
    for (size_t i = 0; i < ns->out_type_count; i++) {
        const ds_decl *m = ns->out_types[i].decl;
        if (ns->out_types[i].kind == DS_OUT_MODEL) compare_model(d, &scratch, shared, ds_diff_model(os, m->name.text), m);
    }
    for (size_t i = 0; i < os->out_type_count; i++) {
        const ds_decl *m = os->out_types[i].decl;
        if (os->out_types[i].kind == DS_OUT_MODEL && !ds_diff_model(ns, m->name.text))
            compare_model(d, &scratch, shared, m, NULL);
    }
    compare(d, &shared[DS_OLD], &shared[DS_NEW]);
    ds_arena_free(&scratch);
    ds_arena_free(&a);
}
