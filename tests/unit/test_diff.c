/* test_diff.c: the public API of dschemac diff (lib/diff*.c): what it refuses,
 * the report's files and order, table verdicts and the changes' levels. */
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const char base[] =
    "authorization: [publicApiKey]\n"
    "models:\n"
    "  Post:\n"
    "    fields:\n"
    "      title: string!\n"
    "      body: string\n"
    "  Tag:\n"
    "    fields:\n"
    "      label: string!\n";

/* A schema of one file called name, resolved (with or without errors). */
static ds_schema *load_as(const char *name, const char *yaml) {
    ds_schema *s = ds_schema_new();
    ds_schema_parse(s, name, yaml, strlen(yaml));
    ds_schema_resolve(s);
    return s;
}

/* The diff of two texts; the schemas are freed at once (the diff keeps copies). */
static ds_diff *diff_of(const char *old_yaml, const char *new_yaml) {
    ds_schema *o = load_as("old.yaml", old_yaml), *n = load_as("new.yaml", new_yaml);
    ds_diff *d = ds_diff_new(o, n);
    ds_schema_free(o);
    ds_schema_free(n);
    ck_assert_ptr_nonnull(d);
    return d;
}

/* The verdict of model's table, or -1. */
static int verdict(const ds_diff *d, const char *model) {
    for (size_t i = 0; i < ds_diff_table_count(d); i++)
        if (strcmp(ds_diff_table_at(d, i)->model, model) == 0) return (int)ds_diff_table_at(d, i)->verdict;
    return -1;
}

/* The change of kind at path, or NULL. */
static const ds_diff_change *change(const ds_diff *d, const char *kind, const char *path) {
    for (size_t i = 0; i < ds_diff_change_count(d); i++) {
        const ds_diff_change *c = ds_diff_change_at(d, i);
        if (strcmp(c->kind, kind) == 0 && strcmp(c->path, path) == 0) return c;
    }
    return NULL;
}

START_TEST(refuses_schemas_with_errors_or_unresolved) {
    ds_schema *good = load_as("a.yaml", base), *bad = load_as("b.yaml", "models: { P: { fields: { x: nope } } }\n");
    ck_assert_ptr_null(ds_diff_new(good, bad));
    ck_assert_ptr_null(ds_diff_new(bad, good));
    ck_assert_ptr_null(ds_diff_new(NULL, good));
    ds_schema *raw = ds_schema_new();
    ds_schema_parse(raw, "c.yaml", base, strlen(base));
    ck_assert_ptr_null(ds_diff_new(raw, good));
    ds_schema_free(raw);
    ds_schema_free(good);
    ds_schema_free(bad);
}
END_TEST

START_TEST(identical_schemas_change_nothing) {
    ds_diff *d = diff_of(base, base);
    ck_assert_uint_eq(ds_diff_change_count(d), 0);
    ck_assert_uint_eq(ds_schema_diagnostic_count(ds_diff_report(d)), 0);
    ck_assert_uint_eq(ds_diff_table_count(d), 2);
    ck_assert_int_eq(verdict(d, "Post"), DS_TABLE_UNCHANGED);
    ds_diff_free(d);
}
END_TEST

START_TEST(removal_is_data_loss_located_in_old) {
    const char *next = "authorization: [publicApiKey]\nmodels:\n  Post:\n    fields:\n"
                       "      title: string!\n      body: string\n";
    ds_diff *d = diff_of(base, next);
    const ds_diff_change *c = change(d, "MODEL_REMOVED", "Tag");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->level, DS_DIFF_DATA_LOSS);
    ck_assert_str_eq(c->diagnostic->code, "DS1001");
    ck_assert_str_eq(c->diagnostic->location.file, "old.yaml");
    ck_assert_uint_eq(c->diagnostic->location.line, 7);
    ck_assert_int_eq(verdict(d, "Tag"), DS_TABLE_DELETED);
    /* The excerpt renders from the report's copy of OLD. */
    char *text = ds_diagnostic_render(ds_diff_report(d), c->diagnostic, NULL);
    ck_assert_msg(strstr(text, "  Tag:") != NULL, "%s", text);
    free(text);
    ds_diff_free(d);
}
END_TEST

