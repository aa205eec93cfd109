/*
 * Test-case macros for the "p" environment (riscv_test.h). Each case:
 *   1. sets TESTNUM (gp) to its number n (1..255, checked at assembly time; a duplicate number is an
 *      assembly error because every case defines the label test_<n>),
 *   2. loads its operands, runs the instruction(s) under test,
 *   3. compares one register with the expected value (held in t6 = x31) and jumps to rvtest_fail
 *      on a mismatch, so the test reports n.
 *
 * Register roles: rd = a0 (x10), rs1 = a1 (x11), rs2 = a2 (x12), expected = t6 (x31); the
 * *_HIGHREGS variants use x29/x30/x28 instead so that every bit of the register fields is exercised.
 * A case must not keep its result in t6. Operands are assembler expressions (`li` accepts any 32-bit
 * value), so write the edge values literally: 0x80000000, -1, 0x7fffffff.
 *
 * Jumps to rvtest_fail use `j` (±1 MiB), never a conditional branch, so test bodies may be any size.
 */
#ifndef XIPEMU_TEST_MACROS_H
#define XIPEMU_TEST_MACROS_H

#define TEST_BEGIN(n)                                                           \
        .if ((n) < 1) || ((n) > 255);                                           \
        .error "test numbers must be 1..255";                                   \
        .endif;                                                                 \
test_ ## n:                                                                     \
        li TESTNUM, n

#define TEST_EXPECT(n, reg, val)                                                \
        li t6, val;                                                             \
        beq reg, t6, test_ ## n ## _ok;                                         \
        j rvtest_fail;                                                          \
test_ ## n ## _ok:

/* The general form: run `code` (instructions separated by ';'), then expect reg == val. */
#define TEST_CASE(n, reg, val, code...)                                         \
        TEST_BEGIN(n);                                                          \
        code;                                                                   \
        TEST_EXPECT(n, reg, val)

/* ---- register-register ALU ops: inst rd, rs1, rs2 ---- */

#define TEST_RR_OP(n, inst, result, v1, v2)                                     \
        TEST_CASE(n, a0, result, li a1, v1; li a2, v2; inst a0, a1, a2)

#define TEST_RR_SRC1_EQ_DEST(n, inst, result, v1, v2)                           \
        TEST_CASE(n, a1, result, li a1, v1; li a2, v2; inst a1, a1, a2)

#define TEST_RR_SRC2_EQ_DEST(n, inst, result, v1, v2)                           \
        TEST_CASE(n, a2, result, li a1, v1; li a2, v2; inst a2, a1, a2)

#define TEST_RR_SRC12_EQ_DEST(n, inst, result, v)                               \
        TEST_CASE(n, a1, result, li a1, v; inst a1, a1, a1)

#define TEST_RR_HIGHREGS(n, inst, result, v1, v2)                               \
        TEST_CASE(n, x29, result, li x30, v1; li x28, v2; inst x29, x30, x28)

#define TEST_RR_ZEROSRC1(n, inst, result, v2)                                   \
        TEST_CASE(n, a0, result, li a2, v2; inst a0, x0, a2)

#define TEST_RR_ZEROSRC2(n, inst, result, v1)                                   \
        TEST_CASE(n, a0, result, li a1, v1; inst a0, a1, x0)

/* Writing x0 must leave it zero. */
#define TEST_RR_ZERODEST(n, inst, v1, v2)                                       \
        TEST_CASE(n, x0, 0, li a1, v1; li a2, v2; inst x0, a1, a2)

/* ---- register-immediate ALU ops: inst rd, rs1, imm ---- */

#define TEST_IMM_OP(n, inst, result, v1, imm)                                   \
        TEST_CASE(n, a0, result, li a1, v1; inst a0, a1, imm)

#define TEST_IMM_SRC1_EQ_DEST(n, inst, result, v1, imm)                         \
        TEST_CASE(n, a1, result, li a1, v1; inst a1, a1, imm)

#define TEST_IMM_HIGHREGS(n, inst, result, v1, imm)                             \
        TEST_CASE(n, x29, result, li x30, v1; inst x29, x30, imm)

#define TEST_IMM_ZEROSRC1(n, inst, result, imm)                                 \
        TEST_CASE(n, a0, result, inst a0, x0, imm)

#define TEST_IMM_ZERODEST(n, inst, v1, imm)                                     \
        TEST_CASE(n, x0, 0, li a1, v1; inst x0, a1, imm)

/* ---- conditional branches: inst rs1, rs2, target ---- */

/* Taken both forwards and backwards; falling through either time fails. */
#define TEST_BR_TAKEN(n, inst, v1, v2)                                          \
        TEST_BEGIN(n);                                                          \
        li a1, v1;                                                              \
        li a2, v2;                                                              \
        inst a1, a2, test_ ## n ## _fwd;                                        \
        j rvtest_fail;                                                          \
test_ ## n ## _back:                                                            \
        j test_ ## n ## _done;                                                  \
test_ ## n ## _fwd:                                                             \
        inst a1, a2, test_ ## n ## _back;                                       \
        j rvtest_fail;                                                          \
test_ ## n ## _done:

/* Not taken, with both a forward and a backward target that would fail. */
#define TEST_BR_NOT_TAKEN(n, inst, v1, v2)                                      \
        TEST_BEGIN(n);                                                          \
        li a1, v1;                                                              \
        li a2, v2;                                                              \
        j test_ ## n ## _start;                                                 \
