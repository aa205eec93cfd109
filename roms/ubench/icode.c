/*
 * icode: instruction fetch cost against code size. One block of 16384 `addi t0, t0, 1` (64 KiB) ends with
 * `jr t6` (kernels.S); entering it `bytes` before its end executes exactly bytes / 4 addi. Code sizes
 * 1 KiB ... 64 KiB straddle every I-cache size of the profiles (at most 32 KiB).
 *
 *   icode.<bytes>.insns   addi instructions executed in the measured repetitions
 *   icode.<bytes>.reps    repetitions (each: jalr into the block, the addi, jr back, addi + bnez of the loop)
 *   icode.<bytes>.cycles  cycles for them (difference of 2 x reps and reps after a warm-up run of reps)
 *
 * Built twice: icode-ram.elf (code, block included, in RAM) and icode-flash.elf (XIP from flash).
 */
#include "ub.h"

#define REPS 4u

int main(void)
{
    ub_kv("icode.blockBytes", (uint32_t)(ub_icode_end - ub_icode_block));
    for (uint32_t bytes = 1024; bytes <= 65536; bytes *= 2) {
        uint32_t entry = (uint32_t)ub_icode_end - bytes;
        uint32_t n1, n2;
        ub_icode(entry, REPS, &n1);
        uint32_t c1 = ub_icode(entry, REPS, &n1);
        uint32_t c2 = ub_icode(entry, 2 * REPS, &n2);
        if (n1 != REPS * bytes / 4 || n2 != 2 * REPS * bytes / 4) {
            rt_printf("icode.%u: executed %u and %u addi, expected %u and %u\n", bytes, n1, n2,
                      REPS * bytes / 4, 2 * REPS * bytes / 4);
            return 2;
        }
        rt_printf("icode.%u.insns %u\n", bytes, n2 - n1);
        rt_printf("icode.%u.reps %u\n", bytes, REPS);
        rt_printf("icode.%u.cycles %u\n", bytes, c2 - c1);
    }
    return 0;
}
