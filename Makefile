# dschemac: a schema compiler from dschema YAML to GraphQL SDL and JSON.
#
#   make            build build/dschemac (installs missing packages first)
#   make example    compile schemas/cart.yaml to GraphQL
#   make check      build and run every test
#   make asan       the whole test suite under AddressSanitizer
#   make ubsan      the whole test suite under UndefinedBehaviorSanitizer
#   make ubsan-clang  the same with clang's UBSan
#   make leakcheck  the whole test suite under valgrind
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share

BUILD ?= build
CC ?= cc
CSTD = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN = -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT ?= -O2 -g
PKGS = yaml-0.1 jansson
# The library needs only libyaml; jansson serves cmd/ and the tests.
LIB_PKGS = yaml-0.1
DEPS_STAMP = $(BUILD)/.deps

LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o)
CMD_SRC = $(wildcard cmd/*.c)
CMD_OBJ = $(CMD_SRC:cmd/%.c=$(BUILD)/cmd/%.o)

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS) $(CFLAGS) -Ilib
LDLIBS_ALL = $(PKG_LIBS) $(LDLIBS)
LIB_LDLIBS = $(shell pkg-config --libs $(LIB_PKGS) 2>/dev/null) $(LDLIBS)

.PHONY: all deps example check unit golden cli install-test symbols editor json-schema docs asan ubsan ubsan-clang leakcheck install uninstall clean

all: $(BUILD)/dschemac

# Packages are installed once per build tree; remove build/ to check again.
$(DEPS_STAMP):
	@sh scripts/deps.sh --tests
	@mkdir -p $(BUILD) && touch $@

deps: $(DEPS_STAMP)

# Hidden by default: libdschema.so exports only what dschema.h marks DS_API
# (the static library, and the unit tests that link it, still see everything).
$(BUILD)/lib/%.o: lib/%.c $(wildcard lib/*.h lib/*.def) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fPIC -fvisibility=hidden -c $< -o $@

$(BUILD)/cmd/%.o: cmd/%.c $(wildcard cmd/*.h lib/*.h) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libdschema.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/dschemac: $(CMD_OBJ) $(BUILD)/libdschema.a
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $(CMD_OBJ) $(BUILD)/libdschema.a $(LDLIBS_ALL)

VERSION = $(shell sed -n 's/^\#define DSCHEMA_VERSION "\(.*\)"/\1/p' lib/dschema.h)
SONAME = libdschema.so.0

$(BUILD)/$(SONAME): $(LIB_OBJ)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(LIB_LDLIBS)

$(BUILD)/libdschema.pc: contrib/libdschema.pc.in lib/dschema.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' $< > $@

example: $(BUILD)/dschemac
	$(BUILD)/dschemac schemas/cart.yaml

# Every test: unit tests, the golden conformance and diagnostics suites,
# the command-line tests, and whatever the fragments in mk/ add.
check: unit golden cli install-test symbols editor json-schema docs

# Unit tests: one Check program per tests/unit/test_*.c.
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

$(BUILD)/tests/support.o: tests/unit/support.c tests/unit/support.h lib/dschema.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CHECK_CFLAGS) -c $< -o $@

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/tests/support.o $(BUILD)/libdschema.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CHECK_CFLAGS) -o $@ $< $(BUILD)/tests/support.o $(BUILD)/libdschema.a \
	    $(LDLIBS_ALL) $(CHECK_LIBS)

# CK_FORK=no keeps valgrind and the sanitizers in one process.
unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do CK_VERBOSITY=$${CK_VERBOSITY:-normal} $(TEST_WRAPPER) $$t; done

# The conformance corpus (tests/corpus) and the golden diagnostics.
golden: $(BUILD)/dschemac
	@DSCHEMAC="$(TEST_WRAPPER) $(abspath $(BUILD))/dschemac" sh tests/golden.sh

# make install into a scratch folder, then build a program against it.
install-test: $(BUILD)/dschemac
	@BUILD=$(BUILD) TEST_LDFLAGS="$(LDFLAGS)" sh tests/install.sh

# libdschema.so exports exactly the functions dschema.h declares.
symbols: $(BUILD)/$(SONAME)
	@SO=$(BUILD)/$(SONAME) sh tests/symbols.sh

# schemas/dschema.schema.json against the corpus (node + ajv; skipped without node).
editor:
	@sh tests/editor.sh

# -f json of every valid corpus case against schemas/dschema-output.schema.json.
json-schema: $(BUILD)/dschemac
	@DSCHEMAC="$(TEST_WRAPPER) $(abspath $(BUILD))/dschemac" python3 tests/json_schema.py

# Man pages render cleanly and list every diagnostic code; SARIF output has the
# shape GitHub code scanning reads.
docs: $(BUILD)/dschemac
	@DSCHEMAC="$(TEST_WRAPPER) $(abspath $(BUILD))/dschemac" sh tests/docs.sh

# The command line: options, files, exit codes.
cli: $(BUILD)/dschemac
	@DSCHEMAC="$(TEST_WRAPPER) $(abspath $(BUILD))/dschemac" BUILD=$(BUILD) sh tests/cli.sh

# The test suite again under the sanitizers and valgrind, each in its own build tree.
SAN_OPT = -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all
asan:
	$(MAKE) BUILD=$(BUILD)-asan OPT="$(SAN_OPT) -fsanitize=address" \
	    LDFLAGS="-fsanitize=address" check
ubsan:
	$(MAKE) BUILD=$(BUILD)-ubsan OPT="$(SAN_OPT) -fsanitize=undefined" \
	    LDFLAGS="-fsanitize=undefined" UBSAN_OPTIONS=print_stacktrace=1 check
# clang's UBSan flags what gcc's does not (NULL + 0, qsort(NULL, 0)).
ubsan-clang:
	@command -v clang >/dev/null || sh scripts/deps.sh --clang
	$(MAKE) BUILD=$(BUILD)-ubsan-clang CC=clang OPT="$(SAN_OPT) -fsanitize=undefined" \
	    LDFLAGS="-fsanitize=undefined" UBSAN_OPTIONS=print_stacktrace=1 check
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
leakcheck:
	@command -v valgrind >/dev/null || sh scripts/deps.sh --valgrind
	CK_FORK=no $(MAKE) TEST_WRAPPER="$(VALGRIND)" check

install: $(BUILD)/dschemac $(BUILD)/libdschema.a $(BUILD)/$(SONAME) $(BUILD)/libdschema.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions
	install -m 755 $(BUILD)/dschemac $(DESTDIR)$(BINDIR)/dschemac
	install -m 644 $(BUILD)/libdschema.a $(DESTDIR)$(LIBDIR)/libdschema.a
	install -m 755 $(BUILD)/$(SONAME) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libdschema.so
	install -m 644 $(BUILD)/libdschema.pc $(DESTDIR)$(LIBDIR)/pkgconfig/libdschema.pc
	install -m 644 lib/dschema.h $(DESTDIR)$(INCLUDEDIR)/dschema.h
	install -m 644 man/dschemac.1 $(DESTDIR)$(MANDIR)/man1/dschemac.1
	install -m 644 man/dschema.5 $(DESTDIR)$(MANDIR)/man5/dschema.5
	install -m 644 man/dschema-json.5 $(DESTDIR)$(MANDIR)/man5/dschema-json.5
	install -m 644 contrib/dschemac.bash $(DESTDIR)$(DATADIR)/bash-completion/completions/dschemac

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dschemac $(DESTDIR)$(LIBDIR)/libdschema.a \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libdschema.so \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/libdschema.pc $(DESTDIR)$(INCLUDEDIR)/dschema.h \
	    $(DESTDIR)$(MANDIR)/man1/dschemac.1 $(DESTDIR)$(MANDIR)/man5/dschema.5 \
	    $(DESTDIR)$(MANDIR)/man5/dschema-json.5 \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/dschemac

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-ubsan $(BUILD)-ubsan-clang

-include mk/*.mk
