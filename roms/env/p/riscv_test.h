/*
 * Test environment "p" for xipemu's guest tests: physical addresses, machine mode, one hart.
 *
 * Follows the conventions of the RISC-V ISA test environment (same macro names and symbols, so tests
 * written for it build here), implemented from scratch for this project:
 *   - `_start` is the first instruction of .text.init, which common/link.ld places at 0x8000_0000.
 *   - TESTNUM (gp, x3) holds the number of the running test case; 0 before the first one.
 *   - `tohost` / `fromhost`: 8-byte words in section .tohost (page-aligned by the linker script).
 *     Pass writes 1 to tohost; fail writes (TESTNUM << 1) | 1. A host watching tohost halts there.
 *   - Because QEMU ignores tohost, pass and fail then ALSO write the virt test finisher at 0x0010_0000:
 *     0x5555 for pass, (TESTNUM << 16) | 0x3333 for fail. So one ELF passes or fails the same way under
 *     QEMU (exit status = TESTNUM & 0xFF) and under xipemu (halt at the tohost write).
 *   - Any trap fails the test with the current TESTNUM (mcause, mepc and mtval are saved at
 *     rvtest_trap_cause / rvtest_trap_epc / rvtest_trap_tval first), unless:
 *       * the program defines a global `mtvec_handler`: every trap jumps there first, with all
 *         registers as the trapping code left them except t5 and t6 (x30, x31), which the vector uses;
 *         the handler either mrets itself or jumps to `rvtest_trap_unexpected` to fail;
 *       * the trap is an ecall (from U, S or M) with a7 == 93: the test exits with code a0
 *         (0 = pass, else fail with TESTNUM = a0), the usual "exit" convention for lower modes.
 *   - Tests run in M-mode with mstatus = 0 (interrupts off), medeleg = mideleg = 0, satp = 0, and, when
 *     the hart has PMP, PMP entry 0 = all of memory RWX so lower modes can reach RAM and devices.
 *   - `.option norvc` is in force after RVTEST_CODE_BEGIN: every instruction the test writes is a 32-bit
 *     encoding unless it turns `.option rvc` on itself (rv32uc does). `.option norelax` likewise.
 *   - RVTEST_FAIL/RVTEST_PASS never return. Test numbers must be 1..255 (QEMU reports only the low
 *     8 bits of the finisher code as its exit status); test_macros.h checks this at assembly time.
 *
 * Leaves out: multiple harts (only hart 0 runs; others would park), virtual memory (env "v").
 */
#ifndef XIPEMU_RISCV_TEST_H
#define XIPEMU_RISCV_TEST_H

#define TESTNUM gp

#define RVTEST_FINISHER_BASE 0x00100000
#define RVTEST_FINISHER_PASS 0x5555
#define RVTEST_FINISHER_FAIL 0x3333

#define RVTEST_EXIT_ECALL_A7 93

/* Which ISA the test needs: kept for source compatibility; everything runs in M-mode here. */
#define RVTEST_RV32U
#define RVTEST_RV32UF
#define RVTEST_RV32M
#define RVTEST_RV32S
#define RVTEST_RV64U
#define RVTEST_RV64M

#define RVTEST_CODE_BEGIN                                                       \
        .option norelax;                                                        \
        .option norvc;                                                          \
        .section .text.init, "ax", @progbits;                                   \
        .globl _start;                                                          \
_start:                                                                         \
        j rvtest_reset;                                                         \
                                                                                \
        .balign 4;                                                              \
        .globl rvtest_trap_vector;                                              \
rvtest_trap_vector:                                                             \
        /* A test's own handler, if linked in, sees every trap first. */        \
        lui t5, %hi(mtvec_handler);                                             \
        addi t5, t5, %lo(mtvec_handler);                                        \
        beqz t5, 1f;                                                            \
        jr t5;                                                                  \
1:      csrr t5, mcause;                                                        \
        li t6, 8;  beq t5, t6, 2f;       /* ecall from U */                     \
        li t6, 9;  beq t5, t6, 2f;       /* ecall from S */                     \
        li t6, 11; beq t5, t6, 2f;       /* ecall from M */                     \
        j rvtest_trap_unexpected;                                               \
2:      li t6, RVTEST_EXIT_ECALL_A7;                                            \
        bne a7, t6, rvtest_trap_unexpected;                                     \
        mv TESTNUM, a0;                                                         \
        bnez TESTNUM, rvtest_fail;                                              \
        j rvtest_pass;                                                          \
                                                                                \
        .globl rvtest_trap_unexpected;                                          \
rvtest_trap_unexpected:                                                         \
        la t6, rvtest_trap_cause;                                               \
        csrr t5, mcause; sw t5, 0(t6);                                          \
        csrr t5, mepc;   sw t5, 4(t6);                                          \
        csrr t5, mtval;  sw t5, 8(t6);                                          \
        j rvtest_fail;                                                          \
                                                                                \
        .globl rvtest_pass;                                                     \
