# The pictures of the data model (-f dot, -f mermaid), drawn by the real tools:
# Graphviz, and the mermaid library pinned in tests/diagrams/package-lock.json in
# headless Chromium; and README.md's diagram of schemas/blog.yaml (tests/diagrams.sh).
#   make diagrams        the test (part of make check)
#   make diagrams-docs   rewrite README.md's ```mermaid block and docs/blog.svg

.PHONY: diagrams diagrams-docs

check: diagrams

diagrams: $(BUILD)/dschemac
	@DSCHEMAC="$(TEST_WRAPPER) $(abspath $(BUILD))/dschemac" sh tests/diagrams.sh

diagrams-docs: $(BUILD)/dschemac
	DSCHEMAC=$(abspath $(BUILD))/dschemac python3 tests/diagrams/check.py regen
