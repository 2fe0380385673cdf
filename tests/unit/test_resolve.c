/* test_resolve.c: the resolver: implicit names, the namespace, refs,
 * relationships, keys, authorization, operations and defaults. Each test
 * parses YAML through the public API, resolves, and checks what a user
 * would: the diagnostics (code, line, message) and the links made. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "dschema.h"
#include "support.h"

/* A schema parsed from one YAML text and resolved. */
static ds_schema *resolve(const char *yaml) {
    ds_schema *s = ds_schema_new();
    ds_schema_parse(s, "t.yaml", yaml, strlen(yaml));
    ds_schema_resolve(s);
    return s;
}

/* The first diagnostic with code at line, or NULL. */
static const ds_diagnostic *diag_at(const ds_schema *s, const char *code, unsigned line) {
    for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++) {
        const ds_diagnostic *d = ds_schema_diagnostic(s, i);
        if (strcmp(d->code, code) == 0 && d->location.line == line) return d;
    }
    return NULL;
}

/* Assert exactly one error, of code at line, whose message holds each
 * of the NULL-terminated fragments; returns it. */
static const ds_diagnostic *expect_one_error(const ds_schema *s, const char *code, unsigned line,
                                             ...) {
    if (ds_schema_error_count(s) != 1)
        for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++)
            fprintf(stderr, "  %u: %s %s\n", ds_schema_diagnostic(s, i)->location.line,
                    ds_schema_diagnostic(s, i)->code, ds_schema_diagnostic(s, i)->message);
    ck_assert_uint_eq(ds_schema_error_count(s), 1);
    const ds_diagnostic *d = diag_at(s, code, line);
    ck_assert_msg(d != NULL, "no %s at line %u", code, line);
    va_list ap;
    va_start(ap, line);
    for (const char *frag; (frag = va_arg(ap, const char *));)
        ck_assert_msg(strstr(d->message, frag) || (d->hint && strstr(d->hint, frag)),
                      "\"%s\" not in \"%s\" / \"%s\"", frag, d->message, d->hint ? d->hint : "");
    va_end(ap);
    return d;
}

/* Assert that the schema resolved without errors. */
static void expect_clean(const ds_schema *s) {
    for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++)
        if (ds_schema_diagnostic(s, i)->severity == DS_SEVERITY_ERROR)
            ck_abort_msg("unexpected error at line %u: %s", ds_schema_diagnostic(s, i)->location.line,
                         ds_schema_diagnostic(s, i)->message);
}

/* The declaration named name (types, then operations). */
static ds_decl *decl(ds_schema *s, const char *name) {
    ds_decl *d = ds_symtab_get(&s->types, name);
    return d ? d : ds_symtab_get(&s->operations, name);
}

/* The field name of declaration owner. */
static ds_field *field(ds_schema *s, const char *owner, const char *name) {
    ds_decl *d = decl(s, owner);
    ck_assert_ptr_nonnull(d);
    for (size_t i = 0; i < d->field_count; i++)
        if (strcmp(d->fields[i]->name.text, name) == 0) return d->fields[i];
    ck_abort_msg("no field %s.%s", owner, name);
    return NULL;
}

#define PUBLIC "authorization: [publicApiKey]\n"

/* ---- implicit names ---- */

START_TEST(implicit_types_are_named_like_data_schema) {
    ds_schema *s = resolve(PUBLIC
        "types:\n"
        "  Location:\n"
        "    meta: { customType: { source: { customType: { kind: { enum: [GPS] } } } } }\n"
        "models:\n"
        "  post:\n"
        "    fields:\n"
        "      status: { enum: [DRAFT, LIVE] }\n"
        "      _x: { customType: { a: string } }\n"
        "queries:\n"
        "  searchProducts:\n"
        "    arguments:\n"
        "      page: { customType: { size: integer, sort: { enum: [ASC] } } }\n"
        "      category: { enum: [BOOKS] }\n"
        "    returns: { customType: { n: integer } }\n"
        "    handler: { function: f }\n");
    expect_clean(s);
    static const char *const want[] = {
        "PostStatus", "Post_x", "SearchProductsReturnType", "SearchProductsPage",
        "SearchProductsPageSort", "SearchProductsCategory", "LocationMeta", "LocationMetaSource",
        "LocationMetaSourceKind"};
    ck_assert_uint_eq(s->implicit_count, 9);
    for (size_t i = 0; i < 9; i++) {
        ck_assert_str_eq(s->implicit[i]->name.text, want[i]);
        ck_assert(s->implicit[i]->implicit);
        ck_assert_ptr_eq(decl(s, want[i]), s->implicit[i]);
    }
    ck_assert_ptr_eq(field(s, "post", "status")->inline_decl, decl(s, "PostStatus"));
    ds_schema_free(s);
}
END_TEST

