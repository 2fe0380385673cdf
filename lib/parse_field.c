/* parse_field.c: fields, type strings and enum values (FORMAT.md, FIELD).
 *
 * Whether a ref names a declared enum or custom type, whether a default
 * suits its type, and what relationships link are the resolver's; here
 * the shape of each field is read and checked.
 */
#include <ctype.h>
#include <string.h>

#include "parse_internal.h"

static const char type_hint[] =
    "a type is T, T!, [T], [T!], [T]! or [T!]!, where T is a scalar such as string or "
    "the name of an enum or custom type";

/* "Team.members", for messages. */
static const char *field_label(ds_parser *p, const ds_field *f) { return ds_parse_field_label(p, f); }

/* "the field Team.members", "the argument id of the query getTeam". */
static const char *field_noun(ds_parser *p, const ds_field *f) {
    if (f->owner && !f->owner->implicit && f->owner->kind >= DS_DECL_QUERY) return field_label(p, f);
    return ds_arena_printf(&p->tmp, "the field %s", field_label(p, f));
}

/* "teamId" for "Team": the usual name of a field holding Team's key. */
static const char *key_field_for(ds_parser *p, const char *model) {
    if (!model || !*model) return "parentId";
    char first = model[0] >= 'A' && model[0] <= 'Z' ? (char)(model[0] + 32) : model[0];
    return ds_arena_printf(&p->tmp, "%c%sId", first, ds_parse_clip(p, model + 1));
}

/* What is wrong after the type's name (at c), or NULL. */
static const char *type_tail_problem(ds_parser *p, const char *c) {
    if (*c == '!') return "has two exclamation marks";
    if (*c == ']') return "has a closing bracket without an opening one";
    if (c[0] == '[' && c[1] == ']') return "puts its brackets after the name (a list of T is [T])";
    if (isspace((unsigned char)*c)) return "contains a space";
    if (*c) return ds_arena_printf(&p->tmp, "contains the character '%s'", ds_parse_char_at(p, c));
    return NULL;
}

/* The len bytes of a type's base name as a string, and the scalar it
 * names: a scalar's spelling is shared (half a million fields need no
 * half a million copies of "string"), any other name copied. */
static const char *base_name(ds_parser *p, const char *name, size_t len, ds_scalar *scalar) {
    char spelt[16];
    *scalar = DS_SCALAR_NONE;
    if (len < sizeof spelt) {
        memcpy(spelt, name, len);
        spelt[len] = '\0';
        *scalar = ds_scalar_lookup(spelt);
    }
    if (*scalar == DS_SCALAR_NONE) return ds_arena_strndup(&p->s->arena, name, len);
    const char *builder = ds_scalar_builder_name(*scalar);
    return strcmp(builder, spelt) == 0 ? builder : ds_scalar_graphql_name(*scalar);
}

/* TYPE := NAME | NAME! | [NAME] | [NAME!] | [NAME]! | [NAME!]!
 * Reads t into *out; returns what is wrong ("has no closing bracket"), or NULL. */
static const char *read_type_string(ds_parser *p, const char *t, ds_type *out) {
    const char *c = t;
    if (!*c) return "is empty";
    bool list = *c == '[';
    if (list) c++;
    if (*c == '[') return "is a list of lists, which the format does not have";
    const char *name = c;
    while (*c == '_' || (isalnum((unsigned char)*c) && (unsigned char)*c < 0x80)) c++;
    size_t len = (size_t)(c - name);
    if (len == 0) {
        if (list && *c == ']') return "has no type name in its brackets";
        if (*c == '!') return "has a ! with no type name before it";
        if (!*c) return list ? "has no closing bracket" : "is empty";
        return type_tail_problem(p, c);
    }
    if (isdigit((unsigned char)*name)) return "has a name that starts with a digit";
    if (*c == '!') out->required = true, c++;
    if (list) {
        if (!*c) return "has no closing bracket";
        if (*c != ']') return type_tail_problem(p, c);
        c++;
        if (*c == '!') out->list_required = true, c++;
    }
    const char *problem = type_tail_problem(p, c);
    if (problem) return problem;
    out->list = list;
    out->base = base_name(p, name, len, &out->scalar);
    return NULL;
}

