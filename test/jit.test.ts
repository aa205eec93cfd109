// The fast core's page compiler (assembly/jit/, docs/ARCHITECTURE.md "The page compiler").
//
// Oracle: the interpreter. A compiled page must leave everything exactly as the interpreter would:
// registers, pc, memory, instret, cycles, traps, UART output and every counter but the compiler's own.
// The ROMs are short, so they run with jitHeat 1 (a page is compiled as soon as the interpreter has run an
// instruction on it) and every test checks that compiled code really ran.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { Machine } from '../src/core/machine.ts';
import { board, boardSpec, buildAsm, buildMutantCore, committedRoms, RAM_PA, ROOT, runRom, runWords, tempDir } from './helpers/core.ts';

const BUDGET = 50_000_000;
const BUDGETS: Record<string, number> = { 'roms/build/flash-fw.elf': 300_000_000 };
const roms = committedRoms().filter((r) => r !== 'roms/build/compute.elf' && r !== 'roms/build/compute-xip.elf');
/** Counters that describe the emulator's own work rather than the guest's. */
const OWN = new Set(['decodes', 'jitCompiles', 'jitInstructions']);

function guestState(m: Machine) {
  const stats = Object.fromEntries(Object.entries(m.stats()).filter(([k]) => !OWN.has(k)));
  const regs = Array.from({ length: 32 }, (_, i) => m.reg(i) >>> 0);
  // RAM digest (FNV-1a over words): the whole of it, so a stray store anywhere shows.
  const ram = new Uint32Array(m.memory.buffer, m.regions.ram.base, m.profile.ram.sizeBytes / 4);
  let h = 0x811c9dc5;
  for (let i = 0; i < ram.length; i++) if (ram[i] !== 0) h = Math.imul(h ^ ram[i] ^ i, 0x01000193);
  return { pc: m.pc >>> 0, regs, stats, ram: h >>> 0 };
}

/**
 * Runs an ELF on board `spec` (timed core) interpreted and with every page compiled at once, expects the
 * same stop, output and guest state, and returns the compiled run's machine.
 */
function compareTimed(elf: string, spec: string, maxInsns = 20_000_000): Machine {
  const a = runRom(elf, { board: spec, variant: 'timed', jit: false, maxInsns });
  const b = runRom(elf, { board: spec, variant: 'timed', jitHeat: 1, maxInsns });
  expect({ stop: b.stop, uart: b.uart, ...guestState(b.m) }).toEqual({ stop: a.stop, uart: a.uart, ...guestState(a.m) });
  return b.m;
}

describe.each(['fast', 'timed'] as const)('compiled pages behave exactly as the interpreter (%s core)', (variant) => {
  let jitTotal = 0n;
  for (const rom of roms) {
    it(`${rom}: same stop, output, registers, memory and counters`, () => {
      const maxInsns = BUDGETS[rom] ?? BUDGET;
      const a = runRom(rom, { variant, jit: false, maxInsns });
      const b = runRom(rom, { variant, jitHeat: 1, maxInsns });
      expect(a.m.stats().jitInstructions).toBe(0n);
      expect({ stop: b.stop, uart: b.uart, ...guestState(b.m) }).toEqual({ stop: a.stop, uart: a.uart, ...guestState(a.m) });
      jitTotal += b.m.stats().jitInstructions;
    });
  }
  it('(and compiled code ran in them)', () => {
    expect(jitTotal).toBeGreaterThan(1_000_000n);
  });
});

// The cycle model's microbenchmarks on the XIP boards (docs/TIMING.md): caches, uncached flash and RAM,
// TLB walks, branches, mul/div. Compiled pages must give the same cycles and every counter.
const UBENCH = readdirSync(join(ROOT, 'roms', 'build', 'ubench')).filter((f) => f.endsWith('.elf')).sort();
const XIP_BOARDS = ['nor-cached', 'nor-uncached', 'nor-amd', 'nor-cached+cache.walkCached=false+cache.dcache.policy=random+cache.icache.policy=random'];
describe.each(XIP_BOARDS)('compiled pages keep the cycle model exact on %s (timed core)', (spec) => {
  let jitTotal = 0n;
  const jitXip: Record<string, bigint> = {};
  for (const rom of UBENCH) {
    it(`${rom}: same cycles, output and counters`, () => {
      const s = compareTimed(`roms/build/ubench/${rom}`, spec, 60_000_000).stats();
      jitTotal += s.jitInstructions;
      if (rom.endsWith('-flash.elf')) jitXip[rom] = s.jitInstructions * 100n / s.instret;
    });
  }
  it('(and compiled code ran in them, XIP from uncached flash too: its fetches are charged in compiled code)', () => {
    expect(jitTotal).toBeGreaterThan(100_000n);
    // The XIP build of chase runs most of its instructions compiled, whether flash is cached or not.
    // (icode's straight-line pages run a few times each: they stay interpreted on every board.)
    expect(jitXip['chase-flash.elf'], 'chase-flash.elf: % of instructions compiled').toBeGreaterThan(50n);
  });
});

