/* check_relations.c: hasOne, hasMany and belongsTo (references style).
 *
 * The rules are those of data-schema's validateRelationships and of the
 * Amplify relational transformer: a hasOne or hasMany on P naming C pairs
 * with exactly one belongsTo on C naming P with the same references (and
 * the other way round); the reference fields are declared on C, are
 * single scalars, all required or all nullable, as many as P's identifier
 * fields and of the same types (ID and String count as one).
 */
#include <string.h>

#include "pluralize.h"
#include "resolve.h"

/* "hasOne", "hasMany" or "belongsTo". */
static const char *kind_name(ds_rel_kind kind) {
    return kind == DS_REL_HAS_ONE ? "hasOne" : kind == DS_REL_HAS_MANY ? "hasMany" : "belongsTo";
}

/* "Model.field". */
static const char *qualified(ds_schema *s, const ds_field *f) {
    return ds_arena_printf(&s->arena, "%s.%s", f->owner ? ds_decl_name(f->owner) : "?",
                           f->name.text ? f->name.text : "?");
}

/* Where a relationship's references are written (or the field). */
static ds_span references_span(const ds_field *f) {
    return f->rel->references.present && f->rel->references.span.line ? f->rel->references.span
                                                                     : f->name.span;
}

/* ---- targets ---- */

/* Where a relationship names its related model (or the field). */
static ds_span related_span(const ds_field *f) {
    return f->rel->related.span.line ? f->rel->related.span : f->name.span;
}

/* "did you mean" over the declared models. */
static const char *closest_model(ds_schema *s, const char *name) {
    ds_candidates names = {0};
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i]->kind == DS_DECL_MODEL) ds_candidates_add(&names, s->decls[i]->name.text);
    return ds_candidates_closest(&names, name);
}

/* Report a relationship whose related name is not a declared model. */
static void report_bad_target(ds_resolver *r, ds_field *f, ds_decl *found) {
    ds_schema *s = r->s;
    const char *what = f->rel->kind == DS_REL_BELONGS_TO ? "belongs to"
                     : f->rel->kind == DS_REL_HAS_ONE    ? "is a hasOne to"
                                                        : "is a hasMany to";
    ds_diag *e;
    if (found) {
        e = ds_error(s, related_span(f), DS_E_REL_TARGET, "%s %s %s, which is %s %s, not a model",
                     qualified(s, f), what, f->rel->related.text,
                     found->kind == DS_DECL_ENUM ? "an" : "a", ds_decl_kind_word(found));
        ds_note_at(s, e, found->name.span, "%s is declared as %s %s here", ds_decl_name(found),
                   found->kind == DS_DECL_ENUM ? "an" : "a", ds_decl_kind_word(found));
        ds_hint(s, e, "a relationship links two models; to store %s %s, write `%s: %s`",
                found->kind == DS_DECL_ENUM ? "an" : "a", ds_decl_kind_word(found),
                f->name.text ? f->name.text : "field", ds_decl_name(found));
        return;
    }
    e = ds_error(s, related_span(f), DS_E_REL_TARGET, "%s %s %s, which is not a declared model",
                 qualified(s, f), what, f->rel->related.text);
    const char *near = closest_model(s, f->rel->related.text);
    if (near) {
        ds_hint(s, e, "did you mean %s?", near);
        ds_suggest(s, e, ds_span_of_text(s, related_span(f), f->rel->related.text), near);
    } else ds_hint(s, e, "declare a model %s under models, or name an existing model",
                 f->rel->related.text);
}

/* Link one relationship to its related model. */
static void resolve_target(ds_resolver *r, ds_field *f) {
    if (!f->rel->references.present) {   /* reported by the parser */
        f->invalid = true;
        return;
    }
    const char *name = f->rel->related.text;
    ds_decl *d = name ? ds_symtab_get(&r->declared, name) : NULL;
    if (d && d->kind == DS_DECL_MODEL) {
        f->rel->target = d;
        if (d->invalid) f->invalid = true;
        return;
    }
    f->invalid = true;
    if (!name || ds_name_clashed(r, name)) return;
    report_bad_target(r, f, d && d->kind < DS_DECL_QUERY ? d : NULL);
}

