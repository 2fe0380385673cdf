# dschemac diff: the golden cases (tests/diff, run by tests/diff.sh) in make check.
#   sh tests/diff.sh --update    rewrite tests/diff/*.expected from the build (then read them)

.PHONY: diff-golden
check: diff-golden

diff-golden: $(BUILD)/dschemac
	@DSCHEMAC="$(TEST_WRAPPER) $(abspath $(BUILD))/dschemac" sh tests/diff.sh

# The diff oracle (tests/diff-oracle): dschemac diff against the Amplify transformer's
# CloudFormation and graphql-inspector. In make check on DIFF_ORACLE_GOLDEN golden pairs
# (about 2 s each) and DIFF_ORACLE_PAIRS random ones; CI runs it on every golden pair and
# several hundred random pairs (.ci/run). Skipped without node, or with SKIP_NODE_SUITES=1.
#   make diff-oracle DIFF_ORACLE_GOLDEN=all DIFF_ORACLE_PAIRS=300
DIFF_ORACLE_GOLDEN ?= 8
DIFF_ORACLE_PAIRS ?= 0
.PHONY: diff-oracle
check: diff-oracle

diff-oracle: $(BUILD)/dschemac
	@DSCHEMAC="$(abspath $(BUILD))/dschemac" DIFF_ORACLE_GOLDEN=$(DIFF_ORACLE_GOLDEN) \
	    sh tests/diff-oracle/run.sh $(DIFF_ORACLE_PAIRS)
