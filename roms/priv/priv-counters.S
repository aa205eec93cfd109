/*
 * priv-counters: Zicntr cycle/time/instret access per mcounteren/scounteren, writable mcycle/minstret
 * (low and high halves), mcountinhibit, and time against the CLINT's mtime. See README.md.
 */
#include "priv.h"

RVTEST_RV32M
RVTEST_CODE_BEGIN
        SET_STVEC

        TEST 1                          /* mcounteren = 0: S and U may not read any counter */
        csrw mcounteren, zero
        csrw scounteren, zero
        RUN_IN PRV_S, rd_counters
        CHECK_MCOUNT 7
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MEPC 0, rd_cycle
        CHECK_MCAUSE 1, CAUSE_ILLEGAL
        CHECK_MEPC 1, rd_time
        CHECK_MCAUSE 2, CAUSE_ILLEGAL
        CHECK_MEPC 2, rd_instret
        CHECK_MCAUSE 6, CAUSE_ECALL_S

        TEST 2
        RUN_IN PRV_U, rd_counters
        CHECK_MCOUNT 7
        CHECK_MCAUSE 0, CAUSE_ILLEGAL
        CHECK_MCAUSE 5, CAUSE_ILLEGAL
        CHECK_MCAUSE 6, CAUSE_ECALL_U

        TEST 3                          /* mcounteren = 7, scounteren = 0: S yes, U no */
        li a0, 7
        csrw mcounteren, a0
        RUN_IN PRV_S, rd_counters
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_S
        RUN_IN PRV_U, rd_counters
        CHECK_MCOUNT 8
        CHECK_MCAUSE 1, CAUSE_ILLEGAL
        CHECK_MEPC 1, rd_cycle
        CHECK_MCAUSE 7, CAUSE_ECALL_U

        TEST 4                          /* both 7: U yes */
        li a0, 7
        csrw scounteren, a0
        RUN_IN PRV_U, rd_counters
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U
        lw a0, t_seen
        bnez a0, 1f                     /* the time value read in U is not 0 */
        j rvtest_fail
1:

        TEST 5                          /* one bit each: mcounteren = TM only */
        li a0, 2
        csrw mcounteren, a0
        RUN_IN PRV_S, rd_counters
        CHECK_MCOUNT 5
        CHECK_MEPC 0, rd_cycle
        CHECK_MEPC 1, rd_instret
        CHECK_MEPC 2, rd_cycleh
        CHECK_MEPC 3, rd_instreth
        CHECK_MCAUSE 4, CAUSE_ECALL_S

        TEST 6                          /* scounteren = IR only, mcounteren = 7: U reads instret */
        li a0, 7
        csrw mcounteren, a0
        li a0, 4
        csrw scounteren, a0
        RUN_IN PRV_U, rd_counters
        CHECK_MCOUNT 5
        CHECK_MEPC 0, rd_cycle
        CHECK_MEPC 1, rd_time
        CHECK_MEPC 2, rd_cycleh
        CHECK_MEPC 3, rd_timeh
        csrw mcounteren, zero
        csrw scounteren, zero

        TEST 7                          /* counteren registers read back */
        li a0, 5
        csrw mcounteren, a0
        csrr a1, mcounteren
        CHECK_MASK a1, 7, 5
        csrw mcounteren, zero

        TEST 8                          /* mcycle: write, read back (>= written, close to it) */
        csrw mcountinhibit, zero
        csrw mcycleh, zero
        li a0, 0x10000
        csrw mcycle, a0
        csrr a1, mcycle
        li a2, 0x10000
        bgeu a1, a2, 1f
        j rvtest_fail
1:      li a2, 0x10000 + 0x01000000
        bltu a1, a2, 1f
        j rvtest_fail
1:      csrr a1, mcycleh
        CHECK_EQ a1, 0

        TEST 9                          /* high halves */
        csrw mcycle, zero
        li a0, 0x1234
        csrw mcycleh, a0
        csrr a1, mcycleh
        CHECK_EQ a1, 0x1234
        csrr a1, cycleh                 /* the unprivileged alias */
        CHECK_EQ a1, 0x1234
        csrw minstret, zero
        li a0, 0x4321
        csrw minstreth, a0
        csrr a1, minstreth
        CHECK_EQ a1, 0x4321
        csrr a1, instreth
        CHECK_EQ a1, 0x4321

        TEST 10                         /* minstret: write, read back */
        csrw minstreth, zero
        li a0, 0x20000
        csrw minstret, a0
        csrr a1, minstret
        li a2, 0x20000
        bgeu a1, a2, 1f
        j rvtest_fail
1:      li a2, 0x20000 + 0x01000000
        bltu a1, a2, 1f
        j rvtest_fail
1:

        TEST 11                         /* counters count up */
        csrr a0, cycle
        csrr s0, instret
        li t0, 100
1:      addi t0, t0, -1
        bnez t0, 1b
        csrr a1, cycle
        csrr s1, instret
        bltu a0, a1, 1f
        j rvtest_fail
1:      bltu s0, s1, 1f
        j rvtest_fail
1:

        TEST 12                         /* mcountinhibit CY|IR: counters hold their value */
        li a0, 5
        csrw mcountinhibit, a0
        csrr a1, mcountinhibit
        CHECK_MASK a1, 5, 5
        li a0, 1000
        csrw mcycle, a0
        li a0, 2000
        csrw minstret, a0
        li t0, 50
1:      addi t0, t0, -1
        bnez t0, 1b
        csrr a1, mcycle
        CHECK_EQ a1, 1000
        csrr a1, minstret
        CHECK_EQ a1, 2000
        csrw mcountinhibit, zero
        li t0, 50
1:      addi t0, t0, -1
        bnez t0, 1b
        csrr a1, mcycle
        li a2, 1000
        bltu a2, a1, 1f
        j rvtest_fail
1:

        TEST 13                         /* time == mtime, both monotonic */
        li s2, 20
2:      li t0, CLINT_MTIME
        lw a0, 0(t0)
        csrr a1, time
        lw a2, 0(t0)
        sltu a3, a1, a0                 /* a0 <= a1 <= a2 (low halves; retry across a carry) */
        sltu a4, a2, a1
        or a3, a3, a4
        bltu a2, a0, 3f
        beqz a3, 3f
        j rvtest_fail
3:      csrr a4, timeh
        lw a5, 4(t0)
        CHECK_REQ a4, a5
        addi s2, s2, -1
        bnez s2, 2b

        RVTEST_PASS

rd_counters:
rd_cycle:
        csrr a0, cycle
rd_time:
        csrr a1, time
        sw a1, t_seen, t6
rd_instret:
        csrr a2, instret
rd_cycleh:
        csrr a0, cycleh
rd_timeh:
        csrr a1, timeh
rd_instreth:
        csrr a2, instreth
        ecall

RVTEST_CODE_END
PRIV_HARNESS
        .data
t_seen: .word 0
RVTEST_DATA_BEGIN
RVTEST_DATA_END
