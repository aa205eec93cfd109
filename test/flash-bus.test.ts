// The NOR flash device wired into the bus (docs/FLASH.md "Protocol with the core"): programs built by
// hand (test/harness/rv32asm.ts) run on the real core and show that
//  - a load that hit the soft TLB while the bank was plain memory reads status once a command takes the
//    bank out of read-array mode, and the fast path comes back after 0xFF;
//  - a store into the bank the hart is executing from makes the next fetch read status words, which the
//    hart then executes;
//  - program/erase drop pre-decoded instructions (invalidateCode), so code that was executed once and
//    then overwritten in flash is decoded afresh;
//  - the board's flash.part selects the part (CFI and identifier) and the P30's blocks are locked at reset.
import { describe, expect, it } from 'vitest';
import { loadBoard, applyOverrides } from '../src/board.ts';
import { Machine } from '../src/core/machine.ts';
import { R, addi, andi, beq, csrr, csrw, jalr, li, lui, lw, pass, sw, words } from './harness/rv32asm.ts';

const FLASH0 = 0x2000_0000;
const FLASH1 = 0x2200_0000;
const RAM = 0x8000_0000;
const MCAUSE = 0x342;
const MTVEC = 0x305;
// Intel commands on the default bank (two x16 chips on a 32-bit bus): every command replicated.
const x2 = (c: number) => ((c << 16) | c) >>> 0;

function machine(variant: 'timed' | 'fast' = 'timed', sets: string[] = []): Machine {
  const board = sets.length ? applyOverrides(loadBoard('virt'), sets) : loadBoard('virt');
  return Machine.create(board, { variant });
}

function runAt(m: Machine, pc: number, budget = 10_000) {
  m.pc = pc;
  return m.runUntilStop(budget);
}

for (const variant of ['timed', 'fast'] as const) {
  describe(`flash on the bus (${variant} core)`, () => {
    it('a load that hit the soft TLB sees status once the bank leaves array mode, and array data after 0xFF', () => {
      const m = machine(variant);
      m.writePhys(FLASH0 + 0x40, words([0x1234_5678]));
      const prog = [
        lui(R.t0, FLASH0 >>> 12),
        lw(R.a0, R.t0, 0x40), // fills the soft TLB: the bank is plain memory
        lw(R.a0, R.t0, 0x40), // hits it
        ...li(R.t1, x2(0x70)),
        sw(R.t1, R.t0, 0), // read status: the bank leaves read-array mode
        lw(R.a1, R.t0, 0x40), // same page, same soft TLB slot: must be the status register
        ...li(R.t1, x2(0xff)),
        sw(R.t1, R.t0, 0), // read array
        lw(R.a2, R.t0, 0x40),
        ...li(R.t2, 100), // 100 more loads: these must not reach the device's slow path
        lw(R.a3, R.t0, 0x40),
        addi(R.t2, R.t2, -1),
        0, // patched: bne t2, zero, -8
        ...pass(),
      ];
      const loop = prog.indexOf(0);
      prog[loop] = (0x00039063 | (((-8 >> 5) & 0x7f) << 25) | (((-8 >> 1) & 0xf) << 8) | (((-8 >> 11) & 1) << 7)) >>> 0; // bne t2, x0, -8
      m.writePhys(RAM, words(prog));
      const slowBefore = m.flashStats().slowReads;
      const stop = runAt(m, RAM);
      expect(stop.reason).toBe('halt');
      expect(m.reg(R.a0) >>> 0).toBe(0x1234_5678);
      expect(m.reg(R.a1) >>> 0).toBe(0x0080_0080); // SR.7 ready in both chips
      expect(m.reg(R.a2) >>> 0).toBe(0x1234_5678);
      expect(m.reg(R.a3) >>> 0).toBe(0x1234_5678);
      // One slow read (the status word); the loads after 0xFF went back to the fast path.
      expect(m.flashStats().slowReads - slowBefore).toBe(1n);
    });

    it('a store into the bank the hart executes from makes the next fetch read status, which the hart executes', () => {
      const m = machine(variant);
      const prog = [
        ...li(R.sp, RAM + 0x1000),
        lui(R.t0, FLASH0 >>> 12),
        ...li(R.t1, x2(0x70)),
        sw(R.t1, R.t0, 0x100), // read status mode: instruction fetches of bank 0 now return 0x00800080
        ...pass(), // never reached as written
      ];
      m.writePhys(FLASH0, words(prog));
      const before = prog.length - pass().length; // instructions up to and including the store
      const storeEnd = FLASH0 + 4 * before;
      const stop = runAt(m, FLASH0, before + 1000);
      // Each half of the status word 0x00800080 is 0x0080, c.addi4spn s0, sp, 64: the hart walks through
      // status words two bytes at a time and never reaches the finisher store.
      expect(stop.reason).toBe('budget');
      expect(m.pc >>> 0).toBe(storeEnd + 2 * 1000);
      expect(m.reg(R.s0) >>> 0).toBe(RAM + 0x1000 + 64);
      expect(m.flashStats().busyReads).toBe(0n); // status, not a busy operation
      expect(m.flashStats().slowReads).toBeGreaterThanOrEqual(1000n);
    });

    it('programming flash drops the pre-decoded copy of code that already ran from it', () => {
      const m = machine(variant);
      // Flash: a function returning 7 (executed once, so its slots are decoded).
      m.writePhys(FLASH0, words([addi(R.a0, R.zero, 7), jalr(R.zero, R.ra, 0)]));
      const handler = RAM + 0x400;
      const prog = [
        ...li(R.t0, handler),
        csrw(MTVEC, R.t0),
        lui(R.t0, FLASH0 >>> 12),
        jalr(R.ra, R.t0, 0), // a0 = 7, from flash
        addi(R.s1, R.a0, 0),
        ...li(R.t1, x2(0x60)), sw(R.t1, R.t0, 0), ...li(R.t1, x2(0xd0)), sw(R.t1, R.t0, 0), // unlock block 0
        ...li(R.t1, x2(0x40)), sw(R.t1, R.t0, 0), sw(R.zero, R.t0, 0), // word program 0x00000000 over addi
        lw(R.t2, R.t0, 0), andi(R.t2, R.t2, 0x80), beq(R.t2, R.zero, -8), // poll SR.7
        ...li(R.t1, x2(0xff)), sw(R.t1, R.t0, 0), // read array
        addi(R.a0, R.zero, 0),
        jalr(R.ra, R.t0, 0), // 0x00000000 is illegal: a stale decoded addi would return 7 instead
        ...pass(),
      ];
      m.writePhys(RAM, words(prog));
      m.writePhys(handler, words([csrr(R.a1, MCAUSE), ...pass()]));
      const stop = runAt(m, RAM, 1_000_000);
      expect(stop.reason).toBe('halt');
      expect(m.reg(R.s1)).toBe(7);
      expect(m.reg(R.a1)).toBe(2); // illegal instruction
      expect(m.pc >>> 0).toBeGreaterThanOrEqual(handler);
      expect(m.readPhys32(FLASH0)).toBe(0);
      const st = m.flashStats();
      expect(st.wordPrograms).toBe(1n);
      expect(st.invalidations).toBe(1n);
      if (variant === 'timed') expect(st.busyReads).toBeGreaterThan(0n);
    });

    it('P30 blocks are locked after reset: programming without unlock fails with SR.1 and changes nothing', () => {
      const m = machine(variant);
      m.writePhys(FLASH1, words([0xffff_ffff]));
      const prog = [
        lui(R.t0, FLASH1 >>> 12),
        ...li(R.t1, x2(0x40)), sw(R.t1, R.t0, 0), sw(R.zero, R.t0, 0),
        lw(R.a0, R.t0, 0), andi(R.t2, R.a0, 0x80), beq(R.t2, R.zero, -8),
        ...li(R.t1, x2(0xff)), sw(R.t1, R.t0, 0),
        lw(R.a1, R.t0, 0),
        ...pass(),
      ];
      m.writePhys(RAM, words(prog));
      expect(runAt(m, RAM, 100_000).reason).toBe('halt');
      expect(m.reg(R.a0) & 0xff).toBe(0x80 | 0x10 | 0x02); // ready, program error, block locked
      expect(m.reg(R.a1) >>> 0).toBe(0xffff_ffff);
      expect(m.flashDirty(1)).toBe(false);
    });
  });
}

