/*
 * flash-fw: bare-metal firmware that executes in place from NOR flash bank 0 (0x2000_0000) and drives
 * the flash it runs from, the way a boot loader's flash update does:
 *
 *   1. CFI query: "QRY", command set, device size, write buffer, erase regions (bank geometry from them)
 *   2. identifier codes and the lock status of the last block at boot
 *   3. a boot counter: one word programmed per boot in the next-to-last block (never erased here), so a
 *      run on an image written back by an earlier run counts on
 *   4. the last block: unlock, erase, check it reads erased, program a pattern with word programming
 *      (0x40) and buffered programming (0xE8), read it back and verify
 *   5. two probes where emulators differ from the datasheet: programming a word twice (AND or
 *      overwrite?) and the status register after clear status (is SR.7 kept?)
 *
 * Each step prints the cycles it took (mcycle). The flash routines run from RAM (intel.c, .ramfunc).
 * Runs unchanged on QEMU's riscv virt pflash (no block locking there; unlock is harmless).
 * Exit: 0 when everything verified, 1 otherwise (through the test finisher).
 */
#include "rt.h"
#include "intel.h"

#define CFI_WORDS 0x40
#define PATTERN_WORDS 64      /* bus words programmed in the last block */
#define WORD_PROGRAMMED 16    /* the first ones with 0x40, the rest with 0xE8 buffers */
#define PROBE_WORD 200        /* an erased word of the last block used by the AND/overwrite probe */

static uint32_t cfi[CFI_WORDS];
static uint32_t pattern[PATTERN_WORDS];

extern char __ramfunc_start[], __ramfunc_end[];

static unsigned cfi8(unsigned a) { return cfi[a] & 0xffu; }
static unsigned cfi16(unsigned a) { return cfi8(a) | cfi8(a + 1) << 8; }

static uint32_t pattern_word(unsigned i) { return (i + 1) * 0x9e3779b9u ^ 0x5a5a0000u; }

static int check_sr(const char *what, uint32_t sr)
{
    if (SR_BYTE(sr) & SR_ERRORS) {
        rt_printf("%s: status error 0x%02x\n", what, SR_BYTE(sr));
        return 1;
    }
    return 0;
}

