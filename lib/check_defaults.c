/* check_defaults.c: field defaults.
 *
 * data-schema prints .default(value) as @default(value: "String(value)")
 * and has no default on refs. The Amplify default-value transformer takes
 * @default only on scalar, non-list fields of models, sort keys included,
 * and checks the printed value against the field's type. On the partition
 * key data-schema drops the default without a word: a warning says so. Its checks are followed here, a little
 * stricter where it would let a value through that the type cannot hold
 * (9.99 for an Int, TRUE for a Boolean, NaN for a Float).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "resolve.h"

/* ---- one scalar at a time ---- */

/* Whether s is -?[0-9]+. */
static bool is_integer(const char *s) {
    if (*s == '-') s++;
    if (!isdigit((unsigned char)*s)) return false;
    while (isdigit((unsigned char)*s)) s++;
    return *s == '\0';
}

/* Whether s is a finite decimal number as JavaScript prints one. */
static bool is_number(const char *s) {
    if (*s == '-') s++;
    bool digits = false;
    while (isdigit((unsigned char)*s)) s++, digits = true;
    if (*s == '.') {
        s++;
        while (isdigit((unsigned char)*s)) s++, digits = true;
    }
    if (!digits) return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') s++;
        if (!isdigit((unsigned char)*s)) return false;
        while (isdigit((unsigned char)*s)) s++;
    }
    return *s == '\0';
}

/* Whether the n characters at s are digits; their value in *out. */
static bool digits(const char *s, size_t n, int *out) {
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* YYYY-MM-DD with a day that exists in that month. */
static bool is_date(const char *s, size_t len) {
    int y, m, d;
    if (len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
        !digits(s + 8, 2, &d))
        return false;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

/* hh:mm:ss[.fff](Z|±hh:mm); seconds up to 60 when leap is set. */
static bool is_time(const char *s, bool leap) {
    int h, m, sec;
    if (!digits(s, 2, &h) || s[2] != ':' || !digits(s + 3, 2, &m) || s[5] != ':' ||
        !digits(s + 6, 2, &sec))
        return false;
    if (h > 23 || m > 59 || sec > (leap ? 60 : 59)) return false;
    s += 8;
    if (*s == '.') {
        s++;
        if (!isdigit((unsigned char)*s)) return false;
        while (isdigit((unsigned char)*s)) s++;
    }
    if (s[0] == 'Z') return s[1] == '\0';
    int zh, zm;
    return (s[0] == '+' || s[0] == '-') && digits(s + 1, 2, &zh) && s[3] == ':' &&
           digits(s + 4, 2, &zm) && s[6] == '\0' && zh <= 23 && zm <= 59;
}

/* YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm). */
static bool is_datetime(const char *s) {
    return strlen(s) > 11 && s[10] == 'T' && is_date(s, 10) && is_time(s + 11, true);
}

/* The email pattern of the transformer's validator. */
static bool is_email(const char *s) {
    const char *at = strchr(s, '@');
    if (!at || at == s) return false;
    for (const char *p = s; p < at; p++)
        if (!isalnum((unsigned char)*p) && !strchr(".!#$%&'*+/=?^_`{|}~-", *p)) return false;
    const char *label = at + 1;
    for (;;) {
        size_t n = 0;
        while (isalnum((unsigned char)label[n]) || label[n] == '-') n++;
        if (n == 0 || n > 63 || label[0] == '-' || label[n - 1] == '-') return false;
        if (label[n] == '\0') return true;
        if (label[n] != '.') return false;
        label += n + 1;
    }
}

/* A URL as WHATWG's parser takes it: a scheme, and for the schemes that
 * need one (http, https, ws, wss, ftp) a host without spaces. */
static bool is_url(const char *s) {
    if (!isalpha((unsigned char)*s)) return false;
    size_t n = 1;
    while (isalnum((unsigned char)s[n]) || (s[n] && strchr("+.-", s[n]))) n++;  /* strchr finds the NUL too */
    if (s[n] != ':') return false;
    static const char *const special[] = {"http", "https", "ws", "wss", "ftp"};
    bool needs_host = false;
    for (size_t i = 0; i < 5; i++)
        if (strlen(special[i]) == n && strncasecmp(s, special[i], n) == 0) needs_host = true;
    const char *rest = s + n + 1;
    if (!needs_host) return true;
    while (*rest == '/' || *rest == '\\') rest++;
    size_t host = strcspn(rest, "/?#\\");
    if (host == 0) return false;
    for (size_t i = 0; i < host; i++)
        if (isspace((unsigned char)rest[i]) || strchr("<>^|%", rest[i])) return false;
    return true;
}

/* An international phone number: + and country code, 7 to 15 digits
 * (libphonenumber needs the + when no country is given). */
static bool is_phone(const char *s) {
    if (*s++ != '+') return false;
    size_t n = 0;
    for (; *s; s++) {
        if (isdigit((unsigned char)*s)) n++;
        else if (!strchr(" -().", *s)) return false;
    }
    return n >= 7 && n <= 15;
}

/* Dotted-quad IPv4 (no leading zeros), the n characters at s. */
static bool is_ipv4(const char *s, size_t n) {
    int parts = 0;
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        int v = 0;
        while (i < n && isdigit((unsigned char)s[i])) v = v * 10 + (s[i++] - '0');
        size_t len = i - start;
        if (len == 0 || len > 3 || v > 255 || (len > 1 && s[start] == '0')) return false;
        parts++;
        if (i < n && (s[i++] != '.' || i == n)) return false;
    }
    return parts == 4;
}

/* IPv6 with :: compression, an optional trailing IPv4 and %zone. */
static bool is_ipv6(const char *s) {
    size_t n = strcspn(s, "%");
    if (s[n] == '%' && s[n + 1] == '\0') return false;
    int groups = 0;
    bool compressed = false;
    size_t i = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') compressed = true, i = 2;
    else if (n && s[0] == ':') return false;
    while (i < n) {
        size_t start = i;
        while (i < n && isxdigit((unsigned char)s[i])) i++;
        if (i < n && s[i] == '.') {
            if (!is_ipv4(s + start, n - start)) return false;
            groups += 2;
            break;
        }
        if (i == start || i - start > 4) return false;
        groups++;
        if (i == n) break;
        if (s[i] != ':') return false;
        i++;
        if (i < n && s[i] == ':') {
            if (compressed) return false;
            compressed = true, i++;
        } else if (i == n) return false;
    }
    return compressed ? groups < 8 : groups == 8;
}

/* ---- JSON ---- */

static const char *json_value(const char *p, int depth);

/* Skip JSON whitespace. */
static const char *json_space(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

/* A JSON string at p; the position after it, or NULL. */
static const char *json_string(const char *p) {
    if (*p++ != '"') return NULL;
    while (*p != '"') {
        if ((unsigned char)*p < 0x20) return NULL;
        if (*p == '\\') {
            p++;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!isxdigit((unsigned char)p[i])) return NULL;
                p += 4;
            } else if (!strchr("\"\\/bfnrt", *p) || !*p) {
                return NULL;
            }
        }
        p++;
    }
    return p + 1;
}

