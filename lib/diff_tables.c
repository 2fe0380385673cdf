/* diff_tables.c: what the deployment does to each model's DynamoDB table.
 *
 * A table is its key schema (the partition key and the sort key: one
 * field, or several joined by '#' as one string attribute) and its global
 * secondary indexes: one per secondaryIndexes entry, named .name(...) or
 * by default, and one per hasMany/hasOne on the related (child) model,
 * "gsi-<Parent>.<field>" over its reference fields (the Amplify relational
 * transformer's references connection). A changed key schema replaces the
 * table (data loss); each GSI created or deleted is one operation, a
 * changed GSI two, and DynamoDB runs one a table update (deploy hazard).
 */
#include <string.h>

#include "buf.h"
#include "diff.h"
#include "names.h"

/* Global secondary indexes a table may have. */
#define GSI_LIMIT 20

/* A key attribute: name and DynamoDB type ('S' or 'N'); name NULL: none. */
typedef struct key_attr {
    const char *name;
    char type;
} key_attr;

/* One GSI as CloudFormation declares it. */
typedef struct gsi {
    const char *name;
    key_attr pk, sk;
    const char *projection;    /* "ALL", "KEYS_ONLY" or "INCLUDE a,b" */
    ds_span span;              /* the index entry, or the relationship field */
} gsi;

/* One model's table. */
typedef struct table {
    const ds_decl *model;
    key_attr pk, sk;
    gsi *gsis;
    size_t gsi_count, gsi_cap;
} table;

/* One side's tables, indexed by model name. */
typedef struct side_tables {
    table *items;
    size_t count;
    ds_symtab by_name;
} side_tables;

/* The DynamoDB attribute type of a key field: numbers are N, the rest S. */
static char attr_type(const ds_field *f) {
    switch (ds_field_scalar(f)) {
    case DS_SCALAR_INTEGER:
    case DS_SCALAR_FLOAT:
    case DS_SCALAR_TIMESTAMP: return 'N';
    default: return 'S';
    }
}

/* A key attribute over names[0..count): one field's own type, or several
 * joined by '#' as a string. */
static key_attr key_over(ds_arena *a, const ds_decl *m, const ds_name *names, size_t count) {
    key_attr k = {NULL, 'S'};
    if (count == 0) return k;
    if (count == 1) {
        k.name = names[0].text;
        k.type = attr_type(ds_decl_field(m, names[0].text));
        return k;
    }
    ds_buf b = {0};
    for (size_t i = 0; i < count; i++) {
        if (i) ds_buf_putc(&b, '#');
        ds_buf_puts(&b, names[i].text);
    }
    k.name = ds_arena_strndup(a, b.data, b.len);
    ds_buf_free(&b);
    return k;
}

/* The projection of an index as one comparable string. */
static const char *projection_of(ds_arena *a, const ds_index *ix) {
    if (ix->projection == DS_PROJECTION_KEYS_ONLY) return "KEYS_ONLY";
    if (ix->projection != DS_PROJECTION_INCLUDE) return "ALL";
    ds_buf b = {0};
    ds_buf_puts(&b, "INCLUDE");
    for (size_t i = 0; i < ix->non_key_attributes.count; i++)
        ds_buf_printf(&b, " %s", ix->non_key_attributes.items[i].text);
    const char *p = ds_arena_strndup(a, b.data, b.len);
    ds_buf_free(&b);
    return p;
}

/* The GSI of one secondaryIndexes entry. */
static gsi index_gsi(ds_arena *a, const ds_decl *m, const ds_index *ix) {
    gsi g = {0};
    if (ix->name.text && *ix->name.text) {
        g.name = ix->name.text;
    } else {
        ds_buf b = {0};
        ds_names_default_index_name(&b, m, ix);
        g.name = ds_arena_strndup(a, b.data, b.len);
        ds_buf_free(&b);
    }
    g.pk = key_over(a, m, &ix->field, 1);
    g.sk = key_over(a, m, ix->sort_keys.items, ix->sort_keys.count);
    g.projection = projection_of(a, ix);
    g.span = ix->span;
    return g;
}

/* Add g to t unless t has a GSI of that name (the transformer keeps the first). */
static void add_gsi(ds_arena *a, table *t, gsi g) {
    for (size_t i = 0; i < t->gsi_count; i++)
        if (strcmp(t->gsis[i].name, g.name) == 0) return;
    DS_PUSH(a, t->gsis, t->gsi_count, t->gsi_cap, g);
}

