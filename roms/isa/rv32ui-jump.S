/*
 * rv32ui-jump: RV32I unconditional jumps (jal, jalr).
 *
 * jal: link register = address of the next instruction, forward, backward and long (> 4 KiB)
 * targets, rd = x0 (plain jump, x0 stays 0). jalr: target = (rs1 + imm) & ~1 with positive, negative
 * and odd offsets (bit 0 is cleared after the addition, and an odd sum never traps), rd == rs1 (the
 * target uses the old rs1), rd = x0, high register numbers, call/ret through a subroutine.
 * Self-checking in test environment "p" (env/p/riscv_test.h).
 */
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV32U
RVTEST_CODE_BEGIN

  /* ---- jal ---- */
  TEST_CASE(1, a0, 0, la a1, 2f; jal ra, 1f; 2: j rvtest_fail; 1: sub a0, ra, a1)
  TEST_CASE(2, a0, 0, la a1, 2f; jal t0, 1f; 2: j rvtest_fail; 1: sub a0, t0, a1)
  TEST_CASE(3, a0, 0, li a0, 5; jal x0, 1f; j rvtest_fail; 1: mv a0, x0)
  TEST_CASE(4, a0, 7, li a0, 0; j 2f; 1: li a0, 7; j 3f; 2: jal ra, 1b; j rvtest_fail; 3: nop)
  TEST_CASE(5, a0, 9, li a0, 0; jal ra, 1f; j rvtest_fail; .skip 6000; 1: li a0, 9)
  TEST_CASE(6, a0, 11, li a0, 0; j 2f; 1: li a0, 11; j 3f; .skip 6000; 2: jal x1, 1b; j rvtest_fail; 3: nop)
  TEST_CASE(7, a0, 0, la a1, 2f; jal x29, 1f; 2: j rvtest_fail; 1: sub a0, x29, a1)

  /* ---- jalr ---- */
  TEST_CASE(10, a0, 0, la a1, 1f; la a2, 2f; jalr ra, 0(a1); 2: j rvtest_fail; 1: sub a0, ra, a2)
  TEST_CASE(11, a0, 1, li a0, 0; la a1, 1f; addi a1, a1, -8; jalr ra, 8(a1); j rvtest_fail; 1: li a0, 1)
  TEST_CASE(12, a0, 2, li a0, 0; la a1, 1f; addi a1, a1, 16; jalr ra, -16(a1); j rvtest_fail; 1: li a0, 2)
  TEST_CASE(13, a0, 3, li a0, 0; la a1, 1f; addi a1, a1, 1; jalr ra, 0(a1); j rvtest_fail; 1: li a0, 3)
  TEST_CASE(14, a0, 4, li a0, 0; la a1, 1f; jalr ra, 1(a1); j rvtest_fail; 1: li a0, 4)
  TEST_CASE(15, a0, 5, li a0, 0; la a1, 1f; addi a1, a1, 2; jalr ra, -1(a1); j rvtest_fail; 1: li a0, 5)
  TEST_CASE(16, a0, 6, li a0, 0; la a1, 1f; addi a1, a1, -2047; jalr ra, 2047(a1); j rvtest_fail; 1: li a0, 6)
  TEST_CASE(17, a0, 7, li a0, 0; la a1, 1f; addi a1, a1, 2047; addi a1, a1, 1; jalr ra, -2048(a1); j rvtest_fail; 1: li a0, 7)
  /* rd == rs1: the target comes from the old value, the link overwrites it. */
  TEST_CASE(18, a0, 0, la a1, 1f; la a2, 2f; jalr a1, 0(a1); 2: j rvtest_fail; 1: sub a0, a1, a2)
  TEST_CASE(19, a0, 0, la a1, 1f; jalr x0, 0(a1); j rvtest_fail; 1: mv a0, x0)
  TEST_CASE(20, a0, 0, la x30, 1f; la x28, 2f; jalr x29, 0(x30); 2: j rvtest_fail; 1: sub a0, x29, x28)
  TEST_CASE(21, a0, 12, li a0, 7; call jump_add5)
  TEST_CASE(22, a0, 17, li a0, 7; la a1, jump_add5; jalr ra, 0(a1); addi a0, a0, 5)
  /* A backward jalr. */
  TEST_CASE(23, a0, 8, li a0, 0; j 2f; 1: li a0, 8; j 3f; 2: la a1, 1b; jalr ra, 0(a1); j rvtest_fail; 3: nop)

  RVTEST_PASS
RVTEST_CODE_END

jump_add5:
  addi a0, a0, 5
  ret

RVTEST_DATA_BEGIN
RVTEST_DATA_END
