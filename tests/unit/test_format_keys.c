/* test_format_keys.c: the editor schema (schemas/dschema.schema.json)
 * takes exactly the keys the parser takes (lib/format_keys.c), construct by
 * construct, so that neither can learn or forget a key alone. The tests run
 * from the top of the source tree, where make runs them. */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format_keys.h"
#include "support.h"

#define EDITOR_SCHEMA "schemas/dschema.schema.json"

static json_t *editor_schema;

/* Load the editor schema once for every test. */
static void load_schema(void) {
    json_error_t error;
    editor_schema = json_load_file(EDITOR_SCHEMA, 0, &error);
    if (!editor_schema)
        ck_abort_msg("%s:%d: %s (run from the top of the source tree)", EDITOR_SCHEMA, error.line,
                     error.text);
}

static void free_schema(void) {
    json_decref(editor_schema);
}

/* The JSON Schema object at a path of member names ("definitions", "model"). */
static json_t *at(const char *const *path) {
    json_t *node = editor_schema;
    for (; *path; path++) {
        node = json_object_get(node, *path);
        ck_assert_msg(node != NULL, "%s has no %s", EDITOR_SCHEMA, *path);
    }
    return node;
}

#define AT(...) at((const char *const[]){__VA_ARGS__, NULL})

/* The branch of an anyOf that is an object (a map beside a shorthand). */
static json_t *object_branch(json_t *any_of) {
    size_t i;
    json_t *branch;
    json_array_foreach(json_object_get(any_of, "anyOf"), i, branch) {
        json_t *type = json_object_get(branch, "type");
        if (type && strcmp(json_string_value(type), "object") == 0) return branch;
    }
    ck_abort_msg("an anyOf of %s has no object branch", EDITOR_SCHEMA);
    return NULL;
}

/* A set of key names, as one sorted comma-separated string for comparisons. */
typedef struct keyset {
    const char *names[64];
    size_t count;
} keyset;

/* Add name unless it is in the set. */
static void add(keyset *set, const char *name) {
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->names[i], name) == 0) return;
    ck_assert_uint_lt(set->count, sizeof set->names / sizeof *set->names);
    set->names[set->count++] = name;
}

/* Add the keys construct c takes. */
static void add_construct(keyset *set, ds_construct c) {
    for (const char *const *k = ds_construct_keys(c); *k; k++) add(set, *k);
}

/* Add the properties of a JSON Schema object (which must allow no others). */
static void add_properties(keyset *set, json_t *object) {
    ck_assert_msg(json_is_false(json_object_get(object, "additionalProperties")),
                  "an object of %s with properties %s allows other keys", EDITOR_SCHEMA,
                  unit_keys(json_object_get(object, "properties")));
    const char *name;
    json_t *value;
    json_object_foreach(json_object_get(object, "properties"), name, value) add(set, name);
}

