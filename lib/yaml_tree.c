/* yaml_tree.c: libyaml's events read into a tree of located nodes.
 *
 * Before libyaml sees the bytes they are checked for UTF-8 and for
 * characters YAML forbids, so every such error names its line and column.
 * While reading, the loader enforces the depth limit and the alias budget
 * (yaml_tree.h), drops merge keys and duplicate keys (reporting them), and
 * gives an empty value the span of its key so that errors about it point
 * at something visible.
 */
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "yaml_tree.h"

/* An open map or list. */
typedef struct frame {
    ds_ynode *node;
    const char *anchor;        /* registered once the node is complete */
} frame;

/* Where an anchor points (redefining an anchor moves it). */
typedef struct anchor_slot {
    ds_ynode *node;
} anchor_slot;

typedef struct loader {
    ds_schema *s;
    uint32_t file;
    ds_arena *tmp;
    const ds_source *src;
    frame *stack;
    size_t depth, stack_cap;
    bool bom;                  /* the file starts with a byte order mark */
    ds_symtab anchors;         /* anchor name -> anchor_slot* */
    size_t weight, budget;     /* nodes the document stands for so far; the most allowed */
    ds_ynode *root;
    int documents;
} loader;

/* A span from libyaml's 0-based marks. (libyaml's reader consumes a byte
 * order mark, so its columns are those an editor shows.) */
static ds_span span_of(const loader *l, yaml_mark_t start, yaml_mark_t end) {
    ds_span sp = {l->file, (uint32_t)start.line + 1, (uint32_t)start.column + 1,
                  (uint32_t)end.line + 1, (uint32_t)end.column + 1};
    return sp;
}

/* A one-character span at a 1-based line and column. */
static ds_span point(const loader *l, uint32_t line, uint32_t col) {
    ds_span sp = {l->file, line, col, line, col + 1};
    return sp;
}

/* The length of the line break at d[i] (CR LF, LF or CR, as libyaml
 * counts lines), or 0. */
static size_t line_break(const unsigned char *d, size_t i, size_t len) {
    if (d[i] == '\n') return 1;
    if (d[i] == '\r') return i + 1 < len && d[i + 1] == '\n' ? 2 : 1;
    return 0;
}

/* ---- encoding ---- */

/* Whether code point c may appear in a YAML stream (YAML 1.2, 5.1). */
static bool is_printable(uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
           (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

/* Decode the UTF-8 sequence at d[i..len): its code point and length, or
 * length 0 when it is not valid UTF-8 (overlong forms and surrogates
 * included). */
static size_t decode_utf8(const unsigned char *d, size_t i, size_t len, uint32_t *cp) {
    unsigned char c = d[i];
    size_t n;
    uint32_t min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if ((c & 0xE0) == 0xC0) n = 2, *cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) n = 3, *cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) n = 4, *cp = c & 0x07, min = 0x10000;
    else return 0;
    if (len - i < n) return 0;
    for (size_t k = 1; k < n; k++) {
        if ((d[i + k] & 0xC0) != 0x80) return 0;
        *cp = (*cp << 6) | (d[i + k] & 0x3F);
    }
    if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return 0;
    return n;
}

/* ---- bytes that are not UTF-8 ---- */

/* Windows-1252's characters for the bytes 0x80 to 0x9F (0: none). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* Code point cp (at most U+FFFF) as UTF-8 into out (4 bytes). */
static void encode_utf8(uint32_t cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)cp, out[1] = '\0';
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), out[2] = '\0';
    } else {
        out[0] = (char)(0xE0 | cp >> 12), out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)), out[3] = '\0';
    }
}

/* " (in Latin-1 it is 'é': was the file saved as Latin-1?)" for a byte that a
 * file in a legacy 8-bit encoding would hold, or "" when there is no guess. */
static const char *legacy_guess(loader *l, unsigned char c) {
    const char *encoding = c >= 0xA0 ? "Latin-1" : "Windows-1252";
    uint32_t cp = c >= 0xA0 ? c : c >= 0x80 ? cp1252_high[c - 0x80] : 0;
    if (!cp) return "";
    char ch[4], shown[32];
    encode_utf8(cp, ch);
    if (cp == 0xA0) snprintf(shown, sizeof shown, "a no-break space");
    else if (cp == 0xAD) snprintf(shown, sizeof shown, "a soft hyphen");
    else snprintf(shown, sizeof shown, "'%s'", ch);
    return ds_arena_printf(l->tmp, " (in %s it is %s: was the file saved as %s?)", encoding, shown,
                           encoding);
}