describe('the page compiler', () => {
  // A hot loop: addi a0,a0,1 ; addi a1,a1,-1 ; bne a1,x0,-8 ; ebreak. With a1 = 1000 it runs 3000
  // instructions, nearly all of them compiled.
  const LOOP = [0x3e800593, 0x00150513, 0xfff58593, 0xfe059ce3, 0x00100073];

  it('runs a hot loop in compiled code and stops at the ebreak with the interpreter\'s result', () => {
    const { stop, m } = runWords(LOOP, { variant: 'fast', jitHeat: 1, budget: 10_000, hostTrapMask: 1 << 3 });
    expect(stop.reason).toBe('breakpoint');
    expect(m.reg(10)).toBe(1000);
    expect(m.instret).toBe(BigInt(1 + 3 * 1000));
    expect(m.stats().jitInstructions).toBeGreaterThan(2900n);
  });

  it('stops exactly at the budget, in the middle of a compiled block', () => {
    for (const budget of [1, 2, 3, 100, 1001, 2999]) {
      const { stop, m } = runWords(LOOP, { variant: 'fast', jitHeat: 1, budget });
      expect(stop.reason).toBe('budget');
      expect(m.instret).toBe(BigInt(budget));
      const ref = runWords(LOOP, { variant: 'fast', jit: false, budget });
      expect({ pc: m.pc, a0: m.reg(10), a1: m.reg(11) }).toEqual({ pc: ref.m.pc, a0: ref.m.reg(10), a1: ref.m.reg(11) });
    }
  });

  it('sees code it is running change: a store into its own page takes effect at once', () => {
    // a2 = the word of "addi a0,a0,2"; after 10 rounds of the loop, the loop rewrites its own first
    // instruction (addi a0,a0,1 at 0x80000010) to add 2 instead.
    //   0: lui a2,0x00250 ; 4: addi a2,a2,0x513 (a2 = 0x00250513) ; 8: li a1,100 ; c: li a3,90
    //  10: addi a0,a0,1 ; 14: addi a1,a1,-1 ; 18: bne a1,a3,+12 (to 24) ; 1c: auipc a4,0 ; 20: sw a2,-12(a4)
    //  24: bne a1,x0,-20 (to 10) ; 28: ebreak
    const words = [0x00250637, 0x51360613, 0x06400593, 0x05a00693, 0x00150513, 0xfff58593, 0x00d59663,
      0x00000717, 0xfec72a23, 0xfe0596e3, 0x00100073];
    const ref = runWords(words, { variant: 'fast', jit: false, budget: 10_000, hostTrapMask: 1 << 3 });
    const { m } = runWords(words, { variant: 'fast', jitHeat: 1, budget: 10_000, hostTrapMask: 1 << 3 });
    expect(ref.m.reg(10)).toBe(10 + 2 * 90);
    expect(m.reg(10)).toBe(ref.m.reg(10));
    expect(m.instret).toBe(ref.m.instret);
    expect(m.stats().jitInstructions).toBeGreaterThan(0n);
  });

  it('leaves a load that faults to the interpreter: the trap and the registers before it are exact', () => {
    // li a1,5 ; loop: addi a0,a0,1 ; addi a1,a1,-1 ; bne a1,x0,loop ; lw a2,0(x0) (access fault) ; ebreak
    const words = [0x00500593, 0x00150513, 0xfff58593, 0xfe059ce3, 0x00002603, 0x00100073];
    const mask = (1 << 5) | (1 << 3); // load access fault, breakpoint
    const a = runWords(words, { variant: 'fast', jit: false, budget: 1000, hostTrapMask: mask });
    const b = runWords(words, { variant: 'fast', jitHeat: 1, budget: 1000, hostTrapMask: mask });
    expect(a.stop).toMatchObject({ reason: 'host-trap', cause: 5, epc: RAM_PA + 16 });
    expect(b.stop).toEqual(a.stop);
    expect({ a0: b.m.reg(10), a1: b.m.reg(11), instret: b.m.instret }).toEqual({ a0: 5, a1: 0, instret: a.m.instret });
  });

  it('computes division and high multiplies as RISC-V defines them (x/0, INT_MIN/-1)', () => {
    // a1 = INT_MIN, a2 = -1, a3 = 0, a4 = 7, then div/rem/divu/remu/mulh/mulhsu/mulhu into s0..s11 and t3..t6.
    const w = [0x800005b7, 0xfff00613, 0x00000693, 0x00700713,
      0x02c5c433, 0x02c5e4b3, 0x02d5c933, 0x02d5e9b3, 0x02d5da33, 0x02d5fab3, 0x02e5db33, 0x02e5fbb3,
      0x02c59c33, 0x02c5acb3, 0x02c5bd33, 0x02e71db3, 0x00100073];
    const a = runWords(w, { variant: 'fast', jit: false, budget: 100, hostTrapMask: 1 << 3 });
    const b = runWords(w, { variant: 'fast', jitHeat: 1, budget: 100, hostTrapMask: 1 << 3 });
    const regs = (m: Machine) => Array.from({ length: 32 }, (_, i) => m.reg(i) >>> 0);
    expect(regs(b.m)).toEqual(regs(a.m));
    expect(a.m.reg(8) >>> 0).toBe(0x80000000); // div INT_MIN / -1
    expect(a.m.reg(9)).toBe(0);               // rem INT_MIN % -1
    expect(a.m.reg(18) >>> 0).toBe(0xffffffff); // div x / 0
    expect(a.m.reg(19) >>> 0).toBe(0x80000000); // rem x % 0 = x
  });

  it('is off when asked: no page is compiled and the results are the same', () => {
    const a = runRom('roms/build/compute-small.elf', { variant: 'fast', jit: false, maxInsns: BUDGET });
    expect(a.m.stats().jitCompiles).toBe(0n);
    const b = runRom('roms/build/compute-small.elf', { variant: 'fast', maxInsns: BUDGET });
    expect(b.m.stats().jitCompiles).toBeGreaterThan(0n);
    expect(b.uart).toBe(a.uart);
  });

  it('exists in the fast and timed builds, not in the trace build', () => {
    for (const variant of ['fast', 'timed'] as const) expect(Machine.create(board('tiny'), { variant }).exports.jitConfigure(1, 0)).toBe(1);
    expect(Machine.create(board('tiny'), { variant: 'trace' }).exports.jitConfigure(1, 0)).toBe(0);
  });
});

