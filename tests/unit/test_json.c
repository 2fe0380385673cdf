/* test_json.c: -f json, dschemac's resolved-schema document: its layout,
 * what it says about fields, and every relationship resolved. */
#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "dschema.h"
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
    suite_add_tcase(suite, tc);
    return unit_run(suite);
}
