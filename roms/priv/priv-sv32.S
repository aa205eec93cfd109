/*
 * priv-sv32: Sv32 translation. Two-level walk, 4 MiB superpages (and a misaligned one), R/W/X/U
 * permission faults (causes 12/13/15, tval = faulting VA), SUM, MXR, MPRV with MPP = S/U, A/D updates,
 * RSW bits ignored, reserved/invalid PTEs, sfence.vma after a PTE change, satp ASID, page faults
 * delegated to S. See README.md.
 *
 * Layout: the image's 4 MiB superpage at 0x8000_0000 is mapped identity (RWX, not U) so M/S handlers
 * keep working; test pages live in the window VA(n) = 0x0040_0000 + n * 4 KiB.
 */
#include "priv.h"

#define RWAD (PTE_R | PTE_W | PTE_A | PTE_D)

        /* map VA(n) -> page k of pg_data with flags */
        .macro MAP n, k, flags
        li a0, VA(\n)
        la a1, pg_data
        li a2, \k * 4096
        add a1, a1, a2
        li a2, \flags
        call pv_map4k
        .endm

        /* value at page k of pg_data + off := imm (physical) */
        .macro PUT k, off, imm
        la a1, pg_data
        li a2, \k * 4096 + \off
        add a1, a1, a2
        li a2, \imm
        sw a2, 0(a1)
        .endm

RVTEST_RV32M
RVTEST_CODE_BEGIN
        SET_STVEC
        call pv_pt_init
        li a0, 0
        call pv_satp_on
        MAP 0, 0, RWAD
        PUT 0, 0, 0x11111111
        PUT 1, 0, 0x22222222
        PUT 2, 0, 0x33333333

        TEST 1                          /* satp reads back (mode, PPN) */
        csrr a0, satp
        la a1, pv_pt_root
        srli a1, a1, 12
        li a2, 0x80000000
        or a1, a1, a2
        CHECK_REQ a0, a1

        TEST 2                          /* a 4 KiB page, through MPRV as S */
        MPRV_AS PRV_S
        li a0, VA(0)
        lw a1, 0(a0)
        li a2, 0xabcd0001
        sw a2, 4(a0)
        MPRV_OFF
        CHECK_MCOUNT 0
        CHECK_EQ a1, 0x11111111
        la a0, pg_data
        lw a1, 4(a0)
        CHECK_EQ a1, 0xabcd0001

        TEST 3                          /* M-mode without MPRV is not translated (satp on) */
        la a0, pg_data
        lw a1, 0(a0)
        CHECK_EQ a1, 0x11111111
        CHECK_MCOUNT 0

        TEST 4                          /* invalid PTE: load 13 / store 15, tval = VA */
        MPRV_AS PRV_S
        li a0, VA(7) + 0x24
t4_ld:  lw a1, 0(a0)
        MPRV_AS PRV_S
