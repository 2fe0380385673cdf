/* js_pretty.c: JavaScript expressions printed as Prettier 3.6 prints them
 * (js_pretty.h). Two halves: the doc printer (Prettier's
 * src/document/printer.js: propagateBreaks, fits, printDocToString) and the
 * estree rules that turn expressions into docs (member-chain.js,
 * call-arguments.js, assignment.js, array.js, object.js, arrow-function.js),
 * each kept to the cases a builder file has. Widths are Prettier's
 * getStringWidth: wide East Asian characters and emoji count two columns.
 */
#include "js_pretty.h"

#include <stdlib.h>
#include <string.h>

#define PRINT_WIDTH 80
#define TAB_WIDTH 2

/* ================================================================ docs */

typedef enum doc_kind {
    D_TEXT, D_CONCAT, D_INDENT, D_GROUP, D_LINE, D_IF_BREAK, D_INDENT_IF_BREAK, D_BREAK_PARENT
} doc_kind;

typedef struct doc doc;
struct doc {
    doc_kind kind;
    const char *text;          /* TEXT */
    size_t len, width;
    doc **parts;               /* CONCAT */
    size_t count, cap;
    doc *contents;             /* INDENT, GROUP, INDENT_IF_BREAK; IF_BREAK: break contents */
    doc *flat;                 /* IF_BREAK: flat contents */
    doc **states;              /* GROUP: conditionalGroup's expanded states */
    size_t state_count;
    bool brk;                  /* GROUP: break (given or propagated) */
    bool visited;              /* propagate_breaks */
    bool soft, hard;           /* LINE */
    int id;                    /* GROUP: its id (0: none); IF_BREAK/INDENT_IF_BREAK: the group's */
};

typedef struct ctx {
    ds_arena *a;
    int next_id;
} ctx;

/* A zeroed doc of kind, in the arena. */
static doc *new_doc(ctx *c, doc_kind kind) {
    doc *d = ds_arena_alloc(c->a, sizeof *d);
    d->kind = kind;
    return d;
}

/* The columns a UTF-8 code point takes (getStringWidth). */
static size_t code_point_width(unsigned cp) {
    if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) return 0;
    if (cp >= 0x300 && cp <= 0x36f) return 0;
    if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
        (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
        (cp >= 0x20000 && cp <= 0x3fffd) || (cp >= 0x2614 && cp <= 0x2615) ||
        (cp >= 0x231a && cp <= 0x231b) || (cp >= 0x23e9 && cp <= 0x23ec) || cp == 0x23f0 ||
        cp == 0x23f3 || (cp >= 0x25fd && cp <= 0x25fe) || (cp >= 0x2648 && cp <= 0x2653) ||
        cp == 0x267f || cp == 0x2693 || cp == 0x26a1 || (cp >= 0x26aa && cp <= 0x26ab) ||
        (cp >= 0x26bd && cp <= 0x26be) || (cp >= 0x26c4 && cp <= 0x26c5) || cp == 0x26ce ||
        cp == 0x26d4 || cp == 0x26ea || (cp >= 0x26f2 && cp <= 0x26f3) || cp == 0x26f5 ||
        cp == 0x26fa || cp == 0x26fd || cp == 0x2705 || (cp >= 0x270a && cp <= 0x270b) ||
        cp == 0x2728 || cp == 0x274c || cp == 0x274e || (cp >= 0x2753 && cp <= 0x2755) ||
        cp == 0x2757 || (cp >= 0x2795 && cp <= 0x2797) || cp == 0x27b0 || cp == 0x27bf ||
        (cp >= 0x2b1b && cp <= 0x2b1c) || cp == 0x2b50 || cp == 0x2b55)
        return 2;
    return 1;
}

/* The display width of UTF-8 text. */
static size_t text_width(const char *s, size_t len) {
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        unsigned cp = b;
        size_t n = 1;
        if (b >= 0xf0) cp = b & 0x07, n = 4;
        else if (b >= 0xe0) cp = b & 0x0f, n = 3;
        else if (b >= 0xc0) cp = b & 0x1f, n = 2;
        for (size_t k = 1; k < n && i + k < len; k++) cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3f);
        w += code_point_width(cp);
        i += n;
    }
    return w;
}

/* Text (no line breaks in it) with its width. */
static doc *text_n(ctx *c, const char *s, size_t len) {
    doc *d = new_doc(c, D_TEXT);
    d->text = s;
    d->len = len;
    d->width = text_width(s, len);
    return d;
}

/* Text of a NUL-terminated string. */
static doc *text(ctx *c, const char *s) { return text_n(c, s, strlen(s)); }

/* An empty concatenation (a doc array). */
static doc *concat(ctx *c) { return new_doc(c, D_CONCAT); }

/* Append part to a concat (NULL is skipped). */
static void add(ctx *c, doc *list, doc *part) {
    if (part) DS_PUSH(c->a, list->parts, list->count, list->cap, part);
}

/* [x, y]. */
static doc *cat2(ctx *c, doc *x, doc *y) {
    doc *d = concat(c);
    add(c, d, x);
    add(c, d, y);
    return d;
}

