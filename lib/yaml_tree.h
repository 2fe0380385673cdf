/* yaml_tree.h: a YAML document loaded as a tree of located nodes, and its
 * scalars read under the YAML 1.2 core schema. Internal to the front-end.
 *
 * The loader (yaml_tree.c) reads libyaml's events into this tree, checking
 * what YAML itself requires (encoding, syntax, unique keys, anchors) and
 * the limits below. An alias becomes a second edge to its anchor's node, so
 * the tree is a DAG; its weight bounds what walking it can cost.
 */
#ifndef DS_YAML_TREE_H
#define DS_YAML_TREE_H

#include "ast.h"

/* Maps and lists nested deeper than this are refused. */
#define DS_YAML_MAX_DEPTH 256

/* Aliases may make a document stand for at most this many nodes more than
 * its size in bytes (a "billion laughs" file stands for billions). */
#define DS_YAML_ALIAS_BUDGET 1000000

typedef enum ds_ykind { DS_Y_SCALAR, DS_Y_SEQ, DS_Y_MAP } ds_ykind;

/* What an explicit tag asks a scalar to be. */
typedef enum ds_ytag {
    DS_YTAG_NONE, DS_YTAG_STR, DS_YTAG_NULL, DS_YTAG_BOOL, DS_YTAG_INT, DS_YTAG_FLOAT
} ds_ytag;

/* 48 bytes: the tree of a big file is millions of these. */
typedef struct ds_ynode {
    ds_span span;
    uint8_t kind;              /* ds_ykind */
    bool plain;                /* plain style: resolved under the core schema */
    uint8_t tag;               /* ds_ytag */
    uint8_t core;              /* SCALAR: its ds_value_kind, read once by the loader */
    /* SCALAR: the value, NUL-terminated (no NUL inside), with the tree: what
     * outlives the tree is copied (ds_parse_keep). NULL for maps and lists. */
    const char *text;
    /* SEQ: the items; MAP: keys and values alternate (count is twice the pairs). */
    struct ds_ynode **items;
    uint32_t len, count;       /* a file is at most 4 GiB (ds_yaml_load) */
} ds_ynode;

/* Offered by the loader each NAME: BODY entry of a section (a map that is
 * the value of a top-level key) as soon as BODY is complete; returns true
 * when it has taken the entry. The tree then holds ds_yaml_taken in place
 * of BODY, whose nodes the loader frees at once: a big file never lives
 * whole as a tree. Only entries the tree would keep are offered: a scalar
 * NAME first in its section, under a top-level key first in the top-level
 * map, in a section that has no anchor. */
typedef bool (*ds_yaml_take_fn)(void *ctx, const ds_ynode *section, const ds_ynode *name,
                                const ds_ynode *body);

/* The value of a taken entry in the tree. */
extern const ds_ynode ds_yaml_taken;

/* Read source file of s into a tree allocated from tmp (a taken entry's
 * nodes from a scratch arena of their own), offering section entries to
 * take (NULL: none) as they
 * complete. Sets *root to the document's top node, or NULL for an empty
 * document. Returns false after reporting an error that leaves no usable
 * tree (encoding, syntax, a limit, a file over 4 GiB); entries may have
 * been taken before it. */
bool ds_yaml_load(ds_schema *s, uint32_t file, ds_arena *tmp, ds_yaml_take_fn take, void *ctx,
                  ds_ynode **root);

/* The core-schema reading of a scalar node: its kind, and its number or
 * boolean (text is set by ds_yaml_value). */
ds_value_kind ds_yaml_scalar_kind(const ds_ynode *n, double *number, bool *boolean);

/* Fill *out with the value of scalar node n: kind, JavaScript text, span. */
void ds_yaml_value(ds_schema *s, const ds_ynode *n, ds_value *out);

/* The core-schema kind of scalar node n from its text, tag and style,
 * without converting numbers (the loader stores it in n->core). */
ds_value_kind ds_yaml_read_kind(const ds_ynode *n);

/* Whether scalar node n reads as the kind its explicit tag names (!!int
 * 12, !!bool true); nodes without a tag always do. */
bool ds_yaml_tag_fits(const ds_ynode *n);

/* Whether scalar node n is null (empty, ~, null) under the core schema. */
bool ds_yaml_is_null(const ds_ynode *n);

/* x as JavaScript's String(x) prints it (Number::toString): "1000", "2.5",
 * "1e+21", "1.5e-7", "NaN", "-Infinity". buf holds at least 32 bytes. */
void ds_js_number(double x, char *buf, size_t size);

#endif
