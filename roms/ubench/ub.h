/*
 * Shared declarations of the microbenchmarks (roms/ubench/): the timed kernels of kernels.S and the output
 * format. Every result is one line `key value` on the UART (decimal), e.g. `chase.ram.4096.cycles 123`;
 * README.md lists the keys and what each kernel executes per iteration.
 */
#ifndef XIPEMU_UB_H
#define XIPEMU_UB_H

#include "rt.h"

#define UB_RAM_BASE 0x80000000u
#define UB_LINE_BYTES 64u     /* one pointer per 64 bytes: one per cache line for every line size <= 64 */

uint32_t ub_probe(uint32_t addr);
uint32_t ub_chase(uint32_t *p, uint32_t iters, uint32_t **pout);
uint32_t ub_chase_ctrl(uint32_t iters);
uint32_t ub_icode(uint32_t entry, uint32_t reps, uint32_t *count);
uint32_t ub_tlb(uint32_t va, uint32_t pages, uint32_t passes, uint32_t stride);
void ub_satp(uint32_t satp);
void ub_pmp_open(void);
uint32_t ub_br_loop(uint32_t iters);
uint32_t ub_br_fwd_nt(uint32_t iters);
uint32_t ub_br_fwd_t(uint32_t iters);
uint32_t ub_br_bwd_t(uint32_t iters);
uint32_t ub_br_alt(uint32_t iters);
uint32_t ub_jal(uint32_t iters);
uint32_t ub_call(uint32_t iters);
uint32_t ub_mul(uint32_t iters);
uint32_t ub_mulh(uint32_t iters);
uint32_t ub_div(uint32_t iters);
uint32_t ub_rem(uint32_t iters);

extern char ub_icode_block[], ub_icode_end[];
extern char _end[];

static inline void ub_kv(const char *key, uint32_t value)
{
    rt_printf("%s %u\n", key, value);
}

/* `prefix.name value` */
static inline void ub_kv2(const char *prefix, const char *name, uint32_t value)
{
    rt_printf("%s.%s %u\n", prefix, name, value);
}

/* Runs a kernel taking an iteration count with n and 2n iterations (after one warm-up call with n) and
 * returns the difference: n steady-state iterations, the region's fixed cost cancelled. */
static inline uint32_t ub_diff(uint32_t (*kernel)(uint32_t), uint32_t n)
{
    kernel(n);
    uint32_t c1 = kernel(n);
    uint32_t c2 = kernel(2 * n);
    return c2 - c1;
}

#endif
