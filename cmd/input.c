/* input.c: reading input files and the colour choice, for both commands. */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether colour is wanted on standard error for WHEN (NULL: auto). */
int want_color(const char *when, int *ok) {
    *ok = 1;
    if (!when || strcmp(when, "auto") == 0) {
        const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
        return isatty(STDERR_FILENO) && !(no && *no) && !(term && strcmp(term, "dumb") == 0);
    }
    if (strcmp(when, "always") == 0) return 1;
    if (strcmp(when, "never") == 0) return 0;
    *ok = 0;
    return 0;
}

/* Read all of stream (size_hint bytes expected, 0 if unknown) into a
 * malloc'ed buffer with room for one more byte; returns NULL and sets errno. */
char *read_stream(FILE *in, size_t size_hint, size_t *len) {
    size_t cap = size_hint < MAX_INPUT_BYTES ? size_hint + 1 : MAX_INPUT_BYTES, n = 0;
    if (cap < 65536) cap = 65536;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (n == cap) {
            if (cap >= MAX_INPUT_BYTES) {
                free(buf);
                errno = EFBIG;
                return NULL;
            }
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                return NULL;
            }
            buf = p, cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, in);
        n += got;
        if (got == 0) break;
    }
    if (n == cap) {  /* room for the NUL ds_schema_parse_adopt writes */
        char *p = realloc(buf, cap + 1);
        if (!p) {
            free(buf);
            return NULL;
        }
        buf = p;
    }
    if (ferror(in)) {
        int saved = errno ? errno : EIO;
        free(buf);
        errno = saved;
        return NULL;
    }
    *len = n;
    return buf;
}

/* Read a file (or standard input for "-"); prints the error and returns NULL. */
char *read_input(const char *path, size_t *len) {
    if (strcmp(path, "-") == 0) {
        char *data = read_stream(stdin, 0, len);
        if (!data)
            fprintf(stderr, "dschemac: cannot read <stdin>: %s\n",
                    errno == EFBIG ? "input is larger than 256 MiB" : strerror(errno));
        return data;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "dschemac: cannot read '%s': Is a directory\n", path);
        return NULL;
    }
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "dschemac: cannot read '%s': %s\n", path, strerror(errno));
        return NULL;
    }
    char *data = read_stream(in, stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size : 0,
                             len);
    if (!data)
        fprintf(stderr, "dschemac: cannot read '%s': %s\n", path,
                errno == EFBIG ? "file is larger than 256 MiB" : strerror(errno));
    fclose(in);
    return data;
}


int usage_error_of(const char *command, const char *fmt, const char *arg) {
    fprintf(stderr, "%s: ", command);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", command);
    return 2;
}
