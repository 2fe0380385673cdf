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
