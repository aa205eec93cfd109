/*
 * chase: load latency against working-set size (the latency staircase). A pointer chase: each load's
 * address is the value of the previous load, over a cyclic permutation of one pointer per 64-byte line, so
 * every load waits for the one before and hardware can neither overlap nor predict them.
 *
 *   chase.ram.<bytes>   working sets of 1 KiB ... 4 MiB in RAM after the image (_end), skipped when the
 *                       board has less RAM (probed). Permutation: Sattolo's algorithm (a single cycle)
 *                       driven by xorshift32 from a fixed seed, built at run time.
 *   chase.flash.<bytes> working sets of 1 KiB ... 64 KiB in flash bank 0: tables built at assembly time
 *                       (chase_flash.S), a full-period LCG successor function as the cycle.
 *   chase.ctrl          the zero-size control: the same loop with every load replaced by an addi.
 *
 * For each: `.loads` loads and `.cycles` cycles for them, measured as the difference between a run of
 * 2 x loads and a run of loads after two warm-up passes over the whole cycle and one run of loads (so the
 * caches are in their steady state and hold no dirty chase line), the loop overhead included (see kernels.S: per 8 loads one
 * addi and one taken backward branch). cycles / loads is the staircase; `xipemu staircase` draws it.
 *
 * This program is built three times: chase-ram.elf (code in RAM) and chase-flash.elf (code XIP in flash);
 * and chase-burst.elf (-DCHASE_BURST, code in RAM, for boards with the P30 pair of QEMU's virt layout):
 *
 *   chase.flashburst.rcr      the read configuration register it sets: the P30's reset value 0xF94F with
 *                             RM (bit 15) cleared, i.e. synchronous burst, latency count 15, continuous
 *   chase.flashburst.<bytes>  the flash tables again, in burst mode (only these, and the control)
 */
#include "ub.h"

#define SEED 0x2545f491u
#define MIN_LOADS 4096u
#define RAM_MAX_BYTES (4u << 20)
#define FLASH_MAX_BYTES (64u << 10)

extern uint32_t chase_flash_tables[];  /* chase_flash.S: the 1 KiB table, then 2 KiB, ... 64 KiB, contiguous */

static uint32_t rng = SEED;

#ifdef CHASE_BURST
#define FLASH0 0x20000000u
#define RCR_RESET 0xF94Fu
#define RCR_BURST (RCR_RESET & 0x7fffu)

/* P30 Read Configuration Register Setup (0x60) and Confirm (0x03) at the bus address whose chip address
 * lines carry the new value: two x16 chips side by side on a 32-bit bus, so byte address = value << 2 and
 * the command in both halves. Both chips are back in read-array mode after the confirm. */
static void set_rcr(uint32_t rcr)
{
    volatile uint32_t *a = (volatile uint32_t *)(FLASH0 + (rcr << 2));
    *a = 0x00600060u;
    *a = 0x00030003u;
}
#endif

static uint32_t xorshift32(void)
{
    uint32_t x = rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng = x;
}

/* Slot i (word 0 of line i) := the address of line perm(i), perm a single cycle over all lines. */
static void build_ram_table(uint32_t *base, uint32_t lines)
{
    const uint32_t stride = UB_LINE_BYTES / 4;
    for (uint32_t i = 0; i < lines; i++) base[i * stride] = i;
    for (uint32_t i = lines - 1; i > 0; i--) {   /* Sattolo: j < i, so the result is one cycle */
        uint32_t j = xorshift32() % i;
        uint32_t t = base[i * stride];
        base[i * stride] = base[j * stride];
        base[j * stride] = t;
    }
    for (uint32_t i = 0; i < lines; i++) base[i * stride] = (uint32_t)(base + base[i * stride] * stride);
}

static void measure(const char *where, uint32_t bytes, uint32_t *base)
{
    uint32_t lines = bytes / UB_LINE_BYTES;
    uint32_t *p = base;
    /* Two warm-up passes: every line visited twice; the cycle must come back to its start. */
    ub_chase(p, 2 * lines / 8, &p);
    if (p != base) {
        rt_printf("%s.%u: the chase is not one cycle over %u lines\n", where, bytes, lines);
        exit(2);
    }
    uint32_t loads = lines > MIN_LOADS ? lines : MIN_LOADS;
    ub_chase(p, loads / 8, &p);   /* one more run of the measured length: a working set the size of a cache
                                     needs more than two passes to push out what else its sets held */
    uint32_t c1 = ub_chase(p, loads / 8, &p);
    uint32_t c2 = ub_chase(p, 2 * loads / 8, &p);
    rt_printf("%s.%u.loads %u\n", where, bytes, loads);
    rt_printf("%s.%u.cycles %u\n", where, bytes, c2 - c1);
}

int main(void)
{
    uint32_t *ram = (uint32_t *)(((uint32_t)_end + 4095u) & ~4095u);

    ub_kv("chase.lineBytes", UB_LINE_BYTES);
    ub_kv("chase.ctrl.loads", MIN_LOADS);
    ub_kv("chase.ctrl.cycles", ub_diff(ub_chase_ctrl, MIN_LOADS / 8));

#ifdef CHASE_BURST
    (void)ram;
    set_rcr(RCR_BURST);
    ub_kv("chase.flashburst.rcr", RCR_BURST);
    uint32_t *t = chase_flash_tables;
    for (uint32_t bytes = 1024; bytes <= FLASH_MAX_BYTES; bytes *= 2) {
        measure("chase.flashburst", bytes, t);
        t += bytes / 4;
    }
    set_rcr(RCR_RESET);
    return 0;
#endif

    for (uint32_t bytes = 1024; bytes <= RAM_MAX_BYTES; bytes *= 2) {
        if (!ub_probe((uint32_t)ram + bytes - 4)) {
            rt_printf("chase.ram.skipped %u\n", bytes);
            break;
        }
        build_ram_table(ram, bytes / UB_LINE_BYTES);
        measure("chase.ram", bytes, ram);
    }

    uint32_t *tbl = chase_flash_tables;
    for (uint32_t bytes = 1024; bytes <= FLASH_MAX_BYTES; bytes *= 2) {
        measure("chase.flash", bytes, tbl);
        tbl += bytes / 4;
    }
    return 0;
}
