/* test_emit_graphql.c: the SDL back-end and the shared print order. Each
 * test compiles a small dschema file through the public API and checks the
 * piece of SDL that data-schema 1.26.2 prints for the same builder calls. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dschema.h"
#include "order.h"
#include "support.h"

/* The SDL of yaml, or NULL when it does not compile; the caller frees. */
static char *sdl(const char *yaml) {
    ds_schema *s = unit_load(yaml);
    char *out = NULL;
    size_t len = 0;
    ds_schema_emit(s, DS_FORMAT_GRAPHQL, &out, &len);
    ds_schema_free(s);
    return out;
}

/* Assert that the SDL of yaml contains want. */
#define ck_assert_sdl_has(yaml, want)                                                   \
    do {                                                                                \
        char *out_ = sdl(yaml);                                                         \
        ck_assert_msg(out_ != NULL, "does not compile");                                \
        ck_assert_msg(strstr(out_, want) != NULL, "missing:\n%s\n--- in:\n%s", want, out_); \
        free(out_);                                                                     \
    } while (0)

/* Assert that the SDL of yaml is exactly want. */
#define ck_assert_sdl_eq(yaml, want)                                                    \
    do {                                                                                \
        char *out_ = sdl(yaml);                                                         \
        ck_assert_msg(out_ != NULL, "does not compile");                                \
        ck_assert_str_eq(out_, want);                                                   \
        free(out_);                                                                     \
    } while (0)

START_TEST(model_layout_and_blank_lines) {
    ck_assert_sdl_eq("authorization: [publicApiKey]\n"
                     "enums:\n  Level: [LOW, HIGH]\n"
                     "types:\n  Meta:\n    note: string\n"
                     "models:\n  Item:\n    fields:\n      name: string!\n      level: Level\n",
                     "enum Level {\n  LOW\n  HIGH\n}\n\n"
                     "type Item @model @auth(rules: [{allow: public, provider: apiKey}])\n"
                     "{\n  name: String!\n  level: Level\n}\n\n"
                     "type Meta \n{\n  note: String\n}");
}
END_TEST

START_TEST(rules_render_like_calculate_auth) {
    const char *yaml =
        "models:\n  Doc:\n    fields:\n      title: string\n    authorization:\n"
        "      - { allow: publicApiKey, to: [read] }\n"
        "      - owner\n"
        "      - { allow: owner, provider: oidc, identityClaim: user_id, to: [delete] }\n"
        "      - { allow: ownersDefinedIn, field: editors }\n"
        "      - { allow: groupDefinedIn, field: dept, groupClaim: roles }\n"
        "      - { allow: group, group: Admin, to: [read, update] }\n"
        "      - guest\n"
        "      - { allow: authenticated, provider: identityPool }\n"
        "      - custom\n";
    ck_assert_sdl_has(yaml,
                      "type Doc @model @auth(rules: [{allow: public, provider: apiKey, operations: [read]},\n"
                      "  {allow: owner, ownerField: \"owner\"},\n"
                      "  {allow: owner, provider: oidc, operations: [delete], ownerField: \"owner\", identityClaim: \"user_id\"},\n"
                      "  {allow: owner, ownerField: \"editors\"},\n"
                      "  {allow: groups, groupsField: \"dept\", groupClaim: \"roles\"},\n"
                      "  {allow: groups, operations: [read, update], groups: [\"Admin\"]},\n"
                      "  {allow: public, provider: identityPool},\n"
                      "  {allow: private, provider: identityPool},\n"
                      "  {allow: custom}])\n{");
}
END_TEST

START_TEST(model_rules_replace_schema_rules) {
    const char *yaml = "authorization: [publicApiKey]\n"
                       "models:\n"
                       "  A:\n    fields: { x: string }\n"
                       "  B:\n    fields: { x: string }\n    authorization: [authenticated]\n";
    ck_assert_sdl_has(yaml, "type A @model @auth(rules: [{allow: public, provider: apiKey}])\n");
    ck_assert_sdl_has(yaml, "type B @model @auth(rules: [{allow: private}])\n");
}
END_TEST