/* "0xE0 0x80 0xAF": n bytes at p. */
static const char *hex_bytes(loader *l, const unsigned char *p, size_t n) {
    const char *out = "";
    for (size_t k = 0; k < n; k++)
        out = ds_arena_printf(l->tmp, "%s%s0x%02X", out, k ? " " : "", p[k]);
    return out;
}

/* Report the bytes at d[i] that are not UTF-8 (decode_utf8 gave 0) at
 * line:col: what they are, and what they would be in a legacy encoding
 * when that is the likely mistake. */
static void report_not_utf8(loader *l, size_t i, uint32_t line, uint32_t col) {
    const unsigned char *d = (const unsigned char *)l->src->data;
    size_t len = l->src->len, n = 0, have = 1;
    unsigned char c = d[i];
    if (c >= 0xC0 && c <= 0xF7) n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    while (n && have < n && i + have < len && (d[i + have] & 0xC0) == 0x80) have++;
    ds_span at = point(l, line, col);
    ds_diag *e;
    if (n && have == n) {  /* a whole sequence, but overlong, a surrogate or past U+10FFFF */
        uint32_t cp = c & (0x7F >> n);
        for (size_t k = 1; k < n; k++) cp = cp << 6 | (d[i + k] & 0x3F);
        const char *why = cp >= 0xD800 && cp <= 0xDFFF
                              ? ", half of a UTF-16 surrogate pair, which UTF-8 does not allow"
                          : cp > 0x10FFFF ? ", past U+10FFFF, the last Unicode code point"
                                          : " in an overlong form, which UTF-8 does not allow";
        e = ds_error(l->s, at, DS_E_ENCODING, "the bytes %s are not UTF-8: they encode U+%04X%s",
                     hex_bytes(l, d + i, n), (unsigned)cp, why);
        ds_hint(l->s, e, "save the file as UTF-8 with a program that writes it correctly");
    } else if (have > 1 && i + have == len) {  /* a character cut by the end of the file */
        e = ds_error(l->s, at, DS_E_ENCODING, "the file ends inside a character: the bytes %s start "
                     "a %zu-byte UTF-8 sequence", hex_bytes(l, d + i, have), n);
        ds_hint(l->s, e, "the file may have been cut short; complete or remove its last character");
    } else if (have > 1) {
        e = ds_error(l->s, at, DS_E_ENCODING, "the bytes %s start a %zu-byte UTF-8 sequence, but the "
                     "byte 0x%02X after them does not continue it", hex_bytes(l, d + i, have), n,
                     d[i + have]);
        ds_hint(l->s, e, "save the file as UTF-8");
    } else {  /* a byte no UTF-8 text has here: most likely a legacy encoding */
        const char *guess = legacy_guess(l, c);
        e = ds_error(l->s, at, DS_E_ENCODING, "byte 0x%02X is not UTF-8%s", c, guess);
        if (!*guess) ds_hint(l->s, e, "save the file as UTF-8");
        else ds_hint(l->s, e, "save the file as UTF-8 (iconv -f %s -t UTF-8 converts it)",
                     c >= 0xA0 ? "LATIN1" : "CP1252");
    }
}

/* Report the first byte that is not UTF-8, a NUL, or a character YAML
 * forbids, at its line and column; returns false then. */
static bool check_encoding(loader *l) {
    const unsigned char *d = (const unsigned char *)l->src->data;
    size_t len = l->src->len;
    uint32_t line = 1, col = 1;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = decode_utf8(d, i, len, &cp);
        if (n == 0) {
            report_not_utf8(l, i, line, col);
            return false;
        }
        if (cp == 0) {
            ds_diag *e = ds_error(l->s, point(l, line, col), DS_E_ENCODING,
                                  "the file contains a NUL byte");
            ds_hint(l->s, e, "a dschema file is text; remove the NUL byte");
            return false;
        }
        if (!is_printable(cp)) {
            ds_diag *e = ds_error(l->s, point(l, line, col), DS_E_ENCODING,
                                  "the control character U+%04X is not allowed in YAML", (unsigned)cp);
            ds_hint(l->s, e, "remove it, or write it as an escape (\\x%02X) in a double-quoted string",
                    (unsigned)cp & 0xFF);
            return false;
        }
        size_t brk = line_break(d, i, len);
        bool bom = i == 0 && cp == 0xFEFF;  /* takes no column */
        if (brk) {
            line++, col = 1, i += brk;
        } else {
            i += n;
            if (!bom) col++;
        }
    }
    return true;
}

