/* support.c: helpers shared by the unit tests. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ds_schema *unit_load(const char *yaml) {
    ds_schema *s = ds_schema_new();
    ds_schema_parse(s, "test.yaml", yaml, strlen(yaml));
    if (ds_schema_resolve(s) != 0) {
        for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++) {
            const ds_diagnostic *d = ds_schema_diagnostic(s, i);
            fprintf(stderr, "test.yaml:%u:%u: %s\n", d->location.line, d->location.column,
                    d->message);
        }
    }
    return s;
}

char *unit_emit(const char *yaml, ds_format format) {
    ds_schema *s = unit_load(yaml);
    ck_assert_uint_eq(ds_schema_error_count(s), 0);
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(ds_schema_emit(s, format, &out, &len), 0);
    ck_assert_uint_eq(strlen(out), len);
    ds_schema_free(s);
    return out;
}

json_t *unit_document(const char *yaml, ds_format format) {
    char *text = unit_emit(yaml, format);
    json_error_t error;
    json_t *doc = json_loads(text, 0, &error);
    ck_assert_msg(doc != NULL, "not JSON: %s", error.text);
    free(text);
    return doc;
}

const char *unit_keys(json_t *object) {
    static char buf[1024];
    buf[0] = '\0';
    const char *key;
    json_t *value;
    json_object_foreach(object, key, value) {
        (void)value;
        if (buf[0]) strcat(buf, ",");
        strncat(buf, key, sizeof buf - strlen(buf) - 2);
    }
    return buf;
}

const char *unit_compact(json_t *value) {
    static char buf[2048];
    char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
    snprintf(buf, sizeof buf, "%s", text ? text : "(null)");
    free(text);
    return buf;
}

int unit_run(Suite *suite) {
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_ENV);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
