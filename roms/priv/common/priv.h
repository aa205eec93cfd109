/*
 * Harness for xipemu's privileged-architecture tests (roms/priv/). Written for this project.
 *
 * Builds on env "p" (roms/env/p/riscv_test.h): the test body starts in M-mode after
 * RVTEST_CODE_BEGIN, TESTNUM (gp) names the running case, RVTEST_PASS / RVTEST_FAIL report through
 * `tohost` and the virt finisher. On top of it this file adds:
 *
 *   - an M-mode trap handler (`mtvec_handler`, the env's hook) and an S-mode one (`pv_strap`) that
 *     RECORD every trap (cause, epc, tval, status, vector slot) in a log of 8 entries and then go on:
 *       * interrupt: clear the interrupt's enable bit (mie resp. sie) and return to the same pc;
 *       * instruction access/page fault (1, 12): in M, continue at pv_resume if set (a RUN_IN that
 *         could not fetch), else return to `ra` (tests reach bad pcs with jalr ra);
 *       * ecall (8, 9, 11) in M while `pv_resume` is set: continue in M-mode at pv_resume (cleared);
 *         this is how code run in S or U (RUN_IN) comes back;
 *       * S handler with `pv_s_escalate` set: after recording, `ecall` up to M (then as above);
 *       * anything else: skip the trapping instruction (2 or 4 bytes) and return.
 *     Handlers may clobber t5 and t6 (x30, x31) in the trapping code: tests treat them as volatile.
 *   - checking macros (CHECK_M / CHECK_S / CHECK_EQ ...) that jump to rvtest_fail with TESTNUM.
 *   - an Sv32 page-table builder for M-mode (pv_map4k, pv_map_super, pv_satp_on).
 *
 * The trap handlers' own loads and stores hit physical addresses, or identity-mapped ones when a test
 * turns Sv32 on: tests map the image superpage 0x8000_0000 identity, RWX, not U (PV_MAP_IMAGE).
 */
#ifndef XIPEMU_PRIV_H
#define XIPEMU_PRIV_H

#include "riscv_test.h"

#define MSTATUS_SIE   0x00000002
#define MSTATUS_MIE   0x00000008
#define MSTATUS_SPIE  0x00000020
#define MSTATUS_MPIE  0x00000080
#define MSTATUS_SPP   0x00000100
#define MSTATUS_MPP   0x00001800
#define MSTATUS_MPRV  0x00020000
#define MSTATUS_SUM   0x00040000
#define MSTATUS_MXR   0x00080000
#define MSTATUS_TVM   0x00100000
#define MSTATUS_TW    0x00200000
#define MSTATUS_TSR   0x00400000

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11
#define MIP_SSIP (1 << IRQ_SSI)
#define MIP_MSIP (1 << IRQ_MSI)
#define MIP_STIP (1 << IRQ_STI)
#define MIP_MTIP (1 << IRQ_MTI)
#define MIP_SEIP (1 << IRQ_SEI)
#define MIP_MEIP (1 << IRQ_MEI)
#define INTR      0x80000000

#define CAUSE_FETCH_MISALIGNED 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_LOAD_MISALIGNED  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_STORE_MISALIGNED 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15

#define CLINT_BASE     0x02000000
#define CLINT_MSIP     (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP (CLINT_BASE + 0x4000)
#define CLINT_MTIME    (CLINT_BASE + 0xBFF8)

/* An address with no device on QEMU virt nor on xipemu's board (0x4000_0000 is PCIe MMIO on virt). */
#define UNMAPPED_ADDR  0x00200000
#define UNMAPPED_ADDR2 0x00300000
#define UNMAPPED_ADDR3 0x00400000

#define PTE_V 0x001
#define PTE_R 0x002
#define PTE_W 0x004
#define PTE_X 0x008
#define PTE_U 0x010
#define PTE_G 0x020
#define PTE_A 0x040
#define PTE_D 0x080
#define PTE_RSW 0x300