/* ---- syntax errors ---- */

/* The offset of the start of 1-based line in the source (its end when the
 * file has fewer lines). */
static size_t line_start(const loader *l, size_t line) {
    const unsigned char *d = (const unsigned char *)l->src->data;
    size_t len = l->src->len, i = 0;
    if (l->bom) i = 3;
    for (size_t at = 1; at < line && i < len;) {
        size_t brk = line_break(d, i, len);
        i += brk ? brk : 1;
        at += brk != 0;
    }
    return i;
}

/* The byte at a 1-based line and column (characters) of the source, or 0. */
static unsigned char byte_at(const loader *l, size_t line, size_t col) {
    const unsigned char *d = (const unsigned char *)l->src->data;
    size_t len = l->src->len, i = line_start(l, line);
    for (size_t c = 1; c < col && i < len && !line_break(d, i, len); c++) {
        uint32_t cp;
        size_t n = decode_utf8(d, i, len, &cp);
        i += n ? n : 1;
    }
    return i < len ? d[i] : 0;
}

/* A point at libyaml's mark, moved back to the end of the last line when
 * the mark is past the end of the file (libyaml puts the end of a stream
 * without a final newline on a line the file does not have). */
static ds_span mark_point(const loader *l, yaml_mark_t mark) {
    const unsigned char *d = (const unsigned char *)l->src->data;
    size_t len = l->src->len, line = mark.line + 1;
    if (mark.line > 0 && line_start(l, line) >= len && len > 0 && !line_break(d, len - 1, len)) {
        size_t i = line_start(l, --line), col = 1;
        for (uint32_t cp; i < len; col++) {
            size_t n = decode_utf8(d, i, len, &cp);
            i += n ? n : 1;
        }
        return point(l, (uint32_t)line, (uint32_t)col);
    }
    return point(l, (uint32_t)line, (uint32_t)mark.column + 1);
}

/* Whether libyaml's problem (or context) text contains word. */
static bool says(const char *text, const char *word) { return text && strstr(text, word); }

/* Report a YAML syntax error where the broken construct starts: the tab,
 * the opening quote or bracket, the line that breaks the indentation. */
static void report_syntax(loader *l, const yaml_parser_t *p) {
    ds_schema *s = l->s;
    if (p->error == YAML_MEMORY_ERROR) {
        ds_error(s, point(l, 1, 1), DS_E_LIMIT, "out of memory while reading the YAML");
        return;
    }
    const char *problem = p->problem ? p->problem : "unknown problem", *context = p->context;
    ds_span at = mark_point(l, p->problem_mark), ctx = mark_point(l, p->context_mark);
    if (p->error == YAML_READER_ERROR) {
        ds_error(s, point(l, 1, 1), DS_E_ENCODING, "the file cannot be read: %s", problem);
        return;
    }
    ds_diag *e;
    unsigned char c = byte_at(l, at.line, at.col);
    if (says(problem, "tab") || (says(problem, "cannot start any token") && c == '\t')) {
        e = ds_error(s, at, DS_E_YAML_SYNTAX,
                     "a tab character is used for indentation; YAML allows only spaces");
        ds_hint(s, e, "indent with spaces");
    } else if (says(problem, "end of stream") && says(context, "quoted scalar")) {
        bool dbl = byte_at(l, ctx.line, ctx.col) == '"';
        e = ds_error(s, ctx, DS_E_YAML_SYNTAX, "the %s-quoted string that starts here is never closed",
                     dbl ? "double" : "single");
        ds_hint(s, e, "add the closing %s", dbl ? "\"" : "'");
    } else if (says(context, "flow mapping") || says(context, "flow sequence")) {
        bool map = says(context, "flow mapping");
        e = ds_error(s, ctx, DS_E_YAML_SYNTAX, "the %s that opens here with %s is not closed properly",
                     map ? "map" : "list", map ? "{" : "[");
        ds_note_at(s, e, at, "expected ',' or '%s' here", map ? "}" : "]");
        ds_hint(s, e, "separate the entries with commas and close the %s with %s on its own line "
                      "or at the end of the last entry", map ? "map" : "list", map ? "}" : "]");
    } else if (says(context, "simple key")) {
        e = ds_error(s, ctx, DS_E_YAML_SYNTAX, "this line is neither a key followed by ':' nor a list item");
        ds_hint(s, e, "write `key: value`, or indent the line to continue the value above");
    } else if (says(problem, "mapping values are not allowed")) {
        e = ds_error(s, at, DS_E_YAML_SYNTAX, "a ':' followed by a space is not allowed here");
        ds_hint(s, e, "quote the value if it contains ': ', or put a nested map on lines of its own");
    } else if (says(problem, "did not find expected key") || says(problem, "expected '-'")) {
        bool list = says(problem, "expected '-'");
        e = ds_error(s, at, DS_E_YAML_SYNTAX, "this line is not indented like the %s above it",
                     list ? "items of the list" : "keys of the map");
        ds_note_at(s, e, ctx, "the %s starts here", list ? "list" : "map");
        ds_hint(s, e, "give the entries of one %s the same indentation", list ? "list" : "map");
    } else if (says(problem, "unknown escape")) {
        e = ds_error(s, at, DS_E_YAML_SYNTAX, "unknown escape sequence in a double-quoted string");
        ds_hint(s, e, "write \\\\ for a backslash, or use single quotes");
    } else if (says(problem, "cannot start any token") && c >= 0x20 && c < 0x7F) {
        e = ds_error(s, at, DS_E_YAML_SYNTAX, "a value cannot start with '%c'", c);
        ds_hint(s, e, "quote the value");
    } else {
        e = ds_error(s, at, DS_E_YAML_SYNTAX, "the file is not well-formed YAML: %s", problem);
        if (context && (ctx.line != at.line || ctx.col != at.col))
            ds_note_at(s, e, ctx, "%s", context);
    }
}

