/* parse_util.c: what every part of the front-end reads the same way:
 * keys, names, words from a set, lists of them; and error reporting. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parse_internal.h"

ds_diag *ds_parse_error(ds_parser *p, ds_span span, const char *code, const char *fmt, ...) {
    char *place = ds_arena_printf(&p->tmp, "%u:%u:%s", span.line, span.col, code);
    if (ds_symtab_put(&p->reported, place, place)) return &p->s->sunk;  /* said already */
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return ds_error(p->s, span, code, "%s", buf);
}

/* At most 40 bytes of text for a message, cut at a character boundary. */
static const char *clip(ds_parser *p, const char *text) {
    size_t len = strlen(text);
    if (len <= 40) return text;
    size_t cut = 37;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--;
    return ds_arena_printf(&p->tmp, "%.*s...", (int)cut, text);
}

const char *ds_parse_describe(ds_parser *p, const ds_ynode *n) {
    if (n->kind == DS_Y_MAP) return "a map";
    if (n->kind == DS_Y_SEQ) return "a list";
    switch (ds_yaml_scalar_kind(n, NULL, NULL)) {
    case DS_VALUE_NULL: return "empty";
    case DS_VALUE_BOOL: return ds_arena_printf(&p->tmp, "the boolean %s", n->text);
    case DS_VALUE_INT:
    case DS_VALUE_FLOAT: return ds_arena_printf(&p->tmp, "the number %s", clip(p, n->text));
    default: return ds_arena_printf(&p->tmp, "a single value (%s)", clip(p, n->text));
    }
}

bool ds_parse_want(ds_parser *p, const ds_ynode *n, ds_ykind kind, const char *name,
                   const char *expected, const char *hint) {
    if (n->kind == kind) return true;
    ds_diag *e;
    if (ds_yaml_is_null(n))
        e = ds_parse_error(p, n->span, DS_E_WRONG_KIND, "%s must be %s, but it is empty", name, expected);
    else
        e = ds_parse_error(p, n->span, DS_E_WRONG_KIND, "%s must be %s, not %s", name, expected,
                           ds_parse_describe(p, n));
    if (hint) ds_hint(p->s, e, "%s", hint);
    return false;
}

const ds_ynode *ds_parse_get(const ds_ynode *map, const char *key, const ds_ynode **key_node) {
    if (key_node) *key_node = NULL;
    if (map->kind != DS_Y_MAP) return NULL;
    for (size_t i = 0; i < DS_PAIRS(map); i++) {
        const ds_ynode *k = DS_KEY(map, i);
        if (k->kind == DS_Y_SCALAR && strcmp(k->text, key) == 0) {
            if (key_node) *key_node = k;
            return DS_VALUE(map, i);
        }
    }
    return NULL;
}

/* Whether word is in the NULL-terminated list. */
static bool listed(const char *word, const char *const *list) {
    for (; *list; list++)
        if (strcmp(word, *list) == 0) return true;
    return false;
}

/* How many words a NULL-terminated list holds. */
static size_t count_words(const char *const *list) {
    size_t n = 0;
    while (list[n]) n++;
    return n;
}

bool ds_parse_keys(ds_parser *p, const ds_ynode *map, const char *const *allowed,
                   const char *what, const char *hint) {
    bool known = true;
    for (size_t i = 0; i < DS_PAIRS(map); i++) {
        const ds_ynode *k = DS_KEY(map, i);
        if (k->kind != DS_Y_SCALAR) {
            ds_parse_error(p, k->span, DS_E_WRONG_KIND, "a key must be a name, not %s",
                           ds_parse_describe(p, k));
            known = false;
            continue;
        }
        if (listed(k->text, allowed)) continue;
        known = false;
        const char *near = ds_closest(k->text, allowed, count_words(allowed));
        ds_diag *e;
        if (near)
            e = ds_parse_error(p, k->span, DS_E_UNKNOWN_KEY, "%s is not %s (did you mean %s?)",
                               clip(p, k->text), what, near);
        else
            e = ds_parse_error(p, k->span, DS_E_UNKNOWN_KEY, "%s is not %s", clip(p, k->text), what);
        if (hint) ds_hint(p->s, e, "%s", hint);
    }
    return known;
}