START_TEST(field_rules_follow_the_field) {
    const char *yaml = "authorization: [publicApiKey, owner]\n"
                       "models:\n  Author:\n    fields:\n"
                       "      email: { type: email, authorization: [owner] }\n";
    ck_assert_sdl_has(yaml, "  email: AWSEmail @auth(rules: [{allow: owner, ownerField: \"owner\"}])\n");
}
END_TEST

START_TEST(type_modifiers) {
    const char *yaml = "authorization: [publicApiKey]\n"
                       "models:\n  M:\n    fields:\n"
                       "      a: string\n      b: string!\n      c: \"[string]\"\n"
                       "      d: \"[string!]\"\n      e: \"[string]!\"\n      f: \"[string!]!\"\n";
    ck_assert_sdl_has(yaml, "  a: String\n  b: String!\n  c: [String]\n  d: [String!]\n"
                            "  e: [String]!\n  f: [String!]!\n}");
}
END_TEST

START_TEST(identifier_prints_primary_key) {
    const char *yaml = "authorization: [publicApiKey]\n"
                       "models:\n  R:\n    identifier: [sensor, day, seq]\n    fields:\n"
                       "      day: date!\n      sensor: id\n      seq: integer!\n";
    ck_assert_sdl_has(yaml, "  day: AWSDate!\n"
                            "  sensor: ID! @primaryKey(sortKeyFields: [\"day\", \"seq\"])\n"
                            "  seq: Int!\n");
    /* A declared id under the default identifier is the partition key. */
    ck_assert_sdl_has("authorization: [publicApiKey]\n"
                      "models:\n  T:\n    fields:\n      id: id\n      n: string\n",
                      "  id: ID! @primaryKey\n  n: String\n");
    /* No id is added when none is declared. */
    ck_assert_sdl_has("authorization: [publicApiKey]\n"
                      "models:\n  T:\n    fields:\n      n: string\n",
                      "{\n  n: String\n}");
}
END_TEST

START_TEST(index_directives_and_query_field_names) {
    const char *yaml = "authorization: [publicApiKey]\n"
                       "models:\n  post:\n    fields:\n"
                       "      slug: string!\n      status: string\n      publishedAt: datetime\n"
                       "      city: string\n      zip: string\n      blogId: id\n      region: string\n"
                       "    secondaryIndexes:\n"
                       "      - slug\n"
                       "      - { field: status, sortKeys: [publishedAt] }\n"
                       "      - { field: blogId, sortKeys: [publishedAt], queryField: postsByBlog }\n"
                       "      - { field: city, projection: KEYS_ONLY, queryField: null }\n"
                       "      - field: zip\n"
                       "        name: byZip\n"
                       "        projection: { type: INCLUDE, nonKeyAttributes: [city, slug] }\n"
                       "      - { field: region, projection: ALL }\n";
    ck_assert_sdl_has(yaml, "  slug: String! @index(queryField: \"listPostBySlug\")\n");
    ck_assert_sdl_has(yaml, "  status: String @index(sortKeyFields: [\"publishedAt\"], "
                            "queryField: \"listPostByStatusAndPublishedAt\")\n");
    ck_assert_sdl_has(yaml, "  blogId: ID @index(sortKeyFields: [\"publishedAt\"], "
                            "queryField: \"postsByBlog\")");
    ck_assert_sdl_has(yaml, "  city: String @index(queryField: null, projection: { type: KEYS_ONLY })\n");
    ck_assert_sdl_has(yaml, "  zip: String @index(name: \"byZip\", queryField: \"listPostByZip\", "
                            "projection: { type: INCLUDE, nonKeyAttributes: [\"city\", \"slug\"] })\n");
    /* projection ALL is the default and prints nothing. */
    ck_assert_sdl_has(yaml, "  region: String @index(queryField: \"listPostByRegion\")\n");
}
END_TEST

