/*
 * priv-mode: privilege transitions (mret/sret and the status stack), mstatus TSR/TW/TVM, the sstatus
 * view of mstatus, misa, mhartid, and which CSRs/instructions each mode may use. See README.md.
 */
#include "priv.h"

RVTEST_RV32M
RVTEST_CODE_BEGIN

        TEST 1                          /* misa: MXL = 1 (32-bit), I M A C S U present */
        csrr a0, misa
        CHECK_MASK a0, 0xC0000000 | (1 << 8) | (1 << 12) | (1 << 0) | (1 << 2) | (1 << 18) | (1 << 20), \
                       0x40000000 | (1 << 8) | (1 << 12) | (1 << 0) | (1 << 2) | (1 << 18) | (1 << 20)
        CHECK_MASK a0, (1 << 4), 0      /* not E */

        TEST 2
        csrr a0, mhartid
        CHECK_EQ a0, 0

        /* ---- mret's status stack, staying in M ---- */
        TEST 3                          /* MPIE = 1 -> MIE = 1; MPIE := 1; MPP := U */
        li a0, MSTATUS_MPIE | MSTATUS_MPP
        csrw mstatus, a0
        la a0, t3_after
        csrw mepc, a0
        mret
        j rvtest_fail
t3_after:
        csrr a0, mstatus
        csrci mstatus, MSTATUS_MIE
        CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MIE | MSTATUS_MPIE
        CHECK_MCOUNT 0

        TEST 4                          /* MPIE = 0, MIE = 1 -> MIE = 0, MPIE = 1 */
        li a0, MSTATUS_MIE | MSTATUS_MPP
        csrw mstatus, a0
        la a0, t4_after
        csrw mepc, a0
        mret
        j rvtest_fail
t4_after:
        csrr a0, mstatus
        CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE

        TEST 5                          /* mret to M keeps MPRV */
        li a0, MSTATUS_MPRV | MSTATUS_MPP
        csrw mstatus, a0
        la a0, t5_after
        csrw mepc, a0
        mret
t5_after:
        csrr a0, mstatus
        csrw mstatus, zero
        CHECK_MASK a0, MSTATUS_MPRV, MSTATUS_MPRV

        /* ---- into S and U ---- */
        TEST 6                          /* mret into S: sstatus readable, mstatus not */
        csrw mstatus, zero
        RUN_IN PRV_S, s_probe
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MEPC 0, s_probe_bad
        CHECK_MCAUSE 1, CAUSE_ECALL_S
        LOAD_M a0, 0, REC_STATUS        /* trap from S: MPP = S */
        CHECK_MASK a0, MSTATUS_MPP, PRV_S << 11

        TEST 7                          /* mret into U: both illegal */
        RUN_IN PRV_U, s_probe
        CHECK_MCOUNT 3
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MEPC 0, s_probe
        CHECK_MCAUSE 1, CAUSE_ILLEGAL
        CHECK_MEPC 1, s_probe_bad
        CHECK_MCAUSE 2, CAUSE_ECALL_U
        LOAD_M a0, 2, REC_STATUS
        CHECK_MASK a0, MSTATUS_MPP, 0

        TEST 8                          /* mret into U: MPIE -> MIE, and the trap puts it back into
                                           MPIE. (mret to U should also clear MPRV per priv. spec
                                           1.12; QEMU 7.2 keeps it, so that is not checked here) */
        li a0, MSTATUS_MPIE
        csrw mstatus, a0
        RUN_IN PRV_U, u_ecall
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U
        LOAD_M a0, 0, REC_STATUS        /* MIE was 1 in U: MPIE = 1, MIE = 0 */
        CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE

        TEST 9                          /* into S with MPIE = 0: the trap sees MPIE = 0 */
        csrw mstatus, zero
        RUN_IN PRV_S, u_ecall
        CHECK_MCAUSE 0, CAUSE_ECALL_S
        LOAD_M a0, 0, REC_STATUS
        CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, PRV_S << 11

        TEST 10                         /* M-only instructions/CSRs in S: mret, mscratch */
        csrw mstatus, zero
        RUN_IN PRV_S, s_mret
        CHECK_MCOUNT 3
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MEPC 0, s_mret
        CHECK_MCAUSE 1, CAUSE_ILLEGAL
        CHECK_MEPC 1, s_mscratch
        CHECK_MCAUSE 2, CAUSE_ECALL_S

        TEST 11                         /* in U: sret, mret, sscratch, satp, sfence.vma */
        RUN_IN PRV_U, u_priv
        CHECK_MCOUNT 6
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MEPC 0, u_priv
        CHECK_MCAUSE 1, CAUSE_ILLEGAL
        CHECK_MCAUSE 2, CAUSE_ILLEGAL
        CHECK_MCAUSE 3, CAUSE_ILLEGAL
        CHECK_MCAUSE 4, CAUSE_ILLEGAL
        CHECK_MEPC 4, u_priv_sfence
        CHECK_MCAUSE 5, CAUSE_ECALL_U

        /* ---- sret ---- */
        TEST 12                         /* in S: SPIE=1, SIE=0, SPP=S -> SIE=1, SPIE=1, SPP=U */
        RUN_IN PRV_S, s_sret_stack
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_S
        lw a0, scratch_word
        CHECK_MASK a0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SIE | MSTATUS_SPIE
        lw a0, scratch_word2            /* and SPIE=0, SIE=1 -> SIE=0, SPIE=1 */
        CHECK_MASK a0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SPIE

        TEST 13                         /* sret from S to U (SPP = 0) */
        RUN_IN PRV_S, s_sret_to_u
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U
        CHECK_MEPC 0, u_ecall

        TEST 14                         /* sret executed in M goes to SPP's mode */
        li a0, MSTATUS_SPP
        csrc mstatus, a0
        la a0, t14_back
        sw a0, pv_resume, t6
        la a0, u_ecall
        csrw sepc, a0
        sret
