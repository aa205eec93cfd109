/*
 * The timed kernels of the microbenchmarks (roms/ubench/): every measured loop is here, in assembly, so
 * that its instruction sequence is fixed and documented (README.md gives each kernel's instructions per
 * iteration, which test/timing-*.test.ts uses to predict the cycles from a board profile).
 *
 * Conventions: leaf functions, no stack; each returns in a0 the mcycle difference across its timed region,
 * which holds nothing but the loop (no memory access other than the measured ones). The C drivers call a
 * kernel with n and with 2n iterations and report the difference, so the fixed cost of the region (the two
 * csrr, the loop entry and the final not-taken branch) cancels exactly: the reported figure is n times the
 * cost of one iteration in the steady state.
 *
 * All code is uncompressed (.option norvc: every instruction 4 bytes, so sizes and line counts are exact)
 * and each loop head is aligned to 64 bytes (the longest cache line of the profiles).
 */
        .option norvc
        .option norelax
        .text

/* QEMU's entry for the flash builds (link-flash.ld places .ramentry at 0x8000_0000; the RAM builds drop
 * it): jump to _start wherever it is linked. */
        .section .ramentry, "ax", @progbits
        lui t0, %hi(_start)
        jalr zero, %lo(_start)(t0)
        .text

/* Opens PMP entry 0 to all of memory (NAPOT, RWX) so that S-mode accesses (MPRV with MPP = S) are
 * allowed on a hart with PMP; a trap (no PMP) is ignored. Same guard as ub_probe. */
        .globl ub_pmp_open
        .balign 4
ub_pmp_open:
        csrr t2, mtvec
        la t0, 1f
        csrw mtvec, t0
        li t0, -1
        csrw pmpaddr0, t0
        li t0, 0x1f
        csrw pmpcfg0, t0
        .balign 4
1:      csrw mtvec, t2
        ret

/* uint32_t ub_probe(uint32_t addr): 1 if a word load at addr completes, 0 if it traps (access fault).
 * Swaps mtvec for the duration; the trap lands on the instruction after the load's slot. */
        .globl ub_probe
        .balign 4
ub_probe:
        csrr t2, mtvec
        la t0, 1f
        csrw mtvec, t0
        li a1, 1
        lw t1, 0(a0)
        j 2f
        .balign 4
1:      li a1, 0
2:      csrw mtvec, t2
        mv a0, a1
        ret

/* ---- chase: dependent loads ----
 * uint32_t ub_chase(uint32_t *p, uint32_t iters, uint32_t **pout)
 * Iteration: 8 x `lw a0, 0(a0)` (each of the first seven is followed by a load that reads its result),
 * `addi a1, a1, -1`, `bnez a1` (backward, taken). 10 instructions, 8 loads. *pout = where the chase stopped. */
        .globl ub_chase
        .balign 64
ub_chase:
        csrr t0, mcycle
        .balign 64
1:      lw a0, 0(a0)
        lw a0, 0(a0)
        lw a0, 0(a0)
        lw a0, 0(a0)
        lw a0, 0(a0)
        lw a0, 0(a0)
        lw a0, 0(a0)
        lw a0, 0(a0)
        addi a1, a1, -1
        bnez a1, 1b
        csrr t1, mcycle
        sw a0, 0(a2)
        sub a0, t1, t0
        ret

/* uint32_t ub_chase_ctrl(uint32_t iters): the chase loop with each load replaced by `addi a0, a0, 0`
 * (the zero-size control: same instruction count, no memory access). 10 instructions. */
        .globl ub_chase_ctrl
        .balign 64
ub_chase_ctrl:
        mv a1, a0
        li a0, 0
        csrr t0, mcycle
        .balign 64
1:      addi a0, a0, 0
        addi a0, a0, 0
        addi a0, a0, 0
        addi a0, a0, 0
        addi a0, a0, 0
        addi a0, a0, 0
        addi a0, a0, 0
        addi a0, a0, 0
        addi a1, a1, -1
        bnez a1, 1b
        csrr t1, mcycle
        sub a0, t1, t0
        ret

