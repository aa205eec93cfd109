/*
 * rv32ui-ldst: RV32I loads and stores (lb lh lw lbu lhu sb sh sw).
 *
 * Loads: every byte/halfword/word of a pattern table with sign and zero extension, offsets at the ends
 * of the 12-bit range (±2047/-2048), negative offsets, rd == base, rd = x0 (stays 0), use right after
 * the load. Stores: each width alone and overwriting part of a word (neighbouring bytes unchanged,
 * little-endian byte order), negative offsets, storing x0, storing the base register itself.
 * All accesses are naturally aligned (misaligned ones are in the misaligned test).
 * Self-checking in test environment "p" (env/p/riscv_test.h).
 */
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV32U
RVTEST_CODE_BEGIN

  /* ---- lb / lbu: every byte of ld_b ---- */
  TEST_LD(1, lb, 0xffffffff, 0, ld_b)
  TEST_LD(2, lb, 0x00000000, 1, ld_b)
  TEST_LD(3, lb, 0xfffffff0, 2, ld_b)
  TEST_LD(4, lb, 0x0000000f, 3, ld_b)
  TEST_LD(5, lb, 0xffffff80, 4, ld_b)
  TEST_LD(6, lb, 0x0000007f, 5, ld_b)
  TEST_LD(7, lb, 0x00000001, 6, ld_b)
  TEST_LD(8, lb, 0xfffffffe, 7, ld_b)
  TEST_LD(9, lbu, 0x000000ff, 0, ld_b)
  TEST_LD(10, lbu, 0x00000000, 1, ld_b)
  TEST_LD(11, lbu, 0x000000f0, 2, ld_b)
  TEST_LD(12, lbu, 0x0000000f, 3, ld_b)
  TEST_LD(13, lbu, 0x00000080, 4, ld_b)
  TEST_LD(14, lbu, 0x0000007f, 5, ld_b)
  TEST_LD(15, lbu, 0x00000001, 6, ld_b)
  TEST_LD(16, lbu, 0x000000fe, 7, ld_b)

  /* ---- lh / lhu ---- */
  TEST_LD(20, lh, 0x000000ff, 0, ld_h)
  TEST_LD(21, lh, 0xffffff00, 2, ld_h)
  TEST_LD(22, lh, 0x00000ff0, 4, ld_h)
  TEST_LD(23, lh, 0xfffff00f, 6, ld_h)
  TEST_LD(24, lh, 0xffff8000, 8, ld_h)
  TEST_LD(25, lh, 0x00007fff, 10, ld_h)
  TEST_LD(26, lhu, 0x000000ff, 0, ld_h)
  TEST_LD(27, lhu, 0x0000ff00, 2, ld_h)
  TEST_LD(28, lhu, 0x00000ff0, 4, ld_h)
  TEST_LD(29, lhu, 0x0000f00f, 6, ld_h)
  TEST_LD(30, lhu, 0x00008000, 8, ld_h)
  TEST_LD(31, lhu, 0x00007fff, 10, ld_h)

  /* ---- lw ---- */
  TEST_LD(40, lw, 0x00ff00ff, 0, ld_w)
  TEST_LD(41, lw, 0xff00ff00, 4, ld_w)
  TEST_LD(42, lw, 0x0ff00ff0, 8, ld_w)
  TEST_LD(43, lw, 0xf00ff00f, 12, ld_w)
  TEST_LD(44, lw, 0x80000000, 16, ld_w)
  TEST_LD(45, lw, 0x7fffffff, 20, ld_w)
  /* Words and halfwords assembled from bytes: little-endian. */
  TEST_LD(46, lw, 0x0ff000ff, 0, ld_b)
  TEST_LD(47, lh, 0x000000ff, 0, ld_b)
  TEST_LD(48, lhu, 0x00000ff0, 2, ld_b)

  /* ---- offsets: negative and at the ends of the 12-bit range ---- */
  TEST_CASE(50, a0, 0x00ff00ff, la a1, ld_w + 12; lw a0, -12(a1))
  TEST_CASE(51, a0, 0xff00ff00, la a1, ld_w + 12; lw a0, -8(a1))
  TEST_CASE(52, a0, 0xffffff00, la a1, ld_h + 8; lh a0, -6(a1))
  TEST_CASE(53, a0, 0x000000f0, la a1, ld_b + 4; lbu a0, -2(a1))
  TEST_CASE(54, a0, 0xffffffff, la a1, ld_b - 2047; lb a0, 2047(a1))
  TEST_CASE(55, a0, 0xffffffff, la a1, ld_b + 2048; lb a0, -2048(a1))
  TEST_CASE(56, a0, 0x7fffffff, la a1, ld_w + 20 - 2044; lw a0, 2044(a1))
  TEST_CASE(57, a0, 0x80000000, la a1, ld_w + 16 + 2048; lw a0, -2048(a1))

  /* ---- rd == base, rd = x0, immediate use ---- */
  TEST_LD_DEST_EQ_BASE(60, lw, 0xf00ff00f, 12, ld_w)
  TEST_LD_DEST_EQ_BASE(61, lh, 0xffff8000, 8, ld_h)
  TEST_LD_DEST_EQ_BASE(62, lbu, 0x00000080, 4, ld_b)
  TEST_CASE(63, x0, 0, la a1, ld_w; lw x0, 4(a1))
  TEST_CASE(64, x0, 0, la a1, ld_b; lb x0, 0(a1))
  TEST_CASE(65, a0, 0x00ff0100, la a1, ld_w; lw a0, 0(a1); addi a0, a0, 1)
  TEST_CASE(66, a0, 0x00ff0100, la a1, ld_w; lw a0, 0(a1); add a0, a0, a0; srli a0, a0, 1; addi a0, a0, 1)
  TEST_CASE(67, x29, 0xfffff00f, la x30, ld_h; lh x29, 6(x30))

  /* ---- stores ---- */
  TEST_ST(70, lw, sw, 0xaabbccdd, 0xaabbccdd, 0, st_area)
  /* Partial overwrites leave the other bytes of the word alone. */
  TEST_CASE(71, a0, 0xaabb12dd, la a1, st_area; li a2, 0x87654312; sb a2, 1(a1); lw a0, 0(a1))
  TEST_CASE(72, a0, 0x432112dd, la a1, st_area; li a2, 0x87654321; sh a2, 2(a1); lw a0, 0(a1))
  TEST_CASE(73, a0, 0x4321ffdd, la a1, st_area; li a2, -1; sb a2, 1(a1); lw a0, 0(a1))
  TEST_CASE(74, a0, 0x432100dd, la a1, st_area; sb x0, 1(a1); lw a0, 0(a1))
  TEST_CASE(75, a0, 0x00000000, la a1, st_area; sw x0, 0(a1); lw a0, 0(a1))
  TEST_ST(76, lb, sb, 0xffffff80, 0x80, 4, st_area)
  TEST_ST(77, lbu, sb, 0x00000080, 0x1280, 5, st_area)
  TEST_ST(78, lh, sh, 0xffff8001, 0x8001, 6, st_area)
  TEST_ST(79, lhu, sh, 0x00008001, 0x12348001, 8, st_area)
  TEST_ST(80, lw, sw, 0x80000000, 0x80000000, 12, st_area)
  /* Bytes stored one by one read back as a little-endian word. */
  TEST_CASE(81, a0, 0x44332211, la a1, st_area; li a2, 0x11; sb a2, 16(a1); li a2, 0x22; sb a2, 17(a1);
            li a2, 0x33; sb a2, 18(a1); li a2, 0x44; sb a2, 19(a1); lw a0, 16(a1))
  TEST_CASE(82, a0, 0x8765cdef, la a1, st_area; li a2, 0xcdef; sh a2, 20(a1); li a2, 0x8765; sh a2, 22(a1); lw a0, 20(a1))
  /* Negative offsets and offsets at the ends of the range. */
  TEST_CASE(83, a0, 0x13579bdf, la a1, st_area + 28; li a2, 0x13579bdf; sw a2, -4(a1); la a1, st_area; lw a0, 24(a1))
  TEST_CASE(84, a0, 0x2468ace0, la a1, st_area - 2044; li a2, 0x2468ace0; sw a2, 2044(a1); la a1, st_area; lw a0, 0(a1))
  TEST_CASE(85, a0, 0xfffffffe, la a1, st_area + 2048; li a2, 0xfe; sb a2, -2048(a1); la a1, st_area; lb a0, 0(a1))
  /* The base register as the stored value. */
  TEST_CASE(86, a0, 0, la a1, st_area; sw a1, 4(a1); lw a0, 4(a1); sub a0, a0, a1)
  TEST_CASE(87, a0, 0x5a5a5a5a, la x30, st_area; li x29, 0x5a5a5a5a; sw x29, 28(x30); lw a0, 28(x30))
  /* A store does not disturb the word after it. */
  TEST_CASE(88, a0, 0x8765cdef, la a1, st_area; li a2, -1; sw a2, 16(a1); lw a0, 20(a1))

  RVTEST_PASS
RVTEST_CODE_END

RVTEST_DATA_BEGIN
ld_b: .byte 0xff, 0x00, 0xf0, 0x0f, 0x80, 0x7f, 0x01, 0xfe
      .balign 4
ld_h: .half 0x00ff, 0xff00, 0x0ff0, 0xf00f, 0x8000, 0x7fff
      .balign 4
ld_w: .word 0x00ff00ff, 0xff00ff00, 0x0ff00ff0, 0xf00ff00f, 0x80000000, 0x7fffffff
      .balign 16
st_area: .skip 32
RVTEST_DATA_END