/* "[text]", in p->tmp. */
static const char *bracketed(ds_parser *p, const char *text) {
    size_t len = strlen(text);
    char *out = ds_arena_alloc_raw(&p->tmp, len + 3);
    out[0] = '[';
    memcpy(out + 1, text, len);
    out[len + 1] = ']';
    out[len + 2] = '\0';
    return out;
}

/* TYPE_VALUE := TYPE (a string) | [TYPE] (a YAML list of one string, read as "[TYPE]")
 * into *out; reports and returns false when it is not one. */
static bool parse_type(ds_parser *p, const ds_ynode *n, const ds_field *f, ds_type *out) {
    memset(out, 0, sizeof *out);
    out->span = n->span;
    const char *text = NULL;
    if (n->kind == DS_Y_SEQ && n->count == 1 && n->items[0]->kind == DS_Y_SCALAR &&
        ds_yaml_scalar_kind(n->items[0], NULL, NULL) == DS_VALUE_STRING) {
        text = bracketed(p, n->items[0]->text);
    } else if (n->kind == DS_Y_SEQ) {
        ds_diag *e = ds_parse_error(p, n->span, DS_E_BAD_TYPE,
                                    "the type of %s is a list of %zu entries; a list stands for "
                                    "a type only with one type name in it", field_label(p, f), (size_t)n->count);
        ds_hint(p->s, e, "write a list type as \"[string]\" (quoted) or [string]");
        return false;
    } else if (n->kind == DS_Y_MAP) {
        ds_parse_want(p, n, DS_Y_SCALAR, ds_arena_printf(&p->tmp, "the type of %s", field_label(p, f)),
                      "a type string such as string!", type_hint);
        return false;
    } else if (ds_yaml_is_null(n)) {
        ds_diag *e = ds_parse_error(p, n->span, DS_E_BAD_TYPE, "%s has no type", field_noun(p, f));
        ds_hint(p->s, e, "%s", type_hint);
        return false;
    } else if (ds_yaml_scalar_kind(n, NULL, NULL) != DS_VALUE_STRING) {
        ds_diag *e = ds_parse_error(p, n->span, DS_E_BAD_TYPE, "%s is not a type",
                                    ds_parse_describe(p, n));
        ds_hint(p->s, e, "%s", type_hint);
        return false;
    } else {
        text = n->text;
    }
    const char *problem = read_type_string(p, text, out);
    if (!problem) return true;
    ds_diag *e = ds_parse_error(p, n->span, DS_E_BAD_TYPE, "the type %s %s", text, problem);
    ds_hint(p->s, e, "%s", type_hint);
    return false;
}

/* "write the values as a list: [ACTIVE, ARCHIVED]" for values written as
 * the keys of a map (or "[A, B, C]"). */
static const char *enum_list_hint(ds_parser *p, const ds_ynode *n) {
    const char *list = NULL;
    size_t shown = 0;
    for (size_t i = 0; n->kind == DS_Y_MAP && i < DS_PAIRS(n) && shown < 4; i++) {
        const ds_ynode *k = DS_KEY(n, i);
        if (k->kind != DS_Y_SCALAR || ds_parse_name_problem(p, k->text)) continue;
        list = list ? ds_arena_printf(&p->tmp, "%s, %s", list, k->text) : k->text;
        shown++;
    }
    if (!list) return "write the values as a list: [A, B, C]";
    return ds_arena_printf(&p->tmp, "write the values as a list: [%s%s]", list,
                           shown < DS_PAIRS(n) ? ", ..." : "");
}

