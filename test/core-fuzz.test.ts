// Guest code is hostile input too: random instruction streams (random bits, and random picks among valid
// encodings of every format) executed with random register values, on all three core builds, must never
// crash the host (no wasm trap, no exception out of run()), must end every call with a named stop
// reason, and must be deterministic. Random stores reach every device: flash command sequences, the
// CLINT, the UART, the finisher (a halt or reset is a fine ending). FUZZ_CASES raises the count.
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../src/board.ts';
import { Machine, STOP_REASONS } from '../src/core/machine.ts';
import { CoreVariant } from '../src/core/load.ts';
import { boardSpec } from './helpers/core.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 60);
const INSNS = 20_000;
const RAM = 0x8000_0000;

/** xorshift32: a small deterministic generator. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}

// Valid major opcodes and funct3 values, so that most words decode to real instructions.
const OPCODES = [0x03, 0x0f, 0x13, 0x17, 0x23, 0x2f, 0x33, 0x37, 0x63, 0x67, 0x6f, 0x73];

/** What the page compiler compiles: loads, ALU (register and immediate), stores, branches, lui/auipc, jal. */
const COMPILED_OPCODES = [0x03, 0x13, 0x13, 0x13, 0x17, 0x23, 0x33, 0x33, 0x37, 0x63, 0x63, 0x6f];

