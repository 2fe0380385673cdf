/* order.h: the type definitions the SDL prints, in the order it prints
 * them: s->out_types, computed by the resolver (order.c) and read by the
 * back-ends (the introspection's models, enums and nonModels follow the
 * SDL's order). */
#ifndef DS_ORDER_H
#define DS_ORDER_H

#include "ast.h"

typedef enum ds_out_kind {
    DS_OUT_MODEL,   /* type X @model */
    DS_OUT_ENUM,    /* enum X (declared or inline) */
    DS_OUT_TYPE,    /* type X (custom type, declared or inline) */
    DS_OUT_INPUT    /* input XInput (from a custom type used as an argument) */
} ds_out_kind;

typedef struct ds_out_type {
    ds_out_kind kind;
    const char *name;   /* the printed name, e.g. "FilterInput" for an input */
    ds_decl *decl;      /* the model, enum or custom type (for an input: the
                           custom type, declared or inline, it is made from) */
} ds_out_type;

/* The printed type called name (a model, enum, custom type or input),
 * or NULL: a scalar, or a schema not resolved without errors. */
const ds_out_type *ds_printed_type(const ds_schema *s, const char *name);

#endif
