/* symtab.h: an open-addressing hash map from names to pointers. */
#ifndef DS_SYMTAB_H
#define DS_SYMTAB_H

#include <stddef.h>

#include "arena.h"

typedef struct ds_symtab_slot {
    const char *key;  /* borrowed: must outlive the table (arena strings) */
    void *value;
} ds_symtab_slot;

typedef struct ds_symtab {
    ds_symtab_slot *slots;  /* in the arena */
    size_t count, cap;
    ds_arena *arena;
} ds_symtab;

/* An empty table that allocates from arena. */
void ds_symtab_init(ds_symtab *t, ds_arena *arena);

/* An empty table with room for about expected entries before it grows. */
void ds_symtab_init_sized(ds_symtab *t, ds_arena *arena, size_t expected);

/* The value stored under key, or NULL. */
void *ds_symtab_get(const ds_symtab *t, const char *key);

/* Store value under key unless the key is present; returns the value
   already there (and stores nothing), or NULL when it stored. */
void *ds_symtab_put(ds_symtab *t, const char *key, void *value);

#endif
