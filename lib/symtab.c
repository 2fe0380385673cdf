/* symtab.c: open-addressing hash map (FNV-1a, linear probing, at most half full). */
#include "symtab.h"

#include <stdint.h>
#include <string.h>

/* The fewest slots a table has once it holds anything: most tables (the
 * fields of one model) hold a handful of names. */
#define MIN_SLOTS 16

static uint64_t hash(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

void ds_symtab_init(ds_symtab *t, ds_arena *arena) {
    t->slots = NULL;
    t->count = t->cap = 0;
    t->arena = arena;
}

void ds_symtab_init_sized(ds_symtab *t, ds_arena *arena, size_t expected) {
    ds_symtab_init(t, arena);
    size_t cap = MIN_SLOTS;
    while (cap < expected * 2 && cap < SIZE_MAX / 4) cap *= 2;
    t->cap = cap;
    t->slots = ds_arena_alloc(arena, cap * sizeof *t->slots);
}

/* Whether two keys are the same string (the first byte settles most). */
static int same(const char *a, const char *b) { return a[0] == b[0] && strcmp(a, b) == 0; }

/* The slot holding key, or the empty slot where it would go. */
static ds_symtab_slot *find(const ds_symtab *t, const char *key) {
    size_t mask = t->cap - 1, i = (size_t)hash(key) & mask;
    while (t->slots[i].key && !same(t->slots[i].key, key)) i = (i + 1) & mask;
    return &t->slots[i];
}

/* Double the table (or create it) and re-insert every entry. */
static void rehash(ds_symtab *t) {
    ds_symtab_slot *old = t->slots;
    size_t oldcap = t->cap;
    t->cap = oldcap ? oldcap * 2 : MIN_SLOTS;
    t->slots = ds_arena_alloc(t->arena, t->cap * sizeof *t->slots);
    size_t mask = t->cap - 1;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].key) continue;
        size_t j = (size_t)hash(old[i].key) & mask;  /* keys differ: no need to compare */
        while (t->slots[j].key) j = (j + 1) & mask;
        t->slots[j] = old[i];
    }
    ds_arena_release(t->arena, old, oldcap * sizeof *old);  /* big tables leave no garbage */
}

void *ds_symtab_get(const ds_symtab *t, const char *key) {
    if (!t->cap) return NULL;
    ds_symtab_slot *s = find(t, key);
    return s->key ? s->value : NULL;
}

void *ds_symtab_put(ds_symtab *t, const char *key, void *value) {
    if ((t->count + 1) * 2 > t->cap) rehash(t);
    ds_symtab_slot *s = find(t, key);
    if (s->key) return s->value;
    s->key = key;
    s->value = value;
    t->count++;
    return NULL;
}
