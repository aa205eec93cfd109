// Zicsr and the CSRs of an M/S/U RV32 hart (privileged spec 1.12 chapters 2-4; Zicntr).
// Access rules: csr[9:8] is the lowest privilege allowed, csr[11:10] == 3 marks read-only; counters are
// gated by mcounteren/scounteren; satp is gated by mstatus.TVM in S-mode. Any CSR not listed here raises
// illegal instruction. PMP registers are storage only (no PMP checks); hpm counters read as zero.
// Trigger registers (Sdtrig) exist but there are no triggers: tselect holds only 0, tdata1 reads 0
// ("type 0: there is no trigger at this tselect"), tdata2/tdata3 read 0, tinfo reads 1 (debug spec 1.0
// 5.7.5: "If the currently selected trigger doesn't exist, this field contains 1"); writes are ignored.
// That is the spec's "no triggers" answer to its discovery sequence (write tselect, read tinfo), which
// software such as riscv-tests' rv32mi breakpoint test runs; tcontrol is optional and not implemented.
import { CSR_BASE } from '../layout';
import { mtimeAt } from '../dev/clint';
import { softTlbFlush } from '../mmu/softtlb';
import {
  CSR_CYCLE, CSR_CYCLEH, CSR_INSTRET, CSR_INSTRETH, CSR_MARCHID, CSR_MCAUSE, CSR_MCONFIGPTR,
  CSR_MCOUNTEREN, CSR_MCOUNTINHIBIT, CSR_MCYCLE, CSR_MCYCLEH, CSR_MEDELEG, CSR_MENVCFG, CSR_MENVCFGH,
  CSR_MEPC, CSR_MHARTID, CSR_MIDELEG, CSR_MIE, CSR_MIMPID, CSR_MINSTRET, CSR_MINSTRETH, CSR_MIP,
  CSR_MISA, CSR_MSCRATCH, CSR_MSTATUS, CSR_MSTATUSH, CSR_MTVAL, CSR_MTVEC, CSR_MVENDORID, CSR_PMPADDR0,
  CSR_PMPCFG0, CSR_SATP, CSR_SCAUSE, CSR_SCOUNTEREN, CSR_SENVCFG, CSR_SEPC, CSR_SIE, CSR_SIP,
  CSR_SSCRATCH, CSR_SSTATUS, CSR_STVAL, CSR_STVEC, CSR_TDATA3, CSR_TIME, CSR_TIMEH, CSR_TINFO, CSR_TSELECT, EXC_ILLEGAL, IRQ_SSI,
  MEDELEG_MASK, MIDELEG_MASK, MIE_MASK, MIP_SOFT_MASK, MS_MPP, MS_MPP_SHIFT, MS_TVM, MSTATUS_WMASK,
  SSTATUS_MASK,
} from './csrnum';
import { getCycles, getInstret, getPriv, PRIV_M, PRIV_S, PRIV_U } from './state';
import { csrGetRaw, csrSetRaw, g_mstatus, mipValue, mstatusSet, raiseException } from './trap';

/** misa: MXL=1 (RV32), extensions A, C, I, M, S, U. */
// @ts-ignore: decorator
@inline export const MISA_VALUE: u32 = (1 << 30) | (1 << 0) | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20);

// Counters: the visible mcycle/minstret are the model's counters plus an offset (so writes do not
// disturb the model's time), frozen while mcountinhibit says so.
let cycleOffset: u64 = 0;
let instretOffset: u64 = 0;
let cycleFrozen: u64 = 0;
let instretFrozen: u64 = 0;
let inhibit: u32 = 0;

export function csrReset(): void {
  memory.fill(CSR_BASE, 0, 4096 * 4);
  cycleOffset = 0; instretOffset = 0; cycleFrozen = 0; instretFrozen = 0; inhibit = 0;
}

function mcycleValue(): u64 { return (inhibit & 1) != 0 ? cycleFrozen : getCycles() + cycleOffset; }
function minstretValue(): u64 { return (inhibit & 4) != 0 ? instretFrozen : getInstret() + instretOffset; }

/** 0 if the counter CSR n (0xC00..0xC9F) is readable at the current privilege, else 1. */
function counterDenied(n: u32): bool {
  const bit = n & 31;
  const priv = getPriv();
  if (priv < PRIV_M && ((csrGetRaw(CSR_MCOUNTEREN) >> bit) & 1) == 0) return true;
  if (priv == PRIV_U && ((csrGetRaw(CSR_SCOUNTEREN) >> bit) & 1) == 0) return true;
  return false;
}

let g_csrBad: bool = false;

