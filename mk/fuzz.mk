# make fuzz: the libFuzzer target fuzz/fuzz_dschema.c (the whole pipeline
# through the public API) under ASan and UBSan, for FUZZ_SECONDS.
# make hostile: the golden hostile inputs of tests/hostile (part of check).
#
#   make fuzz FUZZ_SECONDS=600        a longer run; the corpus it grows is
#                                     kept in $(BUILD)/fuzz/corpus
#   make fuzz FUZZ_ARGS=-jobs=2       more libFuzzer flags
#   $(BUILD)/fuzz/fuzz_dschema FILE   replay one input (a crash reproducer)
# Crashes, leaks and timeouts are written to $(BUILD)/fuzz/artifacts/.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ARGS ?=
FUZZ_DIR = $(BUILD)/fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer $(PKG_CFLAGS) -Ilib
FUZZ_LIB_OBJ = $(LIB_SRC:lib/%.c=$(FUZZ_DIR)/lib/%.o)
FUZZ_STAMP = $(FUZZ_DIR)/.clang-ok

.PHONY: fuzz hostile

$(FUZZ_STAMP):
	@sh fuzz/deps.sh $(FUZZ_CC)
	@mkdir -p $(dir $@) && touch $@

$(FUZZ_DIR)/lib/%.o: lib/%.c $(wildcard lib/*.h lib/*.def) | $(DEPS_STAMP) $(FUZZ_STAMP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/fuzz_dschema: fuzz/fuzz_dschema.c lib/dschema.h $(FUZZ_LIB_OBJ) | $(FUZZ_STAMP)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) $(PKG_LIBS)

# Seeds: the conformance corpus and the small hostile cases (libFuzzer reads
# them; new inputs go to the corpus folder, which outlives the run).
fuzz: $(FUZZ_DIR)/fuzz_dschema
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds $(FUZZ_DIR)/artifacts
	@cp tests/corpus/*.yaml $(FUZZ_DIR)/seeds/
	@find tests/hostile -name '*.yaml' -size -64k -exec cp {} $(FUZZ_DIR)/seeds/ \;
	$(FUZZ_DIR)/fuzz_dschema -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/dschema.dict \
	    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts/ $(FUZZ_ARGS) $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds

# Hostile inputs: each must give a located error or a clean result, never a
# crash, hang or leak (under make asan and make leakcheck too).
hostile: $(BUILD)/dschemac
	@DSCHEMAC="$(TEST_WRAPPER) $(abspath $(BUILD))/dschemac" sh tests/hostile.sh

check: hostile