t14_back:
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U

        TEST 15                         /* TSR = 1: sret in S is illegal */
        li a0, MSTATUS_TSR
        csrs mstatus, a0
        RUN_IN PRV_S, s_sret_to_u
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MEPC 0, s_sret_insn
        CHECK_MCAUSE 1, CAUSE_ECALL_S

        TEST 16                         /* TSR = 1 does not affect sret in M */
        la a0, t16_back
        sw a0, pv_resume, t6
        la a0, u_ecall
        csrw sepc, a0
        li a0, MSTATUS_SPP
        csrc mstatus, a0
        sret
t16_back:
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U
        li a0, MSTATUS_TSR
        csrc mstatus, a0

        /* ---- TW ---- */
        TEST 17                         /* TW = 1: wfi in S and in U is illegal */
        li a0, MSTATUS_TW
        csrs mstatus, a0
        RUN_IN PRV_S, s_wfi
        RUN_IN PRV_U, s_wfi
        CHECK_MCOUNT 4
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MEPC 0, s_wfi
        CHECK_MCAUSE 1, CAUSE_ECALL_S
        CHECK_MCAUSE 2, CAUSE_ILLEGAL
        CHECK_MEPC 2, s_wfi
        CHECK_MCAUSE 3, CAUSE_ECALL_U

        TEST 18                         /* TW = 1: wfi in M is fine (an enabled interrupt is
                                           pending so it returns; MIE = 0 so none is taken) */
        li a0, MIP_SSIP
        csrs mip, a0
        csrs mie, a0
        wfi
        CHECK_MCOUNT 0

        TEST 19                         /* TW = 0: wfi in S is fine (SSIP delegated, SIE = 0) */
        csrw mstatus, zero              /* TW = 0 and SIE = 0 (sret in test 14 set SIE) */
        SET_STVEC
        li a0, MIP_SSIP
        csrs mideleg, a0
        RUN_IN PRV_S, s_wfi
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_S
        li a0, MIP_SSIP
        csrc mip, a0
        csrc mie, a0
        csrc mideleg, a0

        /* ---- TVM ---- */
        TEST 20                         /* TVM = 1: satp and sfence.vma in S are illegal */
        li a0, MSTATUS_TVM
        csrs mstatus, a0
        RUN_IN PRV_S, s_vm
        CHECK_MCOUNT 4
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MEPC 0, s_vm
        CHECK_MCAUSE 1, CAUSE_ILLEGAL
        CHECK_MEPC 1, s_vm_w
        CHECK_MCAUSE 2, CAUSE_ILLEGAL
        CHECK_MEPC 2, s_vm_sfence
        CHECK_MCAUSE 3, CAUSE_ECALL_S

        TEST 21                         /* TVM = 1 does not affect M */
        csrr a0, satp
        csrw satp, zero
        sfence.vma
        CHECK_MCOUNT 0

        TEST 22                         /* TVM = 0: all fine in S */
        li a0, MSTATUS_TVM
        csrc mstatus, a0
        RUN_IN PRV_S, s_vm
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_S

        /* ---- sstatus is a view of mstatus ---- */
        TEST 23                         /* M-only bits are invisible in sstatus */
        li a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
        csrw mstatus, a0
        csrr a1, sstatus
        CHECK_MASK a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR, 0

        TEST 24                         /* writing sstatus sets S bits in mstatus, keeps M bits */
        li a0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR
        csrw sstatus, a0
        csrr a1, mstatus
        CHECK_MASK a1, 0x007e19aa, 0x007e19aa
        csrr a1, sstatus
        CHECK_MASK a1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR, \
                       MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR

        TEST 25                         /* writing all ones to sstatus cannot touch M bits */
        csrw mstatus, zero
        li a0, -1
        csrw sstatus, a0
        csrr a1, mstatus
        CHECK_MASK a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR, 0
        CHECK_MASK a1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR, \
                       MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR
        csrw sstatus, zero
        csrr a1, mstatus
        CHECK_MASK a1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR, 0

        TEST 26                         /* sie/sip are views of mie/mip (delegated bits) */
        csrw mstatus, zero
        li a0, MIP_SSIP | MIP_STIP
        csrw mideleg, a0
        li a0, MIP_SSIP | MIP_STIP | MIP_MSIP | MIP_MTIP
        csrw mie, a0
        csrr a1, sie
        CHECK_MASK a1, MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP, MIP_SSIP | MIP_STIP
        csrw sie, zero
        csrr a1, mie
        CHECK_MASK a1, MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP, MIP_MSIP | MIP_MTIP
        li a0, MIP_SSIP
        csrs sip, a0                    /* SSIP is writable through sip when delegated */
        csrr a1, mip
        CHECK_MASK a1, MIP_SSIP, MIP_SSIP
        csrc sip, a0
        csrr a1, mip
        CHECK_MASK a1, MIP_SSIP, 0
        csrw mie, zero
        csrw mideleg, zero

        /* Not checked: mstatus.MPP = 2 (reserved) should read back as a legal mode (WARL);
           QEMU 7.2 keeps the 2. */

        RVTEST_PASS

        /* ---- code run in S or U ---- */
