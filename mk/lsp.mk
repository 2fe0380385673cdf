# The language server (dschemac lsp, cmd/lsp*.c):
#   make lsp          the JSON-RPC sessions of tests/lsp/sessions (part of check)
#   make lsp-nvim     Neovim as the client (part of check; skipped without nvim)
#   make fuzz-lsp     the libFuzzer target fuzz/fuzz_lsp.c over whole message
#                     streams, for FUZZ_SECONDS (see mk/fuzz.mk)

.PHONY: lsp lsp-nvim fuzz-lsp

lsp: $(BUILD)/dschemac
	@DSCHEMAC="$(TEST_WRAPPER) $(abspath $(BUILD))/dschemac" python3 tests/lsp/run.py

lsp-nvim: $(BUILD)/dschemac
	@DSCHEMAC="$(abspath $(BUILD))/dschemac" sh tests/lsp/nvim/run.sh

check: lsp lsp-nvim

# The fuzz target links the server's files (not dschemac.c's main) with the
# library, built as for fuzz_dschema. Seeds: fuzz/lsp_seeds (sessions as a
# client writes them, one JSON message a line).
FUZZ_LSP_SRC = $(filter cmd/lsp%.c,$(CMD_SRC))
FUZZ_LSP_OBJ = $(FUZZ_LSP_SRC:cmd/%.c=$(FUZZ_DIR)/cmd/%.o)

$(FUZZ_DIR)/cmd/%.o: cmd/%.c $(wildcard cmd/*.h lib/*.h) | $(DEPS_STAMP) $(FUZZ_STAMP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/fuzz_lsp: fuzz/fuzz_lsp.c cmd/lsp.h cmd/lsp_frame.h $(FUZZ_LSP_OBJ) $(FUZZ_LIB_OBJ) | $(FUZZ_STAMP)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -Icmd -o $@ $< $(FUZZ_LSP_OBJ) \
	    $(FUZZ_LIB_OBJ) $(PKG_LIBS)

fuzz-lsp: $(FUZZ_DIR)/fuzz_lsp
	@mkdir -p $(FUZZ_DIR)/lsp-corpus $(FUZZ_DIR)/artifacts
	$(FUZZ_DIR)/fuzz_lsp -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/lsp.dict \
	    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts/lsp- $(FUZZ_ARGS) $(FUZZ_DIR)/lsp-corpus fuzz/lsp_seeds