/* Whether value is a word GraphQL reserves (reported then). */
static bool reserved_enum_value(ds_parser *p, const ds_ynode *item, const char *value) {
    if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0 && strcmp(value, "null") != 0)
        return false;
    ds_diag *e = ds_parse_error(p, item->span, DS_E_BAD_NAME,
                                "%s cannot be an enum value: GraphQL reserves true, false and null",
                                value);
    if (value[0] == 'n')
        ds_hint(p->s, e, "use another name, such as NONE");
    else  /* unquoted, TRUE and FALSE are YAML booleans */
        ds_hint(p->s, e, "use another name, such as \"%s\" (quoted: YAML reads %s as a boolean)",
                value[0] == 't' ? "TRUE" : "FALSE", value[0] == 't' ? "TRUE" : "FALSE");
    return true;
}

void ds_parse_enum_values(ds_parser *p, const ds_ynode *n, ds_decl *enum_decl) {
    ds_name_list *out = &enum_decl->values;
    memset(out, 0, sizeof *out);
    out->present = true;
    out->span = n->span;
    ds_label what = ds_decl_label("", enum_decl);
    if (n->kind != DS_Y_SEQ) {
        ds_parse_want_l(p, n, DS_Y_SEQ, &what, "a list of values", enum_list_hint(p, n));
        out->invalid = true;
        return;
    }
    ds_symtab seen;  /* value -> where it is first listed */
    ds_symtab_init(&seen, &p->tmp);
    DS_RESERVE(&p->s->arena, out->items, out->cap, n->count);
    for (size_t i = 0; i < n->count; i++) {
        const ds_ynode *item = n->items[i];
        ds_name value;
        if (!ds_parse_name(p, item, false, "an enum value", &value)) {
            out->invalid = true;
            if (value.text) DS_PUSH(&p->s->arena, out->items, out->count, out->cap, value);
            continue;
        }
        if (reserved_enum_value(p, item, value.text)) {
            out->invalid = true;
            continue;
        }
        if (ds_parse_unique_l(p, &seen, item, value.text, &what))
            DS_PUSH(&p->s->arena, out->items, out->count, out->cap, value);
    }
}

/* A new implicit declaration that field f declares inline. */
static ds_decl *inline_decl(ds_parser *p, ds_field *f, ds_decl_kind kind, const ds_ynode *value) {
    ds_decl *d = ds_parse_new_decl(p, kind);
    d->implicit = true;
    d->origin = f;
    d->span = value->span;
    d->name.span = f->name.span;
    d->order = f->owner ? f->owner->order : 0;
    f->inline_decl = d;
    return d;
}

/* An inline enum's one key is shown with its value. */
static const char *inline_enum_hint(ds_parser *p) {
    (void)p;
    return "an inline enum takes only its values: { enum: [A, B] }";
}

/* INLINE_ENUM := { enum: [NAME, ...] } */
static void parse_inline_enum(ds_parser *p, ds_field *f, const ds_ynode *map) {
    ds_parse_keys(p, map, DS_KEYS_INLINE_ENUM, "a key of an inline enum", inline_enum_hint);
    const ds_ynode *values = ds_parse_get(map, "enum", NULL);
    f->kind = DS_FIELD_INLINE_ENUM;
    ds_decl *d = inline_decl(p, f, DS_DECL_ENUM, values);
    ds_parse_enum_values(p, values, d);
    if (values->kind != DS_Y_SEQ) d->invalid = f->invalid = true;
}

/* An inline custom type's one key is shown with its value. */
static const char *inline_type_hint(ds_parser *p) {
    (void)p;
    return "an inline custom type takes only its fields: { customType: { a: string } }";
}

/* INLINE_TYPE := { customType: FIELDS } */
static void parse_inline_type(ds_parser *p, ds_field *f, const ds_ynode *map) {
    ds_parse_keys(p, map, DS_KEYS_INLINE_TYPE, "a key of an inline custom type", inline_type_hint);
    const ds_ynode *fields = ds_parse_get(map, "customType", NULL);
    f->kind = DS_FIELD_INLINE_TYPE;
    ds_decl *d = inline_decl(p, f, DS_DECL_TYPE, fields);
    ds_parse_fields(p, fields, d, false);
    if (fields->kind != DS_Y_MAP) d->invalid = f->invalid = true;
}