/* ---- building the tree ---- */

/* A new node of kind at span, counted against the alias budget. */
static ds_ynode *new_node(loader *l, ds_ykind kind, ds_span span) {
    ds_ynode *n = ds_arena_alloc(l->tmp, sizeof *n);
    n->kind = kind;
    n->span = span;
    n->weight = 1;
    l->weight++;
    return n;
}

/* The tag of a node (NULL: none) as ds_ytag; reports tags the format does
 * not take and tags that do not fit the node. */
static ds_ytag read_tag(loader *l, const yaml_char_t *tag, ds_ykind kind, ds_span span) {
    static const char prefix[] = "tag:yaml.org,2002:";
    if (!tag) return DS_YTAG_NONE;
    const char *t = (const char *)tag;
    if (strcmp(t, "!") == 0) return kind == DS_Y_SCALAR ? DS_YTAG_STR : DS_YTAG_NONE;
    if (strncmp(t, prefix, sizeof prefix - 1) == 0) {
        const char *name = t + sizeof prefix - 1;
        if (kind == DS_Y_SCALAR) {
            if (strcmp(name, "str") == 0) return DS_YTAG_STR;
            if (strcmp(name, "null") == 0) return DS_YTAG_NULL;
            if (strcmp(name, "bool") == 0) return DS_YTAG_BOOL;
            if (strcmp(name, "int") == 0) return DS_YTAG_INT;
            if (strcmp(name, "float") == 0) return DS_YTAG_FLOAT;
        }
        if (strcmp(name, kind == DS_Y_MAP ? "map" : "seq") == 0 && kind != DS_Y_SCALAR)
            return DS_YTAG_NONE;
        ds_diag *e = ds_error(l->s, span, DS_E_YAML_SYNTAX, "the tag !!%s does not fit this %s", name,
                              kind == DS_Y_MAP ? "map" : kind == DS_Y_SEQ ? "list" : "value");
        ds_hint(l->s, e, "remove the tag");
        return DS_YTAG_NONE;
    }
    ds_diag *e = ds_error(l->s, span, DS_E_YAML_SYNTAX, "the tag %s is not part of the format", t);
    ds_hint(l->s, e, "remove it; the only tags dschema reads are YAML's own (!!str, !!int, ...)");
    return DS_YTAG_NONE;
}

/* Add n to the open collection (or make it the root). An empty value in a
 * map takes its key's span. */
static void add_child(loader *l, ds_ynode *n, bool fresh) {
    if (l->depth == 0) {
        if (!l->root) l->root = n;
        return;
    }
    ds_ynode *parent = l->stack[l->depth - 1].node;
    if (fresh && parent->kind == DS_Y_MAP && parent->count % 2 == 1 && n->kind == DS_Y_SCALAR &&
        n->len == 0 && n->plain)
        n->span = parent->items[parent->count - 1]->span;
    DS_PUSH(l->tmp, parent->items, parent->count, parent->cap, n);
}

