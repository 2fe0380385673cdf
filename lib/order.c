/* order.c: the order in which data-schema prints type definitions, a
 * resolver pass (ds_resolve_output) whose result the back-ends read.
 *
 * data-schema's schemaPreprocessor walks a work list: the declarations in
 * schema order, with custom types moved after everything else (a stable
 * sort), and appends to it the implicit types each entry gives rise to
 * while it is processed:
 *   - a model or custom type: its inline enums and custom types, in field
 *     order (so nested inline types come breadth-first, not depth-first);
 *   - an operation: its inline return type (<Op>ReturnType), then the
 *     inline enums found among its arguments (depth-first, not inside
 *     types reached through a ref).
 * Operations print nothing themselves here (they go to Query, Mutation,
 * Subscription). Input types come after the whole list, in the order the
 * operations first produced them (nested inputs before their parent).
 */
#include <string.h>

#include "order.h"
#include "resolve.h"

/* The work list and the results. */
typedef struct order_ctx {
    ds_schema *s;
    ds_arena tmp;                  /* the work lists, freed at the end */
    ds_decl **queue;
    size_t queue_count, queue_cap;
    ds_out_type *types;            /* printed types, in print order */
    size_t type_count, type_cap;
    ds_out_type *inputs;           /* input types, in first-seen order */
    size_t input_count, input_cap;
    ds_symtab input_names;         /* every input name seen so far */
} order_ctx;

/* The inputs and enums one operation's arguments produce. */
typedef struct op_args_ctx {
    ds_symtab processed;           /* input names done for this operation */
    ds_decl **enums;               /* inline enums to print, in order found */
    size_t enum_count, enum_cap;
} op_args_ctx;

/* Append a declaration to the work list. */
static void enqueue(order_ctx *c, ds_decl *d) {
    if (d) DS_PUSH(&c->tmp, c->queue, c->queue_count, c->queue_cap, d);
}

/* Append a printed type. */
static void add_type(order_ctx *c, ds_out_kind kind, const char *name, ds_decl *d) {
    ds_out_type t = {kind, name, d};
    DS_PUSH(&c->tmp, c->types, c->type_count, c->type_cap, t);
}

/* The name of the input type made from a custom type: "<Type>Input". */
static const char *input_name(order_ctx *c, ds_decl *type) {
    return ds_arena_printf(&c->s->arena, "%sInput", type->name.text);
}

/* Record an input type unless an earlier operation produced it. */
static void add_input(order_ctx *c, const char *name, ds_decl *type) {
    if (ds_symtab_put(&c->input_names, name, type)) return;
    ds_out_type t = {DS_OUT_INPUT, name, type};
    DS_PUSH(&c->tmp, c->inputs, c->input_count, c->input_cap, t);
}

/* Remember an inline enum of an argument, once. */
static void collect_enum(order_ctx *c, op_args_ctx *a, ds_decl *e) {
    for (size_t i = 0; i < a->enum_count; i++)
        if (a->enums[i] == e) return;
    DS_PUSH(&c->tmp, a->enums, a->enum_count, a->enum_cap, e);
}

static void walk_input_fields(order_ctx *c, op_args_ctx *a, ds_field **fields, size_t count,
                              bool through_ref);

/* Produce the input type of a custom type (after the inputs it nests),
 * once per operation; through_ref says whether a ref led here. */
static void walk_input_type(order_ctx *c, op_args_ctx *a, ds_decl *type, bool through_ref) {
    if (!type || !type->name.text) return;
    const char *name = input_name(c, type);
    if (ds_symtab_put(&a->processed, name, type)) return;
    walk_input_fields(c, a, type->fields, type->field_count, through_ref);
    add_input(c, name, type);
}

/* data-schema's generateInputTypes / processNonScalarFields: refs to custom
 * types and inline custom types become inputs; inline enums are printed as
 * enums unless they sit inside a type reached through a ref (that type
 * prints them itself). */
static void walk_input_fields(order_ctx *c, op_args_ctx *a, ds_field **fields, size_t count,
                              bool through_ref) {
    for (size_t i = 0; i < count; i++) {
        ds_field *f = fields[i];
        if (!f || f->invalid) continue;
        if (f->kind == DS_FIELD_REF && f->type.target && f->type.target->kind == DS_DECL_TYPE)
            walk_input_type(c, a, f->type.target, true);
        else if (f->kind == DS_FIELD_INLINE_TYPE)
            walk_input_type(c, a, f->inline_decl, through_ref);
        else if (f->kind == DS_FIELD_INLINE_ENUM && f->inline_decl && !through_ref)
            collect_enum(c, a, f->inline_decl);
    }
}

