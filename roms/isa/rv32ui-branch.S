/*
 * rv32ui-branch: RV32I conditional branches (beq bne blt bge bltu bgeu).
 *
 * Each pair is tried with a forward and a backward target; taken and not-taken outcomes, with
 * the signed/unsigned edges (-1 vs 0, INT32_MIN vs INT32_MAX, INT32_MIN vs INT32_MIN+1).
 * Self-checking in test environment "p" (env/p/riscv_test.h): passes through tohost and the finisher,
 * or fails with the number of the first case that went wrong. Expected values follow the RISC-V
 * unprivileged ISA spec (20191213); every case was also checked on QEMU 7.2.
 */
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV32U
RVTEST_CODE_BEGIN

  /* ---- beq ---- */
  TEST_BR_TAKEN(1, beq, 0x00000000, 0x00000000)
  TEST_BR_TAKEN(2, beq, 0x00000001, 0x00000001)
  TEST_BR_TAKEN(3, beq, 0xffffffff, 0xffffffff)
  TEST_BR_NOT_TAKEN(4, beq, 0x00000000, 0x00000001)
  TEST_BR_NOT_TAKEN(5, beq, 0x00000001, 0x00000000)
  TEST_BR_NOT_TAKEN(6, beq, 0xffffffff, 0x00000000)
  TEST_BR_NOT_TAKEN(7, beq, 0x00000000, 0xffffffff)
  TEST_BR_NOT_TAKEN(8, beq, 0xffffffff, 0x00000001)
  TEST_BR_NOT_TAKEN(9, beq, 0x00000001, 0xffffffff)
  TEST_BR_NOT_TAKEN(10, beq, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(11, beq, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN(12, beq, 0x80000000, 0x80000000)
  TEST_BR_NOT_TAKEN(13, beq, 0x80000000, 0x80000001)
  TEST_BR_NOT_TAKEN(14, beq, 0xfffffffe, 0xffffffff)

  /* ---- bne ---- */
  TEST_BR_NOT_TAKEN(15, bne, 0x00000000, 0x00000000)
  TEST_BR_NOT_TAKEN(16, bne, 0x00000001, 0x00000001)
  TEST_BR_NOT_TAKEN(17, bne, 0xffffffff, 0xffffffff)
  TEST_BR_TAKEN(18, bne, 0x00000000, 0x00000001)
  TEST_BR_TAKEN(19, bne, 0x00000001, 0x00000000)
  TEST_BR_TAKEN(20, bne, 0xffffffff, 0x00000000)
  TEST_BR_TAKEN(21, bne, 0x00000000, 0xffffffff)
  TEST_BR_TAKEN(22, bne, 0xffffffff, 0x00000001)
  TEST_BR_TAKEN(23, bne, 0x00000001, 0xffffffff)
  TEST_BR_TAKEN(24, bne, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(25, bne, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN(26, bne, 0x80000000, 0x80000000)
  TEST_BR_TAKEN(27, bne, 0x80000000, 0x80000001)
  TEST_BR_TAKEN(28, bne, 0xfffffffe, 0xffffffff)

  /* ---- blt ---- */
  TEST_BR_NOT_TAKEN(29, blt, 0x00000000, 0x00000000)
  TEST_BR_NOT_TAKEN(30, blt, 0x00000001, 0x00000001)
  TEST_BR_NOT_TAKEN(31, blt, 0xffffffff, 0xffffffff)
  TEST_BR_TAKEN(32, blt, 0x00000000, 0x00000001)
  TEST_BR_NOT_TAKEN(33, blt, 0x00000001, 0x00000000)
  TEST_BR_TAKEN(34, blt, 0xffffffff, 0x00000000)
  TEST_BR_NOT_TAKEN(35, blt, 0x00000000, 0xffffffff)
  TEST_BR_TAKEN(36, blt, 0xffffffff, 0x00000001)
  TEST_BR_NOT_TAKEN(37, blt, 0x00000001, 0xffffffff)
  TEST_BR_TAKEN(38, blt, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(39, blt, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN(40, blt, 0x80000000, 0x80000000)
  TEST_BR_TAKEN(41, blt, 0x80000000, 0x80000001)
  TEST_BR_TAKEN(42, blt, 0xfffffffe, 0xffffffff)

  /* ---- bge ---- */
  TEST_BR_TAKEN(43, bge, 0x00000000, 0x00000000)
  TEST_BR_TAKEN(44, bge, 0x00000001, 0x00000001)
  TEST_BR_TAKEN(45, bge, 0xffffffff, 0xffffffff)
  TEST_BR_NOT_TAKEN(46, bge, 0x00000000, 0x00000001)
  TEST_BR_TAKEN(47, bge, 0x00000001, 0x00000000)
  TEST_BR_NOT_TAKEN(48, bge, 0xffffffff, 0x00000000)
  TEST_BR_TAKEN(49, bge, 0x00000000, 0xffffffff)
  TEST_BR_NOT_TAKEN(50, bge, 0xffffffff, 0x00000001)
  TEST_BR_TAKEN(51, bge, 0x00000001, 0xffffffff)
  TEST_BR_NOT_TAKEN(52, bge, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(53, bge, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN(54, bge, 0x80000000, 0x80000000)
  TEST_BR_NOT_TAKEN(55, bge, 0x80000000, 0x80000001)
  TEST_BR_NOT_TAKEN(56, bge, 0xfffffffe, 0xffffffff)

  /* ---- bltu ---- */
  TEST_BR_NOT_TAKEN(57, bltu, 0x00000000, 0x00000000)
  TEST_BR_NOT_TAKEN(58, bltu, 0x00000001, 0x00000001)
  TEST_BR_NOT_TAKEN(59, bltu, 0xffffffff, 0xffffffff)
  TEST_BR_TAKEN(60, bltu, 0x00000000, 0x00000001)
  TEST_BR_NOT_TAKEN(61, bltu, 0x00000001, 0x00000000)
  TEST_BR_NOT_TAKEN(62, bltu, 0xffffffff, 0x00000000)
  TEST_BR_TAKEN(63, bltu, 0x00000000, 0xffffffff)
  TEST_BR_NOT_TAKEN(64, bltu, 0xffffffff, 0x00000001)
  TEST_BR_TAKEN(65, bltu, 0x00000001, 0xffffffff)
  TEST_BR_NOT_TAKEN(66, bltu, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(67, bltu, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN(68, bltu, 0x80000000, 0x80000000)
  TEST_BR_TAKEN(69, bltu, 0x80000000, 0x80000001)
  TEST_BR_TAKEN(70, bltu, 0xfffffffe, 0xffffffff)

  /* ---- bgeu ---- */
  TEST_BR_TAKEN(71, bgeu, 0x00000000, 0x00000000)
  TEST_BR_TAKEN(72, bgeu, 0x00000001, 0x00000001)
  TEST_BR_TAKEN(73, bgeu, 0xffffffff, 0xffffffff)
  TEST_BR_NOT_TAKEN(74, bgeu, 0x00000000, 0x00000001)
  TEST_BR_TAKEN(75, bgeu, 0x00000001, 0x00000000)
  TEST_BR_TAKEN(76, bgeu, 0xffffffff, 0x00000000)
  TEST_BR_NOT_TAKEN(77, bgeu, 0x00000000, 0xffffffff)
  TEST_BR_TAKEN(78, bgeu, 0xffffffff, 0x00000001)
  TEST_BR_NOT_TAKEN(79, bgeu, 0x00000001, 0xffffffff)
  TEST_BR_TAKEN(80, bgeu, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(81, bgeu, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN(82, bgeu, 0x80000000, 0x80000000)
  TEST_BR_NOT_TAKEN(83, bgeu, 0x80000000, 0x80000001)
  TEST_BR_NOT_TAKEN(84, bgeu, 0xfffffffe, 0xffffffff)

  RVTEST_PASS
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
