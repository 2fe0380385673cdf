/* emit_typescript.c: amplify/data/resource.ts for Amplify Gen 2: the schema
 * written with data-schema's builder calls (FORMAT.md names the call of
 * every construct), its client type, and defineData with the authorization
 * modes its rules need.
 *
 * The declarations are the a.schema({...}) object in file order, the one
 * data-schema sees; each construct becomes the call FORMAT.md gives it, so
 * that `schema.transform().schema` is the SDL of -f graphql (tests/typescript
 * proves it). The layout is Prettier's (js_pretty.c), so the file passes
 * `prettier --check --single-quote` untouched.
 */
#include <string.h>

#include "js_pretty.h"
#include "phases.h"
#include "words.h"

typedef struct emitter {
    const ds_schema *s;
    ds_arena *a;
} emitter;

/* A string literal (NULL: ''). */
static js_node *str(emitter *e, const char *text) { return js_string(e->a, text ? text : ""); }

/* object.name(arg) (arg NULL: no argument). */
static js_node *call1(emitter *e, js_node *object, const char *name, js_node *arg) {
    js_node *c = js_method(e->a, object, name);
    if (arg) js_push(e->a, c, arg);
    return c;
}

/* ['a', 'b'] of a list of names. */
static js_node *names_array(emitter *e, const ds_name_list *l) {
    js_node *arr = js_array(e->a);
    for (size_t i = 0; i < l->count; i++) js_push(e->a, arr, str(e, l->items[i].text));
    return arr;
}

/* ---- authorization ---- */

/* allow.kind(args) with its claims and operations. */
static js_node *rule_expr(emitter *e, const ds_rule *r) {
    js_node *c = js_method(e->a, js_ident(e->a, "allow"), ds_allow_name(r->allow));
    switch (r->allow) {
    case DS_ALLOW_GROUPS: js_push(e->a, c, names_array(e, &r->groups)); break;
    case DS_ALLOW_GROUP: js_push(e->a, c, str(e, r->group.text)); break;
    case DS_ALLOW_OWNER_DEFINED_IN:
    case DS_ALLOW_OWNERS_DEFINED_IN:
    case DS_ALLOW_GROUP_DEFINED_IN:
    case DS_ALLOW_GROUPS_DEFINED_IN: js_push(e->a, c, str(e, r->field.text)); break;
    default: break;
    }
    if (r->provider != DS_PROVIDER_DEFAULT) js_push(e->a, c, str(e, ds_provider_name(r->provider)));
    if (r->identity_claim.text) c = call1(e, c, "identityClaim", str(e, r->identity_claim.text));
    if (r->group_claim.text) c = call1(e, c, "withClaimIn", str(e, r->group_claim.text));
    if (r->to.present) c = call1(e, c, "to", names_array(e, &r->to));
    return c;
}

/* x.authorization((allow) => [rules]). */
static js_node *with_auth(emitter *e, js_node *x, const ds_rules *rules) {
    js_node *arr = js_array(e->a);
    for (size_t i = 0; i < rules->count; i++) js_push(e->a, arr, rule_expr(e, &rules->items[i]));
    return call1(e, x, "authorization", js_arrow(e->a, "allow", arr));
}

/* ---- fields ---- */

static js_node *fields_object(emitter *e, const ds_decl *d);

/* Whether a scalar takes a JavaScript number (Int, Float, AWSTimestamp). */
static bool numeric_scalar(ds_scalar s) {
    return s == DS_SCALAR_INTEGER || s == DS_SCALAR_FLOAT || s == DS_SCALAR_TIMESTAMP;
}

/* Whether a default reads as the number whose String() is its text: the
 * YAML number itself, or a string of a plain integer ("5", not "05"). */
static bool prints_as_number(const ds_value *v) {
    if (v->kind == DS_VALUE_INT || v->kind == DS_VALUE_FLOAT) return true;
    const char *p = v->text + (v->text[0] == '-');
    if (!*p || (p[0] == '0' && p[1]) || strcmp(v->text, "-0") == 0) return false;
    for (; *p; p++)
        if (*p < '0' || *p > '9') return false;
    return strlen(v->text) < 16;
}

/* The default's value with the JavaScript type the field's builder takes:
 * a number on numeric fields, a boolean on Boolean, a string on the others
 * (and on AWSJSON the YAML value's own kind). Its SDL is String(value),
 * the same text. */
