// Statistics: u64 counters at STATS_BASE, in the order of STAT_NAMES. The host reads them by name
// through the exported statNames() list; the core only ever adds to them.
import { STATS_BASE } from './layout';

// @ts-ignore: decorator
@inline export const ST_CYCLES: u32 = 0;
// @ts-ignore: decorator
@inline export const ST_INSTRET: u32 = 1;
// @ts-ignore: decorator
@inline export const ST_ITLB_HIT: u32 = 2;
// @ts-ignore: decorator
@inline export const ST_ITLB_MISS: u32 = 3;
// @ts-ignore: decorator
@inline export const ST_DTLB_HIT: u32 = 4;
// @ts-ignore: decorator
@inline export const ST_DTLB_MISS: u32 = 5;
// @ts-ignore: decorator
@inline export const ST_WALKS: u32 = 6;
// @ts-ignore: decorator
@inline export const ST_WALK_READS: u32 = 7;
// @ts-ignore: decorator
@inline export const ST_TRAPS: u32 = 8;
// @ts-ignore: decorator
@inline export const ST_INTERRUPTS: u32 = 9;
// @ts-ignore: decorator
@inline export const ST_HOST_TRAPS: u32 = 10;
// @ts-ignore: decorator
@inline export const ST_DECODES: u32 = 11;
// @ts-ignore: decorator
@inline export const ST_DECODE_FLUSHES: u32 = 12;
// @ts-ignore: decorator
@inline export const ST_SMC_INVALIDATIONS: u32 = 13;
// @ts-ignore: decorator
@inline export const ST_LOADS: u32 = 14;
// @ts-ignore: decorator
@inline export const ST_STORES: u32 = 15;
// @ts-ignore: decorator
@inline export const ST_MMIO: u32 = 16;
// @ts-ignore: decorator
@inline export const ST_WFI_CYCLES: u32 = 17;     // idle cycles spent in WFI
// Stall cycles by cause (timed build). cycles = instret + every stall* + wfiCycles.
// @ts-ignore: decorator
@inline export const ST_STALL_BRANCH: u32 = 18;   // taken/mispredicted branches and jumps
// @ts-ignore: decorator
@inline export const ST_STALL_RAM: u32 = 19;      // uncached RAM accesses (fetch or data)
// @ts-ignore: decorator
@inline export const ST_STALL_MULDIV: u32 = 20;
// @ts-ignore: decorator
@inline export const ST_STALL_TRAP: u32 = 21;     // trap entry
// @ts-ignore: decorator
@inline export const ST_STALL_WALK: u32 = 22;     // page-table walk reads
// @ts-ignore: decorator
@inline export const ST_STALL_FLASH: u32 = 23;    // uncached flash accesses (fetch or data)
// @ts-ignore: decorator
@inline export const ST_FETCH_PAGE: u32 = 24;     // fetch-page translations (not cycles)
// @ts-ignore: decorator
@inline export const ST_STALL_ICACHE: u32 = 25;   // I-cache line fills
// @ts-ignore: decorator
@inline export const ST_STALL_DCACHE: u32 = 26;   // D-cache line fills and write-backs
// @ts-ignore: decorator
@inline export const ST_STALL_LOADUSE: u32 = 27;
// @ts-ignore: decorator
@inline export const ST_STALL_OTHER: u32 = 28;    // csr, atomics, xret extra cycles
// @ts-ignore: decorator
@inline export const ST_STALL_MMIO: u32 = 29;
// @ts-ignore: decorator
@inline export const ST_IC_HITS: u32 = 30;
// @ts-ignore: decorator
@inline export const ST_IC_MISSES: u32 = 31;
// @ts-ignore: decorator
@inline export const ST_IC_EVICTIONS: u32 = 32;
// @ts-ignore: decorator
@inline export const ST_DC_HITS: u32 = 33;
// @ts-ignore: decorator
@inline export const ST_DC_MISSES: u32 = 34;
// @ts-ignore: decorator
@inline export const ST_DC_EVICTIONS: u32 = 35;
// @ts-ignore: decorator
@inline export const ST_DC_WRITEBACKS: u32 = 36;
// @ts-ignore: decorator
@inline export const ST_KERNEL_CYCLES: u32 = 37; // cycles the host charged for work it did for the guest (process mode)
// @ts-ignore: decorator
@inline export const ST_JIT_COMPILES: u32 = 38;  // fast build: pages compiled to wasm (jit/compile.ts)
// @ts-ignore: decorator
@inline export const ST_JIT_INSNS: u32 = 39;     // fast build: instructions retired by compiled pages
// @ts-ignore: decorator
@inline export const ST_COUNT: u32 = 40;

export const STAT_NAMES =
  'cycles,instret,itlbHits,itlbMisses,dtlbHits,dtlbMisses,walks,walkReads,traps,interrupts,hostTraps,' +
  'decodes,decodeFlushes,smcInvalidations,loads,stores,mmioAccesses,wfiCycles,stallBranch,stallRam,' +
  'stallMulDiv,stallTrap,stallWalk,stallFlash,fetchPageLookups,stallICache,stallDCache,stallLoadUse,' +
  'stallOther,stallMmio,icacheHits,icacheMisses,icacheEvictions,dcacheHits,dcacheMisses,dcacheEvictions,' +
  'dcacheWritebacks,kernelCycles,jitCompiles,jitInstructions';

// @ts-ignore: decorator
@inline export function statAdd(id: u32, n: u64): void {
  store<u64>(STATS_BASE + (id << 3), load<u64>(STATS_BASE + (id << 3)) + n);
}

// @ts-ignore: decorator
@inline export function statGet(id: u32): u64 {
  return load<u64>(STATS_BASE + (id << 3));
}

export function statsClear(): void {
  memory.fill(STATS_BASE, 0, ST_COUNT << 3);
}
