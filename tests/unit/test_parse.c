/* test_parse.c: the YAML front-end. Each test parses a small dschema file
 * through the public API (ds_schema_parse) and checks the syntax tree it
 * builds, or the diagnostics (code, line, column) it reports. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "diag.h"
#include "yaml_tree.h"
#include "support.h"

/* A schema holding the declarations of yaml (parsed, not resolved). */
static ds_schema *parse(const char *yaml) {
    ds_schema *s = ds_schema_new();
    ds_schema_parse(s, "test.yaml", yaml, strlen(yaml));
    return s;
}

/* Parse yaml and assert that it has no errors. */
static ds_schema *parse_ok(const char *yaml) {
    ds_schema *s = parse(yaml);
    for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++) {
        const ds_diagnostic *d = ds_schema_diagnostic(s, i);
        fprintf(stderr, "test.yaml:%u:%u: %s\n", d->location.line, d->location.column, d->message);
    }
    ck_assert_uint_eq(ds_schema_error_count(s), 0);
    return s;
}

/* Assert the index-th diagnostic (in source order) has code at line:col. */
static void expect_diag(const ds_schema *s, size_t index, const char *code, unsigned line,
                        unsigned col) {
    ck_assert_uint_gt(ds_schema_diagnostic_count(s), index);
    const ds_diagnostic *d = ds_schema_diagnostic(s, index);
    ck_assert_msg(strcmp(d->code, code) == 0 && d->location.line == line && d->location.column == col,
                  "diagnostic %zu: want %s at %u:%u, got %s at %u:%u: %s", index, code, line, col,
                  d->code, d->location.line, d->location.column, d->message);
}

/* Assert yaml gives exactly one error, with code at line:col, and return
 * its message (owned by the schema, which the caller frees). */
static ds_schema *expect_one(const char *yaml, const char *code, unsigned line, unsigned col) {
    ds_schema *s = parse(yaml);
    ck_assert_msg(ds_schema_error_count(s) == 1, "want one error, got %zu",
                  ds_schema_error_count(s));
    expect_diag(s, 0, code, line, col);
    return s;
}

/* The message of the only diagnostic of s contains text. */
static void expect_message(const ds_schema *s, const char *text) {
    const ds_diagnostic *d = ds_schema_diagnostic(s, 0);
    ck_assert_msg(strstr(d->message, text) != NULL, "message '%s' lacks '%s'", d->message, text);
}

/* The hint of the index-th diagnostic of s is text. */
static void expect_hint(const ds_schema *s, size_t index, const char *text) {
    const ds_diagnostic *d = ds_schema_diagnostic(s, index);
    ck_assert_msg(d->hint && strcmp(d->hint, text) == 0, "hint '%s', want '%s'",
                  d->hint ? d->hint : "(none)", text);
}

/* Parse and resolve yaml, and assert it gives exactly one error (and no
 * warning), with code at line:col. The caller frees it. */
static ds_schema *resolve_one(const char *yaml, const char *code, unsigned line, unsigned col) {
    ds_schema *s = parse(yaml);
    ds_schema_resolve(s);
    ck_assert_msg(ds_schema_diagnostic_count(s) == 1, "want one diagnostic, got %zu: %s",
                  ds_schema_diagnostic_count(s),
                  ds_schema_diagnostic_count(s) ? ds_schema_diagnostic(s, 0)->message : "");
    expect_diag(s, 0, code, line, col);
    return s;
}

/* The field named name of d. */
static ds_field *field(const ds_decl *d, const char *name) {
    for (size_t i = 0; i < d->field_count; i++)
        if (strcmp(d->fields[i]->name.text, name) == 0) return d->fields[i];
    ck_abort_msg("no field %s", name);
    return NULL;
}

/* ---- the syntax tree ---- */

START_TEST(type_strings_and_modifiers) {
    ds_schema *s = parse_ok("models:\n"
                            "  Post:\n"
                            "    fields:\n"
                            "      a: string\n"
                            "      b: Int!\n"
                            "      c: \"[float]\"\n"
                            "      d: \"[AWSDateTime!]\"\n"
                            "      e: \"[id]!\"\n"
                            "      f: \"[ipAddress!]!\"\n"
                            "      g: [string]\n"
                            "      h: Status\n"
                            "      i: { type: \"Status!\" }\n");
    ck_assert_uint_eq(s->decl_count, 1);
    ds_decl *post = s->decls[0];
    ck_assert_int_eq(post->kind, DS_DECL_MODEL);
    ck_assert_str_eq(post->name.text, "Post");
    ck_assert_uint_eq(post->name.span.line, 2);
    ck_assert_uint_eq(post->name.span.col, 3);
    ck_assert_uint_eq(post->field_count, 9);
    ds_field *a = field(post, "a"), *b = field(post, "b"), *c = field(post, "c");
    ds_field *d = field(post, "d"), *e = field(post, "e"), *f = field(post, "f");
    ds_field *g = field(post, "g"), *h = field(post, "h"), *i = field(post, "i");
    ck_assert_int_eq(a->kind, DS_FIELD_SCALAR);
    ck_assert_int_eq(a->type.scalar, DS_SCALAR_STRING);
    ck_assert(!a->type.required && !a->type.list && !a->type.list_required);
    ck_assert_int_eq(b->type.scalar, DS_SCALAR_INTEGER);
    ck_assert(b->type.required && !b->type.list);
    ck_assert(c->type.list && !c->type.required && !c->type.list_required);
    ck_assert_int_eq(d->type.scalar, DS_SCALAR_DATETIME);
    ck_assert(d->type.list && d->type.required && !d->type.list_required);
    ck_assert(e->type.list && !e->type.required && e->type.list_required);
    ck_assert(f->type.list && f->type.required && f->type.list_required);
    ck_assert_int_eq(f->type.scalar, DS_SCALAR_IPADDRESS);
    ck_assert(g->type.list && !g->type.required);
    ck_assert_str_eq(g->type.base, "string");
    ck_assert_int_eq(h->kind, DS_FIELD_REF);
    ck_assert_str_eq(h->type.base, "Status");
    ck_assert_int_eq(i->kind, DS_FIELD_REF);
    ck_assert(i->type.required);
    /* Spans: the key, and the value node (the quoted string with its quotes). */
    ck_assert_uint_eq(c->name.span.line, 6);
    ck_assert_uint_eq(c->name.span.col, 7);
    ck_assert_uint_eq(c->type.span.col, 10);
    ck_assert_uint_eq(c->type.span.end_col, 19);
    ck_assert_ptr_eq(c->owner, post);
    ds_schema_free(s);
}
END_TEST

START_TEST(declarations_in_file_order_across_sections) {
    ds_schema *s = parse_ok("enums:\n"
                 "  Status: [DRAFT, LIVE]\n"
                 "models:\n"
                 "  Post: { fields: { title: string } }\n"
                 "  Tag: { fields: { name: string } }\n"
                 "types:\n"
                 "  Point: { x: float, y: float }\n"
                 "queries:\n"
                 "  ping: { returns: string, handler: { function: pingFn } }\n"
                 "authorization: [publicApiKey]\n");
    static const ds_decl_kind kinds[] = {DS_DECL_ENUM, DS_DECL_MODEL, DS_DECL_MODEL, DS_DECL_TYPE,
                                         DS_DECL_QUERY};
    static const char *const names[] = {"Status", "Post", "Tag", "Point", "ping"};
    ck_assert_uint_eq(s->decl_count, 5);
    for (size_t i = 0; i < 5; i++) {
        ck_assert_int_eq(s->decls[i]->kind, kinds[i]);
        ck_assert_str_eq(s->decls[i]->name.text, names[i]);
        ck_assert_uint_eq(s->decls[i]->order, i);
    }
    ck_assert_uint_eq(s->decls[0]->values.count, 2);
    ck_assert_str_eq(s->decls[0]->values.items[1].text, "LIVE");
    ck_assert_uint_eq(s->decls[3]->field_count, 2);
    ck_assert(s->auth.present);
    ck_assert_uint_eq(s->auth.count, 1);
    ck_assert_int_eq(s->auth.items[0].allow, DS_ALLOW_PUBLIC_API_KEY);
    ck_assert_uint_eq(s->auth.span.line, 10);
    ds_schema_free(s);
}
END_TEST

