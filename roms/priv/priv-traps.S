/*
 * priv-traps: exceptions taken in M-mode and what they leave in mcause / mepc / mtval, plus mtvec
 * direct and vectored modes. See README.md.
 */
#include "priv.h"

RVTEST_RV32M
RVTEST_CODE_BEGIN

        /* ---- ecall / ebreak ---- */
        TEST 1
        li a7, 0
t1_ecall:
        ecall
        CHECK_ONE_M CAUSE_ECALL_M, t1_ecall
        CHECK_MTVAL 0, 0

        TEST 2
t2_ebreak:
        ebreak
        CHECK_ONE_M CAUSE_BREAKPOINT, t2_ebreak
        LOAD_M a0, 0, REC_TVAL          /* mtval = pc or 0: both are allowed */
        CHECK_EQ_OR0_L a0, t2_ebreak

        TEST 3                          /* compressed ebreak: same cause, 2-byte instruction */
        .option push
        .option rvc
t3_cebreak:
        c.ebreak
        .option pop
        li a0, 33
        CHECK_ONE_M CAUSE_BREAKPOINT, t3_cebreak
        CHECK_EQ a0, 33

        /* ---- illegal instructions: mcause 2, mtval = the instruction bits or 0 ---- */
        TEST 4                          /* an all-zero (16-bit) instruction is illegal */
        .option push
        .option rvc
t4_zero:
        .half 0
        .option pop
        CHECK_ONE_M CAUSE_ILLEGAL, t4_zero
        CHECK_MTVAL 0, 0

        TEST 5                          /* an all-zero 32-bit word: two illegal halves */
        .option push
        .option rvc
t5_zero:
        .word 0
        .option pop
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MCAUSE 1, CAUSE_ILLEGAL
        CHECK_MEPC 0, t5_zero

        TEST 6                          /* all-ones 32-bit word */
t6_ones:
        .word 0xffffffff
        CHECK_ONE_M CAUSE_ILLEGAL, t6_ones
        LOAD_M a0, 0, REC_TVAL
        CHECK_EQ_OR0 a0, 0xffffffff

        TEST 7                          /* unallocated CSR 0x0ff */
t7_csr:
        csrr a0, 0x0ff
        CHECK_ONE_M CAUSE_ILLEGAL, t7_csr
        LOAD_M a0, 0, REC_TVAL
        CHECK_EQ_OR0 a0, 0x0ff02573

        TEST 8                          /* unallocated M CSR 0x3ff, written */
t8_csr:
        csrw 0x3ff, a0
        CHECK_ONE_M CAUSE_ILLEGAL, t8_csr

        TEST 9                          /* RV32: slli with shamt[5] = 1 is reserved */
t9_slli:
        .word 0x02051513                /* slli a0, a0, 32 */
        CHECK_ONE_M CAUSE_ILLEGAL, t9_slli
        LOAD_M a0, 0, REC_TVAL
        CHECK_EQ_OR0 a0, 0x02051513

        TEST 10
t10_srli:
        .word 0x02055513                /* srli a0, a0, 32 */
        CHECK_ONE_M CAUSE_ILLEGAL, t10_srli
        LOAD_M a0, 0, REC_TVAL
        CHECK_EQ_OR0 a0, 0x02055513

        TEST 11
t11_srai:
        .word 0x42055513                /* srai a0, a0, 32 */
        CHECK_ONE_M CAUSE_ILLEGAL, t11_srai
        LOAD_M a0, 0, REC_TVAL
        CHECK_EQ_OR0 a0, 0x42055513

        TEST 12                         /* shamt 31 is fine */
        li a0, 1
        slli a0, a0, 31
        srai a0, a0, 31
        CHECK_MCOUNT 0
        CHECK_EQ a0, -1

        TEST 13                         /* mhartid reads 0 ... */
        li a0, 55
        csrr a0, mhartid
        CHECK_MCOUNT 0
        CHECK_EQ a0, 0

        TEST 14                         /* ... and writing it (read-only CSR) is illegal */
t14_w:
        csrw mhartid, zero
        CHECK_ONE_M CAUSE_ILLEGAL, t14_w
        LOAD_M a0, 0, REC_TVAL
        CHECK_EQ_OR0 a0, 0xf1401073

        TEST 15                         /* csrrs with rs1 != x0 writes: illegal on read-only */
        li a1, 1
