/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* TRUE: the command every tool runs in the wall-time runs; it does nothing. */
int main(void)
{
	return 0;
}
