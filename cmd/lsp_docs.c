/* lsp_docs.c: the open documents, the schemas they form, and positions.
 *
 * A document belongs to the schema of the nearest project file, dschema.json
 * in its folder or a parent folder, when that file lists it; otherwise it is
 * checked alone. Each edit marks its unit dirty; the schema is rebuilt from
 * the open texts (and the listed files on disk) when next needed, and the
 * previous build is freed, so memory does not grow with edits. */
/* realpath is X/Open. */
#define _XOPEN_SOURCE 700

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_internal.h"

/* Project files are this small; a bigger one is not read. */
#define PROJECT_MAX_BYTES (1 << 20)

/* A heap copy of n bytes of s. */
static char *copy_n(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) abort();
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *copy(const char *s) { return copy_n(s, strlen(s)); }

/* Append to a heap vector of pointers. */
static void push(void ***items, size_t *count, size_t *cap, void *item) {
    if (*count == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        *items = realloc(*items, *cap * sizeof **items);
        if (!*items) abort();
    }
    (*items)[(*count)++] = item;
}

/* ---- URIs and paths ---- */

static int hex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The local path of a file: URI (percent-decoded), or NULL. */
static char *uri_path(const char *uri) {
    if (strncmp(uri, "file://", 7) != 0) return NULL;
    const char *p = uri + 7;
    if (*p != '/') p = strchr(p, '/');  /* file://host/path: the host is ignored */
    if (!p) return NULL;
    char *out = malloc(strlen(p) + 1), *o = out;
    if (!out) abort();
    for (; *p; p++) {
        if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0) {
            char c = (char)(hex(p[1]) * 16 + hex(p[2]));
            p += 2;
            if (c == '\0') { free(out); return NULL; }
            *o++ = c;
        } else *o++ = *p;
    }
    *o = '\0';
    return out;
}

/* The file: URI of an absolute path (percent-encoding what URIs reserve). */
static char *path_uri(const char *path) {
    static const char keep[] = "-._~/";
    size_t n = strlen(path);
    char *out = malloc(7 + 3 * n + 1), *o = out;
    if (!out) abort();
    memcpy(o, "file://", 7), o += 7;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr(keep, *p))
            *o++ = (char)*p;
        else o += sprintf(o, "%%%02X", *p);
    }
    *o = '\0';
    return out;
}

/* The canonical path of a file that exists, else a copy of path. */
static char *canonical(const char *path) {
    char buf[PATH_MAX];
    return copy(realpath(path, buf) ? buf : path);
}

/* The whole of a small file, or NULL. */
static char *read_file(const char *path, size_t max, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *data = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? 2 * cap : 4096;
            if (cap > max + 1) cap = max + 1;
            if (n == cap) { free(data); data = NULL; break; }  /* over max */
            data = realloc(data, cap + 1);
            if (!data) abort();
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    fclose(f);
    if (data) data[n] = '\0', *len = n;
    return data;
}

/* ---- project files ---- */

/* The canonical paths a project file lists, if it lists path; else NULL. */
static char **project_members(const char *project, const char *path, size_t *count) {
    size_t len;
    char *text = read_file(project, PROJECT_MAX_BYTES, &len);
    if (!text) return NULL;
    json_t *root = json_loadb(text, len, 0, NULL);
    free(text);
    json_t *files = json_object_get(root, "files");
    char **members = NULL;
    size_t n = 0, cap = 0;
    bool listed = false;
    size_t dir = (size_t)(strrchr(project, '/') - project);
    for (size_t i = 0; i < json_array_size(files); i++) {
        const char *name = json_string_value(json_array_get(files, i));
        if (!name || !*name) continue;
        char *joined = malloc(dir + strlen(name) + 2);
        if (!joined) abort();
        if (name[0] == '/') strcpy(joined, name);
        else sprintf(joined, "%.*s/%s", (int)dir, project, name);
        char *member = canonical(joined);
        free(joined);
        if (strcmp(member, path) == 0) listed = true;
        push((void ***)&members, &n, &cap, member);
    }
    json_decref(root);
    if (!listed) {
        for (size_t i = 0; i < n; i++) free(members[i]);
        free(members);
        return NULL;
    }
    *count = n;
    return members;
}

/* The nearest dschema.json above path (a canonical file path), or NULL. */
static char *find_project(const char *path) {
    char *dir = copy(path);
    char *slash;
    while ((slash = strrchr(dir, '/'))) {
        *slash = '\0';
        char *candidate = malloc(strlen(dir) + sizeof "/dschema.json");
        if (!candidate) abort();
        sprintf(candidate, "%s/dschema.json", dir);
        FILE *f = fopen(candidate, "rb");
        if (f) {
            fclose(f);
            free(dir);
            return candidate;
        }
        free(candidate);
    }
    free(dir);
    return NULL;
}