/* indent(contents): its line breaks indent two more columns. */
static doc *indent(ctx *c, doc *contents) {
    doc *d = new_doc(c, D_INDENT);
    d->contents = contents;
    return d;
}

/* group(contents, { shouldBreak }): flat if it fits, else broken. */
static doc *group(ctx *c, doc *contents, bool should_break) {
    doc *d = new_doc(c, D_GROUP);
    d->contents = contents;
    d->brk = should_break;
    return d;
}

/* conditionalGroup(states): tried in order, the last one broken. */
static doc *conditional_group(ctx *c, doc **states, size_t n) {
    doc *d = group(c, states[0], false);
    d->states = ds_arena_alloc(c->a, n * sizeof *states);
    memcpy(d->states, states, n * sizeof *states);
    d->state_count = n;
    return d;
}

/* line: a space, or a line break. */
static doc *line(ctx *c) { return new_doc(c, D_LINE); }

/* softline: nothing, or a line break. */
static doc *softline(ctx *c) {
    doc *d = new_doc(c, D_LINE);
    d->soft = true;
    return d;
}

/* breakParent: breaks the groups around it. */
static doc *break_parent(ctx *c) { return new_doc(c, D_BREAK_PARENT); }

/* hardline: always a line break. */
static doc *hardline(ctx *c) {
    doc *d = new_doc(c, D_LINE);
    d->hard = true;
    return cat2(c, d, break_parent(c));
}

/* ifBreak(break_contents, flat_contents). */
static doc *if_break(ctx *c, doc *brk, doc *flat) {
    doc *d = new_doc(c, D_IF_BREAK);
    d->contents = brk;
    d->flat = flat;
    return d;
}

/* indentIfBreak(contents, { groupId }): indented when that group broke. */
static doc *indent_if_break(ctx *c, doc *contents, int group_id) {
    doc *d = new_doc(c, D_INDENT_IF_BREAK);
    d->contents = contents;
    d->id = group_id;
    return d;
}

/* willBreak: a broken group, a hard line or a breakParent inside (not
 * looking into the other states of conditional groups). */
static bool will_break(const doc *d) {
    if (!d) return false;
    switch (d->kind) {
    case D_GROUP: return d->brk || will_break(d->contents);
    case D_LINE: return d->hard;
    case D_BREAK_PARENT: return true;
    case D_CONCAT:
        for (size_t i = 0; i < d->count; i++)
            if (will_break(d->parts[i])) return true;
        return false;
    case D_INDENT:
    case D_INDENT_IF_BREAK: return will_break(d->contents);
    case D_IF_BREAK: return will_break(d->contents) || will_break(d->flat);
    case D_TEXT: return false;
    }
    return false;
}

/* propagateBreaks: a breakParent breaks every enclosing group up to the
 * nearest conditional group; returns whether d holds a break for its parent. */
static bool propagate(doc *d) {
    if (!d) return false;
    switch (d->kind) {
    case D_BREAK_PARENT: return true;
    case D_GROUP: {
        if (!d->visited) {
            d->visited = true;
            bool inner = false;
            if (d->states) {
                for (size_t i = d->state_count; i-- > 0;) inner |= propagate(d->states[i]);
            } else {
                inner = propagate(d->contents);
            }
            if (inner && !d->states) d->brk = true;
        }
        return d->brk;
    }
    case D_CONCAT: {
        bool any = false;
        for (size_t i = 0; i < d->count; i++) any |= propagate(d->parts[i]);
        return any;
    }
    case D_INDENT:
    case D_INDENT_IF_BREAK: return propagate(d->contents);
    case D_IF_BREAK: {
        bool x = propagate(d->contents);
        return propagate(d->flat) || x;
    }
    case D_TEXT:
    case D_LINE: return false;
    }
    return false;
}

/* ======================================================= the doc printer */

enum { MODE_BREAK, MODE_FLAT };

typedef struct cmd {
    size_t ind;
    int mode;
    const doc *d;
} cmd;

/* A stack of commands (malloc'ed: fits runs often, and an arena would keep
 * every stack it ever grew). */
typedef struct cmd_stack {
    cmd *items;
    size_t count, cap;
} cmd_stack;

/* Push c, growing the stack (aborting, as the arena does, when memory runs out). */
static void stack_push(cmd_stack *st, cmd c) {
    if (st->count == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 64;
        cmd *items = realloc(st->items, cap * sizeof *items);
        if (!items) abort();
        st->items = items;
        st->cap = cap;
    }
    st->items[st->count++] = c;
}

typedef struct printer {
    ds_arena *a;
    cmd *stack;
    size_t count, cap;
    cmd_stack fit;             /* fits' own stack, reused */
    int *group_modes;          /* by group id */
    ds_buf *out;
    size_t pos;
} printer;

/* Push a command on the printer's stack. */
static void push(printer *p, size_t ind, int mode, const doc *d) {
    cmd c = {ind, mode, d};
    cmd_stack st = {p->stack, p->count, p->cap};
    stack_push(&st, c);
    p->stack = st.items, p->count = st.count, p->cap = st.cap;
}

