/*
 * zifencei: self-modifying code made visible by fence.i.
 *
 * Instructions are patched with ordinary stores and executed after a fence.i: a 32-bit instruction
 * (twice, so a cached/decoded copy of the first patch must go too), a compressed instruction
 * (halfword store), two compressed instructions replaced by one 32-bit instruction and back, and an
 * instruction inside a running loop. New encodings are copied from templates assembled into .data,
 * so no encoding is written by hand. The patched code lives in .text, which is RAM in this
 * environment (link.ld); the test needs a writable code region.
 * Self-checking in test environment "p" (env/p/riscv_test.h).
 */
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV32U
RVTEST_CODE_BEGIN

  /* ---- a 32-bit instruction ---- */
  TEST_CASE(1, a0, 1, call smc_fn32)
  TEST_CASE(2, a0, 2, la a1, smc_fn32; la a2, tpl_addi2; lw a3, 0(a2); sw a3, 0(a1); fence.i; call smc_fn32)
  TEST_CASE(3, a0, 7, la a1, smc_fn32; la a2, tpl_addi7; lw a3, 0(a2); sw a3, 0(a1); fence.i; call smc_fn32)

  /* ---- a compressed instruction ---- */
  TEST_CASE(4, a0, 1, call smc_fn16)
  TEST_CASE(5, a0, 3, la a1, smc_fn16; la a2, tpl_cli3; lhu a3, 0(a2); sh a3, 0(a1); fence.i; call smc_fn16)
  TEST_CASE(6, a0, 0x11, la a1, smc_fn16; la a2, tpl_cli17; lhu a3, 0(a2); sh a3, 0(a1); fence.i; call smc_fn16)

  /* ---- two compressed instructions <-> one 32-bit instruction ---- */
  TEST_CASE(7, a0, 3, li a0, 0; li a1, 0; call smc_pair; add a0, a0, a1)
  TEST_CASE(8, a0, 0x123, la a1, smc_pair; la a2, tpl_addi123; lw a3, 0(a2); sw a3, 0(a1); fence.i;
            li a0, 0; li a1, 0; call smc_pair; add a0, a0, a1)
  TEST_CASE(9, a0, 11, la a1, smc_pair; la a2, tpl_cli5_cli6; lhu a3, 0(a2); sh a3, 0(a1); lhu a3, 2(a2); sh a3, 2(a1);
            fence.i; li a0, 0; li a1, 0; call smc_pair; add a0, a0, a1)

  /* ---- an instruction of a running loop: the second iteration runs the patched one ---- */
  TEST_CASE(10, a0, 101, li a0, 0; la a1, 1f; la a2, tpl_addi100; lw a3, 0(a2); li a4, 2;
            1: addi a0, a0, 1; addi a4, a4, -1; beqz a4, 2f; sw a3, 0(a1); fence.i; j 1b; 2: nop)

  RVTEST_PASS
RVTEST_CODE_END

  .balign 4
smc_fn32:
  addi a0, zero, 1
  ret

  .option push
  .option rvc
  .balign 4
smc_fn16:
  c.li a0, 1
  c.jr ra

  .balign 4
smc_pair:
  c.li a0, 1
  c.li a1, 2
  c.jr ra
  .option pop

RVTEST_DATA_BEGIN
  .balign 4
tpl_addi2:   addi a0, zero, 2
tpl_addi7:   addi a0, zero, 7
tpl_addi123: addi a0, zero, 0x123
tpl_addi100: addi a0, a0, 100
  .option push
  .option rvc
tpl_cli3:      c.li a0, 3
tpl_cli17:     c.li a0, 17
tpl_cli5_cli6: c.li a0, 5
               c.li a1, 6
  .option pop
RVTEST_DATA_END
