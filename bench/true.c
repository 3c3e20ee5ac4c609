/* SPDX-License-Identifier: MIT */
/* TRUE: the command every tool runs in the wall-time runs; it does nothing. */
int main(void)
{
	return 0;
}
