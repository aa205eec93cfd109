// Memory-side timing of the timed build (DESIGN section 6): what an instruction fetch or a data access
// costs beyond the instruction's base cycle, given the caches, the region (RAM, flash) and the devices'
// latencies. Every cycle returned here is also added to its stall counter, so the run summary's
// breakdown adds up. Latencies come from the profile (converted from ns by the host, rounding up) and
// from the flash device's read model (tACC / tPAGE / burst).
import {
  cfg, CF_CACHE_SEED, CF_DC_LINE, CF_DC_POLICY, CF_DC_SIZE, CF_DC_WAYS, CF_FLASH_CACHEABLE, CF_IC_LINE,
  CF_IC_POLICY, CF_IC_SIZE, CF_IC_WAYS, CF_RAM_BEAT_CYCLES, CF_RAM_BUS_BYTES, CF_RAM_CYCLES, CF_WALK_CACHED,
} from '../config';
import {
  CACHE_MEMO_BASE, CACHE_MRU_SIZE, CACHE_SIZE, DCACHE_BASE, DCACHE_MRU_BASE, ICACHE_MRU_BASE, FLASH_BANK_BYTES, FLASH_HOST, ICACHE_BASE, PA_FLASH0, PA_RAM, RAM_HOST, STATS_BASE, TIMING_BASE,
} from '../layout';
import { Cache, CACHE_HIT, CACHE_MISS_WRITEBACK, cacheAccess, cacheConfigure, cacheFind, cacheInvalidateRange, dcache, g_evicted, g_lastEntry, icache } from '../cache/cache';
import { policyTouch } from '../cache/policy';
import { traceEvent, TR_DCACHE_MISS, TR_ICACHE_MISS } from '../trace';
import { flashFillCycles, flashReadCycles } from '../bus/flashport';
import {
  statAdd, ST_DC_EVICTIONS, ST_DC_HITS, ST_DC_MISSES, ST_DC_WRITEBACKS, ST_IC_EVICTIONS, ST_IC_HITS,
  ST_IC_MISSES, ST_STALL_DCACHE, ST_STALL_FLASH, ST_STALL_ICACHE, ST_STALL_RAM,
} from '../stats';

// Derived figures, kept in the timing region so the host can show the effective model.
// @ts-ignore: decorator
@inline const T_RAM_LINE_I: u32 = TIMING_BASE + 0;  // RAM fill of one I-cache line
// @ts-ignore: decorator
@inline const T_RAM_LINE_D: u32 = TIMING_BASE + 4;  // RAM fill (or write-back) of one D-cache line
// @ts-ignore: decorator
@inline const T_FLASH_CACHEABLE: u32 = TIMING_BASE + 8;

/** The line number of the last I-cache line looked up by fetchCost, or NO_LINE when fetch is uncached. */
export let g_iline: u32 = 0xffffffff;
// @ts-ignore: decorator
@inline export const NO_LINE: u32 = 0xffffffff;

function ramLineCycles(lineBytes: u32): u32 {
  const bus: u32 = cfg(CF_RAM_BUS_BYTES) == 0 ? 4 : cfg(CF_RAM_BUS_BYTES);
  const beats = lineBytes > bus ? lineBytes / bus : 1;
  return cfg(CF_RAM_CYCLES) + (beats - 1) * cfg(CF_RAM_BEAT_CYCLES);
}

/** Configures both caches from the config struct; returns 0 or the failing config field offset + 1. */
export function timingConfigure(): u32 {
  const seed = cfg(CF_CACHE_SEED);
  if (!cacheConfigure(icache, ICACHE_BASE, CACHE_SIZE, ICACHE_MRU_BASE, CACHE_MRU_SIZE, cfg(CF_IC_SIZE), cfg(CF_IC_WAYS), cfg(CF_IC_LINE), cfg(CF_IC_POLICY), seed)) return CF_IC_SIZE + 1;
  if (!cacheConfigure(dcache, DCACHE_BASE, CACHE_SIZE, DCACHE_MRU_BASE, CACHE_MRU_SIZE, cfg(CF_DC_SIZE), cfg(CF_DC_WAYS), cfg(CF_DC_LINE), cfg(CF_DC_POLICY), seed ^ 0x5a5a)) return CF_DC_SIZE + 1;
  store<u32>(T_RAM_LINE_I, icache.enabled ? ramLineCycles(1 << icache.lineShift) : 0);
  store<u32>(T_RAM_LINE_D, dcache.enabled ? ramLineCycles(1 << dcache.lineShift) : 0);
  store<u32>(T_FLASH_CACHEABLE, cfg(CF_FLASH_CACHEABLE));
  g_iline = NO_LINE;
  g_iSame = 0;
  memoClear();
  return 0;
}