/* ---- pairing ---- */

/* Whether two reference lists are the same names in the same order. */
static bool same_references(const ds_name_list *a, const ds_name_list *b) {
    if (a->count != b->count) return false;
    for (size_t i = 0; i < a->count; i++)
        if (!a->items[i].text || !b->items[i].text || strcmp(a->items[i].text, b->items[i].text))
            return false;
    return true;
}

/* Whether g, a field of f's target, points back at f's model with the
 * complementary kind (ignoring references). */
static bool points_back(const ds_field *f, const ds_field *g) {
    if (!g || g->kind != DS_FIELD_RELATION || g == f || g->owner != f->rel->target) return false;
    bool f_child = f->rel->kind == DS_REL_BELONGS_TO, g_child = g->rel->kind == DS_REL_BELONGS_TO;
    if (f_child == g_child) return false;
    return g->rel->related.text && f->owner && f->owner->name.text &&
           strcmp(g->rel->related.text, f->owner->name.text) == 0;
}

/* Whether g is a usable counterpart of f: it points back with the same references. */
static bool is_candidate(const ds_field *f, const ds_field *g) {
    return ds_relation_usable(g) && points_back(f, g) &&
           same_references(&f->rel->references, &g->rel->references);
}

/* The candidates of f on its target, into out (at most cap); returns how many. */
static size_t candidates(const ds_field *f, ds_field **out, size_t cap) {
    const ds_decl *c = f->rel->target;
    size_t n = 0;
    for (size_t i = 0; i < c->field_count; i++)
        if (is_candidate(f, c->fields[i])) {
            if (n < cap) out[n] = c->fields[i];
            n++;
        }
    return n;
}

/* Whether f's missing counterpart is explained by a broken relationship
 * on its target that would have paired with it (already reported). */
static bool excused(const ds_field *f) {
    const ds_decl *c = f->rel->target;
    for (size_t i = 0; i < c->field_count; i++) {
        const ds_field *g = c->fields[i];
        if (g && g->kind == DS_FIELD_RELATION && g->invalid && points_back(f, g)) return true;
        if (g && g->kind == DS_FIELD_RELATION && g->invalid && g->owner == c &&
            !g->rel->target && same_references(&f->rel->references, &g->rel->references))
            return true;
    }
    return false;
}

/* A belongsTo on f's target that points back at f's model but pairs with
 * nothing: its references differ from f's. */
static ds_field *near_miss(const ds_field *f) {
    const ds_decl *c = f->rel->target;
    ds_field *one[1];
    for (size_t i = 0; i < c->field_count; i++) {
        ds_field *g = c->fields[i];
        if (ds_relation_usable(g) && points_back(f, g) && candidates(g, one, 1) == 0) return g;
    }
    return NULL;
}

/* Report a hasOne/hasMany whose belongsTo uses other references. */
static void report_differ(ds_resolver *r, ds_field *f, ds_field *g) {
    ds_schema *s = r->s;
    ds_diag *e = ds_error(s, f->name.span, DS_E_REL_NO_COUNTERPART,
                          "%s and %s do not pair up: the %s uses references %s and the "
                          "belongsTo uses %s; the lists must be the same, in the same order",
                          qualified(s, f), qualified(s, g), kind_name(f->rel->kind),
                          ds_bracketed(s, &f->rel->references), ds_bracketed(s, &g->rel->references));
    ds_note_at(s, e, g->name.span, "the belongsTo %s points back at %s", qualified(s, g),
               ds_decl_name(f->owner));
    ds_hint(s, e, "write the same references on both sides (the fields of %s that hold %s's "
                  "identifier)", ds_decl_name(g->owner), ds_decl_name(f->owner));
    g->invalid = true;
}