/* ---- the namespace ---- */

START_TEST(duplicate_declarations_error_at_the_later_one) {
    ds_schema *s = resolve(PUBLIC
        "enums:\n"
        "  Status: [A]\n"
        "models:\n"
        "  Status:\n"
        "    fields: { label: string }\n");
    const ds_diagnostic *d = expect_one_error(s, "DS0201", 5, "Status is declared twice",
                                              "share one namespace", NULL);
    ck_assert_uint_eq(d->note_count, 1);
    ck_assert_uint_eq(d->notes[0].location.line, 3);
    ds_schema_free(s);

    s = resolve(PUBLIC
        "models:\n"
        "  Store:\n"
        "    fields:\n"
        "      address: { customType: { street: string } }\n"
        "  StoreAddress:\n"
        "    fields: { street: string }\n");
    d = expect_one_error(s, "DS0201", 6, "StoreAddress", "inline custom type of Store.address",
                         NULL);
    ck_assert_uint_eq(d->notes[0].location.line, 5);
    ds_schema_free(s);

    s = resolve(PUBLIC
        "models:\n"
        "  Post:\n"
        "    fields:\n"
        "      privacy: { enum: [PRIVATE] }\n"
        "enums:\n"
        "  PostPrivacy: [HIDDEN]\n");
    expect_one_error(s, "DS0201", 7, "PostPrivacy", NULL);
    ds_schema_free(s);
}
END_TEST

START_TEST(operations_share_one_namespace) {
    ds_schema *s = resolve(PUBLIC
        "queries:\n"
        "  ping: { returns: string, handler: { function: a } }\n"
        "mutations:\n"
        "  ping: { returns: string, handler: { function: b } }\n");
    expect_one_error(s, "DS0201", 5, "ping is declared twice", "a query", "a mutation", NULL);
    ds_schema_free(s);
}
END_TEST

START_TEST(reserved_and_empty_declarations) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Subscription:\n"
        "    fields: { plan: string }\n");
    expect_one_error(s, "DS0202", 3, "Subscription", "root type", NULL);
    ds_schema_free(s);

    s = resolve(PUBLIC
        "enums:\n"
        "  Mood: []\n"
        "models:\n"
        "  Diary:\n"
        "    fields: { mood: Mood }\n");
    expect_one_error(s, "DS0204", 3, "enum Mood declares no values", NULL);
    ds_schema_free(s);
}
END_TEST

/* ---- refs ---- */

START_TEST(refs_resolve_and_unknown_types_suggest) {
    ds_schema *s = resolve(PUBLIC
        "types:\n"
        "  Address: { street: string }\n"
        "models:\n"
        "  Customer:\n"
        "    fields:\n"
        "      home: Address\n"
        "      work: Adress\n");
    const ds_diagnostic *d = expect_one_error(s, "DS0203", 8, "Adress", NULL);
    ck_assert_str_eq(d->hint, "did you mean Address?");
    ck_assert_ptr_eq(field(s, "Customer", "home")->type.target, decl(s, "Address"));
    ds_schema_free(s);

    s = resolve(PUBLIC
        "models:\n"
        "  Author:\n"
        "    fields: { name: string }\n"
        "  Post:\n"
        "    fields:\n"
        "      author: Author\n");
    d = expect_one_error(s, "DS0205", 7, "names the model Author", NULL);
    ck_assert_ptr_nonnull(strstr(d->hint, "belongsTo: Author"));
    ds_schema_free(s);
}
END_TEST

/* ---- relationships ---- */

