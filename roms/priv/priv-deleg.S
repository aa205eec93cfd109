/*
 * priv-deleg: exception delegation with medeleg; scause / sepc / stval / stvec / sstatus on a trap
 * taken in S; delegated vs undelegated; traps never go to a less privileged mode. See README.md.
 */
#include "priv.h"

RVTEST_RV32M
RVTEST_CODE_BEGIN
        SET_STVEC

        TEST 1                          /* medeleg bits for U/S exceptions are writable. (medeleg[11],
                                           ecall from M, should be read-only zero; QEMU 7.2 lets it be
                                           written, so it is not checked) */
        li a0, (1 << 8) | (1 << 9) | (1 << 2) | (1 << 12) | (1 << 13) | (1 << 15)
        csrw medeleg, a0
        csrr a1, medeleg
        CHECK_MASK a1, (1 << 8) | (1 << 9) | (1 << 2) | (1 << 12) | (1 << 13) | (1 << 15), \
                       (1 << 8) | (1 << 9) | (1 << 2) | (1 << 12) | (1 << 13) | (1 << 15)
        csrw medeleg, zero
        csrr a1, medeleg
        CHECK_EQ a1, 0

        TEST 2                          /* mideleg: SSIP, STIP, SEIP writable */
        li a0, MIP_SSIP | MIP_STIP | MIP_SEIP
        csrw mideleg, a0
        csrr a1, mideleg
        CHECK_MASK a1, MIP_SSIP | MIP_STIP | MIP_SEIP, MIP_SSIP | MIP_STIP | MIP_SEIP
        csrw mideleg, zero

        TEST 3                          /* ecall from U, delegated: taken in S */
        li a0, 1 << CAUSE_ECALL_U
        csrw medeleg, a0
        S_ESCALATE 1
        RUN_IN PRV_U, u_ecall
        CHECK_SCOUNT 1
        CHECK_SCAUSE 0, CAUSE_ECALL_U
        CHECK_SEPC 0, u_ecall
        CHECK_STVAL 0, 0
        LOAD_S a0, 0, REC_STATUS        /* SPP = U */
        CHECK_MASK a0, MSTATUS_SPP, 0
        CHECK_MCOUNT 1                  /* then the S handler's own ecall to M */
        CHECK_MCAUSE 0, CAUSE_ECALL_S
        csrr a0, scause
        CHECK_EQ a0, CAUSE_ECALL_U
        csrr a0, sepc
        la a1, u_ecall
        CHECK_REQ a0, a1

        TEST 4                          /* not delegated: straight to M, S sees nothing */
        csrw medeleg, zero
        csrw scause, zero
        RUN_IN PRV_U, u_ecall
        CHECK_SCOUNT 0
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U
        csrr a0, scause
        CHECK_EQ a0, 0

        TEST 5                          /* illegal instruction in U, delegated: stval, sepc */
        li a0, (1 << CAUSE_ILLEGAL)
        csrw medeleg, a0
        RUN_IN PRV_U, u_illegal
        CHECK_SCOUNT 1
        CHECK_SCAUSE 0, CAUSE_ILLEGAL
        CHECK_SEPC 0, u_illegal_insn
        LOAD_S a0, 0, REC_TVAL
        CHECK_EQ_OR0 a0, 0x34002573     /* csrr a0, mscratch */
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U   /* ecall is not delegated here */

        TEST 6                          /* the same exception raised in M stays in M */
t6_ill:
        csrr a0, 0x0ff
        CHECK_SCOUNT 0
        CHECK_ONE_M CAUSE_ILLEGAL, t6_ill

        TEST 7                          /* delegated breakpoint from S: S to S, SPP = S, SPIE = SIE */
        li a0, (1 << CAUSE_BREAKPOINT)
        csrw medeleg, a0
        csrsi mstatus, MSTATUS_SIE
        RUN_IN PRV_S, s_ebreak
        CHECK_SCOUNT 1
        CHECK_SCAUSE 0, CAUSE_BREAKPOINT
        CHECK_SEPC 0, s_ebreak
        LOAD_S a0, 0, REC_STATUS
        CHECK_MASK a0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPP | MSTATUS_SPIE
        lw a0, scratch_word             /* after sret: SIE = 1 again */
        CHECK_MASK a0, MSTATUS_SIE | MSTATUS_SPIE, MSTATUS_SIE | MSTATUS_SPIE
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_S
        csrw mstatus, zero

        TEST 8                          /* delegated load access fault from U: stval = address */
        li a0, (1 << CAUSE_LOAD_ACCESS) | (1 << CAUSE_STORE_ACCESS)
        csrw medeleg, a0
        RUN_IN PRV_U, u_access
        CHECK_SCOUNT 2
        CHECK_SCAUSE 0, CAUSE_LOAD_ACCESS
        CHECK_STVAL 0, UNMAPPED_ADDR + 4
        CHECK_SEPC 0, u_access_ld
        CHECK_SCAUSE 1, CAUSE_STORE_ACCESS
        CHECK_STVAL 1, UNMAPPED_ADDR2 + 8
        CHECK_SEPC 1, u_access_st
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U

        TEST 9                          /* delegated, but raised in M: stays in M */
        li a1, UNMAPPED_ADDR3
t9_ld:
        lw a0, 0(a1)
        CHECK_SCOUNT 0
        CHECK_ONE_M CAUSE_LOAD_ACCESS, t9_ld
        CHECK_MTVAL 0, UNMAPPED_ADDR3

        TEST 10                         /* stvec vectored: exceptions still go to base */
        la a0, pv_svtable
        ori a0, a0, 1
        csrw stvec, a0
        csrr a1, stvec
        CHECK_REQ a0, a1
        li a0, 1 << CAUSE_ECALL_U
        csrw medeleg, a0
        S_ESCALATE 1
        RUN_IN PRV_U, u_ecall
        CHECK_SCOUNT 1
        CHECK_SCAUSE 0, CAUSE_ECALL_U
        LOAD_S a0, 0, REC_VEC
        CHECK_EQ a0, 0
        SET_STVEC

        TEST 11                         /* sscratch, stval, sepc, scause are S-mode read/write */
        RUN_IN PRV_S, s_csrs
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_S
        lw a0, scratch_word
        CHECK_EQ a0, 0x5a5a1234

        TEST 12                         /* S cannot delegate: medeleg is M-only */
        RUN_IN PRV_S, s_medeleg
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MEPC 0, s_medeleg
        csrw medeleg, zero

        RVTEST_PASS

u_ecall:
        ecall
u_illegal:
        nop
u_illegal_insn:
        csrr a0, mscratch
        ecall
s_ebreak:
        ebreak
        csrr a0, sstatus
        sw a0, scratch_word, t6
        ecall
u_access:
        li a1, UNMAPPED_ADDR
u_access_ld:
        lw a0, 4(a1)
        li a1, UNMAPPED_ADDR2
u_access_st:
        sw a0, 8(a1)
        ecall
s_csrs:
        li a0, 0x5a5a1234
        csrw sscratch, a0
        csrr a1, sscratch
        csrw stval, a1
        csrr a2, stval
        sw a2, scratch_word, t6
        csrw sepc, a2
        csrw scause, zero
        ecall
s_medeleg:
        csrw medeleg, zero
        ecall

RVTEST_CODE_END
PRIV_HARNESS
        .data
scratch_word:  .word 0
RVTEST_DATA_BEGIN
RVTEST_DATA_END
