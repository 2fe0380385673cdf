/* lsp_complete.c: completion, from where the cursor is in the YAML: the
 * keys above it (by indentation) and the flow maps and lists it is in tell
 * which construct is being written and whether a key or a value comes. */
#include <stdlib.h>
#include <string.h>

#include "format_keys.h"
#include "lsp_internal.h"
#include "words.h"

/* LSP CompletionItemKind values. */
enum { CK_FIELD = 5, CK_CLASS = 7, CK_PROPERTY = 10, CK_VALUE = 12, CK_ENUM = 13,
       CK_KEYWORD = 14, CK_STRUCT = 22 };

#define MAX_DEPTH 16
#define MAX_KEY 64

/* Where the cursor is: the keys of the maps it is in, outermost first, and
   whether a key or the value of `key` comes next. */
typedef struct context {
    char chain[MAX_DEPTH][MAX_KEY];
    int depth;
    bool value;               /* a value of key comes (in a list when in_list) */
    bool in_list;
    char key[MAX_KEY];
    const char *line;         /* the cursor's line, and its block around it */
    size_t line_len;
} context;

static bool key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
}

/* Copy n bytes of a key, clipped. */
static void set_key(char out[MAX_KEY], const char *s, size_t n) {
    if (n >= MAX_KEY) n = MAX_KEY - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

/* The indentation of a block line (a "- " counts as indentation) and the
   key it starts with, if any; returns false for blank and comment lines. */
static bool line_key(const char *s, size_t len, size_t *indent, const char **key, size_t *key_len) {
    size_t i = 0;
    while (i < len && s[i] == ' ') i++;
    while (i + 1 < len && s[i] == '-' && s[i + 1] == ' ') {
        i += 2;
        while (i < len && s[i] == ' ') i++;
    }
    if (i >= len || s[i] == '#' || s[i] == '\r' || s[i] == '\n') return false;
    *indent = i;
    size_t k = i;
    while (k < len && key_char(s[k])) k++;
    *key = NULL;
    if (k > i && k < len && s[k] == ':' && (k + 1 >= len || s[k + 1] == ' ' || s[k + 1] == '\r' ||
                                           s[k + 1] == '\n'))
        *key = s + i, *key_len = k - i;
    return true;
}

/* The line of text that holds offset: [*start, *end). */
static void line_around(const char *text, size_t len, size_t at, size_t *start, size_t *end) {
    size_t a = at, b = at;
    while (a > 0 && text[a - 1] != '\n' && text[a - 1] != '\r') a--;
    while (b < len && text[b] != '\n' && text[b] != '\r') b++;
    *start = a, *end = b;
}

/* The keys of the block maps above the cursor, by indentation. */
static void block_chain(context *c, const char *text, size_t line_start, size_t indent) {
    char keys[MAX_DEPTH][MAX_KEY];
    int n = 0;
    size_t end = line_start;
    while (end > 0 && n < MAX_DEPTH && indent > 0) {
        size_t e = end - 1;  /* the break before this line */
        if (e > 0 && text[e] == '\n' && text[e - 1] == '\r') e--;
        size_t s = e;
        while (s > 0 && text[s - 1] != '\n' && text[s - 1] != '\r') s--;
        size_t ind, klen;
        const char *key;
        if (line_key(text + s, e - s, &ind, &key, &klen) && ind < indent) {
            if (key) set_key(keys[n++], key, klen);
            indent = ind;
        }
        end = s;
    }
    for (int i = 0; i < n; i++) memcpy(c->chain[c->depth++], keys[n - 1 - i], MAX_KEY);
}

/* Read the cursor's line up to the cursor: flow maps and lists opened on
   it add to the chain, and the last key tells whether a value comes. */
static void scan_line(context *c, const char *s, size_t n) {
    struct { char kind; char owner[MAX_KEY]; } stack[MAX_DEPTH];
    int top = 0;
    char current[MAX_KEY] = "";
    size_t tok = 0;
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '"' || ch == '\'') quoted = !quoted;
        if (quoted) continue;
        if (ch == ':' && (i + 1 >= n || s[i + 1] == ' ')) {
            size_t a = i;
            while (a > tok && !key_char(s[a - 1])) a--;
            size_t b = a;
            while (b > tok && key_char(s[b - 1])) b--;
            set_key(current, s + b, a - b);
        } else if ((ch == '{' || ch == '[') && top < MAX_DEPTH) {
            stack[top].kind = ch;
            memcpy(stack[top++].owner, current, MAX_KEY);
            current[0] = '\0';
        } else if ((ch == '}' || ch == ']') && top > 0) {
            top--;
            current[0] = '\0';
        } else if (ch == ',' && top > 0 && stack[top - 1].kind == '{') {
            current[0] = '\0';
        } else if (ch == '#' && (i == 0 || s[i - 1] == ' ')) {
            break;
        }
        if (!key_char(ch)) tok = i + 1;
    }
    for (int i = 0; i < top; i++)
        if (stack[i].owner[0] && stack[i].kind == '{' && c->depth < MAX_DEPTH)
            memcpy(c->chain[c->depth++], stack[i].owner, MAX_KEY);
    if (top > 0 && stack[top - 1].kind == '[' && !current[0]) {
        c->value = c->in_list = true;
        memcpy(c->key, stack[top - 1].owner, MAX_KEY);
    } else if (current[0]) {
        c->value = true;
        memcpy(c->key, current, MAX_KEY);
    }
}