START_TEST(relationships_link_both_sides) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Warehouse:\n"
        "    identifier: [region, code]\n"
        "    fields:\n"
        "      region: string!\n"
        "      code: integer!\n"
        "      bins: { hasMany: Bin, references: [wRegion, wCode] }\n"
        "  Bin:\n"
        "    fields:\n"
        "      wRegion: id!\n"
        "      wCode: integer!\n"
        "      warehouse: { belongsTo: Warehouse, references: [wRegion, wCode] }\n"
        "  Node:\n"
        "    fields:\n"
        "      parentId: id\n"
        "      parent: { belongsTo: Node, references: parentId }\n"
        "      children: { hasMany: Node, references: parentId }\n");
    expect_clean(s);
    ds_field *bins = field(s, "Warehouse", "bins"), *wh = field(s, "Bin", "warehouse");
    ck_assert_ptr_eq(bins->rel->target, decl(s, "Bin"));
    ck_assert_ptr_eq(bins->rel->counterpart, wh);
    ck_assert_ptr_eq(wh->rel->counterpart, bins);
    ck_assert_ptr_eq(bins->rel->parent, decl(s, "Warehouse"));
    ck_assert_ptr_eq(wh->rel->parent, decl(s, "Warehouse"));
    ck_assert_ptr_eq(wh->rel->reference_fields[0], field(s, "Bin", "wRegion"));
    ck_assert_ptr_eq(bins->rel->reference_fields[1], field(s, "Bin", "wCode"));
    ds_field *parent = field(s, "Node", "parent"), *children = field(s, "Node", "children");
    ck_assert_ptr_eq(parent->rel->counterpart, children);
    ck_assert_ptr_eq(children->rel->counterpart, parent);
    ck_assert_ptr_eq(children->rel->reference_fields[0], field(s, "Node", "parentId"));
    ds_schema_free(s);
}
END_TEST

START_TEST(missing_counterpart_says_what_to_add) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Customer:\n"
        "    fields:\n"
        "      activeCart: { hasOne: Cart, references: customerId }\n"
        "  Cart:\n"
        "    fields:\n"
        "      customerId: id\n");
    const ds_diagnostic *d = expect_one_error(s, "DS0302", 5, "Customer.activeCart", NULL);
    ck_assert_str_eq(d->hint, "add `customer: { belongsTo: Customer, references: customerId }` "
                              "to the fields of Cart");
    ds_schema_free(s);

    s = resolve(PUBLIC
        "models:\n"
        "  Customer:\n"
        "    fields:\n"
        "      activeCart: { hasOne: Cart, references: customerId }\n"
        "  Cart:\n"
        "    fields:\n"
        "      ownerId: id\n"
        "      customer: { belongsTo: Customer, references: ownerId }\n");
    d = expect_one_error(s, "DS0302", 5, "[customerId]", "[ownerId]", NULL);
    ck_assert_uint_eq(d->notes[0].location.line, 9);
    ds_schema_free(s);
}
END_TEST

START_TEST(ambiguous_and_broken_relationships) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Post:\n"
        "    fields:\n"
        "      pinned: { hasOne: Comment, references: postId }\n"
        "      comments: { hasMany: Comment, references: postId }\n"
        "  Comment:\n"
        "    fields:\n"
        "      postId: id\n"
        "      post: { belongsTo: Post, references: postId }\n");
    const ds_diagnostic *d = expect_one_error(s, "DS0303", 10, "pinned and comments", NULL);
    ck_assert_uint_eq(d->note_count, 2);
    ds_schema_free(s);

    s = resolve(PUBLIC
        "models:\n"
        "  Post:\n"
        "    fields:\n"
        "      comments: { hasMany: Commnet, references: postId }\n"
        "  Comment:\n"
        "    fields:\n"
        "      postId: id\n"
        "      post: { belongsTo: Post, references: postId }\n");
    d = expect_one_error(s, "DS0301", 5, "Commnet", "not a declared model", NULL);
    ck_assert_str_eq(d->hint, "did you mean Comment?");
    ds_schema_free(s);
}
END_TEST

START_TEST(reference_fields_are_checked_at_their_declaration) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Customer:\n"
        "    fields:\n"
        "      carts: { hasMany: Cart, references: customerId }\n"
        "  Cart:\n"
        "    fields:\n"
        "      customerId: integer\n"
        "      customer: { belongsTo: Customer, references: customerId }\n");
    expect_one_error(s, "DS0306", 8, "Cart.customerId is an Int", "which is an ID", NULL);
    ds_schema_free(s);

    s = resolve(PUBLIC
        "models:\n"
        "  Course:\n"
        "    identifier: [id, term]\n"
        "    fields:\n"
        "      id: id!\n"
        "      term: string!\n"
        "      sessions: { hasMany: Session, references: [courseId, courseTerm] }\n"
        "  Session:\n"
        "    fields:\n"
        "      courseId: string!\n"
        "      courseTerm: string\n"
        "      course: { belongsTo: Course, references: [courseId, courseTerm] }\n");
    expect_one_error(s, "DS0308", 12, "courseId is required", "courseTerm is nullable", NULL);
    ds_schema_free(s);

    s = resolve(PUBLIC
        "models:\n"
        "  Team:\n"
        "    fields:\n"
        "      members: { hasMany: Member, references: teamId }\n"
        "  Member:\n"
        "    fields:\n"
        "      name: string\n"
        "      team: { belongsTo: Team, references: teamId }\n");
    const ds_diagnostic *d = expect_one_error(s, "DS0304", 9, "declares no field named teamId",
                                              NULL);
    ck_assert_str_eq(d->hint, "declare `teamId: id` in the fields of Member");
    ds_schema_free(s);
}
END_TEST

