/* runstat: run a command and report its wall time and peak memory.
 *
 *     runstat STATS COMMAND [ARG...]
 *
 * writes "SECONDS MAXRSS_KIB STATUS" to the file STATS; the command's input
 * and output pass through untouched.
 *
 * bench.py measures through this small program rather than from Python:
 * Linux carries a process's peak RSS across exec, so a child forked from
 * the Python interpreter would report at least the interpreter's size.
 * Forked from runstat, whose footprint is tiny, the child's ru_maxrss is its
 * own (getrusage of RUSAGE_CHILDREN: runstat has one child). STATUS is
 * the exit status, or 128 + the signal that ended it. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Seconds on the monotonic clock. */
static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fputs("usage: runstat STATS COMMAND [ARG...]\n", stderr);
        return 2;
    }
    double start = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("runstat: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) < 0) {
        perror("runstat: waitpid");
        return 2;
    }
    double secs = now() - start;
    struct rusage usage;
    getrusage(RUSAGE_CHILDREN, &usage);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *stats = fopen(argv[1], "w");
    if (!stats) {
        perror(argv[1]);
        return 2;
    }
    fprintf(stats, "%.6f %ld %d\n", secs, usage.ru_maxrss, code);
    return fclose(stats) ? 2 : 0;
}
