/* arena.c: bump allocator. */
#define _DEFAULT_SOURCE  /* madvise, for the huge-page hint */
#include "arena.h"

#include "buf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DS_ARENA_BLOCK 65536
#define DS_ALIGN 16

struct ds_arena_block {
    ds_arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

void ds_arena_init(ds_arena *arena) {
    arena->head = NULL;
    arena->bytes = 0;
}

/* Free a list of blocks. */
static void free_blocks(ds_arena_block *b) {
    while (b) {
        ds_arena_block *next = b->next;
        free(b);
        b = next;
    }
}

void ds_arena_free(ds_arena *arena) {
    free_blocks(arena->head);
    arena->head = NULL;
    arena->bytes = 0;
}

void ds_arena_reset(ds_arena *arena) {
    ds_arena_block *keep = arena->head;
    if (!keep) return;
    free_blocks(keep->next);
    keep->next = NULL;
    keep->used = 0;
    arena->bytes = 0;
}

void ds_arena_adopt(ds_arena *to, ds_arena *from) {
    ds_arena_block *first = from->head;
    if (!first) return;
    ds_arena_block *last = first;
    while (last->next) last = last->next;
    if (to->head) {  /* behind to's newest block, which keeps serving requests */
        last->next = to->head->next;
        to->head->next = first;
    } else {
        to->head = first;
    }
    to->bytes += from->bytes;
    from->head = NULL;
    from->bytes = 0;
}

/* A block of one transparent huge page: what a big arena grows by. */
#define DS_ARENA_HUGE ((size_t)2 << 20)

/* Memory for a block of size bytes (header included): a huge page, asked
 * to be backed by one, when size is one; else from malloc. A schema of
 * thousands of models fills tens of megabytes, and touching them a 4 KiB
 * page at a time costs a page fault each. */
static void *block_memory(size_t size) {
#if defined(MADV_HUGEPAGE)
    if (size == DS_ARENA_HUGE) {
        void *p = NULL;
        if (posix_memalign(&p, DS_ARENA_HUGE, size) != 0) return NULL;
        madvise(p, size, MADV_HUGEPAGE);  /* a hint: without it, small pages */
        return p;
    }
#endif
    return malloc(size);
}

/* A new block pushed on the list: for a big request (own), of just its
 * size; else a regular block, 64 KiB while the arena is small and a huge
 * page once it has handed out 32 MiB (a schema of a few thousand models
 * keeps small pages: a huge page is resident whole as soon as it is
 * touched, and its unused tail would be most of what it adds). */
static ds_arena_block *new_block(ds_arena *arena, size_t size, bool own) {
    size_t regular = arena->bytes >= 16 * DS_ARENA_HUGE ? DS_ARENA_HUGE - sizeof(ds_arena_block)
                                                        : DS_ARENA_BLOCK;
    size_t cap = own || size > regular ? size : regular;
    ds_arena_block *b = block_memory(sizeof *b + cap);
    if (!b) {
        /* Out of memory leaves no way to report; a library may not exit, so abort. */
        abort();
    }
    b->used = 0;
    b->size = cap;
    b->next = arena->head;
    arena->head = b;
    return b;
}

/* The first offset at or after used that is aligned for any type. */
static size_t aligned(size_t used) { return (used + DS_ALIGN - 1) & ~(size_t)(DS_ALIGN - 1); }

void *ds_arena_alloc_raw(ds_arena *arena, size_t size) {
    size = aligned(size);
    if (size == 0) size = DS_ALIGN;
    ds_arena_block *b = arena->head;
    size_t at = b ? aligned(b->used) : 0;
    if (!b || b->size - at < size) {
        if (size > DS_ARENA_BLOCK / 4) {
            /* A big request gets its own block, behind the current one, so the
               current block's free tail is not wasted. */
            ds_arena_block *cur = arena->head;
            b = new_block(arena, size, true);
            if (cur) {
                arena->head = cur;
                b->next = cur->next;
                cur->next = b;
            }
        } else {
            b = new_block(arena, size, false);
        }
        at = 0;
    }
    void *p = b->data + at;
    b->used = at + size;
    arena->bytes += size;
    return p;
}

void *ds_arena_alloc(ds_arena *arena, size_t size) {
    void *p = ds_arena_alloc_raw(arena, size);
    memset(p, 0, size);
    return p;
}

/* size bytes with no alignment from the free tail of the newest block, or
 * NULL when it has no room. */
static char *take_bytes(ds_arena *arena, size_t size) {
    ds_arena_block *b = arena->head;
    if (!b || b->size - b->used < size) return NULL;
    char *p = (char *)b->data + b->used;
    b->used += size;
    arena->bytes += size;
    return p;
}

char *ds_arena_strndup(ds_arena *arena, const char *s, size_t len) {
    char *p = take_bytes(arena, len + 1);  /* strings need no alignment */
    if (!p) p = ds_arena_alloc_raw(arena, len + 1);
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *ds_arena_strdup(ds_arena *arena, const char *s) {
    return ds_arena_strndup(arena, s, strlen(s));
}

/* Formats with ds_buf_vprintf, which does %s and the other common
 * conversions without vsnprintf (about a thousand instructions a call). */
char *ds_arena_printf(ds_arena *arena, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ds_buf text = {0};
    ds_buf_vprintf(&text, fmt, ap);
    va_end(ap);
    char *p = ds_arena_strndup(arena, text.data ? text.data : "", text.len);
    ds_buf_free(&text);
    return p;
}

/* The link that points at the block whose data starts at items and holds
 * nothing after the size bytes of it, or NULL. */
static ds_arena_block **sole_owner(ds_arena *arena, const void *items, size_t size) {
    for (ds_arena_block **link = &arena->head; *link; link = &(*link)->next)
        if ((*link)->data == items) return (*link)->used == size ? link : NULL;
    return NULL;
}

/* Grow in place the array of old bytes at items to size bytes (both
 * aligned), when it is the last thing in its block: the newest block with
 * room after it, or a block of its own that realloc can move. Returns the
 * array, or NULL when it cannot grow in place. */
static void *grow_in_place(ds_arena *arena, void *items, size_t old, size_t size) {
    ds_arena_block *b = arena->head;
    if (b && (unsigned char *)items + old == b->data + b->used && b->size - b->used >= size - old) {
        b->used += size - old;
        arena->bytes += size - old;
        return items;
    }
    if (old <= DS_ARENA_BLOCK / 4) return NULL;  /* only big arrays get a block of their own */
    ds_arena_block **link = sole_owner(arena, items, old);
    if (!link) return NULL;
    ds_arena_block *moved = realloc(*link, sizeof *moved + size);
    if (!moved) abort();
    moved->used = moved->size = size;
    *link = moved;
    arena->bytes += size - old;
    return moved->data;
}

void ds_arena_release(ds_arena *arena, void *items, size_t size) {
    if (!items) return;
    size = aligned(size);
    if (size == 0) size = DS_ALIGN;
    ds_arena_block *b = arena->head;
    if (b && (unsigned char *)items + size == b->data + b->used && b->used >= size) {
        b->used -= size;
        arena->bytes -= size;
        return;
    }
    if (size <= DS_ARENA_BLOCK / 4) return;
    ds_arena_block **link = sole_owner(arena, items, size);
    if (!link) return;
    ds_arena_block *own = *link;
    *link = own->next;
    free(own);
    arena->bytes -= size;
}

void *ds_arena_reserve(ds_arena *arena, void *items, size_t elem, size_t *cap, size_t need) {
    if (items || need == 0) return items;
    *cap = need;
    return ds_arena_alloc(arena, need * elem);
}

void *ds_arena_grow(ds_arena *arena, void *items, size_t elem, size_t *cap, size_t need) {
    if (need <= *cap) return items;
    size_t ncap = *cap ? *cap * 2 : 4;
    while (ncap < need) ncap *= 2;
    size_t old = items ? aligned(*cap * elem) : 0, size = aligned(ncap * elem);
    void *p = old ? grow_in_place(arena, items, old, size) : NULL;
    if (!p) {
        p = ds_arena_alloc_raw(arena, size);
        if (old) memcpy(p, items, *cap * elem);
    }
    /* Zero what lies past the old elements, as a fresh allocation would be. */
    memset((unsigned char *)p + *cap * elem, 0, size - *cap * elem);
    *cap = ncap;
    return p;
}