/* ---- icode: straight-line code ----
 * uint32_t ub_icode(uint32_t entry, uint32_t reps, uint32_t *count)
 * Repetition: `jalr t6, 0(t5)` into the block at `entry`, (ub_icode_end - entry) / 4 x `addi t0, t0, 1`,
 * `jr t6` (= jalr x0, 0(t6), in its own 64-byte line after the block), `addi a1, a1, -1`, `bnez a1`
 * (backward, taken). *count = addi instructions executed (a check on the entry point). */
        .globl ub_icode
        .balign 64
ub_icode:
        mv t5, a0
        li t0, 0
        csrr t1, mcycle
        .balign 64
1:      jalr t6, 0(t5)
        addi a1, a1, -1
        bnez a1, 1b
        csrr t2, mcycle
        sw t0, 0(a2)
        sub a0, t2, t1
        ret


/* ---- tlbreach: one load per page through Sv32 (M-mode with mstatus.MPRV = 1, MPP = S) ----
 * uint32_t ub_tlb(uint32_t va, uint32_t pages, uint32_t passes, uint32_t stride)
 * Pass: `mv a6, a0`, `mv a7, a1`, then per page `lw t3, 0(a6)`, `add a6, a6, a3`, `addi a7, a7, -1`,
 * `bnez a7` (backward, taken except the last), then `addi a2, a2, -1`, `bnez a2` (backward, taken).
 * satp must already hold the page table. Only the timed loads are translated: MPRV affects data accesses,
 * fetch stays untranslated M-mode, and the loop touches no other memory. */
        .globl ub_tlb
        .balign 64
ub_tlb:
        li t0, (1 << 17) | (1 << 11)   /* MPRV, MPP = S */
        li t1, (3 << 11)
        csrc mstatus, t1
        csrs mstatus, t0
        csrr t4, mcycle
        .balign 64
1:      mv a6, a0
        mv a7, a1
2:      lw t3, 0(a6)
        add a6, a6, a3
        addi a7, a7, -1
        bnez a7, 2b
        addi a2, a2, -1
        bnez a2, 1b
        csrr t5, mcycle
        csrc mstatus, t0
        sub a0, t5, t4
        ret

/* void ub_satp(uint32_t satp): write satp and flush the TLBs. */
        .globl ub_satp
ub_satp:
        csrw satp, a0
        sfence.vma
        ret

/* ---- branch: control transfers. Each takes iters, returns cycles. Every loop ends with
 * `addi a0, a0, -1`, `bnez a0` (backward, taken). ---- */

/* ub_br_loop: nothing else (the loop-overhead control). 2 instructions. */
        .globl ub_br_loop
        .balign 64
ub_br_loop:
        csrr t0, mcycle
        .balign 64
1:      addi a0, a0, -1
        bnez a0, 1b
        csrr t1, mcycle
        sub a0, t1, t0
        ret

/* ub_br_fwd_nt: 8 x `bnez zero, 2f` (forward, never taken). 10 instructions. */
        .globl ub_br_fwd_nt
        .balign 64
ub_br_fwd_nt:
        csrr t0, mcycle
        .balign 64
1:      bnez zero, 2f
        bnez zero, 2f
        bnez zero, 2f
        bnez zero, 2f
        bnez zero, 2f
        bnez zero, 2f
        bnez zero, 2f
        bnez zero, 2f
        addi a0, a0, -1
        bnez a0, 1b
2:      csrr t1, mcycle
        sub a0, t1, t0
        ret

/* ub_br_fwd_t: 8 x `beqz zero, 3f` (forward, always taken) over one `addi t2, t2, 1` that is never
 * executed (a target past the next instruction: a branch to pc + 4 would be indistinguishable from a
 * not-taken one). 10 instructions executed. */
        .globl ub_br_fwd_t
        .balign 64
ub_br_fwd_t:
        csrr t0, mcycle
        .balign 64
1:      beqz zero, 3f
        addi t2, t2, 1
3:      beqz zero, 3f
        addi t2, t2, 1
3:      beqz zero, 3f
        addi t2, t2, 1
3:      beqz zero, 3f
        addi t2, t2, 1
3:      beqz zero, 3f
        addi t2, t2, 1
3:      beqz zero, 3f
        addi t2, t2, 1
3:      beqz zero, 3f
        addi t2, t2, 1
