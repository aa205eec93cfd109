/*
 * rv32ua: RV32A atomics (lr.w, sc.w, amoswap/add/xor/and/or/min/max/minu/maxu.w).
 *
 * lr.w/sc.w: sc.w without a reservation fails (rd nonzero, memory unchanged), lr.w then sc.w
 * succeeds (rd = 0), a second sc.w after a successful one fails, lr.w with rd = x0 still reserves,
 * sc.w with rd == rs2, an lr/sc retry loop, the aq/rl encodings. AMOs: rd gets the old memory value
 * and memory the result, min/max signed vs minu/maxu unsigned on the sign-bit edges, rd == rs2
 * (the old value wins in rd, the new value is computed from the old rs2), rd = x0 (memory still
 * updated), and the aq/rl variants. Only what the spec fixes is checked: sc.w's failure code is
 * tested as "nonzero", and sc.w to an address other than the reserved one is not tested (the
 * reservation set's size is implementation-defined).
 * Self-checking in test environment "p" (env/p/riscv_test.h).
 */
#include "riscv_test.h"
#include "test_macros.h"

/* amo_w := mem0; a0 := op [amo_w], v2; expect a0 == mem0 (the old value). */
#define TEST_AMO(n, op, mem0, v2)                                               \
        TEST_CASE(n, a0, mem0, la a1, amo_w; li a3, mem0; sw a3, 0(a1);         \
                  li a0, 0xdeadbeef; li a2, v2; op a0, a2, (a1))

/* Expect the word at amo_w. */
#define TEST_AMO_MEM(n, val)                                                    \
        TEST_CASE(n, a0, val, la a1, amo_w; lw a0, 0(a1))

