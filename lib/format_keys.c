/* format_keys.c: the keys of every map construct of the format (FORMAT.md). */
#include "format_keys.h"

static const char *const document_keys[] = {
    "authorization", "models", "enums", "types", "queries", "mutations", "subscriptions",
    "defaultAuthorizationMode", NULL};
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