/* An operation: queue its inline return type and argument enums, and
 * record its input types. */
static void visit_operation(order_ctx *c, ds_decl *op) {
    if (op->returns && !op->returns->invalid &&
        (op->returns->kind == DS_FIELD_INLINE_TYPE || op->returns->kind == DS_FIELD_INLINE_ENUM))
        enqueue(c, op->returns->inline_decl);
    op_args_ctx a = {0};
    ds_symtab_init(&a.processed, &c->tmp);
    walk_input_fields(c, &a, op->arguments, op->argument_count, false);
    for (size_t i = 0; i < a.enum_count; i++) enqueue(c, a.enums[i]);
}

/* Queue the inline enums and custom types of a model's or type's fields. */
static void enqueue_inline_fields(order_ctx *c, ds_decl *d) {
    for (size_t i = 0; i < d->field_count; i++) {
        ds_field *f = d->fields[i];
        if (f && !f->invalid &&
            (f->kind == DS_FIELD_INLINE_ENUM || f->kind == DS_FIELD_INLINE_TYPE))
            enqueue(c, f->inline_decl);
    }
}

/* Process one entry of the work list. */
static void visit(order_ctx *c, ds_decl *d) {
    if (d->invalid || !d->name.text) return;
    switch (d->kind) {
    case DS_DECL_MODEL:
        add_type(c, DS_OUT_MODEL, d->name.text, d);
        enqueue_inline_fields(c, d);
        break;
    case DS_DECL_ENUM:
        add_type(c, DS_OUT_ENUM, d->name.text, d);
        break;
    case DS_DECL_TYPE:
        add_type(c, DS_OUT_TYPE, d->name.text, d);
        enqueue_inline_fields(c, d);
        break;
    case DS_DECL_QUERY:
    case DS_DECL_MUTATION:
    case DS_DECL_SUBSCRIPTION:
        visit_operation(c, d);
        break;
    }
}

/* Copy the print order into the schema, exactly sized; index it from
 * each declaration it prints, and by name for the inputs. */
static void keep_output(ds_schema *s, const order_ctx *c) {
    size_t n = c->type_count + c->input_count;
    ds_out_type *types = n ? ds_arena_alloc_raw(&s->arena, n * sizeof *types) : NULL;
    if (c->type_count) memcpy(types, c->types, c->type_count * sizeof *types);
    if (c->input_count) memcpy(types + c->type_count, c->inputs, c->input_count * sizeof *types);
    s->out_types = types;
    s->out_type_count = n;
    ds_symtab_init_sized(&s->printed_inputs, &s->arena, c->input_count);
    for (size_t i = 0; i < n; i++) {
        if (types[i].kind == DS_OUT_INPUT) ds_symtab_put(&s->printed_inputs, types[i].name, &types[i]);
        else if (types[i].decl && !types[i].decl->printed) types[i].decl->printed = (uint32_t)(i + 1);
    }
}

void ds_resolve_output(ds_resolver *r) {
    ds_schema *s = r->s;
    order_ctx c = {0};
    c.s = s;
    ds_arena_init(&c.tmp);
    ds_symtab_init(&c.input_names, &c.tmp);
    /* The stable sort that moves custom types last. */
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i] && s->decls[i]->kind != DS_DECL_TYPE) enqueue(&c, s->decls[i]);
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i] && s->decls[i]->kind == DS_DECL_TYPE) enqueue(&c, s->decls[i]);
    for (size_t i = 0; i < c.queue_count; i++) visit(&c, c.queue[i]);
    keep_output(s, &c);
    ds_arena_free(&c.tmp);
}

const ds_out_type *ds_printed_type(const ds_schema *s, const char *name) {
    if (!name || !s->out_types) return NULL;
    const ds_decl *d = ds_symtab_get(&s->types, name);
    if (d && d->printed) return &s->out_types[d->printed - 1];
    return ds_symtab_get(&s->printed_inputs, name);
}