/* fits: whether next, then the rest of the stack up to the first line
 * break, takes at most width columns. */
static bool fits(printer *p, cmd next, long width) {
    size_t rest = p->count;
    cmd_stack *st = &p->fit;
    st->count = 0;
    stack_push(st, next);
    while (width >= 0) {
        if (st->count == 0) {
            if (rest == 0) return true;
            stack_push(st, p->stack[--rest]);
            continue;
        }
        cmd c = st->items[--st->count];
        const doc *d = c.d;
        switch (d->kind) {
        case D_TEXT: width -= (long)d->width; break;
        case D_CONCAT:
            for (size_t i = d->count; i-- > 0;) stack_push(st, (cmd){c.ind, c.mode, d->parts[i]});
            break;
        case D_INDENT:
        case D_INDENT_IF_BREAK: stack_push(st, (cmd){c.ind, c.mode, d->contents}); break;
        case D_GROUP: {
            int mode = d->brk ? MODE_BREAK : c.mode;
            const doc *contents = d->states && mode == MODE_BREAK ? d->states[d->state_count - 1]
                                                                  : d->contents;
            stack_push(st, (cmd){c.ind, mode, contents});
            break;
        }
        case D_IF_BREAK: {
            const doc *contents = c.mode == MODE_BREAK ? d->contents : d->flat;
            if (contents) stack_push(st, (cmd){c.ind, c.mode, contents});
            break;
        }
        case D_LINE:
            if (c.mode == MODE_BREAK || d->hard) return true;
            if (!d->soft) width--;
            break;
        case D_BREAK_PARENT: break;
        }
    }
    return false;
}

/* Drop trailing spaces of the output (a line break trims them). */
static void trim(printer *p) {
    while (p->out->len > 0 && (p->out->data[p->out->len - 1] == ' ' ||
                               p->out->data[p->out->len - 1] == '\t'))
        p->out->len--;
}

/* A group met in break mode (or remeasured): flat if it fits, else its
 * first state that fits, else broken. */
static void print_group(printer *p, cmd c, bool *remeasure) {
    const doc *d = c.d;
    *remeasure = false;
    cmd next = {c.ind, MODE_FLAT, d->contents};
    long rem = (long)PRINT_WIDTH - (long)p->pos;
    if (!d->brk && fits(p, next, rem)) {
        push(p, next.ind, next.mode, next.d);
    } else if (d->states) {
        if (d->brk) {
            push(p, c.ind, MODE_BREAK, d->states[d->state_count - 1]);
        } else {
            for (size_t i = 1; i <= d->state_count; i++) {
                if (i == d->state_count) {
                    push(p, c.ind, MODE_BREAK, d->states[d->state_count - 1]);
                    break;
                }
                cmd k = {c.ind, MODE_FLAT, d->states[i]};
                if (fits(p, k, rem)) {
                    push(p, k.ind, k.mode, k.d);
                    break;
                }
            }
        }
    } else {
        push(p, c.ind, MODE_BREAK, d->contents);
    }
}

/* printDocToString, from column ind at indentation ind. */
static void print_doc(ds_arena *a, ds_buf *out, doc *root, int group_count, size_t ind) {
    printer p = {0};
    p.a = a;
    p.out = out;
    p.pos = ind;
    p.group_modes = ds_arena_alloc(a, (size_t)(group_count + 1) * sizeof *p.group_modes);
    propagate(root);
    push(&p, ind, MODE_BREAK, root);
    bool remeasure = false;
    while (p.count > 0) {
        cmd c = p.stack[--p.count];
        const doc *d = c.d;
        switch (d->kind) {
        case D_TEXT:
            ds_buf_add(out, d->text, d->len);
            p.pos += d->width;
            break;
        case D_CONCAT:
            for (size_t i = d->count; i-- > 0;) push(&p, c.ind, c.mode, d->parts[i]);
            break;
        case D_INDENT: push(&p, c.ind + TAB_WIDTH, c.mode, d->contents); break;
        case D_GROUP:
            if (c.mode == MODE_FLAT && !remeasure)
                push(&p, c.ind, d->brk ? MODE_BREAK : MODE_FLAT, d->contents);
            else
                print_group(&p, c, &remeasure);
            if (d->id) p.group_modes[d->id] = p.stack[p.count - 1].mode;
            break;
        case D_IF_BREAK:
        case D_INDENT_IF_BREAK: {
            int mode = d->id ? p.group_modes[d->id] : c.mode;
            if (d->kind == D_IF_BREAK) {
                const doc *x = mode == MODE_BREAK ? d->contents : d->flat;
                if (x) push(&p, c.ind, c.mode, x);
            } else {
                push(&p, mode == MODE_BREAK ? c.ind + TAB_WIDTH : c.ind, c.mode, d->contents);
            }
            break;
        }
        case D_LINE:
            if (c.mode == MODE_FLAT && !d->hard) {
                if (!d->soft) {
                    ds_buf_putc(out, ' ');
                    p.pos++;
                }
                break;
            }
            if (c.mode == MODE_FLAT) remeasure = true;
            trim(&p);
            ds_buf_putc(out, '\n');
            for (size_t i = 0; i < c.ind; i++) ds_buf_putc(out, ' ');
            p.pos = c.ind;
            break;
        case D_BREAK_PARENT: break;
        }
    }
    free(p.stack);
    free(p.fit.items);
}

