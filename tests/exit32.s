# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# For tests/faultinj-selftest.sh: an i386 program that only calls exit(0),
# which faultinj's filter must kill as a foreign architecture.
.globl _start
_start:
	movl $1, %eax
	xorl %ebx, %ebx
	int $0x80
