// The whole export surface of the xipemu core (see docs/ARCHITECTURE.md, "The core/host boundary").
//
// Groups: lifecycle (configure, reset, run), the region map the host builds its views from, names of
// the config fields and statistics, host services (decoded-code flush after the host writes memory,
// TLB flush after it edits page tables, CSR peek), and the decode table for the host's checks.
import {
  ASDATA_BASE, CACHE_SIZE, CONFIG_BASE, CONFIG_SIZE, CSR_BASE, CSR_SIZE, DCACHE_BASE, DECODE_DIR_BASE,
  DECODE_DIR_SIZE, DECODE_POOL_BASE, DECODE_POOL_SIZE, DTLB_BASE, FLASH_BANK_BYTES, FLASH_BANKS, FLASH_HOST,
  CACHE_MEMO_BASE, CACHE_MEMO_SIZE, ICACHE_MRU_BASE, CACHE_MRU_SIZE, FLASHCTL_BASE, FLASHCTL_SIZE, HART_BASE, JIT_BUF_BASE, JIT_BUF_SIZE, JIT_DIR_BASE, JIT_DIR_SIZE, HART_SIZE, ICACHE_BASE, ITLB_BASE, MAILBOX_BASE, MAILBOX_SIZE,
  RAM_HOST, RAM_MAX_BYTES, SOFTTLB_BASE, SOFTTLB_SIZE, STATS_BASE, STATS_SIZE, TIMING_BASE, TIMING_SIZE,
  TLB_SIZE, TRACE_BASE, TRACE_SIZE, UART_RX_BASE, UART_RX_SIZE, UART_TX_BASE, UART_TX_SIZE,
} from './layout';
import {
  cfg, CF_CLOCK_HZ, CF_DTLB_ENTRIES, CF_DTLB_WAYS, CF_FLASH_BANKS, CF_ITLB_ENTRIES, CF_ITLB_WAYS,
  CF_RAM_BYTES, CF_RESET_PC, CF_TIMEBASE_HZ, CF_VERSION, CONFIG_FIELD_NAMES, CONFIG_VERSION,
} from './config';
import {
  clearStop, FATAL_BAD_CONFIG, FATAL_NONE, g_stop, MB_FATAL, MB_STOP, requestStop, STOP_BUDGET, STOP_FATAL, STOP_WFI,
} from './mailbox';
import { statAdd, statsClear, STAT_NAMES, ST_CYCLES, ST_INSTRET, ST_KERNEL_CYCLES, ST_WFI_CYCLES } from './stats';
import { clintReset, timerEventCycle } from './dev/clint';
import { uartReset } from './dev/uart';
import { flashReset } from './bus/flashport';
import { RANGE_NAMES, rangeBase, rangeSize } from './bus/bus';
import { dtlb, itlb, tlbConfigure, tlbFlush } from './mmu/tlb';
import { softTlbFlush } from './mmu/softtlb';
import { dataAccessCycles, dataCycles, fetchCost, fetchHitNoFill, timingConfigure, timingPublishStats } from './timing/memory';
import { traceReset, TRACE_KIND_NAMES } from './trace';
import { CSR_MIE, IRQ_MTI } from './cpu/csrnum';
import { csrPeek, csrReset } from './cpu/csr';
import { clearWfi, execute, g_wfi, setEventAt } from './cpu/hart';
import { flushDecoded, invalidateDecodedRange } from './cpu/predecode';
import { JIT_BUILD, JIT_HEAT_DEFAULT, setJit } from './jit/dir';
import {
  getCycles, getInstret, getPc, H_RESERVATION, PRIV_M, setCycles, setInstret, setPc, setPrivRaw, takePenalty,
} from './cpu/state';
import { csrGetRaw, interruptsWaiting, interruptToTake, mstatusSet, takeInterrupt } from './cpu/trap';

export {
  decodeTableMask, decodeTableMatch, decodeTableNames, decodeTableSize, decodeTableSpecial, decodeLookup,
} from './cpu/decode';

// ---------------------------------------------------------------- build facts

/** 1 in the timed build (full cycle model), 0 in the fast functional build. */
export function buildTimed(): u32 { return TIMED; }
/** 1 in the trace build (slow-path events go to the trace ring), else 0. */
export function buildTrace(): u32 { return TRACE; }
/** The config struct version this core expects (the host checks it before writing the struct). */
export function configVersion(): u32 { return CONFIG_VERSION; }

// ---------------------------------------------------------------- region map

