/*
 * priv-irq: CLINT timer and software interrupts, mip/mie, priorities, delegation of interrupts to S
 * with mideleg, global enables per mode, WFI wake-up. See README.md.
 * mtime runs at 10 MHz on QEMU virt; the waits below are short (tens of microseconds).
 */
#include "priv.h"

#define POLL_LIMIT 400000

RVTEST_RV32M
RVTEST_CODE_BEGIN
        SET_STVEC
        call timer_off

        TEST 1                          /* MTIP and MSIP are read-only in mip */
        li a0, MIP_MTIP | MIP_MSIP
        csrs mip, a0
        csrr a1, mip
        CHECK_MASK a1, MIP_MTIP | MIP_MSIP, 0

        TEST 2                          /* mtime counts up */
        call read_mtime
        mv s0, a0
        mv s1, a1
        li t0, 200
1:      addi t0, t0, -1
        bnez t0, 1b
        call read_mtime
        bne a1, s1, 2f
        bltu s0, a0, 2f
        j rvtest_fail
2:

        TEST 3                          /* mtimecmp in the past: MTIP; in the future: not */
        li a0, 0
        li a1, 0
        call set_timecmp
        csrr a0, mip
        CHECK_MASK a0, MIP_MTIP, MIP_MTIP
        call timer_off
        csrr a0, mip
        CHECK_MASK a0, MIP_MTIP, 0
        li a0, 0x10                     /* the two halves read back */
        li a1, 0x7fffffff
        call set_timecmp
        li a2, CLINT_MTIMECMP
        lw a3, 0(a2)
        CHECK_EQ a3, 0x10
        lw a3, 4(a2)
        CHECK_EQ a3, 0x7fffffff
        call timer_off

        TEST 4                          /* wait for MTIP with interrupts off, then take it */
        call read_mtime
        addi a2, a0, 100
        sltu a3, a2, a0
        add a1, a1, a3
        mv a0, a2
        call set_timecmp
        li a0, MIP_MTIP
        csrs mie, a0
        li s0, POLL_LIMIT
1:      csrr a0, mip
        andi a0, a0, MIP_MTIP
        bnez a0, 2f
        addi s0, s0, -1
        bnez s0, 1b
        j rvtest_fail
2:      CHECK_MCOUNT 0                  /* MIE = 0 in M: not taken */
        csrsi mstatus, MSTATUS_MIE
t4_irq:
        nop
        csrci mstatus, MSTATUS_MIE
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, INTR | IRQ_MTI
        CHECK_MEPC 0, t4_irq
        CHECK_MTVAL 0, 0
        csrr a0, mip                    /* still pending until mtimecmp is written */
        CHECK_MASK a0, MIP_MTIP, MIP_MTIP
        call timer_off
        csrr a0, mip
        CHECK_MASK a0, MIP_MTIP, 0

        TEST 5                          /* software interrupt through msip */
        li a2, CLINT_MSIP
        li a0, 1
        sw a0, 0(a2)
        lw a1, 0(a2)
        CHECK_EQ a1, 1
        csrr a0, mip
        CHECK_MASK a0, MIP_MSIP, MIP_MSIP
        li a0, MIP_MSIP
        csrs mie, a0
        CHECK_MCOUNT 0
        csrsi mstatus, MSTATUS_MIE