START_TEST(defaults_print_as_strings_escaped) {
    const char *yaml = "authorization: [publicApiKey]\n"
                       "models:\n  G:\n    fields:\n"
                       "      text: { type: string, default: 'say \"hi\"' }\n"
                       "      path: { type: string, default: 'C:\\temp' }\n"
                       "      n: { type: integer, default: 0x1F }\n"
                       "      f: { type: float, default: 2.50 }\n"
                       "      b: { type: boolean, default: false }\n"
                       "      z: { type: string, default: null }\n";
    ck_assert_sdl_has(yaml, "  text: String @default(value: \"say \\\"hi\\\"\")\n"
                            "  path: String @default(value: \"C:\\\\temp\")\n"
                            "  n: Int @default(value: \"31\")\n"
                            "  f: Float @default(value: \"2.5\")\n"
                            "  b: Boolean @default(value: \"false\")\n"
                            "  z: String @default(value: \"undefined\")\n");
}
END_TEST

START_TEST(relationships) {
    const char *yaml = "authorization: [publicApiKey, authenticated]\n"
                       "models:\n"
                       "  W:\n    identifier: [region, code]\n    fields:\n"
                       "      region: string!\n      code: integer!\n"
                       "      bins: { hasMany: Bin, references: [wRegion, wCode] }\n"
                       "      main: { hasOne: Bin, references: [mRegion, mCode], authorization: [authenticated] }\n"
                       "  Bin:\n    fields:\n"
                       "      wRegion: string!\n      wCode: integer!\n"
                       "      mRegion: string!\n      mCode: integer!\n"
                       "      w: { belongsTo: W, references: [wRegion, wCode] }\n"
                       "      m: { belongsTo: W, references: [mRegion, mCode] }\n";
    ck_assert_sdl_has(yaml, "  bins: [Bin] @hasMany(references: [\"wRegion\",\"wCode\"])\n");
    ck_assert_sdl_has(yaml, "  main: Bin @hasOne(references: [\"mRegion\",\"mCode\"]) "
                            "@auth(rules: [{allow: private}])\n");
    ck_assert_sdl_has(yaml, "  w: W @belongsTo(references: [\"wRegion\",\"wCode\"])\n");
}
END_TEST

START_TEST(disable_operations) {
    const char *yaml = "authorization: [publicApiKey]\n"
                       "models:\n"
                       "  A:\n    disableOperations: [onDelete, mutations, list, create]\n    fields: { x: string }\n"
                       "  B:\n    disableOperations: []\n    fields: { x: string }\n"
                       "  C:\n    disableOperations: [get, list, onCreate]\n    fields: { x: string }\n";
    ck_assert_sdl_has(yaml, "type A @model(mutations:null,subscriptions:{onDelete:null},queries:{list:null}) @auth");
    ck_assert_sdl_has(yaml, "type B @model @auth");
    ck_assert_sdl_has(yaml, "type C @model(queries:{get:null,list:null},subscriptions:{onCreate:null}) @auth");
}
END_TEST

START_TEST(implicit_types_breadth_first) {
    /* data-schema appends each entry's inline types to its work list, with
       declared custom types after models and enums. */
    const char *yaml = "authorization: [publicApiKey]\n"
                       "types:\n  Loc:\n    meta:\n      customType:\n"
                       "        source:\n          customType:\n            kind: { enum: [GPS] }\n"
                       "models:\n  Dev:\n    fields:\n"
                       "      loc: Loc\n"
                       "      config:\n        customType:\n"
                       "          mode: { enum: [ECO] }\n"
                       "          limits: { customType: { max: float } }\n";
    ds_schema *s = unit_load(yaml);
    size_t n = 0;
    const ds_out_type *t = s->out_types;
    n = s->out_type_count;
    const char *want[] = {"Dev", "Loc", "DevConfig", "LocMeta", "DevConfigMode",
                          "DevConfigLimits", "LocMetaSource", "LocMetaSourceKind"};
    ds_out_kind kinds[] = {DS_OUT_MODEL, DS_OUT_TYPE, DS_OUT_TYPE, DS_OUT_TYPE, DS_OUT_ENUM,
                           DS_OUT_TYPE, DS_OUT_TYPE, DS_OUT_ENUM};
    ck_assert_uint_eq(n, 8);
    for (size_t i = 0; i < n && i < 8; i++) {
        ck_assert_str_eq(t[i].name, want[i]);
        ck_assert_int_eq(t[i].kind, kinds[i]);
        ck_assert_ptr_nonnull(t[i].decl);
    }
    ds_schema_free(s);
}
END_TEST

