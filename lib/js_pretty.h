/* js_pretty.h: JavaScript expressions as a small tree, printed the way
 * Prettier 3.6 prints them with --single-quote (80 columns, two-space
 * indentation, trailing commas): the layout of the TypeScript back-end.
 *
 * Only the shapes a data-schema builder file uses are here: names,
 * string / number literals, arrays, objects, one-parameter arrows, calls
 * and member lookups. The printer is Prettier's: each node becomes a doc
 * (groups, lines, indentation, conditional groups) by the rules of its
 * estree printer (member chains, call arguments, assignments), and the doc
 * printer of src/document/printer.js lays it out. Objects print expanded,
 * as Prettier keeps an object whose source has a newline after `{`.
 */
#ifndef DS_JS_PRETTY_H
#define DS_JS_PRETTY_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

typedef enum js_kind {
    JS_IDENT,     /* a name, or a keyword literal (true, false, null) */
    JS_STRING,    /* text is the value, unescaped */
    JS_NUMBER,    /* text as JavaScript's String(number) prints it, maybe "-5" */
    JS_ARRAY,
    JS_OBJECT,
    JS_ARROW,     /* (param) => body */
    JS_CALL,      /* callee(args) */
    JS_MEMBER     /* object.text */
} js_kind;

typedef struct js_node js_node;

typedef struct js_prop {
    const char *key;           /* quoted when it is not an identifier */
    js_node *value;            /* NULL: shorthand ({ schema }) */
} js_prop;

struct js_node {
    js_kind kind;
    bool literal;              /* JS_IDENT: true / false / null */
    const char *text;
    js_node *sub;              /* MEMBER object, CALL callee, ARROW body */
    js_node **items;           /* ARRAY elements, CALL arguments */
    size_t count, cap;
    js_prop *props;            /* OBJECT */
    size_t prop_count, prop_cap;
};

js_node *js_ident(ds_arena *a, const char *name);
js_node *js_literal(ds_arena *a, const char *keyword);   /* true, false, null */
js_node *js_string(ds_arena *a, const char *value);
js_node *js_number(ds_arena *a, const char *text);
js_node *js_array(ds_arena *a);
js_node *js_object(ds_arena *a);
js_node *js_arrow(ds_arena *a, const char *param, js_node *body);
js_node *js_call(ds_arena *a, js_node *callee);
js_node *js_member(ds_arena *a, js_node *object, const char *name);

/* object.name(): a member call with no arguments yet (add them with js_push). */
js_node *js_method(ds_arena *a, js_node *object, const char *name);

/* Append an element to an array or an argument to a call. */
void js_push(ds_arena *a, js_node *list, js_node *item);

/* Append key: value to an object (value NULL: the shorthand `key`). */
void js_prop_add(ds_arena *a, js_node *object, const char *key, js_node *value);

/* Whether name can be written as an unquoted property key. */
bool js_is_identifier(const char *name);

/* Append `prefix name = init;` (e.g. prefix "export const"), laid out as
 * Prettier lays out that statement, and a newline. */
void js_print_declaration(ds_arena *a, ds_buf *out, const char *prefix, const char *name,
                          const js_node *init);

/* Append `key: value,` and a newline at column indent, laid out as a
 * property of an expanded object whose properties start there: how a long
 * object is printed one property at a time. */
void js_print_property(ds_arena *a, ds_buf *out, size_t indent, const char *key,
                       const js_node *value);

/* Append `.name(args)` of call (a call on a member lookup) and suffix, and a
 * newline, at column indent: one link of an expanded member chain. */
void js_print_chained_call(ds_arena *a, ds_buf *out, size_t indent, const js_node *call,
                           const char *suffix);

/* Append a string literal as Prettier writes it with --single-quote: single
 * quotes unless the text has more of them than double quotes, escapes for
 * the quote, backslash, line breaks, U+2028/U+2029 and control characters. */
void js_put_string(ds_buf *out, const char *value);

#endif