const char *ds_parse_char_at(ds_parser *p, const char *c) {
    size_t n = 1;
    while (c[n] && ((unsigned char)c[n] & 0xC0) == 0x80) n++;
    return ds_arena_strndup(&p->tmp, c, n);
}

const char *ds_parse_name_problem(ds_parser *p, const char *text) {
    if (!*text) return "it is empty";
    if (isdigit((unsigned char)*text)) return "a name cannot start with a digit";
    for (const char *c = text; *c; c++) {
        unsigned char u = (unsigned char)*c;
        if (u == '_' || (u < 0x80 && isalnum(u))) continue;
        if (u == ' ' || u == '\t' || u == '\n' || u == '\r')
            return "it contains whitespace (letters, digits and underscores only)";
        if (u == '-') return "a dash is not allowed (letters, digits and underscores only)";
        return ds_arena_printf(&p->tmp, "the character '%s' is not allowed "
                                        "(letters, digits and underscores only)", ds_parse_char_at(p, c));
    }
    return NULL;
}

bool ds_parse_name(ds_parser *p, const ds_ynode *n, bool is_key, const char *role, ds_name *out) {
    out->text = NULL;
    out->span = n->span;
    if (n->kind != DS_Y_SCALAR || (!is_key && ds_yaml_scalar_kind(n, NULL, NULL) != DS_VALUE_STRING)) {
        ds_parse_error(p, n->span, DS_E_WRONG_KIND, "%s must be a name, not %s", role,
                       ds_parse_describe(p, n));
        return false;
    }
    out->text = n->text;
    const char *problem = ds_parse_name_problem(p, n->text);
    if (!problem) return true;
    bool quote = !*n->text || strpbrk(n->text, " \t\r\n");
    ds_diag *e = ds_parse_error(p, n->span, DS_E_BAD_NAME, "%s%s%s is not a GraphQL name: %s",
                                quote ? "'" : "", clip(p, n->text), quote ? "'" : "", problem);
    ds_hint(p->s, e, "%s is made of letters, digits and underscores and does not start with a digit",
            role);
    return false;
}

bool ds_parse_string(ds_parser *p, const ds_ynode *n, const char *what, ds_name *out) {
    out->text = NULL;
    out->span = n->span;
    if (n->kind == DS_Y_SCALAR && ds_yaml_scalar_kind(n, NULL, NULL) == DS_VALUE_STRING) {
        out->text = n->text;
        return true;
    }
    ds_diag *e = ds_parse_error(p, n->span, DS_E_WRONG_KIND, "%s must be a string, not %s", what,
                                ds_parse_describe(p, n));
    if (n->kind == DS_Y_SCALAR && !ds_yaml_is_null(n))
        ds_hint(p->s, e, "quote it: \"%s\"", clip(p, n->text));
    return false;
}

/* "a, b or c" for the words of a set. */
static const char *word_list(ds_parser *p, const char *const *words) {
    size_t n = count_words(words);
    const char *out = "";
    for (size_t i = 0; i < n; i++)
        out = ds_arena_printf(&p->tmp, "%s%s%s", out, i == 0 ? "" : i + 1 == n ? " or " : ", ",
                              words[i]);
    return out;
}

/* What to suggest for a wrong word: a synonym's suggestion or the closest word. */
static const char *suggest(const ds_wordset *set, const char *word) {
    if (set->synonyms)
        for (const char *const *s = set->synonyms; s[0]; s += 2)
            if (strcmp(s[0], word) == 0) return s[1];
    return ds_closest(word, set->words, count_words(set->words));
}

