// End-to-end runs of the committed ROMs (roms/build, roms/build/priv) on both core builds.
//
// Oracles: the self-checking ROMs halt through tohost/the finisher with exit code 0 (a failure gives the
// failing case number, see roms/README.md); the C programs print exactly what QEMU printed
// (roms/expected/*.txt). A negative control shows the suite can fail: the mutant core (MUTANT=1, sltu
// computes slt) must fail rv32ui-alu with a case number. Determinism: two runs, identical counters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMutantCore, committedRoms, EXPECTED_DIR, ROOT, runRom } from './helpers/core.ts';
import { applyOverrides, loadBoard } from '../src/board.ts';
import { parseElf } from '../src/elf.ts';
import { Machine } from '../src/core/machine.ts';

/** The benchmark (≈200 M instructions; compute-xip: the same executing in place from flash) is left to
 * `npm run bench`. */
const BENCH_ONLY = new Set(['roms/build/compute.elf', 'roms/build/compute-xip.elf']);
/** C programs whose UART output is compared with QEMU's (roms/expected/NAME.txt). */
const WITH_EXPECTED = new Set(['roms/build/hello-virt.elf', 'roms/build/compute-small.elf']);
const BUDGET = 50_000_000;
/** ROMs that need more: flash-fw polls a ≈100 M-cycle block erase, which the fast core (1 cycle per
 * instruction) spends as ≈100 M instructions. */
const BUDGETS: Record<string, number> = { 'roms/build/flash-fw.elf': 300_000_000, 'roms/build/flash-amd-fw.elf': 300_000_000 };
/** ROMs for another board than virt: the AMD-set flash firmware drives nor-amd's x16 S29GL128P (its
 * sector erase, 500 ms at 400 MHz, is ≈200 M polling instructions on the fast core). */
const BOARDS: Record<string, string> = { 'roms/build/flash-amd-fw.elf': 'nor-amd' };

/** ROMs that must be there: a renamed or dropped one is noticed; a new one is run like the others. */
const REQUIRED = [
  'compute-small', 'hello-virt', 'misaligned', 'rv32ua', 'rv32uc', 'rv32ui-alu', 'rv32ui-alui', 'rv32ui-branch',
  'rv32ui-jump', 'rv32ui-ldst', 'rv32um', 'zicsr', 'zifencei',
].map((n) => `roms/build/${n}.elf`).concat([
  'priv-counters', 'priv-deleg', 'priv-irq', 'priv-mode', 'priv-sv32', 'priv-traps',
  'vm-alu-ldst-p', 'vm-alu-ldst-v', 'vm-pages-p', 'vm-pages-v',
].map((n) => `roms/build/priv/${n}.elf`));

const roms = committedRoms().filter((r) => !BENCH_ONLY.has(r));

describe('the committed ROMs', () => {
  it('include every known self-checking ROM', () => {
    expect(REQUIRED.filter((r) => !roms.includes(r))).toEqual([]);
  });

  for (const variant of ['timed', 'fast'] as const) {
    describe(`on the ${variant} core`, () => {
      for (const rom of roms) {
        it(`${rom} halts with exit code 0`, () => {
          const { stop, uart } = runRom(rom, { variant, maxInsns: BUDGETS[rom] ?? BUDGET, board: BOARDS[rom] });
          // A failure shows the stop (reason, case number or trap) and the end of the guest's output.
          expect({ reason: stop.reason, exitCode: stop.exitCode }, `${JSON.stringify(stop)}\nUART: ${uart.slice(-400)}`)
            .toEqual({ reason: 'halt', exitCode: 0 });
          if (WITH_EXPECTED.has(rom)) {
            const name = rom.replace(/^.*\//, '').replace(/\.elf$/, '');
            expect(uart).toBe(readFileSync(join(EXPECTED_DIR, `${name}.txt`), 'latin1'));
          }
        });
      }
    });
  }
});

describe('negative control: the mutant core (sltu behaves like slt)', () => {
  let mutant = '';
  beforeAll(() => {
    mutant = buildMutantCore('mutant');
  });

  it('fails rv32ui-alu with the number of a failing case', () => {
    const { stop } = runRom('roms/build/rv32ui-alu.elf', { wasmPath: mutant, maxInsns: BUDGET });
    expect(stop.reason).toBe('halt');
    expect(stop.exitCode).toBeGreaterThan(0);
    expect(stop.exitCode).toBeLessThan(256);
  });

  it('still passes a ROM without sltu (the mutation is the only difference)', () => {
    const { stop } = runRom('roms/build/rv32ui-branch.elf', { wasmPath: mutant, maxInsns: BUDGET });
    expect({ reason: stop.reason, exitCode: stop.exitCode }).toEqual({ reason: 'halt', exitCode: 0 });
  });

  it('while the real core passes rv32ui-alu', () => {
    const { stop } = runRom('roms/build/rv32ui-alu.elf', { variant: 'fast', maxInsns: BUDGET });
    expect({ reason: stop.reason, exitCode: stop.exitCode }).toEqual({ reason: 'halt', exitCode: 0 });
  });
});

describe('mmu.adUpdate = fault (Svade): a missing A or D bit page-faults instead of being set', () => {
  it('priv-sv32 then fails exactly at its hardware A/D-update case (13), on both cores', () => {
    for (const variant of ['timed', 'fast'] as const) {
      const m = Machine.create(applyOverrides(loadBoard('virt'), ['mmu.adUpdate=fault']), { variant });
      m.loadElf(parseElf(new Uint8Array(readFileSync(join(ROOT, 'roms/build/priv/priv-sv32.elf')))));
      const stop = m.runUntilStop(BUDGET);
      expect({ reason: stop.reason, exitCode: stop.exitCode }).toEqual({ reason: 'halt', exitCode: 13 });
    }
  });
});

describe('determinism', () => {
  for (const rom of ['roms/build/compute-small.elf', 'roms/build/priv/priv-irq.elf', 'roms/build/priv/vm-pages-v.elf']) {
    it(`${rom} twice on the timed core: identical cycles, instret and stats`, () => {
      const a = runRom(rom, { variant: 'timed', maxInsns: BUDGET });
      const b = runRom(rom, { variant: 'timed', maxInsns: BUDGET });
      expect(a.stop.reason).toBe('halt');
      expect(a.m.exports.buildTimed()).toBe(1);
      expect({ cycles: b.m.cycles, instret: b.m.instret, stats: b.m.stats(), uart: b.uart })
        .toEqual({ cycles: a.m.cycles, instret: a.m.instret, stats: a.m.stats(), uart: a.uart });
    });
  }
});