/* Report a relationship with no counterpart at all. */
static void report_alone(ds_resolver *r, ds_field *f) {
    ds_schema *s = r->s;
    const char *refs = ds_yaml_list(s, &f->rel->references);
    const char *p = ds_decl_name(f->owner), *c = ds_decl_name(f->rel->target);
    ds_diag *e;
    if (f->rel->kind == DS_REL_BELONGS_TO) {
        e = ds_error(s, f->name.span, DS_E_REL_NO_COUNTERPART,
                     "%s belongs to %s, but %s has no hasOne or hasMany field pointing at %s "
                     "with references %s", qualified(s, f), c, c, p,
                     ds_bracketed(s, &f->rel->references));
        ds_hint(s, e, "add `%s: { hasMany: %s, references: %s }` (or a hasOne) to the fields "
                      "of %s", ds_pluralize(&s->arena, ds_decapitalize(s, p)), p, refs, c);
    } else {
        e = ds_error(s, f->name.span, DS_E_REL_NO_COUNTERPART,
                     "%s is a %s to %s, but %s has no belongsTo field pointing back at %s with "
                     "references %s", qualified(s, f), kind_name(f->rel->kind), c, c, p,
                     ds_bracketed(s, &f->rel->references));
        ds_hint(s, e, "add `%s: { belongsTo: %s, references: %s }` to the fields of %s",
                ds_decapitalize(s, p), p, refs, c);
    }
    ds_note_at(s, e, f->rel->target->name.span, "%s is declared here", c);
}

/* Report a relationship with several candidate counterparts. */
static void report_ambiguous(ds_resolver *r, ds_field *f, ds_field **found, size_t n) {
    ds_schema *s = r->s;
    const char *c = ds_decl_name(f->rel->target);
    const char *names = n > 2 ? "several fields" : ds_arena_printf(&s->arena, "%s and %s",
                                                                  found[0]->name.text,
                                                                  found[1]->name.text);
    ds_diag *e;
    if (f->rel->kind == DS_REL_BELONGS_TO)
        e = ds_error(s, f->name.span, DS_E_REL_AMBIGUOUS,
                     "%s is claimed by %s fields of %s (%s) with the same references %s, so the "
                     "pairing is ambiguous", qualified(s, f), n > 2 ? "several" : "two", c, names,
                     ds_bracketed(s, &f->rel->references));
    else
        e = ds_error(s, f->name.span, DS_E_REL_AMBIGUOUS,
                     "%s has %s candidate belongsTo fields on %s (%s) with the same references "
                     "%s, so the pairing is ambiguous", qualified(s, f),
                     n > 2 ? "several" : "two", c, names, ds_bracketed(s, &f->rel->references));
    for (size_t i = 0; i < n && i < 4; i++)
        ds_note_at(s, e, found[i]->name.span, "candidate %s", qualified(s, found[i]));
    if (f->rel->kind == DS_REL_BELONGS_TO)
        ds_hint(s, e, "give %s each its own reference field in %s, and a belongsTo of its own "
                      "that references it", n > 2 ? "them" : ds_arena_printf(&s->arena, "%s and %s",
                      qualified(s, found[0]), qualified(s, found[1])), ds_decl_name(f->owner));
    else
        ds_hint(s, e, "give each belongsTo its own reference fields, and write the references "
                      "of %s like those of the one it pairs with", qualified(s, f));
}

/* Pair one relationship, or report why it cannot be paired. */
static void pair(ds_resolver *r, ds_field *f) {
    ds_field *found[4];
    size_t n = candidates(f, found, 4);
    if (n == 1) {
        f->rel->counterpart = found[0];
        return;
    }
    if (n > 1) report_ambiguous(r, f, found, n);
    else if (excused(f)) { /* reported at the broken field */ }
    else if (f->rel->kind != DS_REL_BELONGS_TO && near_miss(f)) report_differ(r, f, near_miss(f));
    else report_alone(r, f);
    f->invalid = true;
}

/* ---- reference fields ---- */

/* The type of parent's i-th identifier field: its scalar (id when the
 * default id is not declared), or DS_SCALAR_NONE when the identifier is
 * broken (reported by check_keys.c). Sets *field to the declaring field. */
