/* diff.c: `dschemac diff OLD NEW`, the CI gate between a deployed schema
 * and its next version. Each side is one file (`-`: standard input), a
 * REV:PATH that git show reads when no such file exists, or several
 * files given with --old and --new. Both sides are compiled; the changes
 * (lib/diff*.c) are printed as the compiler prints diagnostics.
 * Exit status: 0 nothing at or above --fail-on; 1 something is; 2 usage,
 * I/O or compile errors. */
#include "diff_command.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dschema.h"
#include "input.h"
#include "report.h"

#define EXIT_FOUND 1
#define EXIT_USAGE 2

/* The level --fail-on=any stands for: everything. */
#define FAIL_ANY DS_DIFF_NON_BREAKING

typedef struct side_files {
    const char **paths;
    int count;
} side_files;

typedef struct diff_options {
    side_files side[2];        /* OLD, NEW */
    ds_diff_level fail_on;
    report_format format;
    int color;
} diff_options;

static const char diff_usage_text[] =
    "Usage: dschemac diff [OPTIONS] OLD NEW\n"
    "       dschemac diff [OPTIONS] --old=FILE... --new=FILE...\n"
    "Compare two versions of a schema: what the deployment does to the tables,\n"
    "and what changes for clients.\n"
    "\n"
    "  OLD, NEW                a file, - for standard input, or REV:PATH read\n"
    "                          through git show when no such file exists\n"
    "      --old=FILE          one file of OLD (repeat for several, merged in order)\n"
    "      --new=FILE          one file of NEW (likewise)\n"
    "      --fail-on=LEVEL     data-loss, deploy, breaking (default), dangerous or any\n"
    "      --diagnostics-format=FMT  gcc (default; also text), json or sarif\n"
    "      --color[=WHEN]      never, always or auto (default; NO_COLOR disables)\n"
    "  -h, --help              show this help and exit\n"
    "\n"
    "Exit status: 0 nothing at or above --fail-on, 1 something is, 2 usage or\n"
    "compile errors. See dschemac(1).\n";

/* Print a usage error and return the usage exit status. */
static int diff_usage_error(const char *fmt, const char *arg) {
    return usage_error_of("dschemac diff", fmt, arg);
}

/* Add a path to a side. */
static void side_add(side_files *s, const char *path) {
    const char **p = realloc(s->paths, (size_t)(s->count + 1) * sizeof *p);
    if (!p) abort();
    s->paths = p;
    s->paths[s->count++] = path;
}

/* The level a --fail-on word names; -1 for none. */
static int level_named(const char *word) {
    if (strcmp(word, "any") == 0) return FAIL_ANY;
    for (int l = DS_DIFF_DANGEROUS; l <= DS_DIFF_DATA_LOSS; l++)
        if (strcmp(word, ds_diff_level_name((ds_diff_level)l)) == 0) return l;
    return -1;
}

enum { OPT_OLD = 256, OPT_NEW, OPT_FAIL_ON, OPT_DIAG_FORMAT, OPT_COLOR };