/* The default of field name of the first model. */
static const ds_value *default_of(const ds_schema *s, const char *name) {
    const ds_value *v = field(s->decls[0], name)->default_value;
    ck_assert_ptr_nonnull(v);
    return v;
}

START_TEST(defaults_read_under_the_core_schema) {
    ds_schema *s = parse_ok("models:\n"
                            "  M:\n"
                            "    fields:\n"
                            "      a: { type: float, default: 1e3 }\n"
                            "      b: { type: float, default: 2.50 }\n"
                            "      c: { type: integer, default: 0x1F }\n"
                            "      d: { type: integer, default: 0o17 }\n"
                            "      e: { type: string, default: 007 }\n"
                            "      f: { type: string, default: null }\n"
                            "      g: { type: string, default: ~ }\n"
                            "      h: { type: string, default: }\n"
                            "      i: { type: string, default: yes }\n"
                            "      j: { type: boolean, default: TRUE }\n"
                            "      k: { type: boolean, default: off }\n"
                            "      l: { type: date, default: 2023-12-25 }\n"
                            "      m: { type: float, default: .inf }\n"
                            "      n: { type: float, default: -.Inf }\n"
                            "      o: { type: float, default: .NaN }\n"
                            "      p: { type: float, default: 1e21 }\n"
                            "      q: { type: float, default: 1e-7 }\n"
                            "      r: { type: float, default: 0.000001 }\n"
                            "      t: { type: integer, default: 123456789012345678901234 }\n"
                            "      u: { type: string, default: \"12\" }\n"
                            "      v: { type: float, default: -0.0 }\n"
                            "      w: { type: float, default: 1e20 }\n"
                            "      x: { type: float, default: .5 }\n"
                            "      y: { type: float, default: -.125e1 }\n"
                            "      z: { type: integer, default: +12 }\n");
    static const struct { const char *field; ds_value_kind kind; const char *text; } want[] = {
        {"a", DS_VALUE_FLOAT, "1000"},        {"b", DS_VALUE_FLOAT, "2.5"},
        {"c", DS_VALUE_INT, "31"},            {"d", DS_VALUE_INT, "15"},
        {"e", DS_VALUE_INT, "7"},             {"f", DS_VALUE_NULL, "undefined"},
        {"g", DS_VALUE_NULL, "undefined"},    {"h", DS_VALUE_NULL, "undefined"},
        {"i", DS_VALUE_STRING, "yes"},        {"j", DS_VALUE_BOOL, "true"},
        {"k", DS_VALUE_STRING, "off"},        {"l", DS_VALUE_STRING, "2023-12-25"},
        {"m", DS_VALUE_FLOAT, "Infinity"},    {"n", DS_VALUE_FLOAT, "-Infinity"},
        {"o", DS_VALUE_FLOAT, "NaN"},         {"p", DS_VALUE_FLOAT, "1e+21"},
        {"q", DS_VALUE_FLOAT, "1e-7"},        {"r", DS_VALUE_FLOAT, "0.000001"},
        {"t", DS_VALUE_INT, "1.2345678901234569e+23"},
        {"u", DS_VALUE_STRING, "12"},         {"v", DS_VALUE_FLOAT, "0"},
        {"w", DS_VALUE_FLOAT, "100000000000000000000"},
        {"x", DS_VALUE_FLOAT, "0.5"},         {"y", DS_VALUE_FLOAT, "-1.25"},
        {"z", DS_VALUE_INT, "12"}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const ds_value *v = default_of(s, want[i].field);
        ck_assert_msg(v->kind == want[i].kind, "%s: kind %d", want[i].field, v->kind);
        ck_assert_str_eq(v->text, want[i].text);
    }
    ck_assert(default_of(s, "j")->boolean);
    ck_assert_double_eq(default_of(s, "c")->number, 31);
    /* The empty default takes the span of its key. */
    ck_assert_uint_eq(default_of(s, "h")->span.line, 11);
    ck_assert_uint_eq(default_of(s, "h")->span.col, 26);
    ds_schema_free(s);
}
END_TEST

START_TEST(numbers_print_like_javascript) {
    static const struct { double x; const char *text; } want[] = {
        {0, "0"},          {-0.0, "0"},           {1, "1"},           {-1, "-1"},
        {0.1, "0.1"},      {0.1 + 0.2, "0.30000000000000004"},         {123.456, "123.456"},
        {1e21, "1e+21"},   {1e20, "100000000000000000000"},           {1.5e-7, "1.5e-7"},
        {1e-6, "0.000001"}, {123e-20, "1.23e-18"}, {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},       {2.5, "2.5"},
        {-1234.5678, "-1234.5678"}, {9007199254740993.0, "9007199254740992"}};
    char buf[40];
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        ds_js_number(want[i].x, buf, sizeof buf);
        ck_assert_str_eq(buf, want[i].text);
    }
    ds_js_number(NAN, buf, sizeof buf);
    ck_assert_str_eq(buf, "NaN");
    ds_js_number(-INFINITY, buf, sizeof buf);
    ck_assert_str_eq(buf, "-Infinity");
}
END_TEST

START_TEST(big_octal_and_hex_round_like_parseInt) {
    ds_schema *s = parse_ok("models:\n"
                            "  M:\n"
                            "    fields:\n"
                            "      a: { type: float, default: 0o1777777777777777777777777 }\n"
                            "      b: { type: float, default: 0xFFFFFFFFFFFFFFFFFF }\n"
                            "      c: { type: float, default: 0o0000017 }\n");
    ck_assert_str_eq(default_of(s, "a")->text, "9.44473296573929e+21");
    ck_assert_str_eq(default_of(s, "b")->text, "4.722366482869645e+21");
    ck_assert_str_eq(default_of(s, "c")->text, "15");
    ds_schema_free(s);
}
END_TEST

START_TEST(inline_enum_and_nested_custom_types) {
    ds_schema *s = parse_ok("models:\n"
                            "  Store:\n"
                            "    fields:\n"
                            "      privacy: { enum: [PRIVATE, PUBLIC] }\n"
                            "      address:\n"
                            "        customType:\n"
                            "          street: string\n"
                            "          geo: { customType: { lat: float, kind: { enum: [GPS] } } }\n");
    ds_decl *store = s->decls[0];
    ck_assert_uint_eq(s->decl_count, 1);
    ds_field *privacy = field(store, "privacy"), *address = field(store, "address");
    ck_assert_int_eq(privacy->kind, DS_FIELD_INLINE_ENUM);
    ds_decl *e = privacy->inline_decl;
    ck_assert_int_eq(e->kind, DS_DECL_ENUM);
    ck_assert(e->implicit);
    ck_assert_ptr_eq(e->origin, privacy);
    ck_assert_ptr_null(e->name.text);
    ck_assert_uint_eq(e->values.count, 2);
    ck_assert_int_eq(address->kind, DS_FIELD_INLINE_TYPE);
    ds_decl *t = address->inline_decl;
    ck_assert_int_eq(t->kind, DS_DECL_TYPE);
    ck_assert(t->implicit);
    ck_assert_uint_eq(t->field_count, 2);
    ds_field *geo = field(t, "geo");
    ck_assert_ptr_eq(geo->owner, t);
    ck_assert_int_eq(geo->kind, DS_FIELD_INLINE_TYPE);
    ds_field *kind = field(geo->inline_decl, "kind");
    ck_assert_int_eq(kind->kind, DS_FIELD_INLINE_ENUM);
    ck_assert_str_eq(kind->inline_decl->values.items[0].text, "GPS");
    ds_schema_free(s);
}
END_TEST