/* ---- units ---- */

static lsp_unit *unit_find(lsp_server *srv, const char *key) {
    for (size_t i = 0; i < srv->unit_count; i++)
        if (strcmp(srv->units[i]->key, key) == 0) return srv->units[i];
    return NULL;
}

/* A unit of the given files (taken), registered with the server. */
static lsp_unit *unit_new(lsp_server *srv, char *key, char **files, size_t count) {
    lsp_unit *u = calloc(1, sizeof *u);
    if (!u) abort();
    u->key = key;
    u->uris = files;
    u->count = count;
    ds_arena_init(&u->arena);
    push((void ***)&srv->units, &srv->unit_count, &srv->unit_cap, u);
    return u;
}

/* Forget the unit's last build. */
static void unit_clear(lsp_unit *u) {
    if (u->schema) {
        for (size_t i = 0; i < u->schema->source_count; i++) free(u->lines[i].starts);
        free(u->lines);
        ds_schema_free(u->schema);
    }
    u->schema = NULL;
    u->lines = NULL;
    ds_arena_reset(&u->arena);
    u->refs = (ds_nav_refs){0};
    u->refs_ready = false;
}

static void unit_free(lsp_unit *u) {
    unit_clear(u);
    ds_arena_free(&u->arena);
    for (size_t i = 0; i < u->count; i++) free(u->uris[i]);
    free(u->uris);
    free(u->key);
    free(u);
}

/* The unit a document belongs to: its project's, or a new one of it alone.
   A unit's files are canonical paths, or the URI of a document that is not
   a local file. */
static lsp_unit *unit_of(lsp_server *srv, const char *uri) {
    char *raw = uri_path(uri), *path = raw ? canonical(raw) : NULL;
    free(raw);
    char *project = path ? find_project(path) : NULL;
    size_t count = 0;
    char **members = project ? project_members(project, path, &count) : NULL;
    if (members) {
        free(path);
        lsp_unit *u = unit_find(srv, project);
        if (u) {
            for (size_t i = 0; i < count; i++) free(members[i]);
            free(members);
            free(project);
            return u;
        }
        return unit_new(srv, project, members, count);
    }
    free(project);
    char *key = path ? path : copy(uri);
    lsp_unit *u = unit_find(srv, key);
    if (u) { free(key); return u; }
    char **one = malloc(sizeof *one);
    if (!one) abort();
    one[0] = copy(key);
    return unit_new(srv, key, one, 1);
}

/* ---- documents ---- */

lsp_doc *lsp_doc_find(lsp_server *srv, const char *uri) {
    for (size_t i = 0; i < srv->doc_count; i++)
        if (strcmp(srv->docs[i]->uri, uri) == 0) return srv->docs[i];
    return NULL;
}

/* The open document of a unit's file (a path or a URI), or NULL. */
static lsp_doc *doc_of_file(lsp_server *srv, const char *file) {
    for (size_t i = 0; i < srv->doc_count; i++) {
        lsp_doc *d = srv->docs[i];
        if (strcmp(d->uri, file) == 0) return d;
        char *raw = uri_path(d->uri), *path = raw ? canonical(raw) : NULL;
        bool same = path && strcmp(path, file) == 0;
        free(raw), free(path);
        if (same) return d;
    }
    return NULL;
}

void lsp_doc_open(lsp_server *srv, const char *uri, const char *text, size_t len) {
    lsp_doc *d = lsp_doc_find(srv, uri);
    if (!d) {
        d = calloc(1, sizeof *d);
        if (!d) abort();
        d->uri = copy(uri);
        push((void ***)&srv->docs, &srv->doc_count, &srv->doc_cap, d);
        d->unit = unit_of(srv, uri);
        d->unit->open_docs++;
    }
    free(d->text);
    d->text = copy_n(text, len);
    d->len = len;
    d->unit->dirty = d->unit->publish = true;
}

/* The UTF-8 byte length of the character at s[i] (1 for a stray byte). */
static size_t char_bytes(const char *s, size_t len, size_t i) {
    unsigned char c = (unsigned char)s[i];
    size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
    if (n > len - i) return 1;
    for (size_t k = 1; k < n; k++)
        if (((unsigned char)s[i + k] & 0xC0) != 0x80) return 1;
    return n;
}

/* Line starts as the protocol counts lines. */
static lsp_lines index_lines(const char *text, size_t len) {
    lsp_lines l = {0};
    size_t cap = 64;
    l.starts = malloc(cap * sizeof *l.starts);
    if (!l.starts) abort();
    l.starts[l.count++] = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '\n' && text[i] != '\r') continue;
        if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') i++;
        if (l.count == cap) {
            cap *= 2;
            l.starts = realloc(l.starts, cap * sizeof *l.starts);
            if (!l.starts) abort();
        }
        l.starts[l.count++] = i + 1;
    }
    return l;
}