/* ---- identifiers and indexes ---- */

START_TEST(identifier_fields) {
    ds_schema *s = resolve(PUBLIC
        "enums:\n"
        "  Tier: [FREE]\n"
        "models:\n"
        "  Plan:\n"
        "    identifier: [region, tier]\n"
        "    fields: { region: string!, tier: Tier! }\n");
    expect_one_error(s, "DS0402", 6, "tier is an enum", NULL);
    ds_schema_free(s);

    s = resolve(PUBLIC
        "models:\n"
        "  Release:\n"
        "    identifier: [code, verison]\n"
        "    fields: { code: string!, version: string! }\n");
    const ds_diagnostic *d = expect_one_error(s, "DS0401", 4, "verison", NULL);
    ck_assert_str_eq(d->hint, "did you mean version?");
    ds_schema_free(s);

    s = resolve(PUBLIC
        "models:\n"
        "  Ticket:\n"
        "    identifier: [ticketId, at]\n"
        "    fields: { ticketId: id, at: datetime }\n");
    expect_one_error(s, "DS0403", 4, "sort key at is nullable", NULL);
    ds_schema_free(s);
}
END_TEST

START_TEST(secondary_indexes) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Order:\n"
        "    secondaryIndexes:\n"
        "      - id\n"
        "      - { field: paid }\n"
        "      - { field: customerId, sortKeys: [placedAt], name: byCustomer }\n"
        "      - { field: status, name: byCustomer }\n"
        "    fields:\n"
        "      id: id!\n"
        "      paid: boolean\n"
        "      customerId: id\n"
        "      placedAt: datetime\n"
        "      status: string\n");
    ck_assert_uint_eq(ds_schema_error_count(s), 3);
    ck_assert_ptr_nonnull(diag_at(s, "DS0406", 5));
    ck_assert_ptr_nonnull(diag_at(s, "DS0404", 6));
    ck_assert_ptr_nonnull(diag_at(s, "DS0407", 8));
    ds_schema_free(s);
}
END_TEST

/* ---- authorization ---- */

START_TEST(models_need_rules) {
    ds_schema *s = resolve("models:\n"
                           "  Post:\n"
                           "    authorization: [owner]\n"
                           "    fields: { title: string }\n"
                           "  Tag:\n"
                           "    fields: { label: string }\n");
    expect_one_error(s, "DS0501", 5, "model Tag has no authorization rules", NULL);
    ds_schema_free(s);
}
END_TEST

START_TEST(rules_admit_their_own_keys) {
    ds_schema *s = resolve("models:\n"
                           "  Report:\n"
                           "    authorization:\n"
                           "      - allow: groups\n"
                           "        groups: [Analysts]\n"
                           "        identityClaim: sub\n"
                           "    fields: { title: string }\n");
    expect_one_error(s, "DS0503", 6, "identityClaim applies to owner rules only", NULL);
    ds_schema_free(s);

    s = resolve("models:\n"
                "  Payroll:\n"
                "    authorization:\n"
                "      - { allow: groups, groups: [HR], provider: identityPool }\n"
                "      - { allow: groups, groups: [HR] }\n"
                "    fields: { amount: float }\n");
    expect_one_error(s, "DS0502", 4, "admits the provider userPools or oidc, not identityPool",
                     NULL);
    ds_schema_free(s);

    s = resolve("models:\n"
                "  Post:\n"
                "    authorization: [publicApiKey, { allow: authenticated, to: [read] }, authenticated]\n"
                "    fields: { title: string }\n");
    expect_one_error(s, "DS0507", 3, "repeats an earlier rule", NULL);
    ds_schema_free(s);
}
END_TEST

START_TEST(owner_fields_must_hold_strings) {
    ds_schema *s = resolve("models:\n"
                           "  Document:\n"
                           "    authorization:\n"
                           "      - { allow: ownersDefinedIn, field: editors }\n"
                           "    fields:\n"
                           "      editors: string\n");
    expect_one_error(s, "DS0508", 6, "ownersDefinedIn needs a list of strings in editors", NULL);
    ds_schema_free(s);
}
END_TEST

