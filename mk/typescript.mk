# The -f typescript suite (tests/typescript/run.sh): round trip through
# @aws-amplify/data-schema, prettier --check and tsc --strict with type-level tests
# of the typed client, on the corpus, the examples and TS_SEEDS random schemas.
# Needs node and npm (skipped without them, or with SKIP_NODE_SUITES=1); CI runs
# it with TS_SEEDS=300.
#   make typescript TS_SEEDS=300

TS_SEEDS ?= 20

.PHONY: typescript

# Under the sanitizers and valgrind (another build tree, or a wrapper) only the C
# is at stake: the suite compiles the corpus and stops short of node.
TS_EMIT_ONLY = $(if $(or $(TEST_WRAPPER),$(filter-out build,$(BUILD))),1,)

typescript: $(BUILD)/dschemac
	@TS_EMIT_ONLY=$(TS_EMIT_ONLY) DSCHEMAC="$(TEST_WRAPPER) $(abspath $(BUILD))/dschemac" \
	    tests/typescript/run.sh $(TS_SEEDS)

check: typescript
