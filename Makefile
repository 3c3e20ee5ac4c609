# su-exec: switch user and group, then exec a command in place.

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS ?= -Os -g
WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wconversion -Wno-sign-conversion
ALL_CFLAGS = -std=c11 $(WARNINGS) $(CFLAGS)
ALL_CPPFLAGS = -DVERSION='"$(VERSION)"' $(CPPFLAGS)
SMALL_CFLAGS = -ffunction-sections -fdata-sections
SMALL_LDFLAGS = -Wl,--gc-sections -Wl,-O1

# libcap-ng is the unit tests' reference for capability names; su-exec does not link it.
CAPNG_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcap-ng)
CAPNG_LIBS = $(shell $(PKG_CONFIG) --libs libcap-ng)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check)

LIB_SRC = privdrop/number.c privdrop/spec.c privdrop/find.c privdrop/db.c privdrop/passwd.c \
	privdrop/group.c privdrop/gids.c privdrop/plan.c privdrop/capnames.c privdrop/caps.c \
	privdrop/switch.c privdrop/exec.c privdrop/init.c privdrop/signals.c
LIB_OBJ = $(LIB_SRC:.c=.o)
TEST_SRC = tests/unit/check_main.c tests/unit/check_spec.c tests/unit/check_passwd.c \
	tests/unit/check_group.c tests/unit/check_plan.c tests/unit/check_db.c \
	tests/unit/check_caps.c tests/unit/check_find.c tests/unit/check_signals.c

all: su-exec

.c.o:
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SMALL_CFLAGS) -c -o $@ $<

$(LIB_OBJ) su-exec.o: privdrop/privdrop.h

privdrop/libprivdrop.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

su-exec: su-exec.o privdrop/libprivdrop.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(SMALL_LDFLAGS) -o $@ su-exec.o privdrop/libprivdrop.a

static: su-exec-static

su-exec-static: su-exec.o privdrop/libprivdrop.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(SMALL_LDFLAGS) -static -o $@ su-exec.o privdrop/libprivdrop.a
	strip $@

tests/unit/check_privdrop: $(TEST_SRC) tests/unit/check_privdrop.h privdrop/libprivdrop.a
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(CHECK_CFLAGS) $(CAPNG_CFLAGS) -o $@ $(TEST_SRC) privdrop/libprivdrop.a $(CHECK_LIBS) $(CAPNG_LIBS)

# The test helpers; the scripts only run them. The fault injector is
# tests/caps.sh's (the static one runs in a busybox root), sigcount and
# zombies are tests/init.sh's, and exit32 (x86_64 only) is a foreign-arch
# program for faultinj's self-test.
FAULTINJ_STATIC_CC = $(shell command -v $(MUSL_CC) >/dev/null 2>&1 && echo $(MUSL_CC) || echo $(CC))
EXIT32 = $(if $(filter x86_64,$(shell uname -m)),tests/exit32)
TEST_HELPERS = tests/faultinj tests/faultinj-static tests/sigcount tests/zombies $(EXIT32)

tests/faultinj: tests/faultinj.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/faultinj.c

