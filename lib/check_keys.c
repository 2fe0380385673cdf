/* check_keys.c: a model's identifier (primary key) and secondary indexes.
 *
 * data-schema requires identifier fields to be required or of type id;
 * the Amplify index transformer requires key fields to be scalars or enums
 * (identifiers: scalars, since data-schema rejects refs), sort keys to be
 * non-null and not lists, no field twice in one key, and forbids an index
 * on the table's partition key when the table has no sort key. DynamoDB
 * keys are strings or numbers, never booleans. data-schema silently drops
 * key fields that are not declared; that is an error here.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "resolve.h"

/* Which key a field is part of, for messages. */
typedef enum key_role { KEY_PARTITION, KEY_SORT, INDEX_PARTITION, INDEX_SORT } key_role;

/* "identifier field", "sort key", "index field", "index sort key". */
static const char *role_words(key_role role) {
    switch (role) {
    case KEY_PARTITION: return "identifier field";
    case KEY_SORT: return "identifier sort key";
    case INDEX_PARTITION: return "index field";
    case INDEX_SORT: return "index sort key";
    }
    return "key field";
}

/* "did you mean" over a model's field names. */
static const char *closest_field(const ds_decl *m, const char *name) {
    ds_candidates names = {0};
    for (size_t i = 0; i < m->field_count; i++)
        if (m->fields[i]) ds_candidates_add(&names, m->fields[i]->name.text);
    return ds_candidates_closest(&names, name);
}

/* Report a key naming a field the model does not declare. */
static ds_diag *report_undeclared(ds_resolver *r, const ds_decl *m, const ds_name *name,
                                  key_role role) {
    ds_schema *s = r->s;
    if (!ds_missing_field_first(r, m, name->text)) return &s->sunk;
    const char *what = role == KEY_PARTITION || role == KEY_SORT ? "the identifier"
                     : role == INDEX_SORT ? "the index's sortKeys" : "the secondary index";
    ds_diag *e = ds_error(s, name->span, DS_E_KEY_UNDECLARED,
                          "%s names %s, which is not a field of %s", what, name->text,
                          ds_decl_name(m));
    const char *near = closest_field(m, name->text);
    if (near) {
        ds_hint(s, e, "did you mean %s?", near);
        ds_suggest(s, e, ds_span_of_text(s, name->span, name->text), near);
        ds_note_at(s, e, ds_decl_field(m, near)->name.span, "%s.%s is declared here",
                   ds_decl_name(m), near);
    } else {
        ds_hint(s, e, "declare %s in the fields of %s (data-schema would drop it silently)",
                name->text, ds_decl_name(m));
    }
    return e;
}

/* Why field f cannot be a key of this role, or NULL when it can. Enums
 * may index; identifiers must be scalars. */
static const char *unfit_kind(ds_schema *s, const ds_field *f, key_role role) {
    if (f->kind == DS_FIELD_RELATION) return "a relationship";
    if (ds_field_is_enum(f))
        return role == KEY_PARTITION || role == KEY_SORT
                   ? ds_arena_printf(&s->arena, "%s enum", f->kind == DS_FIELD_INLINE_ENUM
                                                              ? "an inline" : "an")
                   : NULL;
    if (f->kind != DS_FIELD_SCALAR) return "a custom type";
    if (f->type.list && role != KEY_PARTITION) return "a list";
    return NULL;
}

/* Check the field named by a key: kind, boolean, nullability. at is where
 * the key names it. Returns false when it reported. */
