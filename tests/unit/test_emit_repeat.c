/* test_emit_repeat.c: emitting reads the resolved schema and never writes
 * to it: a schema emitted 100 times in every format gives the same text
 * each time, and its memory does not grow after the first emit of each
 * format (a language server emits on every keystroke). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "support.h"

/* The corpus case with the most constructs (models, indexes, rules of every
 * level, custom operations, inline types), read from the source tree. */
#define RICH_CASE "tests/corpus/app_saas_multitenant.yaml"

/* The whole of a file, NUL-terminated; fails the test when it cannot be read. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char *text = malloc(1 << 20);
    *len = fread(text, 1, (1 << 20) - 1, f);
    text[*len] = '\0';
    fclose(f);
    return text;
}

/* The rich case parsed and resolved; fails the test when it has errors. */
static ds_schema *load_rich_case(void) {
    size_t len;
    char *text = read_file(RICH_CASE, &len);
    ds_schema *s = ds_schema_new();
    ds_schema_parse_adopt(s, RICH_CASE, text, len);
    ck_assert_int_eq(ds_schema_resolve(s), 0);
    return s;
}

/* One emit of format; fails the test when the schema cannot be emitted. */
static char *emit_once(const ds_schema *s, ds_format format) {
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(ds_schema_emit(s, format, &out, &len), 0);
    return out;
}

START_TEST(every_format_100_times_same_text_same_memory) {
    ds_schema *s = load_rich_case();
    const ds_format formats[] = {DS_FORMAT_GRAPHQL, DS_FORMAT_INTROSPECTION, DS_FORMAT_JSON,
                                 DS_FORMAT_MERMAID, DS_FORMAT_DOT};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        char *first = emit_once(s, formats[f]);
        size_t bytes = s->arena.bytes;
        for (int i = 1; i < 100; i++) {
            char *again = emit_once(s, formats[f]);
            ck_assert_str_eq(again, first);
            free(again);
        }
        ck_assert_uint_eq(s->arena.bytes, bytes);
        free(first);
    }
    ds_schema_free(s);
}
END_TEST

START_TEST(emitting_does_not_grow_the_schema_at_all) {
    ds_schema *s = load_rich_case();
    size_t bytes = s->arena.bytes;
    free(emit_once(s, DS_FORMAT_GRAPHQL));
    free(emit_once(s, DS_FORMAT_INTROSPECTION));
    free(emit_once(s, DS_FORMAT_JSON));
    ck_assert_uint_eq(s->arena.bytes, bytes);
    ds_schema_free(s);
}
END_TEST

int main(void) {
    Suite *suite = suite_create("emit_repeat");
    TCase *tc = tcase_create("emit_repeat");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, every_format_100_times_same_text_same_memory);
    tcase_add_test(tc, emitting_does_not_grow_the_schema_at_all);
    suite_add_tcase(suite, tc);
    return unit_run(suite);
}
