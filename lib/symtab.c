/* symtab.c: open-addressing hash map (FNV-1a, linear probing). */
#include "symtab.h"

#include <stdint.h>
#include <string.h>

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

/* The slot holding key, or the empty slot where it would go. */
static ds_symtab_slot *find(const ds_symtab *t, const char *key) {
    size_t mask = t->cap - 1, i = (size_t)hash(key) & mask;
    while (t->slots[i].key && strcmp(t->slots[i].key, key) != 0) i = (i + 1) & mask;
    return &t->slots[i];
}

/* Double the table (or create it) and re-insert every entry. */
static void rehash(ds_symtab *t) {
    ds_symtab_slot *old = t->slots;
    size_t oldcap = t->cap;
    t->cap = oldcap ? oldcap * 2 : 64;
    t->slots = ds_arena_alloc(t->arena, t->cap * sizeof *t->slots);
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].key) *find(t, old[i].key) = old[i];
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
