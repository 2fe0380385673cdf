/* resolve.c: the resolver's entry point: it runs the passes in order.
 *
 * The resolver names the implicit types, links every name and relationship,
 * checks the rules of FORMAT.md (and of data-schema and the Amplify
 * transformer behind it), and fills in every fact the back-ends read
 * (resolve_facts.c). The passes live in resolve_*.c and check_*.c, their
 * shared helpers in resolve_util.c; see resolve.h.
 */
#include "resolve.h"
#include "phases.h"

void ds_resolve(ds_schema *s) {
    ds_resolver r = {0};
    r.s = s;
    ds_symtab_init(&r.declared, &s->arena);
    ds_symtab_init(&r.clashed, &s->arena);
    ds_symtab_init(&r.missing_fields, &s->arena);
    ds_resolve_names(&r);
    ds_resolve_facts(&r);
    ds_check_relations(&r);
    ds_check_keys(&r);
    ds_check_operations(&r);
    ds_resolve_operation_facts(&r);
    ds_check_cycles(&r);
    ds_check_auth(&r);
    ds_check_defaults(&r);
    ds_check_usage(&r);
    if (s->error_count == 0) ds_resolve_output(&r);
}