START_TEST(field_rules_and_required_fields) {
    /* A private rule of the same provider covers a field's group rule. */
    ds_schema *s = resolve("authorization: [publicApiKey, authenticated]\n"
                           "models:\n"
                           "  Patient:\n"
                           "    fields:\n"
                           "      name: string!\n"
                           "      notes:\n"
                           "        type: string\n"
                           "        authorization: [authenticated, { allow: groups, groups: [Nurses] }]\n");
    expect_clean(s);
    ds_schema_free(s);

    s = resolve("models:\n"
                "  Patient:\n"
                "    authorization: [publicApiKey]\n"
                "    fields:\n"
                "      name: string!\n"
                "      notes:\n"
                "        type: string\n"
                "        authorization: [{ allow: groups, groups: [Nurses] }]\n");
    expect_one_error(s, "DS0509", 8, "grants access that Patient's rules do not", NULL);
    ds_schema_free(s);

    s = resolve("models:\n"
                "  Patient:\n"
                "    authorization: [publicApiKey, owner]\n"
                "    fields:\n"
                "      name: { type: string!, authorization: [owner] }\n"
                "      age: integer\n");
    expect_one_error(s, "DS0509", 5, "Patient.name is required", NULL);
    ds_schema_free(s);
}
END_TEST

START_TEST(operation_rules) {
    ds_schema *s = resolve("queries:\n"
                           "  count:\n"
                           "    returns: integer\n"
                           "    handler: { custom: { entry: ./count.js } }\n"
                           "    authorization: [publicApiKey, guest]\n"
                           "  mine:\n"
                           "    returns: string\n"
                           "    handler: { function: f }\n"
                           "    authorization: [owner, { allow: publicApiKey, to: [read] }]\n");
    ck_assert_uint_eq(ds_schema_error_count(s), 3);
    ck_assert_ptr_nonnull(diag_at(s, "DS0506", 5));
    ck_assert_ptr_nonnull(diag_at(s, "DS0505", 9));
    ds_schema_free(s);

    s = resolve("queries:\n"
                "  ping:\n"
                "    returns: string\n"
                "    handler: { function: f }\n");
    expect_one_error(s, "DS0501", 2, "has no authorization rules", NULL);
    ds_schema_free(s);
}
END_TEST

/* ---- operations ---- */

START_TEST(operations_need_handler_returns_and_sources) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Post:\n"
        "    disableOperations: [delete]\n"
        "    fields: { title: string }\n"
        "queries:\n"
        "  weather:\n"
        "    returns: string\n"
        "mutations:\n"
        "  reset:\n"
        "    handler: { function: f }\n"
        "subscriptions:\n"
        "  onPost:\n"
        "    for: Post\n"
        "    handler: { custom: { entry: ./a.js } }\n"
        "  onGone:\n"
        "    for: { model: Post, mutations: [delete] }\n"
        "    handler: { custom: { entry: ./b.js } }\n");
    ck_assert_uint_eq(ds_schema_error_count(s), 4);
    ck_assert_ptr_nonnull(diag_at(s, "DS0602", 7));
    ck_assert_ptr_nonnull(diag_at(s, "DS0601", 10));
    ck_assert_ptr_nonnull(diag_at(s, "DS0603", 14));
    ck_assert_ptr_nonnull(diag_at(s, "DS0603", 17));
    ds_schema_free(s);
}
END_TEST

START_TEST(root_fields_and_inputs_are_unique) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Category:\n"
        "    fields: { name: string }\n"
        "queries:\n"
        "  listCategories: { returns: string, handler: { function: f } }\n");
    expect_one_error(s, "DS0607", 6, "Query.listCategories", "model Category generates", NULL);
    ds_schema_free(s);

    s = resolve(PUBLIC
        "types:\n"
        "  Filter: { text: string }\n"
        "  FilterInput: { x: string }\n"
        "queries:\n"
        "  search: { arguments: { f: Filter }, returns: string, handler: { function: f } }\n");
    expect_one_error(s, "DS0607", 6, "input type FilterInput", NULL);
    ds_schema_free(s);
}
END_TEST

/* ---- defaults ---- */