/* The byte offset of (line, UTF-16 character) in text, clamped to the line;
   (size_t)-1 past the last line. */
static size_t text_offset(const char *text, size_t len, const lsp_lines *l, json_int_t line,
                          json_int_t ch) {
    if (line < 0 || (size_t)line >= l->count || ch < 0) return (size_t)-1;
    size_t i = l->starts[line];
    size_t end = (size_t)line + 1 < l->count ? l->starts[line + 1] : len;
    while (end > i && (text[end - 1] == '\n' || text[end - 1] == '\r')) end--;
    for (json_int_t units = 0; i < end && units < ch;) {
        size_t n = char_bytes(text, len, i);
        units += n == 4 ? 2 : 1;
        i += n;
    }
    return i;
}

bool lsp_doc_change(lsp_server *srv, lsp_doc *d, json_t *change) {
    const char *text = json_string_value(json_object_get(change, "text"));
    if (!text) return false;
    size_t tlen = json_string_length(json_object_get(change, "text"));
    json_t *range = json_object_get(change, "range");
    size_t from = 0, to = d->len;
    if (range) {
        lsp_lines l = index_lines(d->text, d->len);
        json_t *s = json_object_get(range, "start"), *e = json_object_get(range, "end");
        from = text_offset(d->text, d->len, &l,
                           json_integer_value(json_object_get(s, "line")),
                           json_integer_value(json_object_get(s, "character")));
        to = text_offset(d->text, d->len, &l, json_integer_value(json_object_get(e, "line")),
                         json_integer_value(json_object_get(e, "character")));
        free(l.starts);
        if (!json_is_object(s) || !json_is_object(e)) return false;
        if (from == (size_t)-1) from = d->len;  /* past the end: append */
        if (to == (size_t)-1) to = d->len;
        if (to < from) return false;
    }
    char *next = malloc(d->len - (to - from) + tlen + 1);
    if (!next) abort();
    memcpy(next, d->text, from);
    memcpy(next + from, text, tlen);
    memcpy(next + from + tlen, d->text + to, d->len - to);
    d->len = d->len - (to - from) + tlen;
    next[d->len] = '\0';
    free(d->text);
    d->text = next;
    d->unit->dirty = d->unit->publish = true;
    (void)srv;
    return true;
}

/* Remove a unit from the server and free it. */
static void unit_remove(lsp_server *srv, lsp_unit *u) {
    for (size_t i = 0; i < srv->unit_count; i++)
        if (srv->units[i] == u) {
            srv->units[i] = srv->units[--srv->unit_count];
            break;
        }
    unit_free(u);
}

void lsp_doc_close(lsp_server *srv, const char *uri) {
    lsp_doc *d = lsp_doc_find(srv, uri);
    if (!d) return;
    for (size_t i = 0; i < srv->doc_count; i++)
        if (srv->docs[i] == d) {
            srv->docs[i] = srv->docs[--srv->doc_count];
            break;
        }
    lsp_unit *u = d->unit;
    free(d->uri), free(d->text), free(d);
    if (--u->open_docs > 0) {  /* the closed file is read from disk now */
        u->dirty = u->publish = true;
        return;
    }
    /* Nothing of the unit is open: clear what was published for it. */
    if (u->schema)
        for (size_t i = 0; i < u->schema->source_count; i++)
            lsp_notify(srv, "textDocument/publishDiagnostics",
                       json_pack("{s:s, s:[]}", "uri", u->schema->sources[i].name, "diagnostics"));
    unit_remove(srv, u);
}

/* Rebuild the unit's schema from the open texts and the files on disk. */
static void unit_build(lsp_unit *u, lsp_server *srv) {
    unit_clear(u);
    ds_schema *s = ds_schema_new();
    for (size_t i = 0; i < u->count; i++) {
        lsp_doc *d = doc_of_file(srv, u->uris[i]);
        if (d) {
            ds_schema_parse(s, d->uri, d->text, d->len);
            continue;
        }
        size_t len;
        char *data = u->uris[i][0] == '/' ? read_file(u->uris[i], (size_t)256 << 20, &len) : NULL;
        if (!data) continue;  /* a listed file that cannot be read is left out */
        char *uri = path_uri(u->uris[i]);
        ds_schema_parse_adopt(s, uri, data, len);
        free(uri);
    }
    ds_schema_resolve(s);
    u->schema = s;
    u->lines = calloc(s->source_count ? s->source_count : 1, sizeof *u->lines);
    if (!u->lines) abort();
    u->dirty = false;
}

ds_schema *lsp_unit_schema(lsp_unit *u, lsp_server *srv) {
    if (u->dirty || !u->schema) unit_build(u, srv);
    return u->schema;
}