/* Fill opts from argv; returns -1 to go on, or an exit status. */
static int parse_diff_args(int argc, char **argv, diff_options *opts) {
    static const struct option longopts[] = {
        {"old", required_argument, 0, OPT_OLD},          {"new", required_argument, 0, OPT_NEW},
        {"fail-on", required_argument, 0, OPT_FAIL_ON},
        {"diagnostics-format", required_argument, 0, OPT_DIAG_FORMAT},
        {"color", optional_argument, 0, OPT_COLOR},      {"colour", optional_argument, 0, OPT_COLOR},
        {"help", no_argument, 0, 'h'},                   {0, 0, 0, 0}};
    const char *color_when = NULL;
    int c, ok, level;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_OLD: side_add(&opts->side[0], optarg); break;
        case OPT_NEW: side_add(&opts->side[1], optarg); break;
        case OPT_FAIL_ON:
            if ((level = level_named(optarg)) < 0)
                return diff_usage_error("--fail-on takes data-loss, deploy, breaking, dangerous or any, not '%s'", optarg);
            opts->fail_on = (ds_diff_level)level;
            break;
        case OPT_DIAG_FORMAT:
            if (strcmp(optarg, "gcc") == 0 || strcmp(optarg, "text") == 0) opts->format = REPORT_GCC;
            else if (strcmp(optarg, "json") == 0) opts->format = REPORT_JSON;
            else if (strcmp(optarg, "sarif") == 0) opts->format = REPORT_SARIF;
            else return diff_usage_error("unknown diagnostics format '%s' (use gcc, json or sarif)", optarg);
            break;
        case OPT_COLOR: color_when = optarg ? optarg : "always"; break;
        case 'h': fputs(diff_usage_text, stdout); return fflush(stdout) ? EXIT_USAGE : 0;
        case ':': return diff_usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return diff_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    opts->color = want_color(color_when, &ok);
    if (!ok) return diff_usage_error("--color takes never, always or auto, not '%s'", color_when);
    if (opts->format != REPORT_GCC) opts->color = 0;
    for (int s = 0; s < 2 && optind < argc; s++)
        if (opts->side[s].count == 0) side_add(&opts->side[s], argv[optind++]);
    if (optind < argc) return diff_usage_error("unexpected argument '%s'", argv[optind]);
    if (opts->side[0].count == 0 || opts->side[1].count == 0)
        return diff_usage_error("%s", "give both OLD and NEW");
    int stdin_uses = 0;
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < opts->side[s].count; i++) stdin_uses += strcmp(opts->side[s].paths[i], "-") == 0;
    if (stdin_uses > 1) return diff_usage_error("%s", "standard input (-) can be read only once");
    return -1;
}

/* The bytes of REV:PATH through `git show`, or NULL when git cannot show it. */
static char *git_show(const char *spec, size_t *len) {
    int fds[2];
    if (pipe(fds) != 0) return NULL;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(fds[1], STDOUT_FILENO);
        if (devnull >= 0) dup2(devnull, STDERR_FILENO);
        close(fds[0]);
        execlp("git", "git", "show", spec, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *in = fdopen(fds[0], "rb");
    char *data = in ? read_stream(in, 0, len) : NULL;
    if (in) fclose(in);
    else close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        free(data);
        return NULL;
    }
    return data;
}

/* Read one input of a side: a file, -, or REV:PATH from git. */
static char *read_side_input(const char *path, size_t *len) {
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) != 0 && strchr(path, ':')) {
        char *data = git_show(path, len);
        if (!data)
            fprintf(stderr, "dschemac diff: cannot read '%s': no such file, and git show cannot show it\n", path);
        return data;
    }
    return read_input(path, len);
}

/* Compile one side; returns NULL after reporting when it cannot be read or
 * has errors. */
static ds_schema *compile_side(const side_files *files, const diff_options *opts, int *status) {
    ds_schema *s = ds_schema_new();
    ds_schema_set_max_errors(s, 20);
    for (int i = 0; i < files->count; i++) {
        size_t len = 0;
        char *data = read_side_input(files->paths[i], &len);
        if (!data) {
            ds_schema_free(s);
            *status = EXIT_USAGE;
            return NULL;
        }
        ds_schema_parse_adopt(s, strcmp(files->paths[i], "-") == 0 ? "<stdin>" : files->paths[i], data, len);
    }
    if (ds_schema_resolve(s) == 0) return s;
    report_diagnostics(stderr, s, opts->format, opts->color);
    if (opts->format == REPORT_GCC) report_summary(stderr, s, 20, opts->color);
    ds_schema_free(s);
    *status = EXIT_USAGE;
    return NULL;
}

/* The level, change type and path of diagnostic i, for the JSON forms. */
static void change_members(void *ctx, size_t i, json_t *obj) {
    const ds_diff_change *c = ds_diff_change_at(ctx, i);
    if (!c) return;
    json_object_set_new(obj, "level", json_string(ds_diff_level_name(c->level)));
    json_object_set_new(obj, "change", json_string(c->kind));
    json_object_set_new(obj, "path", json_string(c->path));
}

/* One table's verdict as JSON. */
static json_t *table_json(const ds_diff_table *t) {
    return json_pack("{s:s, s:s, s:I, s:I}", "model", t->model, "table",
                     ds_table_verdict_name(t->verdict), "gsiOperations", (json_int_t)t->gsi_operations,
                     "gsiCount", (json_int_t)t->gsi_count);
}

