/* codes.c: the table of diagnostic kinds. */
#include "codes.h"

#include "dschema.h"

#define DS_CODE(constant, code, name, description) const char constant[] = code;
#include "codes_parse.def"
#include "codes_resolve.def"
#include "codes_diff.def"
#undef DS_CODE

static const ds_diagnostic_kind kinds[] = {
#define DS_CODE(constant, code, name, description) {code, name, description},
#include "codes_parse.def"
#include "codes_resolve.def"
#include "codes_diff.def"
#undef DS_CODE
    {0, 0, 0}};

const ds_diagnostic_kind *ds_diagnostic_kinds(void) { return kinds; }
