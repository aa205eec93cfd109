/*
 * A small AMD/Fujitsu command set (CFI 0x0002) driver for the board's flash bank 0 wired as one x16 chip
 * on a 16-bit bus (xipemu's nor-amd board: S29GL128P, or any AMD-set part profile): chip word address a is
 * byte offset 2a, so the unlock cycles go to 0x555 * 2 and 0x2AA * 2. Status by DQ7 data# polling: while
 * an embedded algorithm runs, a read returns DQ7 complemented; when it is done the array data is back.
 *
 * As for the Intel driver (intel.h), every routine that leaves the bank outside read-array mode runs from
 * RAM (section .ramfunc) and puts the bank back in read-array mode before it returns to code in flash.
 */
#ifndef FLASH_AMD_H
#define FLASH_AMD_H

#include <stdint.h>

#define FLASH_BASE 0x20000000u

#define DQ7 0x80u
#define DQ5 0x20u /* exceeded timing limits: the operation failed */

#define RAMFUNC __attribute__((section(".ramfunc"), noinline))

/* CFI query (0x98 at word 0x55): the low bytes of CFI addresses 0 .. n-1 into out (in RAM); reset (0xF0). */
void amd_cfi_query(uint8_t *out, unsigned n);
/* Autoselect (0x90): manufacturer code and the three device-ID words; reset (0xF0). */
void amd_autoselect(uint16_t *mfr, uint16_t dev[3]);
/* Sector erase (0x80, 0x30 at the sector), polled to completion; returns 0, or 1 when DQ5 reported a failure. */
int amd_sector_erase(uint32_t sector);
/* Word program (0xA0 + data) of n halfwords from src (in RAM) to dst, each polled; returns the failures. */
int amd_program_words(uint32_t dst, const uint16_t *src, unsigned n);
/* Write-buffer program (0x25 at the sector, count - 1, n halfwords, 0x29 at the sector) of n halfwords in
 * one write-buffer page; returns 0, or 1 on a failure or an abort (then the write-buffer-abort reset). */
int amd_program_buffer(uint32_t sector, uint32_t dst, const uint16_t *src, unsigned n);

static inline uint32_t rdcycle(void)
{
    uint32_t c;
    __asm__ volatile("csrr %0, mcycle" : "=r"(c));
    return c;
}

#endif
