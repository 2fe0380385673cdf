/* parse_util.c: what every part of the front-end reads the same way:
 * keys, names, words from a set, lists of them; and error reporting. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parse_internal.h"
#include "words.h"

/* The NULL-terminated parts one after the other, in p->tmp: labels are
 * joined often enough that printf shows. */
static const char *join(ds_parser *p, const char *const *parts) {
    size_t len = 0;
    for (const char *const *part = parts; *part; part++) len += strlen(*part);
    char *out = ds_arena_alloc_raw(&p->tmp, len + 1), *end = out;
    for (const char *const *part = parts; *part; part++) {
        size_t n = strlen(*part);
        memcpy(end, *part, n);
        end += n;
    }
    *end = '\0';
    return out;
}

#define JOIN(p, ...) join(p, (const char *const[]){__VA_ARGS__, NULL})

const char *ds_label_text(ds_parser *p, const ds_label *label) {
    const char *subject;
    switch (label->kind) {
    case DS_LABEL_FIELD: subject = ds_parse_field_label(p, label->subject.field); break;
    case DS_LABEL_DECL: subject = ds_parse_decl_label(p, label->subject.decl); break;
    case DS_LABEL_OF: subject = ds_label_text(p, label->subject.label); break;
    default: subject = label->subject.text; break;
    }
    return *label->prefix ? JOIN(p, label->prefix, subject) : subject;
}

ds_diag *ds_parse_error(ds_parser *p, ds_span span, const char *code, const char *fmt, ...) {
    char *place = ds_arena_printf(&p->tmp, "%u:%u:%s", span.line, span.col, code);
    if (ds_symtab_put(&p->reported, place, place)) return &p->s->sunk;  /* said already */
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *message = ds_arena_alloc(&p->tmp, len > 0 ? (size_t)len + 1 : 1);
    if (len > 0) vsnprintf(message, (size_t)len + 1, fmt, again);
    va_end(again);
    return ds_error(p->s, span, code, "%s", message);
}

const char *ds_parse_keep(ds_parser *p, const ds_ynode *n) {
    return ds_arena_strndup(&p->s->arena, n->text, n->len);
}

/* At most 40 bytes of text for a message, cut at a character boundary. */
static const char *clip(ds_parser *p, const char *text) {
    size_t len = strlen(text);
    if (len <= 40) return text;
    size_t cut = 37;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--;
    return ds_arena_printf(&p->tmp, "%.*s...", (int)cut, text);
}

const char *ds_parse_clip(ds_parser *p, const char *text) { return clip(p, text); }

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

/* Report "NAME must be EXPECTED, not WHAT N IS" at n. */
static ds_diag *wrong_kind(ds_parser *p, const ds_ynode *n, const ds_label *name,
                           const char *expected) {
    if (ds_yaml_is_null(n))
        return ds_parse_error(p, n->span, DS_E_WRONG_KIND, "%s must be %s, but it is empty",
                              ds_label_text(p, name), expected);
    return ds_parse_error(p, n->span, DS_E_WRONG_KIND, "%s must be %s, not %s",
                          ds_label_text(p, name), expected, ds_parse_describe(p, n));
}

bool ds_parse_want_l(ds_parser *p, const ds_ynode *n, ds_ykind kind, const ds_label *name,
                     const char *expected, const char *hint) {
    if (n->kind == kind) return true;
    ds_diag *e = wrong_kind(p, n, name, expected);
    if (hint) ds_hint(p->s, e, "%s", hint);
    return false;
}

bool ds_parse_want(ds_parser *p, const ds_ynode *n, ds_ykind kind, const char *name,
                   const char *expected, const char *hint) {
    ds_label label = ds_text_label(name);
    return ds_parse_want_l(p, n, kind, &label, expected, hint);
}

