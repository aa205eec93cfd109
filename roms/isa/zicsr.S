/*
 * zicsr: the six CSR instructions (csrrw csrrs csrrc csrrwi csrrsi csrrci) on mscratch, their
 * read/no-write rules, misa, and the counters' monotonicity.
 *
 * Rules checked (Zicsr chapter of the unprivileged spec): csrrw with rd = x0 still writes; csrrs and
 * csrrc with rs1 = x0, and csrrsi/csrrci with uimm = 0, do not write, so they read even read-only CSRs
 * (mhartid, mvendorid, mimpid) without trapping, whereas csrrw/csrrwi (even with rd = x0 or a zero
 * value) and csrrsi with a nonzero uimm trap there (illegal instruction, mcause 2);
 * rd == rs1 swaps. misa: MXL = 1 (RV32), I M A C S U set, F D (and E) clear. instret, cycle and their
 * machine aliases increase. The trigger registers exist (no triggers: tselect 0, tinfo 1, tdata1 0). mtval of the illegal-instruction traps is not checked (it may be 0 or the
 * instruction bits).
 * Self-checking in test environment "p" (env/p/riscv_test.h).
 */
#include "riscv_test.h"
#include "test_macros.h"

#define MISA_BIT(letter) (1 << ((letter) - 'A'))