START_TEST(relationships_and_their_references) {
    ds_schema *s = parse_ok("models:\n"
                            "  Team:\n"
                            "    fields:\n"
                            "      members: { hasMany: Member, references: [teamId, teamSk] }\n"
                            "      lead: { hasOne: Member, references: leadTeamId, authorization: [owner] }\n"
                            "  Member:\n"
                            "    fields:\n"
                            "      team: { belongsTo: Team, references: teamId }\n");
    ds_field *members = field(s->decls[0], "members"), *lead = field(s->decls[0], "lead");
    ds_field *team = field(s->decls[1], "team");
    ck_assert_int_eq(members->kind, DS_FIELD_RELATION);
    ck_assert_int_eq(members->rel->kind, DS_REL_HAS_MANY);
    ck_assert_str_eq(members->rel->related.text, "Member");
    ck_assert(members->rel->references.present);
    ck_assert_uint_eq(members->rel->references.count, 2);
    ck_assert_str_eq(members->rel->references.items[1].text, "teamSk");
    ck_assert_int_eq(lead->rel->kind, DS_REL_HAS_ONE);
    ck_assert_uint_eq(lead->rel->references.count, 1);
    ck_assert_ptr_nonnull(lead->auth);
    ck_assert(lead->auth->present);
    ck_assert_int_eq(lead->auth->items[0].allow, DS_ALLOW_OWNER);
    ck_assert_int_eq(team->rel->kind, DS_REL_BELONGS_TO);
    ck_assert_str_eq(team->rel->references.items[0].text, "teamId");
    ds_schema_free(s);
}
END_TEST

START_TEST(rules_bare_and_as_maps) {
    ds_schema *s = parse_ok("models:\n"
                            "  Doc:\n"
                            "    fields: { body: string }\n"
                            "    authorization:\n"
                            "      - guest\n"
                            "      - { allow: owner, provider: oidc, identityClaim: user_id }\n"
                            "      - { allow: groups, groups: [Admin, Editors], groupClaim: \"custom:groups\" }\n"
                            "      - { allow: group, group: Moderators, to: [read, update] }\n"
                            "      - { allow: ownersDefinedIn, field: editors }\n"
                            "      - { allow: custom, provider: function }\n"
                            "      - { allow: authenticated, provider: identityPool }\n");
    const ds_rules *r = &s->decls[0]->auth;
    ck_assert(r->present);
    ck_assert_uint_eq(r->count, 7);
    ck_assert_int_eq(r->items[0].allow, DS_ALLOW_GUEST);
    ck_assert_uint_eq(r->items[0].allow_span.line, 5);
    ck_assert_int_eq(r->items[1].allow, DS_ALLOW_OWNER);
    ck_assert_int_eq(r->items[1].provider, DS_PROVIDER_OIDC);
    ck_assert_str_eq(r->items[1].identity_claim.text, "user_id");
    ck_assert_int_eq(r->items[2].allow, DS_ALLOW_GROUPS);
    ck_assert_uint_eq(r->items[2].groups.count, 2);
    ck_assert_str_eq(r->items[2].group_claim.text, "custom:groups");
    ck_assert_int_eq(r->items[2].provider, DS_PROVIDER_DEFAULT);
    ck_assert_str_eq(r->items[3].group.text, "Moderators");
    ck_assert_uint_eq(r->items[3].to.count, 2);
    ck_assert_str_eq(r->items[3].to.items[1].text, "update");
    ck_assert_int_eq(r->items[4].allow, DS_ALLOW_OWNERS_DEFINED_IN);
    ck_assert_str_eq(r->items[4].field.text, "editors");
    ck_assert_int_eq(r->items[5].provider, DS_PROVIDER_FUNCTION);
    ck_assert_int_eq(r->items[6].provider, DS_PROVIDER_IDENTITY_POOL);
    for (size_t i = 0; i < r->count; i++) ck_assert(!r->items[i].invalid);
    ds_schema_free(s);
}
END_TEST

START_TEST(model_identifier_indexes_and_disabled_operations) {
    ds_schema *s = parse_ok("models:\n"
                            "  Order:\n"
                            "    identifier: [customerId, orderedAt]\n"
                            "    secondaryIndexes:\n"
                            "      - email\n"
                            "      - field: region\n"
                            "        sortKeys: [createdOn, name]\n"
                            "        name: regionDate\n"
                            "        queryField: byRegionDate\n"
                            "        projection: KEYS_ONLY\n"
                            "      - { field: zip, queryField: null, projection: ALL }\n"
                            "      - { field: city, projection: { type: INCLUDE, nonKeyAttributes: [a, b] } }\n"
                            "    disableOperations: [mutations, onCreate]\n"
                            "    fields: { customerId: id!, orderedAt: datetime! }\n");
    ds_decl *d = s->decls[0];
    ck_assert(d->identifier.present);
    ck_assert_uint_eq(d->identifier.count, 2);
    ck_assert_uint_eq(d->identifier.span.line, 3);
    ck_assert(d->indexes_present);
    ck_assert_uint_eq(d->index_count, 4);
    ck_assert_str_eq(d->indexes[0].field.text, "email");
    ck_assert_uint_eq(d->indexes[1].sort_keys.count, 2);
    ck_assert_str_eq(d->indexes[1].name.text, "regionDate");
    ck_assert_str_eq(d->indexes[1].query_field.text, "byRegionDate");
    ck_assert_int_eq(d->indexes[1].projection, DS_PROJECTION_KEYS_ONLY);
    ck_assert(d->indexes[2].query_field_null);
    ck_assert_ptr_null(d->indexes[2].query_field.text);
    ck_assert_int_eq(d->indexes[2].projection, DS_PROJECTION_ALL);
    ck_assert_int_eq(d->indexes[3].projection, DS_PROJECTION_INCLUDE);
    ck_assert_uint_eq(d->indexes[3].non_key_attributes.count, 2);
    ck_assert_int_eq(d->indexes[0].projection, DS_PROJECTION_NONE);
    ck_assert_uint_eq(d->disabled_ops.count, 2);
    ck_assert_str_eq(d->disabled_ops.items[1].text, "onCreate");
    ds_schema_free(s);
}
END_TEST

START_TEST(custom_operations_and_subscriptions) {
    ds_schema *s = parse_ok("queries:\n"
                            "  echo:\n"
                            "    arguments: { content: string, times: \"integer!\" }\n"
                            "    returns: EchoResponse\n"
                            "    handler: { function: echoFn }\n"
                            "    authorization: [publicApiKey]\n"
                            "mutations:\n"
                            "  transfer:\n"
                            "    returns: { customType: { ok: boolean } }\n"
                            "    handler: [{ function: a }, { function: b }]\n"
                            "  like:\n"
                            "    returns: \"[string]\"\n"
                            "    handler: { custom: { entry: ./like.js, dataSource: PostTable } }\n"
                            "subscriptions:\n"
                            "  onLike:\n"
                            "    for: like\n"
                            "    handler: { custom: { entry: ./onLike.js } }\n"
                            "  onPost:\n"
                            "    for: [{ model: Post, mutations: [create, update] }, like]\n"
                            "    handler: { custom: { entry: ./onPost.js } }\n");
    ck_assert_uint_eq(s->decl_count, 5);
    ds_decl *echo = s->decls[0], *transfer = s->decls[1], *like = s->decls[2];
    ds_decl *on_like = s->decls[3], *on_post = s->decls[4];
    ck_assert_int_eq(echo->kind, DS_DECL_QUERY);
    ck_assert_uint_eq(echo->argument_count, 2);
    ck_assert(echo->arguments[1]->type.required);
    ck_assert_int_eq(echo->returns->kind, DS_FIELD_REF);
    ck_assert_str_eq(echo->returns->type.base, "EchoResponse");
    ck_assert(echo->handler_present);
    ck_assert_uint_eq(echo->handler_count, 1);
    ck_assert_int_eq(echo->handlers[0].kind, DS_HANDLER_FUNCTION);
    ck_assert_str_eq(echo->handlers[0].function.text, "echoFn");
    ck_assert_uint_eq(echo->auth.count, 1);
    ck_assert_int_eq(transfer->kind, DS_DECL_MUTATION);
    ck_assert_int_eq(transfer->returns->kind, DS_FIELD_INLINE_TYPE);
    ck_assert_uint_eq(transfer->returns->inline_decl->field_count, 1);
    ck_assert_uint_eq(transfer->handler_count, 2);
    ck_assert(like->returns->type.list);
    ck_assert_int_eq(like->handlers[0].kind, DS_HANDLER_CUSTOM);
    ck_assert_str_eq(like->handlers[0].entry.text, "./like.js");
    ck_assert_str_eq(like->handlers[0].data_source.text, "PostTable");
    ck_assert_int_eq(on_like->kind, DS_DECL_SUBSCRIPTION);
    ck_assert(on_like->sources_present);
    ck_assert_uint_eq(on_like->source_count, 1);
    ck_assert(!on_like->sources[0].is_model);
    ck_assert_str_eq(on_like->sources[0].name.text, "like");
    ck_assert_uint_eq(on_post->source_count, 2);
    ck_assert(on_post->sources[0].is_model);
    ck_assert_str_eq(on_post->sources[0].name.text, "Post");
    ck_assert_uint_eq(on_post->sources[0].mutations.count, 2);
    ck_assert_str_eq(on_post->sources[1].name.text, "like");
    ds_schema_free(s);
}
END_TEST