/* Add the names of a propertyNames enum. */
static void add_property_names(keyset *set, json_t *object) {
    size_t i;
    json_t *name;
    json_array_foreach(json_object_get(json_object_get(object, "propertyNames"), "enum"), i, name)
        add(set, json_string_value(name));
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The set as "a, b, c", sorted (static buffer, one of two). */
static const char *text(keyset *set) {
    static char buffers[2][1024];
    static int which;
    char *out = buffers[which ^= 1];
    qsort(set->names, set->count, sizeof *set->names, by_name);
    out[0] = '\0';
    for (size_t i = 0; i < set->count; i++)
        snprintf(out + strlen(out), 1024 - strlen(out), "%s%s", i ? ", " : "", set->names[i]);
    return out;
}

/* The parser's keys of what equal the editor schema's. */
static void expect_same(const char *what, keyset *parser, keyset *editor) {
    const char *want = text(parser), *got = text(editor);
    ck_assert_msg(strcmp(want, got) == 0, "%s: the parser takes {%s}, %s {%s}", what, want,
                  EDITOR_SCHEMA, got);
}

/* The keys of construct c equal the properties of the editor schema's object. */
static void expect_object(ds_construct c, json_t *object) {
    keyset parser = {0}, editor = {0};
    add_construct(&parser, c);
    add_properties(&editor, object);
    expect_same(ds_construct_name(c), &parser, &editor);
}

START_TEST(document_keys) {
    expect_object(DS_KEYS_DOCUMENT, editor_schema);
}
END_TEST

START_TEST(model_and_index_keys) {
    expect_object(DS_KEYS_MODEL, AT("definitions", "model"));
    expect_object(DS_KEYS_INDEX, AT("definitions", "indexMap"));
    expect_object(DS_KEYS_PROJECTION,
                  object_branch(AT("definitions", "indexMap", "properties", "projection")));
}
END_TEST

/* A model field map is one object in the editor schema for the four maps
 * the parser tells apart by their keys; its branches narrow it to each. */
START_TEST(model_field_keys) {
    json_t *map = AT("definitions", "modelFieldMap");
    keyset parser = {0}, editor = {0};
    add_construct(&parser, DS_KEYS_SCALAR_FIELD);
    add_construct(&parser, DS_KEYS_RELATION);
    add_construct(&parser, DS_KEYS_INLINE_ENUM);
    add_construct(&parser, DS_KEYS_INLINE_TYPE);
    add_properties(&editor, map);
    expect_same("a model field map", &parser, &editor);

    keyset relation = {0}, relation_editor = {0};
    add_construct(&relation, DS_KEYS_RELATION);
    add_property_names(&relation_editor, json_object_get(map, "then"));
    expect_same(ds_construct_name(DS_KEYS_RELATION), &relation, &relation_editor);

    json_t *not_relation = json_object_get(map, "else");
    keyset inline_enum = {0}, enum_editor = {0};
    add_construct(&inline_enum, DS_KEYS_INLINE_ENUM);
    add_property_names(&enum_editor, json_object_get(not_relation, "then"));
    expect_same(ds_construct_name(DS_KEYS_INLINE_ENUM), &inline_enum, &enum_editor);

    keyset inline_type = {0}, type_editor = {0};
    add_construct(&inline_type, DS_KEYS_INLINE_TYPE);
    add_property_names(&type_editor,
                       json_object_get(json_object_get(not_relation, "else"), "then"));
    expect_same(ds_construct_name(DS_KEYS_INLINE_TYPE), &inline_type, &type_editor);
}
END_TEST

/* Custom type fields and arguments take fewer keys than model fields (the
 * resolver reports the others there): none the parser does not know. */
START_TEST(narrower_field_maps_take_known_keys) {
    const char *narrower[] = {"customTypeFieldMap", "argumentMap"};
    for (size_t i = 0; i < sizeof narrower / sizeof *narrower; i++) {
        keyset parser = {0}, editor = {0};
        add_construct(&parser, DS_KEYS_SCALAR_FIELD);
        add_construct(&parser, DS_KEYS_RELATION);
        add_construct(&parser, DS_KEYS_INLINE_ENUM);
        add_construct(&parser, DS_KEYS_INLINE_TYPE);
        add_properties(&editor, AT("definitions", narrower[i]));
        keyset both = parser;
        for (size_t k = 0; k < editor.count; k++) add(&both, editor.names[k]);
        expect_same(narrower[i], &parser, &both);
    }
}
END_TEST

START_TEST(rule_keys) {
    expect_object(DS_KEYS_RULE, AT("definitions", "ruleMap"));
}
END_TEST

START_TEST(operation_keys) {
    expect_object(DS_KEYS_OPERATION, AT("definitions", "operation"));
    expect_object(DS_KEYS_SUBSCRIPTION, AT("definitions", "subscription"));
    expect_object(DS_KEYS_INLINE_TYPE, object_branch(AT("definitions", "returnType")));
    expect_object(DS_KEYS_SOURCE, object_branch(AT("definitions", "subscriptionSource")));
}
END_TEST

/* One handler is a function handler or a custom handler in the editor schema. */
START_TEST(handler_keys) {
    keyset parser = {0}, editor = {0};
    add_construct(&parser, DS_KEYS_HANDLER);
    add_properties(&editor, AT("definitions", "functionHandler"));
    add_properties(&editor, AT("definitions", "customHandler"));
    expect_same(ds_construct_name(DS_KEYS_HANDLER), &parser, &editor);
    expect_object(DS_KEYS_CUSTOM_HANDLER, AT("definitions", "customHandler", "properties", "custom"));
}
END_TEST

/* Every map of the editor schema with fixed keys is one the tests above
 * compare: a new one is compared too, or it is a construct the parser lacks. */
START_TEST(every_editor_map_is_compared) {
    static const char *const compared[] = {
        "model",     "indexMap", "modelFieldMap",   "customTypeFieldMap", "argumentMap", "ruleMap",
        "operation", "subscription", "functionHandler", "customHandler", NULL};
    const char *name;
    json_t *def;
    json_object_foreach(AT("definitions"), name, def) {
        if (!json_object_get(def, "properties")) continue;
        bool known = false;
        for (const char *const *c = compared; *c; c++) known = known || strcmp(*c, name) == 0;
        ck_assert_msg(known, "%s defines %s, a map no test compares with the parser's keys",
                      EDITOR_SCHEMA, name);
    }
}
END_TEST

/* Every key of every construct has its one line for an editor's hover. */
START_TEST(every_key_is_explained) {
    for (int c = 0; c < DS_KEYS_COUNT; c++)
        for (const char *const *k = ds_construct_keys((ds_construct)c); *k; k++)
            ck_assert_msg(ds_key_doc(*k) != NULL, "the %s key %s has no ds_key_doc line",
                          ds_construct_name((ds_construct)c), *k);
    ck_assert_ptr_null(ds_key_doc("Post"));
}
END_TEST

int main(void) {
    Suite *suite = suite_create("format_keys");
    TCase *tc = tcase_create("format_keys");
    tcase_add_checked_fixture(tc, load_schema, free_schema);
    tcase_add_test(tc, document_keys);
    tcase_add_test(tc, model_and_index_keys);
    tcase_add_test(tc, model_field_keys);
    tcase_add_test(tc, narrower_field_maps_take_known_keys);
    tcase_add_test(tc, rule_keys);
    tcase_add_test(tc, operation_keys);
    tcase_add_test(tc, handler_keys);
    tcase_add_test(tc, every_editor_map_is_compared);
    tcase_add_test(tc, every_key_is_explained);
    suite_add_tcase(suite, tc);
    return unit_run(suite);
}
