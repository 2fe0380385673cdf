/* input.h: what the compiler and dschemac diff share: reading inputs,
 * usage errors. */
#ifndef DSCHEMAC_INPUT_H
#define DSCHEMAC_INPUT_H

#include <stddef.h>
#include <stdio.h>

/* Inputs larger than this are refused before parsing. */
#define MAX_INPUT_BYTES ((size_t)256 << 20)

/* Whether colour is wanted on standard error for WHEN (NULL: auto); *ok
 * is 0 for a WHEN that is none of never, always, auto. */
int want_color(const char *when, int *ok);

/* Read all of stream (size_hint bytes expected, 0 if unknown) into a
 * malloc'ed buffer with room for one more byte; returns NULL and sets errno. */
char *read_stream(FILE *in, size_t size_hint, size_t *len);

/* Read a file (or standard input for "-"); prints the error and returns NULL. */
char *read_input(const char *path, size_t *len);

/* Print "COMMAND: " and a usage error (fmt with one %s, arg), then how to
 * get help; returns the usage exit status, 2. */
int usage_error_of(const char *command, const char *fmt, const char *arg);

#endif
