/* resolve.h: what the resolver's files (resolve*.c, check_*.c) share.
 *
 * ds_resolve (resolve.c) runs the passes in order: names (resolve_names.c),
 * then relationships, keys, operations (and their return types),
 * authorization, defaults and, last, the usage warnings (check_*.c).
 * Each pass marks what it finds broken `invalid`, and later passes skip
 * invalid nodes, so one mistake gives one error.
 */
#ifndef DS_RESOLVE_H
#define DS_RESOLVE_H

#include "ast.h"
#include "diag.h"
#include "words.h"

/* The resolver's working state. */
typedef struct ds_resolver {
    ds_schema *s;
    /* Declared names (models, enums, custom types and operations): one
       object in data-schema's a.schema({...}), so one namespace. */
    ds_symtab declared;
    /* Names declared more than once; references to them are not checked
       further (the duplicate is the one error). */
    ds_symtab clashed;
    /* "Model.field" of the undeclared fields already reported: a missing
       field is reported at its first use only. */
    ds_symtab missing_fields;
} ds_resolver;

/* ---- passes ---- */

/* resolve_names.c: name implicit types, fill s->types, s->operations and
 * each declaration's field table, check names and resolve type refs. */
void ds_resolve_names(ds_resolver *r);

/* resolve_facts.c: the facts of models and rules that need only the names:
 * partition and sort keys, plurals, the rules that apply, each rule's
 * strategy and directive, disableOperations grouped, indexes by field. */
void ds_resolve_facts(ds_resolver *r);

/* resolve_facts.c, after check_ops.c linked the subscription sources: each
 * operation's return and handler facts, the mutations a subscription
 * listens to, the operations each custom type inherits rules from. */
void ds_resolve_operation_facts(ds_resolver *r);

/* order.c, for a schema without errors: the printed types in SDL order
 * (s->out_types) and the table of their names (s->printed). */
void ds_resolve_output(ds_resolver *r);

/* check_relations.c: link and check hasOne / hasMany / belongsTo. */
void ds_check_relations(ds_resolver *r);

/* check_keys.c: identifiers and secondary indexes. */
void ds_check_keys(ds_resolver *r);

/* check_auth.c: authorization rules at every level. */
void ds_check_auth(ds_resolver *r);

/* check_ops.c: queries, mutations and subscriptions. */
void ds_check_operations(ds_resolver *r);

/* check_cycles.c: queries and mutations returning a recursive custom type. */
void ds_check_cycles(ds_resolver *r);

/* check_usage.c: warnings for unused types and unlinked reference fields. */
void ds_check_usage(ds_resolver *r);

/* check_defaults.c: field defaults. */
void ds_check_defaults(ds_resolver *r);

/* check_defaults.c: whether text is a valid default of the GraphQL scalar. */
bool ds_default_valid(ds_scalar scalar, const char *text);

/* ---- helpers (resolve_util.c) ---- */

/* Candidate names for a "did you mean", gathered in a malloc'ed list (a
 * schema with 10,000 mistakes asks 10,000 times; nothing may stay behind). */
typedef struct ds_candidates {
    const char **items;
    size_t count, cap;
} ds_candidates;

/* Add a name (NULL is skipped). */
void ds_candidates_add(ds_candidates *c, const char *name);

/* The candidate closest to name (ds_closest), or NULL; frees the list. */
const char *ds_candidates_closest(ds_candidates *c, const char *name);

/* name with its first letter upper-cased, as data-schema's capitalize(). */
const char *ds_capitalize(ds_schema *s, const char *name);

/* name with its first letter lower-cased (for suggested field names). */
const char *ds_decapitalize(ds_schema *s, const char *name);

/* The field called name of a model or custom type, or NULL. */
ds_field *ds_decl_field(const ds_decl *d, const char *name);

/* The number of a model's key fields (resolve_facts.c's partition key and
 * sort keys): its identifier's, or 1 for the default [id]. */
size_t ds_model_key_count(const ds_decl *m);

/* The name of a model's key field i (0: the partition key), or NULL. */
const char *ds_model_key(const ds_decl *m, size_t i);

/* The model, enum or custom type called name (declared or implicit), or NULL. */
ds_decl *ds_lookup_type(const ds_resolver *r, const char *name);

/* Whether this is the first report of the undeclared field name of m
 * (and record it); later uses of the same missing field stay silent. */
bool ds_missing_field_first(ds_resolver *r, const ds_decl *m, const char *name);

/* Whether name was declared more than once. */
bool ds_name_clashed(const ds_resolver *r, const char *name);

/* Whether span a comes before span b in the files (file, line, column). */
bool ds_span_before(ds_span a, ds_span b);

/* The printed name of a declaration ("?" while it has none). */
const char *ds_decl_name(const ds_decl *d);

/* The span that names a declaration: its key, or for an implicit one the
 * key of the field that declares it inline. */
ds_span ds_decl_name_span(const ds_decl *d);

/* Where a field is, as a person reads it in a message: "Order.status",
 * "Post.meta.author" (a field of an inline type), "the argument limit of
 * the query top", "the return type of the query top". */
const char *ds_field_where(ds_schema *s, const ds_field *f);

/* A field's type as a person reads it in a message: "String", "[Int!]",
 * "the enum Status", "an inline enum", "a relationship". */
const char *ds_field_type_words(ds_schema *s, const ds_field *f);

/* The scalar of a plain scalar field, or DS_SCALAR_NONE. */
ds_scalar ds_field_scalar(const ds_field *f);

/* Whether a field's type names an enum (declared or inline). */
bool ds_field_is_enum(const ds_field *f);

/* "a" or "[a, b]": a name list as YAML writes it. */
const char *ds_yaml_list(ds_schema *s, const ds_name_list *list);

/* "[a, b]": a name list in messages. */
const char *ds_bracketed(ds_schema *s, const ds_name_list *list);

/* The names of a list joined by ", " ("a, b"). */
const char *ds_joined(ds_schema *s, const ds_name_list *list);

/* Whether a relationship is written in a model with its target and
 * references usable (neither broken nor unresolved). */
bool ds_relation_usable(const ds_field *f);

#endif
