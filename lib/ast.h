/* ast.h: the syntax tree of a dschema file, shared by every phase.
 *
 * The front-end (parse*.c) builds it from YAML; the resolver (resolve*.c,
 * check_*.c) links names and relationships, checks the rules of FORMAT.md
 * and fills in the derived facts (the members marked "resolver"); the
 * back-ends (emit_*.c) only read it. Everything lives in the schema's arena and
 * is freed at once. Every node keeps the span of the YAML node it came from.
 */
#ifndef DS_AST_H
#define DS_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "dschema.h"
#include "symtab.h"

/* Where a YAML node is: a file index into ds_schema.sources and a 1-based
 * line/column range (columns in characters, end exclusive). A span with
 * line 0 is "nowhere" (an implicit node). */
typedef struct ds_span {
    uint32_t line, col;
    uint32_t end_col;
    uint16_t file;             /* at most DS_MAX_FILES files a schema; UINT16_MAX: none */
    uint16_t end_lines;        /* the end line less the start line (saturated) */
} ds_span;

/* Files one schema may read (ds_span keeps a file in 16 bits). */
#define DS_MAX_FILES 65535

/* A span from its start and (exclusive) end. */
static inline ds_span ds_span_make(uint32_t file, uint32_t line, uint32_t col, uint32_t end_line,
                                   uint32_t end_col) {
    uint32_t lines = end_line > line ? end_line - line : 0;
    ds_span sp = {line, col, end_col, (uint16_t)file, (uint16_t)(lines > UINT16_MAX ? UINT16_MAX : lines)};
    return sp;
}

/* The line a span ends on. */
static inline uint32_t ds_span_end_line(ds_span sp) { return sp.line + sp.end_lines; }

/* A name or string as written, with where it was written. text is NULL
 * when the key was absent. */
typedef struct ds_name {
    const char *text;
    ds_span span;
} ds_name;

/* A list of names, e.g. references: [teamId, teamSk]. present is false when
 * the key was absent; span covers the whole value (the list, or the one
 * scalar that stands for a one-element list). */
typedef struct ds_name_list {
    ds_name *items;
    size_t count, cap;
    ds_span span;
    bool present;
    bool invalid;              /* parse: an item is broken (reported); skip checks on it */
} ds_name_list;

/* The 14 scalars. DS_SCALAR_NONE marks a base name that is not a scalar
 * (an enum or custom type, found by the resolver). */
typedef enum ds_scalar {
    DS_SCALAR_NONE,
    DS_SCALAR_STRING,      /* string     String */
    DS_SCALAR_INTEGER,     /* integer    Int */
    DS_SCALAR_FLOAT,       /* float      Float */
    DS_SCALAR_BOOLEAN,     /* boolean    Boolean */
    DS_SCALAR_ID,          /* id         ID */
    DS_SCALAR_DATE,        /* date       AWSDate */
    DS_SCALAR_TIME,        /* time       AWSTime */
    DS_SCALAR_DATETIME,    /* datetime   AWSDateTime */
    DS_SCALAR_TIMESTAMP,   /* timestamp  AWSTimestamp */
    DS_SCALAR_EMAIL,       /* email      AWSEmail */
    DS_SCALAR_JSON,        /* json       AWSJSON */
    DS_SCALAR_PHONE,       /* phone      AWSPhone */
    DS_SCALAR_URL,         /* url        AWSURL */
    DS_SCALAR_IPADDRESS,   /* ipAddress  AWSIPAddress */
    DS_SCALAR_COUNT
} ds_scalar;

/* The builder name ("string") and GraphQL name ("String") of a scalar. */
const char *ds_scalar_builder_name(ds_scalar s);
const char *ds_scalar_graphql_name(ds_scalar s);

/* The scalar named by either spelling, or DS_SCALAR_NONE. */
ds_scalar ds_scalar_lookup(const char *name);

struct ds_decl;
struct ds_field;