const REGION_NAMES =
  'hart,csr,mailbox,config,stats,softtlb,itlb,dtlb,flashctl,timing,uarttx,uartrx,trace,icache,dcache,' +
  'decodedir,jitdir,asdata,jitbuf,decodepool,cachememo,cacherec,flash,ram';

export function regionCount(): u32 { return 24; }
export function regionBase(i: u32): u32 {
  switch (i) {
    case 0: return HART_BASE; case 1: return CSR_BASE; case 2: return MAILBOX_BASE; case 3: return CONFIG_BASE;
    case 4: return STATS_BASE; case 5: return SOFTTLB_BASE; case 6: return ITLB_BASE; case 7: return DTLB_BASE;
    case 8: return FLASHCTL_BASE; case 9: return TIMING_BASE; case 10: return UART_TX_BASE; case 11: return UART_RX_BASE;
    case 12: return TRACE_BASE; case 13: return ICACHE_BASE; case 14: return DCACHE_BASE; case 15: return DECODE_DIR_BASE;
    case 16: return JIT_DIR_BASE; case 17: return ASDATA_BASE;
    case 18: return JIT_BUF_BASE; case 19: return DECODE_POOL_BASE; case 20: return CACHE_MEMO_BASE; case 21: return ICACHE_MRU_BASE;
    case 22: return FLASH_HOST; case 23: return RAM_HOST;
  }
  return 0;
}
export function regionSize(i: u32): u32 {
  switch (i) {
    case 0: return HART_SIZE; case 1: return CSR_SIZE; case 2: return MAILBOX_SIZE; case 3: return CONFIG_SIZE;
    case 4: return STATS_SIZE; case 5: return SOFTTLB_SIZE; case 6: return TLB_SIZE; case 7: return TLB_SIZE;
    case 8: return FLASHCTL_SIZE; case 9: return TIMING_SIZE; case 10: return UART_TX_SIZE; case 11: return UART_RX_SIZE;
    case 12: return TRACE_SIZE; case 13: return CACHE_SIZE; case 14: return CACHE_SIZE; case 15: return DECODE_DIR_SIZE;
    case 16: return JIT_DIR_SIZE; case 17: return JIT_BUF_BASE - ASDATA_BASE;
    case 18: return JIT_BUF_SIZE; case 19: return DECODE_POOL_SIZE;
    case 20: return CACHE_MEMO_SIZE; case 21: return 2 * CACHE_MRU_SIZE;
    case 22: return FLASH_BANK_BYTES * FLASH_BANKS; case 23: return RAM_MAX_BYTES;
  }
  return 0;
}
/** Comma-separated names: region names, config fields, statistics, bus ranges. The host decodes them. */
export function regionNames(): string { return REGION_NAMES; }
export function configFieldNames(): string { return CONFIG_FIELD_NAMES; }
export function statNames(): string { return STAT_NAMES; }
export function busRangeNames(): string { return RANGE_NAMES; }
/** Trace record kinds by number (comma separated; kind 0 unused). */
export function traceKindNames(): string { return TRACE_KIND_NAMES; }
/** The board's physical memory map as configured (device i of busRangeNames; size 0 = absent). */
export function busRangeBase(i: u32): u32 { return rangeBase(i + 1); }
export function busRangeSize(i: u32): u32 { return rangeSize(i + 1); }

// ---------------------------------------------------------------- lifecycle

function isPow2(v: u32): bool { return v != 0 && (v & (v - 1)) == 0; }

/**
 * Applies the config struct the host wrote at CONFIG_BASE. Returns 0 on success or a non-zero code
 * naming the first bad field (its byte offset + 1); the host validates profiles first, so this is a
 * last line of defence.
 */
