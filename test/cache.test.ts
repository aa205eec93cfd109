// The L1 cache timing model on its own (assembly/cache/, compiled through test/harness/cache-harness.ts):
// geometry checks, the modulo index, write-back/write-allocate, and each replacement policy on access
// sequences whose outcome is worked out by hand.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const HIT = 0, MISS = 1, MISS_WB = 2;
const LRU = 0, RANDOM = 1;

interface CacheX {
  configure(size: number, ways: number, line: number, policy: number, seed: number): number;
  access(addr: number, isWrite: number): number;
  invalidate(addr: number, len: number): void;
  hits(): number; misses(): number; evictions(): number; writebacks(): number; sets(): number;
  lfsr(s: number): number;
  setClock(v: number): void;
}

let x: CacheX;

beforeAll(() => {
  const out = join(mkdtempSync(join(tmpdir(), 'xipemu-cache-')), 'cache.wasm');
  execFileSync(join(root, 'node_modules/.bin/asc'), [
    join(root, 'test/harness/cache-harness.ts'), '-O3', '--noAssert', '--runtime', 'stub', '--initialMemory', '4', '-o', out,
  ], { cwd: root, stdio: 'pipe' });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(out)), { env: { abort() { throw new Error('abort'); } } });
  x = inst.exports as unknown as CacheX;
});

const LINE = 32;

describe('geometry', () => {
  it('accepts power-of-two geometries and computes the sets', () => {
    expect(x.configure(1024, 2, 32, LRU, 1)).toBe(1);
    expect(x.sets()).toBe(16);
    expect(x.configure(0, 1, 32, LRU, 1)).toBe(1); // size 0: disabled, always valid
  });
  it('rejects bad line sizes, ways and set counts', () => {
    expect(x.configure(1024, 2, 24, LRU, 1)).toBe(0);
    expect(x.configure(1024, 3, 32, LRU, 1)).toBe(0);
    expect(x.configure(96 * 32, 1, 32, LRU, 1)).toBe(0); // 96 sets
  });
});

describe('index, allocation and write-back', () => {
  it('maps addresses sets*line apart to the same set (modulo index)', () => {
    x.configure(4 * LINE, 1, LINE, LRU, 1); // 4 sets, direct-mapped
    expect(x.access(0x1000, 0)).toBe(MISS);
    expect(x.access(0x1000 + 31, 0)).toBe(HIT); // same line
    expect(x.access(0x1000 + 4 * LINE, 0)).toBe(MISS); // same set, evicts
    expect(x.access(0x1000, 0)).toBe(MISS);
    expect(x.access(0x1000 + LINE, 0)).toBe(MISS); // next set: no conflict
    expect(x.access(0x1000, 0)).toBe(HIT);
    expect([x.hits(), x.misses(), x.evictions()]).toEqual([2, 4, 2]);
  });
  it('write-allocates, marks dirty, and reports a write-back when a dirty line is evicted', () => {
    x.configure(4 * LINE, 1, LINE, LRU, 1);
    expect(x.access(0x2000, 1)).toBe(MISS); // write miss allocates
    expect(x.access(0x2000, 0)).toBe(HIT);
    expect(x.access(0x2000 + 4 * LINE, 0)).toBe(MISS_WB); // evicts the dirty line
    expect(x.access(0x2000, 0)).toBe(MISS); // evicts a clean line
    expect(x.writebacks()).toBe(1);
  });
  it('invalidates lines in a range (flash program/erase), without write-back', () => {
    x.configure(8 * LINE, 2, LINE, LRU, 1);
    x.access(0x3000, 1);
    x.access(0x3000 + LINE, 0);
    x.invalidate(0x3000 + 4, 8);
    expect(x.access(0x3000, 0)).toBe(MISS);
    expect(x.access(0x3000 + LINE, 0)).toBe(HIT);
    expect(x.writebacks()).toBe(0);
  });
});