function program(seed: number, compiledOnly = false): { code: Uint8Array; regs: number[] } {
  const r = rng(seed);
  const bytes: number[] = [];
  while (bytes.length < 4096) {
    const kind = r() % 8;
    let w = r();
    if (compiledOnly) {
      // Valid encodings of what the page compiler compiles. Loads and stores use x8-x15 as base (they
      // point into RAM above the program and nothing writes them); every rd is outside x8-x15.
      const opc = COMPILED_OPCODES[r() % COMPILED_OPCODES.length];
      const rd = [1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 0][r() % 24];
      const rs1 = r() % 32, rs2 = r() % 32, base = 8 + (r() % 8);
      if (opc === 0x03) w = (w & 0xfff00000) | (base << 15) | ([0, 1, 2, 4, 5][r() % 5] << 12) | (rd << 7) | opc;
      else if (opc === 0x23) w = (w & 0xfe000f80) | (rs2 << 20) | (base << 15) | ((r() % 3) << 12) | opc;
      else if (opc === 0x63) {
        // Short branches, mostly backward (loops): offset -32 ... +30.
        const back = r() % 4 !== 0;
        w = (back ? 0xfe000080 : 0) | (rs2 << 20) | (rs1 << 15) | ([0, 1, 4, 5, 6, 7][r() % 6] << 12) | ((r() % 16) << 8) | opc;
      } else if (opc === 0x6f) w = 0xfe000000 | (0x1ff << 12) | ((r() % 16) << 21) | (rd << 7) | opc; // jal, -32 ... -2
      else if (opc === 0x33) {
        const f3 = r() % 8;
        const f7 = r() % 3 === 0 ? 0x01 : (f3 === 0 || f3 === 5) && r() % 2 === 0 ? 0x20 : 0;
        w = (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
      } else if (opc === 0x13) {
        const f3 = r() % 8;
        const imm = f3 === 1 ? r() % 32 : f3 === 5 ? (r() % 32) | (r() % 2 ? 0x400 : 0) : r() & 0xfff;
        w = (imm << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
      } else w = (w & 0xfffff000) | (rd << 7) | opc; // lui, auipc
    } else if (kind < 5) w = (w & ~0x7f) | OPCODES[r() % OPCODES.length]; // a 32-bit instruction of some format
    else if (kind < 7) w = w & 0xffff; // a compressed instruction (or an illegal 16-bit one)
    const n = (w & 3) === 3 ? 4 : 2;
    for (let i = 0; i < n; i++) bytes.push((w >>> (8 * i)) & 0xff);
  }
  // Registers: addresses in RAM, flash, devices, nowhere; and small and random values.
  const bases = [RAM, RAM + 0x1000, 0x2000_0000, 0x2000_0154, 0x0200_4000, 0x1000_0000, 0x0010_0000, 0x4000_0000, 0];
  const regs = Array.from({ length: 32 }, () => (r() % 3 === 0 ? bases[r() % bases.length] + (r() % 64) : r() % 4 === 0 ? r() : r() % 256));
  if (compiledOnly) for (let i = 8; i < 16; i++) regs[i] = RAM + 0x2000 + (r() % 0x4000);
  return { code: Uint8Array.from(bytes.slice(0, 4096)), regs };
}

function runCase(seed: number, variant: CoreVariant, jit: { jit?: boolean; jitHeat?: number } = {}, compiledOnly = false, spec = 'virt') {
  const m = Machine.create(spec === 'virt' ? loadBoard('virt') : boardSpec(spec), { variant, ...jit });
  const { code, regs } = program(seed, compiledOnly);
  m.writePhys(RAM, code);
  m.exports.hostFlushDecoded();
  m.pc = RAM;
  regs.forEach((v, i) => m.setReg(i, v));
  const reasons: string[] = [];
  let left = INSNS;
  for (let call = 0; call < 50 && left > 0; call++) {
    const s = m.step(Math.min(left, 5000));
    reasons.push(s.reason);
    m.drainUart();
    left -= s.retired;
    if (s.reason !== 'budget' && s.reason !== 'io') break;
  }
  const st = m.stats();
  const stats = Object.fromEntries(Object.entries(st).filter(([k]) => !['decodes', 'jitCompiles', 'jitInstructions'].includes(k)));
  return {
    reasons, pc: m.pc, instret: m.instret, cycles: m.cycles, regs: Array.from({ length: 32 }, (_, i) => m.reg(i)),
    ram: Array.from(m.readPhys(RAM, 0x2000)), stats, jitInstructions: st.jitInstructions,
  };
}

describe('random guest code never crashes the host', () => {
  // Chunks of 20 seeds per test keep each synchronous stretch short (vitest's worker must answer RPCs).
  for (const variant of ['fast', 'timed', 'trace'] as const) {
    for (let first = 1; first <= CASES; first += 20) {
      const last = Math.min(CASES, first + 19);
      it(`seeds ${first}-${last} on the ${variant} core end with named stops, deterministically`, () => {
        for (let seed = first; seed <= last; seed++) {
          let a;
          try {
            a = runCase(seed, variant);
          } catch (e) {
            throw new Error(`seed ${seed} on the ${variant} core crashed the host: ${(e as Error).stack}`);
          }
          for (const r of a.reasons) expect(STOP_REASONS, `seed ${seed}`).toContain(r);
          if (seed % 10 === 1) expect(runCase(seed, variant), `seed ${seed} is not deterministic`).toEqual(a);
        }
      });
    }
  }
});

// Differential fuzzing of the page compiler (assembly/jit/): the same random programs with every page
// compiled as soon as it is entered must leave what the interpreter leaves, on both cores. Half the
// programs use only what the compiler compiles (with short, mostly backward branches: loops), so that
// compiled code runs long stretches; the others are the crash fuzzer's programs.
// The timed core's seeds also cycle through cached boards, where compiled pages check the caches' set
// records (docs/ARCHITECTURE.md, "What a compiled page may skip"): nor-cached (LRU, 64-byte lines, 4 KiB
// ways), small LRU caches with 32-byte lines (lines of a page share sets; misses and evictions all the
// time), random replacement, and a one-set (fully associative) I-cache with a direct-mapped D-cache.
const FUZZ_BOARDS = [
  'virt',
  'nor-cached',
  'nor-cached+cache.icache.sizeBytes=1K+cache.icache.ways=2+cache.icache.lineBytes=32+cache.dcache.sizeBytes=2K+cache.dcache.ways=2+cache.dcache.lineBytes=32',
  'nor-cached+cache.icache.sizeBytes=8K+cache.icache.ways=2+cache.icache.policy=random+cache.dcache.sizeBytes=4K+cache.dcache.ways=4+cache.dcache.policy=random',
  'nor-cached+cache.icache.sizeBytes=512+cache.icache.ways=8+cache.dcache.sizeBytes=1K+cache.dcache.ways=1',
];

describe('compiled pages agree with the interpreter on random code', () => {
  const compiled: Record<string, bigint> = { fast: 0n, timed: 0n };
  for (const variant of ['fast', 'timed'] as const) {
    for (let first = 1; first <= CASES; first += 20) {
      const last = Math.min(CASES, first + 19);
      it(`seeds ${first}-${last} on the ${variant} core`, () => {
        for (let seed = first; seed <= last; seed++) {
          const only = seed % 2 === 0;
          const spec = variant === 'timed' ? FUZZ_BOARDS[Math.floor(seed / 2) % FUZZ_BOARDS.length] : 'virt';
          const { jitInstructions: none, ...a } = runCase(seed, variant, { jit: false }, only, spec);
          const { jitInstructions: n, ...b } = runCase(seed, variant, { jitHeat: 1 }, only, spec);
          expect(none).toBe(0n);
          expect(b, `seed ${seed}${only ? ' (compiled ops only)' : ''} on ${spec}`).toEqual(a);
          compiled[variant] += n;
        }
      });
    }
    it(`(and compiled code ran on the ${variant} core)`, () => {
      expect(compiled[variant]).toBeGreaterThan(BigInt(CASES) * 1000n);
    });
  }
});
