/* words.h: the words messages and back-ends use for the format's
 * constructs, shared by the front-end, the resolver and the back-ends. */
#ifndef DS_WORDS_H
#define DS_WORDS_H

#include "ast.h"

/* "model", "enum", "custom type", "query", "mutation", "subscription". */
const char *ds_kind_word(ds_decl_kind kind);

/* The kind word of a declaration (ds_kind_word of its kind). */
const char *ds_decl_kind_word(const ds_decl *d);

/* The builder name of an allow kind ("publicApiKey"). */
const char *ds_allow_name(ds_allow allow);

/* The name of a provider as the format writes it ("userPools"; "default"). */
const char *ds_provider_name(ds_provider provider);

/* data-schema's name of a strategy ("public", "private", "owner", ...). */
const char *ds_strategy_name(ds_strategy strategy);

/* The AppSync directive ("@aws_api_key"), or NULL for DS_APPSYNC_NONE. */
const char *ds_appsync_name(ds_appsync directive);

/* The groups of @model's arguments ("queries", "mutations",
 * "subscriptions"), by index of ds_disabled.groups. */
const char *ds_op_group_name(size_t group);

/* The disableOperations word of one generated operation, a DS_OP_* bit:
 * "get", "onCreate". */
const char *ds_op_name(unsigned op);

/* The words a value of the format may be, NULL-terminated: the parser
 * checks values against them and an editor completes from them. */
extern const char *const ds_allow_words[];      /* in the order of ds_allow */
extern const char *const ds_provider_words[];   /* ds_provider, after DS_PROVIDER_DEFAULT */
extern const char *const ds_to_words[];         /* a rule's to: */
extern const char *const ds_disable_words[];    /* disableOperations */
extern const char *const ds_projection_words[]; /* an index's projection */
extern const char *const ds_mutation_words[];   /* a subscription source's mutations */

#endif