/* "a relationship field takes one of hasOne, hasMany and belongsTo,
 * references and authorization": the kinds are alternatives. */
static const char *relation_hint(ds_parser *p) {
    const char *const *keys = ds_construct_keys(DS_KEYS_RELATION);
    return ds_arena_printf(&p->tmp, "a relationship field takes one of %s, %s",
                           ds_parse_list(p, keys, DS_RELATION_KINDS, "and"),
                           ds_parse_list(p, keys + DS_RELATION_KINDS, SIZE_MAX, "and"));
}

/* Report the relationship f without references. The reference fields are
 * on the child and hold the parent's identifier: for a belongsTo the child
 * is f's model, for a hasOne or hasMany the related model. */
static void report_no_references(ds_parser *p, const ds_field *f) {
    ds_diag *e = ds_parse_error(p, f->name.span, DS_E_MISSING_KEY,
                                "the relationship %s has no references key; references is required",
                                field_label(p, f));
    bool belongs = f->rel->kind == DS_REL_BELONGS_TO;
    const char *here = f->owner && !f->owner->implicit ? f->owner->name.text : NULL;
    const char *there = f->rel->related.text;
    const char *child = belongs ? here : there, *parent = belongs ? there : here;
    const char *child_words = child ? ds_parse_clip(p, child) : belongs ? "this model" : "the related model";
    const char *parent_words = parent ? ds_arena_printf(&p->tmp, "%s's", ds_parse_clip(p, parent))
                                      : belongs ? "the related model's" : "this model's";
    ds_hint(p->s, e, "name the field(s) of %s that hold %s identifier: `references: %s`", child_words,
            parent_words, key_field_for(p, parent));
}

/* A field's authorization: RULES. */
static void parse_field_rules(ds_parser *p, ds_field *f, const ds_ynode *key, const ds_ynode *value) {
    f->auth = ds_arena_alloc(&p->s->arena, sizeof *f->auth);
    ds_label owner = ds_field_label("", f);
    ds_parse_rules_l(p, key, value, &owner, f->auth);
}

/* RELATION := { hasOne|hasMany|belongsTo: NAME, references: NAMES, authorization?: RULES } */
static void parse_relation(ds_parser *p, ds_field *f, const ds_ynode *map) {
    const char *const *kinds = ds_construct_keys(DS_KEYS_RELATION);
    f->kind = DS_FIELD_RELATION;
    f->rel = ds_arena_alloc(&p->s->arena, sizeof *f->rel);
    bool known = ds_parse_keys(p, map, DS_KEYS_RELATION, "a key of a relationship field",
                               relation_hint);
    const ds_ynode *first_key = NULL;
    for (size_t i = 0; i < DS_PAIRS(map); i++) {
        const ds_ynode *k = DS_KEY(map, i), *v = DS_VALUE(map, i);
        int kind = -1;
        for (int w = 0; w < DS_RELATION_KINDS && k->kind == DS_Y_SCALAR; w++)
            if (strcmp(k->text, kinds[w]) == 0) kind = w;
        if (kind < 0) continue;
        if (first_key) {
            ds_diag *e = ds_parse_error(p, k->span, DS_E_BAD_VALUE,
                                        "a relationship field takes exactly one of hasOne, hasMany "
                                        "and belongsTo; %s has both %s and %s",
                                        field_label(p, f), first_key->text,
                                        k->text);
            ds_note_at(p->s, e, first_key->span, "%s is given here", first_key->text);
            ds_hint(p->s, e, "keep the one that says how the two models relate");
            f->invalid = true;
            continue;
        }
        first_key = k;
        f->rel->kind = (ds_rel_kind)kind;
        if (!ds_parse_name(p, v, false, "the related model", &f->rel->related)) f->invalid = true;
    }
    const ds_ynode *key, *value = ds_parse_get(map, "references", NULL);
    if (value) {
        ds_label what = ds_field_label("the references of ", f);
        ds_parse_names_l(p, value, true, &what, "a reference field", &f->rel->references);
        if (f->rel->references.invalid) f->invalid = true;
    } else if (known) {
        report_no_references(p, f);
        f->invalid = true;
    }
    if (!known) f->invalid = true;
    if ((value = ds_parse_get(map, "authorization", &key)))
        parse_field_rules(p, f, key, value);
}

