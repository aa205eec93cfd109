// Test harness entry: compiles the L1 cache timing model (assembly/cache/) alone, so test/cache.test.ts
// can check the index function, write-back and each replacement policy with hand-made access sequences.
import { Cache, cacheAccess, cacheConfigure, cacheInvalidateRange } from '../../assembly/cache/cache';
import { lfsrNext } from '../../assembly/cache/policy';

const c = new Cache();
const TAGS: u32 = 0x10000;
const MRU: u32 = 0x20000; // the per-set MRU records (u16 per set)

export function configure(size: u32, ways: u32, line: u32, policy: u32, seed: u32): bool {
  return cacheConfigure(c, TAGS, 0x10000, MRU, 0x4000, size, ways, line, policy, seed);
}
export function access(addr: u32, isWrite: bool): u32 { return cacheAccess(c, addr, isWrite); }
export function invalidate(addr: u32, len: u32): void { cacheInvalidateRange(c, addr, len); }
export function hits(): u32 { return <u32>c.hits; }
export function misses(): u32 { return <u32>c.misses; }
export function evictions(): u32 { return <u32>c.evictions; }
export function writebacks(): u32 { return <u32>c.writebacks; }
export function sets(): u32 { return c.sets; }
export function lfsr(s: u32): u32 { return lfsrNext(s); }
export function setClock(v: u32): void { c.clock = v; }
