// Trap entry and return (privileged spec 3.1.6-3.1.9, 3.3.2, 4.1.1): delegation through medeleg/mideleg,
// the xPP/xPIE/xIE stack, vectored and direct xtvec, interrupt priority, and the host-trap mask through
// which process mode takes ecalls and page faults to the host instead of to a guest handler.
import { cfg, CF_HOST_TRAP_MASK, CF_TRAP_CYCLES, CF_XRET_CYCLES } from '../config';
import { CSR_BASE } from '../layout';
import { g_stop, MB_CAUSE, MB_EPC, MB_PRIV, MB_TVAL, requestStop, STOP_BREAKPOINT, STOP_HOST_TRAP } from '../mailbox';
import { softTlbFlush } from '../mmu/softtlb';
import { statAdd, ST_HOST_TRAPS, ST_INTERRUPTS, ST_STALL_OTHER, ST_STALL_TRAP, ST_TRAPS } from '../stats';
import { clintMsip, timerPending } from '../dev/clint';
import { traceEvent, TR_EXCEPTION, TR_HOST_TRAP, TR_INTERRUPT, TR_XRET } from '../trace';
import {
  CSR_MCAUSE, CSR_MEDELEG, CSR_MEPC, CSR_MIDELEG, CSR_MIE, CSR_MIP, CSR_MTVAL, CSR_MTVEC, CSR_SCAUSE,
  CSR_SEPC, CSR_STVAL, CSR_STVEC, EXC_BREAKPOINT, IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI,
  MS_MIE, MS_MPIE, MS_MPP, MS_MPP_SHIFT, MS_MPRV, MS_SIE, MS_SPIE, MS_SPP,
} from './csrnum';
import { addPenalty, getPriv, H_RESERVATION, PRIV_M, PRIV_S, PRIV_U, setPrivRaw } from './state';

// @ts-ignore: decorator
@inline export function csrGetRaw(n: u32): u32 { return load<u32>(CSR_BASE + (n << 2)); }
// @ts-ignore: decorator
@inline export function csrSetRaw(n: u32, v: u32): void { store<u32>(CSR_BASE + (n << 2), v); }

export let g_mstatus: u32 = 0;
export function mstatusSet(v: u32): void { g_mstatus = v; }

/** Set by raiseException(): the instruction did not complete; the loop continues at g_trapPc. */
export let g_exc: bool = false;
export let g_trapPc: u32 = 0;

export function clearExc(): void { g_exc = false; }

export function setPriv(p: u32): void {
  if (p != getPriv()) {
    setPrivRaw(p);
    softTlbFlush();
  }
}

function trapVector(tvec: u32, cause: u32, interrupt: bool): u32 {
  const base = tvec & ~3;
  return (tvec & 3) == 1 && interrupt ? base + (cause << 2) : base;
}

/** Enters a trap at cause/tval from the instruction at epc; returns the new pc. */
function enterTrap(cause: u32, interrupt: bool, tval: u32, epc: u32): u32 {
  const priv = getPriv();
  const deleg = csrGetRaw(interrupt ? CSR_MIDELEG : CSR_MEDELEG);
  store<u32>(H_RESERVATION, 1); // a trap breaks any LR/SC sequence
  addPenalty(<u64>cfg(CF_TRAP_CYCLES));
  statAdd(ST_STALL_TRAP, <u64>cfg(CF_TRAP_CYCLES));
  const code = interrupt ? cause | 0x80000000 : cause;
  if (priv <= PRIV_S && ((deleg >> cause) & 1) != 0) {
    csrSetRaw(CSR_SCAUSE, code);
    csrSetRaw(CSR_SEPC, epc);
    csrSetRaw(CSR_STVAL, tval);
    let ms = g_mstatus;
    ms = (ms & ~MS_SPIE) | ((ms & MS_SIE) != 0 ? MS_SPIE : 0);
    ms = (ms & ~(MS_SPP | MS_SIE)) | (priv == PRIV_S ? MS_SPP : 0);
    g_mstatus = ms;
    setPriv(PRIV_S);
    return trapVector(csrGetRaw(CSR_STVEC), cause, interrupt);
  }
  csrSetRaw(CSR_MCAUSE, code);
  csrSetRaw(CSR_MEPC, epc);
  csrSetRaw(CSR_MTVAL, tval);
  let ms = g_mstatus;
  ms = (ms & ~MS_MPIE) | ((ms & MS_MIE) != 0 ? MS_MPIE : 0);
  ms = (ms & ~(MS_MPP | MS_MIE)) | (priv << MS_MPP_SHIFT);
  g_mstatus = ms;
  setPriv(PRIV_M);
  return trapVector(csrGetRaw(CSR_MTVEC), cause, interrupt);
}

/**
 * Raises a synchronous exception for the instruction at epc. Sets g_exc and g_trapPc. When the host-trap
 * mask selects the cause, run() stops instead (pc stays at epc) and the mailbox holds cause/tval/epc.
 */
