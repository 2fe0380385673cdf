/* diag.c: recording, sorting and rendering diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* A name longer than this is shown clipped: a message quotes names, and a
 * 100 KB type name should not make a 200 KB message. Longer than any
 * sentence the resolver composes, so only a name this long is clipped. */
#define MESSAGE_ARG_MAX 1024

/* vprintf into the schema's arena, clipping absurdly long arguments. */
static char *vformat(ds_schema *s, const char *fmt, va_list ap) {
    ds_buf b = {0};
    b.clip_over = MESSAGE_ARG_MAX;
    ds_buf_vprintf(&b, fmt, ap);
    char *p = ds_arena_strndup(&s->arena, b.data ? b.data : "", b.len);
    ds_buf_free(&b);
    return p;
}

/* A public location for a span. */
static ds_location locate(const ds_schema *s, ds_span span) {
    ds_location loc = {0};
    if (span.file < s->source_count) loc.file = s->sources[span.file].name;
    loc.line = span.line;
    loc.column = span.col;
    loc.end_line = ds_span_end_line(span);
    loc.end_column = span.end_col;
    return loc;
}

/* Record a new diagnostic, or the scratch one past the cap. */
static ds_diag *report(ds_schema *s, ds_severity sev, ds_span span, const char *code,
                       const char *fmt, va_list ap) {
    ds_diag *d;
    if (sev == DS_SEVERITY_ERROR) s->error_count++;
    else s->warning_count++;
    size_t seen = sev == DS_SEVERITY_ERROR ? s->error_count : s->warning_count;
    if (s->max_errors && seen > s->max_errors) {
        d = &s->sunk;
        memset(d, 0, sizeof *d);
        d->pub.message = "";
        return d;
    }
    d = ds_arena_alloc(&s->arena, sizeof *d);
    d->pub.severity = sev;
    d->pub.code = code;
    d->pub.location = locate(s, span);
    d->pub.message = vformat(s, fmt, ap);
    d->seq = s->diag_count;
    d->file = span.file < s->source_count ? span.file : SIZE_MAX;
    DS_PUSH(&s->arena, s->diags, s->diag_count, s->diag_cap, d);
    s->diags_sorted = false;
    return d;
}

ds_diag *ds_error(ds_schema *s, ds_span span, const char *code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ds_diag *d = report(s, DS_SEVERITY_ERROR, span, code, fmt, ap);
    va_end(ap);
    return d;
}

ds_diag *ds_warning(ds_schema *s, ds_span span, const char *code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ds_diag *d = report(s, DS_SEVERITY_WARNING, span, code, fmt, ap);
    va_end(ap);
    return d;
}

void ds_note_at(ds_schema *s, ds_diag *d, ds_span span, const char *fmt, ...) {
    if (d == &s->sunk) return;
    va_list ap;
    va_start(ap, fmt);
    ds_note note = {locate(s, span), vformat(s, fmt, ap)};
    va_end(ap);
    DS_PUSH(&s->arena, d->notes, d->pub.note_count, d->note_cap, note);
    d->pub.notes = d->notes;
}

void ds_hint(ds_schema *s, ds_diag *d, const char *fmt, ...) {
    if (d == &s->sunk) return;
    va_list ap;
    va_start(ap, fmt);
    d->pub.hint = vformat(s, fmt, ap);
    va_end(ap);
}

void ds_suggest(ds_schema *s, ds_diag *d, ds_span span, const char *text) {
    if (d == &s->sunk || !text || !span.line) return;
    d->pub.replacement = ds_arena_strdup(&s->arena, text);
    d->pub.replace_at = locate(s, span);
}

size_t ds_edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return (size_t)-1;  /* long names are never typos of each other */
    /* Optimal string alignment: insertions, deletions, substitutions, and
       swaps of two neighbours (modle -> model is one edit). */
    size_t rows[3][65], *prev2 = rows[0], *prev = rows[1], *row = rows[2];
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            row[j] = best;
        }
        size_t *t = prev2;
        prev2 = prev, prev = row, row = t;
    }
    return prev[lb];
}

