/* dschemac: compile dschema YAML files to GraphQL SDL, JSON, TypeScript or a diagram.
 *
 * The command owns the process: arguments, files, output and exit status.
 * Exit status: 0 success; 1 the schema has errors (or warnings under
 * --werror); 2 a usage or I/O error. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dschema.h"
#include "diff_command.h"
#include "input.h"
#include "lsp.h"
#include "report.h"

#define EXIT_SCHEMA 1
#define EXIT_USAGE 2

typedef struct options {
    ds_format format;
    const char *output;          /* NULL or "-": standard output */
    int check_only;
    int quiet;
    int werror;
    size_t max_errors;
    report_format diagnostics;
    int color;
    char **files;
    int file_count;
} options;

static const char usage_text[] =
    "Usage: dschemac [OPTIONS] FILE...\n"
    "       dschemac lsp     (a language server over standard input and output)\n"
    "Compile dschema YAML files to GraphQL SDL, JSON, TypeScript (Amplify Gen 2) or a diagram.\n"
    "\n"
    "  -f, --format=FORMAT     graphql (default), introspection, json, typescript, or a\n"
    "                          diagram: mermaid (erDiagram) or dot (Graphviz)\n"
    "  -o, --output=FILE       write to FILE (atomically); - is standard output\n"
    "      --check             check the schema, write nothing (for CI)\n"
    "  -q, --quiet             print errors only: no warnings, no summary\n"
    "      --werror            treat warnings as errors\n"
    "      --max-errors=N      show at most N errors and N warnings (default 20, 0: all)\n"
    "      --diagnostics-format=FMT  gcc (default), json (one object a line) or sarif\n"
    "      --color[=WHEN]      never, always or auto (default; NO_COLOR disables)\n"
    "  -h, --help              show this help and exit\n"
    "  -V, --version           show the version and exit\n"
    "\n"
    "FILE - reads standard input. Several files are merged in order.\n"
    "'dschemac diff OLD NEW' compares two versions (dschemac diff --help).\n"
    "Exit status: 0 success, 1 the schema has errors, 2 usage or I/O error.\n"
    "See dschemac(1) and dschema(5).\n";

/* Print a usage error with a hint and return the usage exit status. */
static int usage_error(const char *fmt, const char *arg) {
    return usage_error_of("dschemac", fmt, arg);
}

/* Parse a non-negative count; returns 0 on success. */
static int parse_count(const char *text, size_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-') return -1;
    *out = (size_t)v;
    return 0;
}

enum { OPT_CHECK = 256, OPT_WERROR, OPT_MAX_ERRORS, OPT_DIAG_FORMAT, OPT_COLOR };

/* Fill opts from argv; returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, options *opts) {
    static const struct option longopts[] = {
        {"format", required_argument, 0, 'f'},  {"output", required_argument, 0, 'o'},
        {"check", no_argument, 0, OPT_CHECK},   {"quiet", no_argument, 0, 'q'},
        {"werror", no_argument, 0, OPT_WERROR}, {"max-errors", required_argument, 0, OPT_MAX_ERRORS},
        {"diagnostics-format", required_argument, 0, OPT_DIAG_FORMAT},
        {"color", optional_argument, 0, OPT_COLOR}, {"colour", optional_argument, 0, OPT_COLOR},
        {"help", no_argument, 0, 'h'},          {"version", no_argument, 0, 'V'},
        {0, 0, 0, 0}};
    const char *color_when = NULL;
    int c, ok;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:o:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "graphql") == 0) opts->format = DS_FORMAT_GRAPHQL;
            else if (strcmp(optarg, "introspection") == 0) opts->format = DS_FORMAT_INTROSPECTION;
            else if (strcmp(optarg, "json") == 0) opts->format = DS_FORMAT_JSON;
            else if (strcmp(optarg, "typescript") == 0) opts->format = DS_FORMAT_TYPESCRIPT;
            else if (strcmp(optarg, "mermaid") == 0) opts->format = DS_FORMAT_MERMAID;
            else if (strcmp(optarg, "dot") == 0) opts->format = DS_FORMAT_DOT;
            else return usage_error("unknown format '%s' (use graphql, introspection, json, "
                                    "typescript, mermaid or dot)", optarg);
            break;
        case 'o': opts->output = optarg; break;
        case OPT_CHECK: opts->check_only = 1; break;
        case 'q': opts->quiet = 1; break;
        case OPT_WERROR: opts->werror = 1; break;
        case OPT_MAX_ERRORS:
            if (parse_count(optarg, &opts->max_errors))
                return usage_error("--max-errors takes a whole number, not '%s'", optarg);
            break;
        case OPT_DIAG_FORMAT:
            if (strcmp(optarg, "gcc") == 0) opts->diagnostics = REPORT_GCC;
            else if (strcmp(optarg, "json") == 0) opts->diagnostics = REPORT_JSON;
            else if (strcmp(optarg, "sarif") == 0) opts->diagnostics = REPORT_SARIF;
            else return usage_error("unknown diagnostics format '%s' (use gcc, json or sarif)", optarg);
            break;
        case OPT_COLOR:
            color_when = optarg ? optarg : "always";
            break;
        case 'h': fputs(usage_text, stdout); return fflush(stdout) ? EXIT_USAGE : 0;
        case 'V':
            printf("dschemac %s\n", DSCHEMA_VERSION);
            return fflush(stdout) ? EXIT_USAGE : 0;
        case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    opts->color = want_color(color_when, &ok);
    if (!ok) return usage_error("--color takes never, always or auto, not '%s'", color_when);
    if (opts->diagnostics != REPORT_GCC) opts->color = 0;
    opts->files = argv + optind;
    opts->file_count = argc - optind;
    if (opts->file_count == 0) return usage_error("%s", "no input file");
    return -1;
}

/* A ds_write_fn onto a stdio stream. */
static int write_stream(void *stream, const char *data, size_t len) {
    return fwrite(data, 1, len, stream) == len ? 0 : -1;
}

