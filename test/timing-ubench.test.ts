// The cycle model against the microbenchmark ROMs (roms/ubench/, README there): each ROM runs on the timed
// core with the three XIP board profiles of docs/TIMING.md (nor-cached, nor-uncached, nor-amd), and every
// figure it reports must EXACTLY equal the prediction computed here from the profile's own figures and the
// kernel's instruction sequence (kernels.S). The oracle is written from the model's specification
// (docs/TIMING.md, DESIGN section 6), not from the core's code: base 1 cycle per instruction, branch and
// jump penalties, load-use, mul/div/CSR totals, I/D-cache hits and line fills (RAM: first + (beats - 1) x
// beat; flash: the part's tACC / tPAGE page model), uncached device accesses.
//
// The profiles come from roms/boards/NAME.json (docs/TIMING.md's table, field for field). Cases whose
// outcome depends on replacement details (a working set equal to the cache) are checked for order only
// (between their neighbours).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoardProfile } from '../src/board.ts';
import { parseElf } from '../src/elf.ts';
import { Machine } from '../src/core/machine.ts';
import { flashParams, loadPart } from '../src/flash/index.ts';
import { runSummary, BREAKDOWN } from '../src/report.ts';
import { boardSpec, ROOT } from './helpers/core.ts';

const MHz = 1_000_000;

// The three XIP profiles, plus nor-cached with page walks that bypass the D-cache: there every PTE read
// costs a RAM access, so tlbreach shows the walk latency itself in cycles (NAME+field=value = an override).
const PROFILES = ['nor-cached', 'nor-uncached', 'nor-amd', 'nor-cached+cache.walkCached=false'] as const;

const profile = boardSpec; // NAME or NAME+field=value (helpers/core.ts)

// ---- Running ----

interface Result { kv: Map<string, number>; m: Machine; out: string; exitCode?: number }
const runs = new Map<string, Result>();

function run(rom: string, board: string): Result {
  const key = `${rom}@${board}`;
  let r = runs.get(key);
  if (r) return r;
  const m = Machine.create(profile(board), { variant: 'timed' });
  m.loadElf(parseElf(new Uint8Array(readFileSync(join(ROOT, 'roms', 'build', 'ubench', `${rom}.elf`)))));
  const chunks: Buffer[] = [];
  const stop = m.runUntilStop(60_000_000, (b) => chunks.push(Buffer.from(b)));
  const out = Buffer.concat(chunks).toString('latin1');
  const kv = new Map<string, number>();
  for (const line of out.split('\n')) {
    const mm = /^(\S+) (\d+)$/.exec(line);
    if (mm) kv.set(mm[1], Number(mm[2]));
  }
  r = { kv, m, out, exitCode: stop.reason === 'halt' ? stop.exitCode : -1 };
  runs.set(key, r);
  return r;
}

function get(r: Result, key: string): number {
  const v = r.kv.get(key);
  if (v === undefined) throw new Error(`no '${key}' in the ROM's output:\n${r.out}`);
  return v;
}

// ---- The oracle: the model's figures from a profile ----

function ceilCycles(clocks: number, fromHz: number, coreHz: number): number {
  return Math.ceil((clocks * coreHz) / fromHz - 1e-9);
}

interface Figures {
  p: BoardProfile;
  B: number; J: number; LU: number;
  takenBack: number; takenFwd: number; ntFwd: number; ntBack: number;
  ramFirst: number; ramBeat: number;
  ramLine(lineBytes: number): number;
  flash: { tAcc: number; tPage: number; pageWords: number; busBytes: number };
  /** Cycles of one line fill from flash when the previous flash access was in another page. */
  flashLine(lineBytes: number): number;
  /** Cycles of one uncached read of `bytes` at a page-aligned offset, the open page elsewhere. */
  flashRead(bytes: number): number;
}

