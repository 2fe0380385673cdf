/* lsp_features.c: what the server answers: diagnostics, definition,
 * references, hover, outline, rename and quick fixes, all read from the
 * resolved schema of the document's unit (completion: lsp_complete.c). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format_keys.h"
#include "lsp_internal.h"
#include "phases.h"
#include "words.h"

/* Where each diagnostic code is described. */
#define CODES_URL "https://github.com/dschemac/dschemac/blob/main/man/dschemac.1#"

enum { INVALID_PARAMS = -32602 };

/* LSP SymbolKind values. */
enum { SK_CLASS = 5, SK_FIELD = 8, SK_ENUM = 10, SK_FUNCTION = 12, SK_VARIABLE = 13,
       SK_ENUM_MEMBER = 22, SK_STRUCT = 23, SK_EVENT = 24 };

/* ---- diagnostics ---- */

/* A protocol Diagnostic for one of the compiler's. */
static json_t *diagnostic_json(const lsp_unit *u, const ds_diagnostic *d) {
    ds_buf msg = {0};
    ds_buf_puts(&msg, d->message);
    if (d->hint) ds_buf_printf(&msg, "\nhint: %s", d->hint);
    char *text = ds_buf_detach(&msg, NULL);
    char href[sizeof CODES_URL + 16];
    snprintf(href, sizeof href, "%s%s", CODES_URL, d->code);
    json_t *out = json_pack("{s:o, s:i, s:s, s:{s:s}, s:s, s:s}", "range",
                            lsp_location_range(u, &d->location), "severity",
                            d->severity == DS_SEVERITY_ERROR ? 1 : 2, "code", d->code,
                            "codeDescription", "href", href, "source", "dschemac", "message", text);
    free(text);
    if (d->note_count) {
        json_t *related = json_array();
        for (size_t i = 0; i < d->note_count; i++) {
            const ds_note *n = &d->notes[i];
            const char *uri = n->location.file ? n->location.file
                            : u->schema->source_count ? u->schema->sources[0].name : "";
            json_array_append_new(related, json_pack("{s:{s:s, s:o}, s:s}", "location", "uri", uri,
                                                     "range", lsp_location_range(u, &n->location),
                                                     "message", n->message));
        }
        json_object_set_new(out, "relatedInformation", related);
    }
    return out;
}

/* Whether a diagnostic belongs to the source named uri (one without a
   file goes to the first source). */
static bool in_file(const lsp_unit *u, const ds_diagnostic *d, uint16_t file) {
    if (!d->location.file) return file == 0;
    return strcmp(d->location.file, u->schema->sources[file].name) == 0;
}

void lsp_publish(lsp_server *srv, lsp_unit *u) {
    ds_schema *s = lsp_unit_schema(u, srv);
    for (size_t f = 0; f < s->source_count; f++) {
        json_t *list = json_array();
        for (size_t i = 0; i < ds_schema_diagnostic_count(s); i++) {
            const ds_diagnostic *d = ds_schema_diagnostic(s, i);
            if (in_file(u, d, (uint16_t)f)) json_array_append_new(list, diagnostic_json(u, d));
        }
        lsp_notify(srv, "textDocument/publishDiagnostics",
                   json_pack("{s:s, s:o}", "uri", s->sources[f].name, "diagnostics", list));
    }
}

/* ---- finding what is under the cursor ---- */

lsp_doc *lsp_params_doc(lsp_server *srv, json_t *params, lsp_error *err) {
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    lsp_doc *d = uri ? lsp_doc_find(srv, uri) : NULL;
    if (!d) {
        *err = (lsp_error){INVALID_PARAMS, "the document is not open"};
        return NULL;
    }
    lsp_unit_schema(d->unit, srv);
    return d;
}