RVTEST_RV32U
RVTEST_CODE_BEGIN

  /* ---- mscratch: every form ---- */
  TEST_CASE(1, a0, 0x12345678, li a1, 0x12345678; csrw mscratch, a1; csrr a0, mscratch)
  TEST_CASE(2, a0, 0x12345678, li a1, 0xcafef00d; csrrw a0, mscratch, a1)
  TEST_CASE(3, a0, 0xcafef00d, csrr a0, mscratch)
  TEST_CASE(4, a0, 0xcafef00d, li a1, 0x00000ff2; csrrs a0, mscratch, a1)
  TEST_CASE(5, a0, 0xcafeffff, csrr a0, mscratch)
  TEST_CASE(6, a0, 0xcafeffff, li a1, 0xf0f0f0f0; csrrc a0, mscratch, a1)
  TEST_CASE(7, a0, 0x0a0e0f0f, csrr a0, mscratch)
  TEST_CASE(8, a0, 0x0a0e0f0f, csrrwi a0, mscratch, 31)
  TEST_CASE(9, a0, 31, csrr a0, mscratch)
  TEST_CASE(10, a0, 31, csrrci a0, mscratch, 0x15)
  TEST_CASE(11, a0, 0x0a, csrr a0, mscratch)
  TEST_CASE(12, a0, 0x0a, csrrsi a0, mscratch, 0x11)
  TEST_CASE(13, a0, 0x1b, csrr a0, mscratch)
  TEST_CASE(14, a0, 0x1b, csrrwi a0, mscratch, 0)
  TEST_CASE(15, a0, 0, csrr a0, mscratch)

  /* ---- rd = x0 writes; rs1 = x0 / uimm = 0 do not ---- */
  TEST_CASE(20, a0, 0x55aa55aa, li a1, 0x55aa55aa; csrrw x0, mscratch, a1; csrr a0, mscratch)
  TEST_CASE(21, a0, 0x55aa55aa, csrrs a0, mscratch, x0; csrr a0, mscratch)
  TEST_CASE(22, a0, 0x55aa55aa, csrrc a0, mscratch, x0; csrr a0, mscratch)
  TEST_CASE(23, a0, 0x55aa55aa, csrrsi a0, mscratch, 0; csrr a0, mscratch)
  TEST_CASE(24, a0, 0x55aa55aa, csrrci a0, mscratch, 0; csrr a0, mscratch)
  TEST_CASE(25, a0, 0x55aa55ab, csrrsi x0, mscratch, 1; csrr a0, mscratch)
  TEST_CASE(26, a0, 0x55aa55aa, csrrci x0, mscratch, 1; csrr a0, mscratch)
  TEST_CASE(27, a0, 0x55aa55aa, li a1, 0; csrrs a0, mscratch, a1; csrr a0, mscratch)
  /* rd == rs1: old value out, register value in. */
  TEST_CASE(28, a1, 0x55aa55aa, li a1, 0x01234567; csrrw a1, mscratch, a1)
  TEST_CASE(29, a0, 0x01234567, csrr a0, mscratch)
  TEST_CASE(30, x29, 0x01234567, li x30, 0x10; csrrs x29, mscratch, x30)
  TEST_CASE(31, a0, 0x01234577, csrr a0, mscratch)

  /* ---- read-only CSRs: pure reads are fine, any write attempt traps ---- */
  TEST_CASE(40, a0, 0, csrrs a0, mhartid, x0)
  TEST_CASE(41, a0, 0, li a0, 7; csrrc a0, mhartid, x0)
  TEST_CASE(42, a0, 1, csrrs a0, mvendorid, x0; li a0, 1)
  TEST_CASE(43, a0, 1, csrrsi a0, mimpid, 0; csrrci a0, marchid, 0; li a0, 1)
  /* Not tested: csrrs/csrrc with rs1 != x0 holding 0 on a read-only CSR. The spec says this attempts
   * the write and so traps; QEMU 7.2 treats it as a read (its check looks at the mask's value). */
  TEST_TRAP_CAUSE(46, 2, csrrw x0, mhartid, x0)
  TEST_TRAP_CAUSE(47, 2, csrrwi a0, mvendorid, 0)
  TEST_TRAP_CAUSE(48, 2, csrrsi a0, mhartid, 1)

  /* ---- misa ---- */
  TEST_CASE(50, a0, 1, csrr a0, misa; srli a0, a0, 30)
  TEST_CASE(51, a0, MISA_BIT('I'), csrr a0, misa; li a1, MISA_BIT('I'); and a0, a0, a1)
  TEST_CASE(52, a0, MISA_BIT('M'), csrr a0, misa; li a1, MISA_BIT('M'); and a0, a0, a1)
  TEST_CASE(53, a0, MISA_BIT('A'), csrr a0, misa; li a1, MISA_BIT('A'); and a0, a0, a1)
  TEST_CASE(54, a0, MISA_BIT('C'), csrr a0, misa; li a1, MISA_BIT('C'); and a0, a0, a1)
  TEST_CASE(55, a0, MISA_BIT('S'), csrr a0, misa; li a1, MISA_BIT('S'); and a0, a0, a1)
  TEST_CASE(56, a0, MISA_BIT('U'), csrr a0, misa; li a1, MISA_BIT('U'); and a0, a0, a1)
  TEST_CASE(57, a0, 0, csrr a0, misa; li a1, MISA_BIT('F') | MISA_BIT('D') | MISA_BIT('E') | MISA_BIT('Q'); and a0, a0, a1)

  /* ---- counters increase ---- */
  TEST_CASE(60, a0, 1, rdinstret a1; nop; nop; nop; rdinstret a2; sltu a0, a1, a2)
  TEST_CASE(61, a0, 1, rdcycle a1; nop; nop; nop; rdcycle a2; sltu a0, a1, a2)
  TEST_CASE(62, a0, 1, csrr a1, minstret; nop; nop; nop; csrr a2, minstret; sltu a0, a1, a2)
  TEST_CASE(63, a0, 1, csrr a1, mcycle; nop; nop; nop; csrr a2, mcycle; sltu a0, a1, a2)

  /* ---- trigger registers (Sdtrig): present, and this board has no triggers ---- */
  /* The debug spec's discovery sequence: tselect takes 0; tinfo = 1 says "no trigger at this index",
   * and then tdata1 reads 0 (type 0) whatever was written. A board with triggers (tinfo != 1, e.g.
   * QEMU's) passes case 72 without the tdata1 check. */
  TEST_CASE(70, a0, 0, csrw tselect, x0; csrr a0, tselect)
  TEST_CASE(71, a0, 0, csrr a1, 0x7a4 /* tinfo */; li a0, 0)
  TEST_CASE(72, a0, 1, li a0, 1; csrr a1, 0x7a4 /* tinfo */; bne a1, a0, 1f; li a2, 0x20000044; csrw tdata1, a2; csrr a3, tdata1; seqz a0, a3; 1:)
  TEST_CASE(73, a0, 1, li a0, 1; csrr a1, 0x7a4 /* tinfo */; bne a1, a0, 1f; csrw tdata2, a1; csrr a3, tdata2; seqz a0, a3; 1:)

  RVTEST_PASS
RVTEST_CODE_END

TEST_TRAP_HANDLER

RVTEST_DATA_BEGIN
TEST_TRAP_DATA
RVTEST_DATA_END