/* A TYPE string: base name plus GraphQL modifiers.
 *   T      -> !required, !list
 *   T!     -> required
 *   [T]    -> list
 *   [T!]   -> required, list           (.required().array())
 *   [T]!   -> list, list_required       (.array().required())
 *   [T!]!  -> all three */
typedef struct ds_type {
    const char *base;          /* the base name as written, e.g. "string", "PostStatus" */
    ds_scalar scalar;          /* or DS_SCALAR_NONE for a ref */
    bool required;             /* the element (or the single value) is non-null */
    bool list;
    bool list_required;
    ds_span span;              /* the whole type string */
    struct ds_decl *target;    /* resolver: the enum or custom type a ref names */
} ds_type;

/* A YAML scalar read under the YAML 1.2 core schema. */
typedef enum ds_value_kind {
    DS_VALUE_NULL, DS_VALUE_BOOL, DS_VALUE_INT, DS_VALUE_FLOAT, DS_VALUE_STRING
} ds_value_kind;

typedef struct ds_value {
    ds_value_kind kind;
    const char *text;   /* as JavaScript's String(value) prints it: "1000", "2.5",
                           "true", "undefined" for null, the string itself */
    double number;      /* INT and FLOAT */
    bool boolean;
    ds_span span;
} ds_value;

typedef enum ds_allow {
    DS_ALLOW_PUBLIC_API_KEY, DS_ALLOW_GUEST, DS_ALLOW_AUTHENTICATED, DS_ALLOW_OWNER,
    DS_ALLOW_OWNER_DEFINED_IN, DS_ALLOW_OWNERS_DEFINED_IN, DS_ALLOW_GROUP, DS_ALLOW_GROUPS,
    DS_ALLOW_GROUP_DEFINED_IN, DS_ALLOW_GROUPS_DEFINED_IN, DS_ALLOW_CUSTOM
} ds_allow;

typedef enum ds_provider {
    DS_PROVIDER_DEFAULT,   /* not given */
    DS_PROVIDER_IDENTITY_POOL, DS_PROVIDER_USER_POOLS, DS_PROVIDER_OIDC, DS_PROVIDER_FUNCTION
} ds_provider;

/* One authorization rule. Keys that were absent have text NULL /
 * present false. The parser checks each value's spelling; the resolver
 * checks which keys a kind of rule admits. */
/* data-schema's strategy of a rule (the `allow:` it prints). */
typedef enum ds_strategy {
    DS_STRATEGY_PUBLIC, DS_STRATEGY_PRIVATE, DS_STRATEGY_OWNER, DS_STRATEGY_GROUPS,
    DS_STRATEGY_CUSTOM
} ds_strategy;

/* The AppSync directive a rule becomes where rules print as directives
 * (custom handlers, custom types): getAppSyncAuthDirectiveFromRule. */
typedef enum ds_appsync {
    DS_APPSYNC_API_KEY, DS_APPSYNC_IAM, DS_APPSYNC_COGNITO_USER_POOLS, DS_APPSYNC_OIDC,
    DS_APPSYNC_LAMBDA, DS_APPSYNC_COUNT,
    DS_APPSYNC_NONE = DS_APPSYNC_COUNT   /* owner rules, groups over OIDC, ... */
} ds_appsync;

typedef struct ds_rule {
    ds_allow allow;
    ds_span span;              /* the whole rule */
    ds_span allow_span;        /* the allow value (or the bare name) */
    ds_provider provider;
    ds_span provider_span;
    ds_name_list to;           /* create read update delete get list sync listen search */
    ds_name_list groups;       /* groups rule */
    ds_name group;             /* group rule */
    ds_name field;             /* *DefinedIn rules */
    ds_name identity_claim;
    ds_name group_claim;
    bool invalid;
    /* Set by the resolver (resolve_facts.c): */
    ds_strategy strategy;
    ds_appsync appsync;
    const char *sdl_provider;  /* the provider data-schema prints ("apiKey"), or NULL */
    const char *auth_field;    /* the ownerField / groupsField it prints, or NULL */
} ds_rule;