export function configure(): u32 {
  if (cfg(CF_VERSION) != CONFIG_VERSION) return CF_VERSION + 1;
  if (cfg(CF_CLOCK_HZ) == 0) return CF_CLOCK_HZ + 1;
  if (cfg(CF_TIMEBASE_HZ) == 0) return CF_TIMEBASE_HZ + 1;
  const ram = cfg(CF_RAM_BYTES);
  if (ram == 0 || ram > RAM_MAX_BYTES || (ram & 0xfff) != 0) return CF_RAM_BYTES + 1;
  if (<u64>RAM_HOST + <u64>ram > <u64>memory.size() << 16) return CF_RAM_BYTES + 1;
  const ie = cfg(CF_ITLB_ENTRIES), iw = cfg(CF_ITLB_WAYS), de = cfg(CF_DTLB_ENTRIES), dw = cfg(CF_DTLB_WAYS);
  if (!isPow2(ie) || ie > 256) return CF_ITLB_ENTRIES + 1;
  if (!isPow2(iw) || iw > ie) return CF_ITLB_WAYS + 1;
  if (!isPow2(de) || de > 256) return CF_DTLB_ENTRIES + 1;
  if (!isPow2(dw) || dw > de) return CF_DTLB_WAYS + 1;
  tlbConfigure(itlb, ITLB_BASE, ie, iw);
  tlbConfigure(dtlb, DTLB_BASE, de, dw);
  const t = timingConfigure();
  if (t != 0) return t;
  for (let b: u32 = 0; b < FLASH_BANKS; b++) {
    if (((cfg(CF_FLASH_BANKS) >> b) & 1) != 0) memory.fill(FLASH_HOST + b * FLASH_BANK_BYTES, 0xff, FLASH_BANK_BYTES);
  }
  flashReset();
  reset();
  return 0;
}

/** Resets the hart and devices (not memory contents): M-mode at the reset pc, counters zero. */
export function reset(): void {
  memory.fill(HART_BASE, 0, HART_SIZE);
  store<u32>(H_RESERVATION, 1);
  setPc(cfg(CF_RESET_PC));
  setPrivRaw(PRIV_M);
  csrReset();
  mstatusSet(0);
  setCycles(0);
  setInstret(0);
  clintReset();
  uartReset();
  statsClear();
  memory.fill(MAILBOX_BASE, 0, MAILBOX_SIZE);
  traceReset();
  flushDecoded();
  softTlbFlush();
  tlbFlush(itlb, false, 0, false, 0);
  tlbFlush(dtlb, false, 0, false, 0);
  timingConfigure(); // empties the caches (the geometry was validated by configure())
  takePenalty();
}

/**
 * Runs until `budget` instructions retired or a stop condition; returns the stop reason (mailbox.ts
 * STOP_*). The retired count of this call is at MB_RETIRED; counters are in the stats region.
 */
export function run(budget: u32): u32 {
  clearStop();
  clearWfi();
  takePenalty();
  store<u32>(MB_FATAL, FATAL_NONE);
  let done: u32 = 0;
  while (done < budget) {
    let cyc = getCycles();
    const irq = interruptToTake(cyc);
    if (irq >= 0) {
      setPc(takeInterrupt(<u32>irq, getPc()));
      const p = takePenalty();
      if (TIMED) setCycles(cyc + p);
      cyc = getCycles();
    }
    let chunk = budget - done;
    let ev = u64.MAX_VALUE;
    if ((csrGetRaw(CSR_MIE) & (1 << IRQ_MTI)) != 0) {
      const t = timerEventCycle(cyc);
      if (t > cyc) {
        ev = t;
        if (t - cyc < <u64>chunk) chunk = <u32>(t - cyc);
      }
    }
    setEventAt(ev);
    done += execute(chunk);
    if (g_stop != 0) break;
    if (g_wfi) {
      clearWfi();
      cyc = getCycles();
      if (interruptsWaiting(cyc) == 0) {
        let wake = u64.MAX_VALUE;
        if ((csrGetRaw(CSR_MIE) & (1 << IRQ_MTI)) != 0) wake = timerEventCycle(cyc);
        if (wake == u64.MAX_VALUE) { requestStop(STOP_WFI); break; }
        statAdd(ST_WFI_CYCLES, wake - cyc);
        setCycles(wake);
      }
    }
  }
  const reason = g_stop != 0 ? g_stop : STOP_BUDGET;
  store<u32>(MB_STOP, reason);
  store<u32>(MB_RETIRED, done);
  store<u64>(STATS_BASE + (ST_CYCLES << 3), getCycles());
  store<u64>(STATS_BASE + (ST_INSTRET << 3), getInstret());
  timingPublishStats();
  return reason;
}

// @ts-ignore: decorator
@inline const MB_RETIRED: u32 = MAILBOX_BASE + 36;

// ---------------------------------------------------------------- host services