/* Point anchor at node (a later anchor of the same name replaces it). */
static void register_anchor(loader *l, const char *anchor, ds_ynode *node) {
    if (!anchor) return;
    anchor_slot *slot = ds_arena_alloc(l->tmp, sizeof *slot);
    slot->node = node;
    anchor_slot *old = ds_symtab_put(&l->anchors, anchor, slot);
    if (old) old->node = node;
}

/* A copy of an event's anchor (NULL when none). */
static const char *copy_anchor(loader *l, const yaml_char_t *anchor) {
    return anchor ? ds_arena_strdup(l->tmp, (const char *)anchor) : NULL;
}

/* SCALAR event. */
static void on_scalar(loader *l, const yaml_event_t *ev) {
    ds_span span = span_of(l, ev->start_mark, ev->end_mark);
    ds_ynode *n = new_node(l, DS_Y_SCALAR, span);
    const char *value = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    if (memchr(value, '\0', len)) {
        ds_diag *e = ds_error(l->s, span, DS_E_ENCODING, "a string cannot contain a NUL character");
        ds_hint(l->s, e, "remove the \\0 escape");
    }
    n->text = ds_arena_strndup(&l->s->arena, value, len);
    n->len = strlen(n->text);
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    n->tag = read_tag(l, ev->data.scalar.tag, DS_Y_SCALAR, span);
    if (!ds_yaml_tag_fits(n)) {
        static const char *const names[] = {"", "str", "null", "bool", "int", "float"};
        ds_diag *e = ds_error(l->s, span, DS_E_YAML_SYNTAX, "'%s' is not a valid !!%s", n->text,
                              names[n->tag]);
        ds_hint(l->s, e, "remove the tag, or correct the value");
        n->tag = DS_YTAG_NONE;
    }
    add_child(l, n, true);
    register_anchor(l, copy_anchor(l, ev->data.scalar.anchor), n);
}

/* SEQUENCE_START or MAPPING_START event; false past the depth limit. */
static bool on_open(loader *l, const yaml_event_t *ev, ds_ykind kind) {
    ds_span span = span_of(l, ev->start_mark, ev->end_mark);
    if (l->depth >= DS_YAML_MAX_DEPTH) {
        ds_diag *e = ds_error(l->s, span, DS_E_LIMIT,
                              "maps and lists are nested more than %d levels deep here",
                              DS_YAML_MAX_DEPTH);
        ds_hint(l->s, e, "a dschema file needs only a few levels; flatten the structure");
        return false;
    }
    ds_ynode *n = new_node(l, kind, span);
    const yaml_char_t *tag = kind == DS_Y_MAP ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
    const yaml_char_t *anchor =
        kind == DS_Y_MAP ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    read_tag(l, tag, kind, span);
    add_child(l, n, true);
    frame f = {n, copy_anchor(l, anchor)};
    DS_PUSH(l->tmp, l->stack, l->depth, l->stack_cap, f);
    return true;
}

/* The previous pair of map (among the first `kept`) whose key is text, or
 * NULL; uses a table for big maps. */
static ds_ynode *earlier_key(ds_ynode *map, size_t kept, const char *text, ds_symtab *seen) {
    if (seen) return ds_symtab_get(seen, text);
    for (size_t i = 0; i < kept; i++) {
        ds_ynode *k = map->items[2 * i];
        if (k->kind == DS_Y_SCALAR && strcmp(k->text, text) == 0) return k;
    }
    return NULL;
}

/* Drop merge keys and second occurrences of a key from a finished map,
 * reporting each. */
static void finish_map(loader *l, ds_ynode *map) {
    size_t pairs = map->count / 2, kept = 0;
    ds_symtab table, *seen = NULL;
    if (pairs > 16) {
        ds_symtab_init(&table, l->tmp);
        seen = &table;
    }
    for (size_t i = 0; i < pairs; i++) {
        ds_ynode *key = map->items[2 * i], *value = map->items[2 * i + 1];
        if (key->kind == DS_Y_SCALAR) {
            if (key->plain && strcmp(key->text, "<<") == 0) {
                ds_diag *e = ds_error(l->s, key->span, DS_E_UNKNOWN_KEY,
                                      "merge keys (<<) are not part of the format");
                ds_hint(l->s, e, "write the keys out, or reuse a whole value with an alias (key: *name)");
                continue;
            }
            ds_ynode *first = earlier_key(map, kept, key->text, seen);
            if (first) {
                ds_diag *e = ds_error(l->s, key->span, DS_E_DUPLICATE_KEY,
                                      "the key %s appears twice in this map", key->text);
                ds_note_at(l->s, e, first->span, "%s is first given here", key->text);
                ds_hint(l->s, e, "remove or rename one of them");
                continue;
            }
            if (seen) ds_symtab_put(seen, key->text, key);
        }
        map->items[2 * kept] = key;
        map->items[2 * kept + 1] = value;
        kept++;
    }
    map->count = kept * 2;
}

