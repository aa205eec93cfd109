// The core's hooks for the process-mode kernel's costs (DESIGN section 9: "each fault, syscall and copy is
// charged cycles ... plus the memory traffic of the copy or inflate through the timing model"):
// hostChargeCycles (a handler's fixed cost) and Machine.chargeMemTraffic (assembly/index.ts
// hostMemTraffic). Expected figures are written from docs/TIMING.md's derived table, not read back from
// the model: nor-cached RAM line fill 76 cycles, flash line fill 256 (4 pages x (34 + 3 x 10)), 64-byte
// lines; nor-uncached flash: tACC 9, tPAGE 3 per 4-word page, SRAM 0.
import { describe, expect, it } from 'vitest';
import { Machine, MachineError } from '../src/core/machine.ts';
import { boardSpec } from './helpers/core.ts';

const RAM = 0x8000_0000;
const FLASH0 = 0x2000_0000;
const PAGE = 4096;

function machine(spec: string, variant: 'timed' | 'fast' = 'timed'): Machine {
  return Machine.create(boardSpec(spec), { variant });
}

describe('hostChargeCycles: a kernel handler\'s fixed cost', () => {
  it('adds to the cycle counter under kernelCycles, nothing else', () => {
    const m = machine('nor-cached');
    const before = m.stats();
    m.exports.hostChargeCycles(1234);
    const after = m.stats();
    expect(after.cycles - before.cycles).toBe(1234n);
    expect(after.kernelCycles - before.kernelCycles).toBe(1234n);
    expect(after.instret).toBe(before.instret);
  });
});

describe('chargeMemTraffic: a kernel copy\'s memory traffic through the timing model', () => {
  it('nor-cached: reading a RAM page fills its 64 lines (76 cycles each); reading it again costs nothing', () => {
    const m = machine('nor-cached');
    const pa = RAM + (1 << 20);
    expect(m.chargeMemTraffic(pa, PAGE, false)).toBe(64 * 76);
    const s = m.stats();
    expect(s.kernelCycles).toBe(64n * 76n);
    expect(s.cycles).toBe(64n * 76n);
    expect(s.dcacheMisses).toBe(64n);
    expect(s.dcacheHits).toBe(64n * 15n); // the other 15 words of each line
    expect(m.chargeMemTraffic(pa, PAGE, false)).toBe(0);
    expect(m.stats().dcacheHits).toBe(64n * 15n + 1024n);
  });

  it('nor-cached: a COW copy\'s write allocates, and its dirty lines cost a write-back when evicted', () => {
    // A direct-mapped 4 KiB D-cache: page B = A + 4 KiB uses the same 64 sets.
    const m = machine('nor-cached+cache.dcache.sizeBytes=4K+cache.dcache.ways=1');
    const a = RAM + (1 << 20), b = a + PAGE;
    expect(m.chargeMemTraffic(a, PAGE, true)).toBe(64 * 76); // write-allocate fills
    expect(m.chargeMemTraffic(b, PAGE, false)).toBe(64 * (76 + 76)); // each fill evicts a dirty line
    expect(m.stats().dcacheWritebacks).toBe(64n);
    expect(m.chargeMemTraffic(a, PAGE, false)).toBe(64 * 76); // B's lines are clean: no write-back
    expect(m.stats().dcacheWritebacks).toBe(64n);
  });

  it('nor-cached: reading a flash page fills 64 lines from flash (256 cycles each: page mode)', () => {
    const m = machine('nor-cached');
    expect(m.chargeMemTraffic(FLASH0 + 0x10000, PAGE, false)).toBe(64 * 256);
  });

  it('nor-uncached: flash words in page mode (tACC then 3 x tPAGE per 4 words), SRAM for free', () => {
    const m = machine('nor-uncached');
    expect(m.chargeMemTraffic(FLASH0 + 0x10000, PAGE, false)).toBe((PAGE / 16) * (9 + 3 * 3));
    expect(m.chargeMemTraffic(RAM + 0x1000, PAGE, true)).toBe(0);
    expect(m.stats().kernelCycles).toBe(BigInt((PAGE / 16) * (9 + 3 * 3)));
  });

  it('counts every word a partial range touches (unaligned start and end)', () => {
    const m = machine('nor-uncached');
    // Bytes 0x10002 .. 0x10009: words 0x10000, 0x10004, 0x10008: one page, tACC + 2 x tPAGE.
    expect(m.chargeMemTraffic(FLASH0 + 0x10002, 8, false)).toBe(9 + 3 + 3);
  });

  it('is deterministic: the same calls on a fresh machine give the same cycles and counters', () => {
    const run = () => {
      const m = machine('nor-cached');
      m.chargeMemTraffic(RAM + 0x4000, 3 * PAGE, true);
      m.chargeMemTraffic(FLASH0, 2 * PAGE, false);
      return m.stats();
    };
    expect(run()).toEqual(run());
  });

  it('the fast core has no timing: 0, and its cycle counter does not move', () => {
    const m = machine('nor-cached', 'fast');
    expect(m.chargeMemTraffic(RAM + 0x1000, PAGE, false)).toBe(0);
    expect(m.stats().cycles).toBe(0n);
  });

  it('refuses what is not RAM or flash, writes to flash, and bad lengths, naming them', () => {
    const m = machine('nor-cached');
    expect(() => m.chargeMemTraffic(0x1000_0000, 4, false)).toThrow(MachineError);
    expect(() => m.chargeMemTraffic(0x1000_0000, 4, false)).toThrow(/0x10000000, 4 bytes: not in RAM or a flash bank/);
    expect(() => m.chargeMemTraffic(FLASH0, 4, true)).toThrow(/writes go to RAM/);
    expect(() => m.chargeMemTraffic(RAM, 0, false)).toThrow(/must be 1 .. 16 MiB/);
    expect(() => m.chargeMemTraffic(RAM, 1.5, false)).toThrow(/must be 1 .. 16 MiB/);
    expect(() => m.chargeMemTraffic(RAM + m.profile.ram.sizeBytes - 4, 8, false)).toThrow(/not in RAM/);
    expect(m.stats().cycles).toBe(0n);
  });
});