static bool check_key_field(ds_resolver *r, const ds_decl *m, ds_field *f, key_role role,
                            ds_span at) {
    ds_schema *s = r->s;
    const char *fname = f->name.text;
    ds_diag *e = NULL;
    const char *unfit = unfit_kind(s, f, role);
    if (unfit) {
        e = ds_error(s, at, DS_E_KEY_NOT_SCALAR, "the %s %s is %s; %s", role_words(role), fname,
                     unfit, role == INDEX_PARTITION || role == INDEX_SORT
                                ? "index keys must be scalars or enums"
                                : "identifier fields must be scalars");
        ds_hint(s, e, "use a scalar field (string, id, integer, ...) as the key");
    } else if (ds_field_scalar(f) == DS_SCALAR_BOOLEAN) {
        e = ds_error(s, at, DS_E_KEY_BOOLEAN, "the %s %s is a Boolean; DynamoDB keys must be "
                     "strings or numbers", role_words(role), fname);
        ds_hint(s, e, "use a string or integer field as the key");
    } else if (role == KEY_PARTITION && !f->type.required && ds_field_scalar(f) != DS_SCALAR_ID) {
        e = ds_error(s, at, DS_E_KEY_NULLABLE, "the identifier field %s is nullable; identifier "
                     "fields must be required unless they are of type id", fname);
        ds_hint(s, e, "declare `%s: \"%s!\"`", fname, ds_scalar_builder_name(ds_field_scalar(f)));
    } else if (role == KEY_SORT && !f->type.required) {
        e = ds_error(s, at, DS_E_KEY_NULLABLE, "the identifier sort key %s is nullable; sort "
                     "keys must be required", fname);
        ds_hint(s, e, "declare `%s: \"%s!\"`", fname, ds_scalar_builder_name(ds_field_scalar(f)));
    } else if (role == KEY_PARTITION && f->type.list) {
        ds_diag *w = ds_warning(s, at, DS_W_IDENTIFIER_LIST, "the identifier field %s.%s is a "
                                "list, but a partition key holds one value: it is printed as a "
                                "single %s!", ds_decl_name(m), fname,
                                ds_scalar_graphql_name(ds_field_scalar(f)));
        if (at.line != f->type.span.line || at.col != f->type.span.col)
            ds_note_at(s, w, f->type.span, "%s.%s is declared here", ds_decl_name(m), fname);
        ds_hint(s, w, "declare `%s: %s`", fname, ds_scalar_builder_name(ds_field_scalar(f)));
    }
    if (e) ds_note_at(s, e, f->name.span, "%s.%s is declared here as %s", ds_decl_name(m), fname,
                      ds_field_type_words(s, f));
    return e == NULL;
}

/* The position of name among the first n items of list, or n. */
static size_t find_name(const ds_name *items, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (items[i].text && name && strcmp(items[i].text, name) == 0) return i;
    return n;
}

/* Where each name of a list first occurs (its own position when first;
 * a name without text counts as first). A scan for short lists, a hash
 * table for long ones: a key of 50,000 fields must not cost 50,000². The
 * caller frees the array. */
static size_t *first_occurrences(const ds_name *items, size_t n) {
    size_t *first = malloc((n ? n : 1) * sizeof *first);
    if (!first) abort();
    if (n <= 32) {
        for (size_t i = 0; i < n; i++) first[i] = find_name(items, i, items[i].text);
        return first;
    }
    ds_arena scratch;
    ds_arena_init(&scratch);
    ds_symtab seen;
    ds_symtab_init(&seen, &scratch);
    for (size_t i = 0; i < n; i++) {
        const size_t *at = items[i].text ? ds_symtab_put(&seen, items[i].text, &first[i]) : NULL;
        first[i] = at ? *at : i;
    }
    ds_arena_free(&scratch);
    return first;
}

/* Report a field named twice in one key; partition is set when the
 * first is the index's partition key. */
static void report_repeated(ds_resolver *r, const ds_name *again, const ds_name *first,
                            bool partition) {
    ds_diag *e;
    if (partition)
        e = ds_error(r->s, again->span, DS_E_KEY_REPEATED,
                     "%s is the index's partition key and cannot be one of its sort keys too",
                     again->text);
    else
        e = ds_error(r->s, again->span, DS_E_KEY_REPEATED,
                     "%s is listed twice in one key; each field can be part of a key once",
                     again->text);
    ds_note_at(r->s, e, first->span, partition ? "%s is the partition key here"
                                               : "%s is listed first here", first->text);
    ds_hint(r->s, e, partition ? "remove %s from sortKeys" : "remove the second %s", again->text);
}

/* ---- identifiers ---- */

/* The owner field an owner rule with the default (sub::username) claim
 * keeps: such a field cannot be a sort key. NULL for other rules. */
static const char *owner_field_of(const ds_rule *rule) {
    if (rule->invalid || (rule->identity_claim.text && !strstr(rule->identity_claim.text, "::")))
        return NULL;
    if (rule->allow == DS_ALLOW_OWNER) return "owner";
    if (rule->allow == DS_ALLOW_OWNER_DEFINED_IN || rule->allow == DS_ALLOW_OWNERS_DEFINED_IN)
        return rule->field.text;
    return NULL;
}