/* Lower-case ASCII copy for case-insensitive comparison, truncated to 64. */
static void fold(const char *s, char out[65]) {
    size_t i = 0;
    for (; s[i] && i < 64; i++) out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    out[i] = '\0';
}

const char *ds_closest(const char *name, const char *const *candidates, size_t count) {
    char want[65], have[65];
    fold(name, want);
    size_t len = strlen(want), best = (size_t)-1;
    const char *found = NULL;
    for (size_t i = 0; i < count; i++) {
        if (!candidates[i]) continue;
        fold(candidates[i], have);
        size_t d = ds_edit_distance(want, have);
        if (d < best) best = d, found = candidates[i];
    }
    /* A third of the name, at least one edit and at most three. */
    size_t limit = len / 3;
    if (limit < 1) limit = 1;
    if (limit > 3) limit = 3;
    return best <= limit ? found : NULL;
}

/* ---- reading ---- */

/* Order two diagnostics by file (in the order files were parsed; none
 * last), line, column, then discovery. */
static int compare_diags(const void *pa, const void *pb) {
    const ds_diag *a = *(ds_diag *const *)pa, *b = *(ds_diag *const *)pb;
    if (a->file != b->file) return a->file < b->file ? -1 : 1;
    if (a->pub.location.line != b->pub.location.line)
        return a->pub.location.line < b->pub.location.line ? -1 : 1;
    if (a->pub.location.column != b->pub.location.column)
        return a->pub.location.column < b->pub.location.column ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Sort the diagnostics (stable: discovery breaks ties). */
static void sort_diags(ds_schema *s) {
    if (s->diags_sorted) return;
    if (s->diag_count > 1) qsort(s->diags, s->diag_count, sizeof *s->diags, compare_diags);
    s->diags_sorted = true;
}

size_t ds_schema_error_count(const ds_schema *s) { return s->error_count; }
size_t ds_schema_warning_count(const ds_schema *s) { return s->warning_count; }
size_t ds_schema_diagnostic_count(const ds_schema *s) { return s->diag_count; }

const ds_diagnostic *ds_schema_diagnostic(const ds_schema *cs, size_t index) {
    ds_schema *s = (ds_schema *)cs;  /* sorting is a cache, not a change */
    if (index >= s->diag_count) return NULL;
    sort_diags(s);
    return &s->diags[index]->pub;
}

/* ---- rendering ---- */

/* Length of the line break at data[i], or 0 when there is none. Lines
   break where libyaml breaks them: LF, CR LF, a lone CR, and the UTF-8 of
   NEL (U+0085), LS (U+2028) and PS (U+2029). */
static size_t line_break(const char *data, size_t len, size_t i) {
    const unsigned char *u = (const unsigned char *)data;
    if (u[i] == '\n') return 1;
    if (u[i] == '\r') return i + 1 < len && u[i + 1] == '\n' ? 2 : 1;
    if (u[i] == 0xC2 && i + 1 < len && u[i + 1] == 0x85) return 2;
    if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
        return 3;
    return 0;
}

/* Whether a byte can start a line break (most bytes cannot: a fast path). */
static bool may_break(unsigned char c) { return c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2; }

/* Index the line starts of a source once. */
static void index_lines(ds_schema *s, ds_source *src) {
    if (src->line_starts) return;
    const unsigned char *u = (const unsigned char *)src->data;
    size_t count = 1;
    for (size_t i = 0, n; i < src->len; i += n ? n : 1)
        if (may_break(u[i]) && (n = line_break(src->data, src->len, i))) count++;
        else n = 0;
    src->line_starts = ds_arena_alloc(&s->arena, count * sizeof *src->line_starts);
    size_t k = 0;
    src->line_starts[k++] = 0;
    for (size_t i = 0, n; i < src->len; i += n ? n : 1)
        if (may_break(u[i]) && (n = line_break(src->data, src->len, i))) src->line_starts[k++] = i + n;
        else n = 0;
    src->line_count = count;
}

const char *ds_schema_source_line(const ds_schema *cs, const char *file, unsigned line,
                                  size_t *len) {
    ds_schema *s = (ds_schema *)cs;  /* the line index is a cache */
    for (size_t i = 0; i < s->source_count; i++) {
        ds_source *src = &s->sources[i];
        if (src->name != file && (!file || strcmp(src->name, file) != 0)) continue;
        index_lines(s, src);
        if (line == 0 || line > src->line_count) return NULL;
        size_t start = src->line_starts[line - 1];
        size_t end = src->len;
        if (line < src->line_count) {
            /* The next line starts after this one's break: find the break. */
            size_t next = src->line_starts[line];
            end = start;
            while (end < next && !line_break(src->data, src->len, end)) end++;
        }
        *len = end - start;
        return src->data + start;
    }
    return NULL;
}

/* Byte length of the well-formed UTF-8 sequence at text[i], or 0 when the
   bytes there are not UTF-8 (each such byte then counts as one character). */
static size_t utf8_valid(const char *text, size_t len, size_t i) {
    const unsigned char *u = (const unsigned char *)text + i;
    size_t left = len - i;
    if (u[0] < 0x80) return 1;
    size_t n = u[0] >= 0xC2 && u[0] <= 0xDF ? 2 : u[0] >= 0xE0 && u[0] <= 0xEF ? 3
             : u[0] >= 0xF0 && u[0] <= 0xF4 ? 4 : 0;
    if (n == 0 || n > left) return 0;
    for (size_t k = 1; k < n; k++)
        if ((u[k] & 0xC0) != 0x80) return 0;
    /* Overlong forms, surrogates and code points past U+10FFFF. */
    if ((u[0] == 0xE0 && u[1] < 0xA0) || (u[0] == 0xED && u[1] >= 0xA0) ||
        (u[0] == 0xF0 && u[1] < 0x90) || (u[0] == 0xF4 && u[1] >= 0x90))
        return 0;
    return n;
}

/* Bytes of the character at text[i]: a UTF-8 sequence, or one stray byte. */
static size_t char_len(const char *text, size_t len, size_t i) {
    size_t n = utf8_valid(text, len, i);
    return n ? n : 1;
}

/* Excerpts show at most this many characters of a line, around the caret. */
#define EXCERPT_WIDTH 160

/* Byte offset of character number ch (0-based) of text, or len. */
static size_t char_offset(const char *text, size_t len, unsigned ch) {
    size_t i = 0;
    for (; i < len && ch > 0; ch--) i += char_len(text, len, i);
    return i < len ? i : len;
}

/* Number of characters in text. */
static unsigned char_count(const char *text, size_t len) {
    unsigned n = 0;
    for (size_t i = 0; i < len; i += char_len(text, len, i)) n++;
    return n;
}

ds_span ds_span_of_text(const ds_schema *s, ds_span span, const char *text) {
    size_t len, want = text ? strlen(text) : 0;
    if (!want || span.file >= s->source_count) return span;
    const char *line = ds_schema_source_line(s, s->sources[span.file].name, span.line, &len);
    if (!line || span.col == 0) return span;
    size_t from = char_offset(line, len, span.col - 1);
    size_t to = span.end_lines == 0 && span.end_col > span.col
                    ? char_offset(line, len, span.end_col - 1) : len;
    for (size_t i = from; i + want <= to; i += char_len(line, len, i)) {
        if (memcmp(line + i, text, want) != 0) continue;
        uint32_t col = span.col + char_count(line + from, i - from);
        return ds_span_make(span.file, span.line, col, span.line, col + char_count(text, want));
    }
    return span;
}

/* Print the source line and a caret line under columns [col, end_col).
   A line longer than EXCERPT_WIDTH shows a window around the caret, with
   "..." where it was cut. */
static void render_excerpt(ds_buf *b, const char *text, size_t len, unsigned line,
                           unsigned col, unsigned end_col, int color) {
    unsigned chars = char_count(text, len), first = 0, last = chars;
    if (chars > EXCERPT_WIDTH) {
        first = col > EXCERPT_WIDTH / 3 ? col - 1 - EXCERPT_WIDTH / 3 : 0;
        last = first + EXCERPT_WIDTH < chars ? first + EXCERPT_WIDTH : chars;
    }
    size_t from = char_offset(text, len, first), to = char_offset(text, len, last);
    const char *cut_left = first > 0 ? "..." : "", *cut_right = last < chars ? "..." : "";

    char gutter[32];
    int width = snprintf(gutter, sizeof gutter, "%5u", line);
    ds_buf_printf(b, "%s | %s", gutter, cut_left);
    for (size_t i = from; i < to;) {
        unsigned char c = (unsigned char)text[i];
        size_t n = utf8_valid(text, len, i);
        /* Control characters and bytes that are not UTF-8 would garble a
           terminal: show each as '?'. */
        int c1_control = c == 0xC2 && n == 2 && (unsigned char)text[i + 1] < 0xA0;
        if (!n || c1_control || (c < 0x20 && c != '\t') || c == 0x7f) {
            ds_buf_putc(b, '?');
            i += n ? n : 1;
        } else {
            ds_buf_add(b, text + i, n);
            i += n;
        }
    }
    ds_buf_printf(b, "%s\n%*s | %*s", cut_right, width, "", (int)strlen(cut_left), "");
    if (color) ds_buf_puts(b, "\033[1;32m");
    unsigned ch = first + 1;
    for (size_t i = from; i < to && ch < col; i += char_len(text, len, i), ch++)
        ds_buf_putc(b, text[i] == '\t' ? '\t' : ' ');
    ds_buf_putc(b, '^');
    /* The underline stops at the span's end or the shown part of the line. */
    unsigned stop = end_col > col ? end_col : col + 1;
    if (stop > last + 1) stop = last + 1 > col ? last + 1 : col + 1;
    for (unsigned c = col + 1; c < stop; c++) ds_buf_putc(b, '~');
    if (color) ds_buf_puts(b, "\033[0m");
    ds_buf_putc(b, '\n');
}

/* "file:line:col: " for a location. */
static void render_where(ds_buf *b, const ds_location *loc, int color) {
    if (color) ds_buf_puts(b, "\033[1m");
    ds_buf_puts(b, loc->file ? loc->file : "<input>");
    if (loc->line) ds_buf_printf(b, ":%u:%u", loc->line, loc->column);
    ds_buf_puts(b, ": ");
    if (color) ds_buf_puts(b, "\033[0m");
}

/* One located message with its excerpt. */
static void render_one(const ds_schema *s, ds_buf *b, const ds_location *loc, const char *label,
                       const char *label_color, const char *message, int color) {
    render_where(b, loc, color);
    if (color) ds_buf_printf(b, "\033[%sm%s:\033[0m ", label_color, label);
    else ds_buf_printf(b, "%s: ", label);
    if (color) ds_buf_puts(b, "\033[1m");
    ds_buf_puts(b, message);
    if (color) ds_buf_puts(b, "\033[0m");
    ds_buf_putc(b, '\n');
    size_t len;
    const char *text = loc->line ? ds_schema_source_line(s, loc->file, loc->line, &len) : NULL;
    if (text) {
        unsigned end = loc->end_line == loc->line ? loc->end_column : 0;
        render_excerpt(b, text, len, loc->line, loc->column ? loc->column : 1, end, color);
    }
}

char *ds_diagnostic_render(const ds_schema *s, const ds_diagnostic *d,
                           const ds_render_options *options) {
    int color = options && options->color;
    ds_buf b = {0};
    int err = d->severity == DS_SEVERITY_ERROR;
    render_one(s, &b, &d->location, err ? "error" : "warning", err ? "1;31" : "1;35",
               d->message, color);
    if (d->hint) {
        if (color) ds_buf_printf(&b, "\033[1;36mhint:\033[0m %s\n", d->hint);
        else ds_buf_printf(&b, "hint: %s\n", d->hint);
    }
    for (size_t i = 0; i < d->note_count; i++)
        render_one(s, &b, &d->notes[i].location, "note", "1;36", d->notes[i].message, color);
    return ds_buf_detach(&b, NULL);
}
