// Embedded operations shared by both command sets: programming (AND into the array), erasing (set to
// 0xFF), their emulated duration, suspend/resume, and lazy completion.
//
// Time is the hart's cycle counter passed in as `now`; an operation records the cycle at which it ends
// and settle() completes it the next time the bank is touched with now >= that cycle (no tick needed).
// Program data lands in the array when the operation starts (reads return status until it ends, so the
// early write is not observable, except through program suspend, where the datasheet calls the word's
// contents undefined); erase lands when the operation ends, so erase-suspend reads see the old data.

import {
  p32, p64, regionEraseCycles, CMDSET_INTEL, P_CMDSET, P_ERASE_WINDOW_CYC, P_BUFFER_WORDS,
  P_BUFFER_PROGRAM_CYC,
} from "./params";
import {
  b32, setB32, b64, setB64, statAdd, eraseSelected, eraseClearAll,
  B_MODE, B_WSTATE, B_SR, B_OP, B_OP_END, B_SUSP_KIND, B_SUSP_REMAIN, B_OP_BLOCK, B_OP_BLOCK_BYTES,
  B_SUSP_BLOCK, B_SUSP_BLOCK_BYTES, B_DIRTY, B_ERASE_COUNT, B_CMD_ERRORS, MODE_ARRAY, OP_NONE,
  OP_WORD_PROGRAM, OP_BUFFER_PROGRAM, OP_BLOCK_ERASE, OP_CHIP_ERASE, OP_ERASE_WINDOW, OP_SUSPENDING,
  S_PROGRAMMED_BYTES, S_BLOCK_ERASES, S_CHIP_ERASES, S_SUSPENDS, S_RESUMES, S_CMD_ERRORS,
} from "./state";
import { arrayHost, bankBytes, blockCount, blockOf, blkBytes, blkStart, blkRegion } from "./geometry";
import { invalidateCode } from "./hooks";

/** Intel status register bits (P30 datasheet, status register definitions). */
export const SR_READY: u32 = 0x80; // SR.7 write state machine ready (derived, never stored)
export const SR_ERASE_SUSPENDED: u32 = 0x40; // SR.6
export const SR_ERASE_ERROR: u32 = 0x20; // SR.5 erase error (with SR.4: command sequence error)
export const SR_PROGRAM_ERROR: u32 = 0x10; // SR.4
export const SR_VPP_ERROR: u32 = 0x08; // SR.3 (never set: Vpp is modelled as always valid)
export const SR_PROGRAM_SUSPENDED: u32 = 0x04; // SR.2
export const SR_BLOCK_LOCKED: u32 = 0x02; // SR.1 operation aborted on a locked block
/** AMD: write-to-buffer abort (DQ1), kept in B_SR until the write-buffer-abort reset sequence. */
export const AMD_DQ1_ABORT: u32 = 0x02;

// @ts-ignore: decorator
@inline export function isIntel(): bool {
  return p32(P_CMDSET) == CMDSET_INTEL;
}

export function commandError(bank: u32): void {
  statAdd(S_CMD_ERRORS, 1);
  setB32(bank, B_CMD_ERRORS, b32(bank, B_CMD_ERRORS) + 1);
}

/**
 * AND `size` bytes of `value` into the array at bank offset `off`; returns true when bytes changed.
 * With notify=false the caller reports the change to invalidateCode itself (one call per buffer).
 */
export function programBytes(bank: u32, off: u32, size: u32, value: u32, notify: bool = true): bool {
  const host = arrayHost(bank, off);
  let changed = false;
  for (let i: u32 = 0; i < size; i++) {
    const old = load<u8>(host + i);
    const nv = old & <u8>(value >> (i * 8));
    if (nv != old) {
      store<u8>(host + i, nv);
      changed = true;
    }
  }
  statAdd(S_PROGRAMMED_BYTES, size);
  if (changed) {
    setB32(bank, B_DIRTY, 1);
    if (notify) invalidateCode(host, size);
  }
  return changed;
}