/* Layout of one trap record (the log has 8 of them for M and 8 for S). */
#define REC_CAUSE  0
#define REC_EPC    4
#define REC_TVAL   8
#define REC_STATUS 12
#define REC_VEC    16
#define REC_SIZE   32

/* Sv32 window used by the tests: VPN[1] = 1, i.e. VA 0x0040_0000 .. 0x007F_FFFF, 4 KiB pages. */
#define VA_BASE 0x00400000
#define VA(n)   (VA_BASE + (n) * 0x1000)

        /* ---------------- test-case and checking macros ---------------- */

        /* Start test case n: TESTNUM = n, logs emptied, no pending resume. Clobbers t0. */
        .macro TEST n
        li TESTNUM, \n
        call pv_clear
        .endm

        /* Fail unless reg == imm (32-bit immediate). Clobbers t4. */
        .macro CHECK_EQ reg, imm
        li t4, \imm
        beq \reg, t4, .Lok\@
        j rvtest_fail
.Lok\@:
        .endm

        /* Fail unless reg1 == reg2. */
        .macro CHECK_REQ r1, r2
        beq \r1, \r2, .Lok\@
        j rvtest_fail
.Lok\@:
        .endm

        /* Fail unless (reg & mask) == val. Clobbers t3, t4. */
        .macro CHECK_MASK reg, mask, val
        li t4, \mask
        and t3, \reg, t4
        li t4, \val
        beq t3, t4, .Lok\@
        j rvtest_fail
.Lok\@:
        .endm

        /* Fail unless the M (resp. S) log holds exactly n traps. Clobbers t3, t4. */
        .macro CHECK_MCOUNT n
        lw t3, pv_m_count
        CHECK_EQ t3, \n
        .endm
        .macro CHECK_SCOUNT n
        lw t3, pv_s_count
        CHECK_EQ t3, \n
        .endm

        /* Load field `off` of M (resp. S) log entry i into reg. */
        .macro LOAD_M reg, i, off
        la \reg, pv_m_log
        lw \reg, (\i * REC_SIZE + \off)(\reg)
        .endm
        .macro LOAD_S reg, i, off
        la \reg, pv_s_log
        lw \reg, (\i * REC_SIZE + \off)(\reg)
        .endm

        /* Fail unless M log entry i has this cause. Clobbers t3, t4. */
        .macro CHECK_MCAUSE i, cause
        LOAD_M t3, \i, REC_CAUSE
        CHECK_EQ t3, \cause
        .endm
        .macro CHECK_SCAUSE i, cause
        LOAD_S t3, \i, REC_CAUSE
        CHECK_EQ t3, \cause
        .endm
        /* ... this epc (a label). Clobbers t2, t3, t4. */
        .macro CHECK_MEPC i, label
        LOAD_M t3, \i, REC_EPC
        la t2, \label
        CHECK_REQ t3, t2
        .endm
        .macro CHECK_SEPC i, label
        LOAD_S t3, \i, REC_EPC
        la t2, \label
        CHECK_REQ t3, t2
        .endm
        /* ... this tval (immediate). */
        .macro CHECK_MTVAL i, val
        LOAD_M t3, \i, REC_TVAL
        CHECK_EQ t3, \val
        .endm
        .macro CHECK_STVAL i, val
        LOAD_S t3, \i, REC_TVAL
        CHECK_EQ t3, \val
        .endm

        /* Exactly one M trap with this cause at this epc. */
        .macro CHECK_ONE_M cause, label
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, \cause
        CHECK_MEPC 0, \label
        .endm

        /* Set mstatus.MPP = mode. Clobbers t0. */
        .macro SET_MPP mode
        li t0, MSTATUS_MPP
        csrc mstatus, t0
        li t0, (\mode << 11)
        csrs mstatus, t0
        .endm

        /*
         * Run the code at `label` in privilege `mode` (PRV_S or PRV_U) via mret; it comes back with
         * `ecall` and M-mode code continues after the macro (log entry for that ecall included).
         * Interrupt enables: mstatus.MPIE as the caller left it becomes MIE; back in M, MIE is 0.
 * Keep MPRV = 0 when calling it (QEMU 7.2 does not clear MPRV on mret to S/U). Clobbers t0.
         */
        .macro RUN_IN mode, label
        la t0, .Lback\@
        sw t0, pv_resume, t6
        la t0, \label
        csrw mepc, t0
        SET_MPP \mode
        mret
