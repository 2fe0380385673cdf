/* diff_command.h: the dschemac diff command (cmd/diff.c). */
#ifndef DSCHEMAC_DIFF_COMMAND_H
#define DSCHEMAC_DIFF_COMMAND_H

/* Run `dschemac diff` with argv[0] == "diff"; returns the exit status. */
int diff_main(int argc, char **argv);

#endif