/* A sort key may not be the owner field of the model's owner rules. */
static void check_sort_key_owner(ds_resolver *r, const ds_decl *m, const ds_name *key) {
    const ds_rules *rules = m->rules;
    for (size_t i = 0; i < rules->count; i++) {
        const char *owner = owner_field_of(&rules->items[i]);
        if (!owner || !key->text || strcmp(owner, key->text) != 0) continue;
        ds_diag *e = ds_error(r->s, key->span, DS_E_KEY_OWNER_FIELD,
                              "the sort key %s is also the owner field of an owner rule; the "
                              "transformer rejects a sort key that is an owner field", key->text);
        ds_note_at(r->s, e, rules->items[i].span, "the owner rule is here");
        ds_hint(r->s, e, "use another field as sort key, or give the rule an identityClaim "
                         "such as `sub`");
        return;
    }
}

/* Check one identifier entry. */
static void check_identifier_item(ds_resolver *r, ds_decl *m, size_t i, size_t first) {
    const ds_name *name = &m->identifier.items[i];
    if (first < i) {
        report_repeated(r, name, &m->identifier.items[first], false);
        return;
    }
    ds_field *f = ds_decl_field(m, name->text);
    if (!f) {
        if (name->text && strcmp(name->text, "id") == 0 && m->identifier.count == 1) return;
        ds_diag *e = report_undeclared(r, m, name, i == 0 ? KEY_PARTITION : KEY_SORT);
        if (name->text && strcmp(name->text, "id") == 0)
            ds_hint(r->s, e, "in an identifier with several fields, id must be declared: add "
                             "`id: \"id!\"` to the fields");
        return;
    }
    if (f->invalid) return;
    if (check_key_field(r, m, f, i == 0 ? KEY_PARTITION : KEY_SORT, name->span) && i > 0)
        check_sort_key_owner(r, m, name);
}

/* Check a model's identifier (the default [id] when absent). */
static void check_identifier(ds_resolver *r, ds_decl *m) {
    if (!m->identifier.present) {
        ds_field *id = ds_decl_field(m, "id");
        if (id && !id->invalid) check_key_field(r, m, id, KEY_PARTITION, id->type.span);
        return;
    }
    if (m->identifier.count == 0) {
        ds_diag *e = ds_error(r->s, m->identifier.span, DS_E_KEY_EMPTY,
                              "the identifier of %s names no field", ds_decl_name(m));
        ds_hint(r->s, e, "name the partition key and any sort keys, e.g. `identifier: [id]`, "
                         "or remove identifier for the default [id]");
        return;
    }
    size_t *first = first_occurrences(m->identifier.items, m->identifier.count);
    for (size_t i = 0; i < m->identifier.count; i++) check_identifier_item(r, m, i, first[i]);
    free(first);
}

/* ---- secondary indexes ---- */

/* The table's partition key when it has no sort key and the field is
 * declared (so that data-schema prints @primaryKey), else NULL. */
static const char *lone_partition_key(const ds_decl *m) {
    const char *pk = m->sort_key_count == 0 ? m->pk_name : NULL;
    return pk && ds_decl_field(m, pk) ? pk : NULL;
}

/* Check an index's partition key field. Returns false when it reported. */
static bool check_index_partition(ds_resolver *r, ds_decl *m, ds_index *x) {
    ds_field *f = ds_decl_field(m, x->field.text);
    if (!f) {
        report_undeclared(r, m, &x->field, INDEX_PARTITION);
        return false;
    }
    if (f->invalid || !check_key_field(r, m, f, INDEX_PARTITION, x->field.span)) return false;
    const char *pk = lone_partition_key(m);
    if (pk && x->field.text && strcmp(pk, x->field.text) == 0) {
        ds_diag *e = ds_error(r->s, x->field.span, DS_E_INDEX_ON_PRIMARY_KEY,
                              "the secondary index is on %s, the partition key of %s, and the "
                              "table has no sort key", pk, ds_decl_name(m));
        ds_note_at(r->s, e, m->identifier.present ? m->identifier.span : f->name.span,
                   "%s is %s's partition key", pk, ds_decl_name(m));
        ds_hint(r->s, e, "an index may share the table's partition key only when the "
                         "identifier has a sort key; index another field instead");
        return false;
    }
    return true;
}