START_TEST(defaults_fit_their_types) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Item:\n"
        "    fields:\n"
        "      ok1: { type: integer, default: 0x1F }\n"
        "      ok2: { type: json, default: '{\"a\": [1, true, null]}' }\n"
        "      ok3: { type: ipAddress, default: \"::ffff:10.0.0.1\" }\n"
        "      ok4: { type: datetime, default: \"2024-02-29T23:59:60.5+01:00\" }\n"
        "      ok5: { type: string, default: null }\n"
        "      n: { type: integer, default: 9.99 }\n"
        "      b: { type: boolean, default: yes }\n"
        "      j: { type: json, default: \"{a: 1}\" }\n");
    ck_assert_uint_eq(ds_schema_error_count(s), 3);
    ck_assert_ptr_nonnull(strstr(diag_at(s, "DS0605", 10)->message, "not a valid Int"));
    ck_assert_ptr_nonnull(diag_at(s, "DS0605", 11));
    ck_assert_ptr_nonnull(diag_at(s, "DS0605", 12));
    ds_schema_free(s);

    s = resolve(PUBLIC
        "types:\n"
        "  Weight:\n"
        "    value: { type: float, default: 0 }\n");
    expect_one_error(s, "DS0606", 4, "Weight.value has a default", NULL);
    ds_schema_free(s);

    /* A URL that is all scheme characters (found by the fuzzer: the scan
       of the scheme ran past the end of the text). */
    s = resolve(PUBLIC
        "models:\n"
        "  Site:\n"
        "    fields:\n"
        "      home: { type: url, default: \"https://example.com/a\" }\n"
        "      bare: { type: url, default: example }\n"
        "      none: { type: url, default: ~ }\n");
    ck_assert_uint_eq(ds_schema_error_count(s), 2);
    ck_assert_ptr_nonnull(strstr(diag_at(s, "DS0605", 6)->message, "\"example\" of Site.bare is not a valid AWSURL"));
    ck_assert_ptr_nonnull(strstr(diag_at(s, "DS0605", 7)->message, "null of Site.none is not a valid AWSURL"));
    ds_schema_free(s);
}
END_TEST

/* ---- recursive return types ---- */

START_TEST(recursive_return_types_are_errors) {
    ds_schema *s = resolve(PUBLIC
        "types:\n"
        "  A: { b: B }\n"
        "  B: { a: A }\n"
        "queries:\n"
        "  getB: { returns: B, handler: { function: f } }\n"
        "  getA: { returns: A, handler: { function: f } }\n");
    const ds_diagnostic *d = expect_one_error(s, "DS0608", 6, "the query getB returns the custom "
                                              "type B, which contains itself (B.a -> A.b -> B)",
                                              NULL);
    ck_assert_uint_eq(d->note_count, 1);
    ck_assert_uint_eq(d->notes[0].location.line, 3);
    ds_schema_free(s);

    s = resolve(PUBLIC
        "types:\n"
        "  Node: { next: Node, value: string }\n"
        "mutations:\n"
        "  push:\n"
        "    returns: { customType: { head: Node } }\n"
        "    handler: { function: f }\n"
        "subscriptions:\n"
        "  onPush: { for: push, handler: { function: f } }\n");
    expect_one_error(s, "DS0608", 6, "an inline custom type", "(Node.next -> Node)", NULL);
    ds_schema_free(s);

    /* Cycles reached through arguments or model fields only are fine. */
    s = resolve(PUBLIC
        "types:\n"
        "  Tree: { children: \"[Tree]\" }\n"
        "models:\n"
        "  Doc: { fields: { tree: Tree } }\n"
        "queries:\n"
        "  find: { arguments: { filter: Tree }, returns: string, handler: { function: f } }\n");
    expect_clean(s);
    ds_schema_free(s);
}
END_TEST

/* ---- names the Amplify directives declare ---- */

START_TEST(directive_type_names_are_reserved) {
    ds_schema *s = resolve(PUBLIC
        "enums:\n"
        "  AuthStrategy: [OWNER, GROUPS]\n"
        "models:\n"
        "  Policy: { fields: { strategy: AuthStrategy } }\n");
    const ds_diagnostic *d = expect_one_error(s, "DS0202", 3, "AuthStrategy cannot name an enum",
                                              "Amplify directives", NULL);
    ck_assert_str_eq(d->hint, "choose another name, e.g. AuthStrategyKind");
    ds_schema_free(s);

    s = resolve(PUBLIC
        "models:\n"
        "  Http:\n"
        "    fields: { method: { enum: [GET, POST] } }\n");
    expect_one_error(s, "DS0202", 4, "the inline enum of Http.method is named HttpMethod", NULL);
    ds_schema_free(s);
}
END_TEST

/* ---- warnings ---- */

/* The number of warnings with code. */
static size_t warnings_of(const ds_schema *s, const char *code) {
    size_t n = 0;
    for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++) {
        const ds_diagnostic *d = ds_schema_diagnostic(s, i);
        if (d->severity == DS_SEVERITY_WARNING && strcmp(d->code, code) == 0) n++;
    }
    return n;
}

