/* test_json.c: -f json, dschemac's resolved-schema document: its layout,
 * what it says about fields, and every relationship resolved. */
#include <check.h>
#include <float.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dschema.h"
#include "json_writer.h"
#include "support.h"

/* ----------------------------------------------------------------- helpers */

/* The -f json document of a one-file schema. */
static json_t *document(const char *yaml) { return unit_document(yaml, DS_FORMAT_JSON); }

/* The -f json text of a one-file schema; the caller frees it. */
static char *unit_emit_json(const char *yaml) { return unit_emit(yaml, DS_FORMAT_JSON); }

/* doc.models[model].fields[name] */
static json_t *field(json_t *doc, const char *model, const char *name) {
    json_t *f = json_object_get(json_object_get(json_object_get(json_object_get(doc, "models"), model),
                                                "fields"),
                                name);
    ck_assert_msg(f != NULL, "no field %s.%s", model, name);
    return f;
}

static const char *const shop =
    "authorization:\n"                                                     /* 1 */
    "  - publicApiKey\n"                                                   /* 2 */
    "models:\n"                                                            /* 3 */
    "  Warehouse:\n"                                                       /* 4 */
    "    identifier: [region, code]\n"                                     /* 5 */
    "    fields:\n"                                                        /* 6 */
    "      region: string!\n"                                              /* 7 */
    "      code: integer!\n"                                               /* 8 */
    "      bins: { hasMany: Bin, references: [warehouseRegion, warehouseCode] }\n"
    "  Bin:\n"                                                             /* 10 */
    "    authorization: [authenticated]\n"                                 /* 11 */
    "    fields:\n"                                                        /* 12 */
    "      label: { type: string, default: \"spare\" }\n"                  /* 13 */
    "      size: { enum: [SMALL, LARGE] }\n"                               /* 14 */
    "      capacity: { type: float, default: 2.5 }\n"                      /* 15 */
    "      warehouseRegion: string!\n"                                     /* 16 */
    "      warehouseCode: integer!\n"                                      /* 17 */
    "      warehouse: { belongsTo: Warehouse, references: [warehouseRegion, warehouseCode] }\n"
    "  Folder:\n"                                                          /* 19 */
    "    fields:\n"                                                        /* 20 */
    "      parentId: id\n"                                                 /* 21 */
    "      parent: { belongsTo: Folder, references: parentId }\n"          /* 22 */
    "      children: { hasMany: Folder, references: parentId }\n";         /* 23 */

/* ------------------------------------------------------------------ layout */

START_TEST(two_space_indent_and_final_newline) {
    char *text = unit_emit_json(shop);
    const char *head = "{\n  \"dschemaVersion\": 1,\n  \"files\": [\n    \"test.yaml\"\n  ],\n";
    ck_assert_msg(strncmp(text, head, strlen(head)) == 0, "got: %.80s", text);
    size_t n = strlen(text);
    ck_assert(n > 2 && text[n - 1] == '\n' && text[n - 2] == '}');
    free(text);
}
END_TEST

START_TEST(top_level_keys_in_a_fixed_order) {
    json_t *doc = document(shop);
    ck_assert_str_eq(unit_keys(doc), "dschemaVersion,files,authorization,models,enums,types,queries,"
                                "mutations,subscriptions");
    ck_assert_int_eq(json_integer_value(json_object_get(doc, "dschemaVersion")), DSCHEMA_JSON_VERSION);
    ck_assert_str_eq(unit_keys(json_object_get(doc, "models")), "Warehouse,Bin,Folder");
    ck_assert_str_eq(unit_keys(json_object_get(json_object_get(doc, "models"), "Bin")),
                     "name,identifier,fields,secondaryIndexes,disabledOperations,authorization,"
                     "authorizationFrom,position");
    json_decref(doc);
}
END_TEST

/* ------------------------------------------------------------------ fields */

START_TEST(fields_carry_type_kind_default_and_position) {
    json_t *doc = document(shop);
    ck_assert_str_eq(unit_compact(field(doc, "Bin", "label")),
                     "{\"name\":\"label\",\"kind\":\"scalar\",\"type\":{\"name\":\"String\",\"kind\":\"scalar\","
                     "\"required\":false,\"list\":false,\"listRequired\":false,\"graphql\":\"String\"},"
                     "\"implicit\":false,\"default\":{\"kind\":\"string\",\"value\":\"spare\",\"text\":\"spare\","
                     "\"position\":{\"file\":\"test.yaml\",\"line\":13,\"column\":39}},\"authorization\":[],"
                     "\"position\":{\"file\":\"test.yaml\",\"line\":13,\"column\":7}}");
    json_t *capacity = json_object_get(field(doc, "Bin", "capacity"), "default");
    ck_assert_str_eq(json_string_value(json_object_get(capacity, "kind")), "float");
    ck_assert(json_real_value(json_object_get(capacity, "value")) == 2.5);
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Warehouse", "region"), "type")),
                     "{\"name\":\"String\",\"kind\":\"scalar\",\"required\":true,\"list\":false,"
                     "\"listRequired\":false,\"graphql\":\"String!\"}");
    json_decref(doc);
}
END_TEST