/* Check an index's sort keys. Returns false when it reported. */
static bool check_index_sort_keys(ds_resolver *r, ds_decl *m, ds_index *x) {
    size_t *first = first_occurrences(x->sort_keys.items, x->sort_keys.count);
    bool ok = true;
    for (size_t i = 0; ok && i < x->sort_keys.count; i++) {
        const ds_name *k = &x->sort_keys.items[i];
        ds_field *f = NULL;
        if (k->text && x->field.text && strcmp(k->text, x->field.text) == 0)
            report_repeated(r, k, &x->field, true), ok = false;
        else if (first[i] < i)
            report_repeated(r, k, &x->sort_keys.items[first[i]], false), ok = false;
        else if (!(f = ds_decl_field(m, k->text)))
            report_undeclared(r, m, k, INDEX_SORT), ok = false;
        else if (f->invalid || !check_key_field(r, m, f, INDEX_SORT, k->span))
            ok = false;
    }
    free(first);
    return ok;
}

/* The name an index's GSI gets: its name, or a key made of its fields
 * (the transformer derives the name from them). */
static const char *index_key_name(ds_schema *s, const ds_index *x) {
    if (x->name.text) return ds_arena_printf(&s->arena, "name %s", x->name.text);
    ds_buf k = {0};
    ds_buf_printf(&k, "fields %s", x->field.text);
    for (size_t i = 0; i < x->sort_keys.count; i++) ds_buf_printf(&k, ",%s", x->sort_keys.items[i].text);
    const char *name = ds_arena_strndup(&s->arena, k.data, k.len);
    ds_buf_free(&k);
    return name;
}

/* Two indexes of one model may not share a name. (Query fields are
 * checked with every root field, check_ops.c.) */
static void check_index_unique(ds_resolver *r, ds_decl *m, ds_index *x, ds_symtab *names) {
    ds_schema *s = r->s;
    ds_index *other = ds_symtab_put(names, index_key_name(s, x), x);
    if (!other) return;
    ds_diag *e;
    if (x->name.text)
        e = ds_error(s, x->name.span, DS_E_INDEX_DUPLICATE, "two indexes of %s are named %s",
                     ds_decl_name(m), x->name.text);
    else
        e = ds_error(s, x->span, DS_E_INDEX_DUPLICATE,
                     "two unnamed indexes of %s have the same fields, so they get the same name",
                     ds_decl_name(m));
    ds_note_at(s, e, x->name.text ? other->name.span : other->span,
               x->name.text ? "the first index named %s" : "%s",
               x->name.text ? x->name.text : "the first index on the same fields");
    ds_hint(s, e, "give each index its own name, or remove one");
    x->invalid = true;
}

/* Check one secondary index. */
static void check_index(ds_resolver *r, ds_decl *m, ds_index *x, ds_symtab *names) {
    if (x->invalid || !x->field.text) return;
    if (!check_index_partition(r, m, x) || !check_index_sort_keys(r, m, x)) {
        x->invalid = true;
        return;
    }
    check_index_unique(r, m, x, names);
    for (size_t i = 0; i < x->non_key_attributes.count; i++) {
        const ds_name *a = &x->non_key_attributes.items[i];
        if (ds_decl_field(m, a->text)) continue;
        ds_diag *w = ds_warning(r->s, a->span, DS_W_PROJECTION_UNDECLARED,
                                "the projection includes %s, which is not a field of %s",
                                a->text, ds_decl_name(m));
        const char *near = closest_field(m, a->text);
        if (!near) continue;
        ds_hint(r->s, w, "did you mean %s?", near);
        ds_suggest(r->s, w, ds_span_of_text(r->s, a->span, a->text), near);
    }
    if (x->projection == DS_PROJECTION_INCLUDE && x->non_key_attributes.count == 0) {
        ds_diag *w = ds_warning(r->s, x->projection_span, DS_W_PROJECTION_EMPTY,
                                "an INCLUDE projection without nonKeyAttributes is dropped by "
                                "data-schema (the index projects ALL attributes)");
        ds_hint(r->s, w, "list the attributes to include (`nonKeyAttributes: [name]`), or write "
                         "`projection: ALL`");
    }
}

/* Check every key of one model. */
static void check_model_keys(ds_resolver *r, ds_decl *m) {
    check_identifier(r, m);
    ds_symtab names;
    ds_symtab_init(&names, &r->s->arena);
    for (size_t i = 0; i < m->index_count; i++) check_index(r, m, &m->indexes[i], &names);
}

void ds_check_keys(ds_resolver *r) {
    for (size_t i = 0; i < r->s->decl_count; i++) {
        ds_decl *m = r->s->decls[i];
        if (m->kind == DS_DECL_MODEL && !m->invalid && m->name.text) check_model_keys(r, m);
    }
}