/** Copies the caches' counters into the statistics region (after each run()). */
export function timingPublishStats(): void {
  setStat(ST_IC_HITS, icache.hits + g_iSame); setStat(ST_IC_MISSES, icache.misses); setStat(ST_IC_EVICTIONS, icache.evictions);
  setStat(ST_DC_HITS, dcache.hits); setStat(ST_DC_MISSES, dcache.misses); setStat(ST_DC_EVICTIONS, dcache.evictions);
  setStat(ST_DC_WRITEBACKS, dcache.writebacks);
}

function setStat(id: u32, v: u64): void {
  store<u64>(STATS_BASE + (id << 3), v);
}

// @ts-ignore: decorator
@inline function cacheable(h: u32): bool {
  return h >= RAM_HOST || load<u32>(T_FLASH_CACHEABLE) != 0;
}

/** The guest physical address of a RAM or flash host address (for trace records). */
function physOf(h: u32): u32 {
  return h >= RAM_HOST ? PA_RAM + (h - RAM_HOST) : PA_FLASH0 + (h - FLASH_HOST);
}

function deviceCycles(h: u32, size: u32): u32 {
  if (h >= RAM_HOST) return cfg(CF_RAM_CYCLES);
  const off = h - FLASH_HOST;
  return flashReadCycles(off / FLASH_BANK_BYTES, off % FLASH_BANK_BYTES, size);
}

function fillCycles(h: u32, lineShift: u32, lineRamCycles: u32): u32 {
  if (h >= RAM_HOST) return lineRamCycles;
  const lineStart = (h >>> lineShift) << lineShift;
  const off = lineStart - FLASH_HOST;
  return flashFillCycles(off / FLASH_BANK_BYTES, off % FLASH_BANK_BYTES, 1 << lineShift);
}

/** One I-cache line lookup for a fetch at h: the way memo first, then the full lookup and a fill. */
function fetchLine(h: u32, shift: u32): u32 {
  const line = h >>> shift;
  if (memoHit(icache, IMEMO, line, false)) return 0;
  const r = cacheAccess(icache, h, false);
  if (r != CACHE_HIT) memoForget(IMEMO, g_evicted);
  memoSet(IMEMO, line);
  if (r == CACHE_HIT) return 0;
  const c = fillCycles(h, shift, load<u32>(T_RAM_LINE_I));
  traceEvent(TR_ICACHE_MISS, 0, physOf(h), c);
  return c;
}

/**
 * Extra cycles to fetch the instruction of ilen bytes at host address h. With an I-cache and a
 * cacheable region it looks up each line the instruction touches (the hart calls this only when the
 * line changes: g_iline); otherwise every fetch pays the device's access latency.
 */
export function fetchCost(h: u32, ilen: u32): u32 {
  if (icache.enabled && cacheable(h)) {
    let c: u32 = 0;
    const shift = icache.lineShift;
    c += fetchLine(h, shift);
    const last = h + ilen - 1;
    if ((last >>> shift) != (h >>> shift)) c += fetchLine(last, shift);
    g_iline = last >>> shift;
    if (c != 0) statAdd(ST_STALL_ICACHE, c);
    return c;
  }
  g_iline = NO_LINE;
  const c = deviceCycles(h, ilen);
  statAdd(h >= RAM_HOST ? ST_STALL_RAM : ST_STALL_FLASH, c);
  return c;
}

// Way memo: a direct-mapped table (1024 entries per cache: 64 KiB of 64-byte lines, more than a cache
// holds, so two resident lines share an entry only when they are 64 KiB apart) from a line number to
// the tag entry holding it. It is exact: a line leaves the memo when it leaves the cache (eviction here,
// invalidation in timingInvalidateRange), so a memo hit is a cache hit without a tag check, handled
// exactly as cacheAccess() would (dirty bit, LRU stamp, hit count) without scanning the set's ways. A
// host acceleration, not a model: a line missing from the memo takes the full lookup. (Compiled pages,
// jit/compile.ts, check the caches' set records instead, cache/cache.ts, and call in here otherwise.)
// @ts-ignore: decorator
@inline export const DMEMO: u32 = CACHE_MEMO_BASE;
// @ts-ignore: decorator
@inline export const IMEMO: u32 = CACHE_MEMO_BASE + 0x2000;
// @ts-ignore: decorator
@inline export const MEMO_MASK: u32 = 1023;
/** I-cache hits the hart counted itself (fetches inside the line it last looked up). */
let g_iSame: u64 = 0;
export function addIcacheSameLineHits(n: u64): void { g_iSame += n; }

