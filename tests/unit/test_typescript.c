/* test_typescript.c: -f typescript's pieces that the npm suite (tests/typescript)
 * does not isolate: string literals, the authorization modes defineData gets and
 * its default, defaultAuthorizationMode's check, the -f typescript warnings, and
 * Prettier's line breaking of a chain that does not fit. */
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "buf.h"
#include "js_pretty.h"
#include "support.h"

/* The literal js_put_string writes for value (static buffer). */
static const char *literal(const char *value) {
    static char text[256];
    ds_buf b = {0};
    js_put_string(&b, value);
    ck_assert_uint_lt(b.len, sizeof text);
    memcpy(text, b.data, b.len);
    text[b.len] = '\0';
    ds_buf_free(&b);
    return text;
}

START_TEST(strings_take_prettiers_quotes_and_escapes) {
    ck_assert_str_eq(literal("plain"), "'plain'");
    ck_assert_str_eq(literal("it's"), "\"it's\"");
    ck_assert_str_eq(literal("say \"hi\""), "'say \"hi\"'");
    ck_assert_str_eq(literal("it's \"x\" 'y'"), "\"it's \\\"x\\\" 'y'\"");
    ck_assert_str_eq(literal("a'b\"c"), "'a\\'b\"c'");   /* a tie keeps single quotes */
    ck_assert_str_eq(literal("C:\\new"), "'C:\\\\new'");
    ck_assert_str_eq(literal("one\ntwo\r\t"), "'one\\ntwo\\r\\t'");
    ck_assert_str_eq(literal("a\xe2\x80\xa8" "b\xe2\x80\xa9"), "'a\\u2028b\\u2029'");
    ck_assert_str_eq(literal("\x01\x7f"), "'\\x01\\x7F'");
    ck_assert_str_eq(literal("caf\xc3\xa9"), "'caf\xc3\xa9'");
}
END_TEST

START_TEST(identifiers_are_keys_as_they_are) {
    ck_assert(js_is_identifier("Post"));
    ck_assert(js_is_identifier("_a1$"));
    ck_assert(!js_is_identifier("1a"));
    ck_assert(!js_is_identifier("a-b"));
    ck_assert(!js_is_identifier(""));
}
END_TEST

/* Whether the -f typescript output of yaml contains needle. */
static bool emits(const char *yaml, const char *needle) {
    char *out = unit_emit(yaml, DS_FORMAT_TYPESCRIPT);
    bool found = strstr(out, needle) != NULL;
    free(out);
    return found;
}

#define NOTE "models:\n  Note:\n    fields:\n      title: string\n"

START_TEST(modes_follow_the_rules) {
    ds_schema *s = unit_load("authorization: [publicApiKey, owner]\n" NOTE
                             "    authorization: [guest, { allow: authenticated, provider: oidc }, custom]\n");
    ck_assert_uint_eq(s->auth_modes, (1u << DS_AUTH_MODE_API_KEY) | (1u << DS_AUTH_MODE_USER_POOL) |
                                         (1u << DS_AUTH_MODE_IDENTITY_POOL) |
                                         (1u << DS_AUTH_MODE_OIDC) | (1u << DS_AUTH_MODE_LAMBDA));
    ck_assert_int_eq(s->default_auth_mode, DS_AUTH_MODE_API_KEY);
    ds_schema_free(s);
    /* The first rule decides, schema-level first. */
    ck_assert(emits("authorization: [owner, publicApiKey]\n" NOTE,
                    "defaultAuthorizationMode: 'userPool',"));
    ck_assert(emits(NOTE "    authorization: [guest]\n", "defaultAuthorizationMode: 'identityPool',"));
    /* An API key only when publicApiKey is used. */
    ck_assert(emits("authorization: [publicApiKey]\n" NOTE, "expiresInDays: 30,"));
    ck_assert(!emits("authorization: [owner]\n" NOTE, "apiKeyAuthorizationMode"));
    /* What the format cannot name is said in the file. */
    ck_assert(emits("authorization: [custom]\n" NOTE, "// add lambdaAuthorizationMode:"));
    ck_assert(!emits("authorization: [owner]\n" NOTE, "lambdaAuthorizationMode"));
}
END_TEST

START_TEST(default_mode_key_chooses_and_is_checked) {
    ck_assert(emits("defaultAuthorizationMode: userPool\nauthorization: [publicApiKey, owner]\n" NOTE,
                    "defaultAuthorizationMode: 'userPool',"));
    ds_schema *s = ds_schema_new();
    const char *yaml = "defaultAuthorizationMode: oidc\nauthorization: [owner]\n" NOTE;
    ds_schema_parse(s, "test.yaml", yaml, strlen(yaml));
    ck_assert_uint_eq(ds_schema_resolve(s), 1);
    const ds_diagnostic *d = ds_schema_diagnostic(s, 0);
    ck_assert_str_eq(d->code, "DS0511");
    ck_assert_uint_eq(d->location.line, 1);
    ds_schema_free(s);
}
END_TEST

/* The warnings of a resolve of yaml, told the format (or not). */
static size_t warnings(const char *yaml, bool tell, ds_format format) {
    ds_schema *s = ds_schema_new();
    if (tell) ds_schema_set_format(s, format);
    ds_schema_parse(s, "test.yaml", yaml, strlen(yaml));
    ck_assert_uint_eq(ds_schema_resolve(s), 0);
    size_t n = ds_schema_warning_count(s);
    for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++)
        ck_assert_str_eq(ds_schema_diagnostic(s, i)->code, "DS0910");
    ds_schema_free(s);
    return n;
}

START_TEST(typescript_warns_of_what_it_cannot_name) {
    const char *yaml = NOTE "    authorization: [custom, { allow: owner, provider: oidc },\n"
                              "      { allow: authenticated, provider: oidc }]\n";
    ck_assert_uint_eq(warnings(yaml, true, DS_FORMAT_TYPESCRIPT), 2);   /* once per mode */
    ck_assert_uint_eq(warnings(yaml, true, DS_FORMAT_GRAPHQL), 0);
    ck_assert_uint_eq(warnings(yaml, false, DS_FORMAT_GRAPHQL), 0);
}
END_TEST

START_TEST(a_chain_that_does_not_fit_breaks) {
    char *out = unit_emit("authorization: [publicApiKey]\nmodels:\n  Post:\n    fields:\n"
                          "      short: \"[string!]!\"\n"
                          "      aFieldNameLongEnoughToPushItsChainPastEightyColumns: \"[string!]!\"\n",
                          DS_FORMAT_TYPESCRIPT);
    ck_assert_ptr_nonnull(strstr(out, "\n      short: a.string().required().array().required(),\n"));
    ck_assert_ptr_nonnull(strstr(out, "\n      aFieldNameLongEnoughToPushItsChainPastEightyColumns: a\n"
                                      "        .string()\n        .required()\n"));
    free(out);
}
END_TEST

int main(void) {
    Suite *suite = suite_create("typescript");
    TCase *tc = tcase_create("typescript");
    tcase_add_test(tc, strings_take_prettiers_quotes_and_escapes);
    tcase_add_test(tc, identifiers_are_keys_as_they_are);
    tcase_add_test(tc, modes_follow_the_rules);
    tcase_add_test(tc, default_mode_key_chooses_and_is_checked);
    tcase_add_test(tc, typescript_warns_of_what_it_cannot_name);
    tcase_add_test(tc, a_chain_that_does_not_fit_breaks);
    suite_add_tcase(suite, tc);
    return unit_run(suite);
}
