# make bench: dschemac against a bare libyaml parse of the same file and
# against @aws-amplify/data-schema, on generated schemas of 1,000, 5,000
# and 50,000 models (bench/bench.py says what is measured; BENCHMARKS.md
# has the figures and the targets).
#
#   make bench                      the release build ($(OPT), -O2 by default)
#   make bench BENCH_ARGS="--sizes 1000,5000 --repeat 3 --markdown"
#   make bench BENCH_NODE=0         skip data-schema (no node, or no npm registry)
#   make bench BENCH_LSP_ARGS="--edits 1000 --mix-edits 0"   a shorter language-server row
#                                   (bench/lsp_bench.py: edit -> diagnostics, memory over edits)

BENCH_NODE ?= 1
BENCH_ARGS ?=
BENCH_LSP_ARGS ?=
BENCH_DIR = $(BUILD)/bench

.PHONY: bench bench-node

$(BENCH_DIR)/yaml_parse: bench/yaml_parse.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< $(LDLIBS_ALL)

$(BENCH_DIR)/runstat: bench/runstat.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $<

# data-schema for the comparison, installed from bench/node/package-lock.json
# once; without node or npm the bench runs without it.
bench-node:
	@if [ "$(BENCH_NODE)" = 1 ] && command -v node >/dev/null && command -v npm >/dev/null && \
	    [ ! -d bench/node/node_modules ]; then \
	    echo "bench: installing @aws-amplify/data-schema into bench/node"; \
	    (cd bench/node && npm ci --no-audit --no-fund --loglevel=error) || \
	    echo "bench: npm ci failed; benchmarking without data-schema" >&2; \
	fi

bench: $(BUILD)/dschemac $(BENCH_DIR)/yaml_parse $(BENCH_DIR)/runstat bench-node
	@python3 bench/bench.py --dschemac $(BUILD)/dschemac --yaml-parse $(BENCH_DIR)/yaml_parse \
	    --runstat $(BENCH_DIR)/runstat \
	    --work $(BENCH_DIR) $(if $(filter 1,$(BENCH_NODE)),--node-dir bench/node) $(BENCH_ARGS)
	@python3 bench/lsp_bench.py --dschemac $(BUILD)/dschemac --work $(BENCH_DIR) $(BENCH_LSP_ARGS)