function memoClear(): void {
  for (let i: u32 = 0; i <= MEMO_MASK; i++) {
    store<u32>(DMEMO + (i << 3), NO_LINE);
    store<u32>(IMEMO + (i << 3), NO_LINE);
  }
}

/** The tag entry the way memo holds for `line`, else 0 (no effect). */
// @ts-ignore: decorator
@inline function memoEntry(memo: u32, line: u32): u32 {
  const m = memo + ((line & MEMO_MASK) << 3);
  return load<u32>(m) == line ? load<u32>(m, 4) : 0;
}

/** A hit on the line of tag entry e, as cacheAccess() makes it: dirty bit, LRU stamp, hit count. */
// @ts-ignore: decorator
@inline function entryHit(c: Cache, e: u32, isWrite: bool): void {
  if (isWrite) store<u32>(e, load<u32>(e) | 2);
  policyTouch(c, e);
  c.hits++;
}

/** A cache hit through the way memo, or false (then the caller does the full lookup). */
// @ts-ignore: decorator
@inline function memoHit(c: Cache, memo: u32, line: u32, isWrite: bool): bool {
  const e = memoEntry(memo, line);
  if (e == 0) return false;
  entryHit(c, e, isWrite);
  return true;
}

/** The line left the cache: its memo entry goes (NO_LINE: nothing to do). */
// @ts-ignore: decorator
@inline function memoForget(memo: u32, line: u32): void {
  const m = memo + ((line & MEMO_MASK) << 3);
  if (load<u32>(m) == line) store<u32>(m, NO_LINE);
}

/** Flash program/erase changed [h, h + len): both caches drop its lines (and the memos forget them). */
export function timingInvalidateRange(h: u32, len: u32): void {
  cacheInvalidateRange(icache, h, len);
  cacheInvalidateRange(dcache, h, len);
  memoClear();
}

/** The memo entry of `line` := tag entry e (by default the one the last cacheAccess() hit or filled). */
// @ts-ignore: decorator
@inline function memoSet(memo: u32, line: u32, e: u32 = g_lastEntry): void {
  const m = memo + ((line & MEMO_MASK) << 3);
  store<u32>(m, line);
  store<u32>(m, e, 4);
}

/**
 * The hart's data-side timing entry point: a memoised D-cache hit, an uncached RAM access (a constant),
 * or dataCost(). Returns the extra cycles.
 */
// @ts-ignore: decorator
@inline export function dataAccessCycles(h: u32, size: u32, isWrite: bool): u32 {
  if (dcache.enabled) {
    if (memoHit(dcache, DMEMO, h >>> dcache.lineShift, isWrite)) return 0;
  } else if (h >= RAM_HOST) {
    const c = cfg(CF_RAM_CYCLES);
    if (c != 0) statAdd(ST_STALL_RAM, c);
    return c;
  }
  return dataCost(h, size, isWrite);
}

/** dataCallFree's answer when the access needs the full path (dataCost). */
// @ts-ignore: decorator
@inline export const NEED_CALL: u32 = 0xffffffff;

/**
 * For the timed hotRun, which must not call (see docs/ARCHITECTURE.md, "Two loops"): the extra cycles of a data
 * access when they need no call (a memoised D-cache hit: 0; uncached RAM: the RAM access time), with the
 * same effects as dataAccessCycles; or NEED_CALL, with no effect at all, when dataCost is needed.
 */
// @ts-ignore: decorator
@inline export function dataCallFree(h: u32, isWrite: bool): u32 {
  if (dcache.enabled) {
    if (!cacheable(h)) return NEED_CALL;
    return memoHit(dcache, DMEMO, h >>> dcache.lineShift, isWrite) ? 0 : NEED_CALL;
  }
  if (h < RAM_HOST) return NEED_CALL;
  const c = cfg(CF_RAM_CYCLES);
  if (c != 0) statAdd(ST_STALL_RAM, c);
  return c;
}