describe('LRU replacement', () => {
  it('evicts the least recently used way of a set', () => {
    x.configure(2 * 2 * LINE, 2, LINE, LRU, 1); // 2 sets x 2 ways
    const S = 2 * LINE; // stride between lines of the same set
    const A = 0x4000, B = A + S, C = A + 2 * S;
    x.access(A, 0);
    x.access(B, 0);
    x.access(A, 0); // A most recent: B is LRU
    expect(x.access(C, 0)).toBe(MISS); // evicts B
    expect(x.access(A, 0)).toBe(HIT);
    expect(x.access(B, 0)).toBe(MISS); // B was the victim; this evicts C (LRU now)
    expect(x.access(A, 0)).toBe(HIT);
    expect(x.access(C, 0)).toBe(MISS);
  });
  it('repeated hits on a set\'s most recently used line keep the order (the MRU record skips their stamps)', () => {
    x.configure(4 * 4 * LINE, 4, LINE, LRU, 1); // 4 sets x 4 ways
    const S = 4 * LINE;
    const [A, B, C, D, E] = [0, 1, 2, 3, 4].map((i) => 0x4000 + i * S);
    for (const a of [A, B, C, D]) x.access(a, 0); // order (old to new): A B C D
    for (const a of [A, A, A, B, B, A, A]) expect(x.access(a, 0)).toBe(HIT); // order: C D B A
    expect(x.access(E, 0)).toBe(MISS); // evicts C
    expect(x.access(D, 0)).toBe(HIT);  // order: B A E D
    expect(x.access(C, 0)).toBe(MISS); // C was the victim; this evicts B
    expect(x.access(A, 0)).toBe(HIT);
    expect(x.access(B, 0)).toBe(MISS); // evicts E
    expect(x.access(E, 0)).toBe(MISS);
    // A set's MRU record does not leak into another set: the other sets' lines fill and hit as usual.
    expect(x.access(0x4000 + LINE, 0)).toBe(MISS);
    expect(x.access(0x4000 + LINE, 0)).toBe(HIT);
  });
  it('survives the LRU clock wrapping: every stamp and MRU record restarts, and the next touches order the set again', () => {
    x.configure(2 * LINE, 2, LINE, LRU, 1); // one set of 2 ways
    const [A, B, C] = [0x4000, 0x4000 + 2 * LINE, 0x4000 + 4 * LINE];
    x.access(A, 0);
    x.access(B, 0);
    x.setClock(0xffffffff); // the next stamp wraps
    expect(x.access(A, 0)).toBe(HIT); // restart (A 0, B 0), then A is stamped 1
    expect(x.access(C, 0)).toBe(MISS); // evicts B, the older
    expect(x.access(A, 0)).toBe(HIT);
    expect(x.access(B, 0)).toBe(MISS); // evicts C: A was touched after it
    expect(x.access(A, 0)).toBe(HIT);
    expect(x.access(C, 0)).toBe(MISS);
  });
  it('keeps a working set of `ways` lines per set resident forever', () => {
    x.configure(4 * 4 * LINE, 4, LINE, LRU, 1);
    const S = 4 * LINE;
    for (let round = 0; round < 10; round++) for (let i = 0; i < 4; i++) x.access(0x8000 + i * S, 0);
    expect(x.misses()).toBe(4);
  });
});

describe('pseudo-random replacement', () => {
  it('the LFSR has period 65535 and never reaches 0', () => {
    let s = 1, n = 0;
    do { s = x.lfsr(s); n++; expect(s).not.toBe(0); } while (s !== 1 && n < 70000);
    expect(n).toBe(65535);
  });
  it('chooses the victim from the LFSR: invalid ways first, then state & (ways - 1)', () => {
    const seed = 0x1234;
    x.configure(4 * LINE, 4, LINE, RANDOM, seed); // one set of 4 ways
    for (let i = 0; i < 4; i++) x.access(0x9000 + i * LINE * 1, 0); // fills the 4 ways (all in set 0: 1 set)
    expect(x.misses()).toBe(4);
    // The next miss replaces way lfsr(seed) & 3: the line in that way (filled in order) must miss next.
    const victim = x.lfsr(seed) & 3;
    expect(x.access(0xa000, 0)).toBe(MISS);
    for (let i = 0; i < 4; i++) expect(x.access(0x9000 + i * LINE, 0)).toBe(i === victim ? MISS : HIT);
  });
  it('is deterministic for a seed and differs between seeds', () => {
    const run = (seed: number) => {
      x.configure(8 * LINE, 4, LINE, RANDOM, seed);
      const out: number[] = [];
      for (let i = 0; i < 200; i++) out.push(x.access(0xb000 + ((i * 7) % 13) * 2 * LINE, 0));
      return out.join('');
    };
    expect(run(77)).toBe(run(77));
    expect(run(77)).not.toBe(run(78));
  });
});