/** Set [start, start+bytes) of the bank to 0xFF; invalidates and marks dirty only if bytes changed. */
export function eraseRange(bank: u32, start: u32, bytes: u32): void {
  const host = arrayHost(bank, start);
  let allSet = true;
  for (let i: u32 = 0; i < bytes; i += 8) {
    if (load<u64>(host + i) != 0xffffffffffffffff) {
      allSet = false;
      break;
    }
  }
  statAdd(S_BLOCK_ERASES, 1);
  if (allSet) return;
  memory.fill(host, 0xff, bytes);
  setB32(bank, B_DIRTY, 1);
  invalidateCode(host, bytes);
}

export function startOp(bank: u32, op: u32, end: u64, blockStart: u32, blockBytes: u32): void {
  setB32(bank, B_OP, op);
  setB64(bank, B_OP_END, end);
  setB32(bank, B_OP_BLOCK, blockStart);
  setB32(bank, B_OP_BLOCK_BYTES, blockBytes);
}

/** Cycles for a buffered program of `words` chip words: the full-buffer figure, scaled linearly. */
export function bufferProgramCycles(words: u32): u64 {
  const full = p64(P_BUFFER_PROGRAM_CYC);
  const maxw = <u64>p32(P_BUFFER_WORDS);
  return (full * <u64>words + maxw - 1) / maxw;
}

/** Cycles to erase the AMD sectors selected in the bank's erase map (each at its region's figure). */
export function selectedEraseCycles(bank: u32): u64 {
  let total: u64 = 0;
  const n = blockCount();
  let off: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    blockOf(off);
    if (eraseSelected(bank, i)) total += regionEraseCycles(blkRegion);
    off += blkBytes;
  }
  return total;
}

function eraseSelectedSectors(bank: u32): void {
  const n = blockCount();
  let off: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    blockOf(off);
    const start = blkStart;
    const size = blkBytes;
    if (eraseSelected(bank, i)) eraseRange(bank, start, size);
    off += size;
  }
  eraseClearAll(bank);
  setB32(bank, B_ERASE_COUNT, 0);
}

function completeOp(bank: u32, op: u32): void {
  if (op == OP_BLOCK_ERASE) {
    if (isIntel()) eraseRange(bank, b32(bank, B_OP_BLOCK), b32(bank, B_OP_BLOCK_BYTES));
    else eraseSelectedSectors(bank);
  } else if (op == OP_CHIP_ERASE) {
    const n = blockCount();
    let off: u32 = 0;
    for (let i: u32 = 0; i < n; i++) {
      blockOf(off);
      eraseRange(bank, blkStart, blkBytes);
      off += blkBytes;
    }
    statAdd(S_CHIP_ERASES, 1);
    eraseClearAll(bank);
    setB32(bank, B_ERASE_COUNT, 0);
  }
  // Programs were applied when they started. AMD parts return to read-array on completion (or to the
  // erase-suspended state they were started from); Intel parts stay in read-status until 0xFF.
  if (!isIntel()) setB32(bank, B_MODE, MODE_ARRAY);
}

/** Lazy completion: finish every operation whose end cycle is <= now. */
export function settle(bank: u32, now: u64): void {
  let op = b32(bank, B_OP);
  while (op != OP_NONE && now >= b64(bank, B_OP_END)) {
    const end = b64(bank, B_OP_END);
    if (op == OP_ERASE_WINDOW) {
      // tSEA expired without another sector: the erase proper starts at the window's end.
      setB32(bank, B_OP, OP_BLOCK_ERASE);
      setB64(bank, B_OP_END, end + selectedEraseCycles(bank));
      op = OP_BLOCK_ERASE;
      continue;
    }
    setB32(bank, B_OP, OP_NONE);
    if (op == OP_SUSPENDING) {
      // The suspend latency has elapsed: the operation is now suspended.
      if (isIntel()) {
        const bit = b32(bank, B_SUSP_KIND) == OP_BLOCK_ERASE ? SR_ERASE_SUSPENDED : SR_PROGRAM_SUSPENDED;
        setB32(bank, B_SR, b32(bank, B_SR) | bit);
      }
    } else {
      completeOp(bank, op);
    }
    op = OP_NONE;
  }
}

