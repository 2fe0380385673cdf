/* codes.h: the stable code of every diagnostic kind.
 *
 * Each phase lists its kinds in its own file (codes_*.def) as
 *     DS_CODE(CONSTANT, "DS0123", "short-name", "One-line description.")
 * Codes never change meaning once released; new kinds take new numbers.
 *   DS00xx  file and YAML level          (codes_parse.def)
 *   DS01xx  format shape: keys, values   (codes_parse.def)
 *   DS02xx  names and declarations       (codes_resolve.def)
 *   DS03xx  relationships                (codes_resolve.def)
 *   DS04xx  identifiers and indexes      (codes_resolve.def)
 *   DS05xx  authorization                (codes_resolve.def)
 *   DS06xx  operations, defaults, other  (codes_resolve.def)
 *   DS09xx  warnings                     (codes_resolve.def)
 *   DS1xxx  dschemac diff's changes      (codes_diff.def)
 */
#ifndef DS_CODES_H
#define DS_CODES_H

#define DS_CODE(constant, code, name, description) extern const char constant[];
#include "codes_parse.def"
#include "codes_resolve.def"
#include "codes_diff.def"
#undef DS_CODE

#endif