typedef struct ds_rules {
    ds_rule *items;
    size_t count, cap;
    ds_span span;              /* the authorization key */
    bool present;              /* the authorization key was given (maybe empty) */
    bool invalid;              /* parse: not a list, so its rules are unknown (reported) */
} ds_rules;

typedef enum ds_rel_kind { DS_REL_HAS_ONE, DS_REL_HAS_MANY, DS_REL_BELONGS_TO } ds_rel_kind;

/* A relationship field: hasOne / hasMany / belongsTo. */
typedef struct ds_relation {
    ds_rel_kind kind;
    ds_name related;                  /* the related model's name (value of hasOne: ...) */
    ds_name_list references;          /* reference field names */
    /* Set by the resolver: */
    struct ds_decl *target;           /* the related model */
    struct ds_field *counterpart;     /* the field on target that pairs with this one */
    struct ds_field **reference_fields; /* references.count fields: on target for
                                           hasOne/hasMany, on this model for belongsTo */
    struct ds_decl *parent;           /* the model whose identifier the references match */
} ds_relation;

typedef enum ds_field_kind {
    DS_FIELD_SCALAR,        /* type is a scalar */
    DS_FIELD_REF,           /* type names an enum or custom type (a.ref) */
    DS_FIELD_INLINE_ENUM,   /* { enum: [...] }: inline_decl is an implicit enum */
    DS_FIELD_INLINE_TYPE,   /* { customType: {...} }: inline_decl is an implicit type */
    DS_FIELD_RELATION       /* hasOne / hasMany / belongsTo */
} ds_field_kind;

/* A field of a model or custom type, an argument of an operation, or the
 * return of an operation. */
typedef struct ds_field {
    ds_name name;              /* the key */
    ds_span span;              /* the value node */
    ds_field_kind kind;
    bool invalid;
    ds_type type;              /* SCALAR and REF (and the modifiers of any kind) */
    ds_value *default_value;   /* or NULL when no default key */
    ds_rules *auth;            /* field-level rules, or NULL without an authorization key */
    struct ds_decl *inline_decl; /* INLINE_ENUM / INLINE_TYPE: the implicit declaration */
    ds_relation *rel;          /* RELATION (always set for that kind), else NULL */
    struct ds_decl *owner;     /* the declaration the field belongs to */
    struct ds_index *indexes;  /* resolver: the first usable index on this field (chained by
                                  next_on_field), for the kinds that print indexes */
} ds_field;

typedef enum ds_projection {
    DS_PROJECTION_NONE, DS_PROJECTION_KEYS_ONLY, DS_PROJECTION_ALL, DS_PROJECTION_INCLUDE
} ds_projection;

/* One entry of secondaryIndexes. */
typedef struct ds_index {
    ds_span span;              /* the list entry */
    ds_name field;             /* partition key */
    ds_name_list sort_keys;
    ds_name name;              /* .name(...) or text NULL */
    ds_name query_field;       /* .queryField(...) or text NULL */
    bool query_field_null;     /* queryField: null */
    ds_projection projection;
    ds_span projection_span;
    ds_name_list non_key_attributes;  /* INCLUDE */
    bool invalid;
    /* Set by the resolver: */
    const char *query_field_name;  /* the query field data-schema prints: given, or the
                                      default list<Model>By<Pk>...; NULL for queryField: null */
    struct ds_index *next_on_field; /* the next index with the same partition key field */
} ds_index;

typedef enum ds_handler_kind { DS_HANDLER_FUNCTION, DS_HANDLER_CUSTOM } ds_handler_kind;

typedef struct ds_handler {
    ds_handler_kind kind;
    ds_span span;
    ds_name function;          /* FUNCTION: a.handler.function('name') */
    ds_name entry;             /* CUSTOM: { entry, dataSource } */
    ds_name data_source;
} ds_handler;

/* One source of a subscription's `for`: a mutation name, or a model and
 * some of its mutations. */