START_TEST(anchors_and_aliases_are_expanded) {
    ds_schema *s = parse_ok("authorization: &public [publicApiKey]\n"
                            "models:\n"
                            "  A:\n"
                            "    authorization: *public\n"
                            "    fields: &fields { name: &text \"string!\", n: { type: float, default: 0 } }\n"
                            "  B:\n"
                            "    fields: *fields\n"
                            "  C:\n"
                            "    fields: { title: *text }\n");
    ck_assert_uint_eq(s->decl_count, 3);
    ck_assert_uint_eq(s->decls[0]->auth.count, 1);
    ck_assert_uint_eq(s->decls[1]->field_count, 2);
    ck_assert_ptr_ne(s->decls[1]->fields[0], s->decls[0]->fields[0]);
    ck_assert_ptr_eq(s->decls[1]->fields[0]->owner, s->decls[1]);
    ck_assert_str_eq(field(s->decls[1], "n")->default_value->text, "0");
    ck_assert(field(s->decls[2], "title")->type.required);
    ds_schema_free(s);
}
END_TEST

START_TEST(empty_and_comment_only_files_are_empty_schemas) {
    static const char *const inputs[] = {"", "# nothing yet\n", "\n\n", "---\n", "~\n"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        ds_schema *s = parse_ok(inputs[i]);
        ck_assert_uint_eq(s->decl_count, 0);
        ck_assert(!s->auth.present);
        ds_schema_free(s);
    }
}
END_TEST

START_TEST(files_add_up_in_order) {
    ds_schema *s = ds_schema_new();
    const char *a = "authorization: [publicApiKey]\nmodels: { A: { fields: { x: string } } }\n";
    const char *b = "enums: { E: [X] }\nmodels: { B: { fields: { y: string } } }\n";
    ck_assert_uint_eq(ds_schema_parse(s, "a.yaml", a, strlen(a)), 0);
    ck_assert_uint_eq(ds_schema_parse(s, "b.yaml", b, strlen(b)), 0);
    ck_assert_uint_eq(s->decl_count, 3);
    ck_assert_str_eq(s->decls[2]->name.text, "B");
    ck_assert_uint_eq(s->decls[2]->order, 2);
    ck_assert_uint_eq(s->decls[2]->name.span.file, 1);
    ds_schema_free(s);
}
END_TEST

/* ---- diagnostics ---- */

START_TEST(yaml_syntax_errors_point_where_the_construct_starts) {
    ds_schema *s = expect_one("models:\n  Note:\n    fields:\n\ttitle: string\n", DS_E_YAML_SYNTAX, 4, 1);
    expect_message(s, "tab");
    ds_schema_free(s);
    s = expect_one("models:\n  Note:\n    fields:\n      title: \"string\n      body: string\n",
                   DS_E_YAML_SYNTAX, 4, 14);
    expect_message(s, "never closed");
    ds_schema_free(s);
    s = expect_one("models:\n  Note:\n    fields: { title: string\n  Tag: {}\n", DS_E_YAML_SYNTAX, 3, 13);
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    fields:\n      a: string\n     b: string\n", DS_E_YAML_SYNTAX, 5, 6);
    ds_schema_free(s);
    s = expect_one("a: 1\nb\n", DS_E_YAML_SYNTAX, 2, 1);
    ds_schema_free(s);
    /* The end of a file without a final newline is on its last line. */
    s = expect_one("models:\n  A: { fi", DS_E_YAML_SYNTAX, 2, 6);
    const ds_diagnostic *d = ds_schema_diagnostic(s, 0);
    ck_assert_uint_eq(d->note_count, 1);
    ck_assert_uint_eq(d->notes[0].location.line, 2);
    ck_assert_uint_eq(d->notes[0].location.column, 10);
    ds_schema_free(s);
}
END_TEST

START_TEST(encoding_errors_are_located) {
    const char bad_utf8[] = "models:\n  A\xc3\xa9: { fields: { \xff: string } }\n";
    ds_schema *s = expect_one(bad_utf8, DS_E_ENCODING, 2, 19);
    ds_schema_free(s);
    const char nul[] = "models:\n  A: x\0y\n";
    s = ds_schema_new();
    ds_schema_parse(s, "nul.yaml", nul, sizeof nul - 1);
    ck_assert_uint_eq(ds_schema_error_count(s), 1);
    expect_diag(s, 0, DS_E_ENCODING, 2, 7);
    ds_schema_free(s);
    s = expect_one("a: \x01\n", DS_E_ENCODING, 1, 4);
    ds_schema_free(s);
    s = expect_one("\xef\xbb\xbfmodel: {}\n", DS_E_UNKNOWN_KEY, 1, 1); /* a BOM takes no column */
    ds_schema_free(s);
    s = expect_one("\xef\xbb\xbf\tmodels: {}\n", DS_E_YAML_SYNTAX, 1, 1);
    ds_schema_free(s);
    s = parse_ok("\xef\xbb\xbf" "authorization: [publicApiKey]\nmodels: { A: { fields: { a: id } } }\n");
    ck_assert_uint_eq(s->decl_count, 1);
    ds_schema_free(s);
    s = expect_one("a: 1\rb: 2\r\nc: \x01\n", DS_E_ENCODING, 3, 4);  /* CR and CR LF end lines */
    ds_schema_free(s);
    s = expect_one("a: \xed\xa0\x80\n", DS_E_ENCODING, 1, 4); /* a UTF-16 surrogate */
    ds_schema_free(s);
    s = expect_one("types: { T: { a: \"x\\0y\" } }\n", DS_E_ENCODING, 1, 18);
    ds_schema_free(s);
}
END_TEST

START_TEST(duplicate_keys_in_any_map) {
    ds_schema *s = expect_one("models:\n  Note:\n    fields: { a: string }\n  Note:\n    fields: { b: string }\n",
                              DS_E_DUPLICATE_KEY, 4, 3);
    const ds_diagnostic *d = ds_schema_diagnostic(s, 0);
    ck_assert_uint_eq(d->note_count, 1);
    ck_assert_uint_eq(d->notes[0].location.line, 2);
    ck_assert_uint_eq(s->decl_count, 1);  /* the second one is dropped */
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    fields:\n      t: string\n      b: string\n      \"t\": id\n",
                   DS_E_DUPLICATE_KEY, 6, 7);
    ck_assert_uint_eq(s->decls[0]->field_count, 2);
    ds_schema_free(s);
    s = parse("x:\n  a: 1\n  a: 2\nmodels: {}\n");  /* inside unknown keys too */
    ck_assert_uint_eq(ds_schema_error_count(s), 2);
    expect_diag(s, 0, DS_E_UNKNOWN_KEY, 1, 1);
    expect_diag(s, 1, DS_E_DUPLICATE_KEY, 3, 3);
    ds_schema_free(s);
}
END_TEST

START_TEST(a_big_map_finds_its_duplicates) {
    char yaml[8192] = "types:\n  T:\n";
    for (int i = 0; i < 100; i++) sprintf(yaml + strlen(yaml), "    f%d: string\n", i);
    strcat(yaml, "    f42: id\n");
    ds_schema *s = expect_one(yaml, DS_E_DUPLICATE_KEY, 103, 5);
    ck_assert_uint_eq(s->decls[0]->field_count, 100);
    ds_schema_free(s);
}
END_TEST

