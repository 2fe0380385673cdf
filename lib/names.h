/* names.h: names data-schema derives from declarations, written into a
 * buffer: shared by the resolver (which checks them for clashes) and the
 * back-ends (which print them). */
#ifndef DS_NAMES_H
#define DS_NAMES_H

#include "ast.h"
#include "buf.h"

/* Append name with its first letter upper-cased (nothing for NULL). */
void ds_names_capitalized(ds_buf *b, const char *name);

/* Append "By<Pk>And<Sk>...": the tail both data-schema's default query
 * field of an index and the generator's default index name end with. */
void ds_names_index_tail(ds_buf *b, const ds_index *ix);

/* Append secondaryIndexDefaultQueryField: list<Model>By<Pk>[And<Sk>...]. */
void ds_names_default_query_field(ds_buf *b, const ds_decl *model, const ds_index *ix);

/* Append the default name of an index: <plural, decapitalized>By<Pk>[And<Sk>...]
 * (the generator's key name, and the GSI name dschemac diff compares). */
void ds_names_default_index_name(ds_buf *b, const ds_decl *model, const ds_index *ix);

#endif