RVTEST_RV32U
RVTEST_CODE_BEGIN

  /* ---- lr.w / sc.w ---- */
  /* No lr.w has run yet: sc.w must fail and leave memory alone. */
  TEST_CASE(1, a0, 1, la a1, amo_w; li a0, 0x11111111; sw a0, 0(a1); li a2, 0x22222222; sc.w a3, a2, (a1); snez a0, a3)
  TEST_AMO_MEM(2, 0x11111111)
  TEST_CASE(3, a0, 0x11111111, la a1, amo_w; lr.w a0, (a1))
  TEST_CASE(4, a0, 0, la a1, amo_w; lr.w a3, (a1); li a2, 0x33333333; li a0, 0x5555; sc.w a0, a2, (a1))
  TEST_AMO_MEM(5, 0x33333333)
  /* The successful sc.w consumed the reservation. */
  TEST_CASE(6, a0, 1, la a1, amo_w; li a2, 0x44444444; sc.w a3, a2, (a1); snez a0, a3)
  TEST_AMO_MEM(7, 0x33333333)
  TEST_CASE(8, a2, 0, la a1, amo_w; lr.w a3, (a1); li a2, 0x66666666; sc.w a2, a2, (a1))
  TEST_AMO_MEM(9, 0x66666666)
  TEST_CASE(10, a0, 0, la a1, amo_w; lr.w x0, (a1); li a2, 0x77777777; li a0, 0x5555; sc.w a0, a2, (a1))
  TEST_AMO_MEM(11, 0x77777777)
  /* The usual atomic increment loop, ten times. */
  TEST_CASE(12, a0, 0x77777781, la a1, amo_w; li a4, 10;
            1: lr.w a3, (a1); addi a3, a3, 1; sc.w a5, a3, (a1); bnez a5, 1b; addi a4, a4, -1; bnez a4, 1b;
            lw a0, 0(a1))
  TEST_CASE(13, a0, 0, la a1, amo_w; lr.w.aq a3, (a1); li a2, 0x12121212; li a0, 0x5555; sc.w.rl a0, a2, (a1))
  TEST_AMO_MEM(14, 0x12121212)
  TEST_CASE(15, a0, 0, la a1, amo_w; lr.w.aqrl a3, (a1); li a2, 0x34343434; li a0, 0x5555; sc.w.aqrl a0, a2, (a1))
  TEST_AMO_MEM(16, 0x34343434)
  TEST_CASE(17, a0, 0x34343434, la a1, amo_w; lr.w a0, (a1); sc.w a3, a0, (a1); lr.w a0, (a1))
  /* Another word, found by its offset from the base: the reservation follows the address. */
  TEST_CASE(18, a0, 0, la a1, amo_w; addi a1, a1, 4; lr.w a3, (a1); li a2, 0x56565656; li a0, 0x5555; sc.w a0, a2, (a1))
  TEST_CASE(19, a0, 0x56565656, la a1, amo_w; lw a0, 4(a1))

  /* ---- amoswap.w ---- */
  TEST_AMO(31, amoswap.w, 0x80000000, 0x00000001)
  TEST_AMO_MEM(32, 0x00000001)
  TEST_AMO(33, amoswap.w, 0x00000001, 0x80000000)
  TEST_AMO_MEM(34, 0x80000000)
  TEST_AMO(35, amoswap.w, 0xffffffff, 0x00000000)
  TEST_AMO_MEM(36, 0x00000000)
  TEST_AMO(37, amoswap.w, 0x7fffffff, 0x80000000)
  TEST_AMO_MEM(38, 0x80000000)
  TEST_AMO(39, amoswap.w, 0x12345678, 0x0ff00ff0)
  TEST_AMO_MEM(40, 0x0ff00ff0)
  TEST_AMO(41, amoswap.w, 0x00000005, 0x00000005)
  TEST_AMO_MEM(42, 0x00000005)
  TEST_CASE(43, a2, 0x12345678, la a1, amo_w; li a0, 0x12345678; sw a0, 0(a1); li a2, 0x0ff00ff0; amoswap.w a2, a2, (a1))
  TEST_AMO_MEM(44, 0x0ff00ff0)
  TEST_CASE(45, x0, 0, la a1, amo_w; li a0, 0x7fffffff; sw a0, 0(a1); li a2, 0x80000000; amoswap.w x0, a2, (a1))
  TEST_AMO_MEM(46, 0x80000000)

  /* ---- amoadd.w ---- */
  TEST_AMO(47, amoadd.w, 0x80000000, 0x00000001)
  TEST_AMO_MEM(48, 0x80000001)
  TEST_AMO(49, amoadd.w, 0x00000001, 0x80000000)
  TEST_AMO_MEM(50, 0x80000001)
  TEST_AMO(51, amoadd.w, 0xffffffff, 0x00000000)
  TEST_AMO_MEM(52, 0xffffffff)
  TEST_AMO(53, amoadd.w, 0x7fffffff, 0x80000000)
  TEST_AMO_MEM(54, 0xffffffff)
  TEST_AMO(55, amoadd.w, 0x12345678, 0x0ff00ff0)
  TEST_AMO_MEM(56, 0x22246668)
  TEST_AMO(57, amoadd.w, 0x00000005, 0x00000005)
  TEST_AMO_MEM(58, 0x0000000a)
  TEST_CASE(59, a2, 0x12345678, la a1, amo_w; li a0, 0x12345678; sw a0, 0(a1); li a2, 0x0ff00ff0; amoadd.w a2, a2, (a1))
  TEST_AMO_MEM(60, 0x22246668)
  TEST_CASE(61, x0, 0, la a1, amo_w; li a0, 0x7fffffff; sw a0, 0(a1); li a2, 0x80000000; amoadd.w x0, a2, (a1))
  TEST_AMO_MEM(62, 0xffffffff)

  /* ---- amoxor.w ---- */
  TEST_AMO(63, amoxor.w, 0x80000000, 0x00000001)
  TEST_AMO_MEM(64, 0x80000001)
  TEST_AMO(65, amoxor.w, 0x00000001, 0x80000000)
  TEST_AMO_MEM(66, 0x80000001)
  TEST_AMO(67, amoxor.w, 0xffffffff, 0x00000000)
  TEST_AMO_MEM(68, 0xffffffff)
  TEST_AMO(69, amoxor.w, 0x7fffffff, 0x80000000)
  TEST_AMO_MEM(70, 0xffffffff)
  TEST_AMO(71, amoxor.w, 0x12345678, 0x0ff00ff0)
  TEST_AMO_MEM(72, 0x1dc45988)
  TEST_AMO(73, amoxor.w, 0x00000005, 0x00000005)
  TEST_AMO_MEM(74, 0x00000000)
  TEST_CASE(75, a2, 0x12345678, la a1, amo_w; li a0, 0x12345678; sw a0, 0(a1); li a2, 0x0ff00ff0; amoxor.w a2, a2, (a1))
  TEST_AMO_MEM(76, 0x1dc45988)
  TEST_CASE(77, x0, 0, la a1, amo_w; li a0, 0x7fffffff; sw a0, 0(a1); li a2, 0x80000000; amoxor.w x0, a2, (a1))
  TEST_AMO_MEM(78, 0xffffffff)

  /* ---- amoand.w ---- */
  TEST_AMO(79, amoand.w, 0x80000000, 0x00000001)
  TEST_AMO_MEM(80, 0x00000000)
  TEST_AMO(81, amoand.w, 0x00000001, 0x80000000)
  TEST_AMO_MEM(82, 0x00000000)
  TEST_AMO(83, amoand.w, 0xffffffff, 0x00000000)
  TEST_AMO_MEM(84, 0x00000000)
  TEST_AMO(85, amoand.w, 0x7fffffff, 0x80000000)
  TEST_AMO_MEM(86, 0x00000000)
  TEST_AMO(87, amoand.w, 0x12345678, 0x0ff00ff0)
  TEST_AMO_MEM(88, 0x02300670)
  TEST_AMO(89, amoand.w, 0x00000005, 0x00000005)
  TEST_AMO_MEM(90, 0x00000005)
  TEST_CASE(91, a2, 0x12345678, la a1, amo_w; li a0, 0x12345678; sw a0, 0(a1); li a2, 0x0ff00ff0; amoand.w a2, a2, (a1))
  TEST_AMO_MEM(92, 0x02300670)
  TEST_CASE(93, x0, 0, la a1, amo_w; li a0, 0x7fffffff; sw a0, 0(a1); li a2, 0x80000000; amoand.w x0, a2, (a1))
  TEST_AMO_MEM(94, 0x00000000)

  /* ---- amoor.w ---- */
  TEST_AMO(95, amoor.w, 0x80000000, 0x00000001)
  TEST_AMO_MEM(96, 0x80000001)
  TEST_AMO(97, amoor.w, 0x00000001, 0x80000000)
  TEST_AMO_MEM(98, 0x80000001)
  TEST_AMO(99, amoor.w, 0xffffffff, 0x00000000)
  TEST_AMO_MEM(100, 0xffffffff)
  TEST_AMO(101, amoor.w, 0x7fffffff, 0x80000000)
  TEST_AMO_MEM(102, 0xffffffff)
  TEST_AMO(103, amoor.w, 0x12345678, 0x0ff00ff0)
  TEST_AMO_MEM(104, 0x1ff45ff8)
  TEST_AMO(105, amoor.w, 0x00000005, 0x00000005)
  TEST_AMO_MEM(106, 0x00000005)
  TEST_CASE(107, a2, 0x12345678, la a1, amo_w; li a0, 0x12345678; sw a0, 0(a1); li a2, 0x0ff00ff0; amoor.w a2, a2, (a1))
  TEST_AMO_MEM(108, 0x1ff45ff8)
  TEST_CASE(109, x0, 0, la a1, amo_w; li a0, 0x7fffffff; sw a0, 0(a1); li a2, 0x80000000; amoor.w x0, a2, (a1))
  TEST_AMO_MEM(110, 0xffffffff)

  /* ---- amomin.w ---- */
  TEST_AMO(111, amomin.w, 0x80000000, 0x00000001)
  TEST_AMO_MEM(112, 0x80000000)
  TEST_AMO(113, amomin.w, 0x00000001, 0x80000000)
  TEST_AMO_MEM(114, 0x80000000)
  TEST_AMO(115, amomin.w, 0xffffffff, 0x00000000)
  TEST_AMO_MEM(116, 0xffffffff)
  TEST_AMO(117, amomin.w, 0x7fffffff, 0x80000000)
  TEST_AMO_MEM(118, 0x80000000)
  TEST_AMO(119, amomin.w, 0x12345678, 0x0ff00ff0)
  TEST_AMO_MEM(120, 0x0ff00ff0)
  TEST_AMO(121, amomin.w, 0x00000005, 0x00000005)
  TEST_AMO_MEM(122, 0x00000005)
  TEST_CASE(123, a2, 0x12345678, la a1, amo_w; li a0, 0x12345678; sw a0, 0(a1); li a2, 0x0ff00ff0; amomin.w a2, a2, (a1))
  TEST_AMO_MEM(124, 0x0ff00ff0)
  TEST_CASE(125, x0, 0, la a1, amo_w; li a0, 0x7fffffff; sw a0, 0(a1); li a2, 0x80000000; amomin.w x0, a2, (a1))
  TEST_AMO_MEM(126, 0x80000000)

  /* ---- amomax.w ---- */
  TEST_AMO(127, amomax.w, 0x80000000, 0x00000001)
  TEST_AMO_MEM(128, 0x00000001)
  TEST_AMO(129, amomax.w, 0x00000001, 0x80000000)
  TEST_AMO_MEM(130, 0x00000001)
  TEST_AMO(131, amomax.w, 0xffffffff, 0x00000000)
  TEST_AMO_MEM(132, 0x00000000)
  TEST_AMO(133, amomax.w, 0x7fffffff, 0x80000000)
  TEST_AMO_MEM(134, 0x7fffffff)
  TEST_AMO(135, amomax.w, 0x12345678, 0x0ff00ff0)
  TEST_AMO_MEM(136, 0x12345678)
  TEST_AMO(137, amomax.w, 0x00000005, 0x00000005)
  TEST_AMO_MEM(138, 0x00000005)
  TEST_CASE(139, a2, 0x12345678, la a1, amo_w; li a0, 0x12345678; sw a0, 0(a1); li a2, 0x0ff00ff0; amomax.w a2, a2, (a1))
  TEST_AMO_MEM(140, 0x12345678)
  TEST_CASE(141, x0, 0, la a1, amo_w; li a0, 0x7fffffff; sw a0, 0(a1); li a2, 0x80000000; amomax.w x0, a2, (a1))
  TEST_AMO_MEM(142, 0x7fffffff)

  /* ---- amominu.w ---- */
  TEST_AMO(143, amominu.w, 0x80000000, 0x00000001)
  TEST_AMO_MEM(144, 0x00000001)
  TEST_AMO(145, amominu.w, 0x00000001, 0x80000000)
  TEST_AMO_MEM(146, 0x00000001)
  TEST_AMO(147, amominu.w, 0xffffffff, 0x00000000)
  TEST_AMO_MEM(148, 0x00000000)
  TEST_AMO(149, amominu.w, 0x7fffffff, 0x80000000)
  TEST_AMO_MEM(150, 0x7fffffff)
  TEST_AMO(151, amominu.w, 0x12345678, 0x0ff00ff0)
  TEST_AMO_MEM(152, 0x0ff00ff0)
  TEST_AMO(153, amominu.w, 0x00000005, 0x00000005)
  TEST_AMO_MEM(154, 0x00000005)
  TEST_CASE(155, a2, 0x12345678, la a1, amo_w; li a0, 0x12345678; sw a0, 0(a1); li a2, 0x0ff00ff0; amominu.w a2, a2, (a1))
  TEST_AMO_MEM(156, 0x0ff00ff0)
  TEST_CASE(157, x0, 0, la a1, amo_w; li a0, 0x7fffffff; sw a0, 0(a1); li a2, 0x80000000; amominu.w x0, a2, (a1))
  TEST_AMO_MEM(158, 0x7fffffff)

  /* ---- amomaxu.w ---- */
  TEST_AMO(159, amomaxu.w, 0x80000000, 0x00000001)
  TEST_AMO_MEM(160, 0x80000000)
  TEST_AMO(161, amomaxu.w, 0x00000001, 0x80000000)
  TEST_AMO_MEM(162, 0x80000000)
  TEST_AMO(163, amomaxu.w, 0xffffffff, 0x00000000)
  TEST_AMO_MEM(164, 0xffffffff)
  TEST_AMO(165, amomaxu.w, 0x7fffffff, 0x80000000)
  TEST_AMO_MEM(166, 0x80000000)
  TEST_AMO(167, amomaxu.w, 0x12345678, 0x0ff00ff0)
  TEST_AMO_MEM(168, 0x12345678)
  TEST_AMO(169, amomaxu.w, 0x00000005, 0x00000005)
  TEST_AMO_MEM(170, 0x00000005)
  TEST_CASE(171, a2, 0x12345678, la a1, amo_w; li a0, 0x12345678; sw a0, 0(a1); li a2, 0x0ff00ff0; amomaxu.w a2, a2, (a1))
  TEST_AMO_MEM(172, 0x12345678)
  TEST_CASE(173, x0, 0, la a1, amo_w; li a0, 0x7fffffff; sw a0, 0(a1); li a2, 0x80000000; amomaxu.w x0, a2, (a1))
  TEST_AMO_MEM(174, 0x80000000)

  /* ---- aq/rl encodings ---- */
  TEST_AMO(180, amoadd.w.aq, 0x00000010, 0x00000001)
  TEST_AMO_MEM(181, 0x00000011)
  TEST_AMO(182, amoadd.w.rl, 0x00000010, 0x00000002)
  TEST_AMO_MEM(183, 0x00000012)
  TEST_AMO(184, amoadd.w.aqrl, 0x00000010, 0x00000003)
  TEST_AMO_MEM(185, 0x00000013)
  TEST_AMO(186, amoswap.w.aqrl, 0xcafef00d, 0x0badc0de)
  TEST_AMO_MEM(187, 0x0badc0de)
  TEST_AMO(188, amomaxu.w.aq, 0x00000001, 0xffffffff)
  TEST_AMO_MEM(189, 0xffffffff)
  /* An AMO on a word next to amo_w leaves amo_w alone. */
  TEST_CASE(190, a0, 0xffffffff, la a1, amo_w; la a3, amo_w + 4; li a2, 1; amoswap.w a4, a2, (a3); lw a0, 0(a1))

  RVTEST_PASS
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .balign 16
amo_w: .word 0, 0, 0, 0
RVTEST_DATA_END
