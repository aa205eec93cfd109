/*
 * muldiv: multiply and divide costs. Each kernel (kernels.S) runs 8 dependent operations (`op t1, t1, t2`)
 * then `addi a0, a0, -1` and a backward taken `bnez` per iteration:
 *
 *   mul   mul, t2 = 3            div   div, t2 = 1 (t1 unchanged)
 *   mulh  mulh, -7 x 3           rem   rem, 5 rem 0x7fffffff (t1 unchanged)
 *
 *   muldiv.<name>.ops     operations measured (8 x iterations)
 *   muldiv.<name>.cycles  cycles for them and the loop (difference of 2 x and 1 x, after a warm-up run)
 *
 * branch.loop of the branch ROM is the matching loop-overhead control.
 */
#include "ub.h"

#define ITERS 512u

struct kernel { const char *name; uint32_t (*fn)(uint32_t); };

static const struct kernel kernels[] = {
    {"mul", ub_mul}, {"mulh", ub_mulh}, {"div", ub_div}, {"rem", ub_rem},
};

int main(void)
{
    for (uint32_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        uint32_t c = ub_diff(kernels[i].fn, ITERS);
        rt_printf("muldiv.%s.ops %u\n", kernels[i].name, 8 * ITERS);
        rt_printf("muldiv.%s.cycles %u\n", kernels[i].name, c);
    }
    return 0;
}