rvtest_pass:                                                                    \
        fence;                                                                  \
        li TESTNUM, 1;                                                          \
        la t5, tohost;                                                          \
        sw TESTNUM, 0(t5);                                                      \
        sw zero, 4(t5);                                                         \
        li t5, RVTEST_FINISHER_BASE;                                            \
        li t6, RVTEST_FINISHER_PASS;                                            \
        sw t6, 0(t5);                                                           \
1:      j 1b;                                                                   \
                                                                                \
        .globl rvtest_fail;                                                     \
rvtest_fail:                                                                    \
        fence;                                                                  \
        /* A failure must never read as a pass: test "0" reports as 255. */     \
        bnez TESTNUM, 1f;                                                       \
        li TESTNUM, 255;                                                        \
1:      slli t6, TESTNUM, 1;                                                    \
        ori t6, t6, 1;                                                          \
        la t5, tohost;                                                          \
        sw t6, 0(t5);                                                           \
        sw zero, 4(t5);                                                         \
        slli t6, TESTNUM, 16;                                                   \
        li t5, RVTEST_FINISHER_FAIL;                                            \
        or t6, t6, t5;                                                          \
        li t5, RVTEST_FINISHER_BASE;                                            \
        sw t6, 0(t5);                                                           \
1:      j 1b;                                                                   \
                                                                                \
rvtest_reset:                                                                   \
        /* Only hart 0 runs the test. */                                        \
        csrr t0, mhartid;                                                       \
1:      bnez t0, 1b;                                                            \
        RVTEST_CLEAR_XREGS;                                                     \
        /* PMP may be absent: skip its CSRs if they trap. */                    \
        la t0, 1f;                                                              \
        csrw mtvec, t0;                                                         \
        li t0, -1;                                                              \
        csrw pmpaddr0, t0;                                                      \
        li t0, 0x1f;             /* NAPOT, R W X */                             \
        csrw pmpcfg0, t0;                                                       \
        .balign 4;                                                              \
1:      la t0, 1f;                                                              \
        csrw mtvec, t0;                                                         \
        csrwi satp, 0;                                                          \
        .balign 4;                                                              \
1:      la t0, rvtest_trap_vector;                                              \
        csrw mtvec, t0;                                                         \
        csrwi mstatus, 0;                                                       \
        csrwi mie, 0;                                                           \
        csrwi mip, 0;                                                           \
        csrwi medeleg, 0;                                                       \
        csrwi mideleg, 0;                                                       \
        csrwi mscratch, 0;                                                      \
        li TESTNUM, 0;                                                          \
        .globl rvtest_body;                                                     \
rvtest_body:

#define RVTEST_CLEAR_XREGS                                                      \
        li x1, 0;  li x2, 0;  li x3, 0;  li x4, 0;  li x5, 0;  li x6, 0;        \
        li x7, 0;  li x8, 0;  li x9, 0;  li x10, 0; li x11, 0; li x12, 0;       \
        li x13, 0; li x14, 0; li x15, 0; li x16, 0; li x17, 0; li x18, 0;       \
        li x19, 0; li x20, 0; li x21, 0; li x22, 0; li x23, 0; li x24, 0;       \
        li x25, 0; li x26, 0; li x27, 0; li x28, 0; li x29, 0; li x30, 0;       \
        li x31, 0

/* Falling off the end of the test body is a failure (a test must say RVTEST_PASS). */
#define RVTEST_CODE_END                                                         \
        j rvtest_fail

#define RVTEST_PASS                                                             \
        j rvtest_pass

/* Fails with the current TESTNUM (a nonzero number is guaranteed by rvtest_fail). */
#define RVTEST_FAIL                                                             \
        j rvtest_fail

#define RVTEST_DATA_BEGIN                                                       \
        .pushsection .tohost, "aw", @progbits;                                  \
        .balign 64;                                                             \
        .globl tohost;                                                          \
tohost: .dword 0;                                                               \
        .size tohost, 8;                                                        \
        .balign 64;                                                             \
        .globl fromhost;                                                        \
fromhost: .dword 0;                                                             \
        .size fromhost, 8;                                                      \
        .popsection;                                                            \
        .pushsection .data.rvtest_trap, "aw", @progbits;                        \
        .balign 4;                                                              \
        .globl rvtest_trap_cause;                                               \
rvtest_trap_cause: .word 0;                                                     \
        .globl rvtest_trap_epc;                                                 \
rvtest_trap_epc:   .word 0;                                                     \
        .globl rvtest_trap_tval;                                                \
rvtest_trap_tval:  .word 0;                                                     \
        .popsection;                                                            \
        .data;                                                                  \
        .balign 16;                                                             \
        .globl begin_signature;                                                 \
begin_signature:

#define RVTEST_DATA_END                                                         \
        .balign 16;                                                             \
        .globl end_signature;                                                   \
end_signature:

#endif