START_TEST(implicit_id_and_identifier) {
    json_t *doc = document(shop);
    json_t *bin = json_object_get(json_object_get(doc, "models"), "Bin");
    ck_assert_str_eq(unit_compact(json_object_get(bin, "identifier")), "[\"id\"]");
    ck_assert_str_eq(unit_keys(json_object_get(bin, "fields")),
                     "id,label,size,capacity,warehouseRegion,warehouseCode,warehouse");
    json_t *id = field(doc, "Bin", "id");
    ck_assert(json_is_true(json_object_get(id, "implicit")));
    ck_assert(json_is_null(json_object_get(id, "position")));
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(id, "type"), "graphql")), "ID!");
    json_t *warehouse = json_object_get(json_object_get(doc, "models"), "Warehouse");
    ck_assert_str_eq(unit_compact(json_object_get(warehouse, "identifier")), "[\"region\",\"code\"]");
    ck_assert_ptr_null(json_object_get(json_object_get(warehouse, "fields"), "id"));
    json_decref(doc);
}
END_TEST

START_TEST(inline_enum_is_an_implicit_enum_with_its_origin) {
    json_t *doc = document(shop);
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Bin", "size"), "type")),
                     "{\"name\":\"BinSize\",\"kind\":\"enum\",\"required\":false,\"list\":false,"
                     "\"listRequired\":false,\"graphql\":\"BinSize\"}");
    json_t *e = json_object_get(json_object_get(doc, "enums"), "BinSize");
    ck_assert_str_eq(unit_compact(e),
                     "{\"name\":\"BinSize\",\"implicit\":true,\"origin\":{\"kind\":\"model\",\"name\":\"Bin\","
                     "\"field\":\"size\"},\"values\":[\"SMALL\",\"LARGE\"],"
                     "\"position\":{\"file\":\"test.yaml\",\"line\":14,\"column\":7}}");
    json_decref(doc);
}
END_TEST

START_TEST(rules_say_where_they_come_from) {
    json_t *doc = document(shop);
    json_t *models = json_object_get(doc, "models");
    ck_assert_str_eq(unit_compact(json_object_get(doc, "authorization")),
                     "[{\"allow\":\"publicApiKey\",\"position\":{\"file\":\"test.yaml\",\"line\":2,\"column\":5}}]");
    json_t *bin = json_object_get(models, "Bin");
    ck_assert_str_eq(json_string_value(json_object_get(bin, "authorizationFrom")), "model");
    ck_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(bin, "authorization"), 0), "allow")),
                     "authenticated");
    json_t *folder = json_object_get(models, "Folder");
    ck_assert_str_eq(json_string_value(json_object_get(folder, "authorizationFrom")), "schema");
    ck_assert_uint_eq(json_array_size(json_object_get(folder, "authorization")), 0);
    json_decref(doc);
}
END_TEST

/* ----------------------------------------------------------- relationships */

START_TEST(has_many_resolved_to_child_and_counterpart) {
    json_t *doc = document(shop);
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Warehouse", "bins"), "relationship")),
                     "{\"kind\":\"hasMany\",\"relatedModel\":\"Bin\","
                     "\"references\":[\"warehouseRegion\",\"warehouseCode\"],"
                     "\"counterpart\":{\"model\":\"Bin\",\"field\":\"warehouse\"},"
                     "\"parent\":{\"model\":\"Warehouse\",\"identifier\":[\"region\",\"code\"]},"
                     "\"child\":{\"model\":\"Bin\",\"fields\":[\"warehouseRegion\",\"warehouseCode\"]}}");
    json_t *type = json_object_get(field(doc, "Warehouse", "bins"), "type");
    ck_assert_str_eq(json_string_value(json_object_get(type, "graphql")), "[Bin]");
    json_decref(doc);
}
END_TEST