START_TEST(unknown_keys_say_did_you_mean) {
    ds_schema *s = expect_one("model:\n  A: {}\n", DS_E_UNKNOWN_KEY, 1, 1);
    expect_message(s, "did you mean models?");
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    secondaryIndex: [a]\n    fields: { a: string }\n",
                   DS_E_UNKNOWN_KEY, 3, 5);
    expect_message(s, "did you mean secondaryIndexes?");
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    fields: { a: { type: string, requried: true } }\n",
                   DS_E_UNKNOWN_KEY, 3, 34);
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    fields: { a: { belongsTo: B, refrences: bId } }\n",
                   DS_E_UNKNOWN_KEY, 3, 34);  /* and no second error for the missing references */
    expect_message(s, "did you mean references?");
    ds_schema_free(s);
    s = expect_one("<<: { models: {} }\n", DS_E_UNKNOWN_KEY, 1, 1);
    expect_message(s, "merge keys");
    ds_schema_free(s);
}
END_TEST

START_TEST(values_of_the_wrong_kind) {
    ds_schema *s = expect_one("authorization: publicApiKey\n", DS_E_WRONG_KIND, 1, 16);
    ck_assert(s->auth.present && s->auth.invalid);
    ds_schema_free(s);
    s = expect_one("models:\n  Note:\n    fields: [title, body]\n", DS_E_WRONG_KIND, 3, 13);
    ck_assert(s->decls[0]->invalid);
    ds_schema_free(s);
    s = expect_one("- models\n", DS_E_WRONG_KIND, 1, 1);
    ds_schema_free(s);
    s = expect_one("enums:\n  E: { A: 1 }\n", DS_E_WRONG_KIND, 2, 6);
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    identifier: id\n    fields: { a: string }\n", DS_E_WRONG_KIND, 3, 17);
    ck_assert(s->decls[0]->identifier.invalid);
    ds_schema_free(s);
    s = expect_one("models:\n", DS_E_WRONG_KIND, 1, 1);
    ds_schema_free(s);
}
END_TEST

START_TEST(names_that_are_not_graphql_names) {
    ds_schema *s = expect_one("models:\n  Blog-Post:\n    fields: { t: string }\n", DS_E_BAD_NAME, 2, 3);
    expect_message(s, "dash");
    ck_assert(s->decls[0]->invalid);
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    fields:\n      2fa: boolean\n", DS_E_BAD_NAME, 4, 7);
    expect_message(s, "digit");
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    fields: { \"na me\": string }\n", DS_E_BAD_NAME, 3, 15);
    expect_message(s, "whitespace");
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    fields: { b: { belongsTo: B-2, references: x } }\n",
                   DS_E_BAD_NAME, 3, 31);
    ds_schema_free(s);
}
END_TEST

START_TEST(bad_type_strings) {
    static const struct { const char *type; const char *why; } cases[] = {
        {"\"string!!\"", "two exclamation marks"}, {"\"[string\"", "no closing bracket"},
        {"\"string]\"", "closing bracket without"}, {"\"[[string]]\"", "list of lists"},
        {"\"[]\"", "no type name"},               {"\"str ing\"", "space"},
        {"\"string[]\"", "after the name"},       {"\"[string]!!\"", "two exclamation marks"},
        {"\"1st\"", "digit"},                      {"\"\"", "empty"},
        {"12", "number"},                          {"[a, b]", "one type name"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char yaml[256];
        snprintf(yaml, sizeof yaml, "models:\n  A:\n    fields:\n      t: %s\n", cases[i].type);
        ds_schema *s = expect_one(yaml, DS_E_BAD_TYPE, 4, 10);
        expect_message(s, cases[i].why);
        ck_assert(s->decls[0]->fields[0]->invalid);
        ds_schema_free(s);
    }
}
END_TEST

START_TEST(bad_values_with_suggestions) {
    ds_schema *s = expect_one("models:\n  A:\n    disableOperations: [read]\n    fields: { a: string }\n",
                              DS_E_BAD_VALUE, 3, 25);
    expect_message(s, "did you mean queries, get or list?");
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    secondaryIndexes: [{ field: a, projection: SOME }]\n"
                   "    fields: { a: string }\n", DS_E_BAD_VALUE, 3, 48);
    expect_message(s, "KEYS_ONLY, ALL or INCLUDE");
    ds_schema_free(s);
    s = expect_one("authorization:\n  - allow: everyone\n", DS_E_BAD_VALUE, 2, 12);
    expect_message(s, "did you mean publicApiKey or guest?");
    ck_assert(s->auth.items[0].invalid);
    ds_schema_free(s);
    s = expect_one("authorization:\n  - { allow: owner, provider: userPool }\n", DS_E_BAD_VALUE, 2, 31);
    expect_message(s, "did you mean");
    ds_schema_free(s);
    s = expect_one("authorization:\n  - { allow: owner, to: [read, write] }\n", DS_E_BAD_VALUE, 2, 32);
    ds_schema_free(s);
    s = expect_one("authorization:\n  - publicApiKy\n", DS_E_BAD_VALUE, 2, 5);
    expect_message(s, "did you mean publicApiKey?");
    ds_schema_free(s);
    s = expect_one("subscriptions:\n  s:\n    for: { model: Post, mutations: [created] }\n",
                   DS_E_BAD_VALUE, 3, 37);
    ds_schema_free(s);
}
END_TEST

START_TEST(enum_values_names_and_duplicates) {
    ds_schema *s = expect_one("enums:\n  E:\n    - A\n    - in-progress\n", DS_E_BAD_NAME, 4, 7);
    ds_schema_free(s);
    s = expect_one("enums:\n  E: [A, B, A]\n", DS_E_DUPLICATE_VALUE, 2, 13);
    ck_assert_uint_eq(ds_schema_diagnostic(s, 0)->note_count, 1);
    ck_assert_uint_eq(s->decls[0]->values.count, 2);
    ds_schema_free(s);
    s = expect_one("enums:\n  E: [A, \"null\"]\n", DS_E_BAD_NAME, 2, 10);
    ds_schema_free(s);
    s = expect_one("enums:\n  E: [A, 12]\n", DS_E_WRONG_KIND, 2, 10);
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    fields: { e: { enum: [X, X] } }\n", DS_E_DUPLICATE_VALUE, 3, 30);
    ds_schema_free(s);
}
END_TEST

START_TEST(relationship_shape) {
    ds_schema *s = expect_one("models:\n  Team:\n    fields:\n      members: { hasMany: Member }\n",
                              DS_E_MISSING_KEY, 4, 7);
    expect_message(s, "Team.members");
    ck_assert(s->decls[0]->fields[0]->invalid);
    ds_schema_free(s);
    s = expect_one("models:\n  Pet:\n    fields:\n      owner: { belongsTo: P, hasOne: P, references: x }\n",
                   DS_E_BAD_VALUE, 4, 30);
    ck_assert_uint_eq(ds_schema_diagnostic(s, 0)->note_count, 1);
    ds_schema_free(s);
}
END_TEST

START_TEST(missing_keys) {
    ds_schema *s = expect_one("models:\n  A:\n    authorization: [owner]\n", DS_E_MISSING_KEY, 2, 3);
    ck_assert(s->decls[0]->invalid);
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    fields: { a: { default: 1 } }\n", DS_E_MISSING_KEY, 3, 15);
    ds_schema_free(s);
    s = expect_one("authorization:\n  - { to: [read] }\n", DS_E_MISSING_KEY, 2, 5);
    ds_schema_free(s);
    s = expect_one("queries:\n  q: { returns: string, handler: { custom: { dataSource: T } } }\n",
                   DS_E_MISSING_KEY, 2, 36);
    ds_schema_free(s);
}
END_TEST

