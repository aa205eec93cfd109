/*
 * The timed kernels of the trap microbenchmark (trap.c): trap entry and mret, lr.w/sc.w, amo*.w, and
 * device-register loads and stores. Same conventions as kernels.S: leaf functions, no stack, the mcycle
 * difference across a region holding only the loop in a0; uncompressed code, loop heads (and the
 * handler) on 64-byte boundaries.
 */
        .option norvc
        .option norelax
        .text

/* ---- ecall: per iteration `ecall` (a trap from M to M), the handler (csrr t4, mepc; addi t4, t4, 4;
 * csrw mepc, t4; mret), then `addi a0, a0, -1` and a backward taken `bnez`: 7 instructions. The kernel
 * points mtvec (direct mode) at its handler for the timed region and restores it after. */
        .globl ub_ecall
        .balign 64
ub_ecall:
        csrr t5, mtvec
        la t6, 2f
        csrw mtvec, t6
        csrr t0, mcycle
        .balign 64
1:      ecall
        addi a0, a0, -1
        bnez a0, 1b
        csrr t3, mcycle
        csrw mtvec, t5
        sub a0, t3, t0
        ret
        .balign 64
2:      csrr t4, mepc
        addi t4, t4, 4
        csrw mepc, t4
        mret

/* ---- amo: 8 independent `amoadd.w zero, t2, (a1)` on one word (a1 = ub_atom_word), then the loop. */
        .globl ub_amo
        .balign 64
ub_amo:
        la a1, ub_atom_word
        li t2, 1
        csrr t0, mcycle
        .balign 64
1:      amoadd.w zero, t2, (a1)
        amoadd.w zero, t2, (a1)
        amoadd.w zero, t2, (a1)
        amoadd.w zero, t2, (a1)
        amoadd.w zero, t2, (a1)
        amoadd.w zero, t2, (a1)
        amoadd.w zero, t2, (a1)
        amoadd.w zero, t2, (a1)
        addi a0, a0, -1
        bnez a0, 1b
        csrr t3, mcycle
        sub a0, t3, t0
        ret

/* ---- lrsc: 4 pairs `lr.w t1, (a1)`; `sc.w t3, t2, (a1)` (the sc reads neither t1 nor t3: no load-use
 * stall), then the loop. */
        .globl ub_lrsc
        .balign 64
ub_lrsc:
        la a1, ub_atom_word
        li t2, 1
        csrr t0, mcycle
        .balign 64
1:      lr.w t1, (a1)
        sc.w t3, t2, (a1)
        lr.w t1, (a1)
        sc.w t3, t2, (a1)
        lr.w t1, (a1)
        sc.w t3, t2, (a1)
        lr.w t1, (a1)
        sc.w t3, t2, (a1)
        addi a0, a0, -1
        bnez a0, 1b
        csrr t3, mcycle
        sub a0, t3, t0
        ret

/* ---- mmio.load: 8 independent loads of the CLINT's mtime (low word, 0x0200bff8) into registers that no
 * following instruction reads (no load-use stall), then the loop. A device register: never cached. */
        .globl ub_mmio_load
        .balign 64
ub_mmio_load:
        li a1, 0x0200bff8
        csrr t0, mcycle
        .balign 64
1:      lw t1, 0(a1)
        lw t2, 0(a1)
        lw t4, 0(a1)
        lw t5, 0(a1)
        lw t6, 0(a1)
        lw a2, 0(a1)
        lw a3, 0(a1)
        lw a4, 0(a1)
        addi a0, a0, -1
        bnez a0, 1b
        csrr t3, mcycle
        sub a0, t3, t0
        ret

/* ---- mmio.store: 8 stores of 0 to the CLINT's msip (0x02000000: no software interrupt), then the loop. */
        .globl ub_mmio_store
        .balign 64
ub_mmio_store:
        li a1, 0x02000000
        csrr t0, mcycle
        .balign 64
1:      sw zero, 0(a1)
        sw zero, 0(a1)
        sw zero, 0(a1)
        sw zero, 0(a1)
        sw zero, 0(a1)
        sw zero, 0(a1)
        sw zero, 0(a1)
        sw zero, 0(a1)
        addi a0, a0, -1
        bnez a0, 1b
        csrr t3, mcycle
        sub a0, t3, t0
        ret

/* ---- wfi: sleep until the machine timer interrupt. a0 = ticks ahead, a1 = out[3]: out[0] the mtimecmp set
 * (mtime + a0, low word; the high word 0), out[1] mcycle (low word) read just before `wfi`, out[2] mcycle
 * read by the handler's first instruction. mtvec (direct) points at the handler, mie.MTIE and
 * mstatus.MIE are set for the sleep; the handler pushes mtimecmp out of reach and clears MPIE, so the
 * kernel returns with interrupts off. */
        .globl ub_wfi
        .balign 64
ub_wfi:
        csrr t6, mtvec
        la t0, 2f
        csrw mtvec, t0
        li t1, 0x02004000
        li t2, 0x0200bff8
        li t0, -1
        sw t0, 0(t1)
        sw zero, 4(t1)
        lw t3, 0(t2)
        add t3, t3, a0
        sw t3, 0(t1)
        sw t3, 0(a1)
        li t0, 0x80
        csrs mie, t0
        csrsi mstatus, 8
        csrr t4, mcycle
        wfi
        sw t4, 4(a1)
        sw t5, 8(a1)
        li t0, 0x80
        csrc mie, t0
        csrw mtvec, t6
        ret
        .balign 64
2:      csrr t5, mcycle
        li t0, -1
        sw t0, 0(t1)
        li t0, 0x80
        csrc mstatus, t0
        mret