typedef struct ds_sub_source {
    ds_span span;
    ds_name name;              /* the mutation, or the model when is_model */
    bool is_model;
    ds_name_list mutations;    /* create update delete, when is_model */
    struct ds_decl *target;    /* resolver: the mutation or model */
} ds_sub_source;

typedef enum ds_decl_kind {
    DS_DECL_MODEL, DS_DECL_ENUM, DS_DECL_TYPE,
    DS_DECL_QUERY, DS_DECL_MUTATION, DS_DECL_SUBSCRIPTION
} ds_decl_kind;

/* One group of @model's arguments as disableOperations fills it
 * (modelAttributesFromDisabledOps). */
typedef struct ds_op_group {
    uint8_t rank;              /* 1 + its position among the printed groups, or 0 */
    bool whole;                /* disabled as a whole: `queries: null` */
    uint8_t op_count;
    uint8_t ops[3];            /* otherwise the fine operations disabled, each once, as
                                  DS_OP_* bits in the order written (ds_op_name) */
} ds_op_group;

/* The generated operations of a model, as bits of ds_disabled.off. */
enum {
    DS_OP_GET = 1 << 0, DS_OP_LIST = 1 << 1, DS_OP_CREATE = 1 << 2, DS_OP_UPDATE = 1 << 3,
    DS_OP_DELETE = 1 << 4, DS_OP_ON_CREATE = 1 << 5, DS_OP_ON_UPDATE = 1 << 6,
    DS_OP_ON_DELETE = 1 << 7
};

/* A model's disableOperations, resolved: the groups in print order
 * (queries, mutations, subscriptions by index; rank orders them) and the
 * generated operations that are off. */
typedef struct ds_disabled {
    ds_op_group groups[3];     /* 0 queries, 1 mutations, 2 subscriptions */
    uint8_t group_count;       /* groups with a rank */
    unsigned off;              /* DS_OP_* bits of the operations not generated */
} ds_disabled;

/* Up to this many fields, a declaration's fields are found by a scan
 * rather than a hash table (most models have a handful: a table for each
 * would cost more memory than the scan costs time). */
#define DS_FIELD_SCAN_MAX 12

/* A top-level declaration, or an implicit one (an inline enum or custom
 * type, which has implicit set and a name given by the resolver). The
 * parts only one kind has share memory in a union (a schema holds
 * thousands of declarations): read one only after checking the kind. */