const ds_nav_ref *lsp_ref_at(lsp_server *srv, lsp_doc *doc, json_t *params) {
    lsp_unit *u = doc->unit;
    const ds_nav_refs *refs = lsp_unit_refs(u, srv);
    uint16_t file = lsp_source_index(u, doc->uri);
    size_t at = lsp_offset(u, file, json_object_get(params, "position"));
    if (at == (size_t)-1) return NULL;
    const ds_nav_ref *best = NULL;
    size_t best_len = (size_t)-1;
    for (size_t i = 0; i < refs->count; i++) {
        if (refs->items[i].span.file != file) continue;
        size_t start, end;
        lsp_span_bytes(u, refs->items[i].span, &start, &end);
        if (at >= start && at <= end && end - start < best_len)
            best = &refs->items[i], best_len = end - start;
    }
    return best;
}

/* ---- definition and references ---- */

json_t *lsp_definition(lsp_server *srv, json_t *params, lsp_error *err) {
    lsp_doc *d = lsp_params_doc(srv, params, err);
    const ds_nav_ref *ref = d ? lsp_ref_at(srv, d, params) : NULL;
    const ds_nav_ref *def = ref ? ds_nav_definition(&d->unit->refs, ref) : NULL;
    return def ? lsp_span_location(d->unit, def->span) : NULL;
}

json_t *lsp_references(lsp_server *srv, json_t *params, lsp_error *err) {
    lsp_doc *d = lsp_params_doc(srv, params, err);
    const ds_nav_ref *ref = d ? lsp_ref_at(srv, d, params) : NULL;
    if (!ref) return NULL;
    bool with_decl = json_is_true(
        json_object_get(json_object_get(params, "context"), "includeDeclaration"));
    json_t *out = json_array();
    const ds_nav_refs *refs = &d->unit->refs;
    for (size_t i = 0; i < refs->count; i++)
        if (ds_nav_same(&refs->items[i], ref) && (with_decl || !refs->items[i].definition))
            json_array_append_new(out, lsp_span_location(d->unit, refs->items[i].span));
    return out;
}

/* ---- hover ---- */

/* The SDL block dschemac prints for a declaration ("" when it prints none,
   or the schema has errors). malloc'ed. */
static char *decl_sdl(const ds_schema *s, const ds_decl *decl) {
    ds_buf out = {0};
    if (ds_schema_error_count(s) == 0) {
        ds_arena scratch;
        ds_arena_init(&scratch);
        ds_emit_graphql_decl(s, decl, &scratch, &out);
        ds_arena_free(&scratch);
    }
    ds_buf_putc(&out, '\0');
    return ds_buf_detach(&out, NULL);
}

/* The line of an SDL block that declares field name ("  name: T"), or NULL. */
static char *field_line(const char *sdl, const char *name) {
    size_t n = strlen(name);
    for (const char *line = sdl; *line;) {
        const char *end = strchr(line, '\n');
        if (!end) end = line + strlen(line);
        if (strncmp(line, "  ", 2) == 0 && strncmp(line + 2, name, n) == 0 &&
            (line[2 + n] == ':' || line[2 + n] == '('))
            return strndup(line + 2, (size_t)(end - line - 2));
        line = *end ? end + 1 : end;
    }
    return NULL;
}

/* Markdown for a declaration or field: its SDL, or what it is. */
static char *hover_text(const ds_schema *s, const ds_nav_ref *ref) {
    const ds_decl *decl = ref->decl;
    char *sdl = decl_sdl(s, decl);
    char *code = ref->field ? field_line(sdl, ref->field->name.text) : NULL;
    if (!ref->field && *sdl) code = strdup(sdl);
    free(sdl);
    ds_buf b = {0};
    if (ref->field)
        ds_buf_printf(&b, "field `%s` of %s `%s`", ref->field->name.text, ds_decl_kind_word(decl),
                      decl->name.text ? decl->name.text : "?");
    else ds_buf_printf(&b, "%s `%s`", ds_decl_kind_word(decl), decl->name.text);
    if (code) ds_buf_printf(&b, "\n\n```graphql\n%s\n```", code);
    else if (ds_schema_error_count(s) && decl->kind <= DS_DECL_TYPE)
        ds_buf_puts(&b, "\n\n(the schema has errors: its SDL shows once they are fixed)");
    free(code);
    ds_buf_putc(&b, '\0');
    return ds_buf_detach(&b, NULL);
}

