/*
 * Intel/Sharp command set routines, run from RAM (see intel.h). Sequences as in the P30 datasheet's
 * flowcharts: command, confirm, poll SR.7 until the write state machine is ready, check the error bits,
 * clear status, read array. Everything touches the bank through volatile pointers so the compiler keeps
 * each bus cycle, and nothing here calls code in flash.
 */
#include "intel.h"

#define BUS(a) ((volatile uint32_t *)(uintptr_t)(a))

static inline __attribute__((always_inline)) uint32_t wait_ready(uint32_t addr)
{
    uint32_t sr;
    do {
        sr = *BUS(addr);
    } while ((sr & CMD(SR_READY)) != CMD(SR_READY));
    return sr;
}

static inline __attribute__((always_inline)) void read_array(uint32_t addr)
{
    *BUS(addr) = CMD(0xff);
}

RAMFUNC void fl_cfi_query(uint32_t *out, unsigned n)
{
    *BUS(FLASH_BASE + 0x55 * 4) = CMD(0x98);
    for (unsigned i = 0; i < n; i++) out[i] = *BUS(FLASH_BASE + i * 4);
    read_array(FLASH_BASE);
}

RAMFUNC void fl_read_id(uint32_t block, uint32_t *mfr, uint32_t *dev, uint32_t *lock)
{
    *BUS(block) = CMD(0x90);
    *mfr = *BUS(FLASH_BASE + 0 * 4);
    *dev = *BUS(FLASH_BASE + 1 * 4);
    *lock = *BUS(block + 2 * 4);
    read_array(block);
}

RAMFUNC uint32_t fl_unlock(uint32_t block)
{
    *BUS(block) = CMD(0x60);
    *BUS(block) = CMD(0xd0);
    *BUS(block) = CMD(0x70);
    uint32_t sr = wait_ready(block);
    read_array(block);
    return sr;
}

RAMFUNC uint32_t fl_erase(uint32_t block)
{
    *BUS(block) = CMD(0x20);
    *BUS(block) = CMD(0xd0);
    uint32_t sr = wait_ready(block);
    if (sr & CMD(SR_ERRORS)) *BUS(block) = CMD(0x50);
    read_array(block);
    return sr;
}

RAMFUNC uint32_t fl_program_words(uint32_t dst, const uint32_t *src, unsigned n)
{
    uint32_t all = 0;
    for (unsigned i = 0; i < n; i++) {
        uint32_t a = dst + i * 4;
        *BUS(a) = CMD(0x40);
        *BUS(a) = src[i];
        all |= wait_ready(a);
    }
    if (all & CMD(SR_ERRORS)) *BUS(dst) = CMD(0x50);
    read_array(dst);
    return all;
}

RAMFUNC uint32_t fl_program_buffer(uint32_t block, uint32_t dst, const uint32_t *src, unsigned n)
{
    /* 0xE8 answers with the extended status: SR.7 set when a write buffer is available. */
    *BUS(block) = CMD(0xe8);
    wait_ready(block);
    *BUS(block) = CMD(n - 1);
    for (unsigned i = 0; i < n; i++) *BUS(dst + i * 4) = src[i];
    *BUS(block) = CMD(0xd0);
    uint32_t sr = wait_ready(block);
    if (sr & CMD(SR_ERRORS)) *BUS(block) = CMD(0x50);
    read_array(block);
    return sr;
}

RAMFUNC uint32_t fl_status_after_clear(uint32_t addr)
{
    *BUS(addr) = CMD(0x50);
    *BUS(addr) = CMD(0x70);
    uint32_t sr = *BUS(addr);
    read_array(addr);
    return sr;
}