START_TEST(unused_types_are_warned_about) {
    ds_schema *s = resolve(PUBLIC
        "enums:\n"
        "  Status: [DRAFT, LIVE]\n"
        "  Color: [RED]\n"
        "  Mood: [HAPPY]\n"
        "models:\n"
        "  Post: { fields: { status: string, color: Color } }\n");
    expect_clean(s);
    ck_assert_uint_eq(warnings_of(s, "DS0906"), 2);
    const ds_diagnostic *d = diag_at(s, "DS0906", 3);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->hint, "did you mean `status: Status`?");
    ck_assert_uint_eq(d->notes[0].location.line, 7);
    ck_assert_ptr_nonnull(diag_at(s, "DS0906", 5));
    ds_schema_free(s);

    /* Types for the clients: the schema refers to none of their kind. */
    s = resolve(PUBLIC
        "enums:\n"
        "  Size: [S, M]\n"
        "types:\n"
        "  Point: { x: float }\n"
        "models:\n"
        "  Shirt: { fields: { label: string } }\n");
    ck_assert_uint_eq(ds_schema_diagnostic_count(s), 0);
    ds_schema_free(s);

    /* A type only an unused type refers to is unused too. */
    s = resolve(PUBLIC
        "types:\n"
        "  Used: { x: float }\n"
        "  Outer: { inner: Inner }\n"
        "  Inner: { y: float }\n"
        "models:\n"
        "  Shape: { fields: { at: Used } }\n");
    ck_assert_uint_eq(warnings_of(s, "DS0906"), 2);
    ds_schema_free(s);

    /* Two unused types whose names fold alike both name the field. */
    s = resolve(PUBLIC
        "enums:\n"
        "  Status: [DRAFT]\n"
        "  STATUS: [LIVE]\n"
        "models:\n"
        "  Post: { fields: { title: string, status: string } }\n");
    ck_assert_uint_eq(warnings_of(s, "DS0906"), 2);
    for (unsigned line = 3; line <= 4; line++) {
        d = diag_at(s, "DS0906", line);
        ck_assert_ptr_nonnull(d);
        ck_assert_uint_eq(d->note_count, 1);
        ck_assert_uint_eq(d->notes[0].location.line, 6);
    }
    ds_schema_free(s);

    /* No guessing on a schema with errors. */
    s = resolve(PUBLIC
        "enums:\n"
        "  Status: [DRAFT]\n"
        "models:\n"
        "  Post: { fields: { status: Stats } }\n");
    expect_one_error(s, "DS0203", 5, "Stats", NULL);
    ck_assert_uint_eq(ds_schema_warning_count(s), 0);
    ds_schema_free(s);
}
END_TEST

START_TEST(reference_fields_beside_the_relationship_are_warned_about) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Post:\n"
        "    fields:\n"
        "      comments: { hasMany: Comment, references: parentId }\n"
        "  Comment:\n"
        "    fields:\n"
        "      postId: id\n"
        "      parentId: id\n"
        "      post: { belongsTo: Post, references: parentId }\n"
        "  Like:\n"
        "    fields:\n"
        "      postId: id\n");
    expect_clean(s);
    ck_assert_uint_eq(ds_schema_warning_count(s), 1);
    const ds_diagnostic *d = diag_at(s, "DS0907", 8);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->message, "Comment.postId looks like a reference to Post, but the "
                                 "relationship Comment.post links the two models through parentId");
    ds_schema_free(s);
}
END_TEST

START_TEST(misspelt_references_suggest_a_field) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Post:\n"
        "    fields:\n"
        "      comments: { hasMany: Comment, references: postID }\n"
        "  Comment:\n"
        "    fields:\n"
        "      postId: id\n"
        "      post: { belongsTo: Post, references: postID }\n");
    const ds_diagnostic *d = expect_one_error(s, "DS0304", 9, "declares no field named postID",
                                              NULL);
    ck_assert_str_eq(d->hint, "did you mean postId? (correct it in Post.comments too)");
    ds_schema_free(s);
}
END_TEST

/* ---- one mistake, one error ---- */

START_TEST(a_missing_field_is_reported_at_its_first_use) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Zone:\n"
        "    fields:\n"
        "      trails: { hasMany: Trail, references: zoneId }\n"
        "  Trail:\n"
        "    fields:\n"
        "      zone: { belongsTo: Zone, references: zoneId }\n"
        "    secondaryIndexes:\n"
        "      - zoneId\n");
    expect_one_error(s, "DS0304", 8, "Trail declares no field named zoneId", NULL);
    ds_schema_free(s);
}
END_TEST