static js_node *default_expr(emitter *e, const ds_field *f) {
    const ds_value *v = f->default_value;
    if (v->kind == DS_VALUE_NULL) return js_literal(e->a, "null");
    ds_scalar s = f->type.scalar;
    bool number = numeric_scalar(s) ? prints_as_number(v)
                                    : s == DS_SCALAR_JSON && (v->kind == DS_VALUE_INT ||
                                                              v->kind == DS_VALUE_FLOAT);
    if (number) return js_number(e->a, v->text);
    bool boolean = (s == DS_SCALAR_BOOLEAN || (s == DS_SCALAR_JSON && v->kind == DS_VALUE_BOOL)) &&
                   (strcmp(v->text, "true") == 0 || strcmp(v->text, "false") == 0);
    if (boolean) return js_literal(e->a, v->text);
    return str(e, v->text);
}

/* .required() .array() .required() as the type's modifiers say. */
static js_node *with_modifiers(emitter *e, js_node *x, const ds_type *t) {
    if (t->required) x = call1(e, x, "required", NULL);
    if (t->list) x = call1(e, x, "array", NULL);
    if (t->list && t->list_required) x = call1(e, x, "required", NULL);
    return x;
}

/* a.hasMany('Post', 'authorId') or with ['a', 'b']. */
static js_node *relation_expr(emitter *e, const ds_relation *rel) {
    static const char *const kinds[] = {"hasOne", "hasMany", "belongsTo"};
    js_node *c = call1(e, js_ident(e->a, "a"), kinds[rel->kind], str(e, rel->related.text));
    const ds_name_list *refs = &rel->references;
    js_push(e->a, c, refs->count == 1 ? str(e, refs->items[0].text) : names_array(e, refs));
    return c;
}

/* A field, argument or return as its builder expression. */
static js_node *field_expr(emitter *e, const ds_field *f) {
    js_node *a = js_ident(e->a, "a");
    js_node *x;
    switch (f->kind) {
    case DS_FIELD_SCALAR:
        x = with_modifiers(e, call1(e, a, ds_scalar_builder_name(f->type.scalar), NULL), &f->type);
        if (f->default_value) x = call1(e, x, "default", default_expr(e, f));
        break;
    case DS_FIELD_REF:
        x = with_modifiers(e, call1(e, a, "ref", str(e, f->type.base)), &f->type);
        break;
    case DS_FIELD_INLINE_ENUM:
        x = call1(e, a, "enum", names_array(e, &f->inline_decl->values));
        break;
    case DS_FIELD_INLINE_TYPE:
        x = call1(e, a, "customType", fields_object(e, f->inline_decl));
        break;
    case DS_FIELD_RELATION:
        x = relation_expr(e, f->rel);
        break;
    default:
        x = a;
    }
    return f->auth ? with_auth(e, x, f->auth) : x;
}

/* { name: field, ... } of a model or custom type. */
static js_node *fields_object(emitter *e, const ds_decl *d) {
    js_node *o = js_object(e->a);
    for (size_t i = 0; i < d->field_count; i++)
        js_prop_add(e->a, o, d->fields[i]->name.text, field_expr(e, d->fields[i]));
    return o;
}

/* ---- models ---- */

/* index('field').sortKeys([...]).name('...').queryField('...').projection(...). */
static js_node *index_expr(emitter *e, const ds_index *ix) {
    js_node *c = js_call(e->a, js_ident(e->a, "index"));
    js_push(e->a, c, str(e, ix->field.text));
    if (ix->sort_keys.present) c = call1(e, c, "sortKeys", names_array(e, &ix->sort_keys));
    if (ix->name.text) c = call1(e, c, "name", str(e, ix->name.text));
    if (ix->query_field_null) c = call1(e, c, "queryField", js_literal(e->a, "null"));
    else if (ix->query_field.text) c = call1(e, c, "queryField", str(e, ix->query_field.text));
    switch (ix->projection) {
    case DS_PROJECTION_KEYS_ONLY: c = call1(e, c, "projection", str(e, "KEYS_ONLY")); break;
    case DS_PROJECTION_ALL: c = call1(e, c, "projection", str(e, "ALL")); break;
    case DS_PROJECTION_INCLUDE:
        c = call1(e, c, "projection", str(e, "INCLUDE"));
        js_push(e->a, c, names_array(e, &ix->non_key_attributes));
        break;
    case DS_PROJECTION_NONE: break;
    }
    return c;
}

/* a.model({...}).identifier(...).secondaryIndexes(...).disableOperations(...)
 * .authorization(...), each call as its key is given. */