/* ============================================================ the tree */

js_node *js_ident(ds_arena *a, const char *name) {
    js_node *n = ds_arena_alloc(a, sizeof *n);
    n->kind = JS_IDENT;
    n->text = name;
    return n;
}

js_node *js_literal(ds_arena *a, const char *keyword) {
    js_node *n = js_ident(a, keyword);
    n->literal = true;
    return n;
}

js_node *js_string(ds_arena *a, const char *value) {
    js_node *n = js_ident(a, value ? value : "");
    n->kind = JS_STRING;
    return n;
}

js_node *js_number(ds_arena *a, const char *text_) {
    js_node *n = js_ident(a, text_);
    n->kind = JS_NUMBER;
    return n;
}

js_node *js_array(ds_arena *a) {
    js_node *n = js_ident(a, NULL);
    n->kind = JS_ARRAY;
    return n;
}

js_node *js_object(ds_arena *a) {
    js_node *n = js_ident(a, NULL);
    n->kind = JS_OBJECT;
    return n;
}

js_node *js_arrow(ds_arena *a, const char *param, js_node *body) {
    js_node *n = js_ident(a, param);
    n->kind = JS_ARROW;
    n->sub = body;
    return n;
}

js_node *js_call(ds_arena *a, js_node *callee) {
    js_node *n = js_ident(a, NULL);
    n->kind = JS_CALL;
    n->sub = callee;
    return n;
}

js_node *js_member(ds_arena *a, js_node *object, const char *name) {
    js_node *n = js_ident(a, name);
    n->kind = JS_MEMBER;
    n->sub = object;
    return n;
}

js_node *js_method(ds_arena *a, js_node *object, const char *name) {
    return js_call(a, js_member(a, object, name));
}

void js_push(ds_arena *a, js_node *list, js_node *item) {
    DS_PUSH(a, list->items, list->count, list->cap, item);
}

void js_prop_add(ds_arena *a, js_node *object, const char *key, js_node *value) {
    js_prop p = {key, value};
    DS_PUSH(a, object->props, object->prop_count, object->prop_cap, p);
}

bool js_is_identifier(const char *name) {
    if (!name || !*name) return false;
    for (const char *s = name; *s; s++) {
        char ch = *s;
        bool alpha = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch == '$';
        if (!alpha && !(s > name && ch >= '0' && ch <= '9')) return false;
    }
    return true;
}

/* ================================================== strings and numbers */

void js_put_string(ds_buf *out, const char *value) {
    size_t singles = 0, doubles = 0;
    for (const char *s = value; *s; s++) singles += *s == '\'', doubles += *s == '"';
    char quote = singles > doubles ? '"' : '\'';
    ds_buf_putc(out, quote);
    for (const unsigned char *s = (const unsigned char *)value; *s; s++) {
        if (*s == (unsigned char)quote || *s == '\\') {
            ds_buf_putc(out, '\\');
            ds_buf_putc(out, (char)*s);
        } else if (*s == '\n') {
            ds_buf_puts(out, "\\n");
        } else if (*s == '\r') {
            ds_buf_puts(out, "\\r");
        } else if (*s == '\t') {
            ds_buf_puts(out, "\\t");
        } else if (*s < 0x20 || *s == 0x7f) {
            ds_buf_printf(out, "\\x%02X", (unsigned)*s);
        } else if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9)) {
            ds_buf_puts(out, s[2] == 0xa8 ? "\\u2028" : "\\u2029");
            s += 2;
        } else {
            ds_buf_putc(out, (char)*s);
        }
    }
    ds_buf_putc(out, quote);
}

/* A text doc of what a ds_buf writer built (copied into the arena). */
static doc *buf_text(ctx *c, ds_buf *b) {
    doc *d = text_n(c, ds_arena_strndup(c->a, b->data ? b->data : "", b->len), b->len);
    ds_buf_free(b);
    return d;
}

/* A string literal as a doc. */
static doc *string_doc(ctx *c, const char *value) {
    ds_buf b = {0};
    js_put_string(&b, value);
    return buf_text(c, &b);
}

/* A number as printNumber normalizes it: JavaScript's "1e+21" is "1e21". */
static doc *number_doc(ctx *c, const char *t) {
    ds_buf b = {0};
    for (const char *s = t; *s; s++) {
        if (*s == '+' && s > t && (s[-1] == 'e' || s[-1] == 'E')) continue;
        ds_buf_putc(&b, *s == 'E' ? 'e' : *s);
    }
    return buf_text(c, &b);
}

/* ========================================================= the estree rules */

static doc *print_node(ctx *c, const js_node *n);

