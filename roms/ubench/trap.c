/*
 * trap: trap entry and return, the atomics, and device-register accesses (kernels in trapk.S):
 *
 *   trap.ecall.iters   ecall-handler-mret round trips measured     trap.ecall.cycles   their cycles
 *   trap.amo.ops       amoadd.w executed (8 per iteration)          trap.amo.cycles     their cycles and the loop
 *   trap.lrsc.ops      lr.w + sc.w executed (8 per iteration)       trap.lrsc.cycles    their cycles and the loop
 *   mmio.load.ops      lw of the CLINT's mtime (8 per iteration)    mmio.load.cycles    their cycles and the loop
 *   mmio.store.ops     sw to the CLINT's msip (8 per iteration)     mmio.store.cycles   their cycles and the loop
 *
 * Each is the difference of a run with 2 x and one with 1 x the iterations, after a warm-up run.
 */
#include "ub.h"

#define ITERS 256u

uint32_t ub_ecall(uint32_t iters);
uint32_t ub_amo(uint32_t iters);
uint32_t ub_lrsc(uint32_t iters);
uint32_t ub_mmio_load(uint32_t iters);
uint32_t ub_mmio_store(uint32_t iters);

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
    return 0;
}