static js_node *model_expr(emitter *e, const ds_decl *m) {
    js_node *x = call1(e, js_ident(e->a, "a"), "model", fields_object(e, m));
    if (m->identifier.present) x = call1(e, x, "identifier", names_array(e, &m->identifier));
    if (m->indexes_present) {
        js_node *arr = js_array(e->a);
        for (size_t i = 0; i < m->index_count; i++) js_push(e->a, arr, index_expr(e, &m->indexes[i]));
        x = call1(e, x, "secondaryIndexes", js_arrow(e->a, "index", arr));
    }
    if (m->disabled_ops.present) x = call1(e, x, "disableOperations", names_array(e, &m->disabled_ops));
    return m->auth.present ? with_auth(e, x, &m->auth) : x;
}

/* ---- custom operations ---- */

/* a.handler.function('name') or a.handler.custom({ entry, dataSource }). */
static js_node *handler_expr(emitter *e, const ds_handler *h) {
    js_node *handler = js_member(e->a, js_ident(e->a, "a"), "handler");
    if (h->kind == DS_HANDLER_FUNCTION) return call1(e, handler, "function", str(e, h->function.text));
    js_node *o = js_object(e->a);
    js_prop_add(e->a, o, "entry", str(e, h->entry.text));
    if (h->data_source.text) js_prop_add(e->a, o, "dataSource", str(e, h->data_source.text));
    return call1(e, handler, "custom", o);
}

/* a.ref('mutation') or a.ref('Model').mutations([...]). */
static js_node *source_expr(emitter *e, const ds_sub_source *src) {
    js_node *r = call1(e, js_ident(e->a, "a"), "ref", str(e, src->name.text));
    return src->is_model ? call1(e, r, "mutations", names_array(e, &src->mutations)) : r;
}

/* a.query() (or mutation, subscription) with .arguments, .returns, .for,
 * .handler (one, or a pipeline) and .authorization. */
static js_node *operation_expr(emitter *e, const ds_decl *op) {
    static const char *const builders[] = {"query", "mutation", "subscription"};
    js_node *x = call1(e, js_ident(e->a, "a"), builders[op->kind - DS_DECL_QUERY], NULL);
    if (op->argument_count > 0) {
        js_node *o = js_object(e->a);
        for (size_t i = 0; i < op->argument_count; i++)
            js_prop_add(e->a, o, op->arguments[i]->name.text, field_expr(e, op->arguments[i]));
        x = call1(e, x, "arguments", o);
    }
    if (op->returns) x = call1(e, x, "returns", field_expr(e, op->returns));
    if (op->sources_present) {
        js_node *arg = op->source_count == 1 ? source_expr(e, &op->sources[0]) : js_array(e->a);
        for (size_t i = 0; op->source_count != 1 && i < op->source_count; i++)
            js_push(e->a, arg, source_expr(e, &op->sources[i]));
        x = call1(e, x, "for", arg);
    }
    if (op->handler_present) {
        js_node *arg = op->handler_count == 1 ? handler_expr(e, &op->handlers[0]) : js_array(e->a);
        for (size_t i = 0; op->handler_count != 1 && i < op->handler_count; i++)
            js_push(e->a, arg, handler_expr(e, &op->handlers[i]));
        x = call1(e, x, "handler", arg);
    }
    return op->auth.present ? with_auth(e, x, &op->auth) : x;
}

/* ---- the file ---- */

/* The builder expression of a declaration. */
static js_node *decl_expr(emitter *e, const ds_decl *d) {
    switch (d->kind) {
    case DS_DECL_MODEL: return model_expr(e, d);
    case DS_DECL_ENUM: return call1(e, js_ident(e->a, "a"), "enum", names_array(e, &d->values));
    case DS_DECL_TYPE: return call1(e, js_ident(e->a, "a"), "customType", fields_object(e, d));
    default: return operation_expr(e, d);
    }
}

/* a.schema({ every declaration }).authorization(...), built whole (for the
 * schema that declares nothing). */
static js_node *schema_expr(emitter *e) {
    js_node *o = js_object(e->a);
    for (size_t i = 0; i < e->s->decl_count; i++)
        js_prop_add(e->a, o, e->s->decls[i]->name.text, decl_expr(e, e->s->decls[i]));
    js_node *x = call1(e, js_ident(e->a, "a"), "schema", o);
    return e->s->auth.present ? with_auth(e, x, &e->s->auth) : x;
}