/* isSimpleCallArgument (depth 2 at the top). */
static bool is_simple_arg(const js_node *n, int depth) {
    if (depth <= 0) return false;
    switch (n->kind) {
    case JS_IDENT:
    case JS_STRING:
    case JS_NUMBER: return true;
    case JS_OBJECT:
        for (size_t i = 0; i < n->prop_count; i++)
            if (n->props[i].value && !is_simple_arg(n->props[i].value, depth - 1)) return false;
        return true;
    case JS_ARRAY:
        for (size_t i = 0; i < n->count; i++)
            if (!is_simple_arg(n->items[i], depth - 1)) return false;
        return true;
    case JS_CALL:
        if (!is_simple_arg(n->sub, depth)) return false;
        if ((int)n->count > depth) return false;
        for (size_t i = 0; i < n->count; i++)
            if (!is_simple_arg(n->items[i], depth - 1)) return false;
        return true;
    case JS_MEMBER: return is_simple_arg(n->sub, depth);
    case JS_ARROW: return false;
    }
    return false;
}

/* The length of UTF-8 text in UTF-16 units, as JavaScript's .length counts. */
static size_t utf16_length(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((b & 0xc0) != 0x80) n += b >= 0xf0 ? 2 : 1;
    }
    return n;
}

/* isLoneShortArgument. */
static bool is_lone_short_arg(ctx *c, const js_node *n) {
    size_t threshold = PRINT_WIDTH / 4;
    switch (n->kind) {
    case JS_IDENT: return n->literal || strlen(n->text) <= threshold;
    case JS_NUMBER: return true;
    case JS_STRING: {
        const doc *d = string_doc(c, n->text);
        return utf16_length(d->text, d->len) <= threshold;
    }
    case JS_CALL:
        return n->count == 0 && n->sub->kind == JS_IDENT && strlen(n->sub->text) + 2 <= threshold;
    default: return false;
    }
}

/* Arrays: group([ "[", indent([softline, join([",", line], groups), ifBreak(",")]),
 * softline, "]" ]), broken when every element is an object (or array) of
 * several entries. */
static doc *print_array(ctx *c, const js_node *n) {
    if (n->count == 0) return text(c, "[]");
    bool should_break = n->count > 1;
    for (size_t i = 0; i < n->count && should_break; i++) {
        const js_node *e = n->items[i];
        should_break = (e->kind == JS_OBJECT && e->prop_count > 1) ||
                       (e->kind == JS_ARRAY && e->count > 1);
        if (i + 1 < n->count && n->items[i + 1]->kind != e->kind) should_break = false;
    }
    doc *inner = concat(c);
    add(c, inner, softline(c));
    for (size_t i = 0; i < n->count; i++) {
        if (i) {
            add(c, inner, text(c, ","));
            add(c, inner, line(c));
        }
        add(c, inner, group(c, print_node(c, n->items[i]), false));
    }
    add(c, inner, if_break(c, text(c, ","), NULL));
    doc *d = concat(c);
    add(c, d, text(c, "["));
    add(c, d, indent(c, inner));
    add(c, d, softline(c));
    add(c, d, text(c, "]"));
    return group(c, d, should_break);
}

/* The key of a property, quoted unless it is an identifier; __proto__ is
 * computed (['__proto__']), as a plain or quoted key sets the prototype
 * instead of making a property. */
static doc *key_doc(ctx *c, const char *key) {
    if (strcmp(key, "__proto__") == 0) return text(c, "['__proto__']");
    return js_is_identifier(key) ? text(c, key) : string_doc(c, key);
}

typedef enum layout { BREAK_AFTER_OP, NEVER_BREAK_AFTER_OP, FLUID } layout;

static bool is_member_chain(ctx *c, const js_node *n);

/* isPoorlyBreakableMemberOrCallChain. */
static bool poorly_breakable(ctx *c, const js_node *n, bool deep) {
    if (n->kind == JS_CALL) {
        if (is_member_chain(c, n)) return false;
        if (!(n->count == 0 || (n->count == 1 && is_lone_short_arg(c, n->items[0])))) return false;
        return poorly_breakable(c, n->sub, true);
    }
    if (n->kind == JS_MEMBER) return poorly_breakable(c, n->sub, true);
    return deep && n->kind == JS_IDENT && !n->literal;
}

/* chooseLayout for `left op right`; key_width is the width of a property's
 * key, or 0 for a variable declarator. */
static layout choose_layout(ctx *c, const js_node *right, size_t key_width) {
    bool short_key = key_width > 0 && key_width < TAB_WIDTH + 3;
    if (!short_key) {
        const js_node *r = right;
        bool unary = r->kind == JS_NUMBER && r->text[0] == '-';
        if (r->kind == JS_STRING) return BREAK_AFTER_OP;
        if (!unary && poorly_breakable(c, r, false)) return BREAK_AFTER_OP;
    }
    bool numeric = right->kind == JS_NUMBER && right->text[0] != '-';
    bool boolean = right->kind == JS_IDENT && right->literal && strcmp(right->text, "null") != 0;
    if (short_key || numeric || boolean) return NEVER_BREAK_AFTER_OP;
    return FLUID;
}

