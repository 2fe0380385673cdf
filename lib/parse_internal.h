/* parse_internal.h: what the parts of the front-end share.
 *
 *   parse.c        the file: sections, models, enums, types, operations
 *   parse_field.c  FIELD and TYPE strings
 *   parse_auth.c   RULE lists
 *   parse_util.c   keys, names, words and lists; error reporting
 *   yaml_tree.c    YAML -> located tree;  yaml_scalar.c  core-schema scalars
 *
 * Each parsing function reads one construct of FORMAT.md from a tree node,
 * reports what is wrong with its shape, and marks the AST node it builds
 * `invalid` when the resolver should not look at it (so one mistake gives
 * one error). Spans: a node's value, or its key for what is about the key.
 */
#ifndef DS_PARSE_INTERNAL_H
#define DS_PARSE_INTERNAL_H

#include "diag.h"
#include "format_keys.h"
#include "yaml_tree.h"

typedef struct ds_parser {
    ds_schema *s;
    uint32_t file;
    ds_arena tmp;              /* the YAML tree; freed when the file is done */
    ds_symtab reported;        /* "line:col:code" of errors already given */
} ds_parser;

/* The key and value of the i-th pair of a map node. */
#define DS_KEY(map, i) ((map)->items[2 * (i)])
#define DS_VALUE(map, i) ((map)->items[2 * (i) + 1])
#define DS_PAIRS(map) ((map)->count / 2)

/* A set of words a value may take, with a phrase for messages ("an index
 * projection") and synonyms: pairs of a wrong word and what to suggest. */
typedef struct ds_wordset {
    const char *what;
    const char *const *words;          /* NULL-terminated */
    const char *const *synonyms;       /* NULL-terminated pairs, or NULL */
} ds_wordset;

/* What a message calls the thing being read ("the references of
 * Team.members"), kept as its parts and written out only when a message
 * needs it: labels are built for every field, messages are rare. The text
 * is prefix followed by the subject's own label. */
typedef enum ds_label_kind {
    DS_LABEL_TEXT,   /* text as it is */
    DS_LABEL_FIELD,  /* ds_parse_field_label of field */
    DS_LABEL_DECL,   /* ds_parse_decl_label of decl */
    DS_LABEL_OF      /* the text of another label */
} ds_label_kind;

typedef struct ds_label {
    const char *prefix;
    ds_label_kind kind;
    union {
        const char *text;
        const ds_field *field;
        const ds_decl *decl;
        const struct ds_label *label;
    } subject;
} ds_label;

/* "Post": text as it is. */
static inline ds_label ds_text_label(const char *text) {
    return (ds_label){"", DS_LABEL_TEXT, {.text = text}};
}

/* "the default of " + "Post.title". */
static inline ds_label ds_field_label(const char *prefix, const ds_field *f) {
    return (ds_label){prefix, DS_LABEL_FIELD, {.field = f}};
}

/* "" + "the enum Size". */
static inline ds_label ds_decl_label(const char *prefix, const ds_decl *d) {
    return (ds_label){prefix, DS_LABEL_DECL, {.decl = d}};
}

/* "the provider of " + "a rule of Post": of must outlive the label. */
static inline ds_label ds_label_of(const char *prefix, const ds_label *of) {
    return (ds_label){prefix, DS_LABEL_OF, {.label = of}};
}

/* ---- parse_util.c ---- */

/* A copy of scalar n's text that lives as long as the schema: the YAML
 * tree's text goes with the tree. */
const char *ds_parse_keep(ds_parser *p, const ds_ynode *n);

/* The text of label (in p->tmp unless it is given text). */
const char *ds_label_text(ds_parser *p, const ds_label *label);

/* An error at span, given once per place and code: an aliased node is
 * walked once per alias, and its mistakes are reported once. */
