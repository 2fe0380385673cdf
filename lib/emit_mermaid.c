/* emit_mermaid.c: the data model as a Mermaid entity-relationship diagram
 * (-f mermaid), the picture GitHub draws from a ```mermaid block.
 *
 * Each model is an entity whose attributes are its fields (relationship
 * fields aside): the type (a list as `T[]`), the name, PK on identifier
 * fields, FK on the reference fields of its belongsTo fields, and a note
 * for required and list fields. Each relationship pair is one line from
 * the parent (the hasOne or hasMany side) to the child: `||--o{` for
 * hasMany, `||--o|` for hasOne, labelled "parentField / childField". Enums
 * and custom types are entities too, labelled "«enum» Name" and
 * "«type» Name" and tinted apart from the models: an enum lists its
 * values, a custom type its fields; the fields that use them name them as
 * their type.
 *
 * Mermaid's lexer takes some words as keywords (case-insensitively): an
 * entity named like one is written quoted, an attribute word PK, FK or UK
 * in backticks, so every name is drawn as it is spelt.
 */
#include <string.h>
#include <strings.h>

#include "diagram.h"
#include "phases.h"

/* Words the lexer of erDiagram reads as keywords where an entity name may
 * stand (mermaid 12, src/diagrams/er/parser/erDiagram.jison). */
static const char *const entity_keywords[] = {
    "erDiagram", "style", "classDef", "class", "subgraph", "end", "one", "many", "to",
    "accTitle", "accDescr"};

/* Words it reads as keys inside an entity's attribute block. */
static const char *const attribute_keywords[] = {"PK", "FK", "UK"};

/* Whether name is one of n words, ignoring case as Mermaid's lexer does. */
static bool is_keyword(const char *name, const char *const *words, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(name, words[i]) == 0) return true;
    return false;
}

/* An entity's name, quoted when Mermaid would read it as a keyword. */
static void put_entity(ds_buf *b, const char *name) {
    if (is_keyword(name, entity_keywords, sizeof entity_keywords / sizeof *entity_keywords))
        ds_buf_printf(b, "\"%s\"", name);
    else
        ds_buf_puts(b, name);
}

/* A word of an attribute (its type, with [] for a list, or its name), in
 * backticks when Mermaid would read it as a key. */
static void put_attribute_word(ds_buf *b, const char *word, bool list) {
    const char *quote =
        is_keyword(word, attribute_keywords, sizeof attribute_keywords / sizeof *attribute_keywords)
            ? "`" : "";
    ds_buf_printf(b, "%s%s%s%s", quote, word, list ? "[]" : "", quote);
}

/* One attribute line: `type[] name KEYS "note"`. */
static void put_attribute(ds_buf *b, const char *type, bool list, const char *name,
                          const char *keys, const char *note) {
    ds_buf_puts(b, "        ");
    put_attribute_word(b, type, list);
    ds_buf_putc(b, ' ');
    put_attribute_word(b, name, false);
    if (keys) ds_buf_printf(b, " %s", keys);
    if (note) ds_buf_printf(b, " \"%s\"", note);
    ds_buf_putc(b, '\n');
}

/* The keys of a model's field: "PK", "FK", "PK, FK" or NULL. */
static const char *field_keys(const ds_field *f) {
    bool pk = ds_diagram_is_key(f), fk = ds_diagram_is_reference(f);
    return pk && fk ? "PK, FK" : pk ? "PK" : fk ? "FK" : NULL;
}

/* The attribute of a field that is not a relationship. */
static void put_field(ds_buf *b, const ds_field *f) {
    put_attribute(b, ds_diagram_type_name(f), ds_diagram_is_list(f), f->name.text, field_keys(f),
                  ds_diagram_modifier_words(f));
}

/* A model: its fields, the implicit id first when it has one. */
static void emit_model(ds_buf *b, const ds_decl *m) {
    ds_buf_puts(b, "    ");
    put_entity(b, m->name.text);
    ds_buf_puts(b, " {\n");
    if (ds_diagram_implicit_id(m)) put_attribute(b, "ID", false, "id", "PK", "required");
    for (size_t i = 0; i < m->field_count; i++)
        if (m->fields[i]->kind != DS_FIELD_RELATION) put_field(b, m->fields[i]);
    ds_buf_puts(b, "    }\n");
}