/* The SARIF run's properties: every table's verdict. */
static void tables_property(void *ctx, json_t *props) {
    json_t *tables = json_array();
    for (size_t i = 0; i < ds_diff_table_count(ctx); i++)
        json_array_append_new(tables, table_json(ds_diff_table_at(ctx, i)));
    json_object_set_new(props, "tables", tables);
}

/* The tables that change and the count of changes by level (gcc form). */
static void print_summary(const ds_diff *diff, int color) {
    for (size_t i = 0; i < ds_diff_table_count(diff); i++) {
        const ds_diff_table *t = ds_diff_table_at(diff, i);
        if (t->verdict == DS_TABLE_UNCHANGED) continue;
        fprintf(stderr, "table %s: %s", t->model, ds_table_verdict_name(t->verdict));
        if (t->gsi_operations)
            fprintf(stderr, " (%zu GSI operation%s)", t->gsi_operations, t->gsi_operations == 1 ? "" : "s");
        fputc('\n', stderr);
    }
    size_t by_level[DS_DIFF_DATA_LOSS + 1] = {0}, total = ds_diff_change_count(diff);
    if (!total) return;
    for (size_t i = 0; i < total; i++) by_level[ds_diff_change_at(diff, i)->level]++;
    fputs(color ? "\033[1mdschemac diff:\033[0m " : "dschemac diff: ", stderr);
    fprintf(stderr, "%zu change%s", total, total == 1 ? "" : "s");
    const char *sep = " (";
    for (int l = DS_DIFF_DATA_LOSS; l >= DS_DIFF_NON_BREAKING; l--) {
        if (!by_level[l]) continue;
        fprintf(stderr, "%s%zu %s", sep, by_level[l], ds_diff_level_name((ds_diff_level)l));
        sep = ", ";
    }
    fputs(")\n", stderr);
}

/* Print the changes in the chosen form. */
static void print_changes(const ds_diff *diff, const diff_options *opts) {
    report_extra extra = {change_members, tables_property, (void *)diff};
    report_diagnostics_extra(stderr, ds_diff_report(diff), opts->format, opts->color, &extra);
    if (opts->format == REPORT_JSON) {
        for (size_t i = 0; i < ds_diff_table_count(diff); i++) {
            json_t *table = table_json(ds_diff_table_at(diff, i));
            char *text = json_dumps(table, JSON_COMPACT | JSON_PRESERVE_ORDER);
            if (text) fprintf(stderr, "%s\n", text);
            free(text);
            json_decref(table);
        }
    }
    if (opts->format == REPORT_GCC) print_summary(diff, opts->color);
}

/* Compile both sides, diff them, report; returns the exit status. */
static int run_diff(const diff_options *opts) {
    int status = 0;
    ds_schema *old_schema = compile_side(&opts->side[0], opts, &status);
    ds_schema *new_schema = old_schema ? compile_side(&opts->side[1], opts, &status) : NULL;
    if (!old_schema || !new_schema) {
        ds_schema_free(old_schema);
        return status;
    }
    ds_diff *diff = ds_diff_new(old_schema, new_schema);
    ds_schema_free(old_schema);
    ds_schema_free(new_schema);
    if (!diff) {
        fputs("dschemac diff: internal error: the schemas could not be compared\n", stderr);
        return EXIT_USAGE;
    }
    print_changes(diff, opts);
    for (size_t i = 0; i < ds_diff_change_count(diff); i++)
        if (ds_diff_change_at(diff, i)->level >= opts->fail_on) status = EXIT_FOUND;
    ds_diff_free(diff);
    if (fflush(stderr) != 0) return EXIT_USAGE;
    return status;
}

int diff_main(int argc, char **argv) {
    diff_options opts = {0};
    opts.fail_on = DS_DIFF_BREAKING;
    int status = parse_diff_args(argc, argv, &opts);
    if (status < 0) status = run_diff(&opts);
    free(opts.side[0].paths);
    free(opts.side[1].paths);
    return status;
}
