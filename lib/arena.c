/* arena.c: bump allocator. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
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

void ds_arena_free(ds_arena *arena) {
    ds_arena_block *b = arena->head;
    while (b) {
        ds_arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena->head = NULL;
    arena->bytes = 0;
}

/* A new block able to hold at least size bytes, pushed on the list. */
static ds_arena_block *new_block(ds_arena *arena, size_t size) {
    size_t cap = size > DS_ARENA_BLOCK ? size : DS_ARENA_BLOCK;
    ds_arena_block *b = malloc(sizeof *b + cap);
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

void *ds_arena_alloc(ds_arena *arena, size_t size) {
    size = (size + DS_ALIGN - 1) & ~(size_t)(DS_ALIGN - 1);
    if (size == 0) size = DS_ALIGN;
    ds_arena_block *b = arena->head;
    if (!b || b->size - b->used < size) {
        if (size > DS_ARENA_BLOCK / 4) {
            /* A big request gets its own block, behind the current one, so the
               current block's free tail is not wasted. */
            ds_arena_block *cur = arena->head;
            b = new_block(arena, size);
            if (cur) {
                arena->head = cur;
                b->next = cur->next;
                cur->next = b;
            }
        } else {
            b = new_block(arena, size);
        }
    }
    void *p = b->data + b->used;
    b->used += size;
    arena->bytes += size;
    memset(p, 0, size);
    return p;
}

char *ds_arena_strndup(ds_arena *arena, const char *s, size_t len) {
    char *p = ds_arena_alloc(arena, len + 1);
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *ds_arena_strdup(ds_arena *arena, const char *s) {
    return ds_arena_strndup(arena, s, strlen(s));
}

char *ds_arena_printf(ds_arena *arena, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return ds_arena_strdup(arena, "");
    char *p = ds_arena_alloc(arena, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *ds_arena_grow(ds_arena *arena, void *items, size_t elem, size_t *cap, size_t need) {
    if (need <= *cap) return items;
    size_t ncap = *cap ? *cap * 2 : 4;
    while (ncap < need) ncap *= 2;
    void *p = ds_arena_alloc(arena, ncap * elem);
    if (items && *cap) memcpy(p, items, *cap * elem);
    *cap = ncap;
    return p;
}