/** For the timed hotRun: an I-cache hit on `line` through the way memo (charged: nothing), or false, no effect. */
// @ts-ignore: decorator
@inline export function fetchHitCallFree(line: u32): bool {
  return memoHit(icache, IMEMO, line, false);
}

/**
 * For the timed hotRun: an instruction straddling lines `line` and `line + 1`, both I-cache hits through
 * the way memo (charged: nothing; two hits, both lines touched in order, as fetchCost() looks them up),
 * or false with no effect at all.
 */
// @ts-ignore: decorator
@inline export function fetchHit2CallFree(line: u32): bool {
  const e1 = memoEntry(IMEMO, line), e2 = memoEntry(IMEMO, line + 1);
  if (e1 == 0 || e2 == 0) return false;
  entryHit(icache, e1, false);
  entryHit(icache, e2, false);
  return true;
}

/** The tag entry of `line` in the I-cache (through the memo, else the set), or 0 when it is not there. */
function iEntry(line: u32): u32 {
  const e = memoEntry(IMEMO, line);
  return e != 0 ? e : cacheFind(icache, line);
}

/** An I-cache hit on the line of entry e, as fetchLine() makes it (touch, count, memo). */
function iHit(line: u32, e: u32): void {
  entryHit(icache, e, false);
  memoSet(IMEMO, line, e);
}

/**
 * For compiled pages (a call, so not limited to the memo): the fetch lookups of fetchCost() when they are
 * all hits: `line` (n = 1) or `line` and `line + 1` (n = 2, a straddling instruction), in that order;
 * false with no effect at all when one would miss. A compiled page never fills the I-cache.
 */
export function fetchHitNoFill(line: u32, n: u32): bool {
  const e1 = iEntry(line);
  if (e1 == 0) return false;
  if (n == 1) { iHit(line, e1); return true; }
  const e2 = iEntry(line + 1);
  if (e2 == 0) return false;
  iHit(line, e1);
  iHit(line + 1, e2);
  return true;
}

/** Extra cycles of a data access of size bytes at host address h (RAM or flash in read-array mode). */
export function dataCost(h: u32, size: u32, isWrite: bool): u32 {
  const c = dataCycles(h, size, isWrite);
  if (c != 0) statAdd(g_dataStall, c);
  return c;
}

/** Which stall counter the last dataCycles() belongs to. */
let g_dataStall: u32 = ST_STALL_DCACHE;

/** dataCost without the statistics (the page walker files its reads under its own counter). */
export function dataCycles(h: u32, size: u32, isWrite: bool): u32 {
  if (dcache.enabled && cacheable(h)) {
    g_dataStall = ST_STALL_DCACHE;
    const r = cacheAccess(dcache, h, isWrite);
    if (r != CACHE_HIT) memoForget(DMEMO, g_evicted);
    memoSet(DMEMO, h >>> dcache.lineShift);
    if (r == CACHE_HIT) return 0;
    let c = fillCycles(h, dcache.lineShift, load<u32>(T_RAM_LINE_D));
    if (r == CACHE_MISS_WRITEBACK) c += load<u32>(T_RAM_LINE_D);
    traceEvent(TR_DCACHE_MISS, 0, physOf(h), c);
    return c;
  }
  g_dataStall = h >= RAM_HOST ? ST_STALL_RAM : ST_STALL_FLASH;
  return deviceCycles(h, size);
}

/** A page-walk read of the PTE at host address h: through the D-cache when the profile says so. */
export function walkReadCycles(h: u32): u32 {
  return cfg(CF_WALK_CACHED) != 0 ? dataCycles(h, 4, false) : deviceCycles(h, 4);
}

// How the hart charges fetches on its current page (fetchPlan): g_fetchShift is the granule of its
// "did the line change" check (the I-cache line; the page for RAM without an I-cache, whose per-fetch cost
// is the constant g_fetchEach; 0 for uncached flash, whose page-mode model needs every fetch).
export let g_fetchShift: u32 = 0;
export let g_fetchEach: u32 = 0;
export let g_fetchCached: bool = false;

export function fetchPlan(pageHost: u32): void {
  g_fetchCached = icache.enabled && cacheable(pageHost);
  if (g_fetchCached) { g_fetchShift = icache.lineShift; g_fetchEach = 0; }
  else if (pageHost >= RAM_HOST) { g_fetchShift = 12; g_fetchEach = cfg(CF_RAM_CYCLES); }
  else { g_fetchShift = 0; g_fetchEach = 0; }
}
