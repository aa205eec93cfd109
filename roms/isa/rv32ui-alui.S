/*
 * rv32ui-alui: RV32I register-immediate operations, lui and auipc.
 *
 * Immediates at the ends of their 12-bit signed range (sltiu compares against the sign-extended
 * immediate as unsigned), shift amounts 0..31, rd == rs1, x0 as source and destination; lui with
 * the top bit set, auipc against the address of the instruction itself.
 * Self-checking in test environment "p" (env/p/riscv_test.h): passes through tohost and the finisher,
 * or fails with the number of the first case that went wrong. Expected values follow the RISC-V
 * unprivileged ISA spec (20191213); every case was also checked on QEMU 7.2.
 */
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV32U
RVTEST_CODE_BEGIN

  /* ---- addi ---- */
  TEST_IMM_OP(1, addi, 0x00000000, 0x00000000, 0)
  TEST_IMM_OP(2, addi, 0x00000002, 0x00000001, 1)
  TEST_IMM_OP(3, addi, 0x00000004, 0x00000005, -1)
  TEST_IMM_OP(4, addi, 0x00000000, 0xffffffff, 1)
  TEST_IMM_OP(5, addi, 0x800007fe, 0x7fffffff, 2047)
  TEST_IMM_OP(6, addi, 0x7ffff7ff, 0x7fffffff, -2048)
  TEST_IMM_OP(7, addi, 0x7fffffff, 0x80000000, -1)
  TEST_IMM_OP(8, addi, 0x800007ff, 0x80000000, 2047)
  TEST_IMM_OP(9, addi, 0x12345e77, 0x12345678, 2047)
  TEST_IMM_OP(10, addi, 0x12345123, 0x12345678, -1365)
  TEST_IMM_OP(11, addi, 0xfffff000, 0xfffff800, -2048)
  TEST_IMM_OP(12, addi, 0xfffff000, 0xfffff800, -2048)
  TEST_IMM_SRC1_EQ_DEST(13, addi, 0x00000000, 0xffffffff, 1)
  TEST_IMM_HIGHREGS(14, addi, 0x7fffffff, 0x80000000, -1)
  TEST_IMM_ZEROSRC1(15, addi, 0xfffff800, -2048)
  TEST_IMM_ZERODEST(16, addi, 0x80000000, -2048)

  /* ---- slti ---- */
  TEST_IMM_OP(17, slti, 0x00000000, 0x00000000, 0)
  TEST_IMM_OP(18, slti, 0x00000000, 0x00000001, 1)
  TEST_IMM_OP(19, slti, 0x00000000, 0x00000005, -1)
  TEST_IMM_OP(20, slti, 0x00000001, 0xffffffff, 1)
  TEST_IMM_OP(21, slti, 0x00000000, 0x7fffffff, 2047)
  TEST_IMM_OP(22, slti, 0x00000000, 0x7fffffff, -2048)
  TEST_IMM_OP(23, slti, 0x00000001, 0x80000000, -1)
  TEST_IMM_OP(24, slti, 0x00000001, 0x80000000, 2047)
  TEST_IMM_OP(25, slti, 0x00000000, 0x12345678, 2047)
  TEST_IMM_OP(26, slti, 0x00000000, 0x12345678, -1365)
  TEST_IMM_OP(27, slti, 0x00000000, 0xfffff800, -2048)
  TEST_IMM_OP(28, slti, 0x00000000, 0xfffff800, -2048)
  TEST_IMM_SRC1_EQ_DEST(29, slti, 0x00000001, 0xffffffff, 1)
  TEST_IMM_HIGHREGS(30, slti, 0x00000001, 0x80000000, -1)
  TEST_IMM_ZEROSRC1(31, slti, 0x00000000, -2048)
  TEST_IMM_ZERODEST(32, slti, 0x80000000, -2048)

  /* ---- sltiu ---- */
  TEST_IMM_OP(33, sltiu, 0x00000000, 0x00000000, 0)
  TEST_IMM_OP(34, sltiu, 0x00000000, 0x00000001, 1)
  TEST_IMM_OP(35, sltiu, 0x00000001, 0x00000005, -1)
  TEST_IMM_OP(36, sltiu, 0x00000000, 0xffffffff, 1)
  TEST_IMM_OP(37, sltiu, 0x00000000, 0x7fffffff, 2047)
  TEST_IMM_OP(38, sltiu, 0x00000001, 0x7fffffff, -2048)
  TEST_IMM_OP(39, sltiu, 0x00000001, 0x80000000, -1)
  TEST_IMM_OP(40, sltiu, 0x00000000, 0x80000000, 2047)
  TEST_IMM_OP(41, sltiu, 0x00000000, 0x12345678, 2047)
  TEST_IMM_OP(42, sltiu, 0x00000001, 0x12345678, -1365)
  TEST_IMM_OP(43, sltiu, 0x00000000, 0xfffff800, -2048)
  TEST_IMM_OP(44, sltiu, 0x00000000, 0xfffff800, -2048)
  TEST_IMM_SRC1_EQ_DEST(45, sltiu, 0x00000000, 0xffffffff, 1)
  TEST_IMM_HIGHREGS(46, sltiu, 0x00000001, 0x80000000, -1)
  TEST_IMM_ZEROSRC1(47, sltiu, 0x00000001, -2048)
  TEST_IMM_ZERODEST(48, sltiu, 0x80000000, -2048)

  /* ---- xori ---- */
  TEST_IMM_OP(49, xori, 0x00000000, 0x00000000, 0)
  TEST_IMM_OP(50, xori, 0x00000000, 0x00000001, 1)
  TEST_IMM_OP(51, xori, 0xfffffffa, 0x00000005, -1)
  TEST_IMM_OP(52, xori, 0xfffffffe, 0xffffffff, 1)
  TEST_IMM_OP(53, xori, 0x7ffff800, 0x7fffffff, 2047)
  TEST_IMM_OP(54, xori, 0x800007ff, 0x7fffffff, -2048)
  TEST_IMM_OP(55, xori, 0x7fffffff, 0x80000000, -1)
  TEST_IMM_OP(56, xori, 0x800007ff, 0x80000000, 2047)
  TEST_IMM_OP(57, xori, 0x12345187, 0x12345678, 2047)
  TEST_IMM_OP(58, xori, 0xedcbacd3, 0x12345678, -1365)
  TEST_IMM_OP(59, xori, 0x00000000, 0xfffff800, -2048)
  TEST_IMM_OP(60, xori, 0x00000000, 0xfffff800, -2048)
  TEST_IMM_SRC1_EQ_DEST(61, xori, 0xfffffffe, 0xffffffff, 1)
  TEST_IMM_HIGHREGS(62, xori, 0x7fffffff, 0x80000000, -1)
  TEST_IMM_ZEROSRC1(63, xori, 0xfffff800, -2048)
  TEST_IMM_ZERODEST(64, xori, 0x80000000, -2048)

  /* ---- ori ---- */
  TEST_IMM_OP(65, ori, 0x00000000, 0x00000000, 0)
  TEST_IMM_OP(66, ori, 0x00000001, 0x00000001, 1)
  TEST_IMM_OP(67, ori, 0xffffffff, 0x00000005, -1)
  TEST_IMM_OP(68, ori, 0xffffffff, 0xffffffff, 1)
  TEST_IMM_OP(69, ori, 0x7fffffff, 0x7fffffff, 2047)
  TEST_IMM_OP(70, ori, 0xffffffff, 0x7fffffff, -2048)
  TEST_IMM_OP(71, ori, 0xffffffff, 0x80000000, -1)
  TEST_IMM_OP(72, ori, 0x800007ff, 0x80000000, 2047)
  TEST_IMM_OP(73, ori, 0x123457ff, 0x12345678, 2047)
  TEST_IMM_OP(74, ori, 0xfffffefb, 0x12345678, -1365)
  TEST_IMM_OP(75, ori, 0xfffff800, 0xfffff800, -2048)
  TEST_IMM_OP(76, ori, 0xfffff800, 0xfffff800, -2048)
  TEST_IMM_SRC1_EQ_DEST(77, ori, 0xffffffff, 0xffffffff, 1)
  TEST_IMM_HIGHREGS(78, ori, 0xffffffff, 0x80000000, -1)
  TEST_IMM_ZEROSRC1(79, ori, 0xfffff800, -2048)
  TEST_IMM_ZERODEST(80, ori, 0x80000000, -2048)

  /* ---- andi ---- */
  TEST_IMM_OP(81, andi, 0x00000000, 0x00000000, 0)
  TEST_IMM_OP(82, andi, 0x00000001, 0x00000001, 1)
  TEST_IMM_OP(83, andi, 0x00000005, 0x00000005, -1)
  TEST_IMM_OP(84, andi, 0x00000001, 0xffffffff, 1)
  TEST_IMM_OP(85, andi, 0x000007ff, 0x7fffffff, 2047)
  TEST_IMM_OP(86, andi, 0x7ffff800, 0x7fffffff, -2048)
  TEST_IMM_OP(87, andi, 0x80000000, 0x80000000, -1)
  TEST_IMM_OP(88, andi, 0x00000000, 0x80000000, 2047)
  TEST_IMM_OP(89, andi, 0x00000678, 0x12345678, 2047)
  TEST_IMM_OP(90, andi, 0x12345228, 0x12345678, -1365)
  TEST_IMM_OP(91, andi, 0xfffff800, 0xfffff800, -2048)
  TEST_IMM_OP(92, andi, 0xfffff800, 0xfffff800, -2048)
  TEST_IMM_SRC1_EQ_DEST(93, andi, 0x00000001, 0xffffffff, 1)
  TEST_IMM_HIGHREGS(94, andi, 0x80000000, 0x80000000, -1)
  TEST_IMM_ZEROSRC1(95, andi, 0x00000000, -2048)
  TEST_IMM_ZERODEST(96, andi, 0x80000000, -2048)

  /* ---- slli ---- */
  TEST_IMM_OP(97, slli, 0x80000001, 0x80000001, 0)
  TEST_IMM_OP(98, slli, 0x00000002, 0x80000001, 1)
  TEST_IMM_OP(99, slli, 0x00000080, 0x80000001, 7)
  TEST_IMM_OP(100, slli, 0x80000000, 0x80000001, 31)
  TEST_IMM_OP(101, slli, 0x80000000, 0xffffffff, 31)
  TEST_IMM_OP(102, slli, 0x56780000, 0x12345678, 16)
  TEST_IMM_OP(103, slli, 0xc0000000, 0x7fffffff, 30)
  TEST_IMM_SRC1_EQ_DEST(104, slli, 0x80000000, 0x80000001, 31)
  TEST_IMM_HIGHREGS(105, slli, 0xc0000000, 0x7fffffff, 30)
  TEST_IMM_ZEROSRC1(106, slli, 0x00000000, 16)
  TEST_IMM_ZERODEST(107, slli, 0x7fffffff, 16)

  /* ---- srli ---- */
  TEST_IMM_OP(108, srli, 0x80000001, 0x80000001, 0)
  TEST_IMM_OP(109, srli, 0x40000000, 0x80000001, 1)
  TEST_IMM_OP(110, srli, 0x01000000, 0x80000001, 7)
  TEST_IMM_OP(111, srli, 0x00000001, 0x80000001, 31)
  TEST_IMM_OP(112, srli, 0x00000001, 0xffffffff, 31)
  TEST_IMM_OP(113, srli, 0x00001234, 0x12345678, 16)
  TEST_IMM_OP(114, srli, 0x00000001, 0x7fffffff, 30)
  TEST_IMM_SRC1_EQ_DEST(115, srli, 0x00000001, 0x80000001, 31)
  TEST_IMM_HIGHREGS(116, srli, 0x00000001, 0x7fffffff, 30)
  TEST_IMM_ZEROSRC1(117, srli, 0x00000000, 16)
  TEST_IMM_ZERODEST(118, srli, 0x7fffffff, 16)

  /* ---- srai ---- */
  TEST_IMM_OP(119, srai, 0x80000001, 0x80000001, 0)
  TEST_IMM_OP(120, srai, 0xc0000000, 0x80000001, 1)
  TEST_IMM_OP(121, srai, 0xff000000, 0x80000001, 7)
  TEST_IMM_OP(122, srai, 0xffffffff, 0x80000001, 31)
  TEST_IMM_OP(123, srai, 0xffffffff, 0xffffffff, 31)
  TEST_IMM_OP(124, srai, 0x00001234, 0x12345678, 16)
  TEST_IMM_OP(125, srai, 0x00000001, 0x7fffffff, 30)
  TEST_IMM_SRC1_EQ_DEST(126, srai, 0xffffffff, 0x80000001, 31)
  TEST_IMM_HIGHREGS(127, srai, 0x00000001, 0x7fffffff, 30)
  TEST_IMM_ZEROSRC1(128, srai, 0x00000000, 16)
  TEST_IMM_ZERODEST(129, srai, 0x7fffffff, 16)

  /* ---- lui ---- */
  TEST_CASE(130, a0, 0x00000000, lui a0, 0)
  TEST_CASE(131, a0, 0x12345000, lui a0, 0x12345)
  TEST_CASE(132, a0, 0x80000000, lui a0, 0x80000)
  TEST_CASE(133, a0, 0xfffff000, lui a0, 0xfffff)
  TEST_CASE(134, a0, 0x7fffffff, lui a0, 0x80000; addi a0, a0, -1)
  TEST_CASE(135, x0, 0, lui x0, 0x12345)
  TEST_CASE(136, x29, 0xabcde000, lui x29, 0xabcde)

  /* ---- auipc: rd = address of the auipc + (imm << 12) ---- */
  TEST_CASE(140, a0, 0, 1: auipc a0, 0; la a1, 1b; sub a0, a0, a1)
  TEST_CASE(141, a0, 0x1000, 1: auipc a0, 1; la a1, 1b; sub a0, a0, a1)
  TEST_CASE(142, a0, 0xfffff000, 1: auipc a0, 0xfffff; la a1, 1b; sub a0, a0, a1)
  TEST_CASE(143, a0, 0x80000000, 1: auipc a0, 0x80000; la a1, 1b; sub a0, a0, a1)
  TEST_CASE(144, a0, 0x12345000, 1: auipc a0, 0x12345; la a1, 1b; sub a0, a0, a1)
  TEST_CASE(145, x0, 0, auipc x0, 0x12345)

  RVTEST_PASS
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
