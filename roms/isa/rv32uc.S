/*
 * rv32uc: every RV32C instruction except c.ebreak, each written with its explicit c. mnemonic, plus
 * 16/32-bit mixing: 32-bit instructions at addresses = 2 mod 4 (fetched in sequence and as jump and
 * branch targets) and 32-bit instructions that straddle a 64-byte line and a 4 KiB page boundary.
 *
 * Covered: c.addi4spn c.lw c.sw c.nop c.addi c.jal c.li c.addi16sp c.lui c.srli c.srai c.andi c.sub
 * c.xor c.or c.and c.j c.beqz c.bnez c.slli c.lwsp c.jr c.mv c.jalr c.add c.swsp, with immediates at
 * the ends of their ranges (including c.lui's negative form and c.addi16sp's ±), link values of pc+2
 * for c.jal/c.jalr, c.jalr ra (target from the old ra), and the full x8-x15 range of the 3-bit
 * register fields. The test turns `.option rvc` on after the environment's prologue, so the
 * assembler may also compress the helper instructions of each case; the instruction under test is
 * always the explicit form, and 32-bit forms are forced with `.option norvc` where it matters.
 * Self-checking in test environment "p" (env/p/riscv_test.h).
 */
#include "riscv_test.h"
#include "test_macros.h"

#define NORVC(insn...) .option push; .option norvc; insn; .option pop