/* const schema = a.schema({...}), one declaration at a time, each in an
 * arena of its own: the object is expanded, so each property's layout
 * depends on itself alone. With schema-level rules the chain is expanded:
 *     const schema = a
 *       .schema({
 *         ...
 *       })
 *       .authorization((allow) => [...]); */
static void put_schema(emitter *e, ds_buf *out) {
    const ds_schema *s = e->s;
    if (s->decl_count == 0) {
        js_print_declaration(e->a, out, "const", "schema", schema_expr(e));
        return;
    }
    bool chained = s->auth.present;
    ds_buf_puts(out, chained ? "const schema = a\n  .schema({\n" : "const schema = a.schema({\n");
    ds_arena *scratch = e->a;
    ds_arena decl_arena;
    ds_arena_init(&decl_arena);
    e->a = &decl_arena;
    for (size_t i = 0; i < s->decl_count; i++) {
        js_print_property(e->a, out, chained ? 4 : 2, s->decls[i]->name.text, decl_expr(e, s->decls[i]));
        ds_arena_reset(&decl_arena);
    }
    ds_arena_free(&decl_arena);
    e->a = scratch;
    if (!chained) {
        ds_buf_puts(out, "});\n");
        return;
    }
    ds_buf_puts(out, "  })\n");
    js_node *call = with_auth(e, js_ident(e->a, "a"), &s->auth);
    js_print_chained_call(e->a, out, 2, call, ";");
}

/* Whether the rules use an authorization mode. */
static bool uses(const ds_schema *s, ds_auth_mode m) { return s->auth_modes & (1u << m); }

/* defineData({ schema, authorizationModes: {...} }). */
static js_node *define_data_expr(emitter *e) {
    js_node *modes = js_object(e->a);
    const ds_schema *s = e->s;
    js_prop_add(e->a, modes, "defaultAuthorizationMode",
                str(e, ds_auth_mode_name(s->default_auth_mode)));
    if (uses(s, DS_AUTH_MODE_API_KEY)) {
        js_node *k = js_object(e->a);
        js_prop_add(e->a, k, "expiresInDays", js_number(e->a, "30"));
        js_prop_add(e->a, modes, "apiKeyAuthorizationMode", k);
    }
    js_node *o = js_object(e->a);
    js_prop_add(e->a, o, "schema", NULL);
    if (s->auth_modes) js_prop_add(e->a, o, "authorizationModes", modes);
    js_node *c = js_call(e->a, js_ident(e->a, "defineData"));
    js_push(e->a, c, o);
    return c;
}

/* Append a file name to a comment, with line breaks and controls as '?'. */
static void put_comment_name(ds_buf *out, const char *name) {
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        ds_buf_putc(out, *p < 0x20 || *p == 0x7f ? '?' : (char)*p);
}

/* The first comment: which files, and not to edit. */
static void put_header(const ds_schema *s, ds_buf *out) {
    ds_buf_puts(out, "// Generated by dschemac from ");
    for (size_t i = 0; i < s->source_count; i++) {
        if (i) ds_buf_puts(out, i + 1 == s->source_count ? " and " : ", ");
        put_comment_name(out, s->sources[i].name);
    }
    ds_buf_puts(out, ".\n// Do not edit: change the YAML and compile it again.\n");
}

/* What the deployment needs that the file cannot say: the Lambda
 * authorizer of custom rules, the OIDC provider of oidc rules. */
static void put_mode_notes(const ds_schema *s, ds_buf *out) {
    if (uses(s, DS_AUTH_MODE_LAMBDA))
        ds_buf_puts(out, "// The custom rules need a Lambda authorizer, which the YAML does not name:\n"
                         "// add lambdaAuthorizationMode: { function: yourAuthorizer } to\n"
                         "// authorizationModes below.\n");
    if (uses(s, DS_AUTH_MODE_OIDC))
        ds_buf_puts(out, "// The oidc rules need an OpenID Connect provider, which the YAML does not\n"
                         "// name: add oidcAuthorizationMode: { oidcProviderName, oidcIssuerUrl, ... }\n"
                         "// to authorizationModes below.\n");
}

void ds_emit_typescript(const ds_schema *s, ds_arena *scratch, ds_buf *out) {
    emitter e = {s, scratch};
    put_header(s, out);
    ds_buf_puts(out, "import { type ClientSchema, a, defineData } from '@aws-amplify/backend';\n\n");
    put_schema(&e, out);
    ds_buf_puts(out, "\nexport type Schema = ClientSchema<typeof schema>;\n\n");
    put_mode_notes(s, out);
    js_print_declaration(scratch, out, "export const", "data", define_data_expr(&e));
}
