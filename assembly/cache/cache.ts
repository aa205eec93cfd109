// L1 cache timing models (DESIGN section 5): tags only, the data stays in RAM/flash. A cache is a set of
// `sets` x `ways` tag entries with a line size, an index function, and a replacement policy, each a
// separate piece: lookup/insert here, the policies in cache/policy.ts. Addresses are linear-memory
// (host) addresses of RAM or flash, which map one-to-one to physical addresses, so no translation is
// needed. Write-back, write-allocate: a store marks its line dirty; evicting a dirty line costs a
// write-back. Counters live in the statistics region.
//
// Tag entry (8 bytes): +0 line number << 2 | dirty << 1 | valid, +4 the policy's word (LRU stamp).
import { POLICY_LRU, policyTouch, policyVictim } from './policy';

// @ts-ignore: decorator
@inline export const CACHE_HIT: u32 = 0;
// @ts-ignore: decorator
@inline export const CACHE_MISS: u32 = 1;
// @ts-ignore: decorator
@inline export const CACHE_MISS_WRITEBACK: u32 = 2; // a miss whose victim was dirty

export class Cache {
  enabled: bool = false;
  base: u32 = 0;        // tag array address
  sets: u32 = 1;
  ways: u32 = 1;
  lineShift: u32 = 5;
  policy: u32 = POLICY_LRU;
  clock: u32 = 0;       // LRU time
  mru: u32 = 0;         // per-set record (u32): REC_NONE, or the line number | dirty << 31 of the set's most recently used entry
  setShift: u32 = 3;    // (entry address - base) >> setShift = set index
  lfsr: u32 = 1;        // random replacement state
  hits: u64 = 0;
  misses: u64 = 0;
  evictions: u64 = 0;
  writebacks: u64 = 0;
}

/**
 * A set's record: the line number of the set's most recently used entry with that entry's dirty bit in
 * bit 31 (bit 30 is 0: line numbers are below 2^30), or REC_NONE. While a record names a line, the line
 * is resident, a touch of it changes nothing (policy.ts), and a store to it changes nothing when bit 31 is
 * set: compiled pages (jit/compile.ts) check a set's record and skip the lookup. Every touch sets the
 * record; an invalidation or the LRU clock's restart clears every record of the cache.
 */
// @ts-ignore: decorator
@inline export const REC_NONE: u32 = 0xffffffff;

/** The tag entry the last cacheAccess() hit or filled. */
export let g_lastEntry: u32 = 0;
/** The line a missing cacheAccess() evicted, or 0xffffffff when it filled an invalid way. */
export let g_evicted: u32 = 0xffffffff;

export const icache = new Cache();
export const dcache = new Cache();

/** Sets a cache up from its geometry (size 0 disables it); returns false if the geometry is invalid. */
export function cacheConfigure(c: Cache, base: u32, maxBytes: u32, mru: u32, mruBytes: u32, size: u32, ways: u32, line: u32, policy: u32, seed: u32): bool {
  c.enabled = size != 0;
  c.hits = 0; c.misses = 0; c.evictions = 0; c.writebacks = 0;
  c.clock = 0;
  c.lfsr = seed == 0 ? 0xace1 : seed & 0xffff;
  if (c.lfsr == 0) c.lfsr = 0xace1;
  c.policy = policy;
  c.base = base;
  c.mru = mru;
  if (!c.enabled) return true;
  if (line < 4 || line > 256 || (line & (line - 1)) != 0) return false;
  if (ways == 0 || (ways & (ways - 1)) != 0) return false;
  if (size % (line * ways) != 0) return false;
  c.sets = size / (line * ways);
  if ((c.sets & (c.sets - 1)) != 0) return false;
  c.ways = ways;
  c.lineShift = 31 - clz<u32>(line);
  if (c.sets * c.ways * 8 > maxBytes || c.sets * 4 > mruBytes) return false;
  c.setShift = 3 + (31 - clz<u32>(ways));
  memory.fill(base, 0, c.sets * c.ways * 8);
  memory.fill(mru, 0xff, c.sets << 2);
  return true;
}

/** The set index of a line number: the low bits (the classic modulo index). */
// @ts-ignore: decorator
@inline function setOf(c: Cache, lineNo: u32): u32 {
  return lineNo & (c.sets - 1);
}

/**
 * Looks addr up, allocating its line on a miss (reads and writes alike: write-allocate). Returns
 * CACHE_HIT, CACHE_MISS or CACHE_MISS_WRITEBACK. A write marks the line dirty.
 */
export function cacheAccess(c: Cache, addr: u32, isWrite: bool): u32 {
  const lineNo = addr >>> c.lineShift;
  const setBase = c.base + setOf(c, lineNo) * c.ways * 8;
  const want = (lineNo << 2) | 1;
  for (let w: u32 = 0; w < c.ways; w++) {
    const e = setBase + (w << 3);
    const t = load<u32>(e);
    if ((t & ~2) == want) {
      if (isWrite) store<u32>(e, t | 2);
      policyTouch(c, e);
      c.hits++;
      g_lastEntry = e;
      return CACHE_HIT;
    }
  }
  c.misses++;
  const v = policyVictim(c, setBase);
  const e = setBase + (v << 3);
  const old = load<u32>(e);
  let r = CACHE_MISS;
  g_evicted = 0xffffffff;
  if ((old & 1) != 0) {
    g_evicted = old >>> 2;
    c.evictions++;
    if ((old & 2) != 0) { c.writebacks++; r = CACHE_MISS_WRITEBACK; }
  }
  store<u32>(e, want | (isWrite ? 2 : 0));
  policyTouch(c, e);
  g_lastEntry = e;
  return r;
}

/** The tag entry holding line number lineNo, or 0 when the line is not in the cache (no effect). */
export function cacheFind(c: Cache, lineNo: u32): u32 {
  const setBase = c.base + setOf(c, lineNo) * c.ways * 8;
  const want = (lineNo << 2) | 1;
  for (let w: u32 = 0; w < c.ways; w++) {
    const e = setBase + (w << 3);
    if ((load<u32>(e) & ~2) == want) return e;
  }
  return 0;
}

/** Drops every line overlapping [addr, addr + len) (flash program/erase); dirty data is not written back. */
export function cacheInvalidateRange(c: Cache, addr: u32, len: u32): void {
  if (!c.enabled || len == 0) return;
  memory.fill(c.mru, 0xff, c.sets << 2);
  const first = addr >>> c.lineShift, last = (addr + len - 1) >>> c.lineShift;
  const n = last - first + 1;
  if (n > c.sets * c.ways) {
    // Larger than the cache: scan every entry once.
    for (let i: u32 = 0; i < c.sets * c.ways; i++) {
      const e = c.base + (i << 3);
      const ln = load<u32>(e) >>> 2;
      if ((load<u32>(e) & 1) != 0 && ln >= first && ln <= last) store<u32>(e, 0);
    }
    return;
  }
  for (let ln = first; ln <= last; ln++) {
    const setBase = c.base + setOf(c, ln) * c.ways * 8;
    for (let w: u32 = 0; w < c.ways; w++) {
      const e = setBase + (w << 3);
      if ((load<u32>(e) & ~2) == ((ln << 2) | 1)) store<u32>(e, 0);
    }
  }
}
