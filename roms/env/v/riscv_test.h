/*
 * Test environment "v" for xipemu's guest tests: the test body runs in U-mode at a virtual address,
 * under a small S-mode kernel that demand-pages it with Sv32. Written for this project; it follows the
 * conventions of the RISC-V ISA test environment "v" (same macro names as env "p", TESTNUM = gp,
 * `tohost`/`fromhost`, pass = 1, fail = (TESTNUM << 1) | 1), so a body that builds with env p builds
 * here unchanged (put env/v before env/p on the include path; test_macros.h comes from env/p).
 *
 * Boot, in M-mode at 0x8000_0000 (physical): PMP entry 0 = all memory RWX (skipped if PMP traps),
 * page tables built, medeleg = {ecall from U, instruction/load/store page faults}, mideleg = 0,
 * satp = Sv32, then mret into the S-mode kernel. Any trap that reaches M is fatal (reported as fail
 * code 254 = 0xfe).
 *
 * Address space (one root table, two level-0 tables):
 *   0x8000_0000 ... 4 MiB superpage, identity, RWX, not U: the kernel (the whole image, running in S).
 *   0x0040_0000 ... the user window: image byte at physical 0x8000_0000 + x appears at VA
 *                   0x0040_0000 + x (code uses pc-relative addressing only, as la/call do under
 *                   -mcmodel=medany). Nothing is mapped there at first: every page fault from U inside
 *                   the image's range takes a fresh frame from a pool after the image, copies the
 *                   image page into it and maps it U+RWX (A and D preset). Any other fault fails
 *                   with code 253. The kernel counts the faults in vm_fault_count.
 *   0x00C0_0000     the page of `tohost` (S, RW): the kernel reports through this alias, so a host
 *                   that watches tohost's physical address sees the write made through translation.
 *   0x00C0_1000     the test finisher page (0x0010_0000, S, RW), for QEMU.
 *
 * The body reports with RVTEST_PASS / RVTEST_FAIL, which ecall the kernel with a7 = 93 (exit) and
 * a0 = 0 or TESTNUM (a failing TESTNUM 0 reports as 255). The kernel writes tohost, then the finisher.
 */
#ifndef XIPEMU_RISCV_TEST_H
#define XIPEMU_RISCV_TEST_H

#define TESTNUM gp

#define RVTEST_FINISHER_BASE 0x00100000
#define RVTEST_FINISHER_PASS 0x5555
#define RVTEST_FINISHER_FAIL 0x3333
#define RVTEST_EXIT_ECALL_A7 93

#define VM_USER_BASE    0x00400000
#define VM_TOHOST_VA    0x00C00000
#define VM_FINISHER_VA  0x00C01000
#define VM_IMAGE_BASE   0x80000000
#define VM_FRAMES       64

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
        j vm_reset;                                                             \
        VM_KERNEL;                                                              \
        .balign 4;                                                              \
        .globl rvtest_body;                                                     \
rvtest_body:                                                                    \
        li TESTNUM, 0

#define RVTEST_CODE_END                                                         \
        j rvtest_fail;                                                          \
        .globl rvtest_pass;                                                     \
rvtest_pass:                                                                    \
        li a0, 0;                                                               \
        li a7, RVTEST_EXIT_ECALL_A7;                                            \
        ecall;                                                                  \
1:      j 1b;                                                                   \
        .globl rvtest_fail;                                                     \
rvtest_fail:                                                                    \
        mv a0, TESTNUM;                                                         \
        bnez a0, 2f;                                                            \
        li a0, 255;                                                             \
2:      li a7, RVTEST_EXIT_ECALL_A7;                                            \
        ecall;                                                                  \
3:      j 3b

#define RVTEST_PASS                                                             \
        j rvtest_pass

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
        .pushsection .bss.vm, "aw", @nobits;                                    \
        .balign 4096;                                                           \