START_TEST(tags_are_checked) {
    ds_schema *s = parse_ok("types:\n  T:\n    a: !!str string\n");
    ds_schema_free(s);
    s = parse_ok("models:\n  M:\n    fields: { a: { type: string, default: !!str 12 } }\n");
    ck_assert_int_eq(field(s->decls[0], "a")->default_value->kind, DS_VALUE_STRING);
    ds_schema_free(s);
    s = expect_one("types:\n  T:\n    a: !custom string\n", DS_E_YAML_SYNTAX, 3, 8);
    ds_schema_free(s);
    s = expect_one("types:\n  T:\n    a: !!int string\n", DS_E_YAML_SYNTAX, 3, 8);
    ds_schema_free(s);
}
END_TEST

START_TEST(limits_fail_fast_with_a_location) {
    /* A "billion laughs": 40 levels that each double the one before. */
    char yaml[4096] = "types:\n  T:\n    a0: &a0 { customType: { x: string } }\n";
    for (int i = 1; i < 40; i++)
        sprintf(yaml + strlen(yaml), "    a%d: &a%d { customType: { p: *a%d, q: *a%d } }\n", i, i,
                i - 1, i - 1);
    ds_schema *s = parse(yaml);
    ck_assert_uint_eq(ds_schema_error_count(s), 1);
    const ds_diagnostic *d = ds_schema_diagnostic(s, 0);
    ck_assert_str_eq(d->code, DS_E_LIMIT);
    ck_assert_uint_gt(d->location.line, 3);
    ck_assert_uint_eq(s->decl_count, 0);
    ds_schema_free(s);
    /* Nesting past the depth limit. */
    size_t n = 100000;
    char *deep = malloc(2 * n + 8);
    memcpy(deep, "a: ", 3);
    memset(deep + 3, '[', n);
    memset(deep + 3 + n, ']', n);
    strcpy(deep + 3 + 2 * n, "\n");
    s = parse(deep);
    free(deep);
    ck_assert_uint_eq(ds_schema_error_count(s), 1);
    expect_diag(s, 0, DS_E_LIMIT, 1, 3 + DS_YAML_MAX_DEPTH);
    ds_schema_free(s);
    s = expect_one("a: &a [*a]\n", DS_E_YAML_SYNTAX, 1, 8);  /* an alias into its own anchor */
    ds_schema_free(s);
}
END_TEST

START_TEST(one_document_per_file) {
    ds_schema *s = expect_one("models: { A: { fields: { a: string } } }\n---\nenums: {}\n",
                              DS_E_YAML_SYNTAX, 2, 1);
    ck_assert_uint_eq(s->decl_count, 1);
    ds_schema_free(s);
}
END_TEST

START_TEST(schema_rules_once_across_files) {
    ds_schema *s = ds_schema_new();
    const char *a = "authorization: [publicApiKey]\n";
    const char *b = "models: { A: { fields: { a: string } } }\nauthorization: [guest]\n";
    ds_schema_parse(s, "a.yaml", a, strlen(a));
    ck_assert_uint_eq(ds_schema_parse(s, "b.yaml", b, strlen(b)), 1);
    const ds_diagnostic *d = ds_schema_diagnostic(s, 0);
    ck_assert_str_eq(d->code, DS_E_DUPLICATE_KEY);
    ck_assert_str_eq(d->location.file, "b.yaml");
    ck_assert_uint_eq(d->location.line, 2);
    ck_assert_uint_eq(d->note_count, 1);
    ck_assert_str_eq(d->notes[0].location.file, "a.yaml");
    ck_assert_int_eq(s->auth.items[0].allow, DS_ALLOW_PUBLIC_API_KEY);
    ds_schema_free(s);
}
END_TEST

START_TEST(every_error_of_a_file_is_reported) {
    ds_schema *s = parse("models:\n"
                         "  Blog-Post:\n"                                  /* 2: bad name */
                         "    fields: { t: \"string!!\" }\n"               /* 3: bad type */
                         "  Note:\n"
                         "    feilds: { a: string }\n"                     /* 5: unknown key */
                         "  Tag:\n"
                         "    fields: { a: string }\n"
                         "    disableOperations: [read, lists]\n"          /* 8: two bad values */
                         "    authorization: [{ allow: owner, provider: api }]\n"  /* 9 */
                         "enums:\n"
                         "  E: [A, A, b-c]\n"                              /* 11: dup, bad name */
                         "types:\n"
                         "  T: [x]\n");                                    /* 13: wrong kind */
    /* The misspelt fields of Note is one mistake: no "Note has no fields". */
    static const struct { const char *code; unsigned line, col; } want[] = {
        {DS_E_BAD_NAME, 2, 3},       {DS_E_BAD_TYPE, 3, 18},
        {DS_E_UNKNOWN_KEY, 5, 5},    {DS_E_BAD_VALUE, 8, 25},    {DS_E_BAD_VALUE, 8, 31},
        {DS_E_BAD_VALUE, 9, 47},     {DS_E_DUPLICATE_VALUE, 11, 10}, {DS_E_BAD_NAME, 11, 13},
        {DS_E_WRONG_KIND, 13, 6}};
    size_t n = sizeof want / sizeof *want;
    ck_assert_uint_eq(ds_schema_error_count(s), n);
    for (size_t i = 0; i < n; i++) expect_diag(s, i, want[i].code, want[i].line, want[i].col);
    ck_assert_uint_eq(s->decl_count, 5);  /* every declaration is kept, the broken ones invalid */
    ds_schema_free(s);
}
END_TEST

START_TEST(errors_inside_an_alias_are_reported_once) {
    ds_schema *s = parse("models:\n"
                         "  A: { fields: &f { x: \"string!!\" } }\n"
                         "  B: { fields: *f }\n"
                         "  C: { fields: *f }\n");
    ck_assert_uint_eq(ds_schema_error_count(s), 1);
    expect_diag(s, 0, DS_E_BAD_TYPE, 2, 24);
    ds_schema_free(s);
}
END_TEST

