/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * What -V says the binary was built for: the architecture, by its Debian
 * name, from the compiler's own macros, so a cross build cannot be
 * mislabelled, and the libc. glibc names itself in its headers; musl
 * deliberately has no such macro, so the Makefile passes MUSL_VERSION from
 * the musl it links (mk/musl-version.sh).
 */
#ifndef SU_EXEC_TARGET_H
#define SU_EXEC_TARGET_H

#include <limits.h> /* any libc header: glibc's define __GLIBC__ */

#if defined(__x86_64__) && !defined(__ILP32__)
#define TARGET_ARCH "amd64"
#elif defined(__i386__)
#define TARGET_ARCH "i386"
#elif defined(__aarch64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TARGET_ARCH "arm64"
#elif defined(__arm__) && defined(__ARM_PCS_VFP) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TARGET_ARCH "armhf"
#elif defined(__arm__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TARGET_ARCH "armel"
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TARGET_ARCH "ppc64el"
#elif defined(__s390x__)
#define TARGET_ARCH "s390x"
#elif defined(__riscv) && __riscv_xlen == 64
#define TARGET_ARCH "riscv64"
#else
#error "an architecture -V cannot name: add its Debian name to cli/target.h"
#endif

#define TARGET_STR_(x) #x
#define TARGET_STR(x) TARGET_STR_(x)
#if defined(__GLIBC__)
#define TARGET_LIBC "glibc " TARGET_STR(__GLIBC__) "." TARGET_STR(__GLIBC_MINOR__)
#elif defined(MUSL_VERSION)
#define TARGET_LIBC "musl " MUSL_VERSION
#else
#error "no libc version: a musl build takes MUSL_VERSION from make"
#endif

#endif