/* "a field takes type, default and authorization (or is ...)": the other
 * shapes a field map can take. */
static const char *scalar_field_hint(ds_parser *p) {
    const char *const *kinds = ds_construct_keys(DS_KEYS_RELATION);
    return ds_arena_printf(&p->tmp, "%s (or is { enum: [...] }, { customType: {...} } or a %s "
                           "relationship)", ds_parse_takes(p, "a field", DS_KEYS_SCALAR_FIELD),
                           ds_parse_list(p, kinds, DS_RELATION_KINDS, "or"));
}

/* SCALAR_MAP := { type: TYPE, default?: SCALAR, authorization?: RULES } */
static void parse_typed_map(ds_parser *p, ds_field *f, const ds_ynode *map) {
    bool known = ds_parse_keys(p, map, DS_KEYS_SCALAR_FIELD, "a key of a field", scalar_field_hint);
    const ds_ynode *key, *value = ds_parse_get(map, "type", &key);
    if (value) {
        if (!parse_type(p, value, f, &f->type)) f->invalid = true;
        f->kind = f->type.scalar ? DS_FIELD_SCALAR : DS_FIELD_REF;
    } else {
        if (known) {
            ds_diag *e = ds_parse_error(p, f->name.span, DS_E_MISSING_KEY, "%s has no type",
                                        field_noun(p, f));
            ds_hint(p->s, e, "a field map needs type (or enum, customType, hasOne, hasMany or belongsTo)");
        }
        f->invalid = true;
    }
    if ((value = ds_parse_get(map, "default", &key))) {
        ds_label what = ds_field_label("the default of ", f);
        if (ds_parse_want_l(p, value, DS_Y_SCALAR, &what, "a single value", NULL)) {
            f->default_value = ds_arena_alloc(&p->s->arena, sizeof *f->default_value);
            ds_yaml_value(p->s, value, f->default_value);
        } else {
            f->invalid = true;
        }
    }
    if ((value = ds_parse_get(map, "authorization", &key)))
        parse_field_rules(p, f, key, value);
}

/* Whether map has one of the relationship keys. */
static bool is_relation(const ds_ynode *map) {
    const char *const *kinds = ds_construct_keys(DS_KEYS_RELATION);
    for (int w = 0; w < DS_RELATION_KINDS; w++)
        if (ds_parse_get(map, kinds[w], NULL)) return true;
    return false;
}

/* FIELD := TYPE_VALUE | INLINE_ENUM | INLINE_TYPE | RELATION | SCALAR_MAP */
static void parse_field_value(ds_parser *p, ds_field *f, const ds_ynode *value) {
    f->span = value->span;
    if (value->kind != DS_Y_MAP) {
        if (!parse_type(p, value, f, &f->type)) f->invalid = true;
        f->kind = f->type.scalar ? DS_FIELD_SCALAR : DS_FIELD_REF;
        return;
    }
    f->type.span = value->span;
    if (ds_parse_get(value, "enum", NULL)) parse_inline_enum(p, f, value);
    else if (ds_parse_get(value, "customType", NULL)) parse_inline_type(p, f, value);
    else if (is_relation(value)) parse_relation(p, f, value);
    else parse_typed_map(p, f, value);
}