START_TEST(belongs_to_resolved_to_parent_identifier) {
    json_t *doc = document(shop);
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Bin", "warehouse"), "relationship")),
                     "{\"kind\":\"belongsTo\",\"relatedModel\":\"Warehouse\","
                     "\"references\":[\"warehouseRegion\",\"warehouseCode\"],"
                     "\"counterpart\":{\"model\":\"Warehouse\",\"field\":\"bins\"},"
                     "\"parent\":{\"model\":\"Warehouse\",\"identifier\":[\"region\",\"code\"]},"
                     "\"child\":{\"model\":\"Bin\",\"fields\":[\"warehouseRegion\",\"warehouseCode\"]}}");
    json_decref(doc);
}
END_TEST

START_TEST(self_relationship_pairs_parent_and_children) {
    json_t *doc = document(shop);
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Folder", "parent"), "relationship")),
                     "{\"kind\":\"belongsTo\",\"relatedModel\":\"Folder\",\"references\":[\"parentId\"],"
                     "\"counterpart\":{\"model\":\"Folder\",\"field\":\"children\"},"
                     "\"parent\":{\"model\":\"Folder\",\"identifier\":[\"id\"]},"
                     "\"child\":{\"model\":\"Folder\",\"fields\":[\"parentId\"]}}");
    ck_assert_str_eq(unit_compact(json_object_get(json_object_get(field(doc, "Folder", "children"),
                                                             "relationship"),
                                             "counterpart")),
                     "{\"model\":\"Folder\",\"field\":\"parent\"}");
    json_decref(doc);
}
END_TEST

START_TEST(has_one_and_operations) {
    json_t *doc = document("authorization: [publicApiKey]\n"
                           "models:\n"
                           "  Customer:\n"
                           "    fields:\n"
                           "      cart: { hasOne: Cart, references: customerId }\n"
                           "  Cart:\n"
                           "    fields:\n"
                           "      customerId: id\n"
                           "      customer: { belongsTo: Customer, references: customerId }\n"
                           "mutations:\n"
                           "  emptyCart:\n"
                           "    arguments: { cartId: id! }\n"
                           "    returns: { customType: { ok: boolean } }\n"
                           "    handler: { function: emptyFn }\n"
                           "subscriptions:\n"
                           "  onEmpty:\n"
                           "    for: emptyCart\n"
                           "    handler: { custom: { entry: ./onEmpty.js } }\n"
                           "  onCart:\n"
                           "    for: { model: Cart, mutations: [update, delete] }\n"
                           "    handler: { custom: { entry: ./onCart.js } }\n");
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Customer", "cart"), "relationship")),
                     "{\"kind\":\"hasOne\",\"relatedModel\":\"Cart\",\"references\":[\"customerId\"],"
                     "\"counterpart\":{\"model\":\"Cart\",\"field\":\"customer\"},"
                     "\"parent\":{\"model\":\"Customer\",\"identifier\":[\"id\"]},"
                     "\"child\":{\"model\":\"Cart\",\"fields\":[\"customerId\"]}}");
    json_t *empty = json_object_get(json_object_get(doc, "mutations"), "emptyCart");
    ck_assert_str_eq(unit_keys(empty), "name,arguments,returns,handlers,authorization,authorizationFrom,position");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(json_object_get(empty, "returns"),
                                                                       "type"),
                                                       "name")),
                     "EmptyCartReturnType");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
                         json_object_get(json_object_get(doc, "types"), "EmptyCartReturnType"), "origin"),
                         "kind")),
                     "mutation");
    json_t *on_empty = json_object_get(json_object_get(doc, "subscriptions"), "onEmpty");
    ck_assert_str_eq(unit_compact(json_object_get(on_empty, "mutations")), "[\"emptyCart\"]");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(json_object_get(on_empty, "returns"),
                                                                       "type"),
                                                       "name")),
                     "EmptyCartReturnType");
    json_t *on_cart = json_object_get(json_object_get(doc, "subscriptions"), "onCart");
    ck_assert_str_eq(unit_compact(json_object_get(on_cart, "mutations")), "[\"updateCart\",\"deleteCart\"]");
    ck_assert_str_eq(unit_compact(json_object_get(json_object_get(on_cart, "returns"), "type")),
                     "{\"name\":\"Cart\",\"kind\":\"model\",\"required\":false,\"list\":false,"
                     "\"listRequired\":false,\"graphql\":\"Cart\"}");
    json_decref(doc);
}
END_TEST

/* ------------------------------------------------------------ the writer */

/* The text a buffer gathered, NUL-terminated; the caller frees it. */
static char *written(ds_buf *b) { return ds_buf_detach(b, NULL); }