/* A JSON number at p; the position after it, or NULL. */
static const char *json_number(const char *p) {
    if (*p == '-') p++;
    if (*p == '0') p++;
    else if (isdigit((unsigned char)*p)) while (isdigit((unsigned char)*p)) p++;
    else return NULL;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p)) return NULL;
        while (isdigit((unsigned char)*p)) p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        if (!isdigit((unsigned char)*p)) return NULL;
        while (isdigit((unsigned char)*p)) p++;
    }
    return p;
}

/* A JSON array or object at p (close is ']' or '}'). */
static const char *json_container(const char *p, char close, int depth) {
    p = json_space(p + 1);
    if (*p == close) return p + 1;
    for (;;) {
        if (close == '}') {
            p = json_string(p);
            if (!p) return NULL;
            p = json_space(p);
            if (*p++ != ':') return NULL;
        }
        p = json_value(p, depth + 1);
        if (!p) return NULL;
        p = json_space(p);
        if (*p == close) return p + 1;
        if (*p++ != ',') return NULL;
        p = json_space(p);
    }
}

/* A JSON value at p (after whitespace); the position after it, or NULL. */
static const char *json_value(const char *p, int depth) {
    if (depth > 64) return NULL;
    p = json_space(p);
    if (*p == '{') return json_container(p, '}', depth);
    if (*p == '[') return json_container(p, ']', depth);
    if (*p == '"') return json_string(p);
    if (strncmp(p, "true", 4) == 0) return p + 4;
    if (strncmp(p, "false", 5) == 0) return p + 5;
    if (strncmp(p, "null", 4) == 0) return p + 4;
    return json_number(p);
}

/* Whether s is one JSON value, as JSON.parse takes it. */
static bool is_json(const char *s) {
    const char *end = json_value(s, 0);
    return end && *json_space(end) == '\0';
}

bool ds_default_valid(ds_scalar scalar, const char *text) {
    if (!text) return false;
    switch (scalar) {
    case DS_SCALAR_STRING: case DS_SCALAR_ID: return true;
    case DS_SCALAR_INTEGER: case DS_SCALAR_TIMESTAMP: return is_integer(text);
    case DS_SCALAR_FLOAT: return is_number(text);
    case DS_SCALAR_BOOLEAN: return strcmp(text, "true") == 0 || strcmp(text, "false") == 0;
    case DS_SCALAR_DATE: return is_date(text, strlen(text));
    case DS_SCALAR_TIME: return is_time(text, false);
    case DS_SCALAR_DATETIME: return is_datetime(text);
    case DS_SCALAR_EMAIL: return is_email(text);
    case DS_SCALAR_JSON: return is_json(text);
    case DS_SCALAR_PHONE: return is_phone(text);
    case DS_SCALAR_URL: return is_url(text);
    case DS_SCALAR_IPADDRESS: return is_ipv4(text, strlen(text)) || is_ipv6(text);
    default: return false;
    }
}

/* ---- where defaults may be ---- */

