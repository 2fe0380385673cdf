/* yaml_scalar.c: scalars under the YAML 1.2 core schema (the reading of
 * the `yaml` npm package with schema 'core'), and numbers as JavaScript's
 * String(number) prints them. */
#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_tree.h"

static const char *const null_words[] = {"", "~", "null", "Null", "NULL", NULL};
static const char *const true_words[] = {"true", "True", "TRUE", NULL};
static const char *const false_words[] = {"false", "False", "FALSE", NULL};

/* Whether text is word (inline: the words are short, most texts differ at once). */
static bool is_word(const char *text, const char *word) {
    while (*word && *text == *word) text++, word++;
    return *word == '\0' && *text == '\0';
}

/* Whether text is one of the NULL-terminated words. */
static bool is_one_of(const char *text, const char *const *words) {
    for (; *words; words++)
        if (is_word(text, *words)) return true;
    return false;
}

/* How many characters at t satisfy is (an <ctype.h> test). */
static size_t count_while(const char *t, int (*is)(int)) {
    size_t n = 0;
    while (t[n] && is((unsigned char)t[n])) n++;
    return n;
}

/* Octal digits, for count_while. */
static int is_octal_digit(int c) { return c >= '0' && c <= '7'; }

/* [-+]?[0-9]+ */
static bool is_decimal_int(const char *t) {
    if (*t == '-' || *t == '+') t++;
    size_t n = count_while(t, isdigit);
    return n > 0 && t[n] == '\0';
}

/* 0o[0-7]+ */
static bool is_octal_int(const char *t) {
    if (t[0] != '0' || t[1] != 'o') return false;
    size_t n = count_while(t + 2, is_octal_digit);
    return n > 0 && t[2 + n] == '\0';
}

/* 0x[0-9a-fA-F]+ */
static bool is_hex_int(const char *t) {
    if (t[0] != '0' || t[1] != 'x') return false;
    size_t n = count_while(t + 2, isxdigit);
    return n > 0 && t[2 + n] == '\0';
}

/* [-+]? ( \.[0-9]+ | [0-9]+ (\.[0-9]*)? ) ([eE][-+]?[0-9]+)?  with a dot or
 * an exponent (without either it is an integer). */
static bool is_float(const char *t) {
    if (*t == '-' || *t == '+') t++;
    size_t whole = count_while(t, isdigit), frac = 0;
    t += whole;
    bool dot = *t == '.', exp = false;
    if (dot) {
        frac = count_while(++t, isdigit);
        t += frac;
    }
    if (whole == 0 && frac == 0) return false;
    if (*t == 'e' || *t == 'E') {
        t++;
        if (*t == '-' || *t == '+') t++;
        size_t digits = count_while(t, isdigit);
        if (digits == 0) return false;
        t += digits;
        exp = true;
    }
    return *t == '\0' && (dot || exp);
}

/* [-+]?\.(inf|Inf|INF) or \.(nan|NaN|NAN): sets *out. */
static bool is_special_float(const char *t, double *out) {
    static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};
    static const char *const infs[] = {".inf", ".Inf", ".INF", NULL};
    if (is_one_of(t, nans)) {
        *out = NAN;
        return true;
    }
    double sign = *t == '-' ? -1.0 : 1.0;
    if (*t == '-' || *t == '+') t++;
    if (!is_one_of(t, infs)) return false;
    *out = sign * INFINITY;
    return true;
}

/* strtod of a decimal number written with '.', whatever the C locale says
 * the decimal point is. */
