/* test_core.c: the shared machinery: arena, symbol table, buffer, and the
 * diagnostics list (recording, capping, sorting, rendering, did-you-mean). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "symtab.h"
#include "support.h"

START_TEST(arena_vectors_survive_growth) {
    ds_arena a;
    ds_arena_init(&a);
    int *items = NULL;
    size_t count = 0, cap = 0;
    for (int i = 0; i < 100000; i++) DS_PUSH(&a, items, count, cap, i);
    ck_assert_uint_eq(count, 100000);
    for (int i = 0; i < 100000; i++) ck_assert_int_eq(items[i], i);
    char *big = ds_arena_alloc(&a, 1 << 20);  /* larger than a block */
    ck_assert_int_eq(big[(1 << 20) - 1], 0);
    ck_assert_str_eq(ds_arena_printf(&a, "%s-%d", "x", 7), "x-7");
    ds_arena_free(&a);
}
END_TEST

START_TEST(symtab_keeps_first_value) {
    ds_arena a;
    ds_arena_init(&a);
    ds_symtab t;
    ds_symtab_init(&t, &a);
    int one = 1, two = 2;
    char name[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(name, sizeof name, "Model%d", i);
        ck_assert_ptr_null(ds_symtab_put(&t, ds_arena_strdup(&a, name), &one));
    }
    ck_assert_ptr_eq(ds_symtab_put(&t, "Model42", &two), &one);
    ck_assert_ptr_eq(ds_symtab_get(&t, "Model4999"), &one);
    ck_assert_ptr_null(ds_symtab_get(&t, "Model5000"));
    ds_arena_free(&a);
}
END_TEST

START_TEST(buffer_appends_and_detaches) {
    ds_buf b = {0};
    ds_buf_puts(&b, "type ");
    ds_buf_printf(&b, "%s %d", "Post", 3);
    ds_buf_putc(&b, '!');
    size_t len;
    char *text = ds_buf_detach(&b, &len);
    ck_assert_str_eq(text, "type Post 3!");
    ck_assert_uint_eq(len, 12);
    free(text);
}
END_TEST

/* Assert that ds_buf_printf prints what snprintf prints. */
#define ck_assert_printf_like(fmt, ...)                                         \
    do {                                                                        \
        char want_[512];                                                        \
        snprintf(want_, sizeof want_, fmt, __VA_ARGS__);                        \
        ds_buf b_ = {0};                                                        \
        ds_buf_printf(&b_, fmt, __VA_ARGS__);                                   \
        ck_assert_str_eq(b_.data, want_);                                       \
        ds_buf_free(&b_);                                                       \
    } while (0)

START_TEST(buffer_printf_prints_what_snprintf_prints) {
    ck_assert_printf_like("%s", "");
    ck_assert_printf_like("type %s {%s}", "Post", "x");
    ck_assert_printf_like("%.*s|%.*s|%.*s", 3, "abcdef", 0, "abc", 9, "ab");
    ck_assert_printf_like("%d %d %d %u %zu", 0, -7, -2147483647 - 1, 4294967295u, (size_t)18446744073709551615u);
    ck_assert_printf_like("100%% %c%c", 'o', 'k');
    ck_assert_printf_like("%s %5d|%-4s|%g %s", "mixed", 42, "ab", 2.5, "tail");
    ck_assert_printf_like("%x then %s and %d", 255u, "rest", 9);
    char long_text[300];
    memset(long_text, 'y', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    ck_assert_printf_like("%08.3f %s", 3.14159, long_text);
}
END_TEST

/* A writer that counts what it is given. */
static int count_bytes(void *ctx, const char *data, size_t len) {
    (void)data;
    *(size_t *)ctx += len;
    return 0;
}

START_TEST(buffer_with_a_writer_passes_bytes_on) {
    size_t passed = 0, total = 0;
    ds_buf b = {.write = count_bytes, .ctx = &passed};
    for (int i = 0; i < 100000; i++) {
        ds_buf_printf(&b, "line %d\n", i);
        total += (size_t)snprintf(NULL, 0, "line %d\n", i);
        ck_assert_uint_lt(b.len, DS_BUF_FLUSH);
    }
    ck_assert_uint_gt(passed, 0);
    ds_buf_flush(&b);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(passed, total);
    ds_buf_free(&b);
}
END_TEST

START_TEST(one_file_too_many_is_an_error_of_no_file) {
    ds_schema *s = ds_schema_new();
    char name[32];
    size_t errors = 0;  /* asserted once: a Check assertion costs system calls */
    for (int i = 0; i < 65535; i++) {
        snprintf(name, sizeof name, "f%d.yaml", i);
        errors += ds_schema_parse(s, name, "", 0);
    }
    ck_assert_uint_eq(errors, 0);
    ck_assert_uint_eq(ds_schema_parse(s, "last.yaml", "", 0), 1);
    const ds_diagnostic *d = NULL;  /* the one error among the files' "declares nothing" */
    for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++)
        if (ds_schema_diagnostic(s, i)->severity == DS_SEVERITY_ERROR) d = ds_schema_diagnostic(s, i);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->code, "DS0004");
    ck_assert_ptr_null(d->location.file);
    ck_assert_str_eq(d->message, "last.yaml is one file too many: a schema reads at most 65535 files");
    ds_schema_free(s);
}
END_TEST

