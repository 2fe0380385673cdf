/* words.c: the words for the format's constructs (see words.h). */
#include "words.h"

const char *ds_kind_word(ds_decl_kind kind) {
    switch (kind) {
    case DS_DECL_MODEL: return "model";
    case DS_DECL_ENUM: return "enum";
    case DS_DECL_TYPE: return "custom type";
    case DS_DECL_QUERY: return "query";
    case DS_DECL_MUTATION: return "mutation";
    case DS_DECL_SUBSCRIPTION: return "subscription";
    }
    return "declaration";
}

const char *ds_decl_kind_word(const ds_decl *d) { return ds_kind_word(d->kind); }

const char *ds_allow_name(ds_allow allow) {
    static const char *const names[] = {
        "publicApiKey", "guest", "authenticated", "owner", "ownerDefinedIn", "ownersDefinedIn",
        "group", "groups", "groupDefinedIn", "groupsDefinedIn", "custom"};
    return (size_t)allow < sizeof names / sizeof *names ? names[allow] : "?";
}

const char *ds_provider_name(ds_provider provider) {
    switch (provider) {
    case DS_PROVIDER_DEFAULT: return "default";
    case DS_PROVIDER_IDENTITY_POOL: return "identityPool";
    case DS_PROVIDER_USER_POOLS: return "userPools";
    case DS_PROVIDER_OIDC: return "oidc";
    case DS_PROVIDER_FUNCTION: return "function";
    }
    return "?";
}

const char *ds_strategy_name(ds_strategy strategy) {
    static const char *const names[] = {"public", "private", "owner", "groups", "custom"};
    return (size_t)strategy < sizeof names / sizeof *names ? names[strategy] : "?";
}

const char *ds_appsync_name(ds_appsync directive) {
    static const char *const names[DS_APPSYNC_COUNT] = {
        "@aws_api_key", "@aws_iam", "@aws_cognito_user_pools", "@aws_oidc", "@aws_lambda"};
    return (size_t)directive < DS_APPSYNC_COUNT ? names[directive] : NULL;
}

const char *ds_op_group_name(size_t group) {
    static const char *const names[] = {"queries", "mutations", "subscriptions"};
    return group < 3 ? names[group] : "?";
}

const char *ds_op_name(unsigned op) {
    switch (op) {
    case DS_OP_GET: return "get";
    case DS_OP_LIST: return "list";
    case DS_OP_CREATE: return "create";
    case DS_OP_UPDATE: return "update";
    case DS_OP_DELETE: return "delete";
    case DS_OP_ON_CREATE: return "onCreate";
    case DS_OP_ON_UPDATE: return "onUpdate";
    case DS_OP_ON_DELETE: return "onDelete";
    default: return "?";
    }
}

const char *const ds_allow_words[] = {
    "publicApiKey", "guest", "authenticated", "owner", "ownerDefinedIn", "ownersDefinedIn",
    "group", "groups", "groupDefinedIn", "groupsDefinedIn", "custom", NULL};
const char *const ds_provider_words[] = {"identityPool", "userPools", "oidc", "function", NULL};
const char *const ds_to_words[] = {
    "create", "read", "update", "delete", "get", "list", "sync", "listen", "search", NULL};
const char *const ds_disable_words[] = {
    "queries", "mutations", "subscriptions", "get", "list", "create", "update", "delete",
    "onCreate", "onUpdate", "onDelete", NULL};
const char *const ds_projection_words[] = {"KEYS_ONLY", "ALL", "INCLUDE", NULL};
const char *const ds_mutation_words[] = {"create", "update", "delete", NULL};