START_TEST(operations_inputs_and_enums) {
    const char *yaml =
        "authorization: [publicApiKey]\n"
        "enums:\n  Sort: [ASC, DESC]\n"
        "types:\n  Range: { min: float, max: float }\n"
        "  Filter: { text: string, price: Range, order: Sort, tag: { enum: [A] } }\n"
        "queries:\n  search:\n"
        "    arguments:\n"
        "      filter: Filter!\n      ranges: \"[Range!]\"\n      order: Sort\n"
        "      page: { customType: { size: integer, kind: { enum: [X, Y] } } }\n"
        "      category: { enum: [BOOKS] }\n"
        "    returns: \"[string]\"\n"
        "    handler: [{ function: a }, { function: b }]\n";
    ds_schema *s = unit_load(yaml);
    size_t n = 0;
    const ds_out_type *t = s->out_types;
    n = s->out_type_count;
    const char *want[] = {"Sort", "Range", "Filter", "SearchPageKind", "SearchCategory",
                          "FilterTag", "RangeInput", "FilterInput", "SearchPageInput"};
    ck_assert_uint_eq(n, 9);
    for (size_t i = 0; i < n && i < 9; i++) ck_assert_str_eq(t[i].name, want[i]);
    ck_assert_int_eq(t[6].kind, DS_OUT_INPUT);
    ds_schema_free(s);
    ck_assert_sdl_has(yaml, "input FilterInput {\n  text: String\n  price: RangeInput\n"
                            "  order: Sort\n  tag: FilterTag\n}");
    ck_assert_sdl_has(yaml, "input SearchPageInput {\n  size: Int\n  kind: SearchPageKind\n}");
    ck_assert_sdl_has(yaml, "type Query {\n  search(filter: FilterInput!, ranges: [RangeInput!], "
                            "order: Sort, page: SearchPageInput, category: SearchCategory): [String] "
                            "@function(name: \"a\") @function(name: \"b\") "
                            "@auth(rules: [{allow: public, provider: apiKey}])\n}");
}
END_TEST

START_TEST(custom_handler_prints_appsync_directives) {
    const char *yaml =
        "authorization: [publicApiKey]\n"
        "mutations:\n  like:\n    returns: integer\n"
        "    handler: { custom: { entry: ./like.js } }\n"
        "    authorization:\n"
        "      - { allow: groups, groups: [Members] }\n"
        "      - { allow: authenticated, provider: oidc }\n"
        "      - custom\n"
        "  count:\n    returns: integer\n"
        "    handler: { custom: { entry: ./count.js } }\n"
        "    authorization: [publicApiKey, authenticated, { allow: group, group: Ed }]\n";
    ck_assert_sdl_has(yaml, "  like: Int @aws_oidc @aws_lambda @aws_cognito_user_pools(cognito_groups: [\"Members\"])\n");
    ck_assert_sdl_has(yaml, "  count: Int @aws_api_key @aws_cognito_user_pools\n}");
}
END_TEST

