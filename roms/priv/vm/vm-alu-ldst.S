/*
 * vm-alu-ldst: an ordinary ALU + load/store test body, built twice: with env p (M-mode, physical)
 * and with env v (U-mode at a virtual address, demand-paged by the env's S-mode kernel).
 */
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV32U
RVTEST_CODE_BEGIN

        TEST_RR_OP(1, add, 0x00000003, 0x00000001, 0x00000002)
        TEST_RR_OP(2, add, 0x80000000, 0x7fffffff, 0x00000001)
        TEST_RR_OP(3, sub, 0xfffffffe, 0x00000001, 0x00000003)
        TEST_RR_OP(4, xor, 0xf0f0f0f0, 0xff00ff00, 0x0ff00ff0)
        TEST_RR_OP(5, or,  0xfff0fff0, 0xff00ff00, 0x0ff00ff0)
        TEST_RR_OP(6, and, 0x0f000f00, 0xff00ff00, 0x0ff00ff0)
        TEST_RR_OP(7, sll, 0x80000000, 0x00000001, 31)
        TEST_RR_OP(8, srl, 0x00000001, 0x80000000, 31)
        TEST_RR_OP(9, sra, 0xffffffff, 0x80000000, 31)
        TEST_RR_OP(10, slt, 1, 0xffffffff, 0)
        TEST_RR_OP(11, sltu, 0, 0xffffffff, 0)
        TEST_RR_OP(12, mul, 0x00001200, 0x00007e00, 0xb6db6db7)
        TEST_RR_OP(13, mulhu, 0x7fffc000, 0xffff8000, 0x80000000)
        TEST_RR_OP(14, div, 0xfffffffd, 20, -6)
        TEST_RR_OP(15, remu, 2, 20, 6)
        TEST_IMM_OP(16, addi, 0x800007fe, 0x7fffffff, 0x7ff)
        TEST_IMM_OP(17, xori, 0xff00f00f, 0x00ff0f00, -0xf1)
        TEST_IMM_OP(18, srai, 0xff000000, 0x80000000, 7)
        TEST_IMM_OP(19, sltiu, 1, 0, 1)

        TEST_LD(20, lw, 0x00ff00ff, 0, tdat)
        TEST_LD(21, lh, 0xffffff00, 4, tdat)
        TEST_LD(22, lhu, 0x0000ff00, 4, tdat)
        TEST_LD(23, lb, 0xfffffff0, 8, tdat)
        TEST_LD(24, lbu, 0x000000f0, 8, tdat)
        TEST_LD(25, lw, 0xf00ff00f, -4, tdat_end)
        TEST_ST(26, lw, sw, 0xaabbccdd, 0xaabbccdd, 0, tbuf)
        TEST_ST(27, lh, sh, 0xffffa00a, 0xa00a, 4, tbuf)
        TEST_ST(28, lbu, sb, 0x000000ef, 0xef, 7, tbuf)
        TEST_ST(29, lw, sw, 0x12345678, 0x12345678, -4, tbuf_end)

        /* a store then a load through another register on the same page */
        TEST_CASE(30, a0, 0x0000beef, la a1, tbuf; li a2, 0xbeef; sw a2, 8(a1); addi a3, a1, 8; lw a0, 0(a3))
        /* amo on data */
        TEST_CASE(31, a0, 0x0000000c, la a1, tbuf; li a2, 5; sw a2, 12(a1); addi a1, a1, 12; li a3, 7; amoadd.w zero, a3, (a1); lw a0, 0(a1))
        /* jal / jalr return addresses are virtual under env v: they must work as plain pc-relative */
        TEST_CASE(32, a0, 32, call vm_helper)

        RVTEST_PASS

vm_helper:
        li a0, 32
        ret

RVTEST_CODE_END

        .data
RVTEST_DATA_BEGIN
        .balign 16
tdat:   .word 0x00ff00ff
        .word 0x0000ff00
        .word 0x000000f0
        .word 0xf00ff00f
tdat_end:
tbuf:   .space 64
tbuf_end:
RVTEST_DATA_END
