// Sv32 address translation (privileged spec 1.12 section 4.3): the two-level hardware walk with 4 MiB
// superpages, R/W/X/U/G/A/D permission checks, SUM and MXR, MPRV for M-mode data accesses, misaligned
// superpages, and access faults for PTE reads that hit nothing. The walker sets A, and D on stores, in
// the PTE in memory (the spec's hardware-update option, Svadu, as QEMU does), unless the profile asks for
// page faults instead (mmu.adUpdate = fault: Svade, spike's behaviour, which riscv-tests' rv32si dirty
// test checks). RSW bits 8-9 are kept and ignored.
// Physical addresses are 34 bits in Sv32; this board decodes 32, so a PPN above 4 GiB is an access fault.
import { walkReadCycles } from '../timing/memory';
import { traceEvent, TR_WALK } from '../trace';
import { busRead, busWrite, g_busFault, hostForRead, hostForWrite } from '../bus/bus';
import { CSR_SATP, EXC_INSN_ACCESS, EXC_INSN_PAGE, EXC_LOAD_ACCESS, EXC_LOAD_PAGE, EXC_STORE_ACCESS,
  EXC_STORE_PAGE, MS_MPP, MS_MPP_SHIFT, MS_MPRV, MS_MXR, MS_SUM } from '../cpu/csrnum';
import { addPenalty, getPriv, PRIV_M, PRIV_S, PRIV_U } from '../cpu/state';
import { csrGetRaw, g_exc, g_mstatus, raiseException } from '../cpu/trap';
import { cfg, CF_AD_FAULT } from '../config';
import { statAdd, ST_DTLB_HIT, ST_DTLB_MISS, ST_ITLB_HIT, ST_ITLB_MISS, ST_STALL_WALK, ST_WALK_READS, ST_WALKS } from '../stats';
import { dtlb, itlb, tlbInsert, tlbLookup } from './tlb';

// @ts-ignore: decorator
@inline export const ACC_FETCH: u32 = 0;
// @ts-ignore: decorator
@inline export const ACC_LOAD: u32 = 1;
// @ts-ignore: decorator
@inline export const ACC_STORE: u32 = 2;

// PTE bits
// @ts-ignore: decorator
@inline const PTE_V: u32 = 1;
// @ts-ignore: decorator
@inline const PTE_R: u32 = 2;
// @ts-ignore: decorator
@inline const PTE_W: u32 = 4;
// @ts-ignore: decorator
@inline const PTE_X: u32 = 8;
// @ts-ignore: decorator
@inline const PTE_U: u32 = 16;
// @ts-ignore: decorator
@inline const PTE_G: u32 = 32;
// @ts-ignore: decorator
@inline const PTE_A: u32 = 64;
// @ts-ignore: decorator
@inline const PTE_D: u32 = 128;

/** The privilege a data or fetch access is checked at (MPRV applies to loads and stores in M-mode). */
export function effectivePriv(acc: u32): u32 {
  const p = getPriv();
  if (acc != ACC_FETCH && p == PRIV_M && (g_mstatus & MS_MPRV) != 0) return (g_mstatus & MS_MPP) >> MS_MPP_SHIFT;
  return p;
}

/** True when accesses of this kind are translated at all (Sv32 on and effective privilege below M). */
export function translating(acc: u32): bool {
  return (csrGetRaw(CSR_SATP) >>> 31) != 0 && effectivePriv(acc) != PRIV_M;
}

function pageFault(acc: u32): u32 {
  return acc == ACC_FETCH ? EXC_INSN_PAGE : acc == ACC_LOAD ? EXC_LOAD_PAGE : EXC_STORE_PAGE;
}

function accessFault(acc: u32): u32 {
  return acc == ACC_FETCH ? EXC_INSN_ACCESS : acc == ACC_LOAD ? EXC_LOAD_ACCESS : EXC_STORE_ACCESS;
}

/** Permission check of leaf flags for an access at privilege priv. */
function permitted(flags: u32, acc: u32, priv: u32): bool {
  if (priv == PRIV_U && (flags & PTE_U) == 0) return false;
  if (priv == PRIV_S && (flags & PTE_U) != 0) {
    if (acc == ACC_FETCH) return false;
    if ((g_mstatus & MS_SUM) == 0) return false;
  }
  if (acc == ACC_FETCH) return (flags & PTE_X) != 0;
  if (acc == ACC_LOAD) return (flags & PTE_R) != 0 || ((g_mstatus & MS_MXR) != 0 && (flags & PTE_X) != 0);
  return (flags & PTE_W) != 0;
}

/**
 * Translates va for an access; returns the physical address. On a fault raises the exception (page or
 * access fault, tval = va) for the instruction at pc and sets g_exc; the return value is then 0.
 */
