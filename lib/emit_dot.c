/* emit_dot.c: the data model as a Graphviz digraph (-f dot), for
 * `dot -Tsvg` in a documentation pipeline.
 *
 * Each model is a table: its name, then a row a field (the implicit id
 * first when it has one) with its keys (PK on identifier fields, FK on
 * the reference fields of its belongsTo fields), its name and its type in
 * GraphQL notation (`[String!]!`). Each relationship pair is one edge from
 * the parent's hasOne or hasMany row to the child's belongsTo row, crow's
 * feet at the child (zero or more for hasMany, zero or one for hasOne),
 * labelled "parentField / childField"; a self-relation loops on its box.
 * Enums (their values) and custom types (their fields) are tables of
 * their own colour, and a dashed edge goes from each field that uses one
 * to it. The graph runs left to right, so parents stand left of their
 * children and edges leave and enter rows sideways.
 *
 * Every node, port and label is quoted, so no name is taken for a DOT
 * keyword or a compass point.
 */
#include <string.h>

#include "diagram.h"
#include "phases.h"

/* Colours of the table headers and of the secondary edges. */
#define MODEL_FILL "#cfe0f5"
#define ENUM_FILL "#fff4d6"
#define TYPE_FILL "#e6f4ea"
#define USE_COLOR "#8c8c8c"

/* Text inside an HTML-like label, with &, <, > and " escaped. */
static void put_html(ds_buf *b, const char *text) {
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '&': ds_buf_puts(b, "&amp;"); break;
        case '<': ds_buf_puts(b, "&lt;"); break;
        case '>': ds_buf_puts(b, "&gt;"); break;
        case '"': ds_buf_puts(b, "&quot;"); break;
        default: ds_buf_putc(b, *p); break;
        }
    }
}

/* The inside of a DOT quoted string, with " and \ escaped. */
static void put_escaped(ds_buf *b, const char *text) {
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '"' || *p == '\\') ds_buf_putc(b, '\\');
        ds_buf_putc(b, *p);
    }
}

/* A DOT quoted string: "text". */
static void put_quoted(ds_buf *b, const char *text) {
    ds_buf_putc(b, '"');
    put_escaped(b, text);
    ds_buf_putc(b, '"');
}

/* A row's port on one side: "l_name" (left) or "r_name" (right), quoted. */
static void put_port(ds_buf *b, char side, const char *field) {
    ds_buf_printf(b, "\"%c_", side);
    put_escaped(b, field);
    ds_buf_putc(b, '"');
}

/* The opening of a table node: `"Name" [label=<<table ...><tr>header</tr>`. */
static void begin_table(ds_buf *b, const ds_decl *d, const char *fill, const char *kind) {
    ds_buf_puts(b, "  ");
    put_quoted(b, d->name.text);
    ds_buf_printf(b, " [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
                     "cellpadding=\"4\">\n    <tr><td colspan=\"3\" bgcolor=\"%s\">", fill);
    if (kind) ds_buf_printf(b, "&laquo;%s&raquo; ", kind);
    ds_buf_puts(b, "<b>");
    put_html(b, d->name.text);
    ds_buf_puts(b, "</b></td></tr>\n");
}

/* The close of a table node. */
static void end_table(ds_buf *b) { ds_buf_puts(b, "  </table>>];\n"); }

/* One row: keys | name | type, with a port on the left and the right cell. */
static void put_row(ds_buf *b, const char *keys, const char *name, const char *type) {
    ds_buf_puts(b, "    <tr><td port=");
    put_port(b, 'l', name);
    ds_buf_puts(b, ">");
    ds_buf_puts(b, keys ? keys : " ");
    ds_buf_puts(b, "</td><td align=\"left\">");
    put_html(b, name);
    ds_buf_puts(b, "</td><td align=\"left\" port=");
    put_port(b, 'r', name);
    ds_buf_puts(b, ">");
    put_html(b, type);
    ds_buf_puts(b, "</td></tr>\n");
}

/* A field's type in GraphQL notation: T, T!, [T], [T!], [T]!, [T!]!. */
static const char *type_text(ds_arena *scratch, const ds_field *f) {
    const char *base = ds_diagram_type_name(f);
    ds_type relation = {.list = ds_diagram_is_list(f)};  /* relationships are nullable */
    const ds_type *t = f->kind == DS_FIELD_RELATION ? &relation : &f->type;
    return ds_arena_printf(scratch, "%s%s%s%s%s", t->list ? "[" : "", base ? base : "",
                           t->required ? "!" : "", t->list ? "]" : "",
                           t->list && t->list_required ? "!" : "");
}

