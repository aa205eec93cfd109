/*
 * vm-pages: touches 24 pages of .bss (every one a separate demand fault under env v): writes a
 * pattern to the first and last word of each page, then reads them all back, then sums a strided walk,
 * then calls code on a page of its own. Built with env p and with env v (where the env's kernel counts
 * the faults in vm_fault_count; U cannot read it, a host can).
 */
#include "riscv_test.h"
#include "test_macros.h"

#define NPAGES 24

RVTEST_RV32U
RVTEST_CODE_BEGIN

        /* 1: write the first and last word of every page */
        li TESTNUM, 1
        la s0, pages
        li s1, NPAGES
        li s2, 0
1:      slli t0, s2, 12
        add t0, t0, s0
        xori t1, s2, 0x5a5
        sw t1, 0(t0)
        li t2, 4092
        add t2, t2, t0
        not t1, t1
        sw t1, 0(t2)
        addi s2, s2, 1
        bne s2, s1, 1b

        /* 2: read them back, last page first */
        li TESTNUM, 2
        addi s2, s1, -1
2:      slli t0, s2, 12
        add t0, t0, s0
        lw t1, 0(t0)
        xori t3, s2, 0x5a5
        beq t1, t3, 3f
        j rvtest_fail
3:      li t2, 4092
        add t2, t2, t0
        lw t1, 0(t2)
        not t3, t3
        beq t1, t3, 4f
        j rvtest_fail
4:      addi s2, s2, -1
        bgez s2, 2b

        /* 3: a strided walk (every 512 bytes) summing words; untouched ones are 0 */
        li TESTNUM, 3
        li t4, 0
        mv t0, s0
        li t1, NPAGES * 4096
        add t1, t1, s0
5:      lw t2, 0(t0)
        add t4, t4, t2
        addi t0, t0, 512
        bltu t0, t1, 5b
        li t5, 0
        li s2, 0                        /* expected: sum of (i ^ 0x5a5) */
6:      xori t3, s2, 0x5a5
        add t5, t5, t3
        addi s2, s2, 1
        bne s2, s1, 6b
        beq t4, t5, 7f
        j rvtest_fail
7:
        /* 4: code on another page (far_code is page-aligned) runs too */
        li TESTNUM, 4
        call far_code
        li t0, 0x44
        beq a0, t0, 8f
        j rvtest_fail
8:
        RVTEST_PASS

        .pushsection .text.vm_far, "ax", @progbits
        .balign 4096
far_code:
        li a0, 0x44
        ret
        .popsection

RVTEST_CODE_END

        .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
        .section .bss.pages, "aw", @nobits
        .balign 4096
pages:  .space NPAGES * 4096