START_TEST(closest_names_typos_only) {
    const char *scalars[] = {"string", "integer", "float", "datetime", "email"};
    ck_assert_str_eq(ds_closest("strng", scalars, 5), "string");
    ck_assert_str_eq(ds_closest("Integer", scalars, 5), "integer");
    ck_assert_ptr_null(ds_closest("banana", scalars, 5));
    ck_assert_uint_eq(ds_edit_distance("kitten", "sitting"), 3);
}
END_TEST

/* A schema holding one source file, for diagnostics tests. */
static ds_schema *schema_with(const char *name, const char *text) {
    ds_schema *s = ds_schema_new();
    ds_source src = {0};
    src.name = ds_arena_strdup(&s->arena, name);
    src.data = ds_arena_strdup(&s->arena, text);
    src.len = strlen(text);
    DS_PUSH(&s->arena, s->sources, s->source_count, s->source_cap, src);
    return s;
}

START_TEST(diagnostics_sorted_and_rendered_with_caret) {
    ds_schema *s = schema_with("x.yaml", "models:\n  Post:\n    fields: { title: strng }\n");
    ds_span late = ds_span_make(0, 3, 22, 3, 27), early = ds_span_make(0, 2, 3, 2, 7);
    ds_diag *d = ds_error(s, late, DS_E_UNKNOWN_TYPE, "unknown type strng");
    ds_hint(s, d, "did you mean string?");
    ds_note_at(s, d, early, "in the model Post");
    ds_warning(s, early, DS_E_EMPTY_DECL, "first by position");
    ck_assert_uint_eq(ds_schema_error_count(s), 1);
    ck_assert_uint_eq(ds_schema_warning_count(s), 1);
    ck_assert_str_eq(ds_schema_diagnostic(s, 0)->message, "first by position");
    const ds_diagnostic *e = ds_schema_diagnostic(s, 1);
    ck_assert_str_eq(e->code, "DS0203");
    char *text = ds_diagnostic_render(s, e, NULL);
    ck_assert_str_eq(text,
                     "x.yaml:3:22: error: unknown type strng\n"
                     "    3 |     fields: { title: strng }\n"
                     "      |                      ^~~~~\n"
                     "hint: did you mean string?\n"
                     "x.yaml:2:3: note: in the model Post\n"
                     "    2 |   Post:\n"
                     "      |   ^~~~\n");
    free(text);
    ds_schema_free(s);
}
END_TEST

START_TEST(error_cap_counts_but_drops) {
    ds_schema *s = schema_with("x.yaml", "a: 1\n");
    ds_schema_set_max_errors(s, 2);
    ds_span at = ds_span_make(0, 1, 1, 1, 2);
    for (int i = 0; i < 5; i++) ds_note_at(s, ds_error(s, at, DS_E_BAD_VALUE, "e%d", i), at, "n");
    ck_assert_uint_eq(ds_schema_error_count(s), 5);
    ck_assert_uint_eq(ds_schema_diagnostic_count(s), 2);
    /* Warnings have a cap of their own. */
    for (int i = 0; i < 4; i++) ds_hint(s, ds_warning(s, at, DS_E_EMPTY_DECL, "w%d", i), "h");
    ck_assert_uint_eq(ds_schema_warning_count(s), 4);
    ck_assert_uint_eq(ds_schema_diagnostic_count(s), 4);
    ds_schema_free(s);
}
END_TEST

START_TEST(caret_counts_characters_not_bytes) {
    ds_schema *s = schema_with("u.yaml", "t: \"\xc3\xa9t\xc3\xa9\" bad\n");
    ds_span at = ds_span_make(0, 1, 10, 1, 13);
    const ds_diagnostic *d = &ds_error(s, at, DS_E_BAD_VALUE, "bad")->pub;
    char *text = ds_diagnostic_render(s, d, NULL);
    ck_assert_ptr_nonnull(strstr(text, "\n      |          ^~~\n"));
    free(text);
    ds_schema_free(s);
}
END_TEST