/* Report the fields (or arguments) map of owner that is not a map. */
static void fields_not_a_map(ds_parser *p, const ds_ynode *map, const ds_decl *owner, bool arguments) {
    const char *what =
        arguments ? ds_arena_printf(&p->tmp, "the arguments of %s", ds_parse_decl_label(p, owner))
        : owner->kind == DS_DECL_MODEL
            ? ds_arena_printf(&p->tmp, "the fields of %s",
                              owner->name.text ? ds_parse_clip(p, owner->name.text) : "?")
            : ds_parse_decl_label(p, owner);
    bool dashed = map->kind == DS_Y_SEQ && map->count > 0;  /* - name: string */
    for (size_t i = 0; dashed && i < map->count; i++)
        dashed = map->items[i]->kind == DS_Y_MAP && map->items[i]->count == 2;
    const char *one = arguments ? "argument" : "field";
    const char *hint = dashed ? ds_arena_printf(&p->tmp, "remove the dashes: %s %s is written "
                                                "`name: string` on a line of its own, not as a list item",
                                                arguments ? "an" : "a", one)
                              : ds_arena_printf(&p->tmp, "write one %s a line: `name: string`", one);
    ds_parse_want(p, map, DS_Y_MAP, what,
                  arguments ? "a map of argument names to types" : "a map of field names to types",
                  hint);
}

void ds_parse_fields(ds_parser *p, const ds_ynode *map, ds_decl *owner, bool arguments) {
    if (map->kind != DS_Y_MAP) {
        fields_not_a_map(p, map, owner, arguments);
        return;
    }
    /* Sized once, exactly: arena vectors that double leave room unused. */
    ds_field ***items = arguments ? &owner->arguments : &owner->fields;
    size_t *count = arguments ? &owner->argument_count : &owner->field_count;
    size_t *cap = arguments ? &owner->argument_cap : &owner->field_cap;
    if (!*items && DS_PAIRS(map) > 0) {
        *items = ds_arena_alloc_raw(&p->s->arena, DS_PAIRS(map) * sizeof **items);
        *cap = DS_PAIRS(map);
    } else {
        *items = ds_arena_grow(&p->s->arena, *items, sizeof **items, cap, *count + DS_PAIRS(map));
    }
    for (size_t i = 0; i < DS_PAIRS(map); i++) {
        ds_field *f = ds_arena_alloc(&p->s->arena, sizeof *f);
        f->owner = owner;
        if (!ds_parse_name(p, DS_KEY(map, i), true, arguments ? "an argument name" : "a field name",
                           &f->name))
            f->invalid = true;
        parse_field_value(p, f, DS_VALUE(map, i));
        if (arguments)
            DS_PUSH(&p->s->arena, owner->arguments, owner->argument_count, owner->argument_cap, f);
        else
            DS_PUSH(&p->s->arena, owner->fields, owner->field_count, owner->field_cap, f);
    }
}

/* returns is a type, or a map of the one key of an inline custom type. */
static const char *returns_hint(ds_parser *p) {
    (void)p;
    return "returns takes a type, or an inline type: { customType: { a: string } }";
}

ds_field *ds_parse_returns(ds_parser *p, const ds_ynode *key, const ds_ynode *value, ds_decl *owner) {
    ds_field *f = ds_arena_alloc(&p->s->arena, sizeof *f);
    f->owner = owner;
    f->name.text = "returns";
    f->name.span = key->span;
    f->span = value->span;
    owner->returns = f;  /* now, so that messages about it say "the return type of ..." */
    if (value->kind == DS_Y_MAP && !ds_parse_get(value, "customType", NULL)) {
        ds_parse_keys(p, value, DS_KEYS_INLINE_TYPE, "a key of returns", returns_hint);
        if (DS_PAIRS(value) == 0) {
            ds_diag *e = ds_parse_error(p, value->span, DS_E_WRONG_KIND,
                                        "the returns of %s must be a type or { customType: {...} }, "
                                        "not an empty map", ds_parse_decl_label(p, owner));
            ds_hint(p->s, e, "write returns: string, or returns: { customType: { ok: boolean } }");
        }
        f->invalid = true;
        return f;
    }
    parse_field_value(p, f, value);
    return f;
}
