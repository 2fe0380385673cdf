/* format_keys.h: the keys each map construct of the dschema format
 * (FORMAT.md) takes, written once: the parser checks maps against them,
 * builds the hints that list them from them, and a unit test holds the
 * editor schema (schemas/dschema.schema.json) to them. */
#ifndef DS_FORMAT_KEYS_H
#define DS_FORMAT_KEYS_H

#include <stddef.h>

/* The constructs that are maps with a fixed set of keys. */
typedef enum ds_construct {
    DS_KEYS_DOCUMENT,       /* the top level of a file */
    DS_KEYS_MODEL,
    DS_KEYS_INDEX,          /* an index map of secondaryIndexes */
    DS_KEYS_PROJECTION,     /* { type: INCLUDE, nonKeyAttributes: [...] } */
    DS_KEYS_SCALAR_FIELD,   /* { type, default, authorization }: a scalar or ref field */
    DS_KEYS_RELATION,       /* a hasOne, hasMany or belongsTo field */
    DS_KEYS_INLINE_ENUM,    /* { enum: [...] } */
    DS_KEYS_INLINE_TYPE,    /* { customType: {...} }, also as returns */
    DS_KEYS_RULE,           /* a rule map */
    DS_KEYS_OPERATION,      /* a query or mutation */
    DS_KEYS_SUBSCRIPTION,
    DS_KEYS_HANDLER,        /* one handler: a function or a custom handler */
    DS_KEYS_CUSTOM_HANDLER, /* { entry, dataSource } */
    DS_KEYS_SOURCE,         /* a model source of a subscription */
    DS_KEYS_COUNT
} ds_construct;

/* The relation keys begin with the relationship kinds, in ds_rel_kind
 * order: hasOne, hasMany, belongsTo. */
#define DS_RELATION_KINDS 3

/* The keys construct c takes, NULL-terminated, in the order hints list them. */
const char *const *ds_construct_keys(ds_construct c);

/* What c is called in a test's failure message ("model"). */
const char *ds_construct_name(ds_construct c);

/* How many keys a NULL-terminated list holds. */
size_t ds_key_count(const char *const *keys);

/* A one-line explanation of a key (from dschema(5)), for an editor's
 * hover; NULL for a word that is no key of the format. */
const char *ds_key_doc(const char *key);

#endif