function figures(p: BoardProfile): Figures {
  const pl = p.pipeline, mem = p.memory;
  const B = pl.branchPenalty, btfn = pl.predictor === 'btfn';
  const ramFirst = ceilCycles(mem.ramFirstClocks, mem.ramClockHz, p.clockHz);
  const ramBeat = ceilCycles(mem.ramBeatClocks, mem.ramClockHz, p.clockHz);
  const part = loadPart(p.flash.part);
  const fp = flashParams(part, p.clockHz).fields;
  const flash = {
    tAcc: Number(fp.P_T_ACC), tPage: Number(fp.P_T_PAGE), pageWords: Number(fp.P_PAGE_WORDS),
    busBytes: (part.chipWidthBits / 8) * part.interleave,
  };
  const pageBytes = flash.pageWords * flash.busBytes;
  const wordsCost = (bytes: number) => {
    let c = 0;
    for (let w = 0; w < bytes / flash.busBytes; w++) c += (w * flash.busBytes) % pageBytes === 0 ? flash.tAcc : flash.tPage;
    return c;
  };
  return {
    p, B, J: pl.jumpPenalty, LU: pl.loadUse,
    takenBack: btfn ? 0 : B, takenFwd: B, ntFwd: 0, ntBack: btfn ? B : 0,
    ramFirst, ramBeat,
    ramLine: (line) => ramFirst + (Math.max(line / mem.ramBusBytes, 1) - 1) * ramBeat,
    flash,
    flashLine: wordsCost,
    flashRead: (bytes) => wordsCost(Math.max(bytes, flash.busBytes)),
  };
}

const hasI = (p: BoardProfile) => p.cache.icache.sizeBytes > 0;
const hasD = (p: BoardProfile) => p.cache.dcache.sizeBytes > 0;

/** Fetch cost per instruction of a warm loop in RAM: 0 with an I-cache, else the RAM access. */
function ramFetch(f: Figures): number {
  return hasI(f.p) ? 0 : f.ramFirst;
}

// ---- Tests ----