START_TEST(changes_follow_the_report_order) {
    const char *next = "authorization: [publicApiKey]\nmodels:\n  Post:\n    identifier: [title]\n"
                       "    fields:\n      title: string!\n  Tag:\n    fields:\n      label: string!\n"
                       "      color: string\n";
    ds_diff *d = diff_of(base, next);
    const ds_schema *r = ds_diff_report(d);
    ck_assert_uint_eq(ds_diff_change_count(d), ds_schema_diagnostic_count(r));
    for (size_t i = 0; i < ds_diff_change_count(d); i++)
        ck_assert_ptr_eq(ds_diff_change_at(d, i)->diagnostic, ds_schema_diagnostic(r, i));
    ck_assert_ptr_null(ds_diff_change_at(d, ds_diff_change_count(d)));
    ck_assert_int_eq(verdict(d, "Post"), DS_TABLE_REPLACED);
    ck_assert_ptr_nonnull(change(d, "IDENTIFIER_CHANGED", "Post"));
    const ds_diff_change *body = change(d, "FIELD_REMOVED", "Post.body");
    ck_assert_ptr_nonnull(body);
    ck_assert_int_eq(body->level, DS_DIFF_BREAKING);
    ck_assert_int_eq(body->diagnostic->severity, DS_SEVERITY_ERROR);
    const ds_diff_change *color = change(d, "INPUT_FIELD_ADDED", "CreateTagInput.color");
    ck_assert_ptr_nonnull(color);
    ck_assert_int_eq(color->level, DS_DIFF_NON_BREAKING);
    ck_assert_int_eq(color->diagnostic->severity, DS_SEVERITY_WARNING);
    ds_diff_free(d);
}
END_TEST

START_TEST(two_new_indexes_are_a_deploy_hazard) {
    const char *next = "authorization: [publicApiKey]\nmodels:\n  Post:\n    fields:\n"
                       "      title: string!\n      body: string\n    secondaryIndexes: [title, body]\n"
                       "  Tag:\n    fields:\n      label: string!\n";
    ds_diff *d = diff_of(base, next);
    ck_assert_int_eq(verdict(d, "Post"), DS_TABLE_UPDATED);
    for (size_t i = 0; i < ds_diff_table_count(d); i++)
        if (strcmp(ds_diff_table_at(d, i)->model, "Post") == 0) {
            ck_assert_uint_eq(ds_diff_table_at(d, i)->gsi_operations, 2);
            ck_assert_uint_eq(ds_diff_table_at(d, i)->gsi_count, 2);
        }
    const ds_diff_change *c = change(d, "GSI_OPERATIONS", "Post");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->level, DS_DIFF_DEPLOY);
    ck_assert_msg(strstr(c->diagnostic->hint, "(1) create index") != NULL, "%s", c->diagnostic->hint);
    ds_diff_free(d);
}
END_TEST

START_TEST(names_of_levels_and_verdicts) {
    ck_assert_str_eq(ds_diff_level_name(DS_DIFF_DATA_LOSS), "data-loss");
    ck_assert_str_eq(ds_diff_level_name(DS_DIFF_NON_BREAKING), "non-breaking");
    ck_assert_str_eq(ds_table_verdict_name(DS_TABLE_REPLACED), "replaced");
    ck_assert_str_eq(ds_table_verdict_name((ds_table_verdict)99), "unknown");
    ds_diff_free(NULL);
}
END_TEST

int main(void) {
    Suite *suite = suite_create("diff");
    TCase *tc = tcase_create("diff");
    tcase_add_test(tc, refuses_schemas_with_errors_or_unresolved);
    tcase_add_test(tc, identical_schemas_change_nothing);
    tcase_add_test(tc, removal_is_data_loss_located_in_old);
    tcase_add_test(tc, changes_follow_the_report_order);
    tcase_add_test(tc, two_new_indexes_are_a_deploy_hazard);
    tcase_add_test(tc, names_of_levels_and_verdicts);
    suite_add_tcase(suite, tc);
    return unit_run(suite);
}