s_probe:
        csrr a0, sstatus
s_probe_bad:
        csrr a0, mstatus
        ecall
u_ecall:
        ecall
s_mret:
        mret
s_mscratch:
        csrr a0, mscratch
        csrr a0, sscratch
        ecall
u_priv:
        sret
        mret
        csrr a0, sscratch
        csrr a0, satp
u_priv_sfence:
        sfence.vma
        ecall
s_sret_stack:
        li a0, MSTATUS_SPIE | MSTATUS_SPP
        csrw sstatus, a0
        la a0, 1f
        csrw sepc, a0
        sret
1:      csrr a0, sstatus
        sw a0, scratch_word, t6
        li a0, MSTATUS_SIE | MSTATUS_SPP
        csrw sstatus, a0
        la a0, 2f
        csrw sepc, a0
        sret
2:      csrr a0, sstatus
        sw a0, scratch_word2, t6
        csrw sstatus, zero
        ecall
s_sret_to_u:
        li a0, MSTATUS_SPP
        csrc sstatus, a0
        la a0, u_ecall
        csrw sepc, a0
s_sret_insn:
        sret
        ecall
s_wfi:
        wfi
        ecall
s_vm:
        csrr a0, satp
s_vm_w:
        csrw satp, zero
s_vm_sfence:
        sfence.vma
        ecall

RVTEST_CODE_END
PRIV_HARNESS
        .data
scratch_word:  .word 0
scratch_word2: .word 0
RVTEST_DATA_BEGIN
RVTEST_DATA_END
