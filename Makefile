# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# su-exec: switch user and group, then exec a command in place.

# VERSION is the one place the version lives: -V, the tarball's name, and
# (checked by mk/version-check.sh) the man page and debian/changelog.
VERSION := $(shell cat VERSION)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config
CC_IS_MUSL := $(shell $(CC) -dumpmachine 2>/dev/null | grep -q musl && echo yes)
CFLAGS ?= -Os -g
WARNINGS = -Wall -Wextra -Wvla -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wconversion -Wno-sign-conversion
# The build directory's path never reaches a binary: builds are reproducible.
ALL_CFLAGS = -std=c11 $(WARNINGS) -ffile-prefix-map=$(CURDIR)=. $(CFLAGS)
ALL_CPPFLAGS = -DVERSION='"$(VERSION)"' -DCAPNG_VERSION='"$(CAPNG_VERSION)"' $(CPPFLAGS)
SMALL_CFLAGS = -ffunction-sections -fdata-sections
SMALL_LDFLAGS = -Wl,--gc-sections -Wl,-O1
# Debian's hardening for what the dynamic linker loads: symbols bound at start
# (no lazy binding deep in the init's stack) and the relocated data read-only
# after. The static binary has no dynamic linker to bind lazily, and musl
# leaves a static binary's RELRO writable (its map shows rw-p), so there it
# would only add a page.
HARDEN_LDFLAGS = -Wl,-z,relro -Wl,-z,now

# libcap-ng sets the capabilities; the dynamic build finds it with pkg-config,
# or with CAPNG=DIR in a folder laid out as mk/capng-new.sh leaves one
# (include/, lib/libcap-ng.a built -fPIC, VERSION), linked in statically.
# The build remembers which one its objects were compiled against
# (build/libcap-ng.stamp): naming another rebuilds them all, so objects of
# two libcap-ngs never mix.
CAPNG =
CAPNG_CFLAGS = $(if $(CAPNG),-I$(CAPNG)/include,$(shell $(PKG_CONFIG) --cflags libcap-ng))
CAPNG_LIBS = $(if $(CAPNG),$(CAPNG)/lib/libcap-ng.a,$(shell $(PKG_CONFIG) --libs libcap-ng))
CAPNG_VERSION = $(if $(CAPNG),$(shell cat $(CAPNG)/VERSION),$(shell $(PKG_CONFIG) --modversion libcap-ng))
CAPNG_STAMP = build/libcap-ng.stamp
CAPNG_DEP = $(CAPNG_STAMP) $(if $(CAPNG),$(CAPNG)/lib/libcap-ng.a)
CAPNG_USED = $(or $(CAPNG),pkg-config)
$(shell mkdir -p build && { [ "$$(cat $(CAPNG_STAMP) 2>/dev/null)" = "$(CAPNG_USED)" ] || \
	echo "$(CAPNG_USED)" >$(CAPNG_STAMP); })
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check)

# Shared by the library and the program, compiled into each: digits, errors.
COMMON_SRC = common/digits.c common/fail.c
LIB_SRC = $(COMMON_SRC) privdrop/number.c privdrop/spec.c privdrop/find.c privdrop/db.c privdrop/passwd.c \
	privdrop/group.c privdrop/gids.c privdrop/plan.c privdrop/caps.c \
	privdrop/switch.c privdrop/exec.c \
	privdrop/error.c privdrop/drop.c privdrop/threads.c
# The program's side: its words (capability and signal names, seconds) into values.
CLI_SRC = cli/grace.c cli/expect.c cli/capnames.c cli/signames.c cli/forecast.c cli/groups.c \
	cli/line.c cli/path.c
# The init behind --init: the program's too, built on privdrop.h alone.
INIT_SRC = init/init.c init/tree.c init/pdeath.c
PROG_SRC = $(COMMON_SRC) $(CLI_SRC) $(INIT_SRC) su-exec.c