vm_pt_root:   .space 4096;                                                      \
vm_pt_user:   .space 4096;                                                      \
vm_pt_io:     .space 4096;                                                      \
vm_frames:    .space VM_FRAMES * 4096;                                          \
        .balign 4;                                                              \
        .globl vm_fault_count;                                                  \
vm_fault_count: .word 0;                                                        \
vm_next_frame:  .word 0;                                                        \
vm_save:      .space 64;                                                        \
        .popsection;                                                            \
        .data;                                                                  \
        .balign 16;                                                             \
        .globl begin_signature;                                                 \
begin_signature:

#define RVTEST_DATA_END                                                         \
        .balign 16;                                                             \
        .globl end_signature;                                                   \
end_signature:

/* PTE of the page holding physical address in register `pa` with flags; result in `rd`. */
#define VM_PTE(rd, pa, flags)                                                   \
        srli rd, pa, 12;                                                        \
        slli rd, rd, 10;                                                        \
        ori rd, rd, (flags)

        /* The M-mode boot stub and the S-mode kernel. */
        .macro VM_KERNEL
vm_reset:
        csrr t0, mhartid
1:      bnez t0, 1b
        la t0, 1f
        csrw mtvec, t0
        li t0, -1
        csrw pmpaddr0, t0
        li t0, 0x1f
        csrw pmpcfg0, t0
        .balign 4
1:      la t0, vm_mtrap
        csrw mtvec, t0
        csrwi mstatus, 0
        csrwi mie, 0
        csrwi mideleg, 0
        li t0, (1 << 8) | (1 << 12) | (1 << 13) | (1 << 15)
        csrw medeleg, t0
        /* page tables (the .bss they live in is not loaded: clear it) */
        la t0, vm_pt_root
        li t1, 3 * 4096
        add t1, t1, t0
2:      sw zero, 0(t0)
        addi t0, t0, 4
        bltu t0, t1, 2b
        la t0, vm_pt_root
        li t1, ((VM_IMAGE_BASE >> 12) << 10) | 0xcf      /* V R W X A D */
        li t2, (VM_IMAGE_BASE >> 22) * 4
        add t2, t2, t0
        sw t1, 0(t2)
        la t1, vm_pt_user
        VM_PTE(t1, t1, 0x1)
        sw t1, ((VM_USER_BASE >> 22) * 4)(t0)
        la t1, vm_pt_io
        VM_PTE(t1, t1, 0x1)
        sw t1, ((VM_TOHOST_VA >> 22) * 4)(t0)
        la t0, vm_pt_io
        la t1, tohost
        VM_PTE(t1, t1, 0xc7)                            /* V R W A D */
        sw t1, (((VM_TOHOST_VA >> 12) & 0x3ff) * 4)(t0)
        li t1, RVTEST_FINISHER_BASE
        VM_PTE(t1, t1, 0xc7)
        sw t1, (((VM_FINISHER_VA >> 12) & 0x3ff) * 4)(t0)
        la t0, vm_fault_count
        sw zero, 0(t0)
        la t1, vm_frames
        sw t1, 4(t0)                                    /* vm_next_frame */
        la t0, vm_pt_root
        srli t0, t0, 12
        li t1, 0x80000000
        or t0, t0, t1
        csrw satp, t0
        sfence.vma
        la t0, vm_strap
        csrw stvec, t0
        la t0, vm_save
        csrw sscratch, t0
        la t0, vm_kernel_entry
        csrw mepc, t0
        li t0, 1 << 11                                  /* MPP = S */
        csrw mstatus, t0
        mret

        /* Anything that reaches M is fatal: report 254 physically. */
        .balign 4
vm_mtrap:
        la t0, tohost
        li t1, (254 << 1) | 1
        sw t1, 0(t0)
        sw zero, 4(t0)
        li t0, RVTEST_FINISHER_BASE
        li t1, (254 << 16) | RVTEST_FINISHER_FAIL
        sw t1, 0(t0)
1:      j 1b

        /* S-mode, identity-mapped: start the body in U at its user VA. */