3:      beqz zero, 3f
        addi t2, t2, 1
3:      addi a0, a0, -1
        bnez a0, 1b
        csrr t1, mcycle
        sub a0, t1, t0
        ret

/* ub_br_bwd_t: a ladder of backward-taken branches: `j 18f` to its bottom rung, 7 x `beqz zero, <rung
 * above>` (backward, taken) up to the top, `j 20f` out, then the loop. 11 instructions: 2 jumps, 7
 * backward-taken branches, addi, bnez. */
        .globl ub_br_bwd_t
        .balign 64
ub_br_bwd_t:
        csrr t0, mcycle
        .balign 64
1:      j 18f
11:     j 20f
12:     beqz zero, 11b
13:     beqz zero, 12b
14:     beqz zero, 13b
15:     beqz zero, 14b
16:     beqz zero, 15b
17:     beqz zero, 16b
18:     beqz zero, 17b
20:     addi a0, a0, -1
        bnez a0, 1b
        csrr t1, mcycle
        sub a0, t1, t0
        ret

/* ub_br_alt: `andi t1, a0, 1`, `beqz t1, 2f` (forward: taken when the counter is even, so taken and not
 * taken alternate), `addi t2, t2, 1` (skipped when taken), 2: loop. 4 or 5 instructions; over an even
 * number of iterations: half taken. */
        .globl ub_br_alt
        .balign 64
ub_br_alt:
        csrr t0, mcycle
        .balign 64
1:      andi t1, a0, 1
        beqz t1, 2f
        addi t2, t2, 1
2:      addi a0, a0, -1
        bnez a0, 1b
        csrr t1, mcycle
        sub a0, t1, t0
        ret

/* ub_jal: 8 x `j .+4` (jal x0, forward to the next instruction). 10 instructions. */
        .globl ub_jal
        .balign 64
ub_jal:
        csrr t0, mcycle
        .balign 64
1:      j 3f
3:      j 3f
3:      j 3f
3:      j 3f
3:      j 3f
3:      j 3f
3:      j 3f
3:      j 3f
3:      addi a0, a0, -1
        bnez a0, 1b
        csrr t1, mcycle
        sub a0, t1, t0
        ret

/* ub_call: 4 x `jal t6, ub_leaf` where ub_leaf is `jr t6` (jalr x0, 0(t6)): 4 calls and 4 returns.
 * 10 instructions (8 jumps). */
        .globl ub_call
        .balign 64
ub_call:
        csrr t0, mcycle
        .balign 64
1:      jal t6, ub_leaf
        jal t6, ub_leaf
        jal t6, ub_leaf
        jal t6, ub_leaf
        addi a0, a0, -1
        bnez a0, 1b
        csrr t1, mcycle
        sub a0, t1, t0
        ret
        .balign 64
ub_leaf:
        jr t6

/* ---- muldiv: 8 dependent operations per iteration, then the loop (10 instructions) ----
 * mul:  `mul t1, t1, t2` with t2 = 3;  mulh: `mulh t1, t1, t2` with t1 = -7, t2 = 3 (stays -1 after the
 * first); div: `div t1, t1, t2` with t2 = 1 (t1 unchanged: the divider's full 32-step case on a
 * bit-serial divider); rem: `rem t1, t1, t2` with t1 = 5, t2 = 0x7fffffff (t1 unchanged). */
        .macro MULDIV_KERNEL name, op, t1init, t2init
        .globl \name
        .balign 64
\name:
        li t1, \t1init
        li t2, \t2init
        csrr t0, mcycle
        .balign 64
1:      \op t1, t1, t2
        \op t1, t1, t2
        \op t1, t1, t2
        \op t1, t1, t2
        \op t1, t1, t2
        \op t1, t1, t2
        \op t1, t1, t2
        \op t1, t1, t2
        addi a0, a0, -1
        bnez a0, 1b
        csrr t3, mcycle
        sub a0, t3, t0
        ret
        .endm

        MULDIV_KERNEL ub_mul, mul, 5, 3
        MULDIV_KERNEL ub_mulh, mulh, -7, 3
        MULDIV_KERNEL ub_div, div, 1000000007, 1
        MULDIV_KERNEL ub_rem, rem, 5, 0x7fffffff