ds_diag *ds_parse_error(ds_parser *p, ds_span span, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* text, or its first characters and "..." when it is long (for messages). */
const char *ds_parse_clip(ds_parser *p, const char *text);

/* "a map", "a list", "empty", "the number 12", "a single value (x)"... for messages. */
const char *ds_parse_describe(ds_parser *p, const ds_ynode *n);

/* The functions below that name what they read in messages take that name
 * as text; their _l twins take it as a label, written out only when a
 * message is given (for the hot path: every field, rule and list). */

/* Whether n is of kind; otherwise reports "NAME must be EXPECTED, not ..."
 * (hint optional) and returns false. */
bool ds_parse_want(ds_parser *p, const ds_ynode *n, ds_ykind kind, const char *name,
                   const char *expected, const char *hint);
bool ds_parse_want_l(ds_parser *p, const ds_ynode *n, ds_ykind kind, const ds_label *name,
                     const char *expected, const char *hint);

/* The value under key in map (NULL when absent); *key_node gets the key. */
const ds_ynode *ds_parse_get(const ds_ynode *map, const char *key, const ds_ynode **key_node);

/* The hint of an unknown key, built only when one is reported (maps of
 * fields are checked by the thousand): it says which keys the map takes. */
typedef const char *ds_keys_hint_fn(ds_parser *p);

/* Report every key of map that construct c does not take: "KEY is not
 * WHAT", did you mean, and the hint (hint may be NULL). Returns whether
 * all keys are known. */
bool ds_parse_keys(ds_parser *p, const ds_ynode *map, ds_construct c, const char *what,
                   ds_keys_hint_fn *hint);

/* Whether an unknown key of map is a misspelling of key (key is what
 * ds_parse_keys suggests for it among the keys of c): a missing key is
 * then not reported, the "did you mean" of the unknown key saying all
 * there is to say. */
bool ds_parse_misspelt(const ds_ynode *map, ds_construct c, const char *key);

/* "a, b and c": the first n words (all of them: SIZE_MAX) joined with
 * commas and conj ("and", "or"), or with commas only when conj is NULL;
 * in p->tmp. For messages that list keys or words from their table. */
const char *ds_parse_list(ds_parser *p, const char *const *words, size_t n, const char *conj);

/* "WHO takes a, b and c": a hint listing every key of c. */
const char *ds_parse_takes(ds_parser *p, const char *who, ds_construct c);

/* The UTF-8 character at c, as a string (for "the character 'X'"). */
const char *ds_parse_char_at(ds_parser *p, const char *c);

/* Why text is not a GraphQL name ([_A-Za-z][_0-9A-Za-z]*), or NULL. */
const char *ds_parse_name_problem(ds_parser *p, const char *text);

/* A GraphQL name from a key (any scalar: its text) or a value (a string
 * scalar) into *out; reports and returns false when it is not one. role is
 * what the name names ("a model name"). */
bool ds_parse_name(ds_parser *p, const ds_ynode *n, bool is_key, const char *role, ds_name *out);
bool ds_parse_name_l(ds_parser *p, const ds_ynode *n, bool is_key, const ds_label *role,
                     ds_name *out);

/* A string value (a scalar that reads as a string) into *out; reports and
 * returns false otherwise. what names the value ("the entry of the handler
 * of the query q"). */
bool ds_parse_string(ds_parser *p, const ds_ynode *n, const char *what, ds_name *out);
bool ds_parse_string_l(ds_parser *p, const ds_ynode *n, const ds_label *what, ds_name *out);

/* The index of the word n holds in set, or -1 after reporting it; what
 * names n when it is not a word at all ("the provider of a rule of Post";
 * NULL: the set's phrase). */
int ds_parse_word(ds_parser *p, const ds_ynode *n, const ds_wordset *set, const char *what);
int ds_parse_word_l(ds_parser *p, const ds_ynode *n, const ds_wordset *set, const ds_label *what);

/* In the functions below, what names the list in messages ("the
 * identifier of Order") and role each item (as for ds_parse_name). */

/* NAMES := NAME | [NAME, ...]   (the single NAME only when one_ok)
 * into *out (present, span). */
void ds_parse_names(ds_parser *p, const ds_ynode *n, bool one_ok, const char *what,
                    const char *role, ds_name_list *out);
void ds_parse_names_l(ds_parser *p, const ds_ynode *n, bool one_ok, const ds_label *what,
                      const char *role, ds_name_list *out);

/* WORDS := [WORD, ...], each from set and given once. */
void ds_parse_words(ds_parser *p, const ds_ynode *n, const ds_wordset *set, const char *what,
                    ds_name_list *out);
void ds_parse_words_l(ds_parser *p, const ds_ynode *n, const ds_wordset *set, const ds_label *what,
                      ds_name_list *out);

/* STRINGS := [STRING, ...] */
void ds_parse_strings_l(ds_parser *p, const ds_ynode *n, const ds_label *what,
                        const ds_label *role, ds_name_list *out);

/* Whether value, at item, is new to the list that seen (a table in p->tmp)
 * tracks; otherwise reports it as repeated in what ("the enum Size"), with
 * a note at its first place, and returns false. */
bool ds_parse_unique_l(ds_parser *p, ds_symtab *seen, const ds_ynode *item, const char *value,
                       const ds_label *what);

/* A new declaration of kind, its tables ready. */
ds_decl *ds_parse_new_decl(ds_parser *p, ds_decl_kind kind);

/* "the model Product", "the query echo"; for an inline declaration "the
 * enum of Store.privacy", "the customType of Store.address". */
const char *ds_parse_decl_label(ds_parser *p, const ds_decl *d);

/* "Team.members", "Store.address.street", "the argument times of the
 * query echo", "the return type of the query echo". */
const char *ds_parse_field_label(ds_parser *p, const ds_field *f);

/* ---- parse_auth.c ---- */

/* RULES := [RULE, ...] under key into *out; owner names what they
 * protect in messages ("Post", "Post.title", "the query echo", "the schema"). */
void ds_parse_rules(ds_parser *p, const ds_ynode *key, const ds_ynode *value, const char *owner,
                    ds_rules *out);
void ds_parse_rules_l(ds_parser *p, const ds_ynode *key, const ds_ynode *value,
                      const ds_label *owner, ds_rules *out);

/* ---- parse_field.c ---- */

/* FIELDS := { NAME: FIELD, ... } into owner's fields (or, when arguments
 * is set, its arguments). */
void ds_parse_fields(ds_parser *p, const ds_ynode *map, ds_decl *owner, bool arguments);

/* The `returns` of an operation: TYPE | { customType: FIELDS }. */
ds_field *ds_parse_returns(ds_parser *p, const ds_ynode *key, const ds_ynode *value, ds_decl *owner);

/* ENUM VALUES := [NAME, ...] into enum's values: names, each once. */
void ds_parse_enum_values(ds_parser *p, const ds_ynode *n, ds_decl *enum_decl);

#endif