/* Write a jansson tree with the writer. */
static void write_tree(ds_jw *w, json_t *v) {
    const char *key;
    json_t *item;
    size_t i;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        ds_jw_begin_object(w);
        json_object_foreach(v, key, item) {
            ds_jw_key(w, key);
            write_tree(w, item);
        }
        ds_jw_end_object(w);
        break;
    case JSON_ARRAY:
        ds_jw_begin_array(w);
        json_array_foreach(v, i, item) write_tree(w, item);
        ds_jw_end_array(w);
        break;
    case JSON_STRING: ds_jw_string(w, json_string_value(v)); break;
    case JSON_INTEGER: ds_jw_int(w, json_integer_value(v)); break;
    case JSON_REAL: ds_jw_real(w, json_real_value(v)); break;
    case JSON_TRUE: ds_jw_bool(w, true); break;
    case JSON_FALSE: ds_jw_bool(w, false); break;
    case JSON_NULL: ds_jw_null(w); break;
    }
}

/* Assert that the writer prints v as json_dumps does with indent and
 * precision. */
static void assert_same_text(json_t *v, int indent, int precision) {
    ds_buf b = {0};
    ds_jw *w = malloc(sizeof *w);
    ck_assert_ptr_nonnull(w);
    ds_jw_init(w, &b, indent, precision);
    write_tree(w, v);
    ds_jw_finish(w);
    free(w);
    char *mine = written(&b);
    char *theirs = json_dumps(v, JSON_INDENT(indent) | JSON_ENCODE_ANY |
                                     JSON_REAL_PRECISION(precision));
    ck_assert_ptr_nonnull(theirs);
    size_t at = 0;
    while (mine[at] && mine[at] == theirs[at]) at++;
    ck_assert_msg(mine[at] == theirs[at], "differ at %zu: ...%.40s vs ...%.40s", at,
                  mine + (at > 20 ? at - 20 : 0), theirs + (at > 20 ? at - 20 : 0));
    free(mine);
    free(theirs);
}

/* A pseudo-random number (a fixed sequence). */
static unsigned next_random(unsigned long long *state) {
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(*state >> 33);
}

/* A random string of printable ASCII, escapes and UTF-8, up to max bytes. */
static json_t *random_string(unsigned long long *state, size_t max) {
    static const char *const pieces[] = {"a", "Z", "/", "\"", "\\", "\n", "\t", "\b", "\f",
                                         "\r", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\xac",
                                         "\xf0\x9f\x98\x80", " ", "key", "{}[]:,"};
    size_t n = next_random(state) % (max + 1);
    char *text = malloc(n * 6 + 1);  /* the longest piece is 6 bytes */
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = pieces[next_random(state) % (sizeof pieces / sizeof pieces[0])];
        memcpy(text + len, p, strlen(p));
        len += strlen(p);
    }
    text[len] = '\0';
    json_t *s = json_string(text);
    free(text);
    return s;
}