t5_irq:
        nop
        csrci mstatus, MSTATUS_MIE
        CHECK_ONE_M INTR | IRQ_MSI, t5_irq
        sw zero, 0(a2)
        csrr a0, mip
        CHECK_MASK a0, MIP_MSIP, 0

        TEST 6                          /* priority MSI > MTI > SEI (spec: MEI > MSI > MTI > SEI >
                                           SSI > STI). QEMU 7.2 without AIA takes the lowest-numbered
                                           pending interrupt first, which agrees with the spec only for
                                           these subsets, so only they are checked */
        call all_pending
        li a0, MIP_MSIP | MIP_MTIP | MIP_SEIP
        csrs mie, a0
        csrsi mstatus, MSTATUS_MIE
        nop
        csrci mstatus, MSTATUS_MIE
        CHECK_MCOUNT 3
        CHECK_MCAUSE 0, INTR | IRQ_MSI
        CHECK_MCAUSE 1, INTR | IRQ_MTI
        CHECK_MCAUSE 2, INTR | IRQ_SEI
        call all_clear

        TEST 15                         /* SSI > STI, in M */
        call all_pending
        li a0, MIP_SSIP | MIP_STIP
        csrs mie, a0
        csrsi mstatus, MSTATUS_MIE
        nop
        csrci mstatus, MSTATUS_MIE
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, INTR | IRQ_SSI
        CHECK_MCAUSE 1, INTR | IRQ_STI
        call all_clear

        TEST 7                          /* in S and U, M interrupts are on whatever MIE says */
        li a2, CLINT_MSIP
        li a0, 1
        sw a0, 0(a2)
        li a0, MIP_MSIP
        csrs mie, a0
        csrw mstatus, zero              /* MPIE = 0: MIE = 0 in S */
        RUN_IN PRV_S, s_spin
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, INTR | IRQ_MSI
        CHECK_MEPC 0, s_spin
        LOAD_M a0, 0, REC_STATUS
        CHECK_MASK a0, MSTATUS_MPP | MSTATUS_MPIE, PRV_S << 11
        CHECK_MCAUSE 1, CAUSE_ECALL_S
        li a0, MIP_MSIP
        csrs mie, a0
        RUN_IN PRV_U, s_spin
        CHECK_MCOUNT 4
        CHECK_MCAUSE 2, INTR | IRQ_MSI
        CHECK_MCAUSE 3, CAUSE_ECALL_U
        sw zero, 0(a2)

        TEST 8                          /* STIP set by M, delegated: taken in S with SIE */
        li a0, MIP_STIP | MIP_SSIP
        csrw mideleg, a0
        li a0, MIP_STIP
        csrs mip, a0
        csrs mie, a0
        csrsi mstatus, MSTATUS_MIE      /* a delegated interrupt is never taken in M */
        nop
        csrci mstatus, MSTATUS_MIE
        CHECK_MCOUNT 0
        csrsi mstatus, MSTATUS_SIE
        nop
        CHECK_MCOUNT 0
        CHECK_SCOUNT 0
        RUN_IN PRV_S, s_spin            /* SIE = 1 in S: taken */
        CHECK_SCOUNT 1
        CHECK_SCAUSE 0, INTR | IRQ_STI
        CHECK_SEPC 0, s_spin
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_S
        csrr a0, sip                    /* STIP visible in sip */
        CHECK_MASK a0, MIP_STIP, MIP_STIP
        li a0, MIP_STIP
        csrc mip, a0

        TEST 9                          /* delegated, SIE = 0 in S: not taken */
        csrw mstatus, zero
        li a0, MIP_SSIP
        csrs mip, a0
        csrs mie, a0
        RUN_IN PRV_S, s_spin
        CHECK_SCOUNT 0
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_S

        TEST 10                         /* ... but in U it is taken whatever SIE says */
        RUN_IN PRV_U, s_spin
        CHECK_SCOUNT 1
        CHECK_SCAUSE 0, INTR | IRQ_SSI
        CHECK_SEPC 0, s_spin
        LOAD_S a0, 0, REC_STATUS
        CHECK_MASK a0, MSTATUS_SPP, 0
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U
        li a0, MIP_SSIP
        csrc mip, a0

        TEST 11                         /* S priority SSI > STI; stvec vectored: base + 4 * cause */
        la a0, pv_svtable
        ori a0, a0, 1
        csrw stvec, a0
        li a0, MIP_SSIP | MIP_STIP
        csrs mip, a0
        csrs mie, a0
        RUN_IN PRV_U, s_spin
        CHECK_SCOUNT 2
        CHECK_SCAUSE 0, INTR | IRQ_SSI
        CHECK_SCAUSE 1, INTR | IRQ_STI
        LOAD_S a0, 0, REC_VEC
        CHECK_EQ a0, IRQ_SSI
        LOAD_S a0, 1, REC_VEC
        CHECK_EQ a0, IRQ_STI
        li a0, MIP_SSIP | MIP_STIP
        csrc mip, a0
        csrw mideleg, zero
        SET_STVEC

        TEST 12                         /* an undelegated S-level interrupt goes to M, even from S */
        li a0, MIP_SSIP
        csrs mip, a0
        csrs mie, a0
        RUN_IN PRV_S, s_spin
        CHECK_SCOUNT 0
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, INTR | IRQ_SSI
        CHECK_MCAUSE 1, CAUSE_ECALL_S
        li a0, MIP_SSIP
        csrc mip, a0

        TEST 13                         /* wfi wakes on a pending enabled interrupt with MIE = 0 */
        csrw mstatus, zero
        call read_mtime
        addi a2, a0, 200
        sltu a3, a2, a0
        add a1, a1, a3
        mv a0, a2
        call set_timecmp
        li a0, MIP_MTIP
        csrw mie, a0
        li s0, POLL_LIMIT / 8
1:      wfi                             /* may also return early: loop until MTIP */
        csrr a0, mip
        andi a0, a0, MIP_MTIP
        bnez a0, 2f
        addi s0, s0, -1
        bnez s0, 1b
        j rvtest_fail
2:      CHECK_MCOUNT 0
        csrw mie, zero
        call timer_off

        TEST 14                         /* wfi with an interrupt already pending returns at once */
        li a2, CLINT_MSIP
        li a0, 1
        sw a0, 0(a2)
        li a0, MIP_MSIP
        csrw mie, a0
        wfi
        CHECK_MCOUNT 0
        csrw mie, zero
        sw zero, 0(a2)

        RVTEST_PASS

s_spin:
        nop
        nop
        ecall

/* mtimecmp := a1:a0 without a spurious intermediate value */
set_timecmp:
        li t0, CLINT_MTIMECMP
        li t1, -1
        sw t1, 4(t0)
        sw a0, 0(t0)
        sw a1, 4(t0)
        ret
timer_off:
        li a0, -1
        li a1, -1
        j set_timecmp
/* a1:a0 := mtime */
read_mtime:
        li t0, CLINT_MTIME
1:      lw a1, 4(t0)
        lw a0, 0(t0)
        lw t1, 4(t0)
        bne a1, t1, 1b
        ret
all_pending:
        mv s2, ra
        li a0, 0
        li a1, 0
        call set_timecmp
        li t0, CLINT_MSIP
        li t1, 1
        sw t1, 0(t0)
        li t0, MIP_SEIP | MIP_SSIP | MIP_STIP
        csrs mip, t0
        mv ra, s2
        ret
all_clear:
        mv s2, ra
        call timer_off
        li t0, CLINT_MSIP
        sw zero, 0(t0)
        li t0, MIP_SEIP | MIP_SSIP | MIP_STIP
        csrc mip, t0
        csrw mie, zero
        mv ra, s2
        ret

RVTEST_CODE_END
PRIV_HARNESS
        .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