/* The GSI a hasMany/hasOne with references puts on its child's table. */
static void add_relation_gsi(ds_arena *a, side_tables *st, const ds_decl *parent,
                             const ds_field *f) {
    const ds_relation *rel = f->rel;
    if (rel->kind == DS_REL_BELONGS_TO || !rel->target || !rel->references.count) return;
    table *child = ds_symtab_get(&st->by_name, rel->target->name.text);
    if (!child) return;
    gsi g = {0};
    g.name = ds_arena_printf(a, "gsi-%s.%s", parent->name.text, f->name.text);
    g.pk = key_over(a, rel->target, rel->references.items, 1);
    g.sk = key_over(a, rel->target, rel->references.items + 1, rel->references.count - 1);
    g.projection = "ALL";
    g.span = f->span;
    add_gsi(a, child, g);
}

/* Every model's table on one side. */
static void build_tables(ds_arena *a, const ds_schema *s, side_tables *st) {
    size_t models = 0;
    for (size_t i = 0; i < s->decl_count; i++)
        if (s->decls[i]->kind == DS_DECL_MODEL && !s->decls[i]->invalid) models++;
    st->items = ds_arena_alloc(a, (models ? models : 1) * sizeof *st->items);
    ds_symtab_init_sized(&st->by_name, a, models);
    for (size_t i = 0; i < s->decl_count; i++) {
        const ds_decl *m = s->decls[i];
        if (m->kind != DS_DECL_MODEL || m->invalid) continue;
        table *t = &st->items[st->count++];
        t->model = m;
        ds_name pk = {m->pk_name, m->name.span};
        t->pk = key_over(a, m, &pk, 1);
        t->sk = key_over(a, m, m->sort_keys, m->sort_key_count);
        for (size_t k = 0; k < m->index_count; k++)
            if (!m->indexes[k].invalid) add_gsi(a, t, index_gsi(a, m, &m->indexes[k]));
        ds_symtab_put(&st->by_name, m->name.text, t);
    }
    for (size_t i = 0; i < st->count; i++) {
        const ds_decl *m = st->items[i].model;
        for (size_t k = 0; k < m->field_count; k++)
            if (m->fields[k]->kind == DS_FIELD_RELATION && !m->fields[k]->invalid)
                add_relation_gsi(a, st, m, m->fields[k]);
    }
}

/* Whether two key attributes are the same. */
static bool same_key(key_attr x, key_attr y) {
    if (!x.name || !y.name) return x.name == y.name;
    return x.type == y.type && strcmp(x.name, y.name) == 0;
}

/* Whether two GSIs of one name are declared alike. */
static bool same_gsi(const gsi *x, const gsi *y) {
    return same_key(x->pk, y->pk) && same_key(x->sk, y->sk) &&
           strcmp(x->projection, y->projection) == 0;
}

/* The GSI named name in t, or NULL. */
static const gsi *find_gsi(const table *t, const char *name) {
    for (size_t i = 0; i < t->gsi_count; i++)
        if (strcmp(t->gsis[i].name, name) == 0) return &t->gsis[i];
    return NULL;
}

/* Record a table's verdict (names copied: the schemas may go). */
static void add_verdict(ds_diff *d, const char *model, ds_table_verdict v, size_t ops,
                        size_t count) {
    ds_diff_table t = {ds_arena_strdup(&d->report->arena, model), v, ops, count};
    DS_PUSH(&d->report->arena, d->tables, d->table_count, d->table_cap, t);
}

/* The scalar fields of a model as "name:type" words, to tell a renamed
 * model by; NULL when it has none. */
static const char *field_signature(ds_arena *a, const ds_decl *m) {
    ds_buf b = {0};
    for (size_t i = 0; i < m->field_count; i++) {
        const ds_field *f = m->fields[i];
        if (f->kind == DS_FIELD_RELATION) continue;
        ds_buf_printf(&b, "%s:%s%s%s ", f->name.text, f->type.base ? f->type.base : "?",
                      f->type.required ? "!" : "", f->type.list ? "[]" : "");
    }
    const char *sig = b.len ? ds_arena_strndup(a, b.data, b.len) : NULL;
    ds_buf_free(&b);
    return sig;
}

/* The models only NEW has, by field signature (the first of each). */
static void index_new_models(ds_arena *a, const side_tables *news, const ds_schema *olds,
                             ds_symtab *by_sig) {
    ds_symtab_init(by_sig, a);
    for (size_t i = 0; i < news->count; i++) {
        const ds_decl *n = news->items[i].model;
        const char *sig = ds_diff_model(olds, n->name.text) ? NULL : field_signature(a, n);
        if (sig) ds_symtab_put(by_sig, sig, (void *)n);
    }
}