/* The word (letters, digits, _) around byte at, as [*start, *end). */
static void word_at(const char *text, size_t len, size_t at, size_t *start, size_t *end) {
#define WORD(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || \
                 ((c) >= '0' && (c) <= '9') || (c) == '_')
    size_t a = at > len ? len : at, b = a;
    while (a > 0 && WORD(text[a - 1])) a--;
    while (b < len && WORD(text[b])) b++;
#undef WORD
    *start = a, *end = b;
}

/* A hover for a key of the format under the cursor (`hasMany:`), or NULL. */
static json_t *key_hover(lsp_doc *d, json_t *params) {
    lsp_unit *u = d->unit;
    uint16_t file = lsp_source_index(u, d->uri);
    size_t len, at = lsp_offset(u, file, json_object_get(params, "position"));
    const char *text = lsp_source_text(u, file, &len);
    if (!text || at == (size_t)-1) return NULL;
    size_t a, b;
    word_at(text, len, at, &a, &b);
    size_t c = b;
    while (c < len && text[c] == ' ') c++;
    if (a == b || b - a > 32 || c >= len || text[c] != ':') return NULL;
    char key[33];
    memcpy(key, text + a, b - a);
    key[b - a] = '\0';
    const char *doc = ds_key_doc(key);
    if (!doc) return NULL;
    char *value = malloc(strlen(key) + strlen(doc) + 8);
    if (!value) abort();
    sprintf(value, "`%s`: %s", key, doc);
    json_t *out = json_pack("{s:{s:s, s:s}}", "contents", "kind", "markdown", "value", value);
    free(value);
    return out;
}

json_t *lsp_hover(lsp_server *srv, json_t *params, lsp_error *err) {
    lsp_doc *d = lsp_params_doc(srv, params, err);
    if (!d) return NULL;
    const ds_nav_ref *ref = lsp_ref_at(srv, d, params);
    if (!ref) return key_hover(d, params);
    char *text = hover_text(d->unit->schema, ref);
    json_t *out = json_pack("{s:{s:s, s:s}, s:o}", "contents", "kind", "markdown", "value", text,
                            "range", lsp_span_range(d->unit, ref->span));
    free(text);
    return out;
}

/* ---- document symbols ---- */

/* A DocumentSymbol from a name span to the end of a value span. */
static json_t *symbol(const lsp_unit *u, const char *name, const char *detail, int kind,
                      ds_span name_span, ds_span value_span) {
    ds_span whole = name_span;
    if (value_span.line && ds_span_end_line(value_span) >= name_span.line) {
        whole = ds_span_make(name_span.file, name_span.line, name_span.col,
                             ds_span_end_line(value_span), value_span.end_col);
    }
    return json_pack("{s:s, s:s, s:i, s:o, s:o}", "name", name, "detail", detail, "kind", kind,
                     "range", lsp_span_range(u, whole), "selectionRange",
                     lsp_span_range(u, name_span));
}

/* What a field is, for the outline ("hasMany Comment", "string"). */
static const char *field_detail(const ds_field *f) {
    if (f->kind == DS_FIELD_RELATION) return f->rel->related.text ? f->rel->related.text : "";
    if (f->kind == DS_FIELD_INLINE_ENUM) return "enum";
    if (f->kind == DS_FIELD_INLINE_TYPE) return "customType";
    return f->type.base ? f->type.base : "";
}

