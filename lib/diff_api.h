/* diff_api.h: the client-facing GraphQL schema of one side, as the Amplify
 * transformer makes it from the declarations (diff_api.c builds it,
 * diff_api_compare.c compares two the way graphql-inspector does). Only
 * the types that follow from declarations are kept; the transformer's
 * shared helpers (ModelStringInput, ModelSortDirection, ...) are the same
 * on both sides and left out. */
#ifndef DS_DIFF_API_H
#define DS_DIFF_API_H

#include "diff.h"

typedef enum api_kind { API_OBJECT, API_INPUT, API_ENUM } api_kind;

/* An argument of a field, or a value of an enum (type NULL). */
typedef struct api_arg {
    const char *name;
    const char *type;          /* e.g. "[String!]!" */
    ds_span span;
} api_arg;

typedef struct api_field {
    const char *name;
    const char *type;
    api_arg *args;
    size_t arg_count, arg_cap;
    ds_span span;              /* where the declaration that makes it is */
} api_field;

typedef struct api_type {
    const char *name;
    api_kind kind;
    api_field *fields;         /* OBJECT and INPUT */
    size_t field_count, field_cap;
    api_arg *values;           /* ENUM */
    size_t value_count, value_cap;
    ds_span span;
    ds_symtab field_index;     /* name -> 1 + index in fields, for big types */
    bool indexed;
} api_type;

typedef struct api_schema {
    ds_arena *arena;
    api_type **types;
    size_t type_count, type_cap;
    ds_symtab by_name;         /* name -> api_type* */
    ds_symtab enum_inputs[2];  /* enum name -> its Model<E>Input made ([1]: ListInput) */
    ds_symtab type_inputs;     /* custom type name -> its XInput made */
} api_schema;

/* An empty client schema allocated from arena. */
void api_init(api_schema *api, ds_arena *arena, size_t expected_types);

/* What no one model owns: enums, custom types and their inputs, custom
 * operations (models add their root fields and shared inputs later). */
void api_build_shared(api_schema *api, const ds_schema *s);

/* One model: its own types into api (ModelMConnection, CreateMInput, ...),
 * its root fields and the inputs models share into shared. A model's own
 * types are compared, then dropped, before the next model's are built.
 * With api NULL, only the inputs models share (Model<Enum>Input, XInput). */
void api_build_model(api_schema *api, api_schema *shared, const ds_decl *m);

/* Whether two versions of a model make the same types of its own and the
 * same root fields (its fields, keys, plural, operations, indexes and owner
 * fields alike): then neither is built nor compared, only the shared inputs. */
bool api_same_model(const ds_decl *a, const ds_decl *b);

/* The field named name of t, or NULL. */
api_field *api_find_field(const api_type *t, const char *name);

#endif
