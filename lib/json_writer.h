/* json_writer.h: JSON text written straight to a ds_buf, laid out byte for
 * byte as jansson's json_dumps(value, JSON_INDENT(n)) prints it.
 *
 * The JSON back-ends write their documents token by token instead of
 * building jansson trees: no node is allocated and each byte is written
 * once. The layout is jansson's: members and elements each on their own
 * line, indented n spaces a level, "key": value, "," at line ends, {} and []
 * for empty containers, strings UTF-8 (not ensure_ascii) with \" \\ \b \f
 * \n \r \t and \u00XX escapes, a string that is not valid UTF-8 printed as
 * "" (as ds_json_text made it), integers as %lld and reals as jansson's
 * JSON_REAL_PRECISION prints them.
 *
 * Bytes gather in a small stage and go to the buffer in large pieces
 * (ds_buf_add only: the writer never reads back what it wrote). Since an
 * opening bracket's newline is written with the first member, an empty
 * container needs no look-ahead.
 */
#ifndef DS_JSON_WRITER_H
#define DS_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ast.h"
#include "buf.h"

#define DS_JW_STAGE 8192     /* bytes gathered before they go to the buffer */
#define DS_JW_MAX_DEPTH 32   /* deepest nesting the back-ends write */

typedef struct ds_jw {
    ds_buf *out;
    size_t len;                          /* bytes in stage */
    int indent;                          /* spaces per level */
    int depth;                           /* containers open */
    int precision;                       /* significant digits of reals (0: 17) */
    bool after_key;                      /* a key was written; its value comes next */
    bool has_items[DS_JW_MAX_DEPTH + 1]; /* whether the container at a depth has a member */
    char stage[DS_JW_STAGE];
} ds_jw;

/* Start writing a document to out: indent spaces a level (1 or more) and
 * reals with precision significant digits (jansson's
 * JSON_REAL_PRECISION; 0 for its default, 17). */
void ds_jw_init(ds_jw *w, ds_buf *out, int indent, int precision);

/* Pass what is staged on to the buffer; call once the document is done. */
void ds_jw_finish(ds_jw *w);

/* Out of line: stage bytes that do not fit. */
void ds_jw_spill(ds_jw *w, const char *s, size_t n);

/* Out of line: a newline (after a comma when comma) and depth levels of
 * indent, when the quick way of ds_jw_newline cannot. */
void ds_jw_newline_slow(ds_jw *w, bool comma, int depth);

/* ",\n" and DS_JW_QUICK_SPACES spaces. */
#define DS_JW_QUICK_SPACES 48
extern const char ds_jw_newline_spaces[DS_JW_QUICK_SPACES + 3];

/* Out of line: a string that needs escaping or checking, quoted. */
void ds_jw_quote_slow(ds_jw *w, const char *s);

/* Append raw bytes. */
static inline void ds_jw_put(ds_jw *w, const char *s, size_t n) {
    if (n <= DS_JW_STAGE - w->len) {
        memcpy(w->stage + w->len, s, n);
        w->len += n;
    } else {
        ds_jw_spill(w, s, n);
    }
}

/* Append one raw byte. */
static inline void ds_jw_putc(ds_jw *w, char c) {
    if (w->len == DS_JW_STAGE) ds_jw_spill(w, NULL, 0);
    w->stage[w->len++] = c;
}

/* A newline (after a comma when comma) and depth levels of indent. The
 * quick way copies a fixed length, more than needed, and keeps what it
 * needs. */
static inline void ds_jw_newline(ds_jw *w, bool comma, int depth) {
    size_t spaces = (size_t)depth * (size_t)w->indent;
    if (spaces <= DS_JW_QUICK_SPACES && w->len + DS_JW_QUICK_SPACES + 2 <= DS_JW_STAGE) {
        memcpy(w->stage + w->len, ds_jw_newline_spaces + !comma, DS_JW_QUICK_SPACES + 2);
        w->len += spaces + 1 + comma;
    } else {
        ds_jw_newline_slow(w, comma, depth);
    }
}

/* The newline and indent (after a comma unless first) before a member at
 * the current depth. */
static inline void ds_jw_separate(ds_jw *w) {
    bool comma = w->has_items[w->depth];
    w->has_items[w->depth] = true;
    ds_jw_newline(w, comma, w->depth);
}

/* What comes before a value: nothing after a key or at the top level,
 * else the separator of an array element. */
static inline void ds_jw_prefix(ds_jw *w) {
    if (w->after_key) w->after_key = false;
    else if (w->depth > 0) ds_jw_separate(w);
}