t15_w:
        csrrs a0, mhartid, a1
        CHECK_ONE_M CAUSE_ILLEGAL, t15_w

        TEST 16                         /* csrrsi with uimm = 0 does not write: legal */
        csrrsi a0, mhartid, 0
        csrrc a0, mhartid, zero
        CHECK_MCOUNT 0

        TEST 17                         /* cycle / time / instret are read-only */
t17_cycle:
        csrw cycle, zero
t17_time:
        csrw time, zero
t17_instret:
        csrs instret, a1
        CHECK_MCOUNT 3
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MCAUSE 1, CAUSE_ILLEGAL
        CHECK_MCAUSE 2, CAUSE_ILLEGAL
        CHECK_MEPC 0, t17_cycle
        CHECK_MEPC 1, t17_time
        CHECK_MEPC 2, t17_instret

        TEST 18                         /* mvendorid/marchid/mimpid are read-only too */
t18_w:
        csrw mvendorid, a1
        CHECK_ONE_M CAUSE_ILLEGAL, t18_w

        TEST 19                         /* sret/mret-like system encodings that do not exist */
t19_bad:
        .word 0x30500073                /* funct12 0x305 with SYSTEM/PRIV: not an instruction */
        CHECK_ONE_M CAUSE_ILLEGAL, t19_bad

        /* ---- access faults on addresses with no device ---- */
        TEST 20
        li a1, UNMAPPED_ADDR
t20_lw:
        lw a0, 0(a1)
        CHECK_ONE_M CAUSE_LOAD_ACCESS, t20_lw
        CHECK_MTVAL 0, UNMAPPED_ADDR

        TEST 21
        li a1, UNMAPPED_ADDR + 0x41
t21_lb:
        lbu a0, 0(a1)
        CHECK_ONE_M CAUSE_LOAD_ACCESS, t21_lb
        CHECK_MTVAL 0, UNMAPPED_ADDR + 0x41

        TEST 22
        li a1, UNMAPPED_ADDR2
t22_sw:
        sw a0, 8(a1)
        CHECK_ONE_M CAUSE_STORE_ACCESS, t22_sw
        CHECK_MTVAL 0, UNMAPPED_ADDR2 + 8

        TEST 23
        li a1, UNMAPPED_ADDR3
t23_sb:
        sb a0, 3(a1)
        CHECK_ONE_M CAUSE_STORE_ACCESS, t23_sb
        CHECK_MTVAL 0, UNMAPPED_ADDR3 + 3

        TEST 24                         /* halfword store to a hole (QEMU 7.2 reports AMOs there
                                           as load faults, so no AMO case here) */
        li a1, UNMAPPED_ADDR2 + 0x200
t24_sh:
        sh a0, 6(a1)
        CHECK_ONE_M CAUSE_STORE_ACCESS, t24_sh
        CHECK_MTVAL 0, UNMAPPED_ADDR2 + 0x206

        TEST 25                         /* fetch from a hole: cause 1, mepc = mtval = target */
        li a1, UNMAPPED_ADDR2 + 0x10
        jalr ra, 0(a1)
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_FETCH_ACCESS
        CHECK_MTVAL 0, UNMAPPED_ADDR2 + 0x10
        LOAD_M a0, 0, REC_EPC
        CHECK_EQ a0, UNMAPPED_ADDR2 + 0x10

        /* ---- misaligned targets with C: jalr clears bit 0, no fault ---- */
        TEST 26
        la a1, t26_target
        addi a1, a1, 1
        li a0, 0
        jalr ra, 0(a1)
        j rvtest_fail
t26_target:
        li a0, 26
        CHECK_MCOUNT 0
        CHECK_EQ a0, 26
        la a2, t26_target
        addi a2, a2, 1
        CHECK_REQ a1, a2                /* rs1 unchanged */

        TEST 27                         /* a branch to a 2-byte aligned target is fine */
        li a0, 0
        beqz a0, t27_target
        j rvtest_fail
        .option push
        .option rvc
        c.nop
t27_target:
        .option pop
        li a0, 27
        CHECK_MCOUNT 0
        CHECK_EQ a0, 27

        TEST 28                         /* jal to a 2-byte aligned target */
        jal ra, t28_target
        j rvtest_fail
        .option push
        .option rvc
        c.nop