/* printAssignment: group([group(left), op, ... right by layout]). */
static doc *print_assignment(ctx *c, doc *left, const char *op, const js_node *right,
                             size_t key_width) {
    layout l = choose_layout(c, right, key_width);
    doc *r = print_node(c, right);
    doc *d = concat(c);
    add(c, d, group(c, left, false));
    add(c, d, text(c, op));
    if (l == BREAK_AFTER_OP) {
        add(c, d, group(c, indent(c, cat2(c, line(c), r)), false));
    } else if (l == NEVER_BREAK_AFTER_OP) {
        add(c, d, text(c, " "));
        add(c, d, r);
    } else {
        doc *g = group(c, indent(c, line(c)), false);
        g->id = ++c->next_id;
        add(c, d, g);
        add(c, d, indent_if_break(c, r, g->id));
    }
    return group(c, d, false);
}

/* Objects print expanded (the source has a newline after `{`). */
static doc *print_object(ctx *c, const js_node *n) {
    if (n->prop_count == 0) return text(c, "{}");
    doc *inner = concat(c);
    add(c, inner, line(c));
    for (size_t i = 0; i < n->prop_count; i++) {
        const js_prop *p = &n->props[i];
        if (i) {
            add(c, inner, text(c, ","));
            add(c, inner, line(c));
        }
        doc *k = key_doc(c, p->key);
        doc *printed = p->value ? print_assignment(c, k, ":", p->value, k->width) : k;
        add(c, inner, group(c, printed, false));
    }
    doc *d = concat(c);
    add(c, d, text(c, "{"));
    add(c, d, indent(c, inner));
    add(c, d, if_break(c, text(c, ","), NULL));
    add(c, d, line(c));
    add(c, d, text(c, "}"));
    return group(c, d, true);
}

/* (param) => body, the body an array or object kept on the arrow's line.
 * As a hugged last argument (expanded) the parameters cannot break. */
static doc *print_arrow(ctx *c, const js_node *n, bool expanded) {
    doc *d = concat(c);
    doc *params = text(c, ds_arena_printf(c->a, "(%s)", n->text));
    if (!expanded) {
        params = concat(c);
        add(c, params, text(c, "("));
        add(c, params, indent(c, cat2(c, softline(c), text(c, n->text))));
        add(c, params, softline(c));
        add(c, params, text(c, ")"));
    }
    add(c, d, group(c, params, false));
    add(c, d, text(c, " =>"));
    add(c, d, group(c, cat2(c, text(c, " "), print_node(c, n->sub)), false));
    return group(c, d, false);
}

/* couldExpandArg. */
static bool could_expand(const js_node *n) {
    if (n->kind == JS_OBJECT) return n->prop_count > 0;
    if (n->kind == JS_ARRAY) return n->count > 0;
    if (n->kind == JS_ARROW)
        return n->sub->kind == JS_ARRAY || n->sub->kind == JS_OBJECT || n->sub->kind == JS_CALL;
    return false;
}

/* Whether the elements of an array are all numbers (isConciselyPrintedArray). */
static bool concise_array(const js_node *n) {
    if (n->kind != JS_ARRAY || n->count < 2) return false;
    for (size_t i = 0; i < n->count; i++)
        if (n->items[i]->kind != JS_NUMBER) return false;
    return true;
}

/* printCallArguments. */
static doc *print_arguments(ctx *c, const js_node *call) {
    if (call->count == 0) return text(c, "()");
    doc **printed = ds_arena_alloc(c->a, call->count * sizeof *printed);
    for (size_t i = 0; i < call->count; i++) {
        doc *arg = print_node(c, call->items[i]);
        if (i + 1 < call->count) {
            arg = cat2(c, arg, text(c, ","));
            add(c, arg, line(c));
        }
        printed[i] = arg;
    }
    doc *broken_out = concat(c);
    add(c, broken_out, text(c, "("));
    doc *in = concat(c);
    add(c, in, line(c));
    for (size_t i = 0; i < call->count; i++) add(c, in, printed[i]);
    add(c, broken_out, indent(c, in));
    add(c, broken_out, text(c, ","));
    add(c, broken_out, line(c));
    add(c, broken_out, text(c, ")"));
    doc *all_broken_out = group(c, broken_out, true);

    const js_node *last = call->items[call->count - 1];
    const js_node *penult = call->count > 1 ? call->items[call->count - 2] : NULL;
    bool expand_last = could_expand(last) && (!penult || penult->kind != last->kind) &&
                       !(call->count == 2 && penult->kind == JS_ARROW && last->kind == JS_ARRAY) &&
                       !(call->count > 1 && concise_array(last));
    if (expand_last) {
        for (size_t i = 0; i + 1 < call->count; i++)
            if (will_break(printed[i])) return all_broken_out;
        doc *last_doc = last->kind == JS_ARROW ? print_arrow(c, last, true) : printed[call->count - 1];
        doc *hugged = concat(c), *hugged_broken = concat(c);
        add(c, hugged, text(c, "("));
        add(c, hugged_broken, text(c, "("));
        for (size_t i = 0; i + 1 < call->count; i++) add(c, hugged, printed[i]), add(c, hugged_broken, printed[i]);
        add(c, hugged, last_doc);
        add(c, hugged, text(c, ")"));
        add(c, hugged_broken, group(c, last_doc, true));
        add(c, hugged_broken, text(c, ")"));
        if (will_break(last_doc)) {
            doc *states[] = {hugged_broken, all_broken_out};
            return cat2(c, break_parent(c), conditional_group(c, states, 2));
        }
        doc *states[] = {hugged, hugged_broken, all_broken_out};
        return conditional_group(c, states, 3);
    }
    doc *d = concat(c);
    add(c, d, text(c, "("));
    doc *inner = concat(c);
    add(c, inner, softline(c));
    bool any_break = false;
    for (size_t i = 0; i < call->count; i++) add(c, inner, printed[i]), any_break |= will_break(printed[i]);
    add(c, d, indent(c, inner));
    add(c, d, if_break(c, text(c, ","), NULL));
    add(c, d, softline(c));
    add(c, d, text(c, ")"));
    return group(c, d, any_break);
}