/* A model OLD has and NEW does not: removed, or renamed. */
static void table_removed(ds_diff *d, ds_arena *a, const ds_symtab *new_by_sig, const table *t) {
    const char *sig = field_signature(a, t->model);
    const ds_decl *m = t->model, *to = sig ? ds_symtab_get(new_by_sig, sig) : NULL;
    if (to) {
        ds_diag *g = ds_diff_report_change(
            d, DS_DIFF_DATA_LOSS, DS_D_MODEL_RENAMED, "MODEL_RENAMED", to->name.text, DS_NEW,
            to->name.span, "model '%s' looks like '%s' renamed: table %s is deleted with its data and %s starts empty",
            to->name.text, m->name.text, m->name.text, to->name.text);
        ds_diff_note(d, g, DS_OLD, m->name.span, "'%s' was declared here, with the same fields",
                     m->name.text);
        ds_hint(d->report, g, "keep model '%s' beside '%s', copy its items over, and remove it in a later deployment",
                m->name.text, to->name.text);
    } else {
        ds_diag *g = ds_diff_report_change(
            d, DS_DIFF_DATA_LOSS, DS_D_MODEL_REMOVED, "MODEL_REMOVED", m->name.text, DS_OLD,
            m->name.span, "model '%s' was removed: its table is deleted with its data", m->name.text);
        ds_hint(d->report, g, "export its items first, or keep the model (disableOperations hides it from clients) until they are copied");
    }
    add_verdict(d, m->name.text, DS_TABLE_DELETED, 0, 0);
}

/* Where a model's identifier is written (its name when it has the default). */
static ds_span identifier_span(const ds_decl *m) {
    return m->identifier.present ? m->identifier.span : m->name.span;
}

/* "[a, b]" of a model's identifier. */
static const char *identifier_words(ds_arena *a, const ds_decl *m) {
    ds_buf b = {0};
    ds_buf_printf(&b, "[%s", m->pk_name);
    for (size_t i = 0; i < m->sort_key_count; i++) ds_buf_printf(&b, ", %s", m->sort_keys[i].text);
    ds_buf_putc(&b, ']');
    const char *w = ds_arena_strndup(a, b.data, b.len);
    ds_buf_free(&b);
    return w;
}

/* Whether two tables' key schemas name the same fields (types aside). */
static bool same_key_names(const table *x, const table *y) {
    if (strcmp(x->pk.name, y->pk.name) != 0) return false;
    if (!x->sk.name || !y->sk.name) return x->sk.name == y->sk.name;
    return strcmp(x->sk.name, y->sk.name) == 0;
}

/* A table whose key schema changed: replaced. */
static void table_replaced(ds_diff *d, ds_arena *a, const table *o, const table *n) {
    const ds_decl *m = n->model;
    ds_diag *g;
    if (!same_key_names(o, n)) {
        g = ds_diff_report_change(d, DS_DIFF_DATA_LOSS, DS_D_IDENTIFIER_CHANGED,
                                  "IDENTIFIER_CHANGED", m->name.text, DS_NEW, identifier_span(m),
                                  "the identifier of model '%s' changed from %s to %s: its table is replaced and its data lost",
                                  m->name.text, identifier_words(a, o->model), identifier_words(a, m));
    } else {
        bool pk = o->pk.type != n->pk.type;
        key_attr was = pk ? o->pk : o->sk, now = pk ? n->pk : n->sk;
        g = ds_diff_report_change(d, DS_DIFF_DATA_LOSS, DS_D_KEY_TYPE_CHANGED, "KEY_TYPE_CHANGED",
                                  m->name.text, DS_NEW, identifier_span(m),
                                  "the %s key '%s' of model '%s' changed from a %s to a %s attribute: its table is replaced and its data lost",
                                  pk ? "partition" : "sort", now.name, m->name.text,
                                  was.type == 'N' ? "number" : "string",
                                  now.type == 'N' ? "number" : "string");
    }
    ds_diff_note(d, g, DS_OLD, identifier_span(o->model), "the deployed identifier is %s",
                 identifier_words(a, o->model));
    ds_hint(d->report, g, "add a new model with the new identifier, copy the items over, and remove '%s' in a later deployment",
            m->name.text);
}

/* One planned GSI operation, for the hint. */
typedef struct gsi_op {
    bool create;
    const gsi *index;
} gsi_op;