.Lback\@:
        csrci mstatus, MSTATUS_MIE
        .endm

        /* Same, entering at the address in register reg (e.g. a virtual address). */
        .macro RUN_IN_REG mode, reg
        la t0, .Lback\@
        sw t0, pv_resume, t6
        csrw mepc, \reg
        SET_MPP \mode
        mret
.Lback\@:
        csrci mstatus, MSTATUS_MIE
        .endm

        /* M-mode loads/stores translated as `mode` (MPRV = 1, MPP = mode) / untranslated again. */
        .macro MPRV_AS mode
        SET_MPP \mode
        li t0, MSTATUS_MPRV
        csrs mstatus, t0
        .endm
        .macro MPRV_OFF
        li t0, MSTATUS_MPRV
        csrc mstatus, t0
        .endm

        /* Let the S handler escalate every trap it takes to M with `ecall` (1) or not (0). */
        .macro S_ESCALATE on
        li t0, \on
        sw t0, pv_s_escalate, t6
        .endm

        /* Install the harness's S-mode handler in stvec (direct mode). Clobbers t0. */
        .macro SET_STVEC
        la t0, pv_strap
        csrw stvec, t0
        .endm

        /* Code placed on its own page(s) (e.g. for mapping as a U page). */
        .macro PAGE_CODE_BEGIN name
        .pushsection .text.pv_page_\name, "ax", @progbits
        .balign 4096
\name:
        .endm
        .macro PAGE_CODE_END
        .balign 4096
        .popsection
        .endm


        /* Vector tables for mtvec / stvec vectored mode: slot k records k in the log's REC_VEC. */
        .macro PV_VSTUB k, handler
pv_vstub_\handler\()_\k:
        li t5, \k
        la t6, pv_vec
        sw t5, 0(t6)
        j \handler
        .endm
        .macro PV_VTABLE name, handler
        .balign 256
\name:
        .option push
        .option norvc
        .irp k, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        j pv_vstub_\handler\()_\k
        .endr
        .option pop
        .irp k, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        PV_VSTUB \k, \handler
        .endr
        .endm

        /* Fail unless reg == address of label or reg == 0. Clobbers t4. */
        .macro CHECK_EQ_OR0_L reg, label
        beqz \reg, .Lok\@
        la t4, \label
        beq \reg, t4, .Lok\@
        j rvtest_fail
.Lok\@:
        .endm

        /* Fail unless reg == imm or reg == 0. Clobbers t4. */
        .macro CHECK_EQ_OR0 reg, imm
        beqz \reg, .Lok\@
        li t4, \imm
        beq \reg, t4, .Lok\@
        j rvtest_fail
.Lok\@:
        .endm

/*
 * The harness's code and data. Put PRIV_HARNESS once after RVTEST_CODE_END (outside the body).
 */
#define PRIV_HARNESS                                                            \
        .text;                                                                  \
        PV_HARNESS_CODE;                                                        \
        PV_VTABLE pv_mvtable, mtvec_handler;                                    \
        PV_VTABLE pv_svtable, pv_strap;                                         \
        .data;                                                                  \
        PV_HARNESS_DATA

        .macro PV_HARNESS_CODE
        .balign 4
/* Empty both logs and drop any pending resume. Clobbers t0. */
pv_clear:
        la t0, pv_m_count
        sw zero, 0(t0)
        la t0, pv_s_count
        sw zero, 0(t0)
        la t0, pv_resume
        sw zero, 0(t0)
        la t0, pv_s_escalate
        sw zero, 0(t0)
        la t0, pv_vec
        li t5, -1
        sw t5, 0(t0)
        la t0, pv_m_log
        sw t5, REC_CAUSE(t0)
        la t0, pv_s_log
        sw t5, REC_CAUSE(t0)
        ret

        /* env p declared mtvec_handler weak: this definition is the one its vector jumps to. */
        .balign 4