static ds_scalar identifier_type(const ds_decl *parent, size_t i, ds_field **field) {
    const char *name = ds_model_key(parent, i);
    ds_field *f = ds_decl_field(parent, name);
    *field = f;
    if (!f) return name && strcmp(name, "id") == 0 ? DS_SCALAR_ID : DS_SCALAR_NONE;
    return f->invalid ? DS_SCALAR_NONE : ds_field_scalar(f);
}

/* Whether a model's identifier can be compared with: not empty, every
 * field declared (check_keys.c reports those that are not). */
static bool identifier_usable(const ds_decl *m) {
    if (!m->identifier.present) return true;
    if (m->identifier.count == 0 || m->identifier.invalid) return false;
    for (size_t i = 0; i < m->identifier.count; i++) {
        const char *name = m->identifier.items[i].text;
        bool implicit_id = m->identifier.count == 1 && name && strcmp(name, "id") == 0;
        if (!ds_decl_field(m, name) && !implicit_id) return false;
    }
    return true;
}

/* Where a model's identifier is written (its name for the default). */
static ds_span identifier_span(const ds_decl *m) {
    return m->identifier.present && m->identifier.span.line ? m->identifier.span : m->name.span;
}

/* Whether two key types match (ID and String count as the same). */
static bool key_types_match(ds_scalar a, ds_scalar b) {
    bool a_str = a == DS_SCALAR_ID || a == DS_SCALAR_STRING;
    bool b_str = b == DS_SCALAR_ID || b == DS_SCALAR_STRING;
    return a == b || (a_str && b_str);
}

/* "did you mean" over the scalar fields of a model. */
static const char *closest_field(const ds_decl *m, const char *name) {
    ds_candidates names = {0};
    for (size_t i = 0; i < m->field_count; i++)
        if (m->fields[i] && m->fields[i]->kind == DS_FIELD_SCALAR)
            ds_candidates_add(&names, m->fields[i]->name.text);
    return ds_candidates_closest(&names, name);
}

/* Every reference field exists on the child; reports the first missing one. */
static bool references_exist(ds_resolver *r, ds_field *g, ds_decl *parent) {
    ds_schema *s = r->s;
    ds_decl *child = g->owner;
    for (size_t i = 0; i < g->rel->references.count; i++) {
        const char *name = g->rel->references.items[i].text;
        if (ds_decl_field(child, name)) continue;
        if (!ds_missing_field_first(r, child, name)) return false;
        ds_span at = g->rel->references.items[i].span.line ? g->rel->references.items[i].span
                                                           : references_span(g);
        ds_diag *e = ds_error(s, at, DS_E_REF_FIELD_MISSING,
                              "%s references %s, but %s declares no field named %s",
                              qualified(s, g), name, ds_decl_name(child), name);
        ds_field *idf;
        ds_scalar t = i < ds_model_key_count(parent) ? identifier_type(parent, i, &idf)
                                                    : DS_SCALAR_NONE;
        const char *near = closest_field(child, name);
        if (near) ds_suggest(s, e, ds_span_of_text(s, at, name), near);
        if (near && g->rel->counterpart)
            ds_hint(s, e, "did you mean %s? (correct it in %s too)", near,
                    qualified(s, g->rel->counterpart));
        else if (near) ds_hint(s, e, "did you mean %s?", near);
        else ds_hint(s, e, "declare `%s: %s` in the fields of %s", name,
                     t ? ds_scalar_builder_name(t) : "id", ds_decl_name(child));
        if (g->rel->counterpart)
            ds_note_at(s, e, g->rel->counterpart->name.span, "%s uses the same references",
                       qualified(s, g->rel->counterpart));
        return false;
    }
    return true;
}

