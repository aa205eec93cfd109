/*
 * A small Intel/Sharp command set (CFI 0x0001) driver for the board's flash bank 0: two x16 chips side by
 * side on a 32-bit bus (QEMU virt's pflash and xipemu's default p30-128t bank), so every command is
 * written to both chips at once (CMD) and every status read returns both chips' status registers.
 *
 * Every routine that leaves the bank outside read-array mode runs from RAM (section .ramfunc, copied by
 * crt0.S): while the bank answers status, CFI or identifier words, or is busy programming or erasing, an
 * instruction fetch from it would return those words. Each routine puts the bank back in read-array
 * mode (0xFF) before it returns to code in flash.
 */
#ifndef FLASH_INTEL_H
#define FLASH_INTEL_H

#include <stdint.h>

#define FLASH_BASE 0x20000000u
/* One command byte to both chips of the 32-bit bus word. */
#define CMD(c) ((uint32_t)(c) * 0x00010001u)

/* Status register bits (per chip). */
#define SR_READY 0x80u      /* SR.7 write state machine ready */
#define SR_ERASE_ERR 0x20u  /* SR.5 erase (or command sequence) error */
#define SR_PROG_ERR 0x10u   /* SR.4 program (or command sequence) error */
#define SR_VPP_ERR 0x08u    /* SR.3 Vpp low */
#define SR_LOCKED 0x02u     /* SR.1 operation on a locked block */
#define SR_ERRORS (SR_ERASE_ERR | SR_PROG_ERR | SR_VPP_ERR | SR_LOCKED)

/* Both chips' status bytes ORed: an error in either chip shows. */
#define SR_BYTE(sr) (((sr) | ((sr) >> 16)) & 0xffu)

#define RAMFUNC __attribute__((section(".ramfunc"), noinline))

/* CFI query: raw bus words of CFI addresses 0 .. n-1 into out (in RAM). */
void fl_cfi_query(uint32_t *out, unsigned n);
/* Identifier mode (0x90): manufacturer and device codes, and the lock status word of `block`. */
void fl_read_id(uint32_t block, uint32_t *mfr, uint32_t *dev, uint32_t *lock);
/* Lock setup + unlock (0x60, 0xD0) of the block at address `block`; returns the final status word. */
uint32_t fl_unlock(uint32_t block);
/* Block erase (0x20, 0xD0), polled to completion; returns the final status word. */
uint32_t fl_erase(uint32_t block);
/* Word program (0x40 + data) of n bus words from src (in RAM) to dst, each polled; returns the status
 * words ORed. */
uint32_t fl_program_words(uint32_t dst, const uint32_t *src, unsigned n);
/* Buffered program (0xE8, count-1, n data words, 0xD0) of n bus words in one buffer window of the block;
 * returns the final status word. */
uint32_t fl_program_buffer(uint32_t block, uint32_t dst, const uint32_t *src, unsigned n);
/* Clear status (0x50) then read status (0x70): what the status register holds after a clear. */
uint32_t fl_status_after_clear(uint32_t addr);

static inline uint32_t rdcycle(void)
{
    uint32_t c;
    __asm__ volatile("csrr %0, mcycle" : "=r"(c));
    return c;
}

#endif