export function translate(va: u32, acc: u32, pc: u32): u32 {
  if (!translating(acc)) return va;
  const priv = effectivePriv(acc);
  const satp = csrGetRaw(CSR_SATP);
  const asid = (satp >>> 22) & 0x1ff;
  const t = acc == ACC_FETCH ? itlb : dtlb;
  const e = tlbLookup(t, va, asid);
  if (e != 0) {
    const w = load<u32>(e, 8);
    const flags = w & 0xff;
    const needD = acc == ACC_STORE && (flags & PTE_D) == 0;
    if ((flags & PTE_A) != 0 && !needD) {
      if (!permitted(flags, acc, priv)) { raiseException(pageFault(acc), va, pc); return 0; }
      statAdd(acc == ACC_FETCH ? ST_ITLB_HIT : ST_DTLB_HIT, 1);
      return (w & 0xfffff000) | (va & 0xfff);
    }
  }
  statAdd(acc == ACC_FETCH ? ST_ITLB_MISS : ST_DTLB_MISS, 1);
  return walk(va, acc, pc, priv, asid);
}

/** The page walk, traced (the trace records every walk: pa 0xffffffff when it faulted). */
function walk(va: u32, acc: u32, pc: u32, priv: u32, asid: u32): u32 {
  const pa = walkTables(va, acc, pc, priv, asid);
  traceEvent(TR_WALK, pc, va, g_exc ? 0xffffffff : pa);
  return pa;
}

function walkTables(va: u32, acc: u32, pc: u32, priv: u32, asid: u32): u32 {
  statAdd(ST_WALKS, 1);
  const satp = csrGetRaw(CSR_SATP);
  let tableppn = satp & 0x3fffff;
  let level: i32 = 1;
  let pteAddr: u32 = 0, pte: u32 = 0;
  while (true) {
    if (tableppn >= 0x100000) { raiseException(accessFault(acc), va, pc); return 0; }
    const vpn = level == 1 ? va >>> 22 : (va >>> 12) & 0x3ff;
    pteAddr = (tableppn << 12) + (vpn << 2);
    // A PTE in plain memory (RAM, flash in read-array mode) is read directly and costs a D-side access,
    // filed under the walk; anything else goes through the bus, which charges its own latency.
    const h = hostForRead(pteAddr);
    if (h != 0) {
      pte = load<u32>(h);
      if (TIMED) {
        const c = <u64>walkReadCycles(h);
        addPenalty(c);
        statAdd(ST_STALL_WALK, c);
      }
    } else {
      pte = busRead(pteAddr, 4);
      if (g_busFault) { raiseException(accessFault(acc), va, pc); return 0; }
    }
    statAdd(ST_WALK_READS, 1);
    if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0)) { raiseException(pageFault(acc), va, pc); return 0; }
    if ((pte & (PTE_R | PTE_X)) != 0) break; // leaf
    level--;
    if (level < 0) { raiseException(pageFault(acc), va, pc); return 0; }
    tableppn = pte >>> 10;
  }
  if (!permitted(pte, acc, priv)) { raiseException(pageFault(acc), va, pc); return 0; }
  const ppn = pte >>> 10;
  if (level == 1 && (ppn & 0x3ff) != 0) { raiseException(pageFault(acc), va, pc); return 0; } // misaligned superpage
  // A/D: with mmu.adUpdate = fault (Svade) a missing bit is a page fault for software to handle;
  // otherwise the walker sets it in memory (Svadu).
  let want = pte | PTE_A;
  if (acc == ACC_STORE) want |= PTE_D;
  if (want != pte && cfg(CF_AD_FAULT) != 0) { raiseException(pageFault(acc), va, pc); return 0; }
  if (want != pte) {
    if (hostForWrite(pteAddr) == 0) {
      // The PTE is not in writable RAM (e.g. in flash): the update cannot be made.
      raiseException(accessFault(acc), va, pc);
      return 0;
    }
    busWrite(pteAddr, 4, want);
    pte = want;
  }
  let paPage: u32;
  if (level == 1) {
    if ((ppn >>> 10) >= 0x400) { raiseException(accessFault(acc), va, pc); return 0; }
    paPage = ((ppn >>> 10) << 22) | (va & 0x3ff000);
  } else {
    if (ppn >= 0x100000) { raiseException(accessFault(acc), va, pc); return 0; }
    paPage = ppn << 12;
  }
  tlbInsert(acc == ACC_FETCH ? itlb : dtlb, va, asid, (pte & PTE_G) != 0, paPage, pte & 0xff);
  return paPage | (va & 0xfff);
}
