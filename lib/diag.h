/* diag.h: reporting diagnostics into a schema's list. */
#ifndef DS_DIAG_H
#define DS_DIAG_H

#include "ast.h"
#include "codes.h"

/* Report an error at span with a stable code (e.g. DS_E_YAML_SYNTAX) and a
 * printf message. Returns the diagnostic so that notes and a hint can be
 * added; past the error cap it returns a scratch diagnostic that is
 * dropped, so callers never check. */
ds_diag *ds_error(ds_schema *s, ds_span span, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* The same, as a warning. */
ds_diag *ds_warning(ds_schema *s, ds_span span, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Add a note pointing at a second place. */
void ds_note_at(ds_schema *s, ds_diag *d, ds_span span, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Set the hint: how to fix it. */
void ds_hint(ds_schema *s, ds_diag *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Attach a fix: text replaces what is written at span (a "did you mean"). */
void ds_suggest(ds_schema *s, ds_diag *d, ds_span span, const char *text);

/* The part of span (on its first line) where text is written, e.g. the
 * base name inside a type string or a name inside its quotes; span itself
 * when text is not written there. */
ds_span ds_span_of_text(const ds_schema *s, ds_span span, const char *text);

/* The closest of count candidates to name by edit distance, or NULL when
 * none is close enough to be a likely typo. For "did you mean". */
const char *ds_closest(const char *name, const char *const *candidates, size_t count);

/* The Levenshtein distance between a and b. */
size_t ds_edit_distance(const char *a, const char *b);

/* A span with nothing in it (line 0). */
#define DS_NO_SPAN ((ds_span){0, 0, 0, 0, 0})

#endif