START_TEST(return_types_inherit_operation_rules) {
    const char *yaml =
        "authorization: [publicApiKey]\n"
        "types:\n  Ping: { at: timestamp, inner: Inner }\n  Inner: { v: string }\n  Unused: { u: string }\n"
        "queries:\n  stats:\n    returns: { customType: { users: integer } }\n"
        "    handler: { function: f }\n    authorization: [authenticated, guest]\n"
        "mutations:\n  ping:\n    returns: Ping\n    handler: { function: g }\n"
        "    authorization: [{ allow: groups, groups: [Admin, Ops] }]\n"
        "subscriptions:\n  onPing:\n    for: ping\n    handler: { custom: { entry: ./on.js } }\n"
        "    authorization: [publicApiKey]\n";
    ck_assert_sdl_has(yaml, "type Ping @aws_api_key @aws_cognito_user_pools(cognito_groups: [\"Admin\", \"Ops\"])\n{");
    ck_assert_sdl_has(yaml, "type Inner @aws_api_key @aws_cognito_user_pools(cognito_groups: [\"Admin\", \"Ops\"])\n{");
    ck_assert_sdl_has(yaml, "type Unused \n{");
    ck_assert_sdl_has(yaml, "type StatsReturnType @aws_cognito_user_pools @aws_iam\n{\n  users: Int\n}");
    ck_assert_sdl_has(yaml, "  onPing: Ping @aws_subscribe(mutations: [\"ping\"]) @aws_api_key\n}");
}
END_TEST

START_TEST(subscriptions_on_model_mutations) {
    const char *yaml =
        "authorization: [publicApiKey]\n"
        "models:\n  post:\n    fields: { title: string }\n"
        "mutations:\n  publish:\n    returns: post\n    handler: { function: f }\n"
        "subscriptions:\n  onAny:\n"
        "    for: [{ model: post, mutations: [create, delete] }, publish]\n"
        "    handler: { function: filter }\n";
    ck_assert_sdl_has(yaml, "type Mutation {\n  publish: post @function(name: \"f\") "
                            "@auth(rules: [{allow: public, provider: apiKey}])\n}\n\n"
                            "type Subscription {\n  onAny: post @function(name: \"filter\") "
                            "@aws_subscribe(mutations: [\"createPost\", \"deletePost\", \"publish\"]) "
                            "@auth(rules: [{allow: public, provider: apiKey}])\n}");
}
END_TEST

START_TEST(no_trailing_newline) {
    char *out = sdl("authorization: [publicApiKey]\nenums:\n  E: [A]\n");
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, "enum E {\n  A\n}");
    free(out);
}
END_TEST

/* The suite. */
/* Gathers what ds_schema_emit_to writes: every piece, and how many. */
typedef struct sink {
    char *text;
    size_t len, pieces, largest, fail_after;
} sink;

/* A ds_write_fn that appends to a sink, and fails once fail_after pieces
 * have arrived (0: never). */
static int to_sink(void *ctx, const char *data, size_t len) {
    sink *k = ctx;
    if (k->fail_after && k->pieces == k->fail_after) return -1;
    k->text = realloc(k->text, k->len + len + 1);
    memcpy(k->text + k->len, data, len);
    k->len += len;
    k->text[k->len] = '\0';
    k->pieces++;
    if (len > k->largest) k->largest = len;
    return 0;
}

/* A schema of n models, each a few fields, written to a string. */
static char *many_models(int n) {
    size_t cap = (size_t)n * 96 + 64, len = 0;
    char *y = malloc(cap);
    len += (size_t)snprintf(y, cap, "authorization: [publicApiKey]\nmodels:\n");
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(y + len, cap - len,
                                "  Item%d:\n    fields:\n      title: string!\n      n: integer\n", i);
    return y;
}

START_TEST(emit_to_streams_the_same_text_in_bounded_pieces) {
    char *yaml = many_models(3000);
    ds_schema *s = unit_load(yaml);
    char *whole = NULL;
    size_t whole_len = 0;
    ck_assert_int_eq(ds_schema_emit(s, DS_FORMAT_GRAPHQL, &whole, &whole_len), 0);
    ck_assert_uint_gt(whole_len, 4 * 65536);
    sink k = {0};
    ck_assert_int_eq(ds_schema_emit_to(s, DS_FORMAT_GRAPHQL, to_sink, &k), 0);
    ck_assert_uint_eq(k.len, whole_len);
    ck_assert_str_eq(k.text, whole);
    ck_assert_uint_gt(k.pieces, 3);
    ck_assert_uint_lt(k.largest, 2 * 65536);
    free(k.text);
    free(whole);
    ds_schema_free(s);
    free(yaml);
}
END_TEST