/* One node of a member chain, innermost first. */
typedef struct chain_node {
    const js_node *node;       /* the call, the member, or the head */
    doc *printed;
} chain_node;

typedef struct chain {
    chain_node *nodes;
    size_t count, cap;
} chain;

/* Call and member nodes, as printMemberChain tells them apart. */
static bool is_call(const js_node *n) { return n->kind == JS_CALL; }
static bool is_memberish(const js_node *n) { return n->kind == JS_MEMBER; }

/* Linearize a call on a member lookup: [head, .a, (args), .b, (args)]. */
static void flatten_chain(ctx *c, const js_node *n, chain *ch, bool print) {
    chain_node cn = {n, NULL};
    if (n->kind == JS_CALL && (n->sub->kind == JS_MEMBER || n->sub->kind == JS_CALL)) {
        flatten_chain(c, n->sub, ch, print);
        if (print) cn.printed = print_arguments(c, n);
    } else if (n->kind == JS_MEMBER) {
        flatten_chain(c, n->sub, ch, print);
        if (print) cn.printed = text(c, ds_arena_printf(c->a, ".%s", n->text));
    } else if (print) {
        cn.printed = print_node(c, n);
    }
    DS_PUSH(c->a, ch->nodes, ch->count, ch->cap, cn);
}

/* isFactory: a capitalized name, or only _ and $. */
static bool is_factory(const char *name) {
    if (name[0] >= 'A' && name[0] <= 'Z') return true;
    for (const char *s = name; *s; s++)
        if (*s != '_' && *s != '$') return false;
    return *name != '\0';
}

typedef struct chain_groups {
    size_t *starts;            /* group g is nodes[starts[g] .. starts[g + 1]) */
    size_t count;
} chain_groups;

/* printMemberChain's groups: the head with its calls (and all but the last
 * of its member lookups), then one group per `.name(args)...`. */
static chain_groups group_chain(ctx *c, const chain *ch) {
    chain_groups g = {ds_arena_alloc(c->a, (ch->count + 2) * sizeof(size_t)), 0};
    size_t i = 1;
    g.starts[g.count++] = 0;
    while (i < ch->count && is_call(ch->nodes[i].node)) i++;
    if (!is_call(ch->nodes[0].node))
        while (i + 1 < ch->count && is_memberish(ch->nodes[i].node) && is_memberish(ch->nodes[i + 1].node)) i++;
    bool seen_call = false;
    if (i < ch->count) g.starts[g.count++] = i;
    for (size_t first = i; i < ch->count; i++) {
        if (seen_call && is_memberish(ch->nodes[i].node) && i != first) {
            g.starts[g.count++] = i;
            seen_call = false;
        }
        if (is_call(ch->nodes[i].node)) seen_call = true;
    }
    g.starts[g.count] = ch->count;
    return g;
}

/* Whether a chain merges its first call into the head (shouldMerge). */
static bool chain_merges(const chain *ch, const chain_groups *g) {
    if (g->count < 2) return false;
    const js_node *first = ch->nodes[0].node;
    const js_node *last0 = ch->nodes[g->starts[1] - 1].node;
    if (g->starts[1] - g->starts[0] == 1)
        return first->kind == JS_IDENT && !first->literal && is_factory(first->text);
    return last0->kind == JS_MEMBER && is_factory(last0->text);
}

/* The printed docs of group k, concatenated. */
static doc *print_chain_group(ctx *c, const chain *ch, const chain_groups *g, size_t k) {
    doc *d = concat(c);
    for (size_t i = g->starts[k]; i < g->starts[k + 1]; i++) add(c, d, ch->nodes[i].printed);
    return d;
}

/* Whether the chain prints in printMemberChain's last form (label memberChain). */
typedef struct chain_doc {
    doc *d;
    bool labeled;
} chain_doc;