describe.each(PROFILES)('ubench on %s', (board) => {
  const p = profile(board);
  const f = figures(p);

  it('the profile validates', () => {
    expect(p.name).toBe(board.split('+')[0]);
  });

  describe('chase (code in RAM)', () => {
    const loopExtra = (fetch: number) => 10 + f.takenBack + 10 * fetch; // 10 instructions, taken backward bnez

    it('zero-size control: 10 instructions per iteration', () => {
      const r = run('chase-ram', board);
      expect(r.exitCode).toBe(0);
      const loads = get(r, 'chase.ctrl.loads');
      expect(get(r, 'chase.ctrl.cycles')).toBe((loads / 8) * loopExtra(ramFetch(f)));
    });

    it('RAM working sets: all hits up to half the D-cache, one line fill per load from twice its size', () => {
      const r = run('chase-ram', board);
      const dsize = p.cache.dcache.sizeBytes;
      for (let bytes = 1024; bytes <= 4 << 20; bytes *= 2) {
        const key = `chase.ram.${bytes}`;
        if (!r.kv.has(`${key}.cycles`)) {
          expect(bytes, `${key} missing though RAM is ${p.ram.sizeBytes} bytes`).toBeGreaterThan(p.ram.sizeBytes / 2);
          continue;
        }
        const loads = get(r, `${key}.loads`);
        let perLoad: number;
        if (!hasD(p)) perLoad = f.ramFirst;
        else if (bytes <= dsize / 2) perLoad = 0;
        else if (bytes >= 2 * dsize) perLoad = f.ramLine(p.cache.dcache.lineBytes);
        else continue; // at the cache size: depends on what else the set holds
        const want = (loads / 8) * (loopExtra(ramFetch(f)) + 7 * f.LU + 8 * perLoad);
        expect(get(r, `${key}.cycles`), `${key} (${perLoad} per load)`).toBe(want);
      }
    });

    it('flash working sets (tables in flash, code in RAM)', () => {
      const r = run('chase-ram', board);
      const dsize = p.cache.dcache.sizeBytes;
      const cached = hasD(p) && p.cache.flashCacheable;
      for (let bytes = 1024; bytes <= 65536; bytes *= 2) {
        const key = `chase.flash.${bytes}`;
        const loads = get(r, `${key}.loads`);
        let perLoad: number;
        if (!cached) perLoad = f.flashRead(4);
        else if (bytes <= dsize / 2) perLoad = 0;
        else if (bytes >= 2 * dsize) perLoad = f.flashLine(p.cache.dcache.lineBytes);
        else continue;
        const want = (loads / 8) * (loopExtra(ramFetch(f)) + 7 * f.LU + 8 * perLoad);
        expect(get(r, `${key}.cycles`), `${key} (${perLoad} per load)`).toBe(want);
      }
    });

    it('the staircase never goes down as the working set grows (away from the cache size)', () => {
      const r = run('chase-ram', board);
      const dsize = p.cache.dcache.sizeBytes;
      for (const where of ['ram', 'flash']) {
        let prev = 0;
        for (let bytes = 1024; r.kv.has(`chase.${where}.${bytes}.cycles`); bytes *= 2) {
          if (bytes > dsize / 2 && bytes < 2 * dsize) continue; // the n / 2n difference is not a steady state there
          const cpl = get(r, `chase.${where}.${bytes}.cycles`) / get(r, `chase.${where}.${bytes}.loads`);
          expect(cpl, `chase.${where}.${bytes}`).toBeGreaterThanOrEqual(prev);
          prev = cpl;
        }
      }
    });
  });

  describe('chase-burst (the P30 pair in synchronous burst mode, code in RAM)', () => {
    it('flash working sets: a burst start (latency count) and one flash clock per further word of a line', () => {
      const part = loadPart(p.flash.part);
      if (!part.read.burstMHz) return; // the AMD part has no burst mode (staircase.test checks the refusal)
      const r = run('chase-burst', board);
      expect(r.exitCode).toBe(0);
      const rcr = get(r, 'chase.flashburst.rcr');
      expect(rcr >> 15).toBe(0); // RM = 0: synchronous
      expect(rcr & 7).toBe(7); // continuous: no burst boundary inside a line
      const lc = (rcr >> 11) & 15;
      const clk = Math.ceil(p.clockHz / (part.read.burstMHz * MHz));
      const dsize = p.cache.dcache.sizeBytes;
      const cached = hasD(p) && p.cache.flashCacheable;
      const loopExtra = 10 + f.takenBack + 10 * ramFetch(f);
      for (let bytes = 1024; bytes <= 65536; bytes *= 2) {
        const key = `chase.flashburst.${bytes}`;
        let perLoad: number;
        // Uncached, each chased word is a new (non-sequential) burst: the latency count alone.
        if (!cached) perLoad = lc * clk;
        else if (bytes <= dsize / 2) perLoad = 0;
        else if (bytes >= 2 * dsize) perLoad = (lc + p.cache.dcache.lineBytes / f.flash.busBytes - 1) * clk;
        else continue;
        expect(get(r, `${key}.cycles`), `${key} (${perLoad} per load)`).toBe((get(r, `${key}.loads`) / 8) * (loopExtra + 7 * f.LU + 8 * perLoad));
      }
    });
  });

  describe('chase (code XIP in flash)', () => {
    it('RAM working sets: the RAM build\'s figures when fetch is cached, the flash page model per fetch when not', () => {
      if (!hasI(p) || !p.cache.flashCacheable) {
        // Uncached XIP: the loop's 10 fetches per iteration come from flash. Its 40 bytes start on a
        // 64-byte boundary: pages of pageWords bus words, the first fetch of each page a random access.
        const r = run('chase-flash', board);
        const pageBytes = f.flash.pageWords * f.flash.busBytes;
        let fetch = 0;
        for (let w = 0; w < 40; w += f.flash.busBytes) fetch += w % pageBytes === 0 ? f.flash.tAcc : f.flash.tPage;
        const loads = get(r, 'chase.ctrl.loads');
        expect(get(r, 'chase.ctrl.cycles')).toBe((loads / 8) * (10 + f.takenBack + fetch));
        for (let bytes = 1024; r.kv.has(`chase.ram.${bytes}.cycles`); bytes *= 2) {
          const n = get(r, `chase.ram.${bytes}.loads`) / 8;
          expect(get(r, `chase.ram.${bytes}.cycles`), `chase.ram.${bytes}`).toBe(n * (10 + f.takenBack + fetch + 7 * f.LU + 8 * f.ramFirst));
        }
        return;
      }
      const a = run('chase-ram', board), b = run('chase-flash', board);
      expect(b.exitCode).toBe(0);
      const dsize = p.cache.dcache.sizeBytes;
      for (const [k, v] of a.kv) {
        const bytes = Number(k.split('.')[2]);
        if (k.startsWith('chase.ram.') && bytes > dsize / 2 && bytes < 2 * dsize) continue; // not a steady state
        if (k.startsWith('chase.ram.') || k.startsWith('chase.ctrl.')) expect(b.kv.get(k), k).toBe(v);
      }
    });
  });

  describe('icode', () => {
    // Per repetition: jalr into the block, bytes/4 addi, jr back (its own line), addi, bnez (taken back).
    const perRepBase = (bytes: number) => bytes / 4 + 4 + 2 * f.J + f.takenBack;

    it('from RAM: all I-cache hits up to half its size, every line a miss from twice its size', () => {
      const r = run('icode-ram', board);
      expect(r.exitCode).toBe(0);
      const isize = p.cache.icache.sizeBytes, line = p.cache.icache.lineBytes;
      for (let bytes = 1024; bytes <= 65536; bytes *= 2) {
        const reps = get(r, `icode.${bytes}.reps`);
        expect(get(r, `icode.${bytes}.insns`)).toBe(reps * bytes / 4);
        let fetch: number;
        if (!hasI(p)) fetch = (bytes / 4 + 4) * f.ramFirst;
        else if (bytes <= isize / 2) fetch = 0;
        else if (bytes >= 2 * isize) fetch = (bytes / line + 2) * f.ramLine(line); // block lines, the jr line, the loop's line
        else continue;
        expect(get(r, `icode.${bytes}.cycles`), `icode.${bytes}`).toBe(reps * (perRepBase(bytes) + fetch));
      }
    });

    it('from flash: line fills from flash (cached) or the page model per fetch (uncached)', () => {
      const r = run('icode-flash', board);
      expect(r.exitCode).toBe(0);
      const isize = p.cache.icache.sizeBytes, line = p.cache.icache.lineBytes;
      const pageBytes = f.flash.pageWords * f.flash.busBytes;
      for (let bytes = 1024; bytes <= 65536; bytes *= 2) {
        const reps = get(r, `icode.${bytes}.reps`);
        let fetch: number;
        if (!(hasI(p) && p.cache.flashCacheable)) {
          // Block: sequential from a page boundary; then jr (new page), then the loop's addi (new page),
          // bnez and jalr in that page, and the block's entry (new page).
          const words = (n: number) => { let c = 0; for (let i = 0; i < n; i += f.flash.busBytes) c += i % pageBytes === 0 ? f.flash.tAcc : f.flash.tPage; return c; };
          fetch = words(bytes) + words(4) + words(4 * 3);
        } else if (bytes <= isize / 2) fetch = 0;
        else if (bytes >= 2 * isize) fetch = (bytes / line + 2) * f.flashLine(line);
        else continue;
        expect(get(r, `icode.${bytes}.cycles`), `icode.${bytes}`).toBe(reps * (perRepBase(bytes) + fetch));
      }
    });
  });

  describe('branch', () => {
    it('each kernel costs its instructions plus its penalties', () => {
      const r = run('branch', board);
      expect(r.exitCode).toBe(0);
      const fe = ramFetch(f);
      const want: Record<string, number> = {
        loop: 2 * (1 + fe) + f.takenBack,
        fwd_nt: 10 * (1 + fe) + 8 * f.ntFwd + f.takenBack,
        fwd_t: 10 * (1 + fe) + 8 * f.takenFwd + f.takenBack,
        bwd_t: 11 * (1 + fe) + 2 * f.J + 7 * f.takenBack + f.takenBack,
        jal: 10 * (1 + fe) + 8 * f.J + f.takenBack,
        call: 10 * (1 + fe) + 8 * f.J + f.takenBack,
      };
      for (const [k, per] of Object.entries(want)) {
        expect(get(r, `branch.${k}.cycles`), `branch.${k}`).toBe(get(r, `branch.${k}.iters`) * per);
      }
      // alt: per pair of iterations one taken (4 instructions) and one not-taken (5) forward branch.
      const iters = get(r, 'branch.alt.iters');
      expect(get(r, 'branch.alt.cycles')).toBe((iters / 2) * (9 * (1 + fe) + f.takenFwd + f.ntFwd + 2 * f.takenBack));
    });
  });

  describe('muldiv', () => {
    it('8 operations of mulCycles / divCycles each, plus the loop', () => {
      const r = run('muldiv', board);
      expect(r.exitCode).toBe(0);
      const fe = ramFetch(f);
      const loop = 2 * (1 + fe) + f.takenBack;
      const cost: Record<string, number> = { mul: p.pipeline.mulCycles, mulh: p.pipeline.mulhCycles, div: p.pipeline.divCycles, rem: p.pipeline.divCycles };
      for (const [k, c] of Object.entries(cost)) {
        const ops = get(r, `muldiv.${k}.ops`);
        expect(get(r, `muldiv.${k}.cycles`), `muldiv.${k}`).toBe((ops / 8) * (8 * (c + fe) + loop));
      }
    });
  });

  describe('trap', () => {
    it('ecall-handler-mret round trip: trap entry and xRET extras, two CSR accesses, the loop', () => {
      const r = run('trap', board);
      expect(r.exitCode).toBe(0);
      const fe = ramFetch(f), pl = p.pipeline;
      const loop = 2 * (1 + fe) + f.takenBack;
      // ecall (base + trapCycles), csrr mepc, addi, csrw mepc (a write: + csrWriteCycles), mret (base +
      // xretCycles): I-cache hits on the handler's and the loop's lines cost nothing; without a cache every
      // fetch pays RAM.
      const perIter = (1 + pl.trapCycles + fe) + 2 * (pl.csrCycles + fe) + pl.csrWriteCycles + (1 + fe) + (1 + pl.xretCycles + fe) + loop;
      expect(get(r, 'trap.ecall.cycles')).toBe(get(r, 'trap.ecall.iters') * perIter);
    });
    it('amoadd.w costs amoCycles, lr.w and sc.w lrscCycles, each plus its data access, plus the loop', () => {
      const r = run('trap', board);
      const fe = ramFetch(f), pl = p.pipeline;
      const loop = 2 * (1 + fe) + f.takenBack;
      const data = hasD(p) ? 0 : f.ramFirst; // the word stays in the D-cache; uncached, a RAM access each
      expect(get(r, 'trap.amo.cycles')).toBe((get(r, 'trap.amo.ops') / 8) * (8 * (pl.amoCycles + fe + data) + loop));
      expect(get(r, 'trap.lrsc.cycles')).toBe((get(r, 'trap.lrsc.ops') / 8) * (8 * (pl.lrscCycles + fe + data) + loop));
    });
    it('wfi sleeps until mtime reaches mtimecmp, then the interrupt enters its handler in trapCycles', () => {
      const r = run('trap', board);
      // mtime counts timebaseHz from cycle 0 (mtime = cycles * timebaseHz / clockHz, rounded down), so the
      // sleep ends at the first cycle with mtime >= mtimecmp; the handler's first instruction (csrr mcycle,
      // fetched from a cached line or SRAM: no fetch cost) reads that cycle plus the trap entry.
      const cmp = get(r, 'wfi.cmp');
      const wake = Math.ceil((cmp * p.clockHz) / p.timebaseHz);
      expect(get(r, 'wfi.before')).toBeLessThan(wake - 10 * (p.clockHz / p.timebaseHz)); // a real sleep
      expect(ramFetch(f) + 0).toBe(0); // (+ 0: the oracle may give -0)
      expect(get(r, 'wfi.after')).toBe(wake + p.pipeline.trapCycles);
      expect(r.m.stats().wfiCycles).toBeGreaterThan(0n);
    });
    it('a device-register load or store costs its base cycle plus memory.mmioNs (never cached), plus the loop', () => {
      const r = run('trap', board);
      const fe = ramFetch(f);
      const loop = 2 * (1 + fe) + f.takenBack;
      const mmio = ceilCycles(p.memory.mmioNs, 1e9, p.clockHz);
      // docs/TIMING.md's derived figures: 32.5 ns at 400 MHz (13 cycles), 20 ns at 100 MHz (2).
      expect(mmio).toBe(board.startsWith('nor-uncached') ? 2 : 13);
      for (const k of ['load', 'store']) {
        expect(get(r, `mmio.${k}.cycles`), k).toBe((get(r, `mmio.${k}.ops`) / 8) * (8 * (1 + fe + mmio) + loop));
      }
    });
  });

  describe('tlbreach', () => {
    it('TLB hits within the DTLB\'s reach, one walk (2 PTE reads) per load beyond it', () => {
      const r = run('tlbreach', board);
      expect(r.exitCode).toBe(0);
      const fe = ramFetch(f);
      const entries = p.tlb.dtlb.entries, ways = p.tlb.dtlb.ways, sets = entries / ways;
      // With D-cache: data lines (at most 64) and PTE lines (17) stay resident: walks cost nothing extra.
      // Without: each uncached RAM access (the load and each PTE read) costs ramFirst.
      const dLoad = hasD(p) ? 0 : f.ramFirst;
      const pteRead = hasD(p) && p.cache.walkCached ? 0 : f.ramFirst;
      for (const n of [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256]) {
        const acc = get(r, `tlbreach.${n}.accesses`);
        const passes = acc / n;
        // The pages of one pass: k + floor(k / 64) for k < n; per TLB set, misses iff more pages than ways
        // (round-robin replacement under a cyclic pattern misses every time).
        const perSet = new Map<number, number>();
        for (let k = 0; k < n; k++) {
          const vpn = (0x40000000 >>> 12) + k + Math.floor(k / 64);
          perSet.set(vpn % sets, (perSet.get(vpn % sets) ?? 0) + 1);
        }
        let walks = 0;
        for (const c of perSet.values()) if (c > ways) walks += c;
        const perPass = n * (4 * (1 + fe) + dLoad) + (n - 1) * f.takenBack + f.ntBack + 4 * (1 + fe) + f.takenBack + walks * 2 * pteRead;
        expect(get(r, `tlbreach.${n}.cycles`), `tlbreach.${n}`).toBe(passes * perPass);
      }
    });
  });

  it('the --json breakdown adds up to the total cycles', () => {
    const { m } = run('chase-ram', board);
    const s = runSummary(m, { reason: 'halt' } as never, { file: 'chase-ram.elf', seconds: 1 });
    const sum = BREAKDOWN.reduce((t, [k]) => t + s.breakdown[k], 0);
    expect(sum).toBe(s.cycles);
    expect(s.breakdown.base).toBe(s.instret);
  });
});