/* A random tree depth levels deep at most. */
static json_t *random_tree(unsigned long long *state, int depth) {
    unsigned kind = next_random(state) % (depth > 0 ? 9 : 7);
    switch (kind) {
    case 0: return json_null();
    case 1: return json_boolean(next_random(state) & 1);
    case 2: return json_integer((json_int_t)next_random(state) - (1LL << 30));
    case 3: return json_real((double)next_random(state) / 977.0);
    case 4: case 5: case 6: return random_string(state, 12);
    case 7: {
        json_t *a = json_array();
        for (unsigned n = next_random(state) % 4; n > 0; n--)
            json_array_append_new(a, random_tree(state, depth - 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        for (unsigned n = next_random(state) % 4; n > 0; n--) {
            json_t *key = random_string(state, 3);
            json_object_set_new(o, json_string_value(key), random_tree(state, depth - 1));
            json_decref(key);
        }
        return o;
    }
    }
}

START_TEST(writer_lays_out_as_jansson) {
    unsigned long long state = 42;
    for (int round = 0; round < 400; round++) {
        json_t *tree = random_tree(&state, 1 + round % 12);
        assert_same_text(tree, 1 + round % 4, 0);
        json_decref(tree);
    }
    /* deep enough for indents past the quick path, long enough to spill */
    json_t *deep = json_string("bottom");
    for (int i = 0; i < 20; i++) {  /* 28 levels: DS_JW_MAX_DEPTH is 32 */
        json_t *o = json_object();
        json_object_set_new(o, i % 2 ? "k" : "\xc3\xa9\\\"", deep);
        deep = i % 3 ? o : json_pack("[o, [], {}]", o);
    }
    char *big = malloc(3 * DS_JW_STAGE);
    memset(big, 'x', 3 * DS_JW_STAGE - 1);
    big[3 * DS_JW_STAGE - 1] = '\0';
    json_t *wide = json_pack("[s, o, s]", big, deep, big);
    assert_same_text(wide, 4, 0);
    assert_same_text(wide, 2, 0);
    json_decref(wide);
    free(big);
}
END_TEST

/* The writer's text of one string value (as an array element, so the
 * layout is jansson's too); the caller frees it. */
static char *written_string(const char *s) {
    ds_buf b = {0};
    ds_jw *w = malloc(sizeof *w);
    ds_jw_init(w, &b, 2, 0);
    ds_jw_begin_array(w);
    ds_jw_string(w, s);
    ds_jw_end_array(w);
    ds_jw_finish(w);
    free(w);
    return written(&b);
}

/* What the jansson back-ends printed for a string: json_string, or ""
 * when jansson refuses it (not UTF-8). */
static char *jansson_string(const char *s) {
    json_t *v = json_string(s);
    if (!v) v = json_string("");
    json_t *a = json_array();
    json_array_append_new(a, v);
    char *text = json_dumps(a, JSON_INDENT(2));
    json_decref(a);
    return text;
}

START_TEST(writer_escapes_and_checks_strings_as_jansson) {
    static const char *const cases[] = {
        "", "plain", "a/b", "quote\"back\\slash", "\x01\x02\x1f\x7f", "tab\there\r\n",
        "\xc3\xa9t\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf",
        "\xc0\x80", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xed\x9f\xbf", "\xf0\x80\x80\x80",
        "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\x80", "\xbf", "\xc3", "\xe2\x82", "\xf0\x9f\x98",
        "ok\xc3(", "\xc3\xa9\"\xff", "\xfe\xff", "x\xe2\x28\xa1"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *mine = written_string(cases[i]), *theirs = jansson_string(cases[i]);
        ck_assert_msg(strcmp(mine, theirs) == 0, "case %zu: %s vs %s", i, mine, theirs);
        free(mine);
        free(theirs);
    }
    for (int c = 1; c < 256; c++) {
        char one[2] = {(char)c, '\0'};
        char *mine = written_string(one), *theirs = jansson_string(one);
        ck_assert_msg(strcmp(mine, theirs) == 0, "byte %d: %s vs %s", c, mine, theirs);
        free(mine);
        free(theirs);
    }
}
END_TEST

START_TEST(writer_prints_numbers_as_jansson) {
    static const double reals[] = {0.0, -0.0, 1.0, -1.5, 2.5, 0.1, 1.0 / 3, 1e-5, 1e-7, 1e21,
                                   1e22, 1.5e300, -2.5e-300, 123456789.0, 9007199254740993.0,
                                   DBL_MAX, DBL_MIN, 5e-324, 100.0, 1e16, 1e17, 3.14159};
    for (int precision = 0; precision <= 17; precision++)
        for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++) {
            json_t *v = json_real(reals[i]);
            assert_same_text(v, 2, precision);
            json_decref(v);
        }
    static const long long ints[] = {0, 1, -1, 42, -42, 1000000, LLONG_MAX, LLONG_MIN};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        json_t *v = json_integer(ints[i]);
        assert_same_text(v, 2, 0);
        json_decref(v);
    }
}
END_TEST

int main(void) {
    Suite *suite = suite_create("json");
    TCase *tc = tcase_create("json");
    tcase_add_test(tc, two_space_indent_and_final_newline);
    tcase_add_test(tc, top_level_keys_in_a_fixed_order);
    tcase_add_test(tc, fields_carry_type_kind_default_and_position);
    tcase_add_test(tc, implicit_id_and_identifier);
    tcase_add_test(tc, inline_enum_is_an_implicit_enum_with_its_origin);
    tcase_add_test(tc, rules_say_where_they_come_from);
    tcase_add_test(tc, has_many_resolved_to_child_and_counterpart);
    tcase_add_test(tc, belongs_to_resolved_to_parent_identifier);
    tcase_add_test(tc, self_relationship_pairs_parent_and_children);
    tcase_add_test(tc, has_one_and_operations);
    tcase_add_test(tc, writer_lays_out_as_jansson);
    tcase_add_test(tc, writer_escapes_and_checks_strings_as_jansson);
    tcase_add_test(tc, writer_prints_numbers_as_jansson);
    suite_add_tcase(suite, tc);
    return unit_run(suite);
}