// The timed core's shortcuts in compiled pages (docs/ARCHITECTURE.md, "What a compiled page may skip"), each with a
// program that would expose it if it were wrong, on the interpreter as the oracle.
describe('the cycle model\'s shortcuts in compiled pages (timed core)', () => {
  const CACHED = [
    'nor-cached',
    'nor-cached+cache.icache.sizeBytes=1K+cache.icache.ways=2+cache.icache.lineBytes=32+cache.dcache.sizeBytes=2K+cache.dcache.ways=2+cache.dcache.lineBytes=32',
    'nor-cached+cache.icache.policy=random+cache.dcache.sizeBytes=4K+cache.dcache.ways=1',
    'nor-cached+cache.icache.sizeBytes=2K+cache.icache.ways=2', // 64-byte lines, 1 KiB ways: a page's lines share sets
  ];
  /** Ends a test program: the finisher's pass code. */
  const FINISH = '  li t0, 0x100000\n  li t1, 0x5555\n  sw t1, 0(t0)\n9:j 9b\n';

  it.each(CACHED)('compute-small (C with compressed code: instructions straddling I-cache lines) on %s', (spec) => {
    const m = compareTimed(join(ROOT, 'roms/build/compute-small.elf'), spec);
    expect(m.stats().jitInstructions).toBeGreaterThan(m.instret / 2n);
  });

  it('a D-cache line evicted by a fill the core made is not taken for its set\'s record still', () => {
    // Direct-mapped D-cache of 4 KiB: A and B = A + 4 KiB share a set. Per round: lw A (hit), lw A (hit
    // on the line its set's record names), lw B (a miss the core fills, evicting A), lw A (a miss again).
    const src = `
  .globl _start
_start:
  li s0, 0x80010000
  li s1, 0x80011000
  li s2, 2000
1:lw t0, 0(s0)
  lw t1, 4(s0)
  lw t2, 0(s1)
  lw t3, 8(s0)
  addi s2, s2, -1
  bnez s2, 1b
${FINISH}`;
    const elf = buildAsm(tempDir('jit-dlast'), 'dlast', src);
    const m = compareTimed(elf, 'nor-cached+cache.dcache.sizeBytes=4K+cache.dcache.ways=1');
    expect(m.stats().dcacheMisses).toBeGreaterThanOrEqual(2n * 2000n);
    expect(m.stats().jitInstructions).toBeGreaterThan(10_000n);
  });

  it('a store to a clean line its set\'s record names still marks it dirty (its eviction writes it back)', () => {
    // Direct-mapped 4 KiB D-cache: per round lw A (a clean line, its set's record), sw A (must dirty it:
    // not the record's clean hit), lw B = A + 4 KiB (evicts A: a write-back).
    const src = `
  .globl _start
_start:
  li s0, 0x80010000
  li s1, 0x80011000
  li s2, 2000
1:lw t0, 0(s0)
  sw s2, 4(s0)
  sw s2, 8(s0)
  lw t2, 0(s1)
  addi s2, s2, -1
  bnez s2, 1b
${FINISH}`;
    const elf = buildAsm(tempDir('jit-dirty'), 'dirty', src);
    const m = compareTimed(elf, 'nor-cached+cache.dcache.sizeBytes=4K+cache.dcache.ways=1');
    expect(m.stats().dcacheWritebacks).toBeGreaterThanOrEqual(2000n - 10n);
    expect(m.stats().jitInstructions).toBeGreaterThan(10_000n);
  });

  it('a flash program invalidates the D-cache line compiled code read last (its set\'s record goes)', () => {
    // A loop in RAM reads a cacheable flash word twice (a fill, then a hit on the line its set's record
    // names) and calls, on another page, a routine that programs a word of the same line (P30 word program
    // 0x40, status polling, read array 0xFF), clearing one more bit each round so that the contents change:
    // the line leaves the cache, so the next round's first read of it misses again. (Each round first
    // reads another line of the flash page and ends the block, so that the read of the invalidated line
    // is made by compiled code: the flash page is back in the soft TLB.)
    const src = `
  .option norelax
  .globl _start
_start:
  li s0, 0x20010000
  li s3, 0x00600060
  sw s3, 0(s0)
  li s3, 0x00D000D0
  sw s3, 0(s0)
  li s3, 0x00FF00FF
  sw s3, 0(s0)
  li s2, 200
1:lw t1, 64(s0)
  j 3f
3:lw t0, 0(s0)
  lw t1, 4(s0)
  add s4, s4, t0
  jal ra, prog
  addi s2, s2, -1
  bnez s2, 1b
${FINISH}
  .balign 4096
prog:
  andi t5, s2, 7
  slli t5, t5, 2
  add t5, t5, s0
  srli t6, s2, 3
  andi t6, t6, 31
  li t2, 1
  sll t2, t2, t6
  not t2, t2
  li t3, 0x00400040
  sw t3, 8(t5)
  sw t2, 8(t5)
2:lw t3, 8(t5)
  li t4, 0x00800080
  and t3, t3, t4
  bne t3, t4, 2b
  li t2, 0x00FF00FF
  sw t2, 8(t5)
  ret
`;
    const elf = buildAsm(tempDir('jit-finval'), 'finval', src);
    const m = compareTimed(elf, 'nor-cached');
    expect(m.stats().dcacheMisses).toBeGreaterThanOrEqual(200n);
    expect(m.flashStats().invalidations).toBe(200n);
    expect(m.stats().jitInstructions).toBeGreaterThan(1000n);
  });

  it('code XIP from uncached flash is recompiled when the bank changes read mode (page mode to burst)', () => {
    // A loop in flash runs compiled with page-mode fetch timing inline; then a routine copied to RAM sets
    // the P30 pair's read configuration register to synchronous burst (0x60/0x03 at the RCR value's
    // address) and the same loop runs again, now charged burst timing: the bank's compiled pages must go.
    const src = `
  .option norelax
  .globl _start
_start:
  li s0, 0x80001000
  la s1, rtn
  lw t3, 0(s1)
  sw t3, 0(s0)
  lw t3, 4(s1)
  sw t3, 4(s0)
  lw t3, 8(s1)
  sw t3, 8(s0)
  fence.i
  li s2, 2
phase:
  li s3, 3000
1:addi s4, s4, 1
  xori s5, s5, 3
  addi s3, s3, -1
  bnez s3, 1b
  li t1, 0x20000000 + (0x794F << 2)
  li t0, 0x00600060
  li t2, 0x00030003
  jalr s0
  addi s2, s2, -1
  bnez s2, phase
${FINISH}
  .balign 4
rtn:
  sw t0, 0(t1)
  sw t2, 0(t1)
  ret
`;
    const elf = buildAsm(tempDir('jit-rcr'), 'rcr', src, { textAt: 0x2000_0000 });
    const m = compareTimed(elf, 'nor-uncached');
    expect(m.stats().jitInstructions).toBeGreaterThan(10_000n);
    expect(m.stats().stallFlash).toBeGreaterThan(0n);
  });

  it('an I-cache line is re-touched when another line of its set came between (its set\'s record names the other)', () => {
    // A 2 KiB 2-way I-cache of 64-byte lines (16 sets, 1 KiB ways): page offsets 0, 1024 and 2048 share a
    // set. The inner loop runs L1 (0), L2 (1024), L1 (8) in one call; then L3 (2048) misses and must evict
    // L2, the least recently used, not L1 (whose last touch a wrong shortcut would skip: its line was checked
    // earlier in the call, but the record of its set names L2 by then).
    const src = `
  .option norelax
  .globl _start
_start:
  li s3, 50
  li s2, 100
  j 1f
  .balign 4096
1:addi s2, s2, -1
  j 3f
2:bnez s2, 1b
  j 4f
  .balign 1024
3:j 2b
  .balign 1024
4:addi s3, s3, -1
  li s2, 100
  bnez s3, 1b
${FINISH}`;
    const elf = buildAsm(tempDir('jit-iver'), 'iver', src);
    const m = compareTimed(elf, 'nor-cached+cache.icache.sizeBytes=2K+cache.icache.ways=2');
    expect(m.stats().icacheMisses).toBeGreaterThanOrEqual(2n * 50n);
    expect(m.stats().jitInstructions).toBeGreaterThan(10_000n);
  });

  it('keeps stall counts past 2^32 cycles in one call exact (one step of 40 M instructions of div; j)', () => {
    // 20 M divides at 255 cycles each: 5.08e9 mul/div stall cycles, all in one compiled call.
    const words = [0x027342b3 /* div t0, t1, t2 */, 0xffdff06f /* j .-4 */];
    const bytes = Uint8Array.from(words.flatMap((w) => [0, 8, 16, 24].map((k) => (w >>> k) & 0xff)));
    const run = (jit: boolean) => {
      const m = Machine.create(boardSpec('nor-uncached+pipeline.divCycles=255'), { variant: 'timed', jit, jitHeat: jit ? 1 : undefined });
      m.writePhys(RAM_PA, bytes);
      m.exports.hostFlushDecoded();
      m.pc = RAM_PA;
      m.step(40_000_000);
      return m.stats();
    };
    const a = run(false), b = run(true);
    expect(a.stallMulDiv).toBe(20_000_000n * 254n);
    expect(b.stallMulDiv).toBe(a.stallMulDiv);
    expect(b.cycles).toBe(a.cycles);
    expect(b.jitInstructions).toBeGreaterThan(39_000_000n);
  });

  it('a hot loop whose first instruction straddles two I-cache lines stays in compiled code', () => {
    // The loop head is a 32-bit instruction (xori has no compressed form) at offset 62 of a 64-byte line.
    const src = `
  .option norelax
  .globl _start
_start:
  li s2, 3000
  j 1f
  .balign 64
  .skip 62
1:xori s3, s3, 1
  add s4, s4, s3
  addi s2, s2, -1
  bnez s2, 1b
${FINISH}`;
    const elf = buildAsm(tempDir('jit-straddle'), 'straddle', src);
    for (const spec of CACHED.slice(0, 2)) {
      const m = compareTimed(elf, spec);
      expect(m.stats().jitInstructions, spec).toBeGreaterThan(11_000n);
    }
  });
});

describe('negative control: the mutant core also breaks compiled sltu', () => {
  let mutant = '';
  beforeAll(() => {
    mutant = buildMutantCore('mutant-jit');
  });
  it('fails rv32ui-alu with compiled pages too', () => {
    const { stop, m } = runRom('roms/build/rv32ui-alu.elf', { wasmPath: mutant, jitHeat: 1, maxInsns: BUDGET });
    expect(m.stats().jitInstructions).toBeGreaterThan(0n);
    expect(stop.reason).toBe('halt');
    expect(stop.exitCode).toBeGreaterThan(0);
  });
});