START_TEST(broken_keys_and_rules_do_not_cascade) {
    /* An identifier naming an undeclared field: no count mismatch too. */
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Skill:\n"
        "    identifier: [id, missingKey]\n"
        "    fields:\n"
        "      id: id!\n"
        "      widgets: { hasMany: Widget, references: skillId }\n"
        "  Widget:\n"
        "    fields:\n"
        "      skillId: id\n"
        "      skill: { belongsTo: Skill, references: skillId }\n");
    expect_one_error(s, "DS0401", 4, "missingKey", NULL);
    ds_schema_free(s);

    /* A list reference field that is also a sort key: reported once. */
    s = resolve(PUBLIC
        "models:\n"
        "  Shelf:\n"
        "    fields:\n"
        "      clinics: { hasMany: Clinic, references: shelfId }\n"
        "  Clinic:\n"
        "    fields:\n"
        "      name: string!\n"
        "      shelfId: \"[id]\"\n"
        "      shelf: { belongsTo: Shelf, references: shelfId }\n"
        "    secondaryIndexes:\n"
        "      - { field: name, sortKeys: [shelfId] }\n");
    expect_one_error(s, "DS0307", 9, "is a list", NULL);
    ds_schema_free(s);

    /* A broken model rule: the field rules are not judged against a guess. */
    s = resolve(
        "models:\n"
        "  Budget:\n"
        "    fields:\n"
        "      serial: string!\n"
        "      note: { type: string, authorization: [owner] }\n"
        "    authorization: [publicApiKey, { allow: owner, provider: identityPool }]\n");
    expect_one_error(s, "DS0502", 6, "not identityPool", NULL);
    ds_schema_free(s);
}
END_TEST

/* ---- many mistakes at once ---- */

START_TEST(unrelated_errors_are_all_reported_once) {
    ds_schema *s = resolve(PUBLIC
        "models:\n"
        "  Post:\n"
        "    identifier: [slug]\n"
        "    fields:\n"
        "      title: strng\n"
        "      status: { type: string, default: 1 }\n"
        "      views: { type: integer, default: many }\n"
        "      comments: { hasMany: Comment, references: postSlug }\n"
        "  Comment:\n"
        "    fields:\n"
        "      postSlug: string\n"
        "      post: { belongsTo: Post, references: postSlug }\n"
        "queries:\n"
        "  top:\n"
        "    handler: { function: f }\n");
    ck_assert_uint_eq(ds_schema_error_count(s), 4);
    ck_assert_ptr_nonnull(diag_at(s, "DS0401", 4));
    ck_assert_ptr_nonnull(diag_at(s, "DS0203", 6));
    ck_assert_ptr_nonnull(diag_at(s, "DS0605", 8));
    ck_assert_ptr_nonnull(diag_at(s, "DS0601", 15));
    ds_schema_free(s);
}
END_TEST

int main(void) {
    Suite *suite = suite_create("resolve");
    TCase *tc = tcase_create("resolve");
    tcase_add_test(tc, implicit_types_are_named_like_data_schema);
    tcase_add_test(tc, duplicate_declarations_error_at_the_later_one);
    tcase_add_test(tc, operations_share_one_namespace);
    tcase_add_test(tc, reserved_and_empty_declarations);
    tcase_add_test(tc, refs_resolve_and_unknown_types_suggest);
    tcase_add_test(tc, relationships_link_both_sides);
    tcase_add_test(tc, missing_counterpart_says_what_to_add);
    tcase_add_test(tc, ambiguous_and_broken_relationships);
    tcase_add_test(tc, reference_fields_are_checked_at_their_declaration);
    tcase_add_test(tc, identifier_fields);
    tcase_add_test(tc, secondary_indexes);
    tcase_add_test(tc, models_need_rules);
    tcase_add_test(tc, rules_admit_their_own_keys);
    tcase_add_test(tc, owner_fields_must_hold_strings);
    tcase_add_test(tc, field_rules_and_required_fields);
    tcase_add_test(tc, operation_rules);
    tcase_add_test(tc, operations_need_handler_returns_and_sources);
    tcase_add_test(tc, root_fields_and_inputs_are_unique);
    tcase_add_test(tc, defaults_fit_their_types);
    tcase_add_test(tc, unrelated_errors_are_all_reported_once);
    tcase_add_test(tc, recursive_return_types_are_errors);
    tcase_add_test(tc, directive_type_names_are_reserved);
    tcase_add_test(tc, unused_types_are_warned_about);
    tcase_add_test(tc, reference_fields_beside_the_relationship_are_warned_about);
    tcase_add_test(tc, misspelt_references_suggest_a_field);
    tcase_add_test(tc, a_missing_field_is_reported_at_its_first_use);
    tcase_add_test(tc, broken_keys_and_rules_do_not_cascade);
    suite_add_tcase(suite, tc);
    return unit_run(suite);
}