static double c_strtod(const char *text) {
    const char *point = localeconv()->decimal_point;
    if (!point || strcmp(point, ".") == 0 || !strchr(text, '.')) return strtod(text, NULL);
    size_t len = strlen(text), plen = strlen(point);
    char *copy = malloc(len + plen + 1);
    if (!copy) abort();
    char *w = copy;
    for (const char *r = text; *r; r++) {
        if (*r == '.') {
            memcpy(w, point, plen);
            w += plen;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    double v = strtod(copy, NULL);
    free(copy);
    return v;
}

/* The value of octal digits, rounded to the nearest double like JavaScript's
 * parseInt(digits, 8): through a hexadecimal string that strtod rounds. */
static double octal_value(const char *digits) {
    while (*digits == '0') digits++;
    size_t len = strlen(digits);
    if (len <= 21) {  /* 63 bits: exact in an unsigned long long */
        unsigned long long v = 0;
        for (size_t i = 0; i < len; i++) v = v * 8 + (unsigned)(digits[i] - '0');
        return (double)v;
    }
    size_t hex_len = (len * 3 + 3) / 4;
    char *hex = malloc(hex_len + 3);
    if (!hex) abort();
    static const char xdigits[] = "0123456789abcdef";
    unsigned acc = 0, bits = 0;
    size_t w = hex_len + 2;
    hex[w] = '\0';
    for (size_t i = len; i-- > 0;) {
        acc |= (unsigned)(digits[i] - '0') << bits;
        bits += 3;
        while (bits >= 4) {
            hex[--w] = xdigits[acc & 15];
            acc >>= 4;
            bits -= 4;
        }
    }
    if (bits) hex[--w] = xdigits[acc & 15];
    hex[--w] = 'x';
    hex[--w] = '0';
    double v = strtod(hex + w, NULL);
    free(hex);
    return v;
}

/* The core-schema kind of text that reads as a number (its first byte is a
 * digit, a sign or a dot), with the number unless number is NULL. */
static ds_value_kind number_kind(const char *t, double *number) {
    double special;
    if (is_octal_int(t)) {
        if (number) *number = octal_value(t + 2);
        return DS_VALUE_INT;
    }
    if (is_decimal_int(t)) {
        if (number) *number = c_strtod(t);
        return DS_VALUE_INT;
    }
    if (is_hex_int(t)) {
        if (number) *number = strtod(t, NULL);  /* C99 reads 0x... itself, correctly rounded */
        return DS_VALUE_INT;
    }
    if (is_special_float(t, &special)) {
        if (number) *number = special;
        return DS_VALUE_FLOAT;
    }
    if (is_float(t)) {
        if (number) *number = c_strtod(t);
        return DS_VALUE_FLOAT;
    }
    return DS_VALUE_STRING;
}

/* The core-schema kind of plain text, with its number (unless number is
 * NULL) or boolean. The first byte rules out most kinds at once. */
static ds_value_kind core_kind(const char *t, double *number, bool *boolean) {
    switch (t[0]) {
    case '\0': return DS_VALUE_NULL;
    case '~': return t[1] == '\0' ? DS_VALUE_NULL : DS_VALUE_STRING;
    case 'n': case 'N':
        return is_one_of(t, null_words) ? DS_VALUE_NULL : DS_VALUE_STRING;
    case 't': case 'T': case 'f': case 'F':
        if (is_one_of(t, true_words)) {
            *boolean = true;
            return DS_VALUE_BOOL;
        }
        if (is_one_of(t, false_words)) {
            *boolean = false;
            return DS_VALUE_BOOL;
        }
        return DS_VALUE_STRING;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8':
    case '9': case '+': case '-': case '.':
        return number_kind(t, number);
    default: return DS_VALUE_STRING;
    }
}

/* The kind an explicit tag names. */
static ds_value_kind tag_kind(ds_ytag tag) {
    switch (tag) {
    case DS_YTAG_NULL: return DS_VALUE_NULL;
    case DS_YTAG_BOOL: return DS_VALUE_BOOL;
    case DS_YTAG_INT: return DS_VALUE_INT;
    case DS_YTAG_FLOAT: return DS_VALUE_FLOAT;
    default: return DS_VALUE_STRING;
    }
}

bool ds_yaml_tag_fits(const ds_ynode *n) {
    if (n->kind != DS_Y_SCALAR || n->tag == DS_YTAG_NONE || n->tag == DS_YTAG_STR) return true;
    double number;
    bool boolean;
    ds_value_kind k = core_kind(n->text, &number, &boolean);
    return k == tag_kind(n->tag) || (k == DS_VALUE_INT && n->tag == DS_YTAG_FLOAT);
}

ds_value_kind ds_yaml_read_kind(const ds_ynode *n) {
    if (n->kind != DS_Y_SCALAR || n->tag == DS_YTAG_STR) return DS_VALUE_STRING;
    if (n->tag == DS_YTAG_NONE && !n->plain) return DS_VALUE_STRING;
    bool boolean;
    ds_value_kind k = core_kind(n->text, NULL, &boolean);
    if (k == DS_VALUE_INT && n->tag == DS_YTAG_FLOAT) k = DS_VALUE_FLOAT;
    return k;
}

ds_value_kind ds_yaml_scalar_kind(const ds_ynode *n, double *number, bool *boolean) {
    if (number) *number = 0;
    if (boolean) *boolean = false;
    if (n->kind != DS_Y_SCALAR) return DS_VALUE_STRING;
    ds_value_kind k = (ds_value_kind)n->core;  /* read by the loader */
    if ((number || boolean) && (k == DS_VALUE_BOOL || k == DS_VALUE_INT || k == DS_VALUE_FLOAT)) {
        double ignored_number;
        bool ignored_boolean;
        core_kind(n->text, number ? number : &ignored_number, boolean ? boolean : &ignored_boolean);
    }
    return k;
}

bool ds_yaml_is_null(const ds_ynode *n) {
    return n->kind == DS_Y_SCALAR && n->core == DS_VALUE_NULL;
}

void ds_yaml_value(ds_schema *s, const ds_ynode *n, ds_value *out) {
    memset(out, 0, sizeof *out);
    out->span = n->span;
    out->kind = ds_yaml_scalar_kind(n, &out->number, &out->boolean);
    char digits[40];
    switch (out->kind) {
    case DS_VALUE_NULL: out->text = "undefined"; break;  /* String(null) in data-schema's hands */
    case DS_VALUE_BOOL: out->text = out->boolean ? "true" : "false"; break;
    case DS_VALUE_INT:
    case DS_VALUE_FLOAT:
        ds_js_number(out->number, digits, sizeof digits);
        out->text = ds_arena_strdup(&s->arena, digits);
        break;
    case DS_VALUE_STRING: out->text = ds_arena_strndup(&s->arena, n->text, n->len); break;
    }
}

/* The shortest decimal digits that read back as x > 0 (at most 17), with
 * the exponent n of ECMAScript's Number::toString: x = 0.DIGITS × 10^n. */
static int shortest_digits(double x, char digits[24], int *n) {
    char tmp[48];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(tmp, sizeof tmp, "%.*e", precision - 1, x);
        if (strtod(tmp, NULL) == x) break;
    }
    int k = 0;
    const char *p = tmp;
    for (; *p && *p != 'e'; p++)
        if (isdigit((unsigned char)*p) && k < 23) digits[k++] = *p;
    *n = (*p == 'e' ? atoi(p + 1) : 0) + 1;
    while (k > 1 && digits[k - 1] == '0') k--;
    digits[k] = '\0';
    return k;
}

/* Append count copies of c at *w. */
static char *repeat(char *w, char c, int count) {
    while (count-- > 0) *w++ = c;
    return w;
}

void ds_js_number(double x, char *buf, size_t size) {
    if (isnan(x)) {
        snprintf(buf, size, "NaN");
        return;
    }
    if (isinf(x)) {
        snprintf(buf, size, "%s", x < 0 ? "-Infinity" : "Infinity");
        return;
    }
    if (x == 0) {  /* also -0 */
        snprintf(buf, size, "0");
        return;
    }
    char digits[24], out[64], *w = out;
    int n, k = shortest_digits(fabs(x), digits, &n);
    if (x < 0) *w++ = '-';
    if (k <= n && n <= 21) {             /* 1000, 123 */
        w += sprintf(w, "%s", digits);
        w = repeat(w, '0', n - k);
    } else if (0 < n && n <= 21) {       /* 2.5 */
        w += sprintf(w, "%.*s.%s", n, digits, digits + n);
    } else if (-6 < n && n <= 0) {       /* 0.000125 */
        w += sprintf(w, "0.");
        w = repeat(w, '0', -n);
        w += sprintf(w, "%s", digits);
    } else {                             /* 1e+21, 1.5e-7 */
        int e = n - 1;
        w += sprintf(w, "%c%s%s%s%c%d", digits[0], k > 1 ? "." : "", digits + 1, "e",
                     e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
    *w = '\0';
    snprintf(buf, size, "%s", out);
}