mtvec_handler:
        la t6, pv_m_save
        sw t0, 0(t6)
        sw t1, 4(t6)
        sw t2, 8(t6)
        sw t3, 12(t6)
        sw t4, 16(t6)
        /* record */
        lw t0, pv_m_count
        andi t1, t0, 7
        slli t1, t1, 5
        la t2, pv_m_log
        add t1, t1, t2
        addi t0, t0, 1
        sw t0, pv_m_count, t2
        csrr t2, mcause
        sw t2, REC_CAUSE(t1)
        csrr t2, mepc
        sw t2, REC_EPC(t1)
        csrr t2, mtval
        sw t2, REC_TVAL(t1)
        csrr t2, mstatus
        sw t2, REC_STATUS(t1)
        lw t2, pv_vec
        sw t2, REC_VEC(t1)
        li t2, -1
        sw t2, pv_vec, t3
        /* dispatch */
        csrr t0, mcause
        bgez t0, 1f
        /* interrupt: disable it in mie, retry the same pc */
        andi t0, t0, 31
        li t1, 1
        sll t1, t1, t0
        csrc mie, t1
        j 9f
1:      li t1, CAUSE_FETCH_ACCESS
        beq t0, t1, 5f
        li t1, CAUSE_FETCH_PAGE
        beq t0, t1, 5f
        li t1, CAUSE_ECALL_U
        beq t0, t1, 3f
        li t1, CAUSE_ECALL_S
        beq t0, t1, 3f
        li t1, CAUSE_ECALL_M
        beq t0, t1, 3f
        j 6f
3:      lw t1, pv_resume
        beqz t1, 6f
        sw zero, pv_resume, t2
        csrw mepc, t1
        li t1, MSTATUS_MPP
        csrs mstatus, t1        /* back in M-mode */
        j 9f
5:      lw t1, pv_resume        /* bad fetch: resume in M if a RUN_IN is active, */
        bnez t1, 3b
        csrw mepc, ra           /* else return to the caller */
        j 9f
6:      /* skip the trapping instruction, read as the trapping mode would (MPRV with MPP = that
           mode, MXR for execute-only pages, SUM for S code) */
        csrr t0, mepc
        csrr t4, mstatus
        li t3, MSTATUS_MPRV | MSTATUS_MXR | MSTATUS_SUM
        csrs mstatus, t3
        lhu t1, 0(t0)
        csrw mstatus, t4
        andi t1, t1, 3
        addi t0, t0, 2
        li t2, 3
        bne t1, t2, 7f
        addi t0, t0, 2
7:      csrw mepc, t0
9:      la t6, pv_m_save
        lw t0, 0(t6)
        lw t1, 4(t6)
        lw t2, 8(t6)
        lw t3, 12(t6)
        lw t4, 16(t6)
        mret

        .globl pv_strap
        .balign 4
pv_strap:
        la t6, pv_s_save
        sw t0, 0(t6)
        sw t1, 4(t6)
        sw t2, 8(t6)
        sw t3, 12(t6)
        sw t4, 16(t6)
        lw t0, pv_s_count
        andi t1, t0, 7
        slli t1, t1, 5
        la t2, pv_s_log
        add t1, t1, t2
        addi t0, t0, 1
        sw t0, pv_s_count, t2
        csrr t2, scause
        sw t2, REC_CAUSE(t1)
        csrr t2, sepc
        sw t2, REC_EPC(t1)
        csrr t2, stval
        sw t2, REC_TVAL(t1)
        csrr t2, sstatus
        sw t2, REC_STATUS(t1)
        lw t2, pv_vec
        sw t2, REC_VEC(t1)
        li t2, -1
        sw t2, pv_vec, t3
        csrr t0, scause
        bgez t0, 1f
        andi t0, t0, 31
        li t1, 1
        sll t1, t1, t0
        csrc sie, t1
        j 9f
1:      lw t1, pv_s_escalate
        beqz t1, 2f
        ecall                   /* to M, which resumes at pv_resume */