const ds_nav_refs *lsp_unit_refs(lsp_unit *u, lsp_server *srv) {
    ds_schema *s = lsp_unit_schema(u, srv);
    if (!u->refs_ready) {
        ds_nav_collect(s, &u->arena, &u->refs);
        u->refs_ready = true;
    }
    return &u->refs;
}

void lsp_docs_free(lsp_server *srv) {
    for (size_t i = 0; i < srv->doc_count; i++) {
        free(srv->docs[i]->uri), free(srv->docs[i]->text), free(srv->docs[i]);
    }
    for (size_t i = 0; i < srv->unit_count; i++) unit_free(srv->units[i]);
    free(srv->docs), free(srv->units);
    srv->docs = NULL, srv->units = NULL;
    srv->doc_count = srv->unit_count = 0;
}

/* ---- positions ---- */

uint16_t lsp_source_index(const lsp_unit *u, const char *uri) {
    for (size_t i = 0; u->schema && i < u->schema->source_count; i++)
        if (strcmp(u->schema->sources[i].name, uri) == 0) return (uint16_t)i;
    return UINT16_MAX;
}

const char *lsp_source_text(const lsp_unit *u, uint16_t file, size_t *len) {
    if (!u->schema || file >= u->schema->source_count) return NULL;
    *len = u->schema->sources[file].len;
    return u->schema->sources[file].data;
}

/* The line index of a source, built when first needed (a build that
   publishes no diagnostic and answers no request never needs it). */
static const lsp_lines *source_lines(const lsp_unit *u, uint16_t file) {
    lsp_lines *l = &u->lines[file];  /* a cache: filling it changes no answer */
    if (!l->starts) *l = index_lines(u->schema->sources[file].data, u->schema->sources[file].len);
    return l;
}

size_t lsp_offset(const lsp_unit *u, uint16_t file, json_t *position) {
    size_t len;
    const char *text = lsp_source_text(u, file, &len);
    if (!text || !json_is_object(position)) return (size_t)-1;
    return text_offset(text, len, source_lines(u, file),
                       json_integer_value(json_object_get(position, "line")),
                       json_integer_value(json_object_get(position, "character")));
}

/* The byte offset of a 1-based line and character column of the compiler. */
static size_t compiler_offset(const lsp_unit *u, uint16_t file, unsigned line, unsigned col) {
    size_t len, n;
    const char *text = lsp_source_text(u, file, &len);
    if (!text || line == 0) return 0;
    const char *at = ds_schema_source_line(u->schema, u->schema->sources[file].name, line, &n);
    if (!at) return len;
    size_t i = (size_t)(at - text), end = i + n;
    for (unsigned c = 1; c < col && i < end; c++) i += char_bytes(text, len, i);
    return i;
}

void lsp_span_bytes(const lsp_unit *u, ds_span span, size_t *start, size_t *end) {
    *start = compiler_offset(u, span.file, span.line, span.col);
    *end = compiler_offset(u, span.file, ds_span_end_line(span), span.end_col);
    if (*end < *start) *end = *start;
}

/* The protocol Position {line, character} of a byte offset. */
static json_t *position(const lsp_unit *u, uint16_t file, size_t offset) {
    size_t len;
    const char *text = lsp_source_text(u, file, &len);
    if (!text) return json_pack("{s:i, s:i}", "line", 0, "character", 0);
    const lsp_lines *l = source_lines(u, file);
    size_t lo = 0, hi = l->count;  /* the last line starting at or before offset */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (l->starts[mid] <= offset) lo = mid;
        else hi = mid;
    }
    json_int_t units = 0;
    for (size_t i = l->starts[lo]; i < offset && i < len;) {
        size_t n = char_bytes(text, len, i);
        units += n == 4 ? 2 : 1;
        i += n;
    }
    return json_pack("{s:I, s:I}", "line", (json_int_t)lo, "character", units);
}

/* A Range between two byte offsets. */
static json_t *range(const lsp_unit *u, uint16_t file, size_t start, size_t end) {
    return json_pack("{s:o, s:o}", "start", position(u, file, start), "end", position(u, file, end));
}

json_t *lsp_span_range(const lsp_unit *u, ds_span span) {
    size_t start, end;
    lsp_span_bytes(u, span, &start, &end);
    return range(u, span.file, start, end);
}

json_t *lsp_location_range(const lsp_unit *u, const ds_location *loc) {
    uint16_t file = loc->file ? lsp_source_index(u, loc->file) : 0;
    size_t start = compiler_offset(u, file, loc->line, loc->column);
    size_t end = compiler_offset(u, file, loc->end_line, loc->end_column);
    return range(u, file, start, end < start ? start : end);
}

json_t *lsp_span_location(const lsp_unit *u, ds_span span) {
    const char *uri = span.file < u->schema->source_count ? u->schema->sources[span.file].name : "";
    return json_pack("{s:s, s:o}", "uri", uri, "range", lsp_span_range(u, span));
}