/* The reference list has one field per parent identifier field. */
static bool reference_count_matches(ds_resolver *r, ds_field *g, ds_decl *parent) {
    ds_schema *s = r->s;
    size_t want = ds_model_key_count(parent), have = g->rel->references.count;
    if (want == have) return true;
    const char *ids = want == 1 ? ds_model_key(parent, 0) : ds_bracketed(s, &parent->identifier);
    ds_diag *e;
    if (have == 0)
        e = ds_error(s, references_span(g), DS_E_REF_COUNT,
                     "%s references an empty list; it must name as many fields as %s's "
                     "identifier has (%zu)", qualified(s, g), ds_decl_name(parent), want);
    else if (want == 1)
        e = ds_error(s, references_span(g), DS_E_REF_COUNT,
                     "%s has the single identifier field %s, but %s references %zu fields",
                     ds_decl_name(parent), ids, qualified(s, g), have);
    else
        e = ds_error(s, references_span(g), DS_E_REF_COUNT,
                     "%s is identified by %zu fields %s, but %s references %zu field%s",
                     ds_decl_name(parent), want, ids, qualified(s, g), have, have == 1 ? "" : "s");
    ds_note_at(s, e, identifier_span(parent), parent->identifier.present
                                                  ? "%s's identifier is declared here"
                                                  : "%s has the default identifier [id]",
               ds_decl_name(parent));
    ds_hint(s, e, "list one field of %s per identifier field of %s, in the same order",
            ds_decl_name(g->owner), ds_decl_name(parent));
    return false;
}

/* Each reference field is a single scalar; reports the first that is not. */
static bool references_scalar(ds_resolver *r, ds_field **refs, size_t n, ds_decl *parent) {
    ds_schema *s = r->s;
    for (size_t i = 0; i < n; i++) {
        ds_field *f = refs[i];
        bool list = f->type.list && f->kind != DS_FIELD_RELATION;
        if (f->kind == DS_FIELD_SCALAR && !list) continue;
        if (f->invalid) return false;
        const char *what = list ? "a list" : ds_field_is_enum(f) ? "an enum"
                         : f->kind == DS_FIELD_RELATION ? "a relationship" : "a custom type";
        f->invalid = true;   /* its other uses (keys) are not reported again */
        ds_diag *e = ds_error(s, f->name.span, DS_E_REF_NOT_SCALAR,
                              "the reference field %s is %s; %s", qualified(s, f), what,
                              list ? "a reference field holds a single key value"
                                   : "reference fields must be scalars");
        ds_field *idf;
        ds_scalar want = i < ds_model_key_count(parent) ? identifier_type(parent, i, &idf)
                                                       : DS_SCALAR_NONE;
        ds_hint(s, e, "declare `%s: %s`, the type of %s's identifier field %s", f->name.text,
                ds_scalar_builder_name(want ? want : DS_SCALAR_ID), ds_decl_name(parent),
                i < ds_model_key_count(parent) ? ds_model_key(parent, i) : "id");
        return false;
    }
    return true;
}

/* Each reference field's type matches the parent identifier field's. */
static bool reference_types_match(ds_resolver *r, ds_field **refs, size_t n, ds_decl *parent) {
    ds_schema *s = r->s;
    for (size_t i = 0; i < n; i++) {
        ds_field *idf;
        ds_scalar want = identifier_type(parent, i, &idf), have = ds_field_scalar(refs[i]);
        if (!want) return false;
        if (key_types_match(want, have)) continue;
        const char *id_name = ds_model_key(parent, i);
        ds_diag *e = ds_error(s, refs[i]->name.span, DS_E_REF_TYPE,
                              "%s is %s %s, but it references %s's identifier field %s, which is "
                              "%s %s", qualified(s, refs[i]),
                              have == DS_SCALAR_INTEGER ? "an" : "a", ds_scalar_graphql_name(have),
                              ds_decl_name(parent), id_name,
                              want == DS_SCALAR_INTEGER || want == DS_SCALAR_ID ? "an" : "a",
                              ds_scalar_graphql_name(want));
        if (idf) ds_note_at(s, e, idf->name.span, "%s.%s is declared here", ds_decl_name(parent),
                            id_name);
        else ds_note_at(s, e, parent->name.span, "%s has the implicit identifier id: ID!",
                        ds_decl_name(parent));
        ds_hint(s, e, "declare `%s: %s`%s", refs[i]->name.text, ds_scalar_builder_name(want),
                n > 1 ? " (the references follow the identifier's order)" : "");
        return false;
    }
    return true;
}

