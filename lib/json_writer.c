/* json_writer.c: the out-of-line parts of the JSON writer: staging,
 * indentation, escaping and numbers (jansson's dump.c and strconv.c
 * behaviour). */
#include "json_writer.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>

/* The bytes a string holds unescaped and unchecked (json_writer.h). */
#define R4(v) v, v, v, v
#define R16(v) R4(v), R4(v), R4(v), R4(v)
const unsigned char ds_jw_plain[256] = {
    R16(0), R16(0),                                       /* 0x00-0x1f: controls */
    1, 1, 0, R4(1), R4(1), R4(1), 1,                      /* 0x20-0x2f: " */
    R16(1),                                               /* 0x30-0x3f */
    R16(1),                                               /* 0x40-0x4f */
    R4(1), R4(1), R4(1), 0, 1, 1, 1,                      /* 0x50-0x5f: \ */
    R16(1), R16(1),                                       /* 0x60-0x7f */
    R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0)}; /* UTF-8 */

const char ds_jw_newline_spaces[DS_JW_QUICK_SPACES + 3] =
    ",\n                                                ";

/* A stretch of spaces to copy from. */
static const char spaces64[] = "                                                                ";

void ds_jw_newline_slow(ds_jw *w, bool comma, int depth) {
    ds_jw_put(w, ",\n" + !comma, 1 + comma);
    for (size_t spaces = (size_t)depth * (size_t)w->indent; spaces > 0;) {
        size_t n = spaces < sizeof spaces64 - 1 ? spaces : sizeof spaces64 - 1;
        ds_jw_put(w, spaces64, n);
        spaces -= n;
    }
}

void ds_jw_init(ds_jw *w, ds_buf *out, int indent, int precision) {
    w->out = out;
    w->len = 0;
    w->indent = indent;
    w->depth = 0;
    w->precision = precision;
    w->after_key = false;
    w->has_items[0] = false;
}

void ds_jw_finish(ds_jw *w) {
    if (w->len) ds_buf_add(w->out, w->stage, w->len);
    w->len = 0;
}

void ds_jw_spill(ds_jw *w, const char *s, size_t n) {
    ds_jw_finish(w);
    if (n > DS_JW_STAGE) {
        ds_buf_add(w->out, s, n);
    } else if (n) {
        memcpy(w->stage, s, n);
        w->len = n;
    }
}

/* jansson's utf8_check_first: the length a lead byte announces, 0 if it
 * cannot lead. */
static size_t utf8_lead_length(unsigned char u) {
    if (u < 0x80) return 1;
    if (u < 0xC2) return 0;  /* a continuation byte, or an overlong ASCII */
    if (u <= 0xDF) return 2;
    if (u <= 0xEF) return 3;
    if (u <= 0xF4) return 4;
    return 0;
}

/* jansson's utf8_check_full: whether the size bytes at s are one
 * well-formed, shortest, non-surrogate code point up to U+10FFFF. */
static bool utf8_sequence_ok(const unsigned char *s, size_t size) {
    int32_t value = s[0] & (size == 2 ? 0x1F : size == 3 ? 0x0F : 0x07);
    for (size_t i = 1; i < size; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF) return false;
        value = (value << 6) + (s[i] & 0x3F);
    }
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
    return !((size == 2 && value < 0x80) || (size == 3 && value < 0x800) ||
             (size == 4 && value < 0x10000));
}

/* Whether s is valid UTF-8 as jansson's json_string requires it. */
static bool utf8_valid(const char *text) {
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        if (*s < 0x80) {
            s++;
            continue;
        }
        size_t size = utf8_lead_length(*s);
        if (size == 0) return false;
        for (size_t i = 1; i < size; i++)
            if (s[i] == 0) return false;
        if (!utf8_sequence_ok(s, size)) return false;
        s += size;
    }
    return true;
}

/* The escape of a byte jansson escapes. */
static void put_escape(ds_jw *w, unsigned char c) {
    static const char hex[] = "0123456789ABCDEF";
    switch (c) {
    case '\\': ds_jw_put(w, "\\\\", 2); break;
    case '"': ds_jw_put(w, "\\\"", 2); break;
    case '\b': ds_jw_put(w, "\\b", 2); break;
    case '\f': ds_jw_put(w, "\\f", 2); break;
    case '\n': ds_jw_put(w, "\\n", 2); break;
    case '\r': ds_jw_put(w, "\\r", 2); break;
    case '\t': ds_jw_put(w, "\\t", 2); break;
    default: {
        char seq[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        ds_jw_put(w, seq, sizeof seq);
    }
    }
}

void ds_jw_quote_slow(ds_jw *w, const char *s) {
    ds_jw_putc(w, '"');
    if (utf8_valid(s)) {
        const char *run = s;
        for (; *s; s++) {
            unsigned char c = (unsigned char)*s;
            if (c >= 0x80 || ds_jw_plain[c]) continue;
            ds_jw_put(w, run, (size_t)(s - run));
            put_escape(w, c);
            run = s + 1;
        }
        ds_jw_put(w, run, (size_t)(s - run));
    }
    ds_jw_putc(w, '"');
}

void ds_jw_int(ds_jw *w, long long v) {
    char digits[24];
    size_t n = sizeof digits;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do digits[--n] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0) digits[--n] = '-';
    ds_jw_prefix(w);
    ds_jw_put(w, digits + n, sizeof digits - n);
}

/* jansson's jsonp_dtostr: %.<precision>g, ".0" added when there is
 * neither a '.' nor an 'e', and the exponent without '+' or leading zeros.
 * Returns the length, or -1 when jansson would fail (nothing printed). */
static int real_text(char *text, size_t size, double v, int precision) {
    int ret = snprintf(text, size, "%.*g", precision ? precision : 17, v);
    if (ret < 0 || (size_t)ret >= size) return -1;
    size_t length = (size_t)ret;
    const char *point = localeconv()->decimal_point;
    char *comma = *point != '.' ? strchr(text, *point) : NULL;
    if (comma) *comma = '.';  /* jansson's from_locale */
    if (!strchr(text, '.') && !strchr(text, 'e')) {
        if (length + 3 >= size) return -1;
        memcpy(text + length, ".0", 3);
        length += 2;
    }
    char *start = strchr(text, 'e');
    if (start) {
        start++;
        char *end = start + 1;
        if (*start == '-') start++;
        while (*end == '0') end++;
        if (end != start) {
            memmove(start, end, length - (size_t)(end - text) + 1);
            length -= (size_t)(end - start);
        }
    }
    return (int)length;
}

void ds_jw_real(ds_jw *w, double v) {
    char text[100];
    int n = real_text(text, sizeof text, v, w->precision);
    ds_jw_prefix(w);
    if (n > 0) ds_jw_put(w, text, (size_t)n);
}

void ds_jw_names(ds_jw *w, const ds_name_list *list) {
    ds_jw_begin_array(w);
    for (size_t i = 0; i < list->count; i++) ds_jw_string(w, list->items[i].text);
    ds_jw_end_array(w);
}

void ds_jw_scratch_string(ds_jw *w, ds_buf *scratch) {
    ds_jw_string(w, scratch->data && scratch->len ? scratch->data : "");
    scratch->len = 0;
    if (scratch->data) scratch->data[0] = '\0';
}