typedef struct ds_decl {
    ds_decl_kind kind;
    bool implicit;
    bool invalid;
    bool fields_indexed;       /* resolver: field lookups are ready */
    ds_name name;              /* the key; implicit: the resolver sets text */
    ds_span span;              /* the value node */
    uint32_t order;            /* position among all declarations, in file order */
    uint32_t printed;          /* resolver (order.c): 1 + its index in s->out_types, or 0 */
    ds_field *origin;          /* implicit: the field that declares it inline */

    /* MODEL and TYPE (and an inline TYPE): fields in file order. */
    ds_field **fields;
    size_t field_count, field_cap;
    ds_symtab field_names;     /* resolver: name -> ds_field*, only for more than
                                  DS_FIELD_SCAN_MAX fields (fewer are scanned) */
    const char *plural;        /* MODEL, resolver: the name pluralized (pluralize 8) */

    /* MODEL, QUERY, MUTATION, SUBSCRIPTION */
    ds_rules auth;
    const ds_rules *rules;     /* resolver: the rules that apply, its own or else the
                                  schema's (data-schema: an empty list falls back too) */

    /* QUERY, MUTATION, SUBSCRIPTION; empty for the other kinds */
    ds_field **arguments;
    size_t argument_count, argument_cap;
    ds_field *returns;         /* NULL when absent; kind SCALAR, REF or INLINE_TYPE */

    /* By kind: read a member only after checking the kind. */
    union {
        struct {               /* MODEL */
            ds_name_list identifier;   /* present false: the default [id] */
            ds_index *indexes;
            size_t index_count, index_cap;
            ds_name_list disabled_ops;
            bool indexes_present;      /* the secondaryIndexes key was given */
            /* Set by the resolver: */
            const char *pk_name;       /* the partition key: identifier[0], or "id" */
            struct ds_field *pk_field; /* its declared field, or NULL (the implicit id) */
            const ds_name *sort_keys;  /* identifier[1..], sort_key_count of them */
            size_t sort_key_count;
            ds_disabled disabled;
        };
        ds_name_list values;   /* ENUM */
        struct {               /* TYPE (declared or inline), set by the resolver: the
                                  operations whose rules it inherits as AppSync
                                  directives (returned directly or nested), in order */
            struct ds_decl **inheritors;
            size_t inheritor_count, inheritor_cap;
        };
        struct {               /* QUERY, MUTATION, SUBSCRIPTION */
            bool handler_present;      /* the handler key was given */
            bool sources_present;      /* SUBSCRIPTION: the for key was given */
            ds_handler *handlers;      /* several: a pipeline */
            size_t handler_count, handler_cap;
            ds_sub_source *sources;    /* SUBSCRIPTION */
            size_t source_count, source_cap;
            /* Set by the resolver: */
            const struct ds_field *ret;  /* what gives the return type: `returns`, or
                                            for a subscription on a mutation, its return */
            struct ds_decl *ret_model;   /* a subscription on a model's mutations: it */
            struct ds_decl *ret_type;    /* the custom type it returns, whose AppSync
                                            directives come from its rules: by ref or its
                                            own inline one, or for a subscription by ref
                                            through its mutation */
            bool custom_handler;         /* the first handler is a.handler.custom (rules
                                            print as AppSync directives) */
            const char **subscribed;     /* SUBSCRIPTION: the mutations it listens to, as
                                            the SDL names them ("createPost") */
            size_t subscribed_count;
        };
    };
} ds_decl;

/* One parsed file. */
typedef struct ds_source {
    const char *name;          /* as given to ds_schema_parse */
    const char *data;          /* NUL-terminated: a copy, or the adopted buffer */
    size_t len;
    size_t *line_starts;       /* byte offset of each line; built on demand */
    size_t line_count;
} ds_source;

/* An internal diagnostic: the public one plus room for notes. */
typedef struct ds_diag {
    ds_diagnostic pub;
    ds_note *notes;
    size_t note_cap;
    size_t seq;                /* discovery order, to keep sorting stable */
    size_t file;               /* the file's index (SIZE_MAX: none), to sort by */
} ds_diag;

struct ds_schema {
    ds_arena arena;

    ds_source *sources;
    size_t source_count, source_cap;
    char **adopted;            /* malloc'ed sources given by ds_schema_parse_adopt */
    size_t adopted_count, adopted_cap;

    /* Diagnostics, in discovery order (sorted on read). */
    ds_diag **diags;
    size_t diag_count, diag_cap;
    size_t error_count, warning_count, max_errors;
    ds_diag sunk;              /* receives what is reported past the cap */
    bool diags_sorted;

    /* Schema-level authorization (the last file that gives it wins is an
       error: the key may appear once across all files). */
    ds_rules auth;

    /* Every declaration in file order, across sections and files
       (implicit ones are not here; they hang off their fields). */
    ds_decl **decls;
    size_t decl_count, decl_cap;

    /* Resolver: name -> ds_decl* over models, enums, custom types and
       implicit types; operations have their own tables. */
    ds_symtab types;
    ds_symtab operations;
    bool resolved;

    /* Resolver: the implicit declarations (inline enums and custom types),
       in the order the resolver named them. */
    ds_decl **implicit;
    size_t implicit_count, implicit_cap;

    /* Resolver, for a schema without errors: every type definition the SDL
       prints, in print order (order.c), and the input types by name (the
       others are found through s->types and decl->printed). */
    struct ds_out_type *out_types;
    size_t out_type_count;
    ds_symtab printed_inputs;
};

#endif
