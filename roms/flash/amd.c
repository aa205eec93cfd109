/*
 * AMD/Fujitsu command set routines, run from RAM (see amd.h). Sequences as the S29GL-P data sheet's
 * command definitions table gives them (unlock cycles 0xAA at 0x555, 0x55 at 0x2AA, then the command) and
 * its DQ7 data# polling flowchart: read DQ7 at the address being programmed (a sector address for erase);
 * when it equals the data's DQ7 the operation is done; else if DQ5 is set, read DQ7 once more and fail if
 * it still differs. Everything touches the bank through volatile pointers, and nothing calls code in flash.
 */
#include "amd.h"

#define BUS16(a) ((volatile uint16_t *)(uintptr_t)(a))
#define WORD(wa) (FLASH_BASE + (wa) * 2u)

static inline __attribute__((always_inline)) void unlock(void)
{
    *BUS16(WORD(0x555)) = 0xaa;
    *BUS16(WORD(0x2aa)) = 0x55;
}

static inline __attribute__((always_inline)) void reset(void)
{
    *BUS16(FLASH_BASE) = 0xf0;
}

/* DQ7 data# polling at addr for data `want`: 0 done, 1 failed (DQ5). */
static inline __attribute__((always_inline)) int poll(uint32_t addr, uint16_t want)
{
    for (;;) {
        uint16_t s = *BUS16(addr);
        if (((s ^ want) & DQ7) == 0) return 0;
        if (s & DQ5) {
            s = *BUS16(addr);
            if (((s ^ want) & DQ7) == 0) return 0;
            reset();
            return 1;
        }
    }
}

RAMFUNC void amd_cfi_query(uint8_t *out, unsigned n)
{
    *BUS16(WORD(0x55)) = 0x98;
    for (unsigned i = 0; i < n; i++) out[i] = (uint8_t)*BUS16(WORD(i));
    reset();
    /* Also the Intel set's read-array command: on a bank that is not AMD (the firmware stops then), the
     * chip that took the query must return to read-array before code runs from flash again. */
    *BUS16(FLASH_BASE) = 0xff;
}

RAMFUNC void amd_autoselect(uint16_t *mfr, uint16_t dev[3])
{
    unlock();
    *BUS16(WORD(0x555)) = 0x90;
    *mfr = *BUS16(WORD(0x00));
    dev[0] = *BUS16(WORD(0x01));
    dev[1] = *BUS16(WORD(0x0e));
    dev[2] = *BUS16(WORD(0x0f));
    reset();
}

RAMFUNC int amd_sector_erase(uint32_t sector)
{
    unlock();
    *BUS16(WORD(0x555)) = 0x80;
    unlock();
    *BUS16(sector) = 0x30;
    return poll(sector, 0xffff);
}

RAMFUNC int amd_program_words(uint32_t dst, const uint16_t *src, unsigned n)
{
    int bad = 0;
    for (unsigned i = 0; i < n; i++) {
        unlock();
        *BUS16(WORD(0x555)) = 0xa0;
        *BUS16(dst + 2 * i) = src[i];
        bad += poll(dst + 2 * i, src[i]);
    }
    return bad;
}

RAMFUNC int amd_program_buffer(uint32_t sector, uint32_t dst, const uint16_t *src, unsigned n)
{
    unlock();
    *BUS16(sector) = 0x25;
    *BUS16(sector) = (uint16_t)(n - 1);
    for (unsigned i = 0; i < n; i++) *BUS16(dst + 2 * i) = src[i];
    *BUS16(sector) = 0x29;
    uint32_t last = dst + 2 * (n - 1);
    /* A write-buffer abort shows DQ1 with DQ7 the complement of the last data; it needs the
     * write-buffer-abort reset (the unlock cycles, then 0xF0). */
    for (;;) {
        uint16_t s = *BUS16(last);
        if (((s ^ src[n - 1]) & DQ7) == 0) return 0;
        if (s & 0x02u) {
            unlock();
            *BUS16(WORD(0x555)) = 0xf0;
            return 1;
        }
        if (s & DQ5) {
            s = *BUS16(last);
            if (((s ^ src[n - 1]) & DQ7) == 0) return 0;
            reset();
            return 1;
        }
    }
}
