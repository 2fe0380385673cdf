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
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "yaml_tree.h"

/* A node in an open collection, with the nodes it stands for once aliases
 * are expanded (weights live here, not in the tree). */
typedef struct child {
    ds_ynode *node;
    size_t weight;
} child;

/* An open map or list; its children are kids[first..] of the loader. */
typedef struct frame {
    ds_ynode *node;
    const char *anchor;        /* registered once the node is complete */
    size_t first;
    bool offers;               /* a section whose entries are offered to take */
} frame;

/* Where an anchor points (redefining an anchor moves it). */
typedef struct anchor_slot {
    ds_ynode *node;
    size_t weight;
} anchor_slot;

typedef struct loader {
    ds_schema *s;
    uint32_t file;
    ds_arena *tmp;
    const ds_source *src;
    frame stack[DS_YAML_MAX_DEPTH];
    size_t depth;
    /* The children of every open collection, innermost last: one malloc'd
     * stack, so each collection gets its items copied once, exactly sized. */
    child *kids;
    size_t nkids, kids_cap;
    bool bom;                  /* the file starts with a byte order mark */
    ds_symtab anchors;         /* anchor name -> anchor_slot* */
    size_t weight, budget;     /* nodes the document stands for so far; the most allowed */
    ds_ynode *root;
    int documents;
    /* Offering section entries (ds_yaml_take_fn): */
    ds_yaml_take_fn take;
    void *take_ctx;
    ds_symtab root_keys;       /* top-level key -> its first key node */
    ds_symtab names;           /* the current section's names so far */
    ds_arena *nodes;           /* where new nodes go: tmp, or body */
    ds_arena body;             /* the nodes of the entry being read */
    bool body_pinned;          /* an anchor points into body: keep it */
} loader;

const ds_ynode ds_yaml_taken = {.kind = DS_Y_MAP};

/* A span from libyaml's 0-based marks. (libyaml's reader consumes a byte
 * order mark, so its columns are those an editor shows.) */
static ds_span span_of(const loader *l, yaml_mark_t start, yaml_mark_t end) {
    return ds_span_make(l->file, (uint32_t)start.line + 1, (uint32_t)start.column + 1,
                        (uint32_t)end.line + 1, (uint32_t)end.column + 1);
}

/* A one-character span at a 1-based line and column. */
static ds_span point(const loader *l, uint32_t line, uint32_t col) {
    return ds_span_make(l->file, line, col, line, col + 1);
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

/* The line and column of byte offset at, which starts a character, counted
 * as libyaml counts them (a byte order mark takes no column). */
static void position_of(const loader *l, size_t at, uint32_t *line, uint32_t *col) {
    const unsigned char *d = (const unsigned char *)l->src->data;
    size_t len = l->src->len;
    *line = 1, *col = 1;
    for (size_t i = 0; i < at;) {
        uint32_t cp = 0;
        size_t n = decode_utf8(d, i, len, &cp), brk = line_break(d, i, len);
        if (brk) {
            ++*line, *col = 1, i += brk;
        } else {
            if (!(i == 0 && cp == 0xFEFF)) ++*col;
            i += n ? n : 1;
        }
    }
}

#define ONES ((uint64_t)0x0101010101010101)

/* Whether byte c is printable ASCII, a tab, LF or CR. */
static bool plain_ascii(unsigned char c) {
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r';
}

/* Whether one of the 8 bytes of w is >= 0x80, < 0x20 or 0x7F. */
static bool word_has_odd_byte(uint64_t w) {
    uint64_t del = w ^ (ONES * 0x7F);
    return ((w | ((w - ONES * 0x20) & ~w) | ((del - ONES) & ~del)) & (ONES * 0x80)) != 0;
}

/* The end of the run of plain_ascii bytes at d[i..len): the bytes that
 * need no decoding (looked at eight at a time). */
static size_t skip_ascii(const unsigned char *d, size_t i, size_t len) {
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, d + i, 8);
        if (!word_has_odd_byte(w)) {
            i += 8;
            continue;
        }
        for (size_t end = i + 8; i < end; i++)  /* line breaks and tabs end up here */
            if (!plain_ascii(d[i])) return i;
    }
    while (i < len && plain_ascii(d[i])) i++;
    return i;
}

/* Report the first byte that is not UTF-8, a NUL, or a character YAML
 * forbids, at its line and column; returns false then. */