RVTEST_RV32U
RVTEST_CODE_BEGIN
  .option rvc

  /* ---- CIW / CL / CS: c.addi4spn, c.lw, c.sw ---- */
  TEST_CASE(1, a0, 8, la sp, uc_data; c.addi4spn a0, sp, 8; sub a0, a0, sp)
  TEST_CASE(2, a1, 1020, la sp, uc_data; c.addi4spn a1, sp, 1020; sub a1, a1, sp)
  TEST_CASE(3, s0, 4, la sp, uc_data; c.addi4spn s0, sp, 4; sub s0, s0, sp)
  TEST_CASE(4, a0, 0x11111111, la a1, uc_data; c.lw a0, 4(a1))
  TEST_CASE(5, a0, 0x7c7c7c7c, la a1, uc_data; c.lw a0, 124(a1))
  TEST_CASE(6, a5, 0x80000000, la s0, uc_data; c.lw a5, 0(s0))
  TEST_CASE(7, a0, 0x12345678, la a1, uc_scratch; li a2, 0x12345678; c.sw a2, 0(a1); lw a0, 0(a1))
  TEST_CASE(8, a0, 0x9abcdef0, la a1, uc_scratch; li a2, 0x9abcdef0; c.sw a2, 124(a1); lw a0, 124(a1))
  TEST_CASE(9, a0, 0xfedcba98, la s1, uc_scratch; li a5, 0xfedcba98; c.sw a5, 64(s1); lw a0, 64(s1))

  /* ---- CI: c.nop, c.addi, c.li, c.addi16sp, c.lui, c.slli, c.lwsp ---- */
  TEST_CASE(10, a0, 5, li a0, 5; c.nop)
  TEST_CASE(11, a0, -27, li a0, 5; c.addi a0, -32)
  TEST_CASE(12, a0, 36, li a0, 5; c.addi a0, 31)
  TEST_CASE(13, a0, 0, li a0, -1; c.addi a0, 1)
  TEST_CASE(14, x29, 0x80000000, li x29, 0x7fffffff; c.addi x29, 1)
  TEST_CASE(15, a0, -32, li a0, 7; c.li a0, -32)
  TEST_CASE(16, a0, 31, li a0, 7; c.li a0, 31)
  TEST_CASE(17, x30, 0, li x30, 7; c.li x30, 0)
  TEST_CASE(18, a0, -512, la sp, uc_data; mv a1, sp; c.addi16sp sp, -512; sub a0, sp, a1)
  TEST_CASE(19, a0, 496, la sp, uc_data; mv a1, sp; c.addi16sp sp, 496; sub a0, sp, a1)
  TEST_CASE(20, a0, 16, la sp, uc_data; mv a1, sp; c.addi16sp sp, 16; sub a0, sp, a1)
  TEST_CASE(21, a0, 0x00001000, li a0, 0; c.lui a0, 1)
  TEST_CASE(22, a0, 0x0001f000, li a0, 0; c.lui a0, 31)
  TEST_CASE(23, a0, 0xfffe0000, li a0, 0; c.lui a0, 0xfffe0)
  TEST_CASE(24, a0, 0xfffff000, li a0, 0; c.lui a0, 0xfffff)
  TEST_CASE(25, x29, 0x00005000, li x29, 0; c.lui x29, 5)
  TEST_CASE(26, a0, 0x80000000, li a0, 1; c.slli a0, 31)
  TEST_CASE(27, a0, 0x2468acf0, li a0, 0x12345678; c.slli a0, 1)
  TEST_CASE(28, x29, 0x23456780, li x29, 0x12345678; c.slli x29, 4)
  TEST_CASE(29, a0, 0x22222222, la sp, uc_data; c.lwsp a0, 8(sp))
  TEST_CASE(30, a0, 0xfcfcfcfc, la sp, uc_data; c.lwsp a0, 252(sp))
  TEST_CASE(31, x29, 0x80000000, la sp, uc_data; c.lwsp x29, 0(sp))

  /* ---- CB / CA: c.srli, c.srai, c.andi, c.sub, c.xor, c.or, c.and ---- */
  TEST_CASE(40, a0, 1, li a0, 0x80000000; c.srli a0, 31)
  TEST_CASE(41, a0, 0x40000000, li a0, 0x80000000; c.srli a0, 1)
  TEST_CASE(42, s1, 0x00123456, li s1, 0x12345678; c.srli s1, 8)
  TEST_CASE(43, a0, -1, li a0, 0x80000000; c.srai a0, 31)
  TEST_CASE(44, a0, 0xc0000000, li a0, 0x80000000; c.srai a0, 1)
  TEST_CASE(45, a5, 0x00123456, li a5, 0x12345678; c.srai a5, 8)
  TEST_CASE(46, a0, 0x12345660, li a0, 0x12345678; c.andi a0, -32)
  TEST_CASE(47, a0, 0x00000018, li a0, 0x12345678; c.andi a0, 31)
  TEST_CASE(48, a0, 0, li a0, 0x12345678; c.andi a0, 0)
  TEST_CASE(49, s0, 0xffffffff, li s0, -1; c.andi s0, -1)
  TEST_CASE(50, a0, 0xfffffffe, li a0, 5; li a1, 7; c.sub a0, a1)
  TEST_CASE(51, a0, 0x80000000, li a0, 0x7fffffff; li a1, -1; c.sub a0, a1)
  TEST_CASE(52, a0, 0x0ff00ff0, li a0, 0x00ff00ff; li a1, 0x0f0f0f0f; c.xor a0, a1)
  TEST_CASE(53, a0, 0x0fff0fff, li a0, 0x00ff00ff; li a1, 0x0f0f0f0f; c.or a0, a1)
  TEST_CASE(54, a0, 0x000f000f, li a0, 0x00ff00ff; li a1, 0x0f0f0f0f; c.and a0, a1)
  TEST_CASE(55, s0, 0, li s0, 0x12345678; c.xor s0, s0)
  TEST_CASE(56, a5, 0x5f5f5f5f, li a5, 0x55555555; li s1, 0x0a0a0a0a; c.or a5, s1)
  TEST_CASE(57, a4, 0x55555555, li a4, 0x5555ffff; li a3, 0xffff5555; c.and a4, a3)

  /* ---- CR: c.mv, c.add ---- */
  TEST_CASE(60, a0, 0x13572468, li x29, 0x13572468; c.mv a0, x29)
  TEST_CASE(61, x30, 0xffffffff, li a0, -1; c.mv x30, a0)
  TEST_CASE(62, a0, 0x80000000, li a0, 0x7fffffff; li a1, 1; c.add a0, a1)
  TEST_CASE(63, x29, 0x00000000, li x29, -5; li x30, 5; c.add x29, x30)
  TEST_CASE(64, a0, 0x2468acf0, li a0, 0x12345678; c.add a0, a0)

  /* ---- CJ / CR jumps: c.j, c.jal, c.jr, c.jalr ---- */
  TEST_CASE(70, a0, 1, li a0, 0; c.j 1f; c.li a0, 9; 1: c.addi a0, 1)
  TEST_CASE(71, a0, 2, li a0, 0; c.j 2f; 1: c.li a0, 2; c.j 3f; 2: c.j 1b; c.li a0, 9; 3: c.nop)
  /* Links are pc + 2. */
  TEST_CASE(72, a0, 0, la a1, 2f; c.jal 1f; 2: j rvtest_fail; 1: sub a0, ra, a1)
  TEST_CASE(73, a0, 3, li a0, 0; c.j 2f; 1: c.li a0, 3; c.jr ra; 2: c.jal 1b)
  TEST_CASE(74, a0, 4, li a0, 0; la a1, 1f; c.jr a1; c.li a0, 9; 1: c.addi a0, 4)
  TEST_CASE(75, a0, 0, la a1, 1f; la a2, 2f; c.jalr a1; 2: j rvtest_fail; 1: sub a0, ra, a2)
  TEST_CASE(76, a0, 0, la ra, 1f; la a2, 2f; c.jalr ra; 2: j rvtest_fail; 1: sub a0, ra, a2)
  TEST_CASE(77, a0, 5, li a0, 0; la x29, 1f; c.jr x29; c.li a0, 9; 1: c.li a0, 5)

  /* ---- CB branches: c.beqz, c.bnez, forwards and backwards ---- */
  TEST_CASE(80, a0, 1, li a0, 0; c.beqz a0, 1f; c.li a0, 9; 1: c.addi a0, 1)
  TEST_CASE(81, a0, 10, li a0, 1; c.beqz a0, 1f; c.li a0, 9; 1: c.addi a0, 1)
  TEST_CASE(82, a0, 0, li a0, 0x80000000; c.bnez a0, 1f; c.li a0, 9; 1: c.li a0, 0)
  TEST_CASE(83, a0, 10, li a0, 0; c.bnez a0, 1f; c.li a0, 9; 1: c.addi a0, 1)
  TEST_CASE(84, a0, 3, li a0, 0; c.j 2f; 1: c.li a0, 3; c.j 3f; 2: li s0, 0; c.beqz s0, 1b; c.li a0, 9; 3: c.nop)
  TEST_CASE(85, a0, 4, li a0, 0; c.j 2f; 1: c.li a0, 4; c.j 3f; 2: li a5, -1; c.bnez a5, 1b; c.li a0, 9; 3: c.nop)
  /* A c.bnez loop: sum 1..10. */
  TEST_CASE(86, a0, 55, li a0, 0; li a1, 10; 1: c.add a0, a1; c.addi a1, -1; c.bnez a1, 1b)

  /* ---- CSS: c.swsp ---- */
  TEST_CASE(90, a0, 0x0badcafe, la sp, uc_scratch; li a2, 0x0badcafe; c.swsp a2, 0(sp); lw a0, 0(sp))
  TEST_CASE(91, a0, 0xabad1dea, la sp, uc_scratch; li x29, 0xabad1dea; c.swsp x29, 252(sp); lw a0, 252(sp))
  TEST_CASE(92, a0, 0x0badcafe, la sp, uc_scratch; c.lwsp a0, 0(sp))

  /* ---- 16/32-bit mixing ---- */
  /* A straight run alternating widths; the 32-bit ones sit at 2 mod 4. */
  TEST_CASE(100, a0, 15, li a0, 0; .balign 4; c.addi a0, 1; NORVC(addi a0, a0, 2); c.addi a0, 4; NORVC(addi a0, a0, 8))
  TEST_CASE(101, a1, 2, .balign 4; c.nop; 1: NORVC(addi a0, a0, 0); la a1, 1b; andi a1, a1, 3)
  /* A jump target at 2 mod 4 that is a 32-bit instruction. */
  TEST_CASE(102, a0, 0x12345004, li a0, 0; la a1, 1f; c.jr a1; .balign 4; c.li a0, 9; 1: NORVC(lui a0, 0x12345);
            c.addi a0, 2; la a1, 1b; andi a1, a1, 3; c.add a0, a1)
  /* A 32-bit taken branch at 2 mod 4 whose target is a 32-bit instruction at 2 mod 4. */
  TEST_CASE(103, a0, 7, li a0, 0; li a1, 1; .balign 4; c.nop; NORVC(bnez a1, 1f); c.li a0, 9; .balign 4; c.nop; 1: NORVC(addi a0, a0, 7))
  /* A 32-bit instruction straddling a 64-byte line, reached in sequence and by a jump. */
  TEST_CASE(104, a0, 0x0abcd000, li a0, 0; la a1, 1f; c.jr a1; .balign 64; .skip 60; 1: c.li a0, 1; NORVC(lui a0, 0xabcd))
  TEST_CASE(105, a0, 0x0abce000, li a0, 0; la a1, 1f; c.jr a1; .balign 64; .skip 62; 1: NORVC(lui a0, 0xabce))
  /* The same across a 4 KiB page. */
  TEST_CASE(106, a0, 0x0abcf000, li a0, 0; la a1, 1f; c.jr a1; .balign 4096; .skip 4092; 1: c.li a0, 1; NORVC(lui a0, 0xabcf))
  TEST_CASE(107, a0, 0x0abd0000, li a0, 0; la a1, 1f; c.jr a1; .balign 4096; .skip 4094; 1: NORVC(lui a0, 0xabd0))

  RVTEST_PASS
RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .balign 16
uc_data:
  .word 0x80000000, 0x11111111, 0x22222222, 0x33333333
  .fill 27, 4, 0
  .word 0x7c7c7c7c
  .fill 31, 4, 0
  .word 0xfcfcfcfc
  .balign 16
uc_scratch:
  .skip 256
RVTEST_DATA_END
