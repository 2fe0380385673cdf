/* yaml_parse: the floor of `make bench`. Reads a file into memory the way
 * dschemac does, then runs a bare libyaml event parse over it and nothing
 * else: whatever dschemac spends beyond this is its own.
 *
 *     yaml_parse FILE     prints the number of events; exit 1 on a YAML
 *                         error, 2 on an I/O error */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

/* Read all of path into a malloc'ed buffer; NULL on failure. */
static unsigned char *read_file(const char *path, size_t *len) {
    FILE *in = fopen(path, "rb");
    if (!in) return NULL;
    size_t cap = 65536, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, in);
        if (n < cap) break;
        unsigned char *grown = realloc(buf, cap *= 2);
        if (!grown) free(buf);
        buf = grown;
    }
    if (buf && ferror(in)) {
        free(buf);
        buf = NULL;
    }
    fclose(in);
    *len = n;
    return buf;
}

/* Parse data event by event; returns the event count, or -1 on an error. */
static long count_events(const unsigned char *data, size_t len) {
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    if (!yaml_parser_initialize(&parser)) return -1;
    yaml_parser_set_input_string(&parser, data, len);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "yaml_parse: %s at line %lu\n", parser.problem,
                    (unsigned long)parser.problem_mark.line + 1);
            events = -1;
            break;
        }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    return events;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fputs("usage: yaml_parse FILE\n", stderr);
        return 2;
    }
    size_t len = 0;
    unsigned char *data = read_file(argv[1], &len);
    if (!data) {
        perror(argv[1]);
        return 2;
    }
    long events = count_events(data, len);
    free(data);
    if (events < 0) return 1;
    printf("%ld events\n", events);
    return 0;
}
