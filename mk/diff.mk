# dschemac diff: the golden cases (tests/diff, run by tests/diff.sh) in make check.
#   sh tests/diff.sh --update    rewrite tests/diff/*.expected from the build (then read them)

.PHONY: diff-golden
check: diff-golden

diff-golden: $(BUILD)/dschemac
	@DSCHEMAC="$(TEST_WRAPPER) $(abspath $(BUILD))/dschemac" sh tests/diff.sh