vm_kernel_entry:
        la t0, rvtest_body
        li t1, VM_IMAGE_BASE - VM_USER_BASE
        sub t0, t0, t1
        csrw sepc, t0
        csrwi sstatus, 0                                /* SPP = U, SPIE = 0, SUM = 0 */
        li t0, 0
        sret

        .balign 4
vm_strap:
        csrrw t6, sscratch, t6                          /* t6 = save area */
        sw t0, 0(t6)
        sw t1, 4(t6)
        sw t2, 8(t6)
        sw t3, 12(t6)
        sw t4, 16(t6)
        sw t5, 20(t6)
        csrr t0, scause
        li t1, 8
        beq t0, t1, vm_ecall
        li t1, 12
        beq t0, t1, vm_pf
        li t1, 13
        beq t0, t1, vm_pf
        li t1, 15
        beq t0, t1, vm_pf
        li a0, 252                                      /* unexpected trap */
        j vm_exit

vm_pf:  /* demand paging: only first touches of the image, from U */
        csrr t0, sstatus
        andi t0, t0, 0x100                              /* SPP */
        bnez t0, vm_bad_fault
        csrr t0, stval
        li t1, VM_USER_BASE
        bltu t0, t1, vm_bad_fault
        la t2, _end
        li t3, VM_IMAGE_BASE - VM_USER_BASE
        sub t2, t2, t3                                  /* user VA of the image's end */
        bgeu t0, t2, vm_bad_fault
        srli t0, t0, 12
        andi t1, t0, 0x3ff
        slli t1, t1, 2
        la t2, vm_pt_user
        add t1, t1, t2                                  /* t1 = &PTE */
        lw t2, 0(t1)
        bnez t2, vm_bad_fault                           /* already mapped: a real fault */
        la t3, vm_next_frame
        lw t2, 0(t3)                                    /* t2 = frame */
        la t4, vm_frames + VM_FRAMES * 4096
        bgeu t2, t4, vm_bad_fault                       /* out of frames */
        addi t4, t2, 2047
        addi t4, t4, 2047
        addi t4, t4, 2
        sw t4, 0(t3)
        slli t0, t0, 12                                 /* page VA */
        li t3, VM_IMAGE_BASE - VM_USER_BASE
        add t0, t0, t3                                  /* its physical source */
        mv t3, t2
        li t5, 1024
1:      lw t4, 0(t0)
        sw t4, 0(t3)
        addi t0, t0, 4
        addi t3, t3, 4
        addi t5, t5, -1
        bnez t5, 1b
        VM_PTE(t2, t2, 0xdf)                            /* V R W X U A D */
        sw t2, 0(t1)
        csrr t0, stval
        sfence.vma t0, zero
        la t0, vm_fault_count
        lw t1, 0(t0)
        addi t1, t1, 1
        sw t1, 0(t0)
        lw t0, 0(t6)
        lw t1, 4(t6)
        lw t2, 8(t6)
        lw t3, 12(t6)
        lw t4, 16(t6)
        lw t5, 20(t6)
        csrrw t6, sscratch, t6
        sret

vm_bad_fault:
        li a0, 253
        j vm_exit

vm_ecall:
        li t1, RVTEST_EXIT_ECALL_A7
        beq a7, t1, vm_exit
        li a0, 252
        /* fall through */
vm_exit: /* a0 = 0: pass, else fail code. Through the virtual aliases. */
        li t0, VM_TOHOST_VA
        la t1, tohost
        slli t1, t1, 20
        srli t1, t1, 20                                 /* tohost's offset in its page */
        add t0, t0, t1
        slli t1, a0, 1
        ori t1, t1, 1
        sw t1, 0(t0)
        sw zero, 4(t0)
        li t0, VM_FINISHER_VA
        li t1, RVTEST_FINISHER_PASS
        beqz a0, 1f
        slli t1, a0, 16
        li t2, RVTEST_FINISHER_FAIL
        or t1, t1, t2
1:      sw t1, 0(t0)
2:      j 2b
        .endm

#endif