/* The context of the cursor at byte at of text. */
static context find_context(const char *text, size_t len, size_t at) {
    context c = {0};
    size_t start, end;
    line_around(text, len, at, &start, &end);
    c.line = text + start;
    c.line_len = end - start;
    size_t indent = 0, klen;
    const char *key;
    if (!line_key(text + start, at - start, &indent, &key, &klen)) {
        indent = at - start;  /* a blank line: the cursor's column */
        const char *s = text + start;
        size_t i = 0;
        while (i < indent && (s[i] == ' ' || s[i] == '-')) i++;
        indent = i;
    }
    block_chain(&c, text, start, indent);
    scan_line(&c, text + start, at - start);
    /* A bare item of a block list is its owner's value ("- owner"). */
    const char *s = text + start;
    size_t i = 0;
    while (i < at - start && s[i] == ' ') i++;
    if (!c.value && i + 1 < at - start && s[i] == '-' && s[i + 1] == ' ' && c.depth > 0) {
        const char *owner = c.chain[c.depth - 1];
        /* Rules and indexes are maps too: their keys are offered, in the chain. */
        if (strcmp(owner, "authorization") != 0 && strcmp(owner, "secondaryIndexes") != 0) {
            c.value = c.in_list = true;
            memcpy(c.key, owner, MAX_KEY);
            c.depth--;
        }
    }
    return c;
}

/* ---- items ---- */

/* Add an item, once (a key of two constructs, "authorization", is offered once). */
static void add(json_t *items, const char *label, int kind, const char *detail) {
    for (size_t i = 0; i < json_array_size(items); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(items, i), "label")), label) == 0)
            return;
    json_t *item = json_pack("{s:s, s:i}", "label", label, "kind", kind);
    if (detail) json_object_set_new(item, "detail", json_string(detail));
    json_array_append_new(items, item);
}

static void add_words(json_t *items, const char *const *words, int kind, const char *detail) {
    for (; *words; words++) add(items, *words, kind, detail);
}

/* Declarations of the given kinds (by bit of ds_decl_kind). */
static void add_decls(json_t *items, const ds_schema *s, unsigned kinds) {
    static const int item_kind[] = {CK_CLASS, CK_ENUM, CK_STRUCT, CK_VALUE, CK_VALUE, CK_VALUE};
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *d = s->decls[i];
        if (d->name.text && (kinds & (1u << d->kind)))
            add(items, d->name.text, item_kind[d->kind], ds_kind_word(d->kind));
    }
}

/* Scalars and the types a field may name. */
static void add_types(json_t *items, const ds_schema *s, bool models) {
    for (int i = 1; i < DS_SCALAR_COUNT; i++)
        add(items, ds_scalar_builder_name((ds_scalar)i), CK_KEYWORD, "scalar");
    add_decls(items, s, 1u << DS_DECL_ENUM | 1u << DS_DECL_TYPE | (models ? 1u << DS_DECL_MODEL : 0));
}

/* The fields of the model named name. */
static void add_fields(json_t *items, const ds_schema *s, const char *name) {
    const ds_decl *m = name ? ds_symtab_get(&s->types, name) : NULL;
    for (size_t i = 0; m && i < m->field_count; i++)
        if (m->fields[i] && m->fields[i]->name.text && m->fields[i]->kind != DS_FIELD_RELATION)
            add(items, m->fields[i]->name.text, CK_FIELD, m->fields[i]->type.base);
}

static void add_keys(json_t *items, ds_construct construct) {
    add_words(items, ds_construct_keys(construct), CK_PROPERTY, ds_construct_name(construct));
}

static bool is(const char *a, const char *b) { return strcmp(a, b) == 0; }

/* Whether the chain's keys from its start are these (NULL: any key). */
static bool chain_is(const context *c, int n, const char *const *keys) {
    if (c->depth != n) return false;
    for (int i = 0; i < n; i++)
        if (keys[i] && !is(c->chain[i], keys[i])) return false;
    return true;
}
#define CHAIN(c, ...) chain_is((c), (int)(sizeof (const char *[]){__VA_ARGS__} / sizeof(char *)), \
                               (const char *const[]){__VA_ARGS__})

/* Whether the chain ends in a map of fields (or arguments). */
static bool in_field_map(const context *c) {
    if (CHAIN(c, "models", NULL, "fields") || CHAIN(c, "types", NULL)) return true;
    if (c->depth >= 3 && is(c->chain[c->depth - 1], "arguments")) return true;
    return c->depth >= 1 && is(c->chain[c->depth - 1], "customType");
}

/* The model and relationship a references list belongs to: the child, the
   relation's target for hasOne and hasMany, the model itself for belongsTo. */