int main(void)
{
    int bad = 0;
    uint32_t t_all = rdcycle();
    rt_printf("flash-fw: executing in place at 0x%08x; flash routines copied to RAM at 0x%08x (%u bytes)\n",
              (uint32_t)(uintptr_t)&main, (uint32_t)(uintptr_t)__ramfunc_start,
              (unsigned)(__ramfunc_end - __ramfunc_start));

    /* 1. CFI */
    uint32_t t = rdcycle();
    fl_cfi_query(cfi, CFI_WORDS);
    t = rdcycle() - t;
    if (cfi[0x10] != CMD('Q') || cfi[0x11] != CMD('R') || cfi[0x12] != CMD('Y')) {
        rt_printf("cfi: no \"QRY\" from two x16 chips on a 32-bit bus (0x%08x 0x%08x 0x%08x)\n", cfi[0x10], cfi[0x11], cfi[0x12]);
        return 1;
    }
    rt_printf("cfi: \"%c%c%c\" (0x%08x: two x16 chips on the 32-bit bus), %u cycles\n",
              cfi8(0x10), cfi8(0x11), cfi8(0x12), cfi[0x10], t);
    unsigned cmdset = cfi16(0x13);
    rt_printf("cfi: primary command set 0x%04x, extended table at 0x%02x\n", cmdset, cfi16(0x15));
    if (cmdset != 0x0001) {
        rt_printf("cfi: this firmware drives the Intel/Sharp command set 0x0001 only\n");
        return 1;
    }
    unsigned chip_bytes = 1u << cfi8(0x27);
    unsigned buf_bytes = 1u << cfi16(0x2a);
    rt_printf("cfi: device size 2^%u = %u KiB per chip, bank %u KiB; interface 0x%04x; write buffer %u bytes per chip\n",
              cfi8(0x27), chip_bytes >> 10, (2 * chip_bytes) >> 10, cfi16(0x28), buf_bytes);
    rt_printf("cfi: typical word program 2^%u us, buffer program 2^%u us, block erase 2^%u ms\n",
              cfi8(0x1f), cfi8(0x20), cfi8(0x21));
    unsigned regions = cfi8(0x2c);
    uint32_t addr = FLASH_BASE, last = 0, prev = 0;
    for (unsigned r = 0; r < regions && r < 8; r++) {
        unsigned blocks = cfi16(0x2d + 4 * r) + 1;
        unsigned bytes = cfi16(0x2f + 4 * r) * 256u;
        rt_printf("cfi: erase region %u: %u blocks of %u KiB per chip = %u KiB bank blocks at 0x%08x\n",
                  r, blocks, bytes >> 10, (2 * bytes) >> 10, addr);
        for (unsigned b = 0; b < blocks; b++) {
            prev = last;
            last = addr;
            addr += 2 * bytes;
        }
    }
    uint32_t last_bytes = addr - last;
    uint32_t counter_block = prev, counter_bytes = last - prev;
    rt_printf("cfi: last block 0x%08x (%u KiB), boot counter in block 0x%08x\n", last, last_bytes >> 10, counter_block);

    /* 2. identifier codes */
    uint32_t mfr, dev, lock;
    fl_read_id(last, &mfr, &dev, &lock);
    rt_printf("id: manufacturer 0x%04x, device 0x%04x; last block lock status at boot: %u (%s)\n",
              mfr & 0xffffu, dev & 0xffffu, lock & 1u, (lock & 1u) ? "locked" : "unlocked");

    /* 3. boot counter */
    t = rdcycle();
    uint32_t sr = fl_unlock(counter_block);
    bad |= check_sr("boot counter unlock", sr);
    volatile uint32_t *cnt = (volatile uint32_t *)(uintptr_t)counter_block;
    unsigned n = 0;
    while (n < counter_bytes / 4 && cnt[n] != 0xffffffffu) n++;
    if (n == counter_bytes / 4) {
        sr = fl_erase(counter_block);
        bad |= check_sr("boot counter erase", sr);
        n = 0;
    }
    uint32_t boot = n + 1;
    sr = fl_program_words(counter_block + 4 * n, &boot, 1);
    bad |= check_sr("boot counter program", sr);
    t = rdcycle() - t;
    rt_printf("boot: count %u (word %u of block 0x%08x), %u cycles\n", boot, n, counter_block, t);

    /* 4. the last block */
    volatile uint32_t *blk = (volatile uint32_t *)(uintptr_t)last;
    unsigned same = 0;
    for (unsigned i = 0; i < PATTERN_WORDS; i++) same += blk[i] == pattern_word(i);
    rt_printf("last block before erase: %s\n",
              same == PATTERN_WORDS ? "holds the pattern (written by an earlier run)"
              : blk[0] == 0xffffffffu && blk[1] == 0xffffffffu ? "erased" : "other data");

    t = rdcycle();
    sr = fl_unlock(last);
    t = rdcycle() - t;
    bad |= check_sr("unlock", sr);
    fl_read_id(last, &mfr, &dev, &lock);
    rt_printf("unlock: status 0x%02x, lock status now %u, %u cycles\n", SR_BYTE(sr), lock & 1u, t);

    t = rdcycle();
    sr = fl_erase(last);
    t = rdcycle() - t;
    bad |= check_sr("erase", sr);
    rt_printf("erase: status 0x%02x, %u cycles\n", SR_BYTE(sr), t);

    t = rdcycle();
    unsigned erased = 0;
    for (unsigned i = 0; i < last_bytes / 4; i++) erased += blk[i] == 0xffffffffu;
    t = rdcycle() - t;
    rt_printf("erase check: %u of %u words read 0xffffffff, %u cycles\n", erased, last_bytes / 4, t);
    if (erased != last_bytes / 4) bad = 1;

    for (unsigned i = 0; i < PATTERN_WORDS; i++) pattern[i] = pattern_word(i);
    t = rdcycle();
    sr = fl_program_words(last, pattern, WORD_PROGRAMMED);
    t = rdcycle() - t;
    bad |= check_sr("word program", sr);
    rt_printf("word program (0x40): %u words, status 0x%02x, %u cycles (%u per word)\n",
              WORD_PROGRAMMED, SR_BYTE(sr), t, t / WORD_PROGRAMMED);

    /* Buffers of at most 32 bus words, each inside one buffer-aligned window of the block. */
    unsigned win = buf_bytes / 2 < 32 ? buf_bytes / 2 : 32;
    unsigned done = WORD_PROGRAMMED, buffers = 0;
    t = rdcycle();
    while (done < PATTERN_WORDS) {
        unsigned n_words = win - done % win;
        if (n_words > PATTERN_WORDS - done) n_words = PATTERN_WORDS - done;
        sr = fl_program_buffer(last, last + 4 * done, &pattern[done], n_words);
        bad |= check_sr("buffer program", sr);
        done += n_words;
        buffers++;
    }
    t = rdcycle() - t;
    rt_printf("buffer program (0xE8): %u words in %u buffers of up to %u words, status 0x%02x, %u cycles\n",
              PATTERN_WORDS - WORD_PROGRAMMED, buffers, win, SR_BYTE(sr), t);

    t = rdcycle();
    unsigned ok = 0;
    uint32_t sum = 0;
    for (unsigned i = 0; i < PATTERN_WORDS; i++) {
        ok += blk[i] == pattern[i];
        sum = (sum << 5 | sum >> 27) ^ blk[i];
    }
    t = rdcycle() - t;
    rt_printf("verify: %u of %u words match, checksum 0x%08x, %u cycles\n", ok, PATTERN_WORDS, sum, t);
    if (ok != PATTERN_WORDS) bad = 1;

    /* 5. probes */
    uint32_t first = 0x0000ffffu, second = 0x12345678u;
    fl_program_words(last + 4 * PROBE_WORD, &first, 1);
    sr = fl_program_words(last + 4 * PROBE_WORD, &second, 1);
    uint32_t got = blk[PROBE_WORD];
    rt_printf("probe: program 0x%08x over 0x%08x reads 0x%08x (%s), status 0x%02x\n", second, first, got,
              got == (first & second) ? "ANDed: programming only clears bits"
              : got == second ? "overwritten" : "neither", SR_BYTE(sr));
    sr = fl_status_after_clear(last);
    rt_printf("probe: status after clear status (0x50): 0x%02x (SR.7 %s)\n", SR_BYTE(sr),
              (SR_BYTE(sr) & SR_READY) ? "kept: the state machine is ready" : "cleared");

    rt_printf("flash-fw: %s, %u cycles\n", bad ? "FAILED" : "all steps verified", rdcycle() - t_all);
    return bad;
}