START_TEST(a_misspelt_required_key_is_one_error) {
    static const struct { const char *yaml; unsigned line, col; const char *says; } cases[] = {
        {"models:\n  Product:\n    feilds: { name: string }\n", 3, 5, "did you mean fields?"},
        {"models:\n  A:\n    fields: { a: string }\n    authorization:\n      - alow: owner\n",
         5, 9, "did you mean allow?"},
        {"models:\n  Post:\n    fields: { a: string }\nsubscriptions:\n  s:\n"
         "    for: { modle: Post, mutations: [create] }\n    handler: { function: f }\n",
         6, 12, "did you mean model?"},
        {"models:\n  Post:\n    fields: { a: string }\nsubscriptions:\n  s:\n"
         "    for: { model: Post, mutaions: [create] }\n    handler: { function: f }\n",
         6, 25, "did you mean mutations?"},
        {"models:\n  A:\n    fields: { a: string }\n    secondaryIndexes: [{ feild: a }]\n",
         4, 26, "did you mean field?"},
        {"models:\n  A:\n    fields: { a: string, b: string }\n"
         "    secondaryIndexes: [{ field: a, projection: { tpye: INCLUDE, nonKeyAttributes: [b] } }]\n",
         4, 50, "did you mean type?"},
        {"queries:\n  q:\n    returns: string\n    handler: { custom: { entyr: ./q.js } }\n",
         4, 26, "did you mean entry?"},
        {"queries:\n  q:\n    retruns: string\n    handler: { function: f }\n", 3, 5,
         "did you mean returns?"},
        {"mutations:\n  m:\n    returns: string\n    handlr: { function: f }\n", 4, 5,
         "did you mean handler?"},
        {"mutations:\n  m:\n    returns: string\n    handler: { function: f }\n"
         "subscriptions:\n  s:\n    fro: m\n    handler: { function: f }\n", 7, 5, "did you mean for?"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char yaml[512];
        snprintf(yaml, sizeof yaml, "authorization: [publicApiKey]\n%s", cases[i].yaml);
        ds_schema *s = resolve_one(yaml, DS_E_UNKNOWN_KEY, cases[i].line + 1, cases[i].col);
        expect_message(s, cases[i].says);
        ds_schema_free(s);
    }
    /* A key that is no misspelling of fields does not stand for it: two mistakes. */
    ds_schema *s = parse("models:\n  A:\n    colour: red\n");
    ck_assert_uint_eq(ds_schema_error_count(s), 2);
    expect_diag(s, 0, DS_E_MISSING_KEY, 2, 3);
    expect_diag(s, 1, DS_E_UNKNOWN_KEY, 3, 5);
    ds_schema_free(s);
}
END_TEST

START_TEST(missing_references_name_the_child_and_the_parent) {
    /* The reference fields are on the child and hold the parent's identifier. */
    static const struct { const char *field, *hint; } cases[] = {
        {"members: { hasMany: Member }",
         "name the field(s) of Member that hold Team's identifier: `references: teamId`"},
        {"lead: { hasOne: Member }",
         "name the field(s) of Member that hold Team's identifier: `references: teamId`"},
        {"league: { belongsTo: League }",
         "name the field(s) of Team that hold League's identifier: `references: leagueId`"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char yaml[256];
        snprintf(yaml, sizeof yaml, "models:\n  Team:\n    fields:\n      %s\n", cases[i].field);
        ds_schema *s = expect_one(yaml, DS_E_MISSING_KEY, 4, 7);
        expect_hint(s, 0, cases[i].hint);
        ds_schema_free(s);
    }
}
END_TEST

START_TEST(wrong_kinds_name_the_construct_and_what_was_found) {
    static const struct { const char *yaml; unsigned line, col; const char *message; } cases[] = {
        {"models:\n  Product:\n    fields:\n      - name: string\n", 4, 7,
         "the fields of Product must be a map of field names to types, not a list"},
        {"models:\n  A:\n    fields:\n", 3, 5,
         "the fields of A must be a map of field names to types, but it is empty"},
        {"models: [A]\n", 1, 9, "the models section must be a map of model names to models, not a list"},
        {"authorization: publicApiKey\n", 1, 16,
         "the authorization of the schema must be a list of rules, not a single value (publicApiKey)"},
        {"models:\n  A:\n    fields: { a: { type: string, authorization: owner } }\n", 3, 49,
         "the authorization of A.a must be a list of rules, not a single value (owner)"},
        {"models:\n  A:\n    fields: { a: id! }\n    identifier: a\n", 4, 17,
         "the identifier of A must be a list of names, not a single value (a)"},
        {"models:\n  A:\n    fields: { a: string }\n    disableOperations: get\n", 4, 24,
         "the disableOperations of A must be a list, not a single value (get)"},
        {"models:\n  A:\n    fields: { a: string }\n    secondaryIndexes: { a: 1 }\n", 4, 23,
         "the secondaryIndexes of A must be a list of indexes, not a map"},
        {"models:\n  A:\n    fields: { a: string, b: string }\n    secondaryIndexes: [{ field: a, sortKeys: b }]\n",
         4, 46, "the sortKeys of the index on A.a must be a list of names, not a single value (b)"},
        {"models:\n  A:\n    fields: { a: { type: string, default: [1] } }\n", 3, 43,
         "the default of A.a must be a single value, not a list"},
        {"models:\n  A:\n    fields: { b: { belongsTo: B, references: { x: 1 } } }\n", 3, 46,
         "the references of A.b must be a name or a list of names, not a map"},
        {"models:\n  A:\n    fields: { e: { enum: { X: 1 } } }\n", 3, 26,
         "the enum of A.e must be a list of values, not a map"},
        {"enums:\n  Status: { ACTIVE: 1 }\n", 2, 11, "the enum Status must be a list of values, not a map"},
        {"models:\n  S:\n    fields: { a: { customType: { b: { enum: { X: 1 } } } } }\n", 3, 45,
         "the enum of S.a.b must be a list of values, not a map"},
        {"queries:\n  q:\n    returns: { customType: { s: { enum: { A: 1 } } } }\n", 3, 41,
         "the enum of s in the return type of the query q must be a list of values, not a map"},
        {"types:\n  Point: [x, y]\n", 2, 10,
         "the custom type Point must be a map of field names to types, not a list"},
        {"types:\n  T:\n    ? [a]\n    : string\n", 3, 7, "this key must be a field name, not a list"},
        {"authorization:\n  - { allow: groups, groups: Admin }\n", 2, 30,
         "the groups of a rule of the schema must be a list of strings, not a single value (Admin)"},
        {"authorization:\n  - { allow: owner, to: read }\n", 2, 25,
         "the to list of a rule of the schema must be a list, not a single value (read)"},
        {"authorization:\n  - { allow: [owner] }\n", 2, 14,
         "the allow of a rule of the schema must be one of publicApiKey"},
        {"queries:\n  q:\n    arguments: [id]\n    returns: string\n    handler: { function: f }\n", 3, 16,
         "the arguments of the query q must be a map of argument names to types, not a list"},
        {"queries:\n  q:\n    returns: string\n    handler: qFn\n", 4, 14,
         "the handler of the query q must be { function: name } or { custom: { entry: ... } }, "
         "not a single value (qFn)"},
        {"subscriptions:\n  s:\n    for: { model: Post, mutations: create }\n", 3, 36,
         "the mutations of Post in the subscription s must be a list, not a single value (create)"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ds_schema *s = expect_one(cases[i].yaml, DS_E_WRONG_KIND, cases[i].line, cases[i].col);
        expect_message(s, cases[i].message);
        ds_schema_free(s);
    }
    /* A list of one-key maps is the usual mistake: the hint says to drop the dashes. */
    ds_schema *s = expect_one("models:\n  P:\n    fields:\n      - name: string\n", DS_E_WRONG_KIND, 4, 7);
    expect_hint(s, 0, "remove the dashes: a field is written `name: string` on a line of its own, "
                      "not as a list item");
    ds_schema_free(s);
}
END_TEST

START_TEST(a_repeated_value_says_which_one_to_remove) {
    ds_schema *s = expect_one("enums:\n  Size: [SMALL, MEDIUM, LARGE, MEDIUM]\n", DS_E_DUPLICATE_VALUE, 2, 32);
    expect_message(s, "MEDIUM is listed twice in the enum Size");
    expect_hint(s, 0, "remove the second MEDIUM");
    const ds_diagnostic *d = ds_schema_diagnostic(s, 0);
    ck_assert_uint_eq(d->note_count, 1);
    ck_assert_uint_eq(d->notes[0].location.line, 2);
    ck_assert_uint_eq(d->notes[0].location.column, 17);
    ds_schema_free(s);
    s = parse("enums:\n  E: [A, A, A]\n");  /* each repetition, the third too */
    ck_assert_uint_eq(ds_schema_error_count(s), 2);
    expect_diag(s, 1, DS_E_DUPLICATE_VALUE, 2, 13);
    ck_assert_ptr_nonnull(strstr(ds_schema_diagnostic(s, 1)->message, "A is listed 3 times"));
    expect_hint(s, 1, "remove this A");
    ck_assert_uint_eq(ds_schema_diagnostic(s, 1)->notes[0].location.column, 7);
    ck_assert_uint_eq(s->decls[0]->values.count, 1);
    ds_schema_free(s);
    s = expect_one("authorization:\n  - { allow: owner, to: [read, update, read] }\n",
                   DS_E_DUPLICATE_VALUE, 2, 40);
    expect_message(s, "read is listed twice in the to list of a rule of the schema");
    expect_hint(s, 0, "remove the second read");
    ck_assert_uint_eq(s->auth.items[0].to.count, 2);
    ds_schema_free(s);
    s = expect_one("models:\n  A:\n    fields: { a: string }\n    disableOperations: [get, get]\n",
                   DS_E_DUPLICATE_VALUE, 4, 30);
    expect_message(s, "get is listed twice in the disableOperations of A");
    ds_schema_free(s);
}
END_TEST

START_TEST(bytes_that_are_not_utf8_are_named) {
    static const struct { const char *yaml; unsigned col; const char *message, *hint; } cases[] = {
        {"a: \"Caf\xe9\"\n", 8, "byte 0xE9 is not UTF-8 (in Latin-1 it is '\xc3\xa9': was the file "
         "saved as Latin-1?)", "save the file as UTF-8 (iconv -f LATIN1 -t UTF-8 converts it)"},
        {"a: \"it\x92s\"\n", 7, "byte 0x92 is not UTF-8 (in Windows-1252 it is '\xe2\x80\x99': was "
         "the file saved as Windows-1252?)", "save the file as UTF-8 (iconv -f CP1252 -t UTF-8 converts it)"},
        {"a: \"\x81\"\n", 5, "byte 0x81 is not UTF-8", "save the file as UTF-8"},
        {"a: \"\xc0\xaf\"\n", 5, "the bytes 0xC0 0xAF are not UTF-8: they encode U+002F in an "
         "overlong form, which UTF-8 does not allow", NULL},
        {"a: \"\xed\xa0\x80\"\n", 5, "the bytes 0xED 0xA0 0x80 are not UTF-8: they encode U+D800, "
         "half of a UTF-16 surrogate pair, which UTF-8 does not allow", NULL},
        {"a: \"\xe2\x80x\"\n", 5, "the bytes 0xE2 0x80 start a 3-byte UTF-8 sequence, but the byte "
         "0x78 after them does not continue it", NULL},
        {"a: \xe2\x80", 4, "the file ends inside a character: the bytes 0xE2 0x80 start a 3-byte "
         "UTF-8 sequence", NULL}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ds_schema *s = expect_one(cases[i].yaml, DS_E_ENCODING, 1, cases[i].col);
        ck_assert_str_eq(ds_schema_diagnostic(s, 0)->message, cases[i].message);
        if (cases[i].hint) expect_hint(s, 0, cases[i].hint);
        ds_schema_free(s);
    }
}
END_TEST

/* "enums:\n  Big:\n    - V0\n ..." with count values, every tenth repeated
 * from the one before (so count / 10 repetitions). */
static char *big_enum(size_t count) {
    char *yaml = malloc(count * 20 + 64), *w = yaml;
    w += sprintf(w, "enums:\n  Big:\n");
    for (size_t i = 0; i < count; i++) w += sprintf(w, "    - V%zu\n", i % 10 == 9 ? i - 1 : i);
    return yaml;
}

/* Lists of 100,000 values are checked whole: every repetition reported,
 * every first occurrence kept. (How fast is the bench's business; the
 * test case's generous timeout only stops a hang.) */
START_TEST(long_lists_are_checked_whole) {
    size_t count = 100000;
    char *yaml = big_enum(count);
    ds_schema *s = ds_schema_new();
    ds_schema_parse(s, "big.yaml", yaml, strlen(yaml));
    ck_assert_uint_eq(ds_schema_error_count(s), count / 10);
    ck_assert_uint_eq(s->decls[0]->values.count, count - count / 10);
    ds_schema_free(s);
    free(yaml);
    /* A rule's to list of 100,000 words: each after the first nine is a repetition. */
    char *to = malloc(count * 8 + 64), *w = to;
    w += sprintf(w, "authorization:\n  - allow: owner\n    to: [");
    static const char *const ops[] = {"create", "read", "update", "delete"};
    for (size_t i = 0; i < count; i++) w += sprintf(w, "%s%s", i ? ", " : "", ops[i % 4]);
    strcpy(w, "]\n");
    s = ds_schema_new();
    ds_schema_parse(s, "to.yaml", to, strlen(to));
    ck_assert_uint_eq(ds_schema_error_count(s), count - 4);
    ck_assert_uint_eq(s->auth.items[0].to.count, 4);
    ds_schema_free(s);
    free(to);
}
END_TEST

/* The messages name what they are about by labels written out only when
 * a message is given: fields, inline declarations, rules inside them. */
START_TEST(labels_name_nested_constructs) {
    static const char yaml[] =
        "models:\n"
        "  Post:\n"
        "    fields:\n"
        "      a: { type: string, authorization: [{ allow: owner, provider: [x] }] }\n"
        "      b: { hasMany: Post, references: { x: 1 } }\n"
        "      c: { customType: { d: { customType: { e: { enum: [A, A] } } } } }\n"
        "      f: { type: string, default: [1] }\n"
        "queries:\n"
        "  q:\n"
        "    arguments: { g: { type: string, authorization: [{ allow: groups, groups: [1] }] } }\n"
        "    returns: { customType: { h: { customType: { i: { type: { j: 1 } } } } } }\n"
        "    handler: { function: f }\n";
    static const char *const messages[] = {
        "the provider of a rule of Post.a must be one of identityPool, userPools, oidc or function, "
        "not a list",
        "the references of Post.b must be a name or a list of names, not a map",
        "A is listed twice in the enum of Post.c.d.e",
        "the default of Post.f must be a single value, not a list",
        "a group of a rule of the argument g of the query q must be a string, not the number 1",
        "the type of h.i in the return type of the query q must be a type string such as string!, "
        "not a map"};
    ds_schema *s = parse(yaml);
    size_t count = sizeof messages / sizeof *messages;
    ck_assert_uint_eq(ds_schema_diagnostic_count(s), count);
    for (size_t i = 0; i < count; i++)
        ck_assert_str_eq(ds_schema_diagnostic(s, i)->message, messages[i]);
    ds_schema_free(s);
}
END_TEST

int main(void) {
    Suite *suite = suite_create("parse");
    TCase *tree = tcase_create("tree");
    tcase_add_test(tree, type_strings_and_modifiers);
    tcase_add_test(tree, declarations_in_file_order_across_sections);
    tcase_add_test(tree, defaults_read_under_the_core_schema);
    tcase_add_test(tree, numbers_print_like_javascript);
    tcase_add_test(tree, big_octal_and_hex_round_like_parseInt);
    tcase_add_test(tree, inline_enum_and_nested_custom_types);
    tcase_add_test(tree, relationships_and_their_references);
    tcase_add_test(tree, rules_bare_and_as_maps);
    tcase_add_test(tree, model_identifier_indexes_and_disabled_operations);
    tcase_add_test(tree, custom_operations_and_subscriptions);
    tcase_add_test(tree, anchors_and_aliases_are_expanded);
    tcase_add_test(tree, empty_and_comment_only_files_are_empty_schemas);
    tcase_add_test(tree, files_add_up_in_order);
    suite_add_tcase(suite, tree);
    TCase *diags = tcase_create("diagnostics");
    tcase_set_timeout(diags, 30);
    tcase_add_test(diags, yaml_syntax_errors_point_where_the_construct_starts);
    tcase_add_test(diags, encoding_errors_are_located);
    tcase_add_test(diags, duplicate_keys_in_any_map);
    tcase_add_test(diags, a_big_map_finds_its_duplicates);
    tcase_add_test(diags, unknown_keys_say_did_you_mean);
    tcase_add_test(diags, values_of_the_wrong_kind);
    tcase_add_test(diags, names_that_are_not_graphql_names);
    tcase_add_test(diags, bad_type_strings);
    tcase_add_test(diags, bad_values_with_suggestions);
    tcase_add_test(diags, enum_values_names_and_duplicates);
    tcase_add_test(diags, relationship_shape);
    tcase_add_test(diags, missing_keys);
    tcase_add_test(diags, tags_are_checked);
    tcase_add_test(diags, limits_fail_fast_with_a_location);
    tcase_add_test(diags, one_document_per_file);
    tcase_add_test(diags, schema_rules_once_across_files);
    tcase_add_test(diags, every_error_of_a_file_is_reported);
    tcase_add_test(diags, errors_inside_an_alias_are_reported_once);
    tcase_add_test(diags, a_misspelt_required_key_is_one_error);
    tcase_add_test(diags, missing_references_name_the_child_and_the_parent);
    tcase_add_test(diags, wrong_kinds_name_the_construct_and_what_was_found);
    tcase_add_test(diags, a_repeated_value_says_which_one_to_remove);
    tcase_add_test(diags, bytes_that_are_not_utf8_are_named);
    tcase_add_test(diags, labels_name_nested_constructs);
    suite_add_tcase(suite, diags);
    TCase *long_lists = tcase_create("long lists");
    tcase_set_timeout(long_lists, 120);
    tcase_add_test(long_lists, long_lists_are_checked_whole);
    suite_add_tcase(suite, long_lists);
    return unit_run(suite);
}
