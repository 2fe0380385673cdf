#!/bin/sh
# The pictures of the data model (tests/diagrams/check.py): -f dot through
# Graphviz (skipped without dot), -f mermaid through the pinned mermaid in
# headless Chromium (skipped without node, npm or chromium, or with
# SKIP_NODE_SUITES=1), and README.md's diagram of schemas/blog.yaml with
# docs/blog.svg. DSCHEMAC names the compiler (default build/dschemac).
set -u
here=$(cd "$(dirname "$0")" && pwd)
status=0
for suite in dot mermaid readme; do
    python3 "$here/diagrams/check.py" "$suite" || status=1
done
exit $status