START_TEST(emit_to_stops_when_the_writer_fails) {
    char *yaml = many_models(3000);
    ds_schema *s = unit_load(yaml);
    sink k = {.fail_after = 1};
    ck_assert_int_eq(ds_schema_emit_to(s, DS_FORMAT_GRAPHQL, to_sink, &k), -2);
    ck_assert_uint_eq(k.pieces, 1);
    free(k.text);
    ds_schema_free(s);
    free(yaml);
}
END_TEST

START_TEST(emit_to_refuses_a_broken_schema) {
    ds_schema *s = ds_schema_new();
    const char *yaml = "models:\n  A:\n    fields:\n      b: nosuchtype\n";
    ds_schema_parse(s, "t.yaml", yaml, strlen(yaml));
    ds_schema_resolve(s);
    sink k = {0};
    ck_assert_int_eq(ds_schema_emit_to(s, DS_FORMAT_GRAPHQL, to_sink, &k), -1);
    ck_assert_uint_eq(k.pieces, 0);
    ds_schema_free(s);
}
END_TEST

START_TEST(adopted_source_compiles_and_is_freed_with_the_schema) {
    const char *yaml = "authorization: [publicApiKey]\nmodels:\n  Note:\n    fields:\n      body: string\n";
    size_t len = strlen(yaml);
    char *copy = malloc(len + 1);
    memcpy(copy, yaml, len);  /* no NUL: the schema writes it */
    ds_schema *s = ds_schema_new();
    ck_assert_uint_eq(ds_schema_parse_adopt(s, "t.yaml", copy, len), 0);
    ck_assert_uint_eq(ds_schema_resolve(s), 0);
    size_t line_len = 0;
    const char *line = ds_schema_source_line(s, "t.yaml", 3, &line_len);
    ck_assert_ptr_nonnull(line);
    ck_assert_int_eq((int)line_len, 7);
    ck_assert(strncmp(line, "  Note:", 7) == 0);
    char *out = NULL;
    ck_assert_int_eq(ds_schema_emit(s, DS_FORMAT_GRAPHQL, &out, NULL), 0);
    ck_assert_ptr_nonnull(strstr(out, "type Note @model"));
    free(out);
    ds_schema_free(s);
}
END_TEST

static Suite *emit_graphql_suite(void) {
    Suite *s = suite_create("emit_graphql");
    TCase *tc = tcase_create("sdl");
    tcase_add_test(tc, model_layout_and_blank_lines);
    tcase_add_test(tc, rules_render_like_calculate_auth);
    tcase_add_test(tc, model_rules_replace_schema_rules);
    tcase_add_test(tc, field_rules_follow_the_field);
    tcase_add_test(tc, type_modifiers);
    tcase_add_test(tc, identifier_prints_primary_key);
    tcase_add_test(tc, index_directives_and_query_field_names);
    tcase_add_test(tc, defaults_print_as_strings_escaped);
    tcase_add_test(tc, relationships);
    tcase_add_test(tc, disable_operations);
    tcase_add_test(tc, implicit_types_breadth_first);
    tcase_add_test(tc, operations_inputs_and_enums);
    tcase_add_test(tc, custom_handler_prints_appsync_directives);
    tcase_add_test(tc, return_types_inherit_operation_rules);
    tcase_add_test(tc, subscriptions_on_model_mutations);
    tcase_add_test(tc, no_trailing_newline);
    tcase_add_test(tc, emit_to_streams_the_same_text_in_bounded_pieces);
    tcase_add_test(tc, emit_to_stops_when_the_writer_fails);
    tcase_add_test(tc, emit_to_refuses_a_broken_schema);
    tcase_add_test(tc, adopted_source_compiles_and_is_freed_with_the_schema);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    return unit_run(emit_graphql_suite());
}