/* Emit the schema onto out; returns what ds_schema_emit_to returns, and
 * says so when the schema could not be emitted at all. */
static int emit_onto(ds_schema *schema, ds_format format, FILE *out) {
    int rc = ds_schema_emit_to(schema, format, write_stream, out);
    if (rc == -1) fputs("dschemac: internal error: the schema could not be emitted\n", stderr);
    return rc;
}

/* Emit to path through a temporary file renamed into place, so that a
 * failed run never leaves a half-written or clobbered file. Returns an
 * exit status. */
static int emit_atomically(ds_schema *schema, ds_format format, const char *path) {
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp) {
        fprintf(stderr, "dschemac: cannot write '%s': %s\n", path, strerror(ENOMEM));
        return EXIT_USAGE;
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", 12);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "dschemac: cannot write '%s': %s\n", path, strerror(errno));
        free(tmp);
        return EXIT_USAGE;
    }
    /* mkstemp makes the file 0600; give it the mode a plain create would. */
    mode_t mask = umask(0);
    umask(mask);
    struct stat st;
    fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 07777) : (0666 & ~mask));
    FILE *out = fdopen(fd, "wb");
    int rc = out ? emit_onto(schema, format, out) : -2;
    int err = errno;
    if (!out) close(fd);
    else if (fclose(out) != 0 && rc == 0) rc = -2, err = errno;
    if (rc == 0 && rename(tmp, path) != 0) rc = -2, err = errno;
    if (rc != 0) {
        if (rc == -2) fprintf(stderr, "dschemac: cannot write '%s': %s\n", path, strerror(err));
        unlink(tmp);
    }
    free(tmp);
    return rc == 0 ? 0 : rc == -1 ? EXIT_SCHEMA : EXIT_USAGE;
}

/* Emit the output to its destination; returns an exit status. */
static int write_output(ds_schema *schema, const options *opts) {
    if (opts->output && strcmp(opts->output, "-") != 0)
        return emit_atomically(schema, opts->format, opts->output);
    int rc = emit_onto(schema, opts->format, stdout);
    if (rc == -1) return EXIT_SCHEMA;
    if (rc == -2 || fflush(stdout) != 0) {
        fprintf(stderr, "dschemac: cannot write to standard output: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    return 0;
}

/* Parse every input into schema; returns -1 to go on, or an exit status. */
static int load_inputs(ds_schema *schema, const options *opts) {
    for (int i = 0; i < opts->file_count; i++) {
        const char *path = opts->files[i];
        size_t len = 0;
        char *data = read_input(path, &len);
        if (!data) return EXIT_USAGE;
        ds_schema_parse_adopt(schema, strcmp(path, "-") == 0 ? "<stdin>" : path, data, len);
    }
    return -1;
}

/* Print the diagnostics (all, or errors only when quiet). */
static void print_diagnostics(const ds_schema *schema, const options *opts) {
    if (opts->quiet && ds_schema_error_count(schema) == 0) return;
    report_diagnostics(stderr, schema, opts->diagnostics, opts->color);
    if (opts->diagnostics == REPORT_GCC && !opts->quiet)
        report_summary(stderr, schema, opts->max_errors, opts->color);
}

/* Compile: load, resolve, report, emit; returns the exit status. */
static int run(const options *opts) {
    ds_schema *schema = ds_schema_new();
    ds_schema_set_max_errors(schema, opts->max_errors);
    ds_schema_set_format(schema, opts->format);
    int status = load_inputs(schema, opts);
    if (status < 0) {
        ds_schema_resolve(schema);
        print_diagnostics(schema, opts);
        if (ds_schema_error_count(schema) ||
            (opts->werror && ds_schema_warning_count(schema)))
            status = EXIT_SCHEMA;
    }
    if (status < 0 && !opts->check_only) status = write_output(schema, opts);
    ds_schema_free(schema);
    return status < 0 ? 0 : status;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "diff") == 0) return diff_main(argc - 1, argv + 1);
    if (argc == 2 && strcmp(argv[1], "lsp") == 0) return lsp_main();
    options opts = {0};
    opts.max_errors = 20;
    int status = parse_args(argc, argv, &opts);
    if (status >= 0) return status;
    return run(&opts);
}