test_ ## n ## _bad:                                                             \
        j rvtest_fail;                                                          \
test_ ## n ## _start:                                                           \
        inst a1, a2, test_ ## n ## _bad;                                        \
        inst a1, a2, test_ ## n ## _bad2;                                       \
        j test_ ## n ## _done;                                                  \
test_ ## n ## _bad2:                                                            \
        j rvtest_fail;                                                          \
test_ ## n ## _done:

/* ---- loads and stores: base is a data symbol, offset a 12-bit signed immediate ---- */

#define TEST_LD(n, inst, result, offset, base)                                  \
        TEST_CASE(n, a0, result, la a1, base; inst a0, offset(a1))

/* The loaded value replaces the base register. */
#define TEST_LD_DEST_EQ_BASE(n, inst, result, offset, base)                     \
        TEST_CASE(n, a1, result, la a1, base; inst a1, offset(a1))

/* Store `value`, load it back with `ldinst`, expect `result` (the load's extension of it). */
#define TEST_ST(n, ldinst, stinst, result, value, offset, base)                 \
        TEST_CASE(n, a0, result, la a1, base; li a2, value;                     \
                  stinst a2, offset(a1); ldinst a0, offset(a1))

#endif

/*
 * ---- Expected traps (optional) ----
 * A test that provokes traps puts TEST_TRAP_HANDLER after RVTEST_CODE_END (it defines mtvec_handler)
 * and TEST_TRAP_DATA inside its data. TEST_TRAP_ARM(resume) makes the next trap record mcause and
 * mtval in rvtest_xtrap and resume at `resume` instead of failing; the handler disarms itself, so a
 * second trap, or any trap while disarmed, still fails the test. After the resume point,
 * TEST_TRAP_TAKEN(reg) sets reg to 1 if the armed trap happened (0 if the code ran without one) and
 * disarms; the cause and tval are then at rvtest_xtrap+4 and +8.
 * Uses t5/t6 in the handler and a3 to address rvtest_xtrap.
 */
#define TEST_TRAP_ARM(resume)                                                   \
        la a3, rvtest_xtrap;                                                    \
        la t6, resume;                                                          \
        sw t6, 12(a3);                                                          \
        sw zero, 4(a3);                                                         \
        sw zero, 8(a3);                                                         \
        li t6, 1;                                                               \
        sw t6, 0(a3)

#define TEST_TRAP_TAKEN(reg)                                                    \
        la a3, rvtest_xtrap;                                                    \
        lw reg, 0(a3);                                                          \
        sw zero, 0(a3);                                                         \
        xori reg, reg, 1

/* Expect `code` to trap with mcause == cause and mtval == the value in register tvalreg. */
#define TEST_TRAP(n, cause, tvalreg, code...)                                   \
        TEST_BEGIN(n);                                                          \
        TEST_TRAP_ARM(test_ ## n ## _resume);                                   \
        code;                                                                   \
        j rvtest_fail;                                                          \
test_ ## n ## _resume:                                                          \
        TEST_TRAP_TAKEN(t6);                                                    \
        beqz t6, rvtest_fail_far_ ## n;                                         \
        lw t6, 4(a3);                                                           \
        addi t6, t6, -(cause);                                                  \
        bnez t6, rvtest_fail_far_ ## n;                                         \
        lw t6, 8(a3);                                                           \
        beq t6, tvalreg, test_ ## n ## _ok;                                     \
rvtest_fail_far_ ## n:                                                          \
        j rvtest_fail;                                                          \
test_ ## n ## _ok:

#define TEST_TRAP_HANDLER                                                       \
        .balign 4;                                                              \
        .globl mtvec_handler;                                                   \
mtvec_handler:                                                                  \
        la t5, rvtest_xtrap;                                                    \
        lw t6, 0(t5);                                                           \
        bnez t6, 1f;                                                            \
        j rvtest_trap_unexpected;                                               \
1:      sw zero, 0(t5);                                                         \
        csrr t6, mcause;                                                        \
        sw t6, 4(t5);                                                           \
        csrr t6, mtval;                                                         \
        sw t6, 8(t5);                                                           \
        lw t6, 12(t5);                                                          \
        csrw mepc, t6;                                                          \
        mret

#define TEST_TRAP_DATA                                                          \
        .balign 4;                                                              \
rvtest_xtrap: .word 0, 0, 0, 0     /* armed, mcause, mtval, resume address */

/* Expect `code` to trap with mcause == cause; mtval is not checked. */
#define TEST_TRAP_CAUSE(n, cause, code...)                                      \
        TEST_BEGIN(n);                                                          \
        TEST_TRAP_ARM(test_ ## n ## _resume);                                   \
        code;                                                                   \
        j rvtest_fail;                                                          \
test_ ## n ## _resume:                                                          \
        TEST_TRAP_TAKEN(t6);                                                    \
        beqz t6, rvtest_fail_far_ ## n;                                         \
        lw t6, 4(a3);                                                           \
        addi t6, t6, -(cause);                                                  \
        beqz t6, test_ ## n ## _ok;                                             \
rvtest_fail_far_ ## n:                                                          \
        j rvtest_fail;                                                          \
test_ ## n ## _ok:
