# Differential conformance tests (tests/conformance/README.md): dschemac against
# @aws-amplify/data-schema on random schemas. Needs node and npm; skipped without them.
#   make conformance SEEDS=500 MUTANTS=100
#   make conformance-oracle-selftest      # the oracle against shared/conformance/cases

SEEDS ?= 200
MUTANTS ?= 50

.PHONY: conformance conformance-oracle-selftest

conformance: $(BUILD)/dschemac
	DSCHEMAC=$(abspath $(BUILD))/dschemac tests/conformance/run.sh $(SEEDS) $(MUTANTS)

conformance-oracle-selftest:
	tests/conformance/oracle/selftest.sh

# Optional and slow: do generated schemas deploy? (Amplify transformer; installs ~470 MB.)
DEPLOY_SEEDS ?= 20
.PHONY: conformance-deploycheck
conformance-deploycheck:
	tests/conformance/deploy/check.sh $(DEPLOY_SEEDS)