/* The keys of a model's field: "PK", "FK", "PK FK" or NULL. */
static const char *field_keys(const ds_field *f) {
    bool pk = ds_diagram_is_key(f), fk = ds_diagram_is_reference(f);
    return pk && fk ? "PK FK" : pk ? "PK" : fk ? "FK" : NULL;
}

/* A model's table. */
static void emit_model(ds_buf *b, ds_arena *scratch, const ds_decl *m) {
    begin_table(b, m, MODEL_FILL, NULL);
    if (ds_diagram_implicit_id(m)) put_row(b, "PK", "id", "ID!");
    for (size_t i = 0; i < m->field_count; i++) {
        const ds_field *f = m->fields[i];
        put_row(b, field_keys(f), f->name.text, type_text(scratch, f));
    }
    end_table(b);
}

/* An enum's or custom type's table. */
static void emit_value_type(ds_buf *b, ds_arena *scratch, const ds_decl *d) {
    if (d->kind == DS_DECL_ENUM) {
        begin_table(b, d, ENUM_FILL, "enum");
        for (size_t i = 0; i < d->values.count; i++) {
            ds_buf_puts(b, "    <tr><td colspan=\"3\" align=\"left\">");
            put_html(b, d->values.items[i].text);
            ds_buf_puts(b, "</td></tr>\n");
        }
    } else {
        begin_table(b, d, TYPE_FILL, "type");
        for (size_t i = 0; i < d->field_count; i++)
            put_row(b, NULL, d->fields[i]->name.text, type_text(scratch, d->fields[i]));
    }
    end_table(b);
}

/* An edge end: "Node":"x_field":side. */
static void put_end(ds_buf *b, const ds_field *f, char side) {
    put_quoted(b, f->owner->name.text);
    ds_buf_putc(b, ':');
    put_port(b, side, f->name.text);
    ds_buf_puts(b, side == 'l' ? ":w" : ":e");
}

/* The edge of one relationship pair, from the parent's row to the child's. */
static void emit_relation(ds_buf *b, ds_arena *scratch, const ds_field *f) {
    const ds_field *other = f->rel->counterpart;
    const char *label = other ? ds_arena_printf(scratch, "%s / %s", f->name.text, other->name.text)
                              : f->name.text;
    bool self = f->rel->target == f->owner;
    ds_buf_puts(b, "  ");
    put_end(b, f, 'r');
    ds_buf_puts(b, " -> ");
    if (other) put_end(b, other, self ? 'r' : 'l');
    else put_quoted(b, f->rel->target->name.text);
    /* dot sets a self-loop's label far off its loop; an xlabel stays by it */
    ds_buf_puts(b, self ? " [xlabel=" : " [label=");
    put_quoted(b, label);
    ds_buf_printf(b, ", dir=both, arrowtail=teetee, arrowhead=%s];\n",
                  f->rel->kind == DS_REL_HAS_MANY ? "crowodot" : "teeodot");
}

/* The dashed edge from a field to the enum or custom type it uses. */
static void emit_use(ds_buf *b, const ds_field *f, const ds_decl *type) {
    ds_buf_puts(b, "  ");
    put_end(b, f, 'r');
    ds_buf_puts(b, " -> ");
    put_quoted(b, type->name.text);
    ds_buf_puts(b, " [style=dashed, color=\"" USE_COLOR "\", arrowhead=empty];\n");
}

/* Every edge leaving the rows of one box. */
static void emit_edges(ds_buf *b, ds_arena *scratch, const ds_decl *d) {
    if (d->kind == DS_DECL_ENUM) return;
    for (size_t i = 0; i < d->field_count; i++) {
        const ds_field *f = d->fields[i];
        const ds_decl *type = ds_diagram_value_type(f);
        if (ds_diagram_draws_line(f)) emit_relation(b, scratch, f);
        else if (type) emit_use(b, f, type);
    }
}

void ds_emit_dot(const ds_schema *s, ds_arena *scratch, ds_buf *out) {
    ds_diagram_boxes boxes = ds_diagram_collect(s, scratch);
    ds_buf_puts(out, "digraph dschema {\n"
                     "  graph [rankdir=LR, nodesep=0.4, ranksep=0.9, "
                     "fontname=\"Helvetica,Arial,sans-serif\"];\n"
                     "  node [shape=plain, fontname=\"Helvetica,Arial,sans-serif\", fontsize=10];\n"
                     "  edge [fontname=\"Helvetica,Arial,sans-serif\", fontsize=9];\n");
    for (size_t i = 0; i < boxes.count; i++) {
        const ds_decl *d = boxes.items[i];
        if (d->kind == DS_DECL_MODEL) emit_model(out, scratch, d);
        else emit_value_type(out, scratch, d);
    }
    for (size_t i = 0; i < boxes.count; i++) emit_edges(out, scratch, boxes.items[i]);
    ds_buf_puts(out, "}\n");
}