t4_st:  sw a1, 4(a0)
        MPRV_OFF
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, CAUSE_LOAD_PAGE
        CHECK_MTVAL 0, VA(7) + 0x24
        CHECK_MEPC 0, t4_ld
        CHECK_MCAUSE 1, CAUSE_STORE_PAGE
        CHECK_MTVAL 1, VA(7) + 0x28

        TEST 5                          /* read-only page: load ok, store faults */
        MAP 1, 1, PTE_R | PTE_A | PTE_D
        MPRV_AS PRV_S
        li a0, VA(1)
        lw a1, 0(a0)
        MPRV_AS PRV_S
        sw a1, 8(a0)
        MPRV_OFF
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_STORE_PAGE
        CHECK_MTVAL 0, VA(1) + 8
        CHECK_EQ a1, 0x22222222

        TEST 6                          /* execute-only page: load faults unless MXR */
        MAP 1, 1, PTE_X | PTE_A
        MPRV_AS PRV_S
        li a0, VA(1)
        li a1, 0
        lw a1, 0(a0)
        MPRV_OFF
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_LOAD_PAGE
        CHECK_MTVAL 0, VA(1)
        CHECK_EQ a1, 0
        li t1, MSTATUS_MXR
        csrs mstatus, t1
        MPRV_AS PRV_S
        lw a1, 0(a0)
        MPRV_OFF
        li t1, MSTATUS_MXR
        csrc mstatus, t1
        CHECK_MCOUNT 1
        CHECK_EQ a1, 0x22222222

        TEST 7                          /* W without R is reserved: page fault on load and store */
        MAP 2, 2, PTE_W | PTE_A | PTE_D
        MPRV_AS PRV_S
        li a0, VA(2)
        lw a1, 0(a0)
        MPRV_AS PRV_S
        sw a1, 0(a0)
        MPRV_OFF
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, CAUSE_LOAD_PAGE
        CHECK_MCAUSE 1, CAUSE_STORE_PAGE
        CHECK_MTVAL 1, VA(2)

        TEST 8                          /* U page from S: faults unless SUM */
        MAP 2, 2, RWAD | PTE_U
        MPRV_AS PRV_S
        li a0, VA(2)
        lw a1, 0(a0)
        MPRV_AS PRV_S
        sw a1, 0(a0)
        MPRV_OFF
        CHECK_MCOUNT 2
        CHECK_MCAUSE 0, CAUSE_LOAD_PAGE
        CHECK_MCAUSE 1, CAUSE_STORE_PAGE
        li t1, MSTATUS_SUM
        csrs mstatus, t1
        MPRV_AS PRV_S
        lw a1, 0(a0)
        li a2, 0x5e5e
        sw a2, 4(a0)
        MPRV_OFF
        li t1, MSTATUS_SUM
        csrc mstatus, t1
        CHECK_MCOUNT 2
        CHECK_EQ a1, 0x33333333

        TEST 9                          /* U page as U: fine; non-U page as U: faults */
        MPRV_AS PRV_U
        li a0, VA(2)
        lw a1, 4(a0)
        MPRV_AS PRV_U
        li a0, VA(0)
        lw a2, 0(a0)
        MPRV_OFF
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_LOAD_PAGE
        CHECK_MTVAL 0, VA(0)
        CHECK_EQ a1, 0x5e5e

        TEST 10                         /* 4 MiB superpage: VA 0x0080_0000 -> PA 0x8000_0000 */
        li a0, 0x00800000
        li a1, ((0x80000000 >> 12) << 10) | PTE_V | RWAD
        call pv_set_root
        la a0, pg_data
        li a1, 0x80000000
        sub a0, a0, a1
        li a1, 0x00800000
        add a0, a0, a1                  /* the superpage alias of pg_data */
        MPRV_AS PRV_S
        lw a1, 0(a0)
        MPRV_OFF
        CHECK_MCOUNT 0
        CHECK_EQ a1, 0x11111111

        TEST 11                         /* misaligned superpage (PPN[0] != 0): page fault */
        li a0, 0x00c00000
        li a1, (((0x80000000 >> 12) + 1) << 10) | PTE_V | RWAD
        call pv_set_root
        MPRV_AS PRV_S
        li a0, 0x00c00010
        lw a1, 0(a0)
        MPRV_OFF
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_LOAD_PAGE
        CHECK_MTVAL 0, 0x00c00010

        TEST 12                         /* a non-leaf pointer at level 0 is a page fault */
        li a0, 0x01000000               /* root -> pv_pt_l0 again as a level-0 table whose entry
                                           for VA(0) ... is a leaf; VPN[0] = 1 there is a
                                           pointer below: */
        la a1, pv_pt_l0
        srli a1, a1, 12
        slli a1, a1, 10
        ori a1, a1, PTE_V
        call pv_set_root
        li a0, VA(3)
        la a1, pv_pt_root
        srli a1, a1, 12
        slli a1, a1, 10
        ori a1, a1, PTE_V               /* leaf-less pointer at level 0 */
        call pv_set_pte
        MPRV_AS PRV_S
        li a0, 0x01003000
        lw a1, 0(a0)
        MPRV_OFF
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_LOAD_PAGE
        CHECK_MTVAL 0, 0x01003000

        TEST 13                         /* A is set on access, D on write */
        MAP 3, 3, PTE_R | PTE_W
        MPRV_AS PRV_S
        li a0, VA(3)
        lw a1, 0(a0)
        MPRV_OFF
        CHECK_MCOUNT 0
        li a0, VA(3)
        call pv_pte_addr
        lw a1, 0(a0)
        CHECK_MASK a1, PTE_A | PTE_D, PTE_A
        MPRV_AS PRV_S
        li a0, VA(3)
        sw a1, 0(a0)
        MPRV_OFF
        CHECK_MCOUNT 0
        li a0, VA(3)
        call pv_pte_addr
        lw a1, 0(a0)
        CHECK_MASK a1, PTE_A | PTE_D, PTE_A | PTE_D

        TEST 14                         /* RSW bits are ignored */
        MAP 4, 1, RWAD | PTE_RSW
        MPRV_AS PRV_S
        li a0, VA(4)
        lw a1, 0(a0)
        MPRV_OFF
        CHECK_MCOUNT 0
        CHECK_EQ a1, 0x22222222

        TEST 15                         /* sfence.vma with an address after changing a PTE */
        MAP 5, 0, RWAD
        MPRV_AS PRV_S
        li a0, VA(5)
        lw a1, 0(a0)
        MPRV_OFF
        CHECK_EQ a1, 0x11111111
        li a0, VA(5)
        call pv_pte_addr
        la a1, pg_data + 0x2000         /* -> page 2 */
        srli a1, a1, 12
        slli a1, a1, 10
        ori a1, a1, PTE_V | RWAD
        sw a1, 0(a0)
        li a0, VA(5)
        sfence.vma a0, zero
        MPRV_AS PRV_S
        li a0, VA(5)
        lw a1, 0(a0)
        MPRV_OFF
        CHECK_EQ a1, 0x33333333

        TEST 16                         /* sfence.vma with an ASID, then with none */
        li a0, VA(5)
        call pv_pte_addr
        la a1, pg_data                  /* back to page 0 */
        srli a1, a1, 12
        slli a1, a1, 10
        ori a1, a1, PTE_V | RWAD
        sw a1, 0(a0)
        sfence.vma zero, zero           /* rs2 = x0: all ASIDs */
        MPRV_AS PRV_S
        li a0, VA(5)
        lw a1, 0(a0)
        MPRV_OFF
        CHECK_EQ a1, 0x11111111
        li a0, VA(5)
        li a2, 0
        sfence.vma a0, a2
        CHECK_MCOUNT 0

        TEST 17                         /* satp ASID: WARL, PPN and mode unaffected */
        csrr s0, satp
        li a0, 1 << 22
        or a0, a0, s0
        csrw satp, a0
        csrr a1, satp
        li a2, 0x803fffff
        and a3, a1, a2
        CHECK_REQ a3, s0
        srli a3, a1, 22
        andi a3, a3, 0x1ff
        li a4, 1
        beq a3, a4, 1f                  /* ASID 1 kept, or ASIDs not implemented (0) */
        beqz a3, 1f
        j rvtest_fail