const ds_ynode *ds_parse_get(const ds_ynode *map, const char *key, const ds_ynode **key_node) {
    if (key_node) *key_node = NULL;
    if (map->kind != DS_Y_MAP) return NULL;
    for (size_t i = 0; i < DS_PAIRS(map); i++) {
        const ds_ynode *k = DS_KEY(map, i);
        if (k->kind == DS_Y_SCALAR && k->text[0] == key[0] && strcmp(k->text, key) == 0) {
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

bool ds_parse_keys(ds_parser *p, const ds_ynode *map, ds_construct c, const char *what,
                   ds_keys_hint_fn *hint) {
    const char *const *allowed = ds_construct_keys(c);
    bool known = true;
    for (size_t i = 0; i < DS_PAIRS(map); i++) {
        const ds_ynode *k = DS_KEY(map, i);
        if (k->kind != DS_Y_SCALAR) {
            ds_parse_error(p, k->span, DS_E_WRONG_KIND, "%s must be a name, not %s", what,
                           ds_parse_describe(p, k));
            known = false;
            continue;
        }
        if (listed(k->text, allowed)) continue;
        known = false;
        const char *near = ds_closest(k->text, allowed, ds_key_count(allowed));
        ds_diag *e;
        if (near)
        {
            e = ds_parse_error(p, k->span, DS_E_UNKNOWN_KEY, "%s is not %s (did you mean %s?)",
                               clip(p, k->text), what, near);
            ds_suggest(p->s, e, ds_span_of_text(p->s, k->span, k->text), near);
        }
        else
            e = ds_parse_error(p, k->span, DS_E_UNKNOWN_KEY, "%s is not %s", clip(p, k->text), what);
        if (hint) ds_hint(p->s, e, "%s", hint(p));
    }
    return known;
}

bool ds_parse_misspelt(const ds_ynode *map, ds_construct c, const char *key) {
    const char *const *allowed = ds_construct_keys(c);
    if (map->kind != DS_Y_MAP || ds_parse_get(map, key, NULL)) return false;
    for (size_t i = 0; i < DS_PAIRS(map); i++) {
        const ds_ynode *k = DS_KEY(map, i);
        if (k->kind != DS_Y_SCALAR || listed(k->text, allowed)) continue;
        const char *near = ds_closest(k->text, allowed, ds_key_count(allowed));
        if (near && strcmp(near, key) == 0) return true;
    }
    return false;
}

/* The separator before the i-th of count words of a list whose last two
 * are joined with conj (" and "; NULL: ", "). */
static const char *separator(size_t i, size_t count, const char *conj) {
    return i == 0 ? "" : conj && i == count - 1 ? conj : ", ";
}

const char *ds_parse_list(ds_parser *p, const char *const *words, size_t n, const char *conj) {
    const char *spaced = conj ? JOIN(p, " ", conj, " ") : NULL;
    size_t count = 0, len = spaced ? strlen(spaced) : 0;
    for (; count < n && words[count]; count++) len += strlen(words[count]) + 2;
    char *out = ds_arena_alloc_raw(&p->tmp, len + 1), *end = out;
    *end = '\0';
    for (size_t i = 0; i < count; i++)
        end += sprintf(end, "%s%s", separator(i, count, spaced), words[i]);
    return out;
}

const char *ds_parse_takes(ds_parser *p, const char *who, ds_construct c) {
    return JOIN(p, who, " takes ", ds_parse_list(p, ds_construct_keys(c), SIZE_MAX, "and"));
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

bool ds_parse_name_l(ds_parser *p, const ds_ynode *n, bool is_key, const ds_label *role,
                     ds_name *out) {
    out->text = NULL;
    out->span = n->span;
    if (n->kind != DS_Y_SCALAR && is_key) {
        ds_label this_key = ds_text_label("this key");
        wrong_kind(p, n, &this_key, ds_label_text(p, role));
        return false;
    }
    if (n->kind != DS_Y_SCALAR || (!is_key && ds_yaml_scalar_kind(n, NULL, NULL) != DS_VALUE_STRING)) {
        ds_diag *e = wrong_kind(p, n, role, "a name");
        /* TRUE is a boolean, "TRUE" a name; true and false are GraphQL's own. */
        if (n->kind == DS_Y_SCALAR && !ds_yaml_is_null(n) && !ds_parse_name_problem(p, n->text) &&
            strcmp(n->text, "true") != 0 && strcmp(n->text, "false") != 0)
            ds_hint(p->s, e, "quote it to make it a name: \"%s\"", clip(p, n->text));
        return false;
    }
    out->text = ds_parse_keep(p, n);
    const char *problem = ds_parse_name_problem(p, n->text);
    if (!problem) return true;
    bool quote = !*n->text || strpbrk(n->text, " \t\r\n");
    ds_diag *e = ds_parse_error(p, n->span, DS_E_BAD_NAME, "%s%s%s is not a GraphQL name: %s",
                                quote ? "'" : "", clip(p, n->text), quote ? "'" : "", problem);
    ds_hint(p->s, e, "%s is made of letters, digits and underscores and does not start with a digit",
            ds_label_text(p, role));
    return false;
}

bool ds_parse_name(ds_parser *p, const ds_ynode *n, bool is_key, const char *role, ds_name *out) {
    ds_label label = ds_text_label(role);
    return ds_parse_name_l(p, n, is_key, &label, out);
}

bool ds_parse_string_l(ds_parser *p, const ds_ynode *n, const ds_label *what, ds_name *out) {
    out->text = NULL;
    out->span = n->span;
    if (n->kind == DS_Y_SCALAR && ds_yaml_scalar_kind(n, NULL, NULL) == DS_VALUE_STRING) {
        out->text = ds_parse_keep(p, n);
        return true;
    }
    ds_diag *e = wrong_kind(p, n, what, "a string");
    if (n->kind == DS_Y_SCALAR && !ds_yaml_is_null(n))
        ds_hint(p->s, e, "quote it: \"%s\"", clip(p, n->text));
    return false;
}

bool ds_parse_string(ds_parser *p, const ds_ynode *n, const char *what, ds_name *out) {
    ds_label label = ds_text_label(what);
    return ds_parse_string_l(p, n, &label, out);
}

/* "a, b or c" for the words of a set. */
static const char *word_list(ds_parser *p, const char *const *words) {
    size_t n = ds_key_count(words);
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
    return ds_closest(word, set->words, ds_key_count(set->words));
}

int ds_parse_word_l(ds_parser *p, const ds_ynode *n, const ds_wordset *set, const ds_label *what) {
    if (n->kind != DS_Y_SCALAR) {
        const char *expected = set->words[1] ? ds_arena_printf(&p->tmp, "one of %s",
                                                               word_list(p, set->words))
                                             : set->words[0];
        ds_label set_what = ds_text_label(set->what);
        wrong_kind(p, n, what ? what : &set_what, expected);
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
        ds_suggest(p->s, e, ds_span_of_text(p->s, n->span, n->text), near);
    } else {
        ds_parse_error(p, n->span, DS_E_BAD_VALUE, "%s is not %s (%s)", text, set->what,
                       word_list(p, set->words));
    }
    return -1;
}

int ds_parse_word(ds_parser *p, const ds_ynode *n, const ds_wordset *set, const char *what) {
    ds_label label = ds_text_label(what);
    return ds_parse_word_l(p, n, set, what ? &label : NULL);
}

/* Start a list read from value n under key. */
static void begin_list(ds_name_list *out, const ds_ynode *n) {
    memset(out, 0, sizeof *out);
    out->present = true;
    out->span = n->span;
}

/* Room for exactly count items (a list of one reference is the usual). */
static void size_list(ds_parser *p, ds_name_list *out, size_t count) {
    DS_RESERVE(&p->s->arena, out->items, out->cap, count);
}

/* Report that n, which should be a list (expected), is not one; a single
 * value gets the hint to write it as a list of one. */
static void not_a_list(ds_parser *p, const ds_ynode *n, const ds_label *what, const char *expected) {
    ds_diag *e = wrong_kind(p, n, what, expected);
    if (n->kind == DS_Y_SCALAR && !ds_yaml_is_null(n))
        ds_hint(p->s, e, "write it as a list: [%s]", clip(p, n->text));
}

void ds_parse_names_l(ds_parser *p, const ds_ynode *n, bool one_ok, const ds_label *what,
                      const char *role, ds_name_list *out) {
    begin_list(out, n);
    bool single = n->kind == DS_Y_SCALAR && one_ok && !ds_yaml_is_null(n);
    if (!single && n->kind != DS_Y_SEQ) {
        not_a_list(p, n, what, one_ok ? "a name or a list of names" : "a list of names");
        out->invalid = true;
        return;
    }
    size_t count = single ? 1 : n->count;
    size_list(p, out, count);
    ds_label role_label = ds_text_label(role);
    for (size_t i = 0; i < count; i++) {
        ds_name name;
        if (!ds_parse_name_l(p, single ? n : n->items[i], false, &role_label, &name))
            out->invalid = true;
        if (name.text) DS_PUSH(&p->s->arena, out->items, out->count, out->cap, name);
    }
}

void ds_parse_names(ds_parser *p, const ds_ynode *n, bool one_ok, const char *what,
                    const char *role, ds_name_list *out) {
    ds_label label = ds_text_label(what);
    ds_parse_names_l(p, n, one_ok, &label, role, out);
}

/* Where a value of a list was first given, and how often so far. */
typedef struct first_place {
    ds_span span;
    size_t times;
} first_place;

bool ds_parse_unique_l(ds_parser *p, ds_symtab *seen, const ds_ynode *item, const char *value,
                       const ds_label *what) {
    first_place *first = ds_symtab_get(seen, value);
    if (!first) {
        first = ds_arena_alloc(&p->tmp, sizeof *first);
        first->span = item->span;
        first->times = 1;
        ds_symtab_put(seen, value, first);
        return true;
    }
    first->times++;
    const char *text = clip(p, value), *list = ds_label_text(p, what);
    ds_diag *e = first->times == 2
                     ? ds_parse_error(p, item->span, DS_E_DUPLICATE_VALUE, "%s is listed twice in %s",
                                      text, list)
                     : ds_parse_error(p, item->span, DS_E_DUPLICATE_VALUE,
                                      "%s is listed %zu times in %s", text, first->times, list);
    ds_note_at(p->s, e, first->span, "%s is first listed here", text);
    ds_hint(p->s, e, first->times == 2 ? "remove the second %s" : "remove this %s", text);
    return false;
}

void ds_parse_words_l(ds_parser *p, const ds_ynode *n, const ds_wordset *set, const ds_label *what,
                      ds_name_list *out) {
    begin_list(out, n);
    if (n->kind != DS_Y_SEQ) {
        not_a_list(p, n, what, "a list");
        out->invalid = true;
        return;
    }
    ds_symtab seen;  /* word -> first_place */
    ds_symtab_init(&seen, &p->tmp);
    size_list(p, out, n->count);
    for (size_t i = 0; i < n->count; i++) {
        const ds_ynode *item = n->items[i];
        if (ds_parse_word_l(p, item, set, NULL) < 0) {
            out->invalid = true;
            continue;
        }
        if (!ds_parse_unique_l(p, &seen, item, item->text, what)) continue;
        ds_name word = {ds_parse_keep(p, item), item->span};
        DS_PUSH(&p->s->arena, out->items, out->count, out->cap, word);
    }
}

void ds_parse_words(ds_parser *p, const ds_ynode *n, const ds_wordset *set, const char *what,
                    ds_name_list *out) {
    ds_label label = ds_text_label(what);
    ds_parse_words_l(p, n, set, &label, out);
}

void ds_parse_strings_l(ds_parser *p, const ds_ynode *n, const ds_label *what,
                        const ds_label *role, ds_name_list *out) {
    begin_list(out, n);
    if (n->kind != DS_Y_SEQ) {
        not_a_list(p, n, what, "a list of strings");
        out->invalid = true;
        return;
    }
    size_list(p, out, n->count);
    for (size_t i = 0; i < n->count; i++) {
        ds_name text;
        if (ds_parse_string_l(p, n->items[i], role, &text))
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

const char *ds_parse_decl_label(ds_parser *p, const ds_decl *d) {
    if (d->implicit && d->origin)
        return JOIN(p, d->kind == DS_DECL_ENUM ? "the enum of " : "the customType of ",
                    ds_parse_field_label(p, d->origin));
    if (!d->name.text) return JOIN(p, "the ", ds_kind_word(d->kind));
    return JOIN(p, "the ", ds_kind_word(d->kind), " ", clip(p, d->name.text));
}

/* Inline types nested deeper than this show as "...": labels stay short. */
#define LABEL_DEPTH 4

/* "Team.members", "the return type of the query echo": the label of a
 * field that no inline type holds. */
static const char *outer_field_label(ds_parser *p, const ds_field *f) {
    const char *name = f->name.text ? clip(p, f->name.text) : "?";
    const ds_decl *owner = f->owner;
    if (!owner || owner->implicit) return name;
    if (owner->kind < DS_DECL_QUERY)
        return JOIN(p, owner->name.text ? clip(p, owner->name.text) : "?", ".", name);
    if (owner->returns == f) return JOIN(p, "the return type of ", ds_parse_decl_label(p, owner));
    return JOIN(p, "the argument ", name, " of ", ds_parse_decl_label(p, owner));
}

/* "address.street": the names from just inside the outermost field around
 * f down to f (the last LABEL_DEPTH of them), or NULL when no inline type
 * holds f; *root gets that outermost field. */
static const char *inner_path(ds_parser *p, const ds_field *f, const ds_field **root) {
    const char *path = NULL;
    int depth = 0;
    for (; f->owner && f->owner->implicit && f->owner->origin && f->owner->origin != f;
         f = f->owner->origin, depth++) {
        const char *name = f->name.text ? clip(p, f->name.text) : "?";
        if (depth < LABEL_DEPTH)
            path = path ? JOIN(p, name, ".", path) : name;
        else if (depth == LABEL_DEPTH)
            path = JOIN(p, "...", path);
    }
    *root = f;
    return path;
}

const char *ds_parse_field_label(ds_parser *p, const ds_field *f) {
    const ds_field *root;
    const char *path = inner_path(p, f, &root);
    const char *outer = outer_field_label(p, root);
    if (!path) return outer;
    if (root->owner && !root->owner->implicit && root->owner->kind >= DS_DECL_QUERY)
        return JOIN(p, path, " in ", outer);  /* ok in the return type of q */
    return JOIN(p, outer, path[0] == '.' ? "" : ".", path);
}
