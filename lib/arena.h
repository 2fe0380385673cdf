/* arena.h: bump allocation for everything a schema owns; freed at once. */
#ifndef DS_ARENA_H
#define DS_ARENA_H

#include <stddef.h>

typedef struct ds_arena_block ds_arena_block;

typedef struct ds_arena {
    ds_arena_block *head;  /* newest block first */
    size_t bytes;          /* total bytes handed out, for limits */
} ds_arena;

/* Start an empty arena; nothing is allocated until the first request. */
void ds_arena_init(ds_arena *arena);

/* Free every block at once. */
void ds_arena_free(ds_arena *arena);

/* size zeroed bytes, aligned for any type; aborts only if malloc fails. */
void *ds_arena_alloc(ds_arena *arena, size_t size);

/* size bytes aligned for any type, not zeroed: for callers that fill them. */
void *ds_arena_alloc_raw(ds_arena *arena, size_t size);

/* A NUL-terminated copy of len bytes of s. */
char *ds_arena_strndup(ds_arena *arena, const char *s, size_t len);

/* A NUL-terminated copy of s. */
char *ds_arena_strdup(ds_arena *arena, const char *s);

/* printf into the arena. */
char *ds_arena_printf(ds_arena *arena, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Grow an arena array of count elements of size elem to at least need
   elements; returns the (possibly moved) array and updates *cap. */
void *ds_arena_grow(ds_arena *arena, void *items, size_t elem, size_t *cap, size_t need);

/* Forget everything allocated so far, keeping the newest block to reuse:
   nothing allocated before may be used afterwards. */
void ds_arena_reset(ds_arena *arena);

/* Move every block of from into to, which frees them with its own; from
   is left empty. What was allocated from from stays valid. */
void ds_arena_adopt(ds_arena *to, ds_arena *from);

/* Give back the size bytes at items (from ds_arena_alloc) when they are the
   last thing in their block or a block of their own; otherwise they stay
   until ds_arena_free. Nothing may use them afterwards. */
void ds_arena_release(ds_arena *arena, void *items, size_t size);

/* Room for exactly need elements in an empty arena vector, so that DS_PUSH
   fills it without growing (a vector that doubles leaves room unused, and
   its old copies behind). Returns the array and sets *cap. */
void *ds_arena_reserve(ds_arena *arena, void *items, size_t elem, size_t *cap, size_t need);

#define DS_RESERVE(arena, items, cap, need) \
    ((items) = ds_arena_reserve((arena), (items), sizeof *(items), &(cap), (need)))

/* Append one element to an arena vector: DS_PUSH(arena, items, count, cap, value). */
#define DS_PUSH(arena, items, count, cap, value)                                   \
    do {                                                                           \
        if ((count) >= (cap))                                                      \
            (items) = ds_arena_grow((arena), (items), sizeof *(items), &(cap),     \
                                    (count) + 1);                                  \
        (items)[(count)++] = (value);                                              \
    } while (0)

#endif