/* The children of a declaration: fields, values or arguments. */
static json_t *symbol_children(const lsp_unit *u, const ds_decl *d) {
    json_t *list = json_array();
    for (size_t i = 0; i < d->field_count; i++) {
        const ds_field *f = d->fields[i];
        if (f && f->name.text)
            json_array_append_new(list, symbol(u, f->name.text, field_detail(f), SK_FIELD,
                                               f->name.span, f->span));
    }
    for (size_t i = 0; d->kind == DS_DECL_ENUM && i < d->values.count; i++) {
        const ds_name *v = &d->values.items[i];
        if (v->text) json_array_append_new(list, symbol(u, v->text, "", SK_ENUM_MEMBER, v->span, v->span));
    }
    for (size_t i = 0; i < d->argument_count; i++) {
        const ds_field *f = d->arguments[i];
        if (f && f->name.text)
            json_array_append_new(list, symbol(u, f->name.text, field_detail(f), SK_VARIABLE,
                                               f->name.span, f->span));
    }
    return list;
}

json_t *lsp_document_symbols(lsp_server *srv, json_t *params, lsp_error *err) {
    static const int kinds[] = {SK_CLASS, SK_ENUM, SK_STRUCT, SK_FUNCTION, SK_FUNCTION, SK_EVENT};
    lsp_doc *doc = lsp_params_doc(srv, params, err);
    if (!doc) return NULL;
    const lsp_unit *u = doc->unit;
    uint16_t file = lsp_source_index(u, doc->uri);
    json_t *out = json_array();
    for (size_t i = 0; i < u->schema->decl_count; i++) {
        const ds_decl *d = u->schema->decls[i];
        if (d->name.span.file != file || !d->name.text) continue;
        json_t *sym = symbol(u, d->name.text, ds_decl_kind_word(d), kinds[d->kind], d->name.span, d->span);
        json_object_set_new(sym, "children", symbol_children(u, d));
        json_array_append_new(out, sym);
    }
    return out;
}

/* ---- rename ---- */