t28_target:
        .option pop
        CHECK_MCOUNT 0

        /* ---- mepc, mscratch, mtval ---- */
        TEST 29                         /* mepc[1] is writable with C (IALIGN 16). mepc[0] is
                                           not checked: QEMU 7.2 keeps it as written */
        li a0, 0x80000002
        csrw mepc, a0
        csrr a1, mepc
        CHECK_EQ a1, 0x80000002

        TEST 30
        li a0, 0x12345678
        csrw mscratch, a0
        csrr a1, mscratch
        CHECK_EQ a1, 0x12345678
        csrwi mscratch, 0

        TEST 31                         /* mcause / mtval are writable (WARL) */
        li a0, 0x1f
        csrw mtval, a0
        csrr a1, mtval
        CHECK_EQ a1, 0x1f
        li a0, CAUSE_ILLEGAL
        csrw mcause, a0
        csrr a1, mcause
        CHECK_EQ a1, CAUSE_ILLEGAL

        /* ---- mtvec vectored: exceptions to base, interrupt k to base + 4k ---- */
        TEST 32
        la a0, pv_mvtable
        ori a0, a0, 1
        csrw mtvec, a0
        csrr a1, mtvec
        CHECK_REQ a0, a1
t32_ecall:
        ecall
        CHECK_ONE_M CAUSE_ECALL_M, t32_ecall
        LOAD_M a0, 0, REC_VEC
        CHECK_EQ a0, 0

        TEST 33                         /* machine software interrupt -> slot 3 */
        li a0, CLINT_MSIP
        li a1, 1
        sw a1, 0(a0)
        li a1, MIP_MSIP
        csrs mie, a1
        csrsi mstatus, MSTATUS_MIE
        nop
        nop
        csrci mstatus, MSTATUS_MIE
        sw zero, 0(a0)
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, INTR | IRQ_MSI
        LOAD_M a0, 0, REC_VEC
        CHECK_EQ a0, 3
        LOAD_M a0, 0, REC_STATUS        /* in the handler: MIE = 0, MPIE = 1, MPP = M */
        CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP

        TEST 34                         /* machine timer interrupt -> slot 7 */
        li a0, CLINT_MTIMECMP
        sw zero, 0(a0)
        sw zero, 4(a0)                  /* mtimecmp = 0 <= mtime: pending */
        li a1, MIP_MTIP
        csrs mie, a1
        csrsi mstatus, MSTATUS_MIE
        nop
        nop
        csrci mstatus, MSTATUS_MIE
        li a1, -1
        sw a1, 4(a0)
        sw a1, 0(a0)
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, INTR | IRQ_MTI
        LOAD_M a0, 0, REC_VEC
        CHECK_EQ a0, 7

        TEST 35                         /* back to direct mode: vector slot not used */
        la a0, rvtest_trap_vector
        csrw mtvec, a0
        csrr a1, mtvec
        CHECK_REQ a0, a1
t35_ecall:
        ecall
        CHECK_ONE_M CAUSE_ECALL_M, t35_ecall
        LOAD_M a0, 0, REC_VEC
        CHECK_EQ a0, -1

        /* ---- ecall from S and U ---- */
        TEST 36
        RUN_IN PRV_S, t36_s
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_S
        CHECK_MEPC 0, t36_s
        LOAD_M a0, 0, REC_STATUS        /* MPP = S */
        CHECK_MASK a0, MSTATUS_MPP, (PRV_S << 11)

        TEST 37
        RUN_IN PRV_U, t37_u
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U
        CHECK_MEPC 0, t37_u
        LOAD_M a0, 0, REC_STATUS        /* MPP = U */
        CHECK_MASK a0, MSTATUS_MPP, 0

        TEST 38                         /* an illegal instruction in U, then ecall */
        RUN_IN PRV_U, t38_u
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MEPC 0, t38_bad
        CHECK_MCAUSE 1, CAUSE_ECALL_U

        TEST 39                         /* a load access fault in S */
        RUN_IN PRV_S, t39_s
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, CAUSE_LOAD_ACCESS
        CHECK_MTVAL 0, UNMAPPED_ADDR
        CHECK_MEPC 0, t39_bad
        CHECK_MCAUSE 1, CAUSE_ECALL_S

        RVTEST_PASS

t36_s:
        ecall
t37_u:
        ecall
t38_u:
t38_bad:
        csrr a0, mscratch
        ecall
t39_s:
        li a1, UNMAPPED_ADDR
t39_bad:
        lw a0, 0(a1)
        ecall

RVTEST_CODE_END
PRIV_HARNESS
        .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
