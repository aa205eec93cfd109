/*
 * flash-amd-fw: flash-fw's counterpart for the AMD/Fujitsu command set (CFI 0x0002), on a bank of one x16
 * chip on a 16-bit bus (the nor-amd board). It executes in place from NOR flash bank 0 (0x2000_0000) and
 * drives the flash it runs from:
 *
 *   1. CFI query: "QRY", command set, device size, write buffer, erase regions (bank geometry from them)
 *   2. autoselect: manufacturer and device-ID codes
 *   3. a boot counter: one halfword programmed per boot in the next-to-last sector (erased when full), so a
 *      run on an image written back by an earlier run counts on
 *   4. the last sector: erase, check it reads erased, program a pattern with word programming (0xA0) and
 *      write-buffer programming (0x25 ... 0x29), read it back and verify
 *   5. a probe: programming a halfword twice ANDs (programming only clears bits)
 *
 * Each step prints the cycles it took (mcycle). The flash routines run from RAM (amd.c, .ramfunc).
 * Exit: 0 when everything verified, 1 otherwise (through the test finisher).
 */
#include "rt.h"
#include "amd.h"

#define CFI_BYTES 0x50
#define PATTERN_WORDS 64      /* halfwords programmed in the last sector */
#define WORD_PROGRAMMED 16    /* the first ones with 0xA0, the rest with write buffers */
#define PROBE_WORD 200        /* an erased halfword of the last sector used by the AND probe */

static uint8_t cfi[CFI_BYTES];
static uint16_t pattern[PATTERN_WORDS];

extern char __ramfunc_start[], __ramfunc_end[];

static unsigned cfi16(unsigned a) { return cfi[a] | (unsigned)cfi[a + 1] << 8; }

static uint16_t pattern_word(unsigned i) { return (uint16_t)(((i + 1) * 0x9e3779b9u) >> 16 ^ 0x5a5au); }