/* The reference fields are all required or all nullable. */
static bool references_nullability(ds_resolver *r, ds_field **refs, size_t n) {
    ds_schema *s = r->s;
    for (size_t i = 1; i < n; i++) {
        if (refs[i]->type.required == refs[0]->type.required) continue;
        ds_field *req = refs[0]->type.required ? refs[0] : refs[i];
        ds_field *opt = refs[0]->type.required ? refs[i] : refs[0];
        ds_diag *e = ds_error(s, refs[i]->name.span, DS_E_REF_NULLABILITY,
                              "the reference fields of one relationship must be all required or "
                              "all nullable, but %s is required and %s is nullable",
                              req->name.text, opt->name.text);
        ds_note_at(s, e, refs[0]->name.span, "the first reference field %s is %s",
                   refs[0]->name.text, refs[0]->type.required ? "required" : "nullable");
        ds_hint(s, e, "mark all of them required (`!`) or none");
        return false;
    }
    return true;
}

/* Check the references of a paired belongsTo and record the links on
 * both sides. */
static void check_pair(ds_resolver *r, ds_field *g) {
    ds_field *f = g->rel->counterpart;
    ds_decl *parent = g->rel->target, *child = g->owner;
    if (!identifier_usable(parent)) {
        g->invalid = f->invalid = true;
        return;
    }
    if (!references_exist(r, g, parent) || !reference_count_matches(r, g, parent)) {
        g->invalid = f->invalid = true;
        return;
    }
    size_t n = g->rel->references.count;
    ds_field **refs = ds_arena_alloc(&r->s->arena, (n ? n : 1) * sizeof *refs);
    for (size_t i = 0; i < n; i++) refs[i] = ds_decl_field(child, g->rel->references.items[i].text);
    if (!references_scalar(r, refs, n, parent) || !reference_types_match(r, refs, n, parent) ||
        !references_nullability(r, refs, n)) {
        g->invalid = f->invalid = true;
        return;
    }
    g->rel->reference_fields = f->rel->reference_fields = refs;
    g->rel->parent = f->rel->parent = parent;
}

/* ---- the pass ---- */

/* Every relationship field of every model, through fn. */
static void each_relation(ds_resolver *r, void (*fn)(ds_resolver *, ds_field *)) {
    ds_schema *s = r->s;
    for (size_t i = 0; i < s->decl_count; i++) {
        ds_decl *m = s->decls[i];
        if (m->kind != DS_DECL_MODEL || m->invalid) continue;
        for (size_t j = 0; j < m->field_count; j++) {
            ds_field *f = m->fields[j];
            if (f && f->kind == DS_FIELD_RELATION && !f->invalid) fn(r, f);
        }
    }
}

/* Pair a hasOne or hasMany unless it is broken. The parent side goes
 * first so that two sides whose references differ are reported once, at
 * the hasOne or hasMany. */
static void pair_parent_side(ds_resolver *r, ds_field *f) {
    if (f->rel->kind != DS_REL_BELONGS_TO && ds_relation_usable(f)) pair(r, f);
}

/* Pair a belongsTo unless it is broken. */
static void pair_child_side(ds_resolver *r, ds_field *f) {
    if (f->rel->kind == DS_REL_BELONGS_TO && ds_relation_usable(f)) pair(r, f);
}

/* Check the references of a belongsTo that found its counterpart. */
static void check_paired(ds_resolver *r, ds_field *f) {
    if (f->rel->kind == DS_REL_BELONGS_TO && f->rel->counterpart && !f->rel->counterpart->invalid)
        check_pair(r, f);
}

/* A relationship pairs with one counterpart whose own counterpart is not it
 * (two hasOne fields claiming one belongsTo): drop the dangling link. */
static void drop_dangling(ds_resolver *r, ds_field *f) {
    (void)r;
    if (f->rel->counterpart && f->rel->counterpart->invalid) f->rel->counterpart = NULL;
}

void ds_check_relations(ds_resolver *r) {
    each_relation(r, resolve_target);
    each_relation(r, pair_parent_side);
    each_relation(r, pair_child_side);
    each_relation(r, check_paired);
    each_relation(r, drop_dangling);
}
