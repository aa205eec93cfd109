/*
 * icode's block (roms/ubench/icode.c, kernel ub_icode in kernels.S): 16384 x `addi t0, t0, 1` = 64 KiB from
 * a 64-byte boundary, then `jr t6` at ub_icode_end, the first word of the following 64-byte line.
 */
        .option norvc
        .option norelax
        .section .text.icode, "ax", @progbits
        .globl ub_icode_block, ub_icode_end
        .balign 64
ub_icode_block:
        .rept 16384
        addi t0, t0, 1
        .endr
ub_icode_end:
        jr t6
