/* scalar.c: the 14 scalars under their two spellings. */
#include <string.h>

#include "ast.h"

static const char *const builder_names[DS_SCALAR_COUNT] = {
    NULL, "string", "integer", "float", "boolean", "id", "date", "time", "datetime",
    "timestamp", "email", "json", "phone", "url", "ipAddress"};

static const char *const graphql_names[DS_SCALAR_COUNT] = {
    NULL, "String", "Int", "Float", "Boolean", "ID", "AWSDate", "AWSTime", "AWSDateTime",
    "AWSTimestamp", "AWSEmail", "AWSJSON", "AWSPhone", "AWSURL", "AWSIPAddress"};

const char *ds_scalar_builder_name(ds_scalar s) {
    return s > DS_SCALAR_NONE && s < DS_SCALAR_COUNT ? builder_names[s] : NULL;
}

const char *ds_scalar_graphql_name(ds_scalar s) {
    return s > DS_SCALAR_NONE && s < DS_SCALAR_COUNT ? graphql_names[s] : NULL;
}

/* Whether name is spelt; the first byte settles most comparisons. */
static bool spelt(const char *name, const char *spelling) {
    return name[0] == spelling[0] && strcmp(name, spelling) == 0;
}

ds_scalar ds_scalar_lookup(const char *name) {
    for (int i = 1; i < DS_SCALAR_COUNT; i++)
        if (spelt(name, builder_names[i]) || spelt(name, graphql_names[i])) return (ds_scalar)i;
    return DS_SCALAR_NONE;
}