/* 1 for the bytes a string holds as they are: ASCII from the space up,
 * but " and \ (jansson escapes neither / nor DEL). */
extern const unsigned char ds_jw_plain[256];

/* A string, quoted and escaped (NULL is not allowed). */
static inline void ds_jw_quote(ds_jw *w, const char *s) {
    size_t n = 0;
    while (ds_jw_plain[(unsigned char)s[n]]) n++;
    if (s[n] != '\0' || n + 2 > DS_JW_STAGE - w->len) {
        ds_jw_quote_slow(w, s);
        return;
    }
    char *p = w->stage + w->len;
    p[0] = '"';
    memcpy(p + 1, s, n);
    p[n + 1] = '"';
    w->len += n + 2;
}

/* A key of the current object (any text; NULL as ""). */
static inline void ds_jw_key(ds_jw *w, const char *key) {
    ds_jw_separate(w);
    ds_jw_quote(w, key ? key : "");
    ds_jw_put(w, ": ", 2);
    w->after_key = true;
}

/* A key or member spelled out in a literal: DS_JW_KEY(w, "name") writes
 * "name": and DS_JW_MEMBER(w, "\"list\": []") a whole member. Literals
 * must be plain ASCII that needs no escape. */
#define DS_JW_KEY(w, lit)                                   \
    do {                                                    \
        ds_jw_separate(w);                                  \
        ds_jw_put((w), "\"" lit "\": ", sizeof(lit) + 3);   \
        (w)->after_key = true;                              \
    } while (0)
#define DS_JW_MEMBER(w, lit)                                \
    do {                                                    \
        ds_jw_separate(w);                                  \
        ds_jw_put((w), lit, sizeof(lit) - 1);               \
    } while (0)

/* The member "lit": text, only when text is not NULL. */
#define DS_JW_OPTIONAL_STRING(w, lit, text)                 \
    do {                                                    \
        const char *optional_ = (text);                     \
        if (optional_) {                                    \
            DS_JW_KEY(w, lit);                              \
            ds_jw_string((w), optional_);                   \
        }                                                   \
    } while (0)

/* A value spelled out in a literal (e.g. "null", "\"scalar\""). */
#define DS_JW_LITERAL(w, lit)                               \
    do {                                                    \
        ds_jw_prefix(w);                                    \
        ds_jw_put((w), lit, sizeof(lit) - 1);               \
    } while (0)

/* A string value, or null for NULL. */
static inline void ds_jw_string(ds_jw *w, const char *s) {
    ds_jw_prefix(w);
    if (s) ds_jw_quote(w, s);
    else ds_jw_put(w, "null", 4);
}

/* null. */
static inline void ds_jw_null(ds_jw *w) {
    ds_jw_prefix(w);
    ds_jw_put(w, "null", 4);
}

/* true or false. */
static inline void ds_jw_bool(ds_jw *w, bool v) {
    ds_jw_prefix(w);
    if (v) ds_jw_put(w, "true", 4);
    else ds_jw_put(w, "false", 5);
}

/* An integer. */
void ds_jw_int(ds_jw *w, long long v);

/* A real, as jansson prints it (finite values only). */
void ds_jw_real(ds_jw *w, double v);

/* Open an object or an array. */
static inline void ds_jw_open(ds_jw *w, char bracket) {
    ds_jw_prefix(w);
    ds_jw_putc(w, bracket);
    if (w->depth < DS_JW_MAX_DEPTH) w->depth++;
    w->has_items[w->depth] = false;
}

/* Close what ds_jw_open opened ('}' or ']'). */
static inline void ds_jw_close(ds_jw *w, char bracket) {
    bool had_items = w->has_items[w->depth];
    if (w->depth > 0) w->depth--;
    if (had_items) ds_jw_newline(w, false, w->depth);
    ds_jw_putc(w, bracket);
}

static inline void ds_jw_begin_object(ds_jw *w) { ds_jw_open(w, '{'); }
static inline void ds_jw_end_object(ds_jw *w) { ds_jw_close(w, '}'); }
static inline void ds_jw_begin_array(ds_jw *w) { ds_jw_open(w, '['); }
static inline void ds_jw_end_array(ds_jw *w) { ds_jw_close(w, ']'); }

/* An array of the names of a list (null for a missing name). */
void ds_jw_names(ds_jw *w, const ds_name_list *list);

/* Write the text gathered in a scratch buffer as a string value, and
 * empty the buffer for the next one. */
void ds_jw_scratch_string(ds_jw *w, ds_buf *scratch);

#endif