2:      li t1, CAUSE_FETCH_ACCESS
        beq t0, t1, 5f
        li t1, CAUSE_FETCH_PAGE
        beq t0, t1, 5f
        csrr t0, sepc
        csrr t4, sstatus
        li t3, MSTATUS_MXR | MSTATUS_SUM
        csrs sstatus, t3
        lhu t1, 0(t0)
        csrw sstatus, t4
        andi t1, t1, 3
        addi t0, t0, 2
        li t2, 3
        bne t1, t2, 7f
        addi t0, t0, 2
7:      csrw sepc, t0
        j 9f
5:      csrw sepc, ra
9:      la t6, pv_s_save
        lw t0, 0(t6)
        lw t1, 4(t6)
        lw t2, 8(t6)
        lw t3, 12(t6)
        lw t4, 16(t6)
        sret

/* ---- Sv32 helpers (M-mode, physical addressing). Clobber t0-t2. ---- */

/* Empty the tables; root[0x200] = 4 MiB identity superpage at 0x8000_0000 (RWX, A, D, not U);
   root[1] points to the level-0 table pv_pt_l0 (the VA window 0x0040_0000..). */
pv_pt_init:
        la t0, pv_pt_root
        li t1, 2048
        add t1, t1, t0
1:      sw zero, 0(t0)
        addi t0, t0, 4
        bltu t0, t1, 1b
        la t0, pv_pt_root
        li t1, ((0x80000000 >> 12) << 10) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
        li t2, 0x200 * 4
        add t2, t2, t0
        sw t1, 0(t2)
        la t1, pv_pt_l0
        srli t1, t1, 12
        slli t1, t1, 10
        ori t1, t1, PTE_V
        sw t1, 4(t0)
        sfence.vma
        ret

/* Level-0 PTE for VA a0 (in the window) := a1 (a whole PTE). */
pv_set_pte:
        srli t0, a0, 12
        andi t0, t0, 0x3ff
        slli t0, t0, 2
        la t1, pv_pt_l0
        add t0, t0, t1
        sw a1, 0(t0)
        sfence.vma
        ret

/* Address of the level-0 PTE for VA a0 -> a0. */
pv_pte_addr:
        srli t0, a0, 12
        andi t0, t0, 0x3ff
        slli t0, t0, 2
        la a0, pv_pt_l0
        add a0, a0, t0
        ret

/* Map VA a0 -> PA a1 with flags a2 (V is added). */
pv_map4k:
        srli t2, a1, 12
        slli t2, t2, 10
        or t2, t2, a2
        ori t2, t2, PTE_V
        srli t0, a0, 12
        andi t0, t0, 0x3ff
        slli t0, t0, 2
        la t1, pv_pt_l0
        add t0, t0, t1
        sw t2, 0(t0)
        sfence.vma
        ret

/* Root entry for VA a0 := a1 (a whole PTE: superpage leaf or pointer). */
pv_set_root:
        srli t0, a0, 22
        slli t0, t0, 2
        la t1, pv_pt_root
        add t0, t0, t1
        sw a1, 0(t0)
        sfence.vma
        ret

/* satp := Sv32, ASID a0, root pv_pt_root. */
pv_satp_on:
        la t0, pv_pt_root
        srli t0, t0, 12
        slli t1, a0, 22
        or t0, t0, t1
        li t1, 0x80000000
        or t0, t0, t1
        csrw satp, t0
        sfence.vma
        ret
        .endm

        .macro PV_HARNESS_DATA
        .balign 4
pv_m_count:    .word 0
pv_s_count:    .word 0
pv_resume:     .word 0
pv_s_escalate: .word 0
pv_vec:        .word -1
pv_m_save:     .space 32
pv_s_save:     .space 32
        .balign 32
pv_m_log:      .space 8 * REC_SIZE
pv_s_log:      .space 8 * REC_SIZE
        .pushsection .bss.pv_pt, "aw", @nobits
        .balign 4096
pv_pt_root:    .space 4096
pv_pt_l0:      .space 4096
        .popsection
        .endm

#endif
