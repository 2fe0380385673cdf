/* pluralize.h: English plurals exactly as the npm package pluralize 8.0.0
 * makes them (the one @aws-amplify/appsync-modelgen-plugin uses for a
 * model's pluralName and its default index names). */
#ifndef DS_PLURALIZE_H
#define DS_PLURALIZE_H

#include "arena.h"

/* pluralize.plural(word), allocated in arena: "Post" -> "Posts",
 * "Category" -> "Categories", "Person" -> "People", "Staff" -> "Staff". */
char *ds_pluralize(ds_arena *arena, const char *word);

#endif
