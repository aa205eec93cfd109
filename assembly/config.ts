// The configuration struct: one versioned block of u32 fields at CONFIG_BASE, written by the host
// (src/core/config.ts, from a board profile) before it calls configure(). Field order is the interface:
// append new fields, never reorder, and bump CONFIG_VERSION when the meaning of a field changes.
import { CONFIG_BASE } from './layout';

// @ts-ignore: decorator
@inline export const CONFIG_VERSION: u32 = 1;

// Each constant is the byte offset of a u32 field inside the struct. The host mirrors this list through
// the exported configFieldNames() string, so it never repeats the offsets.
// @ts-ignore: decorator
@inline export const CF_VERSION: u32 = 0;        // must equal CONFIG_VERSION
// @ts-ignore: decorator
@inline export const CF_CLOCK_HZ: u32 = 4;       // core clock
// @ts-ignore: decorator
@inline export const CF_TIMEBASE_HZ: u32 = 8;    // CLINT mtime frequency
// @ts-ignore: decorator
@inline export const CF_RAM_BYTES: u32 = 12;     // RAM size at 0x8000_0000
// @ts-ignore: decorator
@inline export const CF_FLASH_BANKS: u32 = 16;   // bit b set: flash bank b exists
// @ts-ignore: decorator
@inline export const CF_TOHOST: u32 = 20;        // physical address of tohost (0: none)
// @ts-ignore: decorator
@inline export const CF_FROMHOST: u32 = 24;      // physical address of fromhost (0: none)
// @ts-ignore: decorator
@inline export const CF_HOST_TRAP_MASK: u32 = 28; // bit c set: exception cause c stops run() instead of trapping
// @ts-ignore: decorator
@inline export const CF_RESET_PC: u32 = 32;
// @ts-ignore: decorator
@inline export const CF_ITLB_ENTRIES: u32 = 36;
// @ts-ignore: decorator
@inline export const CF_ITLB_WAYS: u32 = 40;
// @ts-ignore: decorator
@inline export const CF_DTLB_ENTRIES: u32 = 44;
// @ts-ignore: decorator
@inline export const CF_DTLB_WAYS: u32 = 48;
// @ts-ignore: decorator
@inline export const CF_RAM_CYCLES: u32 = 52;    // timed build: RAM first-access latency (cycles), the cost of an uncached access
// @ts-ignore: decorator
@inline export const CF_MMIO_CYCLES: u32 = 56;   // timed build: device register access latency
// @ts-ignore: decorator
@inline export const CF_BRANCH_PENALTY: u32 = 60; // taken (or, with a predictor, mispredicted) branch, extra cycles
// @ts-ignore: decorator
@inline export const CF_JUMP_PENALTY: u32 = 64;  // jal/jalr, extra cycles
// @ts-ignore: decorator
@inline export const CF_MUL_CYCLES: u32 = 68;    // mul total cycles
// @ts-ignore: decorator
@inline export const CF_DIV_CYCLES: u32 = 72;    // div*/rem* total cycles
// @ts-ignore: decorator
@inline export const CF_CSR_CYCLES: u32 = 76;    // csr* total cycles
// @ts-ignore: decorator
@inline export const CF_TRAP_CYCLES: u32 = 80;   // trap entry, extra cycles
// @ts-ignore: decorator
@inline export const CF_XRET_CYCLES: u32 = 84;   // mret/sret total cycles
// @ts-ignore: decorator
@inline export const CF_AMO_CYCLES: u32 = 88;    // amo* total cycles (plus the memory access)
// @ts-ignore: decorator
@inline export const CF_LOAD_USE: u32 = 92;      // load-use stall cycles
// @ts-ignore: decorator
@inline export const CF_RAM_BEAT_CYCLES: u32 = 96;  // RAM: cycles per further bus beat of a burst (line fill)
// @ts-ignore: decorator
@inline export const CF_RAM_BUS_BYTES: u32 = 100;   // RAM data bus width in bytes
// @ts-ignore: decorator
@inline export const CF_IC_SIZE: u32 = 104;         // L1 I-cache bytes (0: no I-cache)
// @ts-ignore: decorator
@inline export const CF_IC_WAYS: u32 = 108;
// @ts-ignore: decorator
@inline export const CF_IC_LINE: u32 = 112;         // line bytes
// @ts-ignore: decorator
@inline export const CF_IC_POLICY: u32 = 116;       // 0 LRU, 1 pseudo-random
// @ts-ignore: decorator
@inline export const CF_DC_SIZE: u32 = 120;         // L1 D-cache bytes (0: no D-cache)
// @ts-ignore: decorator
@inline export const CF_DC_WAYS: u32 = 124;
// @ts-ignore: decorator
@inline export const CF_DC_LINE: u32 = 128;
// @ts-ignore: decorator
@inline export const CF_DC_POLICY: u32 = 132;
// @ts-ignore: decorator
@inline export const CF_FLASH_CACHEABLE: u32 = 136; // 1: flash reads and fetches go through the caches
// @ts-ignore: decorator
@inline export const CF_CACHE_SEED: u32 = 140;      // seed of the random replacement LFSR
// @ts-ignore: decorator
@inline export const CF_PREDICTOR: u32 = 144;       // 0 none (taken branches pay), 1 static BTFN
// @ts-ignore: decorator
@inline export const CF_WALK_CACHED: u32 = 148;     // 1: page-walk reads go through the D-cache
// @ts-ignore: decorator
@inline export const CF_MULH_CYCLES: u32 = 152;  // mulh/mulhsu/mulhu total cycles
// @ts-ignore: decorator
@inline export const CF_LRSC_CYCLES: u32 = 156;  // lr.w/sc.w total cycles (plus the memory access)
// @ts-ignore: decorator
@inline export const CF_CSR_WRITE_CYCLES: u32 = 160; // extra cycles of a CSR instruction that writes (pipeline flush)
// @ts-ignore: decorator
@inline export const CF_AD_FAULT: u32 = 164;     // 1: a PTE without A (or D for a store) page-faults (Svade); 0: the walker sets them
// @ts-ignore: decorator
@inline export const CF_FIELDS: u32 = 42;

/** Names of the fields in offset order, for the host (comma separated). */
export const CONFIG_FIELD_NAMES =
  'version,clockHz,timebaseHz,ramBytes,flashBanks,tohost,fromhost,hostTrapMask,resetPc,' +
  'itlbEntries,itlbWays,dtlbEntries,dtlbWays,ramFirstCycles,mmioCycles,branchPenalty,jumpPenalty,' +
  'mulCycles,divCycles,csrCycles,trapCycles,xretCycles,amoCycles,loadUse,ramBeatCycles,ramBusBytes,' +
  'icacheSize,icacheWays,icacheLine,icachePolicy,dcacheSize,dcacheWays,dcacheLine,dcachePolicy,' +
  'flashCacheable,cacheSeed,predictor,walkCached,mulhCycles,lrscCycles,csrWriteCycles,adFault';

// @ts-ignore: decorator
@inline export function cfg(field: u32): u32 {
  return load<u32>(CONFIG_BASE + field);
}