function readCsr(n: u32): u32 {
  switch (n) {
    case CSR_MSTATUS: return g_mstatus;
    case CSR_SSTATUS: return g_mstatus & SSTATUS_MASK;
    case CSR_MSTATUSH: return 0;
    case CSR_MISA: return MISA_VALUE;
    case CSR_MIP: return mipValue(getCycles());
    case CSR_SIP: return mipValue(getCycles()) & csrGetRaw(CSR_MIDELEG);
    case CSR_SIE: return csrGetRaw(CSR_MIE) & csrGetRaw(CSR_MIDELEG);
    case CSR_MCYCLE: case CSR_CYCLE: return <u32>mcycleValue();
    case CSR_MCYCLEH: case CSR_CYCLEH: return <u32>(mcycleValue() >> 32);
    case CSR_MINSTRET: case CSR_INSTRET: return <u32>minstretValue();
    case CSR_MINSTRETH: case CSR_INSTRETH: return <u32>(minstretValue() >> 32);
    case CSR_TIME: return <u32>mtimeAt(getCycles());
    case CSR_TIMEH: return <u32>(mtimeAt(getCycles()) >> 32);
    case CSR_MVENDORID: case CSR_MARCHID: case CSR_MIMPID: case CSR_MHARTID: case CSR_MCONFIGPTR: return 0;
    case CSR_MEDELEG: case CSR_MIDELEG: case CSR_MIE: case CSR_MTVEC: case CSR_MCOUNTEREN:
    case CSR_MSCRATCH: case CSR_MEPC: case CSR_MCAUSE: case CSR_MTVAL: case CSR_STVEC:
    case CSR_SCOUNTEREN: case CSR_SSCRATCH: case CSR_SEPC: case CSR_SCAUSE: case CSR_STVAL: case CSR_SATP:
    case CSR_MCOUNTINHIBIT: case CSR_MENVCFG: case CSR_MENVCFGH: case CSR_SENVCFG:
      return csrGetRaw(n);
  }
  if (n >= CSR_PMPCFG0 && n < CSR_PMPCFG0 + 4) return csrGetRaw(n);
  if (n >= CSR_PMPADDR0 && n < CSR_PMPADDR0 + 16) return csrGetRaw(n);
  if (n >= CSR_TSELECT && n <= CSR_TDATA3) return 0;
  if (n == CSR_TINFO) return 1;
  // hpm counters and events: implemented as read-only zero (spec allows hardwiring them).
  if ((n >= 0xb03 && n <= 0xb1f) || (n >= 0xb83 && n <= 0xb9f) || (n >= 0x323 && n <= 0x33f)) return 0;
  if ((n >= 0xc03 && n <= 0xc1f) || (n >= 0xc83 && n <= 0xc9f)) return 0;
  g_csrBad = true;
  return 0;
}

