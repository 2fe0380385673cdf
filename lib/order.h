/* order.h: the type definitions the SDL prints, in the order it prints
 * them. Computed by order.c (owned with the SDL back-end) and shared with
 * the introspection back-end, whose models, enums and nonModels follow the
 * SDL's order. */
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

/* Every printed type definition in print order (Query, Mutation and
 * Subscription excluded), allocated in the schema's arena. The schema must
 * be resolved without errors. */
ds_out_type *ds_output_types(ds_schema *s, size_t *count);

#endif