/* A UML stereotype in UTF-8 guillemets: «word». */
#define GUILLEMETS(word) "\xc2\xab" word "\xc2\xbb"

/* An enum or custom type, labelled with its kind. */
static void emit_value_type(ds_buf *b, const ds_decl *d) {
    bool is_enum = d->kind == DS_DECL_ENUM;
    ds_buf_puts(b, "    ");
    put_entity(b, d->name.text);
    ds_buf_printf(b, "[\"%s %s\"]:::%s {\n", is_enum ? GUILLEMETS("enum") : GUILLEMETS("type"),
                  d->name.text, is_enum ? "enumType" : "customType");
    if (is_enum)
        for (size_t i = 0; i < d->values.count; i++)
            put_attribute(b, "value", false, d->values.items[i].text, NULL, NULL);
    else
        for (size_t i = 0; i < d->field_count; i++) put_field(b, d->fields[i]);
    ds_buf_puts(b, "    }\n");
}

/* The line of one relationship pair, from the parent to the child. */
static void emit_line(ds_buf *b, const ds_field *f) {
    const ds_field *other = f->rel->counterpart;
    ds_buf_puts(b, "    ");
    put_entity(b, f->owner->name.text);
    switch (f->rel->kind) {
    case DS_REL_HAS_MANY: ds_buf_puts(b, " ||--o{ "); break;
    case DS_REL_HAS_ONE: ds_buf_puts(b, " ||--o| "); break;
    case DS_REL_BELONGS_TO: default: ds_buf_puts(b, " }o--o| "); break;
    }
    put_entity(b, f->rel->target->name.text);
    if (other) ds_buf_printf(b, " : \"%s / %s\"\n", f->name.text, other->name.text);
    else ds_buf_printf(b, " : \"%s\"\n", f->name.text);
}

/* The dotted line from a field to the enum or custom type it uses: many
 * rows may hold the same value; each holds one (|| when required, o|
 * when not) or, in a list, any number. */
static void emit_use(ds_buf *b, const ds_field *f, const ds_decl *type) {
    ds_buf_puts(b, "    ");
    put_entity(b, f->owner->name.text);
    ds_buf_puts(b, ds_diagram_is_list(f) ? " }o..o{ " : f->type.required ? " }o..|| " : " }o..o| ");
    put_entity(b, type->name.text);
    ds_buf_printf(b, " : \"%s\"\n", f->name.text);  /* a bare label may be a keyword */
}

/* The tints of enums and custom types (:::enumType on the entity: a
 * `class` statement cannot name a quoted entity). */
static const char classes[] = "    classDef enumType fill:#fff4d6,stroke:#c9a227\n"
                              "    classDef customType fill:#e6f4ea,stroke:#5a9e6f\n";

void ds_emit_mermaid(const ds_schema *s, ds_arena *scratch, ds_buf *out) {
    ds_diagram_boxes boxes = ds_diagram_collect(s, scratch);
    /* left to right: a big schema grows down the page rather than past its width */
    ds_buf_puts(out, "erDiagram\n    direction LR\n");
    ds_buf_puts(out, classes);
    for (size_t i = 0; i < boxes.count; i++) {
        const ds_decl *d = boxes.items[i];
        if (d->kind == DS_DECL_MODEL) emit_model(out, d);
        else emit_value_type(out, d);
    }
    for (size_t i = 0; i < boxes.count; i++) {
        const ds_decl *d = boxes.items[i];
        if (d->kind != DS_DECL_MODEL) continue;
        for (size_t j = 0; j < d->field_count; j++)
            if (ds_diagram_draws_line(d->fields[j])) emit_line(out, d->fields[j]);
    }
    for (size_t i = 0; i < boxes.count; i++) {
        const ds_decl *d = boxes.items[i];
        for (size_t j = 0; d->kind != DS_DECL_ENUM && j < d->field_count; j++)
            if (ds_diagram_value_type(d->fields[j]))
                emit_use(out, d->fields[j], ds_diagram_value_type(d->fields[j]));
    }
}