tests/faultinj-static: tests/faultinj.c
	$(FAULTINJ_STATIC_CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -static -o $@ tests/faultinj.c

tests/sigcount: tests/sigcount.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/sigcount.c

tests/zombies: tests/zombies.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/zombies.c

tests/exit32: tests/exit32.s
	$(CC) -m32 -nostdlib -static -o $@ tests/exit32.s

test-helpers: $(TEST_HELPERS)

# make check runs every suite; each check-SUITE runs one. The suites are
# independent: make -j2 check runs two at a time (add -O to keep each
# suite's lines together). Not as root, the root-only suites say SKIP.
# make check SANITIZE=address,undefined, or VALGRIND=1: the unit tests only,
# built with those sanitizers or run under valgrind.
SANITIZE =
VALGRIND =
CHECK_MODE = $(if $(SANITIZE),check-sanitize,$(if $(VALGRIND),check-valgrind,check-all))

check: $(CHECK_MODE)

check-all: check-unit check-docs check-integration check-caps check-init

check-unit: tests/unit/check_privdrop
	tests/unit/check_privdrop

check-docs: su-exec
	sh tests/docs.sh ./su-exec

check-integration: su-exec su-exec-static
	sh tests/integration.sh ./su-exec ./su-exec-static

check-caps: su-exec su-exec-static tests/faultinj tests/faultinj-static $(EXIT32)
	sh tests/faultinj-selftest.sh tests/faultinj tests/faultinj-static
	sh tests/caps.sh ./su-exec ./su-exec-static tests/faultinj tests/faultinj-static

check-init: su-exec tests/sigcount tests/zombies
	sh tests/init.sh ./su-exec

check-sanitize: $(TEST_SRC) $(LIB_SRC) tests/unit/check_privdrop.h privdrop/privdrop.h
	@mkdir -p build/sanitize
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
		-fno-omit-frame-pointer $(CHECK_CFLAGS) $(CAPNG_CFLAGS) -o build/sanitize/check_privdrop \
		$(TEST_SRC) $(LIB_SRC) $(CHECK_LIBS) $(CAPNG_LIBS)
	build/sanitize/check_privdrop

check-valgrind: tests/unit/check_privdrop
	valgrind -q --leak-check=full --error-exitcode=99 --trace-children=yes \
		tests/unit/check_privdrop

# libFuzzer targets (clang): make fuzz FUZZ_SECONDS=N runs each N seconds.
FUZZ_SECONDS = 30
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS = spec passwd group resolve
FUZZ_LIB = privdrop/number.c privdrop/spec.c privdrop/find.c privdrop/db.c privdrop/passwd.c \
	privdrop/group.c privdrop/gids.c privdrop/plan.c

fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/reference.c fuzz/reference.h $(FUZZ_LIB) privdrop/privdrop.h
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/fuzz_$*.c fuzz/reference.c $(FUZZ_LIB)

# The binary Alpine users get, built on Debian with musl-gcc. It needs nothing
# but musl: no library, no kernel headers.
MUSL_CC = musl-gcc
MUSL_DIR = build/musl
MUSL_OBJ = $(LIB_SRC:privdrop/%.c=$(MUSL_DIR)/obj/%.o) $(MUSL_DIR)/obj/su-exec.o

static-musl: su-exec-musl

$(MUSL_DIR)/obj/%.o: privdrop/%.c privdrop/privdrop.h
	@mkdir -p $(MUSL_DIR)/obj
	$(MUSL_CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SMALL_CFLAGS) -c -o $@ $<

$(MUSL_DIR)/obj/su-exec.o: su-exec.c privdrop/privdrop.h
	@mkdir -p $(MUSL_DIR)/obj
	$(MUSL_CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SMALL_CFLAGS) -c -o $@ su-exec.c

su-exec-musl: $(MUSL_OBJ)
	$(MUSL_CC) $(ALL_CFLAGS) $(LDFLAGS) $(SMALL_LDFLAGS) -static -o $@ $(MUSL_OBJ)
	strip $@

# As root: su-exec against a floor program, gosu, setpriv, s6-setuidgid, tini
# and dumb-init; one table, also in build/bench/results.md. bench/bench.sh says how.
BENCH_DIR = build/bench

bench: su-exec su-exec-static su-exec-musl $(BENCH_DIR)/floor $(BENCH_DIR)/true $(BENCH_DIR)/rss
	sh bench/bench.sh $(BENCH_DIR)

$(BENCH_DIR)/%: bench/%.c
	@mkdir -p $(BENCH_DIR)
	$(MUSL_CC) -std=c11 $(WARNINGS) -Os -static -o $@ $<
	strip $@

# As root: Dockerfile.test's images and examples/ built and run with docker,
# or podman with everything kept in build/container; mk/container.sh says how.
check-container:
	sh mk/container.sh

install: su-exec
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 su-exec $(DESTDIR)$(BINDIR)/su-exec
	install -m 644 su-exec.1 $(DESTDIR)$(MANDIR)/man1/su-exec.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/su-exec $(DESTDIR)$(MANDIR)/man1/su-exec.1

clean:
	rm -rf build su-exec-musl
	rm -f su-exec su-exec-static su-exec.o $(LIB_OBJ) privdrop/libprivdrop.a tests/unit/check_privdrop \
		tests/faultinj tests/faultinj-static tests/sigcount tests/zombies tests/exit32

.PHONY: all static static-musl test-helpers check check-all check-unit check-docs check-integration \
	check-caps check-init check-sanitize check-valgrind check-container fuzz bench install uninstall clean