/* printMemberChain. */
static chain_doc print_member_chain(ctx *c, const js_node *n) {
    chain ch = {0};
    flatten_chain(c, n, &ch, true);
    chain_groups g = group_chain(c, &ch);
    bool merge = chain_merges(&ch, &g);
    doc **groups = ds_arena_alloc(c->a, g.count * sizeof *groups);
    doc *one_line = concat(c);
    for (size_t k = 0; k < g.count; k++) {
        groups[k] = print_chain_group(c, &ch, &g, k);
        add(c, one_line, groups[k]);
    }
    size_t cutoff = merge ? 3 : 2;
    chain_doc out = {NULL, false};
    if (g.count <= cutoff) {
        out.d = group(c, one_line, false);
        return out;
    }
    doc *expanded = concat(c);
    add(c, expanded, groups[0]);
    if (merge) add(c, expanded, groups[1]);
    doc *rest = concat(c);
    for (size_t k = merge ? 2 : 1; k < g.count; k++) {
        add(c, rest, hardline(c));
        add(c, rest, groups[k]);
    }
    add(c, expanded, indent(c, rest));

    size_t calls = 0;
    bool non_simple = false, earlier_fn_arg = false;
    for (size_t i = 0; i < ch.count; i++) {
        const js_node *x = ch.nodes[i].node;
        if (!is_call(x)) continue;
        calls++;
        for (size_t k = 0; k < x->count; k++) {
            if (!is_simple_arg(x->items[k], 2)) non_simple = true;
            if (i + 1 < ch.count && x->items[k]->kind == JS_ARROW) earlier_fn_arg = true;
        }
    }
    bool head_breaks = false;
    for (size_t k = 0; k + 1 < g.count; k++) head_breaks |= will_break(groups[k]);
    bool last_breaks = is_call(ch.nodes[ch.count - 1].node) && will_break(groups[g.count - 1]) &&
                       earlier_fn_arg;
    out.labeled = true;
    if ((calls > 2 && non_simple) || head_breaks || last_breaks) {
        out.d = group(c, expanded, false);
        return out;
    }
    doc *states[] = {one_line, expanded};
    out.d = cat2(c, will_break(one_line) ? break_parent(c) : NULL, conditional_group(c, states, 2));
    return out;
}

/* Whether a call prints as a labeled member chain (more groups than the
 * cutoff), from its shape alone. */
static bool is_member_chain(ctx *c, const js_node *n) {
    if (n->kind != JS_CALL || n->sub->kind != JS_MEMBER) return false;
    chain ch = {0};
    flatten_chain(c, n, &ch, false);
    chain_groups g = group_chain(c, &ch);
    return g.count > (chain_merges(&ch, &g) ? 3u : 2u);
}

/* The doc of an expression. */
static doc *print_node(ctx *c, const js_node *n) {
    switch (n->kind) {
    case JS_IDENT: return text(c, n->text);
    case JS_STRING: return string_doc(c, n->text);
    case JS_NUMBER: return number_doc(c, n->text);
    case JS_ARRAY: return print_array(c, n);
    case JS_OBJECT: return print_object(c, n);
    case JS_ARROW: return print_arrow(c, n, false);
    case JS_CALL:
        if (n->sub->kind == JS_MEMBER) return print_member_chain(c, n).d;
        return cat2(c, print_node(c, n->sub), print_arguments(c, n));
    case JS_MEMBER: return cat2(c, print_node(c, n->sub), text(c, ds_arena_printf(c->a, ".%s", n->text)));
    }
    return text(c, "");
}

/* Print doc from column ind, followed by a newline, into out: apart,
 * because a line break trims the spaces before it, which a buffer that has
 * passed them on to its writer could not. */
static void print_apart(ctx *c, ds_buf *out, doc *d, size_t ind) {
    ds_buf local = {0};
    for (size_t i = 0; i < ind; i++) ds_buf_putc(&local, ' ');
    print_doc(c->a, &local, d, c->next_id, ind);
    ds_buf_add(out, local.data ? local.data : "", local.len);
    ds_buf_putc(out, '\n');
    ds_buf_free(&local);
}

void js_print_declaration(ds_arena *a, ds_buf *out, const char *prefix, const char *name,
                          const js_node *init) {
    ctx c = {a, 0};
    doc *d = concat(&c);
    add(&c, d, text(&c, prefix));
    add(&c, d, text(&c, " "));
    add(&c, d, print_assignment(&c, text(&c, name), " =", init, 0));
    add(&c, d, text(&c, ";"));
    print_apart(&c, out, group(&c, d, false), 0);
}

void js_print_property(ds_arena *a, ds_buf *out, size_t indent, const char *key,
                       const js_node *value) {
    ctx c = {a, 0};
    doc *k = key_doc(&c, key);
    doc *d = cat2(&c, group(&c, print_assignment(&c, k, ":", value, k->width), false), text(&c, ","));
    print_apart(&c, out, d, indent);
}

void js_print_chained_call(ds_arena *a, ds_buf *out, size_t indent, const js_node *call,
                           const char *suffix) {
    ctx c = {a, 0};
    doc *d = text(&c, ds_arena_printf(a, ".%s", call->sub->text));
    d = cat2(&c, d, print_arguments(&c, call));
    add(&c, d, text(&c, suffix));
    print_apart(&c, out, d, indent);
}
