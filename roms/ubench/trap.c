/*
 * trap: trap entry and return, the atomics, and device-register accesses (kernels in trapk.S):
 *
 *   trap.ecall.iters   ecall-handler-mret round trips measured     trap.ecall.cycles   their cycles
 *   trap.amo.ops       amoadd.w executed (8 per iteration)          trap.amo.cycles     their cycles and the loop
 *   trap.lrsc.ops      lr.w + sc.w executed (8 per iteration)       trap.lrsc.cycles    their cycles and the loop
 *   mmio.load.ops      lw of the CLINT's mtime (8 per iteration)    mmio.load.cycles    their cycles and the loop
 *   mmio.store.ops     sw to the CLINT's msip (8 per iteration)     mmio.store.cycles   their cycles and the loop
 *   wfi.cmp            the mtimecmp a sleep waits for (low word)    wfi.before          mcycle just before `wfi`
 *   wfi.after          mcycle read first in the timer handler
 *
 * Each is the difference of a run with 2 x and one with 1 x the iterations, after a warm-up run; the
 * wfi figures are those of the second of two sleeps of WFI_TICKS timer ticks.
 */
#include "ub.h"

#define ITERS 256u
#define WFI_TICKS 100u

uint32_t ub_ecall(uint32_t iters);
uint32_t ub_amo(uint32_t iters);
uint32_t ub_lrsc(uint32_t iters);
uint32_t ub_mmio_load(uint32_t iters);
uint32_t ub_mmio_store(uint32_t iters);
void ub_wfi(uint32_t ticks, uint32_t *out);

volatile uint32_t ub_atom_word;

int main(void)
{
    ub_kv("trap.ecall.iters", ITERS);
    ub_kv("trap.ecall.cycles", ub_diff(ub_ecall, ITERS));
    ub_kv("trap.amo.ops", 8 * ITERS);
    ub_kv("trap.amo.cycles", ub_diff(ub_amo, ITERS));
    ub_kv("trap.lrsc.ops", 8 * ITERS);
    ub_kv("trap.lrsc.cycles", ub_diff(ub_lrsc, ITERS));
    ub_kv("mmio.load.ops", 8 * ITERS);
    ub_kv("mmio.load.cycles", ub_diff(ub_mmio_load, ITERS));
    ub_kv("mmio.store.ops", 8 * ITERS);
    ub_kv("mmio.store.cycles", ub_diff(ub_mmio_store, ITERS));
    uint32_t w[3];
    ub_wfi(WFI_TICKS, w);
    ub_wfi(WFI_TICKS, w);
    ub_kv("wfi.cmp", w[0]);
    ub_kv("wfi.before", w[1]);
    ub_kv("wfi.after", w[2]);
    return 0;
}
