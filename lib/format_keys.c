/* format_keys.c: the keys of every map construct of the format (FORMAT.md). */
#include "format_keys.h"

#include <string.h>

static const char *const document_keys[] = {
    "authorization", "models", "enums", "types", "queries", "mutations", "subscriptions", NULL};
static const char *const model_keys[] = {
    "fields", "identifier", "secondaryIndexes", "disableOperations", "authorization", NULL};
static const char *const index_keys[] = {"field", "sortKeys", "name", "queryField", "projection",
                                         NULL};
static const char *const projection_keys[] = {"type", "nonKeyAttributes", NULL};
static const char *const scalar_field_keys[] = {"type", "default", "authorization", NULL};
static const char *const relation_keys[] = {"hasOne", "hasMany", "belongsTo", "references",
                                            "authorization", NULL};
static const char *const inline_enum_keys[] = {"enum", NULL};
static const char *const inline_type_keys[] = {"customType", NULL};
static const char *const rule_keys[] = {
    "allow", "provider", "to", "groups", "group", "field", "identityClaim", "groupClaim", NULL};
static const char *const operation_keys[] = {"arguments", "returns", "handler", "authorization",
                                             NULL};
static const char *const subscription_keys[] = {"for", "arguments", "handler", "authorization",
                                                NULL};
static const char *const handler_keys[] = {"function", "custom", NULL};
static const char *const custom_handler_keys[] = {"entry", "dataSource", NULL};
static const char *const source_keys[] = {"model", "mutations", NULL};

/* In the order of ds_construct. */
static const struct {
    const char *name;
    const char *const *keys;
} constructs[DS_KEYS_COUNT] = {
    {"document", document_keys},         {"model", model_keys},
    {"index", index_keys},               {"projection", projection_keys},
    {"scalar field", scalar_field_keys}, {"relationship field", relation_keys},
    {"inline enum", inline_enum_keys},   {"inline custom type", inline_type_keys},
    {"rule", rule_keys},                 {"operation", operation_keys},
    {"subscription", subscription_keys}, {"handler", handler_keys},
    {"custom handler", custom_handler_keys}, {"subscription source", source_keys},
};

const char *const *ds_construct_keys(ds_construct c) {
    return constructs[c].keys;
}

const char *ds_construct_name(ds_construct c) {
    return constructs[c].name;
}

size_t ds_key_count(const char *const *keys) {
    size_t n = 0;
    while (keys[n]) n++;
    return n;
}

/* One line on each key, after dschema(5); a key of several constructs
 * (type, field, name) is explained for all of them. */
static const struct {
    const char *key, *doc;
} key_docs[] = {
    {"authorization", "A list of rules: for the whole schema, a model, a field or an operation "
                      "(a model's and an operation's replace the schema's)."},
    {"models", "A map from model name to model (a.model)."},
    {"enums", "A map from enum name to the list of its values (a.enum)."},
    {"types", "A map from custom type name to a map of fields (a.customType)."},
    {"queries", "A map from query name to operation (a.query)."},
    {"mutations", "A map from mutation name to operation (a.mutation); in a subscription source, "
                  "which of the model's mutations: create, update, delete."},
    {"subscriptions", "A map from subscription name to subscription (a.subscription)."},
    {"fields", "A map of fields (a.model({...}))."},
    {"identifier", "The primary key (.identifier([...])): declared scalar fields, the partition "
                   "key first; the default is [id]."},
    {"secondaryIndexes", "A list of indexes (.secondaryIndexes(index => [...])): a field name or "
                         "a map of field, sortKeys, name, queryField, projection."},
    {"disableOperations", "Generated operations to leave out (.disableOperations([...])): "
                          "queries mutations subscriptions get list create update delete "
                          "onCreate onUpdate onDelete."},
    {"field", "An index's partition key field (index('field')), or the field of a *DefinedIn "
              "rule that holds the owners or groups."},
    {"sortKeys", "The index's sort key fields (.sortKeys([...]))."},
    {"name", "The index's name (.name('...'))."},
    {"queryField", "The index's query field (.queryField('...')); null: no query field."},
    {"projection", "The attributes the index projects: KEYS_ONLY, ALL, or { type: INCLUDE, "
                   "nonKeyAttributes: [...] }."},
    {"type", "A field's type string (string, \"integer!\", \"[Tag]\", an enum or custom type), "
             "or a projection's type (INCLUDE)."},
    {"nonKeyAttributes", "The fields an INCLUDE projection adds to the index."},
    {"default", "The field's default value (.default(value)): a scalar valid for its type, on "
                "scalar fields of models only."},
    {"hasOne", "A relationship to one child model (a.hasOne), through the references fields "
               "declared on the child."},
    {"hasMany", "A relationship to many child models (a.hasMany), through the references fields "
                "declared on the child."},
    {"belongsTo", "The child's side of a hasOne or hasMany (a.belongsTo), through its own "
                  "references fields."},
    {"references", "The reference fields of a relationship (a name or a list), declared on the "
                   "child, matching the parent's identifier."},
    {"enum", "An inline enum, named after its model and field (Post.privacy: PostPrivacy)."},
    {"customType", "An inline custom type, named after its model and field (Store.address: "
                   "StoreAddress)."},
    {"allow", "Who the rule admits: publicApiKey guest authenticated owner ownerDefinedIn "
              "ownersDefinedIn group groups groupDefinedIn groupsDefinedIn custom."},
    {"provider", "The rule's authorization provider: identityPool, userPools, oidc or function, "
                 "where the rule admits it."},
    {"to", "The operations the rule allows (.to([...])): create read update delete get list "
           "sync listen search."},
    {"groups", "The groups a groups rule admits (allow.groups([...]))."},
    {"group", "The group a group rule admits (allow.group('...'))."},
    {"identityClaim", "The token claim that holds the owner's identity (.identityClaim('...'))."},
    {"groupClaim", "The token claim that holds the user's groups (.withClaimIn('...'))."},
    {"arguments", "A map of the operation's arguments to their types."},
    {"returns", "What the operation returns: a type, or { customType: {...} }."},
    {"handler", "What runs the operation: { function: NAME }, { custom: { entry, dataSource } }, "
                "or a list of them (a pipeline)."},
    {"for", "What a subscription listens to: a mutation, or { model: NAME, mutations: [...] }."},
    {"function", "A function handler (a.handler.function('name'))."},
    {"custom", "A custom handler (a.handler.custom({ entry, dataSource }))."},
    {"entry", "The custom handler's resolver file (entry)."},
    {"dataSource", "The custom handler's data source (a model name or a data source)."},
    {"model", "The model whose mutations a subscription listens to."},
};

const char *ds_key_doc(const char *key) {
    for (size_t i = 0; key && i < sizeof key_docs / sizeof *key_docs; i++)
        if (strcmp(key_docs[i].key, key) == 0) return key_docs[i].doc;
    return NULL;
}