function writeCsr(n: u32, v: u32): void {
  switch (n) {
    case CSR_MSTATUS: {
      let m = (g_mstatus & ~MSTATUS_WMASK) | (v & MSTATUS_WMASK);
      if (((m & MS_MPP) >> MS_MPP_SHIFT) == 2) m &= ~MS_MPP; // MPP is WARL: 2 is reserved, read back U
      setMstatus(m);
      return;
    }
    case CSR_SSTATUS: setMstatus((g_mstatus & ~SSTATUS_MASK) | (v & SSTATUS_MASK)); return;
    case CSR_MSTATUSH: return;
    case CSR_MISA: return; // WARL, not writable here
    case CSR_MEDELEG: csrSetRaw(n, v & MEDELEG_MASK); return;
    case CSR_MIDELEG: csrSetRaw(n, v & MIDELEG_MASK); return;
    case CSR_MIE: csrSetRaw(n, v & MIE_MASK); return;
    case CSR_SIE: {
      const d = csrGetRaw(CSR_MIDELEG);
      csrSetRaw(CSR_MIE, (csrGetRaw(CSR_MIE) & ~d) | (v & d & MIE_MASK));
      return;
    }
    case CSR_MIP: csrSetRaw(n, (csrGetRaw(n) & ~MIP_SOFT_MASK) | (v & MIP_SOFT_MASK)); return;
    case CSR_SIP: {
      const m = csrGetRaw(CSR_MIDELEG) & (1 << IRQ_SSI);
      csrSetRaw(CSR_MIP, (csrGetRaw(CSR_MIP) & ~m) | (v & m));
      return;
    }
    case CSR_MTVEC: case CSR_STVEC:
      // MODE is WARL: 0 direct, 1 vectored; 2 and 3 are reserved and read back as direct.
      csrSetRaw(n, (v & 3) >= 2 ? v & ~3 : v);
      return;
    case CSR_MEPC: case CSR_SEPC: csrSetRaw(n, v & ~1); return; // IALIGN=16
    case CSR_MCOUNTEREN: case CSR_SCOUNTEREN: case CSR_MSCRATCH: case CSR_SSCRATCH:
    case CSR_MCAUSE: case CSR_SCAUSE: case CSR_MTVAL: case CSR_STVAL:
      csrSetRaw(n, v);
      return;
    case CSR_MENVCFG: case CSR_MENVCFGH: case CSR_SENVCFG: return; // no fields implemented: read zero
    case CSR_SATP:
      // Sv32 or Bare; the ASID field (9 bits) is fully implemented.
      csrSetRaw(n, v);
      softTlbFlush();
      return;
    case CSR_MCYCLE: cycleOffset = ((mcycleValue() & 0xffffffff00000000) | v) - getCycles(); cycleFrozen = getCycles() + cycleOffset; return;
    case CSR_MCYCLEH: cycleOffset = ((mcycleValue() & 0xffffffff) | (<u64>v << 32)) - getCycles(); cycleFrozen = getCycles() + cycleOffset; return;
    case CSR_MINSTRET:
      // The write replaces this instruction's own increment (Zicntr): the next read sees v.
      instretOffset = ((minstretValue() & 0xffffffff00000000) | v) - getInstret() - 1;
      instretFrozen = <u64>v | (minstretValue() & 0xffffffff00000000);
      return;
    case CSR_MINSTRETH:
      instretOffset = ((minstretValue() & 0xffffffff) | (<u64>v << 32)) - getInstret() - 1;
      instretFrozen = (<u64>v << 32) | (minstretValue() & 0xffffffff);
      return;
    case CSR_MCOUNTINHIBIT: {
      const nv = v & 5; // CY and IR
      if ((nv & 1) != 0 && (inhibit & 1) == 0) cycleFrozen = mcycleValue();
      if ((nv & 1) == 0 && (inhibit & 1) != 0) cycleOffset = cycleFrozen - getCycles();
      if ((nv & 4) != 0 && (inhibit & 4) == 0) instretFrozen = minstretValue();
      if ((nv & 4) == 0 && (inhibit & 4) != 0) instretOffset = instretFrozen - getInstret() - 1;
      inhibit = nv;
      csrSetRaw(n, nv);
      return;
    }
  }
  if (n >= CSR_PMPCFG0 && n < CSR_PMPCFG0 + 4) { csrSetRaw(n, v); return; }
  if (n >= CSR_PMPADDR0 && n < CSR_PMPADDR0 + 16) { csrSetRaw(n, v & 0x3fffffff); return; }
  // hpm counters/events: writes ignored (read-only zero); the trigger registers likewise (no triggers).
}

function setMstatus(m: u32): void {
  // MPRV, SUM, MXR, MPP change how data accesses translate: drop cached translations.
  if (m != g_mstatus) softTlbFlush();
  mstatusSet(m);
}

/**
 * Executes a CSR instruction: `op` 0 = write (csrrw), 1 = set (csrrs), 2 = clear (csrrc); `doWrite` is
 * false for csrrs/csrrc with rs1 = x0 (or zimm = 0). Returns the old value; on an illegal access raises
 * illegal instruction (g_exc) with the instruction bits in tval.
 */
export function csrAccess(n: u32, op: u32, src: u32, doWrite: bool, pc: u32, rawInsn: u32): u32 {
  const priv = getPriv();
  if (priv < ((n >> 8) & 3)) { raiseException(EXC_ILLEGAL, rawInsn, pc); return 0; }
  if (doWrite && (n >> 10) == 3) { raiseException(EXC_ILLEGAL, rawInsn, pc); return 0; }
  if (n == CSR_SATP && priv == PRIV_S && (g_mstatus & MS_TVM) != 0) { raiseException(EXC_ILLEGAL, rawInsn, pc); return 0; }
  if (((n >= 0xc00 && n <= 0xc1f) || (n >= 0xc80 && n <= 0xc9f)) && counterDenied(n)) {
    raiseException(EXC_ILLEGAL, rawInsn, pc);
    return 0;
  }
  g_csrBad = false;
  const old = readCsr(n);
  if (g_csrBad) { raiseException(EXC_ILLEGAL, rawInsn, pc); return 0; }
  if (doWrite) {
    const nv = op == 0 ? src : op == 1 ? old | src : old & ~src;
    writeCsr(n, nv);
  }
  return old;
}

/** Host access for inspection and tests (no privilege checks, no side effects on read). */
export function csrPeek(n: u32): u32 {
  g_csrBad = false;
  const v = readCsr(n);
  return g_csrBad ? 0xffffffff : v;
}