describe('flash.part selects the part', () => {
  it('p30-128t (default): CFI "QRY" replicated on the 32-bit bank, Intel command set', () => {
    const m = machine();
    const prog = [
      lui(R.t0, FLASH0 >>> 12),
      ...li(R.t1, x2(0x98)), sw(R.t1, R.t0, 0x55 * 4),
      lw(R.a0, R.t0, 0x10 * 4), lw(R.a1, R.t0, 0x13 * 4),
      ...li(R.t1, x2(0xff)), sw(R.t1, R.t0, 0),
      ...pass(),
    ];
    m.writePhys(RAM, words(prog));
    expect(runAt(m, RAM).reason).toBe('halt');
    expect(m.reg(R.a0) >>> 0).toBe(0x0051_0051);
    expect(m.reg(R.a1) >>> 0).toBe(0x0001_0001);
    expect(m.flashBankBytes).toBe(32 << 20);
  });

  it('mx29gl256e: AMD command set on a 16-bit bank, CFI at word 0x55', () => {
    const m = machine('timed', ['flash.part=mx29gl256e']);
    const prog = [
      lui(R.t0, FLASH0 >>> 12),
      ...li(R.t1, 0x98), sw(R.t1, R.t0, 0x55 * 2),
      lw(R.a0, R.t0, 0x10 * 2), lw(R.a1, R.t0, 0x13 * 2),
      ...li(R.t1, 0xf0), sw(R.t1, R.t0, 0),
      lw(R.a2, R.t0, 0x40),
      ...pass(),
    ];
    m.writePhys(FLASH0 + 0x40, words([0xcafe_f00d]));
    m.writePhys(RAM, words(prog));
    expect(runAt(m, RAM).reason).toBe('halt');
    expect(m.reg(R.a0) >>> 0).toBe(0x0052_0051); // "QR": a 32-bit load is two 16-bit bus cycles
    expect(m.reg(R.a1) >>> 0).toBe(0x0000_0002);
    expect(m.reg(R.a2) >>> 0).toBe(0xcafe_f00d);
  });
});
