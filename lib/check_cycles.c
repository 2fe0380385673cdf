/* check_cycles.c: operations that return a recursive custom type.
 *
 * When a query or mutation returns a custom type, data-schema hands the
 * operation's rules down to every custom type reachable from it
 * (extractNestedCustomTypeNames in SchemaProcessor.ts), walking refs and
 * inline types with no memory of where it has been: a cycle of refs
 * reachable from a returned type (A { b: B }, B { a: A }; or A { a: A })
 * makes it recurse until "Maximum call stack size exceeded". A
 * subscription on such a mutation walks the same types; the mutation is
 * the one error. Cycles reached only through arguments are fine.
 *
 * The walk is an iterative depth-first search (a long chain of types must
 * not exhaust our stack either). Types from which no cycle is reachable
 * are remembered across operations, and so are the types that lead into a
 * cycle already reported, so each cycle is reported once.
 */
#include <string.h>

#include "resolve.h"

/* What the search knows of a type. */
enum { UNSEEN, ON_PATH, ACYCLIC, LEADS_TO_CYCLE };

/* One step of the search: a type and the next of its fields to follow. */
typedef struct frame {
    ds_decl *type;
    size_t next;
    ds_field *via;   /* the field that led here (NULL for the returned type) */
} frame;

typedef struct search {
    ds_resolver *r;
    ds_symtab state;   /* type name -> its state (an unsigned char in the arena) */
    frame *stack;
    size_t depth, cap;
} search;

/* The custom type a field leads to (by ref or inline), or NULL. */
static ds_decl *custom_type_of(const ds_field *f) {
    if (!f || f->invalid) return NULL;
    ds_decl *t = f->kind == DS_FIELD_REF ? f->type.target
               : f->kind == DS_FIELD_INLINE_TYPE ? f->inline_decl : NULL;
    return t && t->kind == DS_DECL_TYPE && !t->invalid && t->name.text ? t : NULL;
}

/* The state cell of t, made UNSEEN on first use. */
static unsigned char *state_of(search *q, const ds_decl *t) {
    unsigned char *cell = ds_symtab_get(&q->state, t->name.text);
    if (!cell) {
        cell = ds_arena_alloc(&q->r->s->arena, 1);
        ds_symtab_put(&q->state, t->name.text, cell);
    }
    return cell;
}

/* Enter t through field via. */
static void push(search *q, ds_decl *t, ds_field *via) {
    frame f = {t, 0, via};
    DS_PUSH(&q->r->s->arena, q->stack, q->depth, q->cap, f);
    *state_of(q, t) = ON_PATH;
}

/* The cycle that closing (a field of the top type) closes on the stack,
 * written "A.b -> B.a -> A"; a long one is cut in the middle. */
static const char *describe_cycle(search *q, size_t from, ds_field *closing) {
    ds_schema *s = q->r->s;
    size_t steps = q->depth - from;   /* fields in the cycle, closing included */
    const char *out = "";
    for (size_t i = from + 1; i < q->depth; i++) {
        size_t k = i - from;          /* 1-based position in the cycle */
        if (steps > 6 && k > 3 && k < steps - 1) {
            if (k == 4) out = ds_arena_printf(&s->arena, "%s... -> ", out);
            continue;
        }
        out = ds_arena_printf(&s->arena, "%s%s -> ", out, ds_field_where(s, q->stack[i].via));
    }
    return ds_arena_printf(&s->arena, "%s%s -> %s", out, ds_field_where(s, closing),
                           ds_decl_name(q->stack[from].type));
}

/* Report the cycle that closing closes, for operation op. */
static void report_cycle(search *q, ds_decl *op, size_t from, ds_field *closing) {
    ds_schema *s = q->r->s;
    const ds_field *ret = op->returns;
    ds_decl *returned = q->stack[0].type;
    const char *what = returned->implicit
        ? "an inline custom type"
        : ds_arena_printf(&s->arena, "the custom type %s", ds_decl_name(returned));
    const char *leads = from == 0 ? "which contains itself" : "which leads to a cycle of custom types";
    ds_diag *e = ds_error(s, ret->kind == DS_FIELD_INLINE_TYPE ? ret->name.span : ret->type.span,
                          DS_E_RECURSIVE_RETURN,
                          "the %s %s returns %s, %s (%s); data-schema cannot build an operation "
                          "that returns a recursive type (it runs out of stack)",
                          ds_decl_kind_word(op), ds_decl_name(op), what, leads,
                          describe_cycle(q, from, closing));
    ds_note_at(s, e, closing->type.span.line ? closing->type.span : closing->name.span,
               "%s leads back to %s here", ds_field_where(s, closing),
               ds_decl_name(q->stack[from].type));
    ds_hint(s, e, "break the cycle, e.g. replace %s with an identifier field (`%sId: id`), or "
                  "return a type that does not contain itself",
            ds_field_where(s, closing), closing->name.text ? closing->name.text : "item");
}

/* Follow the next field of the top frame: enter its type, or find a cycle
 * (returns the stack index where it closes), or -1 to go on. */
static long step(search *q, ds_field **closing) {
    frame *top = &q->stack[q->depth - 1];
    ds_decl *t = top->type;
    ds_field *f = t->fields[top->next++];
    ds_decl *next = custom_type_of(f);
    if (!next) return -1;
    unsigned char state = *state_of(q, next);
    if (state == ON_PATH) {
        for (size_t i = 0; i < q->depth; i++)
            if (q->stack[i].type == next) {
                *closing = f;
                return (long)i;
            }
    }
    if (state == LEADS_TO_CYCLE) {
        *closing = NULL;
        return (long)q->depth;   /* a cycle already reported */
    }
    if (state == UNSEEN) push(q, next, f);
    return -1;
}

/* Search the types reachable from op's returned type and report a cycle
 * unless it was reported before. */
static void search_from(search *q, ds_decl *op, ds_decl *returned) {
    unsigned char state = *state_of(q, returned);
    if (state == ACYCLIC || state == LEADS_TO_CYCLE) return;
    q->depth = 0;
    push(q, returned, NULL);
    while (q->depth) {
        frame *top = &q->stack[q->depth - 1];
        if (top->next == top->type->field_count) {
            *state_of(q, top->type) = ACYCLIC;
            q->depth--;
            continue;
        }
        ds_field *closing = NULL;
        long from = step(q, &closing);
        if (from < 0) continue;
        if (closing) report_cycle(q, op, (size_t)from, closing);
        for (size_t i = 0; i < q->depth; i++) *state_of(q, q->stack[i].type) = LEADS_TO_CYCLE;
        q->depth = 0;
        return;
    }
}

void ds_check_cycles(ds_resolver *r) {
    ds_schema *s = r->s;
    search q = {r, {0}, NULL, 0, 0};
    ds_symtab_init(&q.state, &s->arena);
    for (size_t i = 0; i < s->decl_count; i++) {
        ds_decl *op = s->decls[i];
        if (op->invalid || (op->kind != DS_DECL_QUERY && op->kind != DS_DECL_MUTATION)) continue;
        ds_decl *returned = custom_type_of(op->returns);
        if (returned) search_from(&q, op, returned);
    }
}