static const char *references_model(const context *c) {
    const char *line = c->line;
    for (size_t i = 0; i + 8 < c->line_len; i++) {
        const char *kinds[] = {"hasOne:", "hasMany:", "belongsTo:"};
        for (int k = 0; k < 3; k++) {
            size_t n = strlen(kinds[k]);
            if (i + n > c->line_len || strncmp(line + i, kinds[k], n) != 0) continue;
            if (k == 2) return c->depth >= 2 ? c->chain[1] : NULL;
            static char target[MAX_KEY];
            size_t a = i + n;
            while (a < c->line_len && line[a] == ' ') a++;
            size_t b = a;
            while (b < c->line_len && key_char(line[b])) b++;
            set_key(target, line + a, b - a);
            return target;
        }
    }
    return c->depth >= 2 ? c->chain[1] : NULL;
}

/* Completions of a value of key c->key. */
static void complete_value(json_t *items, const ds_schema *s, const context *c) {
    const char *k = c->key;
    const char *model = c->depth >= 2 && is(c->chain[0], "models") ? c->chain[1] : NULL;
    if (is(k, "hasMany") || is(k, "hasOne") || is(k, "belongsTo"))
        add_decls(items, s, 1u << DS_DECL_MODEL);
    else if (is(k, "references")) add_fields(items, s, references_model(c));
    else if (is(k, "identifier") || is(k, "sortKeys") || is(k, "nonKeyAttributes") ||
             (is(k, "field") && model))
        add_fields(items, s, model);
    else if (is(k, "secondaryIndexes") && model) add_fields(items, s, model);
    else if (is(k, "to")) add_words(items, ds_to_words, CK_VALUE, "operation");
    else if (is(k, "allow")) add_words(items, ds_allow_words, CK_VALUE, "rule");
    else if (is(k, "provider")) add_words(items, ds_provider_words, CK_VALUE, "provider");
    else if (is(k, "disableOperations")) add_words(items, ds_disable_words, CK_VALUE, "operation");
    else if (is(k, "projection")) add_words(items, ds_projection_words, CK_VALUE, "projection");
    else if (is(k, "mutations") && c->depth >= 1 && is(c->chain[c->depth - 1], "for"))
        add_words(items, ds_mutation_words, CK_VALUE, "mutation");
    else if (is(k, "for")) add_decls(items, s, 1u << DS_DECL_MUTATION);
    else if (is(k, "model")) add_decls(items, s, 1u << DS_DECL_MODEL);
    else if (is(k, "authorization")) add_words(items, ds_allow_words, CK_VALUE, "rule");
    else if (is(k, "returns")) add_types(items, s, true);
    else if (is(k, "type") || in_field_map(c)) add_types(items, s, false);
}

/* Completions of a key: the keys of the construct the cursor is in. */
static void complete_key(json_t *items, const context *c) {
    const char *last = c->depth ? c->chain[c->depth - 1] : "";
    if (c->depth == 0) add_keys(items, DS_KEYS_DOCUMENT);
    else if (CHAIN(c, "models", NULL)) add_keys(items, DS_KEYS_MODEL);
    else if (CHAIN(c, "queries", NULL) || CHAIN(c, "mutations", NULL)) add_keys(items, DS_KEYS_OPERATION);
    else if (CHAIN(c, "subscriptions", NULL)) add_keys(items, DS_KEYS_SUBSCRIPTION);
    else if (is(last, "authorization")) {
        add_keys(items, DS_KEYS_RULE);
        add_words(items, ds_allow_words, CK_VALUE, "rule");
    } else if (is(last, "secondaryIndexes")) add_keys(items, DS_KEYS_INDEX);
    else if (is(last, "projection")) add_keys(items, DS_KEYS_PROJECTION);
    else if (is(last, "handler")) add_keys(items, DS_KEYS_HANDLER);
    else if (is(last, "custom")) add_keys(items, DS_KEYS_CUSTOM_HANDLER);
    else if (is(last, "for")) add_keys(items, DS_KEYS_SOURCE);
    else if (c->depth >= 2) {
        context parent = *c;
        parent.depth--;
        if (in_field_map(&parent)) {  /* the map of one field: any field form's keys */
            add_keys(items, DS_KEYS_SCALAR_FIELD);
            add_words(items, ds_construct_keys(DS_KEYS_RELATION), CK_PROPERTY, "relationship field");
            add_keys(items, DS_KEYS_INLINE_ENUM);
            add_keys(items, DS_KEYS_INLINE_TYPE);
        }
    }
}

json_t *lsp_completion(lsp_server *srv, json_t *params, lsp_error *err) {
    lsp_doc *d = lsp_params_doc(srv, params, err);
    if (!d) return NULL;
    const lsp_unit *u = d->unit;
    uint16_t file = lsp_source_index(u, d->uri);
    size_t len, at = lsp_offset(u, file, json_object_get(params, "position"));
    const char *text = lsp_source_text(u, file, &len);
    json_t *items = json_array();
    if (!text || at == (size_t)-1) return items;
    context c = find_context(text, len, at);
    if (c.value) complete_value(items, u->schema, &c);
    else complete_key(items, &c);
    return items;
}
