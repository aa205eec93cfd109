// The slow paths of loads, stores and instruction fetch: everything the soft TLB cannot answer in one
// compare. They translate (walking the page table on a TLB miss), fill the soft TLB when the target is
// plain memory, and otherwise go to the bus (devices, flash command mode, tohost). Misaligned data
// accesses raise address-misaligned exceptions (the spec lets an implementation trap them; process
// mode's kernel may emulate them).
import { busRead, busWrite, decodePa, DEV_FLASH0, DEV_FLASH1, g_busFault, g_mmioTouched, hostForRead, hostForWrite } from '../bus/bus';
import { HART_BASE, RAM_HOST } from '../layout';
import { ACC_FETCH, ACC_LOAD, ACC_STORE, translate } from '../mmu/sv32';
import { clearRefetch, softTlbFill, STLB_LOAD, STLB_STORE } from '../mmu/softtlb';
import { statAdd, ST_FETCH_PAGE, ST_LOADS, ST_STORES } from '../stats';
import { dataCost } from '../timing/memory';
import { EXC_INSN_ACCESS, EXC_LOAD_ACCESS, EXC_LOAD_MISALIGNED, EXC_STORE_ACCESS, EXC_STORE_MISALIGNED } from './csrnum';
import { decodeInto } from './decode';
import { hasSlots, invalidateDecodedRange, slotPageFor } from './predecode';
import { addPenalty } from './state';
import { g_exc, overrideTval, raiseException } from './trap';

/** A scratch slot for instructions that are decoded afresh on every execution (never cached). */
// @ts-ignore: decorator
@inline export const SCRATCH_SLOT: u32 = HART_BASE + 0x800;

/** Set when a slow access touched a device: the run loop ends its chunk so interrupts are re-checked. */
export let g_endChunk: bool = false;
export function clearEndChunk(): void { g_endChunk = false; }

// @ts-ignore: decorator
@inline function loadHost(h: u32, size: u32): u32 {
  return size == 4 ? load<u32>(h) : size == 2 ? <u32>load<u16>(h) : <u32>load<u8>(h);
}

export function loadSlow(va: u32, size: u32, pc: u32): u32 {
  if ((va & (size - 1)) != 0) return loadMisaligned(va, size, pc);
  const pa = translate(va, ACC_LOAD, pc);
  if (g_exc) return 0;
  statAdd(ST_LOADS, 1);
  const host = hostForRead(pa);
  if (host != 0) {
    softTlbFill(STLB_LOAD, va, host & 0xfffff000);
    if (TIMED) addPenalty(dataCost(host, size, false));
    return loadHost(host, size);
  }
  const v = busRead(pa, size);
  if (g_busFault) { raiseException(EXC_LOAD_ACCESS, va, pc); return 0; }
  if (g_mmioTouched) g_endChunk = true;
  return v;
}

export function storeSlow(va: u32, size: u32, v: u32, pc: u32): void {
  if ((va & (size - 1)) != 0) { storeMisaligned(va, size, v, pc); return; }
  const pa = translate(va, ACC_STORE, pc);
  if (g_exc) return;
  statAdd(ST_STORES, 1);
  const host = hostForWrite(pa);
  if (host != 0) {
    softTlbFill(STLB_STORE, va, host & 0xfffff000);
    if (size == 4) store<u32>(host, v); else if (size == 2) store<u16>(host, <u16>v); else store<u8>(host, <u8>v);
    if (hasSlots(host)) invalidateDecodedRange(host, size);
    if (TIMED) addPenalty(dataCost(host, size, true));
    return;
  }
  busWrite(pa, size, v);
  if (g_busFault) { raiseException(EXC_STORE_ACCESS, va, pc); return; }
  if (g_mmioTouched) g_endChunk = true;
}

// Misaligned loads and stores are performed, as QEMU and most RISC-V hardware with misaligned support
// do, one byte at a time (each byte translated; a fault reports the original address). AMOs and LR/SC
// still raise address-misaligned exceptions, as the spec requires without Zam.
function loadMisaligned(va: u32, size: u32, pc: u32): u32 {
  let v: u32 = 0;
  for (let i: u32 = 0; i < size; i++) {
    const b = loadSlow(va + i, 1, pc);
    if (g_exc) { fixTval(va); return 0; }
    v |= b << (i << 3);
  }
  return v;
}

