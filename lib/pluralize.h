/* pluralize.h: English plurals exactly as the npm package pluralize 8.0.0
 * makes them (the one @aws-amplify/appsync-modelgen-plugin uses for a
 * model's pluralName and its default index names). */
#ifndef DS_PLURALIZE_H
#define DS_PLURALIZE_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"

/* pluralize.plural(word), allocated in arena: "Post" -> "Posts",
 * "Category" -> "Categories", "Person" -> "People", "Staff" -> "Staff". */
char *ds_pluralize(ds_arena *arena, const char *word);

/* Whether the quick last-letter test written next to each rule agrees with
 * what the rule's regular expression can match (for the unit tests). */
bool ds_pluralize_rules_consistent(void);

#endif