# Every object lives under build/VARIANT/, named for its source: build/dyn
# (the dynamic su-exec and libprivdrop.a), build/pic (libprivdrop.so),
# build/static or build/static-ARCH (the static binaries). Each compile also
# writes the headers it read (-MMD -MP), so a changed header rebuilds what
# included it.
DEPFLAGS = -MMD -MP
DYN = build/dyn
PIC = build/pic
LIB_OBJ = $(LIB_SRC:%.c=$(DYN)/%.o)
PROG_OBJ = $(PROG_SRC:%.c=$(DYN)/%.o)
TESTED_OBJ = $(filter-out $(DYN)/su-exec.o,$(PROG_OBJ))
PIC_OBJ = $(LIB_SRC:%.c=$(PIC)/%.o)
TEST_SRC = tests/unit/check_main.c tests/unit/check_spec.c tests/unit/check_passwd.c \
	tests/unit/check_group.c tests/unit/check_plan.c tests/unit/check_db.c \
	tests/unit/check_caps.c tests/unit/check_find.c tests/unit/check_signals.c \
	tests/unit/check_api.c tests/unit/check_init.c

all: su-exec privdrop/libprivdrop.so.0 privdrop/privdrop.pc

$(DYN)/%.o: %.c $(CAPNG_DEP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CAPNG_CFLAGS) $(ALL_CFLAGS) $(SMALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(PIC)/%.o: %.c $(CAPNG_DEP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CAPNG_CFLAGS) $(ALL_CFLAGS) -fPIC $(DEPFLAGS) -c -o $@ $<

# -V names the libc: glibc's headers say which; musl's do not (cli/target.h).
$(DYN)/su-exec.o: ALL_CPPFLAGS += $(if $(CC_IS_MUSL),-DMUSL_VERSION='"$(shell sh mk/musl-version.sh)"')

privdrop/libprivdrop.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# The shared library: the same sources built -fPIC, exporting only privdrop.h.
privdrop/libprivdrop.so.0: $(PIC_OBJ) privdrop/privdrop.map
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(HARDEN_LDFLAGS) -shared -Wl,-soname,libprivdrop.so.0 \
		-Wl,--version-script=privdrop/privdrop.map -o $@ $(PIC_OBJ) $(CAPNG_LIBS)

# A libdir or includedir under the prefix stays relative to it, so
# pkg-config --define-prefix finds a DESTDIR copy. install-lib writes the
# installed one again with its own values, so that it names the folders the
# files went to, however PREFIX, LIBDIR and INCLUDEDIR were given.
PC_SED = sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|' \
	-e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|' \
	-e 's|@VERSION@|$(VERSION)|' privdrop/privdrop.pc.in

privdrop/privdrop.pc: privdrop/privdrop.pc.in Makefile
	$(PC_SED) >$@

su-exec: $(PROG_OBJ) privdrop/libprivdrop.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(SMALL_LDFLAGS) $(HARDEN_LDFLAGS) -o $@ $(PROG_OBJ) \
		privdrop/libprivdrop.a $(CAPNG_LIBS) $(LDLIBS)

# The sources compiled with others in one command (the unit tests, the
# sanitizer and fuzz builds) depend on every header they may include.
HEADERS = common/common.h privdrop/privdrop.h privdrop/internal.h cli/cli.h cli/line.h cli/target.h init/init.h

tests/unit/check_privdrop: $(TEST_SRC) tests/unit/check_privdrop.h $(HEADERS) $(TESTED_OBJ) privdrop/libprivdrop.a \
		$(CAPNG_DEP)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(CHECK_CFLAGS) $(CAPNG_CFLAGS) -o $@ $(TEST_SRC) $(TESTED_OBJ) \
		privdrop/libprivdrop.a $(CHECK_LIBS) $(CAPNG_LIBS)

# Debian 13's libcap-ng, for the glibc build (mk/capng-new.sh; make clean
# keeps it, the source is fetched once). make check-capng-new builds the unit
# tests and the dynamic su-exec against it and runs them and the caps suite
# (whose static su-exec stays build/capng-musl's); make check-unit or
# check-caps CAPNG=build/capng-trixie runs one.
CAPNG_NEW = build/capng-trixie

$(CAPNG_NEW)/lib/libcap-ng.a: mk/capng-new.sh mk/apt-private.sh
	sh mk/capng-new.sh $(CAPNG_NEW) trixie

check-capng-new:
	$(MAKE) check-unit check-caps CAPNG=$(CAPNG_NEW)

# The test helpers; the scripts only run them. The fault injector is
# tests/caps.sh's (the static one runs in a busybox root), sigcount and
# zombies are tests/init.sh's, and exit32 (x86_64 only) is a foreign-arch
# program for faultinj's self-test.
EXIT32 = $(if $(filter x86_64,$(shell uname -m)),tests/exit32)
TEST_HELPERS = tests/faultinj tests/faultinj-static tests/bindport-static tests/sigcount tests/zombies \
	$(EXIT32)

tests/faultinj: tests/faultinj.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/faultinj.c

tests/faultinj-static: tests/faultinj.c
	$(STATIC_CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -static -o $@ tests/faultinj.c

tests/bindport-static: tests/bindport.c
	$(STATIC_CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -static -o $@ tests/bindport.c

tests/sigcount: tests/sigcount.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/sigcount.c

tests/zombies: tests/zombies.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/zombies.c

tests/exit32: tests/exit32.s
	$(CC) -m32 -nostdlib -static -o $@ tests/exit32.s

test-helpers: $(TEST_HELPERS)

# make check runs every suite; each check-SUITE runs one. The suites are
# independent, so make check runs CHECK_JOBS of them at a time, each suite's
# lines kept together (-O); the longest, init, starts first. Not as root,
# the root-only suites say SKIP. make check SANITIZE=address,undefined, or
# VALGRIND=1: the unit tests only, built with those sanitizers or run under
# valgrind.
SANITIZE =
VALGRIND =
CHECK_JOBS = 2
CHECK_MODE = $(if $(SANITIZE),check-sanitize,$(if $(VALGRIND),check-valgrind,check-all))

check: all su-exec-static
	$(MAKE) --no-print-directory -j$(CHECK_JOBS) -O $(CHECK_MODE)

check-all: check-init check-integration check-caps check-unit check-docs check-library check-emulation

check-unit: tests/unit/check_privdrop
	tests/unit/check_privdrop

check-docs: su-exec privdrop/libprivdrop.so.0
	sh tests/docs.sh ./su-exec
	sh tests/spdx.sh

check-integration: su-exec su-exec-static
	sh tests/integration.sh ./su-exec ./su-exec-static
	sh tests/hardening.sh ./su-exec ./su-exec-static

check-caps: su-exec su-exec-static tests/faultinj tests/faultinj-static tests/bindport-static $(EXIT32)
	sh tests/faultinj-selftest.sh tests/faultinj tests/faultinj-static
	sh tests/caps.sh ./su-exec ./su-exec-static tests/faultinj tests/faultinj-static

check-init: su-exec su-exec-static tests/sigcount tests/zombies tests/faultinj
	sh tests/init.sh ./su-exec ./su-exec-static

# su-exec-static under qemu-user (x86_64 only), as docker buildx --platform runs it.
check-library: privdrop/libprivdrop.a privdrop/libprivdrop.so.0 privdrop/privdrop.pc
	sh tests/library.sh

# The ABI libprivdrop.so.0 promises, as abidw writes it from the build's
# debug information (CFLAGS with -g) for the types of privdrop.h; check-library
# compares the installed library with it. Rewritten only on purpose: a change
# of a public struct or function is a new soname, or a new version node.
abi-baseline: privdrop/libprivdrop.so.0
	abidw --no-corpus-path --no-comp-dir-path --drop-private-types --header-file privdrop/privdrop.h \
		--out-file privdrop/libprivdrop.abi privdrop/libprivdrop.so.0

check-sanitize: $(TEST_SRC) tests/unit/check_privdrop.h $(HEADERS) $(LIB_SRC) $(CLI_SRC) $(INIT_SRC)
	@mkdir -p build/sanitize
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
		-fno-omit-frame-pointer $(CHECK_CFLAGS) $(CAPNG_CFLAGS) -o build/sanitize/check_privdrop \
		$(TEST_SRC) $(LIB_SRC) $(CLI_SRC) $(INIT_SRC) $(CHECK_LIBS) $(CAPNG_LIBS)
	build/sanitize/check_privdrop

check-valgrind: tests/unit/check_privdrop
	valgrind -q --leak-check=full --error-exitcode=99 --trace-children=yes \
		tests/unit/check_privdrop

# libFuzzer targets (clang): make fuzz FUZZ_SECONDS=N runs each N seconds.
FUZZ_SECONDS = 30
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS = spec passwd group resolve
FUZZ_LIB = $(COMMON_SRC) privdrop/number.c privdrop/spec.c privdrop/find.c privdrop/db.c privdrop/passwd.c \
	privdrop/group.c privdrop/gids.c privdrop/plan.c privdrop/error.c

fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/reference.c fuzz/reference.h $(FUZZ_LIB) $(HEADERS)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/fuzz_$*.c fuzz/reference.c $(FUZZ_LIB)

# The static binary is musl's everywhere. On Alpine the system cc is musl's
# and libcap-ng-static gives libcap-ng.a; on Debian it is musl-gcc, with a
# libcap-ng built for musl from Debian's own source package by
# mk/capng-musl.sh into build/capng-musl (make clean keeps it; the source is
# fetched once). Paths
# are mapped so that builds in different directories give the same bytes.
#
# make static ARCH=arm64 (a Debian architecture name, one of STATIC_ARCHES)
# builds it for that architecture on Debian, with gcc-<triplet> (sh
# mk/deps.sh cross): Debian's musl for it from mk/musl-cross.sh and
# libcap-ng cross-built by mk/capng-musl.sh, both in build/cross-ARCH (make
# clean keeps them), objects and the binary with symbols in
# build/static-ARCH, the stripped binary as build/su-exec-static-ARCH.
# make static-all builds every one. Without ARCH, make static builds
# ./su-exec-static as ever.
ARCH =
STATIC_ARCHES = amd64 arm64 armhf armel i386 ppc64el s390x riscv64
$(if $(ARCH),$(if $(filter $(ARCH),$(STATIC_ARCHES)),,$(error ARCH=$(ARCH) is not one of $(STATIC_ARCHES))))
HOST_ARCH = $(shell dpkg-architecture -qDEB_HOST_ARCH 2>/dev/null)
CROSS = $(if $(ARCH),$(if $(filter $(HOST_ARCH),$(ARCH)),,yes))
CROSS_DIR = build/cross-$(ARCH)
TRIPLET = $(shell dpkg-architecture -a$(ARCH) -qDEB_HOST_GNU_TYPE 2>/dev/null)
MUSL_CROSS = $(CROSS_DIR)/musl
MUSL_CC = $(if $(CROSS),$(CURDIR)/$(MUSL_CROSS)/bin/musl-gcc,musl-gcc)
STRIP = strip
STATIC_STRIP = $(if $(CROSS),$(TRIPLET)-strip,$(STRIP))
# The system cc builds the static binary only for its own architecture.
SYS_MUSL = $(if $(CROSS),,$(CC_IS_MUSL))
STATIC_CC = $(if $(SYS_MUSL),$(CC),$(MUSL_CC))
CAPNG_MUSL = $(if $(CROSS),$(CROSS_DIR)/capng,build/capng-musl)
STATIC_CAPNG = $(if $(SYS_MUSL),,$(CAPNG_MUSL)/lib/libcap-ng.a)
STATIC_CAPNG_CFLAGS = $(if $(SYS_MUSL),$(CAPNG_CFLAGS),-I$(CAPNG_MUSL)/include -I$(CAPNG_MUSL)/kinclude)
STATIC_CAPNG_LIBS = $(if $(SYS_MUSL),$(shell $(PKG_CONFIG) --static --libs libcap-ng),$(STATIC_CAPNG))
# A static C binary unwinds nothing: its .eh_frame was 5 KiB of the budget.
STATIC_CFLAGS = $(SMALL_CFLAGS) -fno-asynchronous-unwind-tables -ffile-prefix-map=$(CURDIR)=.
# musl applies RELRO in its dynamic linker only: a static binary's is never
# made read-only, and aligning its end cost 60 KiB on ppc64el (64 KiB pages).
# One read-only and executable segment, not separate ones for the headers,
# code and read-only data: each was padded to a page on disk (7,264 bytes of
# zeros on amd64 when it was measured, more with 64 KiB pages), and fewer
# mappings are made at every exec. The read-only data is then executable too: the threat model
# says why that buys an attacker nothing here.
STATIC_LDFLAGS = -Wl,-z,norelro -Wl,-z,noseparate-code
STATIC_DIR = $(if $(ARCH),build/static-$(ARCH),build/static)
STATIC_BIN = $(if $(ARCH),build/su-exec-static-$(ARCH),su-exec-static)
# One binary: the common sources once.
STATIC_SRC = $(LIB_SRC) $(filter-out $(COMMON_SRC),$(PROG_SRC))
STATIC_OBJ = $(STATIC_SRC:%.c=$(STATIC_DIR)/%.o)

static: $(STATIC_BIN) $(STATIC_DIR)/build-info
static-musl: static

STATIC_ALL = $(STATIC_ARCHES:%=static-%)
static-all: $(STATIC_ALL)

$(STATIC_ALL): static-%:
	$(MAKE) static ARCH=$*

$(MUSL_CROSS)/bin/musl-gcc: mk/musl-cross.sh mk/apt-private.sh
	sh mk/musl-cross.sh $(ARCH) $(MUSL_CROSS)

$(CAPNG_MUSL)/lib/libcap-ng.a: mk/capng-musl.sh mk/apt-private.sh $(if $(CROSS),$(MUSL_CROSS)/bin/musl-gcc)
	sh mk/capng-musl.sh $(CAPNG_MUSL) $(MUSL_CC) $(if $(CROSS),$(ARCH))

$(STATIC_DIR)/%.o: %.c | $(STATIC_CAPNG)
	@mkdir -p $(@D)
	$(STATIC_CC) $(ALL_CPPFLAGS) $(STATIC_CAPNG_CFLAGS) $(ALL_CFLAGS) $(STATIC_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# -V names the libcap-ng and the musl that are linked in: on Debian, the
# source package built and musl-dev (mk/musl-version.sh), upstream versions.
STATIC_CAPNG_VERSION = $(if $(SYS_MUSL),$(shell $(PKG_CONFIG) --modversion libcap-ng),$(shell cat \
	$(CAPNG_MUSL)/VERSION))
STATIC_MUSL_VERSION = $(shell sh mk/musl-version.sh $(if $(CROSS),$(MUSL_CROSS)))
$(STATIC_DIR)/su-exec.o: CAPNG_VERSION = $(STATIC_CAPNG_VERSION)
$(STATIC_DIR)/su-exec.o: ALL_CPPFLAGS += -DMUSL_VERSION='"$(STATIC_MUSL_VERSION)"'

# build/static/su-exec-static (build/static-ARCH/) keeps the symbols, for nm,
# and the stripped copy drops the compilers' .comment too, which build-info
# beside it says better: what linked it, for the release's SBOM: the
# compiler (its libgcc), musl's version and libcap-ng's.
$(STATIC_BIN): $(STATIC_OBJ) $(STATIC_CAPNG)
	$(STATIC_CC) $(ALL_CFLAGS) $(LDFLAGS) $(SMALL_LDFLAGS) $(STATIC_LDFLAGS) -static \
		-o $(STATIC_DIR)/su-exec-static $(STATIC_OBJ) $(STATIC_CAPNG_LIBS) $(LDLIBS)
	$(STATIC_STRIP) -R .comment -o $@ $(STATIC_DIR)/su-exec-static

$(STATIC_DIR)/build-info: $(STATIC_BIN)
	printf 'cc %s\nmusl %s\ncapng %s\n' '$(STATIC_CC)' '$(STATIC_MUSL_VERSION)' '$(STATIC_CAPNG_VERSION)' >$@

# The unit tests and the helpers that the rows on other kernels and under
# qemu-user run, static and for ARCH like the binary (make static-tests
# ARCH=arm64, into build/static-ARCH/): Check for musl from Debian's source
# (mk/check-musl.sh, kept in build/cross-ARCH/check or build/check-musl).
CHECK_MUSL = $(if $(CROSS),$(CROSS_DIR)/check,build/check-musl)
STATIC_CHECK_CFLAGS = $(if $(SYS_MUSL),$(CHECK_CFLAGS),-I$(CHECK_MUSL)/include)
STATIC_CHECK_LIBS = $(if $(SYS_MUSL),$(CHECK_LIBS),$(CHECK_MUSL)/lib/libcheck.a)
STATIC_HELPERS = bindport sigcount zombies
STATIC_TESTS = $(STATIC_DIR)/check_privdrop $(STATIC_HELPERS:%=$(STATIC_DIR)/%)

static-tests: $(STATIC_TESTS)

$(CHECK_MUSL)/lib/libcheck.a: mk/check-musl.sh mk/apt-private.sh $(if $(CROSS),$(MUSL_CROSS)/bin/musl-gcc)
	sh mk/check-musl.sh $(CHECK_MUSL) $(MUSL_CC) $(if $(CROSS),$(ARCH))

$(STATIC_DIR)/check_privdrop: $(TEST_SRC) tests/unit/check_privdrop.h $(filter-out %/su-exec.o,$(STATIC_OBJ)) \
		$(if $(SYS_MUSL),,$(CHECK_MUSL)/lib/libcheck.a)
	$(STATIC_CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(STATIC_CHECK_CFLAGS) $(STATIC_CAPNG_CFLAGS) $(LDFLAGS) -static \
		-o $@ $(TEST_SRC) $(filter-out %/su-exec.o,$(STATIC_OBJ)) $(STATIC_CHECK_LIBS) $(STATIC_CAPNG_LIBS)

$(STATIC_HELPERS:%=$(STATIC_DIR)/%): $(STATIC_DIR)/%: tests/%.c $(if $(CROSS),$(MUSL_CROSS)/bin/musl-gcc)
	@mkdir -p $(STATIC_DIR)
	$(STATIC_CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -static -o $@ $<

# As root: su-exec against a floor program, gosu, setpriv, s6-setuidgid, tini
# and dumb-init; one table, also in build/bench/results.md. bench/bench.sh says how.
BENCH_DIR = build/bench

bench: su-exec su-exec-static $(BENCH_DIR)/floor $(BENCH_DIR)/true $(BENCH_DIR)/rss $(BENCH_DIR)/alternate \
	$(BENCH_DIR)/syscalls-rules $(BENCH_DIR)/syscalls-all
	sh bench/bench.sh $(BENCH_DIR)

$(BENCH_DIR)/%: bench/%.c
	@mkdir -p $(BENCH_DIR)
	$(STATIC_CC) -std=c11 $(WARNINGS) -Os -static -o $@ $<
	strip $@

# The floor with su-exec's system calls: those its rules require, and all of them.
$(BENCH_DIR)/syscalls-all: SYSCALLS_FLAGS = -DALL
$(BENCH_DIR)/syscalls-rules $(BENCH_DIR)/syscalls-all: bench/syscalls.c
	@mkdir -p $(BENCH_DIR)
	$(STATIC_CC) -std=c11 $(WARNINGS) -Os -static $(SYSCALLS_FLAGS) -o $@ $<
	strip $@

# As root: Dockerfile.test's images and examples/ built and run with docker,
# or podman with everything kept in build/container; tests/images.sh says how.
check-container:
	sh tests/images.sh

# Releases, all under build/: the source tarball and its .sha256 (make dist),
# that tarball built and unit-tested on its own (make distcheck), two clones
# giving the same `make static` bytes (make check-repro; ARCH=arm64 for one
# architecture's, check-repro-all for every one's), and the Debian
# package, built, linted, installed, run and removed in a fresh root (make deb).
dist:
	sh mk/dist.sh build

distcheck: dist
	sh mk/distcheck.sh build/su-exec-$(VERSION).tar.gz

check-repro:
	sh mk/repro.sh "static$(if $(ARCH), ARCH=$(ARCH))" $(STATIC_BIN)

check-repro-all:
	sh mk/repro.sh static-all $(STATIC_ARCHES:%=build/su-exec-static-%)

# Every architecture's binary runs under qemu-user (-V and --help) and passes
# the version check. Not part of make check: static-all builds for minutes.
check-cross: static-all
	sh mk/cross-check.sh $(STATIC_ARCHES)

ARCH_BUSYBOX = build/arch/$(ARCH)/busybox/busybox

$(ARCH_BUSYBOX): mk/busybox-cross.sh mk/apt-private.sh
	sh mk/busybox-cross.sh $(ARCH) build/arch/$(ARCH)/busybox

# Every architecture on its own kernel (make check-arch; check-arch-arm64
# for one): Debian's kernel under qemu-system, a busybox initramfs with the
# static binary, the unit tests and tests/arch/rows.sh (tests/arch/run.sh).
# And every other architecture under qemu-user (check-emulation-all;
# check-emulation ARCH=arm64 for one). Neither is part of make check: the
# builds and downloads take minutes.
CHECK_ARCH = $(STATIC_ARCHES:%=check-arch-%)
EMULATION_ALL = $(patsubst %,check-emulation-%,$(filter-out $(HOST_ARCH),$(STATIC_ARCHES)))
check-arch: $(CHECK_ARCH)
check-emulation-all: $(EMULATION_ALL)

$(CHECK_ARCH): check-arch-%:
	$(MAKE) static static-tests ARCH=$*
	sh tests/arch/run.sh $* build/su-exec-static-$* build/static-$*

# With ARCH, another architecture's static builds under its qemu-user, and a
# busybox of that architecture for the control row (mk/busybox-cross.sh).
EMULATION_RUN = $(if $(ARCH),$(STATIC_BIN) $(STATIC_DIR)/bindport $(STATIC_DIR)/check_privdrop \
	$(ARCH_BUSYBOX),su-exec-static tests/bindport-static tests/unit/check_privdrop)
check-emulation: $(EMULATION_RUN)
	$(if $(ARCH),QEMU=$(or $(shell sh mk/qemu-user.sh $(ARCH)),qemu-x86_64-static) ARCH=$(ARCH)) \
		sh tests/emulation.sh $(EMULATION_RUN)

$(EMULATION_ALL): check-emulation-%:
	$(MAKE) check-emulation ARCH=$*

# mk/deb.sh builds and lints the packages, tests/deb.sh installs and runs them.
deb:
	sh mk/deb.sh
	sh tests/deb.sh build/deb/privdrop_$(VERSION)_*.deb

# make release: the folder a maintainer uploads, build/release/: the tarball,
# su-exec-static-ARCH for each of ARCHES (Debian's names, every one of
# STATIC_ARCHES unless told), an SPDX SBOM for each and for the source, and
# SHA256SUMS (mk/release.sh says what each is). make sign KEY=ID then adds
# gpg's .asc files; make check-release builds it twice and checks all of it
# (tests/release.sh). In the RELEASE_ paths % stands for the architecture.
RELEASE_ARCHES = $(STATIC_ARCHES)
ARCHES = $(RELEASE_ARCHES)
RELEASE_DIR = build/release
RELEASE_BIN = build/su-exec-static-%
RELEASE_SYMS = build/static-%/su-exec-static
RELEASE_INFO = build/static-%/build-info
KEY =

release:
	for a in $(ARCHES); do $(MAKE) static ARCH=$$a || exit; done
	RELEASE_BIN='$(RELEASE_BIN)' RELEASE_SYMS='$(RELEASE_SYMS)' RELEASE_INFO='$(RELEASE_INFO)' \
		sh mk/release.sh $(RELEASE_DIR) $(ARCHES)

sign:
	sh mk/sign.sh $(RELEASE_DIR) '$(KEY)'

check-release:
	sh tests/release.sh

install: su-exec install-lib
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 su-exec $(DESTDIR)$(BINDIR)/su-exec
	install -m 644 su-exec.1 $(DESTDIR)$(MANDIR)/man1/su-exec.1

install-lib: privdrop/libprivdrop.a privdrop/libprivdrop.so.0 privdrop/privdrop.pc.in
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR) \
		$(DESTDIR)$(MANDIR)/man3
	install -m 644 privdrop/libprivdrop.a $(DESTDIR)$(LIBDIR)/libprivdrop.a
	install -m 755 privdrop/libprivdrop.so.0 $(DESTDIR)$(LIBDIR)/libprivdrop.so.0
	ln -sf libprivdrop.so.0 $(DESTDIR)$(LIBDIR)/libprivdrop.so
	install -m 644 privdrop/privdrop.h $(DESTDIR)$(INCLUDEDIR)/privdrop.h
	$(PC_SED) >$(DESTDIR)$(PKGCONFIGDIR)/privdrop.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/privdrop.pc
	install -m 644 privdrop.3 $(DESTDIR)$(MANDIR)/man3/privdrop.3

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/su-exec $(DESTDIR)$(MANDIR)/man1/su-exec.1
	rm -f $(DESTDIR)$(LIBDIR)/libprivdrop.a $(DESTDIR)$(LIBDIR)/libprivdrop.so.0 \
		$(DESTDIR)$(LIBDIR)/libprivdrop.so $(DESTDIR)$(INCLUDEDIR)/privdrop.h \
		$(DESTDIR)$(PKGCONFIGDIR)/privdrop.pc $(DESTDIR)$(MANDIR)/man3/privdrop.3

# make help: the targets a user runs, one line each.
help:
	@printf '%s\n' \
	'Build:   all (su-exec, libprivdrop) | static (su-exec-static; ARCH=arm64 for another)' \
	'         static-all (every architecture) | static-tests ARCH= | test-helpers | fuzz' \
	'Test:    check (every suite) | check SANITIZE=address,undefined (check-sanitize) or' \
	'         VALGRIND=1 (check-valgrind): the unit tests so | check-unit check-docs' \
	'         check-integration check-caps check-init check-library check-capng-new' \
	'         check-emulation (ARCH= for another) check-emulation-all check-cross' \
	'         check-arch (check-arch-ARCH) check-container check-repro check-repro-all' \
	'Release: dist distcheck deb release sign KEY= check-release abi-baseline' \
	'Other:   bench | install install-lib uninstall (PREFIX DESTDIR) | clean distclean | help' \
	'Needs:   sh mk/deps.sh [build|test|bench|container|package|release|cross|arch], as root'

# make clean keeps what was fetched: libcap-ng's and Check's builds for musl,
# check-capng-new's libcap-ng, each architecture's musl, and the kernels and
# busybox of make check-arch (not the guests made from them), and the podman
# store and Debian roots of check-container and deb. The rest of build/ goes,
# and what is built outside it. make distclean removes those too.
KEPT = build/capng-musl $(CAPNG_NEW) build/check-musl build/cross-% build/arch build/container build/deb-root
GUESTS = build/arch/*/root build/arch/*/initrd.cpio build/arch/*/console.*
BUILT = su-exec su-exec-static su-exec-musl privdrop/libprivdrop.a privdrop/libprivdrop.so.0 \
	privdrop/privdrop.pc tests/unit/check_privdrop $(TEST_HELPERS) tests/exit32
clean:
	rm -rf $(filter-out $(KEPT),$(wildcard build/*)) $(GUESTS) $(BUILT)

distclean:
	rm -rf build $(BUILT)

# What each object's compile said it read (DEPFLAGS).
-include $(LIB_OBJ:.o=.d) $(PROG_OBJ:.o=.d) $(PIC_OBJ:.o=.d) $(STATIC_OBJ:.o=.d)

.PHONY: all static static-musl static-all $(STATIC_ALL) static-tests test-helpers check check-all check-unit check-docs check-integration \
	check-caps check-capng-new check-init check-library abi-baseline check-emulation check-sanitize check-valgrind check-container fuzz bench dist \
	distcheck check-repro check-repro-all check-cross check-arch $(CHECK_ARCH) \
	check-emulation-all $(EMULATION_ALL) deb release sign check-release install install-lib uninstall clean distclean help