static bool check_encoding(loader *l) {
    const unsigned char *d = (const unsigned char *)l->src->data;
    size_t len = l->src->len;
    for (size_t i = skip_ascii(d, 0, len); i < len; i = skip_ascii(d, i, len)) {
        uint32_t cp = 0, line, col;
        size_t n = decode_utf8(d, i, len, &cp);
        if (n && cp && is_printable(cp)) {
            i += n;
            continue;
        }
        position_of(l, i, &line, &col);
        if (n == 0) {
            report_not_utf8(l, i, line, col);
        } else if (cp == 0) {
            ds_diag *e = ds_error(l->s, point(l, line, col), DS_E_ENCODING,
                                  "the file contains a NUL byte");
            ds_hint(l->s, e, "a dschema file is text; remove the NUL byte");
        } else {
            ds_diag *e = ds_error(l->s, point(l, line, col), DS_E_ENCODING,
                                  "the control character U+%04X is not allowed in YAML", (unsigned)cp);
            ds_hint(l->s, e, "remove it, or write it as an escape (\\x%02X) in a double-quoted string",
                    (unsigned)cp & 0xFF);
        }
        return false;
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
    ds_ynode *n = ds_arena_alloc(l->nodes, sizeof *n);
    n->kind = (uint8_t)kind;
    n->span = span;
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

/* Push a child on the loader's stack of children. */
static void push_kid(loader *l, ds_ynode *n, size_t weight) {
    if (l->nkids == l->kids_cap) {
        size_t cap = l->kids_cap ? l->kids_cap * 2 : 256;
        child *kids = realloc(l->kids, cap * sizeof *kids);
        if (!kids) abort();  /* as the arena does: a library may not exit */
        l->kids = kids;
        l->kids_cap = cap;
    }
    l->kids[l->nkids].node = n;
    l->kids[l->nkids].weight = weight;
    l->nkids++;
}

/* Add n, which stands for weight nodes, to the open collection (or make it
 * the root). An empty value in a map takes its key's span. */
static void add_child(loader *l, ds_ynode *n, size_t weight, bool fresh) {
    if (l->depth == 0) {
        if (!l->root) l->root = n;
        return;
    }
    const frame *parent = &l->stack[l->depth - 1];
    size_t count = l->nkids - parent->first;
    if (fresh && parent->node->kind == DS_Y_MAP && count % 2 == 1 && n->kind == DS_Y_SCALAR &&
        n->len == 0 && n->plain)
        n->span = l->kids[l->nkids - 1].node->span;
    if (l->depth == 1 && parent->node->kind == DS_Y_MAP && count % 2 == 0 && n->kind == DS_Y_SCALAR)
        ds_symtab_put(&l->root_keys, n->text, n);
    push_kid(l, n, weight);
}

/* ---- offering section entries ---- */

/* Whether the map about to open at depth 1 is a section whose entries can
 * be offered: the value of a top-level key met for the first time. */
static bool opens_section(const loader *l, const char *anchor) {
    if (!l->take || l->depth != 1 || anchor) return false;
    const frame *top = &l->stack[0];
    size_t count = l->nkids - top->first;
    if (top->node->kind != DS_Y_MAP || count % 2 == 0) return false;
    const ds_ynode *key = l->kids[l->nkids - 1].node;
    return key->kind == DS_Y_SCALAR && ds_symtab_get(&l->root_keys, key->text) == key;
}

/* Whether a node about to open is the BODY of an offered section's entry. */
static bool opens_body(const loader *l) {
    return l->depth == 2 && l->stack[1].offers && (l->nkids - l->stack[1].first) % 2 == 1;
}

/* Keep the body's nodes: they stay in the tree (or an anchor points there). */
static void keep_body(loader *l) { ds_arena_adopt(l->tmp, &l->body); }

/* Offer the entry just completed in the open section, if any; a taken
 * entry's body becomes ds_yaml_taken and its nodes are freed. */
static void offer_entry(loader *l) {
    if (l->depth != 2 || !l->stack[1].offers) return;
    const frame *section = &l->stack[1];
    size_t count = l->nkids - section->first;
    if (count == 0 || count % 2 == 1) return;
    ds_ynode *name = l->kids[l->nkids - 2].node, *body = l->kids[l->nkids - 1].node;
    const ds_ynode *section_key = l->kids[section->first - 1].node;
    bool offered = name->kind == DS_Y_SCALAR && !(name->plain && strcmp(name->text, "<<") == 0) &&
                   !ds_symtab_put(&l->names, name->text, name);
    if (offered && l->take(l->take_ctx, section_key, name, body)) {
        l->kids[l->nkids - 1].node = (ds_ynode *)&ds_yaml_taken;  /* never written */
        if (l->body_pinned) keep_body(l);
        else ds_arena_reset(&l->body);
    } else {
        keep_body(l);
    }
    l->body_pinned = false;
}

/* Point anchor at node (a later anchor of the same name replaces it). */
static void register_anchor(loader *l, const char *anchor, ds_ynode *node, size_t weight) {
    if (!anchor) return;
    if (l->nodes == &l->body) l->body_pinned = true;
    anchor_slot *slot = ds_arena_alloc(l->tmp, sizeof *slot);
    slot->node = node;
    slot->weight = weight;
    anchor_slot *old = ds_symtab_put(&l->anchors, anchor, slot);
    if (old) *old = *slot;
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
    const char *nul = memchr(value, '\0', len);
    if (nul) {
        ds_diag *e = ds_error(l->s, span, DS_E_ENCODING, "a string cannot contain a NUL character");
        ds_hint(l->s, e, "remove the \\0 escape");
        len = (size_t)(nul - value);  /* the text ends there */
    }
    n->text = ds_arena_strndup(l->nodes, value, len);  /* the parser copies what it keeps */
    n->len = (uint32_t)len;  /* the file is at most 4 GiB */
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (ev->data.scalar.tag) n->tag = (uint8_t)read_tag(l, ev->data.scalar.tag, DS_Y_SCALAR, span);
    if (!ds_yaml_tag_fits(n)) {
        static const char *const names[] = {"", "str", "null", "bool", "int", "float"};
        ds_diag *e = ds_error(l->s, span, DS_E_YAML_SYNTAX, "'%s' is not a valid !!%s", n->text,
                              names[n->tag]);
        ds_hint(l->s, e, "remove the tag, or correct the value");
        n->tag = DS_YTAG_NONE;
    }
    n->core = (uint8_t)ds_yaml_read_kind(n);
    add_child(l, n, 1, true);
    if (ev->data.scalar.anchor) register_anchor(l, copy_anchor(l, ev->data.scalar.anchor), n, 1);
    offer_entry(l);
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
    const yaml_char_t *tag = kind == DS_Y_MAP ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
    const yaml_char_t *anchor =
        kind == DS_Y_MAP ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    if (opens_body(l)) l->nodes = &l->body;
    ds_ynode *n = new_node(l, kind, span);
    if (tag) read_tag(l, tag, kind, span);
    if (l->depth == 0 && !l->root) l->root = n;  /* added to a parent when it closes */
    frame f = {n, copy_anchor(l, anchor), l->nkids, false};
    if (kind == DS_Y_MAP && opens_section(l, f.anchor)) {
        f.offers = true;
        ds_symtab_init(&l->names, l->tmp);
    }
    l->stack[l->depth++] = f;
    return true;
}

/* The earlier key among the first `kept` pairs of kids whose text is
 * text, or NULL; uses a table for big maps. */
static ds_ynode *earlier_key(const child *kids, size_t kept, const char *text, ds_symtab *seen) {
    if (seen) return ds_symtab_get(seen, text);
    for (size_t i = 0; i < kept; i++) {
        ds_ynode *k = kids[2 * i].node;
        if (k->kind == DS_Y_SCALAR && k->text[0] == text[0] && strcmp(k->text, text) == 0) return k;
    }
    return NULL;
}

/* Drop merge keys and second occurrences of a key from the count children
 * of a finished map, reporting each; returns how many children are kept. */
static size_t finish_map(loader *l, child *kids, size_t count) {
    size_t pairs = count / 2, kept = 0;
    ds_symtab table, *seen = NULL;
    if (pairs > 16) {
        ds_symtab_init_sized(&table, l->nodes, pairs);
        seen = &table;
    }
    for (size_t i = 0; i < pairs; i++) {
        child key = kids[2 * i], value = kids[2 * i + 1];
        const ds_ynode *k = key.node;
        if (k->kind == DS_Y_SCALAR) {
            if (k->plain && k->text[0] == '<' && strcmp(k->text, "<<") == 0) {
                ds_diag *e = ds_error(l->s, k->span, DS_E_UNKNOWN_KEY,
                                      "merge keys (<<) are not part of the format");
                ds_hint(l->s, e, "write the keys out, or reuse a whole value with an alias (key: *name)");
                continue;
            }
            ds_ynode *first = earlier_key(kids, kept, k->text, seen);
            if (first) {
                ds_diag *e = ds_error(l->s, k->span, DS_E_DUPLICATE_KEY,
                                      "the key %s appears twice in this map", k->text);
                ds_note_at(l->s, e, first->span, "%s is first given here", k->text);
                ds_hint(l->s, e, "remove or rename one of them");
                continue;
            }
            if (seen) ds_symtab_put(seen, k->text, key.node);
        }
        kids[2 * kept] = key;
        kids[2 * kept + 1] = value;
        kept++;
    }
    return kept * 2;
}

/* SEQUENCE_END or MAPPING_END event: finish the open node, give it its
 * items and add it to its parent. */
static void on_close(loader *l, const yaml_event_t *ev) {
    if (l->depth == 0) return;
    frame f = l->stack[--l->depth];
    ds_ynode *n = f.node;
    ds_span end = span_of(l, ev->start_mark, ev->end_mark);
    n->span = ds_span_make(l->file, n->span.line, n->span.col, ds_span_end_line(end), end.end_col);
    size_t count = l->nkids - f.first;
    child *kids = count ? l->kids + f.first : NULL;  /* no stack before the first child */
    if (n->kind == DS_Y_MAP) count = finish_map(l, kids, count);
    size_t weight = 1;
    for (size_t i = 0; i < count && weight <= l->budget; i++) weight += kids[i].weight;
    if (count) {
        n->items = ds_arena_alloc_raw(l->nodes, count * sizeof *n->items);
        for (size_t i = 0; i < count; i++) n->items[i] = kids[i].node;
    }
    n->count = (uint32_t)count;
    l->nkids = f.first;
    register_anchor(l, f.anchor, n, weight);
    if (l->depth > 0) push_kid(l, n, weight);
    if (l->depth == 2 && l->nodes == &l->body) {  /* a body is complete */
        l->nodes = l->tmp;
        offer_entry(l);
    }
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
    l->weight += slot->weight;
    if (l->weight > l->budget) {
        ds_diag *e = ds_error(l->s, span, DS_E_LIMIT,
                              "with this alias the document expands to more than %zu nodes",
                              l->budget);
        ds_hint(l->s, e, "aliases of values that hold aliases multiply; a file may expand to at "
                         "most %d nodes more than its size in bytes", DS_YAML_ALIAS_BUDGET);
        return false;
    }
    add_child(l, slot->node, slot->weight, false);
    offer_entry(l);
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

/* Read the events of the source into the tree: 0 when done, -1 after a
 * fatal error. */
static int read_events(loader *l) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        ds_error(l->s, point(l, 1, 1), DS_E_LIMIT, "out of memory while reading the YAML");
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)l->src->data, l->src->len);
    int state = 1;
    while (state > 0) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            report_syntax(l, &parser);
            state = -1;
            break;
        }
        state = on_event(l, &ev);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return state;
}

bool ds_yaml_load(ds_schema *s, uint32_t file, ds_arena *tmp, ds_yaml_take_fn take, void *ctx,
                  ds_ynode **root) {
    loader l = {0};
    l.s = s;
    l.file = file;
    l.tmp = tmp;
    l.nodes = tmp;
    l.take = take;
    l.take_ctx = ctx;
    ds_arena_init(&l.body);
    ds_symtab_init(&l.root_keys, tmp);
    l.src = &s->sources[file];
    l.budget = DS_YAML_ALIAS_BUDGET + l.src->len;
    l.bom = l.src->len >= 3 && memcmp(l.src->data, "\xef\xbb\xbf", 3) == 0;
    ds_symtab_init(&l.anchors, tmp);
    *root = NULL;
    if (l.src->len > UINT32_MAX) {
        ds_error(s, point(&l, 1, 1), DS_E_LIMIT, "the file is larger than 4 GiB, more than dschemac reads");
        return false;
    }
    if (!check_encoding(&l)) return false;
    int state = read_events(&l);
    free(l.kids);
    keep_body(&l);  /* a body cut short by an error is part of the tree */
    if (state < 0) return false;
    *root = l.root;
    return true;
}
