/*
 * branch: control-transfer costs. Each kernel (kernels.S) is a loop ending in `addi a0, a0, -1` and a
 * backward taken `bnez`; the body:
 *
 *   loop     nothing (the loop-overhead control)
 *   fwd_nt   8 forward not-taken branches
 *   fwd_t    8 forward taken branches (to the next instruction)
 *   bwd_t    a ladder: 2 jumps and 7 backward taken branches
 *   alt      one forward branch taken on every other iteration (+ an addi skipped when taken)
 *   jal      8 jumps (jal x0) to the next instruction
 *   call     4 x (jal to a leaf + its jalr return)
 *
 *   branch.<name>.iters   loop iterations measured
 *   branch.<name>.cycles  cycles for them (difference of 2 x iters and iters, after a warm-up run)
 */
#include "ub.h"

#define ITERS 1024u

struct kernel { const char *name; uint32_t (*fn)(uint32_t); };

static const struct kernel kernels[] = {
    {"loop", ub_br_loop}, {"fwd_nt", ub_br_fwd_nt}, {"fwd_t", ub_br_fwd_t}, {"bwd_t", ub_br_bwd_t},
    {"alt", ub_br_alt},   {"jal", ub_jal},          {"call", ub_call},
};

int main(void)
{
    for (uint32_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        uint32_t c = ub_diff(kernels[i].fn, ITERS);
        rt_printf("branch.%s.iters %u\n", kernels[i].name, ITERS);
        rt_printf("branch.%s.cycles %u\n", kernels[i].name, c);
    }
    return 0;
}