/**
 * Suspend the running program/erase; it stops `latency` cycles from now. Returns false (and the
 * operation runs on) when nothing suspendable runs, when something is already suspended (no nesting),
 * or when the operation would end before the suspend takes effect, as the datasheets describe.
 */
export function suspendOp(bank: u32, now: u64, latency: u64): bool {
  const op = b32(bank, B_OP);
  if (b32(bank, B_SUSP_KIND) != OP_NONE) return false;
  let remain: u64 = 0;
  let at: u64 = now + latency;
  let kind = op;
  if (op == OP_ERASE_WINDOW) {
    // AMD: suspend during the accept window stops it at once; the whole erase is still to do.
    remain = selectedEraseCycles(bank);
    at = now;
    kind = OP_BLOCK_ERASE;
  } else if (op == OP_BLOCK_ERASE || op == OP_WORD_PROGRAM || op == OP_BUFFER_PROGRAM) {
    const end = b64(bank, B_OP_END);
    if (end <= at) return false;
    remain = end - at;
  } else {
    return false;
  }
  setB32(bank, B_SUSP_KIND, kind);
  setB64(bank, B_SUSP_REMAIN, remain);
  setB32(bank, B_SUSP_BLOCK, b32(bank, B_OP_BLOCK));
  setB32(bank, B_SUSP_BLOCK_BYTES, b32(bank, B_OP_BLOCK_BYTES));
  setB32(bank, B_OP, OP_SUSPENDING);
  setB64(bank, B_OP_END, at);
  statAdd(S_SUSPENDS, 1);
  return true;
}

/** True when an operation is suspended (the suspend latency has passed) and nothing else runs. */
export function isSuspendedIdle(bank: u32): bool {
  return b32(bank, B_SUSP_KIND) != OP_NONE && b32(bank, B_OP) == OP_NONE;
}

/** True when an erase is suspended or being suspended. */
export function eraseSuspended(bank: u32): bool {
  return b32(bank, B_SUSP_KIND) == OP_BLOCK_ERASE;
}

export function resumeOp(bank: u32, now: u64): bool {
  if (!isSuspendedIdle(bank)) return false;
  const kind = b32(bank, B_SUSP_KIND);
  startOp(bank, kind, now + b64(bank, B_SUSP_REMAIN), b32(bank, B_SUSP_BLOCK), b32(bank, B_SUSP_BLOCK_BYTES));
  setB32(bank, B_SUSP_KIND, OP_NONE);
  setB32(bank, B_SR, b32(bank, B_SR) & ~(SR_ERASE_SUSPENDED | SR_PROGRAM_SUSPENDED));
  statAdd(S_RESUMES, 1);
  return true;
}

/** AMD: open (or extend) the sector-erase accept window. */
export function eraseWindow(bank: u32, now: u64): void {
  setB32(bank, B_OP, OP_ERASE_WINDOW);
  setB64(bank, B_OP_END, now + p64(P_ERASE_WINDOW_CYC));
}

export function abortWindow(bank: u32): void {
  setB32(bank, B_OP, OP_NONE);
  eraseClearAll(bank);
  setB32(bank, B_ERASE_COUNT, 0);
  setB32(bank, B_WSTATE, 0);
  setB32(bank, B_MODE, MODE_ARRAY);
}

export function inBank(off: u32): bool {
  return off < bankBytes();
}

export { OP_WORD_PROGRAM, OP_BUFFER_PROGRAM, OP_CHIP_ERASE };