/* SEQUENCE_END or MAPPING_END event: finish the open node. */
static void on_close(loader *l, const yaml_event_t *ev) {
    if (l->depth == 0) return;
    frame f = l->stack[--l->depth];
    ds_ynode *n = f.node;
    ds_span end = span_of(l, ev->start_mark, ev->end_mark);
    n->span.end_line = end.end_line;
    n->span.end_col = end.end_col;
    if (n->kind == DS_Y_MAP) finish_map(l, n);
    size_t weight = 1;
    for (size_t i = 0; i < n->count && weight <= l->budget; i++) weight += n->items[i]->weight;
    n->weight = weight;
    register_anchor(l, f.anchor, n);
}

/* ALIAS event: a second edge to the anchored node; false when the anchor
 * is unknown or the alias budget runs out. */
static bool on_alias(loader *l, const yaml_event_t *ev) {
    ds_span span = span_of(l, ev->start_mark, ev->end_mark);
    const char *name = (const char *)ev->data.alias.anchor;
    anchor_slot *slot = ds_symtab_get(&l->anchors, name);
    if (!slot) {
        ds_diag *e = ds_error(l->s, span, DS_E_YAML_SYNTAX,
                              "the alias *%s names no anchor defined before it", name);
        ds_hint(l->s, e, "define &%s on a complete value before this line (an alias cannot "
                         "point into the value that contains it)", name);
        return false;
    }
    l->weight += slot->node->weight;
    if (l->weight > l->budget) {
        ds_diag *e = ds_error(l->s, span, DS_E_LIMIT,
                              "with this alias the document expands to more than %zu nodes",
                              l->budget);
        ds_hint(l->s, e, "aliases of values that hold aliases multiply; a file may expand to at "
                         "most %d nodes more than its size in bytes", DS_YAML_ALIAS_BUDGET);
        return false;
    }
    add_child(l, slot->node, false);
    return true;
}

/* One event: 1 to go on, 0 to stop with the tree so far, -1 on a fatal error. */
static int on_event(loader *l, const yaml_event_t *ev) {
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++l->documents > 1) {
            ds_diag *e = ds_error(l->s, span_of(l, ev->start_mark, ev->end_mark), DS_E_YAML_SYNTAX,
                                  "a dschema file holds one YAML document; a second one starts here");
            ds_hint(l->s, e, "remove the '---' line, or put the second document in a file of its own");
            return 0;
        }
        return 1;
    case YAML_SCALAR_EVENT: on_scalar(l, ev); return 1;
    case YAML_SEQUENCE_START_EVENT: return on_open(l, ev, DS_Y_SEQ) ? 1 : -1;
    case YAML_MAPPING_START_EVENT: return on_open(l, ev, DS_Y_MAP) ? 1 : -1;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: on_close(l, ev); return 1;
    case YAML_ALIAS_EVENT: return on_alias(l, ev) ? 1 : -1;
    case YAML_STREAM_END_EVENT: return 0;
    default: return 1;
    }
}

bool ds_yaml_load(ds_schema *s, uint32_t file, ds_arena *tmp, ds_ynode **root) {
    loader l = {0};
    l.s = s;
    l.file = file;
    l.tmp = tmp;
    l.src = &s->sources[file];
    l.budget = DS_YAML_ALIAS_BUDGET + l.src->len;
    l.bom = l.src->len >= 3 && memcmp(l.src->data, "\xef\xbb\xbf", 3) == 0;
    ds_symtab_init(&l.anchors, tmp);
    *root = NULL;
    if (!check_encoding(&l)) return false;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        ds_error(s, point(&l, 1, 1), DS_E_LIMIT, "out of memory while reading the YAML");
        return false;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)l.src->data, l.src->len);
    int state = 1;
    while (state > 0) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            report_syntax(&l, &parser);
            state = -1;
            break;
        }
        state = on_event(&l, &ev);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    if (state < 0) return false;
    *root = l.root;
    return true;
}