int ds_parse_word(ds_parser *p, const ds_ynode *n, const ds_wordset *set) {
    if (n->kind != DS_Y_SCALAR) {
        ds_parse_error(p, n->span, DS_E_WRONG_KIND, "%s must be one of %s, not %s", set->what,
                       word_list(p, set->words), ds_parse_describe(p, n));
        return -1;
    }
    bool is_string = ds_yaml_scalar_kind(n, NULL, NULL) == DS_VALUE_STRING;
    for (size_t i = 0; is_string && set->words[i]; i++)
        if (strcmp(n->text, set->words[i]) == 0) return (int)i;
    const char *text = *n->text ? clip(p, n->text) : "an empty value";
    const char *near = is_string ? suggest(set, n->text) : NULL;
    ds_diag *e;
    if (near) {
        e = ds_parse_error(p, n->span, DS_E_BAD_VALUE, "%s is not %s (did you mean %s?)", text,
                           set->what, near);
        ds_hint(p->s, e, "use one of %s", word_list(p, set->words));
    } else {
        ds_parse_error(p, n->span, DS_E_BAD_VALUE, "%s is not %s (%s)", text, set->what,
                       word_list(p, set->words));
    }
    return -1;
}

/* Start a list read from value n under key. */
static void begin_list(ds_name_list *out, const ds_ynode *n) {
    memset(out, 0, sizeof *out);
    out->present = true;
    out->span = n->span;
}

void ds_parse_names(ds_parser *p, const ds_ynode *key, const ds_ynode *n, bool one_ok,
                    const char *role, ds_name_list *out) {
    begin_list(out, n);
    bool single = n->kind == DS_Y_SCALAR && one_ok && !ds_yaml_is_null(n);
    if (!single && n->kind != DS_Y_SEQ) {
        ds_parse_want(p, n, DS_Y_SEQ, key->text, one_ok ? "a name or a list of names" : "a list of names",
                      NULL);
        out->invalid = true;
        return;
    }
    size_t count = single ? 1 : n->count;
    for (size_t i = 0; i < count; i++) {
        ds_name name;
        if (!ds_parse_name(p, single ? n : n->items[i], false, role, &name)) out->invalid = true;
        if (name.text) DS_PUSH(&p->s->arena, out->items, out->count, out->cap, name);
    }
}

void ds_parse_words(ds_parser *p, const ds_ynode *key, const ds_ynode *n, const ds_wordset *set,
                    ds_name_list *out) {
    begin_list(out, n);
    if (!ds_parse_want(p, n, DS_Y_SEQ, key->text, "a list", NULL)) {
        out->invalid = true;
        return;
    }
    for (size_t i = 0; i < n->count; i++) {
        const ds_ynode *item = n->items[i];
        if (ds_parse_word(p, item, set) < 0) {
            out->invalid = true;
            continue;
        }
        const ds_name *first = NULL;
        for (size_t j = 0; j < out->count && !first; j++)
            if (strcmp(out->items[j].text, item->text) == 0) first = &out->items[j];
        if (first) {
            ds_diag *e = ds_parse_error(p, item->span, DS_E_DUPLICATE_VALUE,
                                        "%s is listed twice in %s", item->text, key->text);
            ds_note_at(p->s, e, first->span, "first listed here");
            continue;
        }
        ds_name word = {item->text, item->span};
        DS_PUSH(&p->s->arena, out->items, out->count, out->cap, word);
    }
}

void ds_parse_strings(ds_parser *p, const ds_ynode *key, const ds_ynode *n, ds_name_list *out) {
    begin_list(out, n);
    if (!ds_parse_want(p, n, DS_Y_SEQ, key->text, "a list of strings", NULL)) {
        out->invalid = true;
        return;
    }
    for (size_t i = 0; i < n->count; i++) {
        ds_name text;
        if (ds_parse_string(p, n->items[i], "each entry", &text))
            DS_PUSH(&p->s->arena, out->items, out->count, out->cap, text);
        else
            out->invalid = true;
    }
}

ds_decl *ds_parse_new_decl(ds_parser *p, ds_decl_kind kind) {
    ds_decl *d = ds_arena_alloc(&p->s->arena, sizeof *d);
    d->kind = kind;
    ds_symtab_init(&d->field_names, &p->s->arena);
    return d;
}