int main(void)
{
    int bad = 0;
    uint32_t t_all = rdcycle();
    rt_printf("flash-amd-fw: executing in place at 0x%08x; flash routines copied to RAM at 0x%08x (%u bytes)\n",
              (uint32_t)(uintptr_t)&main, (uint32_t)(uintptr_t)__ramfunc_start,
              (unsigned)(__ramfunc_end - __ramfunc_start));

    /* 1. CFI */
    uint32_t t = rdcycle();
    amd_cfi_query(cfi, CFI_BYTES);
    t = rdcycle() - t;
    if (cfi[0x10] != 'Q' || cfi[0x11] != 'R' || cfi[0x12] != 'Y') {
        rt_printf("cfi: no \"QRY\" from one x16 chip on a 16-bit bus (0x%02x 0x%02x 0x%02x)\n", cfi[0x10], cfi[0x11], cfi[0x12]);
        return 1;
    }
    rt_printf("cfi: \"%c%c%c\" (one x16 chip on the 16-bit bus), %u cycles\n", cfi[0x10], cfi[0x11], cfi[0x12], t);
    unsigned cmdset = cfi16(0x13);
    rt_printf("cfi: primary command set 0x%04x, extended table at 0x%02x\n", cmdset, cfi16(0x15));
    if (cmdset != 0x0002) {
        rt_printf("cfi: this firmware drives the AMD/Fujitsu command set 0x0002 only\n");
        return 1;
    }
    unsigned buf_bytes = 1u << cfi16(0x2a);
    rt_printf("cfi: device size 2^%u = %u KiB; interface 0x%04x; write buffer %u bytes\n",
              cfi[0x27], (1u << cfi[0x27]) >> 10, cfi16(0x28), buf_bytes);
    rt_printf("cfi: typical word program 2^%u us, buffer program 2^%u us, sector erase 2^%u ms\n",
              cfi[0x1f], cfi[0x20], cfi[0x21]);
    unsigned regions = cfi[0x2c];
    uint32_t addr = FLASH_BASE, last = 0, prev = 0;
    for (unsigned r = 0; r < regions && r < 4; r++) {
        unsigned sectors = cfi16(0x2d + 4 * r) + 1;
        unsigned bytes = cfi16(0x2f + 4 * r) * 256u;
        rt_printf("cfi: erase region %u: %u sectors of %u KiB at 0x%08x\n", r, sectors, bytes >> 10, addr);
        for (unsigned s = 0; s < sectors; s++) {
            prev = last;
            last = addr;
            addr += bytes;
        }
    }
    uint32_t last_bytes = addr - last;
    uint32_t counter_sector = prev, counter_bytes = last - prev;
    rt_printf("cfi: last sector 0x%08x (%u KiB), boot counter in sector 0x%08x\n", last, last_bytes >> 10, counter_sector);

    /* 2. autoselect */
    uint16_t mfr, dev[3];
    amd_autoselect(&mfr, dev);
    rt_printf("id: manufacturer 0x%04x, device 0x%04x 0x%04x 0x%04x\n", mfr, dev[0], dev[1], dev[2]);

    /* 3. boot counter */
    t = rdcycle();
    volatile uint16_t *cnt = (volatile uint16_t *)(uintptr_t)counter_sector;
    unsigned n = 0;
    while (n < counter_bytes / 2 && cnt[n] != 0xffffu) n++;
    if (n == counter_bytes / 2) {
        bad |= amd_sector_erase(counter_sector);
        n = 0;
    }
    uint16_t boot = (uint16_t)(n + 1);
    bad |= amd_program_words(counter_sector + 2 * n, &boot, 1);
    t = rdcycle() - t;
    rt_printf("boot: count %u (halfword %u of sector 0x%08x), %u cycles\n", boot, n, counter_sector, t);

    /* 4. the last sector */
    volatile uint16_t *sec = (volatile uint16_t *)(uintptr_t)last;
    unsigned same = 0;
    for (unsigned i = 0; i < PATTERN_WORDS; i++) same += sec[i] == pattern_word(i);
    rt_printf("last sector before erase: %s\n",
              same == PATTERN_WORDS ? "holds the pattern (written by an earlier run)"
              : sec[0] == 0xffffu && sec[1] == 0xffffu ? "erased" : "other data");

    t = rdcycle();
    int e = amd_sector_erase(last);
    t = rdcycle() - t;
    bad |= e;
    rt_printf("erase (0x80, 0x30): %s, %u cycles\n", e ? "FAILED (DQ5)" : "done", t);

    t = rdcycle();
    unsigned erased = 0;
    for (unsigned i = 0; i < last_bytes / 2; i++) erased += sec[i] == 0xffffu;
    t = rdcycle() - t;
    rt_printf("erase check: %u of %u halfwords read 0xffff, %u cycles\n", erased, last_bytes / 2, t);
    if (erased != last_bytes / 2) bad = 1;

    for (unsigned i = 0; i < PATTERN_WORDS; i++) pattern[i] = pattern_word(i);
    t = rdcycle();
    e = amd_program_words(last, pattern, WORD_PROGRAMMED);
    t = rdcycle() - t;
    bad |= e != 0;
    rt_printf("word program (0xA0): %u halfwords, %u failed, %u cycles (%u per halfword)\n",
              WORD_PROGRAMMED, e, t, t / WORD_PROGRAMMED);

    /* Write buffers, each inside one buffer-aligned page of the sector. */
    unsigned win = buf_bytes / 2;
    unsigned done = WORD_PROGRAMMED, buffers = 0;
    e = 0;
    t = rdcycle();
    while (done < PATTERN_WORDS) {
        unsigned n_words = win - done % win;
        if (n_words > PATTERN_WORDS - done) n_words = PATTERN_WORDS - done;
        e += amd_program_buffer(last, last + 2 * done, &pattern[done], n_words);
        done += n_words;
        buffers++;
    }
    t = rdcycle() - t;
    bad |= e != 0;
    rt_printf("write-buffer program (0x25 ... 0x29): %u halfwords in %u buffers of up to %u, %u failed, %u cycles\n",
              PATTERN_WORDS - WORD_PROGRAMMED, buffers, win, e, t);

    t = rdcycle();
    unsigned ok = 0;
    uint32_t sum = 0;
    for (unsigned i = 0; i < PATTERN_WORDS; i++) {
        ok += sec[i] == pattern[i];
        sum = (sum << 5 | sum >> 27) ^ sec[i];
    }
    t = rdcycle() - t;
    rt_printf("verify: %u of %u halfwords match, checksum 0x%08x, %u cycles\n", ok, PATTERN_WORDS, sum, t);
    if (ok != PATTERN_WORDS) bad = 1;

    /* 5. probe */
    uint16_t first = 0xf0f0u, second = 0x0fffu;
    amd_program_words(last + 2 * PROBE_WORD, &first, 1);
    amd_program_words(last + 2 * PROBE_WORD, &second, 1);
    uint16_t got = sec[PROBE_WORD];
    rt_printf("probe: program 0x%04x over 0x%04x reads 0x%04x (%s)\n", second, first, got,
              got == (first & second) ? "ANDed: programming only clears bits" : got == second ? "overwritten" : "neither");

    rt_printf("flash-amd-fw: %s, %u cycles\n", bad ? "FAILED" : "all steps verified", rdcycle() - t_all);
    return bad;
}