/* The hint of a table update that needs several GSI operations: one
 * deployment for each, deletions first (they make room under the limit). */
static void split_hint(ds_diff *d, ds_diag *g, const gsi_op *ops, size_t n) {
    ds_buf b = {0};
    ds_buf_printf(&b, "split the change into %zu deployments, one index each:", n);
    size_t step = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++)
            if (ops[i].create == (pass == 1)) {
                step++;
                ds_buf_printf(&b, "%s (%zu) %s index %s", step > 1 ? ";" : "", step,
                              ops[i].create ? "create" : "delete", ops[i].index->name);
            }
    ds_hint(d->report, g, "%s", b.data);
    ds_buf_free(&b);
}

/* Compare the GSIs of a table both sides have; returns the operations. */
static size_t table_updated(ds_diff *d, ds_arena *a, const table *o, const table *n) {
    gsi_op *ops = ds_arena_alloc(a, (2 * (o->gsi_count + n->gsi_count) + 1) * sizeof *ops);
    size_t count = 0;
    for (size_t i = 0; i < o->gsi_count; i++) {
        const gsi *now = find_gsi(n, o->gsis[i].name);
        if (!now || !same_gsi(&o->gsis[i], now)) ops[count++] = (gsi_op){false, &o->gsis[i]};
    }
    for (size_t i = 0; i < n->gsi_count; i++) {
        const gsi *was = find_gsi(o, n->gsis[i].name);
        if (!was || !same_gsi(was, &n->gsis[i])) ops[count++] = (gsi_op){true, &n->gsis[i]};
    }
    if (count > 1) {
        const ds_decl *m = n->model;
        ds_diag *g = ds_diff_report_change(
            d, DS_DIFF_DEPLOY, DS_D_GSI_OPERATIONS, "GSI_OPERATIONS", m->name.text, DS_NEW,
            m->name.span, "the table of model '%s' needs %zu global secondary index changes in one update; DynamoDB makes one at a time",
            m->name.text, count);
        for (size_t i = 0; i < count; i++)
            ds_diff_note(d, g, ops[i].create ? DS_NEW : DS_OLD, ops[i].index->span, "index %s is %s here",
                         ops[i].index->name, ops[i].create ? "created" : "deleted");
        split_hint(d, g, ops, count);
    }
    return count;
}

/* A table with more GSIs than DynamoDB allows. */
static void check_limit(ds_diff *d, const table *n) {
    if (n->gsi_count <= GSI_LIMIT) return;
    const ds_decl *m = n->model;
    ds_diag *g = ds_diff_report_change(d, DS_DIFF_DEPLOY, DS_D_GSI_LIMIT, "GSI_LIMIT", m->name.text,
                                       DS_NEW, m->name.span,
                                       "the table of model '%s' would have %zu global secondary indexes; DynamoDB allows %d",
                                       m->name.text, n->gsi_count, GSI_LIMIT);
    ds_hint(d->report, g, "drop %zu of its indexes (secondaryIndexes, or hasMany/hasOne relationships onto it)",
            n->gsi_count - GSI_LIMIT);
}

void ds_diff_tables(ds_diff *d) {
    ds_arena a;
    ds_arena_init(&a);
    side_tables olds = {0}, news = {0};
    build_tables(&a, d->side[DS_OLD], &olds);
    build_tables(&a, d->side[DS_NEW], &news);
    for (size_t i = 0; i < news.count; i++) {
        const table *n = &news.items[i], *o = ds_symtab_get(&olds.by_name, n->model->name.text);
        check_limit(d, n);
        if (!o) {
            add_verdict(d, n->model->name.text, DS_TABLE_CREATED, 0, n->gsi_count);
        } else if (!same_key(o->pk, n->pk) || !same_key(o->sk, n->sk)) {
            table_replaced(d, &a, o, n);
            add_verdict(d, n->model->name.text, DS_TABLE_REPLACED, 0, n->gsi_count);
        } else {
            size_t ops = table_updated(d, &a, o, n);
            add_verdict(d, n->model->name.text, ops ? DS_TABLE_UPDATED : DS_TABLE_UNCHANGED, ops,
                        n->gsi_count);
        }
    }
    ds_symtab new_by_sig;
    index_new_models(&a, &news, d->side[DS_OLD], &new_by_sig);
    for (size_t i = 0; i < olds.count; i++)
        if (!ds_symtab_get(&news.by_name, olds.items[i].model->name.text))
            table_removed(d, &a, &new_by_sig, &olds.items[i]);
    ds_arena_free(&a);
}