function storeMisaligned(va: u32, size: u32, v: u32, pc: u32): void {
  // Check every byte can be written before writing any, so a fault leaves memory unchanged.
  for (let i: u32 = 0; i < size; i++) {
    translate(va + i, ACC_STORE, pc);
    if (g_exc) { fixTval(va); return; }
  }
  for (let i: u32 = 0; i < size; i++) {
    storeSlow(va + i, 1, (v >> (i << 3)) & 0xff, pc);
    if (g_exc) { fixTval(va); return; }
  }
}

/** A fault inside a split misaligned access reports the access's own address. */
function fixTval(va: u32): void {
  overrideTval(va);
}

/**
 * The host address of a word for an atomic (LR/SC/AMO): translated as a store (AMOs need write
 * permission; LR is checked as a load), aligned, and in RAM. Returns 0 after raising an exception.
 */
export function amoHost(va: u32, isLr: bool, pc: u32): u32 {
  if ((va & 3) != 0) { raiseException(isLr ? EXC_LOAD_MISALIGNED : EXC_STORE_MISALIGNED, va, pc); return 0; }
  const pa = translate(va, isLr ? ACC_LOAD : ACC_STORE, pc);
  if (g_exc) return 0;
  const host = isLr ? hostForRead(pa) : hostForWrite(pa);
  if (host == 0 || host < RAM_HOST && !isLr) { raiseException(isLr ? EXC_LOAD_ACCESS : EXC_STORE_ACCESS, va, pc); return 0; }
  if (TIMED) addPenalty(dataCost(host, 4, !isLr));
  return host;
}

// Results of fetchPage for the run loop (no tuples in AssemblyScript).
export let g_fpage: u32 = 0;
export let g_fwin: u32 = 0;
export let g_fbase: u32 = 0;
export let g_fhost: u32 = 0;

/**
 * Sets up instruction fetch for the page holding pc: translate (ITLB, walk), find the slot page. When the
 * page is not plain memory (a flash bank in command mode or busy), the instruction is read through the
 * bus and decoded into the scratch slot for this one execution (g_fwin = 2).
 */
export function fetchPage(pc: u32): void {
  clearRefetch();
  statAdd(ST_FETCH_PAGE, 1);
  const pa = translate(pc, ACC_FETCH, pc);
  if (g_exc) return;
  const host = hostForRead(pa);
  if (host != 0) {
    g_fhost = host & 0xfffff000;
    g_fbase = slotPageFor(g_fhost);
    g_fpage = pc & 0xfffff000;
    g_fwin = 4096;
    return;
  }
  const dev = decodePa(pa);
  if (dev == DEV_FLASH0 || dev == DEV_FLASH1) {
    let raw = busRead(pa, 2);
    if ((raw & 3) == 3) raw |= busRead(pa + 2, 2) << 16;
    decodeInto(SCRATCH_SLOT, raw);
    g_fbase = SCRATCH_SLOT;
    g_fpage = pc;
    g_fwin = 2;
    return;
  }
  raiseException(EXC_INSN_ACCESS, pc, pc);
}

/** A 32-bit instruction whose second half is on the next page: fetch both halves and decode afresh. */
export function fetchCross(pc: u32): void {
  const pa0 = translate(pc, ACC_FETCH, pc);
  if (g_exc) return;
  const lo = busRead(pa0, 2);
  if (g_busFault) { raiseException(EXC_INSN_ACCESS, pc, pc); return; }
  const pa1 = translate(pc + 2, ACC_FETCH, pc);
  if (g_exc) return;
  const hi = busRead(pa1, 2);
  if (g_busFault) { raiseException(EXC_INSN_ACCESS, pc + 2, pc); return; }
  decodeInto(SCRATCH_SLOT, lo | (hi << 16));
  g_fbase = SCRATCH_SLOT;
  g_fpage = pc;
  g_fwin = 2;
}