export function raiseException(cause: u32, tval: u32, epc: u32): void {
  g_exc = true;
  if (((cfg(CF_HOST_TRAP_MASK) >> cause) & 1) != 0) {
    store<u32>(MB_CAUSE, cause);
    store<u32>(MB_TVAL, tval);
    store<u32>(MB_EPC, epc);
    store<u32>(MB_PRIV, getPriv());
    statAdd(ST_HOST_TRAPS, 1);
    traceEvent(TR_HOST_TRAP, epc, cause, tval);
    requestStop(cause == EXC_BREAKPOINT ? STOP_BREAKPOINT : STOP_HOST_TRAP);
    g_trapPc = epc;
    return;
  }
  statAdd(ST_TRAPS, 1);
  traceEvent(TR_EXCEPTION, epc, cause, tval);
  // The faulting instruction does not retire, but it occupied the pipeline for its base cycle.
  addPenalty(1);
  statAdd(ST_STALL_TRAP, 1);
  g_trapPc = enterTrap(cause, false, tval, epc);
}

/**
 * Replaces the tval of the exception just raised (a split misaligned access reports its own address, not
 * the byte that faulted). Only valid right after raiseException with g_exc set.
 */
export function overrideTval(tval: u32): void {
  if (!g_exc) return;
  if (g_stop == STOP_HOST_TRAP) { store<u32>(MB_TVAL, tval); return; }
  // The trap has been entered: the handler's privilege tells which tval register it got.
  csrSetRaw(getPriv() == PRIV_M ? CSR_MTVAL : CSR_STVAL, tval);
}

/** mip as software sees it: the writable soft bits plus the CLINT's MSIP and MTIP. */
export function mipValue(cycles: u64): u32 {
  let v = csrGetRaw(CSR_MIP);
  if (clintMsip != 0) v |= 1 << IRQ_MSI;
  if (timerPending(cycles)) v |= 1 << IRQ_MTI;
  return v;
}

/** Interrupts pending and enabled in mie (ignoring the global enables): what wakes WFI. */
export function interruptsWaiting(cycles: u64): u32 {
  return mipValue(cycles) & csrGetRaw(CSR_MIE);
}

/** The interrupt to take now per privilege, global enables and delegation, or -1. */
export function interruptToTake(cycles: u64): i32 {
  const pend = interruptsWaiting(cycles);
  if (pend == 0) return -1;
  const priv = getPriv();
  const deleg = csrGetRaw(CSR_MIDELEG);
  const mEnabled = priv < PRIV_M || (g_mstatus & MS_MIE) != 0;
  const sEnabled = priv < PRIV_S || (priv == PRIV_S && (g_mstatus & MS_SIE) != 0);
  const mPend = mEnabled ? pend & ~deleg : 0;
  const sPend = sEnabled ? pend & deleg : 0;
  const p = mPend != 0 ? mPend : sPend;
  if (p == 0) return -1;
  // Priority (privileged spec 3.1.9): MEI, MSI, MTI, SEI, SSI, STI.
  if (p & (1 << IRQ_MEI)) return IRQ_MEI;
  if (p & (1 << IRQ_MSI)) return IRQ_MSI;
  if (p & (1 << IRQ_MTI)) return IRQ_MTI;
  if (p & (1 << IRQ_SEI)) return IRQ_SEI;
  if (p & (1 << IRQ_SSI)) return IRQ_SSI;
  if (p & (1 << IRQ_STI)) return IRQ_STI;
  return -1;
}

/** Takes interrupt `cause` with the interrupted pc as epc; returns the new pc. */
export function takeInterrupt(cause: u32, epc: u32): u32 {
  statAdd(ST_INTERRUPTS, 1);
  traceEvent(TR_INTERRUPT, epc, cause, 0);
  return enterTrap(cause, true, 0, epc);
}

/** mret: returns the new pc (mepc). Privilege checks are the caller's. */
export function doMret(): u32 {
  let ms = g_mstatus;
  const mpp = (ms & MS_MPP) >> MS_MPP_SHIFT;
  ms = (ms & ~MS_MIE) | ((ms & MS_MPIE) != 0 ? MS_MIE : 0);
  ms |= MS_MPIE;
  ms &= ~MS_MPP; // MPP := U (the least-privileged supported mode)
  if (mpp != PRIV_M) ms &= ~MS_MPRV;
  g_mstatus = ms;
  softTlbFlush(); // MPRV or privilege may have changed
  setPriv(mpp);
  traceEvent(TR_XRET, 0, csrGetRaw(CSR_MEPC), mpp);
  addPenalty(<u64>cfg(CF_XRET_CYCLES));
  statAdd(ST_STALL_OTHER, <u64>cfg(CF_XRET_CYCLES));
  return csrGetRaw(CSR_MEPC);
}

/** sret: returns the new pc (sepc). */
export function doSret(): u32 {
  let ms = g_mstatus;
  const spp = (ms & MS_SPP) != 0 ? PRIV_S : PRIV_U;
  ms = (ms & ~MS_SIE) | ((ms & MS_SPIE) != 0 ? MS_SIE : 0);
  ms |= MS_SPIE;
  ms &= ~MS_SPP;
  ms &= ~MS_MPRV; // returning to a mode below M clears MPRV (priv spec 1.12, 3.1.6.3)
  g_mstatus = ms;
  softTlbFlush();
  setPriv(spp);
  traceEvent(TR_XRET, 0, csrGetRaw(CSR_SEPC), spp);
  addPenalty(<u64>cfg(CF_XRET_CYCLES));
  statAdd(ST_STALL_OTHER, <u64>cfg(CF_XRET_CYCLES));
  return csrGetRaw(CSR_SEPC);
}