/* Whether name can name a declaration or field (a GraphQL name). */
static bool valid_name(const char *name) {
    if (!name || !((*name >= 'a' && *name <= 'z') || (*name >= 'A' && *name <= 'Z') || *name == '_'))
        return false;
    for (const char *p = name + 1; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return false;
    return true;
}

json_t *lsp_prepare_rename(lsp_server *srv, json_t *params, lsp_error *err) {
    lsp_doc *d = lsp_params_doc(srv, params, err);
    const ds_nav_ref *ref = d ? lsp_ref_at(srv, d, params) : NULL;
    if (!ref || !ds_nav_definition(&d->unit->refs, ref)) return NULL;
    const char *name = ref->field ? ref->field->name.text : ref->decl->name.text;
    return json_pack("{s:o, s:s}", "range", lsp_span_range(d->unit, ref->span), "placeholder", name);
}

/* The warning for renaming a model: data-schema names the table after it. */
static char *table_warning(const ds_decl *m, const char *to) {
    const char *fmt = "Renaming the model %s to %s deletes its table, and the data in it, in a "
                      "deployed app: the new name gets a new, empty table";
    char *out = malloc(strlen(fmt) + strlen(m->name.text) + strlen(to) + 1);
    if (!out) abort();
    sprintf(out, fmt, m->name.text, to);
    return out;
}

json_t *lsp_rename(lsp_server *srv, json_t *params, lsp_error *err) {
    lsp_doc *d = lsp_params_doc(srv, params, err);
    if (!d) return NULL;
    const char *to = json_string_value(json_object_get(params, "newName"));
    if (!valid_name(to)) {
        *err = (lsp_error){INVALID_PARAMS, "the new name must be a GraphQL name ([_A-Za-z][_0-9A-Za-z]*)"};
        return NULL;
    }
    const ds_nav_ref *ref = lsp_ref_at(srv, d, params);
    if (!ref || !ds_nav_definition(&d->unit->refs, ref)) {
        *err = (lsp_error){INVALID_PARAMS, "nothing to rename here"};
        return NULL;
    }
    bool model = !ref->field && ref->decl->kind == DS_DECL_MODEL;
    const lsp_unit *u = d->unit;
    const ds_nav_refs *refs = &u->refs;
    json_t *by_file = json_object();  /* uri -> [TextEdit] */
    for (size_t i = 0; i < refs->count; i++) {
        if (!ds_nav_same(&refs->items[i], ref)) continue;
        const char *uri = u->schema->sources[refs->items[i].span.file].name;
        json_t *edits = json_object_get(by_file, uri);
        if (!edits) json_object_set_new(by_file, uri, edits = json_array());
        json_t *edit = json_pack("{s:o, s:s}", "range", lsp_span_range(u, refs->items[i].span),
                                 "newText", to);
        if (model) json_object_set_new(edit, "annotationId", json_string("deletes-table"));
        json_array_append_new(edits, edit);
    }
    if (!model) return json_pack("{s:o}", "changes", by_file);
    char *warning = table_warning(ref->decl, to);
    lsp_notify(srv, "window/showMessage", json_pack("{s:i, s:s}", "type", 2, "message", warning));
    json_t *changes = json_array();
    const char *uri;
    json_t *edits;
    json_object_foreach(by_file, uri, edits)
        json_array_append_new(changes, json_pack("{s:{s:s, s:n}, s:O}", "textDocument", "uri", uri,
                                                 "version", "edits", edits));
    json_decref(by_file);
    json_t *out = json_pack("{s:o, s:{s:{s:s, s:b, s:s}}}", "documentChanges", changes,
                            "changeAnnotations", "deletes-table", "label", "Rename model",
                            "needsConfirmation", 1, "description", warning);
    free(warning);
    return out;
}

/* ---- quick fixes ---- */

json_t *lsp_code_action(lsp_server *srv, json_t *params, lsp_error *err) {
    lsp_doc *doc = lsp_params_doc(srv, params, err);
    if (!doc) return NULL;
    const lsp_unit *u = doc->unit;
    const ds_schema *s = u->schema;
    uint16_t file = lsp_source_index(u, doc->uri);
    json_t *range = json_object_get(params, "range");
    size_t from = lsp_offset(u, file, json_object_get(range, "start"));
    size_t to = lsp_offset(u, file, json_object_get(range, "end"));
    size_t len;
    const char *text = lsp_source_text(u, file, &len);
    json_t *out = json_array();
    if (file == UINT16_MAX) return out;  /* the document is not a source of its schema */
    for (size_t i = 0; text && from != (size_t)-1 && i < ds_schema_diagnostic_count(s); i++) {
        const ds_diagnostic *d = ds_schema_diagnostic(s, i);
        if (!d->replacement || !d->replace_at.file || !in_file(u, d, file) ||
            strcmp(d->replace_at.file, doc->uri) != 0)
            continue;
        ds_span at = ds_span_make(file, d->replace_at.line, d->replace_at.column,
                                  d->replace_at.end_line, d->replace_at.end_column);
        size_t a, b;
        lsp_span_bytes(u, at, &a, &b);
        if (b < from || a > (to == (size_t)-1 ? from : to)) continue;
        char *title = malloc((b - a) + strlen(d->replacement) + 32);
        if (!title) abort();
        sprintf(title, "Change %.*s to %s", (int)(b - a), text + a, d->replacement);
        json_t *edit = json_pack("{s:{s:[{s:o, s:s}]}}", "changes", doc->uri, "range",
                                 lsp_span_range(u, at), "newText", d->replacement);
        json_array_append_new(out, json_pack("{s:s, s:s, s:[o], s:b, s:o}", "title", title, "kind",
                                             "quickfix", "diagnostics", diagnostic_json(u, d),
                                             "isPreferred", 1, "edit", edit));
        free(title);
    }
    return out;
}