1:      sfence.vma
        MPRV_AS PRV_S
        li a0, VA(0)
        lw a1, 0(a0)
        MPRV_OFF
        CHECK_EQ a1, 0x11111111
        csrw satp, s0
        sfence.vma

        TEST 18                         /* U code at a virtual address; no X: fetch page fault */
        la a1, ucode
        li a0, VA(8)
        li a2, PTE_R | PTE_X | PTE_U | PTE_A
        call pv_map4k
        li a0, VA(8)
        RUN_IN_REG PRV_U, a0
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U
        LOAD_M a0, 0, REC_EPC
        CHECK_EQ a0, VA(8)
        la a1, ucode
        li a0, VA(8)
        li a2, PTE_R | PTE_U | PTE_A
        call pv_map4k
        li a0, VA(8)
        RUN_IN_REG PRV_U, a0
        CHECK_MCOUNT 2
        CHECK_MCAUSE 1, CAUSE_FETCH_PAGE
        CHECK_MTVAL 1, VA(8)
        LOAD_M a0, 1, REC_EPC
        CHECK_EQ a0, VA(8)

        TEST 19                         /* S may not execute a U page, even with SUM */
        la a1, ucode
        li a0, VA(8)
        li a2, PTE_R | PTE_X | PTE_U | PTE_A
        call pv_map4k
        li t1, MSTATUS_SUM
        csrs mstatus, t1
        li a0, VA(8)
        RUN_IN_REG PRV_S, a0
        li t1, MSTATUS_SUM
        csrc mstatus, t1
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_FETCH_PAGE
        CHECK_MTVAL 0, VA(8)

        TEST 20                         /* U loads through translation; page faults delegated to S */
        li a0, (1 << CAUSE_FETCH_PAGE) | (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE)
        csrw medeleg, a0
        S_ESCALATE 0
        li a0, VA(2)                    /* a U page: fine */
        li a1, VA(8) + 4
        RUN_IN_REG PRV_U, a1
        CHECK_SCOUNT 0
        CHECK_MCOUNT 1
        CHECK_MCAUSE 0, CAUSE_ECALL_U
        CHECK_EQ a1, 0x33333333         /* what U loaded */
        li a0, VA(0) + 0x10             /* a non-U page: load page fault in S */
        li a1, VA(8) + 4
        RUN_IN_REG PRV_U, a1
        CHECK_SCOUNT 1
        CHECK_SCAUSE 0, CAUSE_LOAD_PAGE
        CHECK_STVAL 0, VA(0) + 0x10
        LOAD_S a0, 0, REC_EPC
        CHECK_EQ a0, VA(8) + 4
        CHECK_MCOUNT 2
        CHECK_MCAUSE 1, CAUSE_ECALL_U

        TEST 21                         /* delegated store fault to an unmapped VA */
        li a0, VA(9) + 0x100
        li a1, VA(8) + 12
        RUN_IN_REG PRV_U, a1
        CHECK_SCOUNT 1
        CHECK_SCAUSE 0, CAUSE_STORE_PAGE
        CHECK_STVAL 0, VA(9) + 0x100
        csrw medeleg, zero

        csrw satp, zero
        sfence.vma
        RVTEST_PASS

        PAGE_CODE_BEGIN ucode
        ecall                           /* VA(8) + 0 */
        lw a1, 0(a0)                    /* VA(8) + 4 */
        j 1f                            /* VA(8) + 8 */
        sw a1, 0(a0)                    /* VA(8) + 12 */
        ecall
1:      ecall                           /* the result goes back in a1 */
        PAGE_CODE_END

RVTEST_CODE_END
PRIV_HARNESS
        .data
        .section .bss.pg, "aw", @nobits
        .balign 4096
pg_data: .space 8 * 4096
        .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