/* An example of a valid value of a scalar, for hints. */
static const char *example_of(ds_scalar scalar) {
    switch (scalar) {
    case DS_SCALAR_INTEGER: return "0";
    case DS_SCALAR_FLOAT: return "0.5";
    case DS_SCALAR_BOOLEAN: return "false";
    case DS_SCALAR_DATE: return "\"2024-01-31\"";
    case DS_SCALAR_TIME: return "\"12:00:00Z\"";
    case DS_SCALAR_DATETIME: return "\"2024-01-31T12:00:00Z\"";
    case DS_SCALAR_TIMESTAMP: return "1700000000";
    case DS_SCALAR_EMAIL: return "someone@example.com";
    case DS_SCALAR_JSON: return "'{\"key\": 1}'";
    case DS_SCALAR_PHONE: return "\"+14155552671\"";
    case DS_SCALAR_URL: return "https://example.com";
    case DS_SCALAR_IPADDRESS: return "\"127.0.0.1\"";
    default: return "\"text\"";
    }
}

/* Report a default where none may be. */
static void report_place(ds_resolver *r, ds_field *f, const char *why, const char *hint) {
    ds_diag *e = ds_error(r->s, f->default_value->span, DS_E_DEFAULT_PLACE, "%s", why);
    ds_hint(r->s, e, "%s", hint);
    f->invalid = true;
}

/* The default of the partition key deploys, but data-schema prints no
 * @default there: warn where it is written, so the user is not surprised. */
static void warn_dropped_default(ds_resolver *r, const ds_decl *m, const ds_field *f) {
    ds_schema *s = r->s;
    ds_diag *w = ds_warning(s, f->default_value->span, DS_W_DEFAULT_DROPPED,
                            "the default of %s.%s is dropped: %s is %s's partition key, and "
                            "data-schema prints no @default on it", ds_decl_name(m),
                            f->name.text, f->name.text, ds_decl_name(m));
    ds_hint(s, w, "remove default; the client (or, for id, AppSync) sets the partition key");
}

/* Check the default of one model field. */
static void check_model_default(ds_resolver *r, ds_decl *m, ds_field *f) {
    ds_schema *s = r->s;
    const char *name = f->name.text ? f->name.text : "?";
    if (f->kind != DS_FIELD_SCALAR) {
        report_place(r, f, ds_arena_printf(&s->arena, "%s.%s is %s, and a default is allowed "
                                                      "only on scalar fields", ds_decl_name(m),
                                           name, ds_field_type_words(s, f)),
                     "remove default (data-schema has no default on an enum or custom type)");
        return;
    }
    if (f->type.list) {
        report_place(r, f, ds_arena_printf(&s->arena, "%s.%s is a list, and a default is "
                                                      "allowed only on single values",
                                           ds_decl_name(m), name),
                     "remove default; the transformer takes @default on single values only");
        return;
    }
    if (f == m->pk_field) {
        warn_dropped_default(r, m, f);
        return;
    }
    const ds_value *v = f->default_value;
    if (ds_default_valid(f->type.scalar, v->text)) return;
    const char *gql = ds_scalar_graphql_name(f->type.scalar);
    ds_diag *e = ds_error(s, v->span, DS_E_DEFAULT_VALUE, "the default %s%s%s of %s.%s is not "
                          "a valid %s", v->kind == DS_VALUE_STRING ? "\"" : "",
                          v->kind == DS_VALUE_NULL ? "null" : v->text,
                          v->kind == DS_VALUE_STRING ? "\"" : "", ds_decl_name(m), name, gql);
    ds_hint(s, e, "use a value of type %s, e.g. `default: %s`", gql, example_of(f->type.scalar));
    f->invalid = true;
}

/* Defaults of fields outside models: custom types, arguments, returns. */
static void check_other_default(ds_resolver *r, ds_decl *d, ds_field *f) {
    ds_schema *s = r->s;
    report_place(r, f, ds_arena_printf(&s->arena, "%s has a default, but only model fields can "
                                                  "have one%s", ds_field_where(s, f),
                                       d->kind == DS_DECL_TYPE
                                           ? " (the deployment rejects @default in a custom type)"
                                           : ""),
                 "remove default");
}

/* Check every default of one declaration. */
static void check_decl_defaults(ds_resolver *r, ds_decl *d) {
    if (d->invalid) return;
    for (size_t i = 0; i < d->field_count; i++) {
        ds_field *f = d->fields[i];
        if (!f || f->invalid || !f->default_value) continue;
        if (d->kind == DS_DECL_MODEL && !d->implicit) check_model_default(r, d, f);
        else check_other_default(r, d, f);
    }
    for (size_t i = 0; i < d->argument_count; i++)
        if (d->arguments[i] && !d->arguments[i]->invalid && d->arguments[i]->default_value)
            check_other_default(r, d, d->arguments[i]);
    if (d->returns && !d->returns->invalid && d->returns->default_value)
        check_other_default(r, d, d->returns);
}

void ds_check_defaults(ds_resolver *r) {
    for (size_t i = 0; i < r->s->decl_count; i++) check_decl_defaults(r, r->s->decls[i]);
    for (size_t i = 0; i < r->s->implicit_count; i++) check_decl_defaults(r, r->s->implicit[i]);
}