/** The host wrote guest memory directly (loading an image): drop all pre-decoded instructions. */
export function hostFlushDecoded(): void { flushDecoded(); }
/** The host changed bytes [hostAddr, hostAddr + len) of linear memory inside flash or RAM. */
export function hostInvalidate(hostAddr: u32, len: u32): void { invalidateDecodedRange(hostAddr, len); }
/** The host edited page tables (process mode): like sfence.vma with no operands. */
export function hostSfence(): void {
  tlbFlush(itlb, false, 0, false, 0);
  tlbFlush(dtlb, false, 0, false, 0);
  softTlbFlush();
}
/** Like sfence.vma va (all ASIDs): the host changed the mapping of one page. */
export function hostSfenceVa(va: u32): void {
  tlbFlush(itlb, true, va, false, 0);
  tlbFlush(dtlb, true, va, false, 0);
  softTlbFlush();
}
/**
 * Adds cycles the host spent on the guest's behalf (process mode: a syscall or fault handled by the
 * host kernel, costed by its model) to the cycle counter, under the kernelCycles statistic.
 */
export function hostChargeCycles(n: u32): void { chargeKernel(<u64>n); }
/** Cycles the host kernel spent: onto the cycle counter (and its published value), under kernelCycles. */
function chargeKernel(c: u64): void {
  setCycles(getCycles() + c);
  statAdd(ST_KERNEL_CYCLES, c);
  store<u64>(STATS_BASE + (ST_CYCLES << 3), getCycles());
}
/**
 * Process mode: the memory traffic of work the host kernel does for the guest (a page copy for COW, a
 * block read or inflate into the page cache), costed as the guest's own word loads (isWrite 0) or stores
 * (1) over [hostAddr, hostAddr + len) of RAM or flash in address order would be: through the D-cache
 * model (lookups, fills, evictions, write-backs, counted in its statistics) or, uncached, the device's
 * own timing (flash page mode included). The cycles are added to the cycle counter under kernelCycles
 * and returned (saturated at 2^32 - 1; the charge itself is exact). Fast build: no timing, 0.
 */
export function hostMemTraffic(hostAddr: u32, len: u32, isWrite: u32): u32 {
  if (!TIMED || len == 0) return 0;
  let c: u64 = 0;
  const first = hostAddr & ~3, last = (hostAddr + len - 1) & ~3;
  for (let h = first; h <= last; h += 4) c += <u64>dataCycles(h, 4, isWrite != 0);
  chargeKernel(c);
  timingPublishStats();
  return c > <u64>0xffffffff ? 0xffffffff : <u32>c;
}
/** Reads a CSR without side effects or privilege checks; 0xFFFFFFFF for an unimplemented one. */
export function hostCsrRead(n: u32): u32 { return csrPeek(n); }
/** Sets the privilege mode (process mode starts the program in U-mode). */
export function hostSetPriv(p: u32): void { setPrivRaw(p); softTlbFlush(); }
/** Reports a fatal configuration problem as a stop (used when configure() fails). */
export function hostFatal(): u32 { requestStop(STOP_FATAL); store<u32>(MB_FATAL, FATAL_BAD_CONFIG); return STOP_FATAL; }

/** Timed build, for compiled pages (jit/compile.ts imports these): an I-cache hit, found through the way memo or its set (1), or 0 with no effect (a miss: no fill). */
export function jitFetchHit(line: u32): u32 { return fetchHitNoFill(line, 1) ? 1 : 0; }
/** Timed build, for compiled pages: an instruction straddling I-cache lines `line` and `line + 1`, both hits: 1, else 0 (no effect). */
export function jitFetchHit2(line: u32): u32 { return fetchHitNoFill(line, 2) ? 1 : 0; }
/** Timed build, for compiled pages fetched uncached from flash: the fetch of ilen bytes at host address h, as the interpreter charges it (fetchCost: the flash read model, the flash stall counter). */
export function jitFetchFlash(h: u32, ilen: u32): u32 { return fetchCost(h, ilen); }
/** Timed build, for compiled pages: a data access's extra cycles (the interpreter's dataAccessCycles); `sw` is isWrite | size << 1. */
export function jitDataCycles(h: u32, sw: u32): u32 { return dataAccessCycles(h, sw >>> 1, (sw & 1) != 0); }

/**
 * Turns the page compiler (assembly/jit/) on or off (on by default) and sets how many
 * instructions the interpreter runs on a page before compiling it (heat; 0 keeps the default, 65536).
 * Results are the same either way: only the speed differs. Drops every compiled page. Returns 1 if this
 * build has the page compiler, else 0.
 */
export function jitConfigure(on: u32, heat: u32): u32 {
  if (!JIT_BUILD) return 0;
  setJit(on != 0, heat != 0 ? heat : JIT_HEAT_DEFAULT);
  flushDecoded();
  return 1;
}