/* A span narrows to a name written inside it, counting characters. */
START_TEST(span_of_text_finds_the_name_inside) {
    ds_schema *s = schema_with("u.yaml", "t: { d: \"\xc3\xa9\", type: \"[Custmer!]\" }\n");
    ds_span type = ds_span_make(0, 1, 20, 1, 32);  /* "[Custmer!]" with its quotes */
    ds_span name = ds_span_of_text(s, type, "Custmer");
    ck_assert_uint_eq(name.col, 22);
    ck_assert_uint_eq(name.end_col, 29);
    ds_span none = ds_span_of_text(s, type, "Customer");  /* not written there */
    ck_assert_uint_eq(none.col, 20);
    ds_diag *d = ds_error(s, type, DS_E_UNKNOWN_TYPE, "unknown");
    ds_suggest(s, d, name, "Customer");
    ck_assert_str_eq(d->pub.replacement, "Customer");
    ck_assert_uint_eq(d->pub.replace_at.column, 22);
    ck_assert_uint_eq(d->pub.replace_at.end_column, 29);
    ds_schema_free(s);
}
END_TEST

START_TEST(long_lines_show_a_window_around_the_caret) {
    char line[4000];
    memset(line, 'a', sizeof line);
    memcpy(line + 3000, ": strng", 7);
    line[sizeof line - 1] = '\0';
    ds_schema *s = schema_with("long.yaml", line);
    ds_span at = ds_span_make(0, 1, 3003, 1, 3008);
    char *text = ds_diagnostic_render(s, &ds_error(s, at, DS_E_BAD_VALUE, "bad")->pub, NULL);
    ck_assert_uint_lt(strlen(text), 600);
    ck_assert_ptr_nonnull(strstr(text, "    1 | ...aaa"));
    ck_assert_ptr_nonnull(strstr(text, ": strngaaa"));
    ck_assert_ptr_nonnull(strstr(text, "aaa...\n"));
    /* The caret sits under the s of strng. */
    const char *excerpt = strstr(text, "| ..."), *caret = strstr(text, "^~~~~\n");
    const char *excerpt_line_start = excerpt, *caret_line_start = caret;
    while (*(excerpt_line_start - 1) != '\n') excerpt_line_start--;
    while (*(caret_line_start - 1) != '\n') caret_line_start--;
    size_t s_at = (size_t)(strstr(excerpt, ": strng") + 2 - excerpt_line_start);
    ck_assert_uint_eq((size_t)(caret - caret_line_start), s_at);
    free(text);
    ds_schema_free(s);
}
END_TEST

START_TEST(lone_cr_ends_a_line) {
    ds_schema *s = schema_with("cr.yaml", "a: 1\rb: strng\r\nc: 3\n");
    size_t len;
    const char *text = ds_schema_source_line(s, "cr.yaml", 2, &len);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq((int)len, 8);
    ck_assert_int_eq(strncmp(text, "b: strng", len), 0);
    text = ds_schema_source_line(s, "cr.yaml", 3, &len);
    ck_assert_int_eq(strncmp(text, "c: 3", len), 0);
    ds_schema_free(s);
}
END_TEST

START_TEST(every_code_is_unique) {
    const ds_diagnostic_kind *k = ds_diagnostic_kinds();
    for (size_t i = 0; k[i].code; i++) {
        ck_assert_int_eq((int)strlen(k[i].code), 6);
        for (size_t j = i + 1; k[j].code; j++) ck_assert_str_ne(k[i].code, k[j].code);
    }
}
END_TEST

int main(void) {
    Suite *suite = suite_create("core");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, arena_vectors_survive_growth);
    tcase_add_test(tc, symtab_keeps_first_value);
    tcase_add_test(tc, buffer_appends_and_detaches);
    tcase_add_test(tc, buffer_printf_prints_what_snprintf_prints);
    tcase_add_test(tc, buffer_with_a_writer_passes_bytes_on);
    tcase_add_test(tc, one_file_too_many_is_an_error_of_no_file);
    tcase_add_test(tc, closest_names_typos_only);
    tcase_add_test(tc, diagnostics_sorted_and_rendered_with_caret);
    tcase_add_test(tc, error_cap_counts_but_drops);
    tcase_add_test(tc, caret_counts_characters_not_bytes);
    tcase_add_test(tc, span_of_text_finds_the_name_inside);
    tcase_add_test(tc, long_lines_show_a_window_around_the_caret);
    tcase_add_test(tc, lone_cr_ends_a_line);
    tcase_add_test(tc, every_code_is_unique);
    suite_add_tcase(suite, tc);
    return unit_run(suite);
}
