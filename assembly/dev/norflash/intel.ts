// Intel/Sharp command set 0x0001 (the "basic command set" of the Micron/Numonyx P30 datasheets).
//
// Read modes: array (0xFF), status (0x70, and automatically after program/erase/lock setup), identifier
// (0x90: manufacturer at block word 0, device at 1, block lock status at 2, read configuration register
// at 5) and CFI query (0x98, any address). Write sequences: word program 0x40/0x10 + data; buffered
// program 0xE8 at the block, count-1, count data words inside one aligned buffer window, 0xD0; block
// erase 0x20 + 0xD0; suspend 0xB0 / resume 0xD0 (program allowed during erase suspend, in other blocks);
// configuration 0x60 + 0x01 lock, 0xD0 unlock, 0x2F lock-down, 0x03 set read configuration register
// (RCR value on the address bus: the chip word address). Clear status 0x50 clears SR.5/4/3/1 only.
//
// Status register (B_SR; SR.7 is derived from the running operation): a wrong confirm or an over-long
// buffer count is a command sequence error (SR.5 and SR.4); program or erase of a locked block sets
// SR.1 with SR.4 (program) or SR.5 (erase) and changes nothing.
//
// While the write state machine is busy only 0xB0 (suspend) and 0x70 are accepted; other writes are
// ignored and reads return status. Left out: OTP/protection registers, blank check (0xBC), BEFP (0x80),
// partitions (P30 has none), Vpp levels (always valid), program suspend nested in erase suspend.

import { p32, p64, P_BUFFER_WORDS, P_WORD_PROGRAM_CYC, P_ERASE_SUSPEND_CYC, P_PROGRAM_SUSPEND_CYC, P_FLAGS,
  P_MFR_ID, P_DEV_ID, FLAG_WP_LOW, P_CHIP_WIDTH, regionEraseCycles } from "./params";
import {
  b32, setB32, statAdd, lockAddr, B_MODE, B_WSTATE, B_SR, B_OP, B_SUSP_KIND, B_SUSP_BLOCK, B_BUF_LEFT,
  B_BUF_N, B_BUF_WIN, B_CMD_BLOCK, B_RCR, MODE_ARRAY, MODE_STATUS, MODE_ID, MODE_CFI, OP_NONE,
  OP_WORD_PROGRAM, OP_BUFFER_PROGRAM, OP_BLOCK_ERASE, LOCK_LOCKED, LOCK_DOWN, S_WORD_PROGRAMS,
  S_BUFFER_PROGRAMS,
} from "./state";
import { bankWidth, blockOf, blkIndex, blkStart, blkBytes, blkRegion, chipWordOfWrite, arrayHost } from "./geometry";
import {
  SR_READY, SR_ERASE_ERROR, SR_PROGRAM_ERROR, SR_VPP_ERROR, SR_BLOCK_LOCKED, commandError, programBytes,
  startOp, suspendOp, resumeOp, eraseSuspended, bufferProgramCycles,
} from "./ops";
import { bufferBegin, bufferWindowOk, stagePush, stageCommit } from "./stage";
import { readConfigChanged } from "./hooks";
import { cfiByte } from "./cfi";

// Write-sequence states.
const W_IDLE: u32 = 0;
const W_PROG_DATA: u32 = 1; // after 0x40/0x10: next write is the data
const W_ERASE_CONFIRM: u32 = 2; // after 0x20: next write must be 0xD0
const W_CONFIG: u32 = 3; // after 0x60: 0x01, 0xD0, 0x2F or 0x03
const W_BUF_COUNT: u32 = 4; // after 0xE8: next write is the word count - 1
const W_BUF_DATA: u32 = 5; // collecting data words
const W_BUF_CONFIRM: u32 = 6; // next write must be 0xD0

// Commands.
const CMD_READ_ARRAY: u32 = 0xff;
const CMD_READ_STATUS: u32 = 0x70;
const CMD_CLEAR_STATUS: u32 = 0x50;
const CMD_READ_ID: u32 = 0x90;
const CMD_CFI_QUERY: u32 = 0x98;
const CMD_WORD_PROGRAM: u32 = 0x40;
const CMD_WORD_PROGRAM_ALT: u32 = 0x10;
const CMD_BUFFERED_PROGRAM: u32 = 0xe8;
const CMD_BLOCK_ERASE: u32 = 0x20;
const CMD_CONFIRM: u32 = 0xd0; // also resume, and unlock after 0x60
const CMD_SUSPEND: u32 = 0xb0;
const CMD_CONFIG_SETUP: u32 = 0x60;
const CMD_LOCK: u32 = 0x01;
const CMD_LOCK_DOWN: u32 = 0x2f;
const CMD_SET_RCR: u32 = 0x03;

function sequenceError(bank: u32): void {
  setB32(bank, B_SR, b32(bank, B_SR) | SR_ERASE_ERROR | SR_PROGRAM_ERROR);
  setB32(bank, B_MODE, MODE_STATUS);
  commandError(bank);
}

function fail(bank: u32, bits: u32): void {
  setB32(bank, B_SR, b32(bank, B_SR) | bits);
  commandError(bank);
}

function wordProgram(bank: u32, off: u32, size: u32, value: u32, now: u64): void {
  if (!blockOf(off)) return;
  if ((load<u8>(lockAddr(bank, blkIndex)) & LOCK_LOCKED) != 0) {
    fail(bank, SR_PROGRAM_ERROR | SR_BLOCK_LOCKED);
    return;
  }
  if (eraseSuspended(bank) && blkStart == b32(bank, B_SUSP_BLOCK)) {
    fail(bank, SR_PROGRAM_ERROR); // the block whose erase is suspended cannot be programmed
    return;
  }
  programBytes(bank, off, size, value);
  statAdd(S_WORD_PROGRAMS, 1);
  startOp(bank, OP_WORD_PROGRAM, now + p64(P_WORD_PROGRAM_CYC), blkStart, blkBytes);
}

function bufferProgram(bank: u32, now: u64): void {
  const block = b32(bank, B_CMD_BLOCK);
  blockOf(block);
  if ((load<u8>(lockAddr(bank, blkIndex)) & LOCK_LOCKED) != 0) {
    fail(bank, SR_PROGRAM_ERROR | SR_BLOCK_LOCKED);
    return;
  }
  if (eraseSuspended(bank) && blkStart == b32(bank, B_SUSP_BLOCK)) {
    fail(bank, SR_PROGRAM_ERROR);
    return;
  }
  stageCommit(bank);
  statAdd(S_BUFFER_PROGRAMS, 1);
  startOp(bank, OP_BUFFER_PROGRAM, now + bufferProgramCycles(b32(bank, B_BUF_N)), blkStart, blkBytes);
}

function blockErase(bank: u32, off: u32, now: u64): void {
  if (!blockOf(off)) return;
  if (b32(bank, B_SUSP_KIND) != OP_NONE) {
    sequenceError(bank); // no erase while a program or erase is suspended
    return;
  }
  if ((load<u8>(lockAddr(bank, blkIndex)) & LOCK_LOCKED) != 0) {
    fail(bank, SR_ERASE_ERROR | SR_BLOCK_LOCKED);
    return;
  }
  startOp(bank, OP_BLOCK_ERASE, now + regionEraseCycles(blkRegion), blkStart, blkBytes);
}

function configure(bank: u32, off: u32, cmd: u32): void {
  if (cmd == CMD_SET_RCR) {
    // The register value travels on the address bus: the chip word address.
    setB32(bank, B_RCR, (off / bankWidth()) & 0xffff);
    setB32(bank, B_MODE, MODE_ARRAY);
    readConfigChanged(bank);
    return;
  }
  if (!blockOf(off)) return;
  const a = lockAddr(bank, blkIndex);
  const cur = load<u8>(a);
  if (cmd == CMD_LOCK) {
    store<u8>(a, cur | LOCK_LOCKED);
  } else if (cmd == CMD_CONFIRM) {
    // With WP# low a locked-down block stays locked until reset; with WP# high lock-down is inert.
    if ((cur & LOCK_DOWN) == 0 || (p32(P_FLAGS) & FLAG_WP_LOW) == 0) store<u8>(a, cur & ~LOCK_LOCKED);
  } else if (cmd == CMD_LOCK_DOWN) {
    store<u8>(a, cur | LOCK_LOCKED | LOCK_DOWN);
  } else {
    sequenceError(bank);
  }
}

/** One bus write (at most bankWidth bytes, within one bus word). The bank is settled already. */
export function intelWrite(bank: u32, off: u32, size: u32, value: u32, now: u64): void {
  const word = chipWordOfWrite(off, size, value);
  const cmd = word & 0xff;
  const ws = b32(bank, B_WSTATE);

  if (b32(bank, B_OP) != OP_NONE) {
    if (cmd == CMD_SUSPEND) {
      const op = b32(bank, B_OP);
      const lat = p64(op == OP_BLOCK_ERASE ? P_ERASE_SUSPEND_CYC : P_PROGRAM_SUSPEND_CYC);
      suspendOp(bank, now, lat);
    }
    setB32(bank, B_MODE, MODE_STATUS);
    return;
  }

  switch (ws) {
    case W_PROG_DATA: {
      setB32(bank, B_WSTATE, W_IDLE);
      wordProgram(bank, off, size, value, now);
      return;
    }
    case W_ERASE_CONFIRM: {
      setB32(bank, B_WSTATE, W_IDLE);
      if (cmd == CMD_CONFIRM) blockErase(bank, off, now);
      else sequenceError(bank);
      return;
    }
    case W_CONFIG: {
      setB32(bank, B_WSTATE, W_IDLE);
      configure(bank, off, cmd);
      return;
    }
    case W_BUF_COUNT: {
      if (!bufferBegin(bank, word)) {
        setB32(bank, B_WSTATE, W_IDLE);
        sequenceError(bank);
        return;
      }
      setB32(bank, B_WSTATE, W_BUF_DATA);
      return;
    }
    case W_BUF_DATA: {
      // All data words must fall in one buffer-aligned window inside the block named by 0xE8.
      if (!bufferWindowOk(bank, off)) {
        setB32(bank, B_WSTATE, W_IDLE);
        sequenceError(bank);
        return;
      }
      stagePush(bank, off, size, value);
      const left = b32(bank, B_BUF_LEFT) - 1;
      setB32(bank, B_BUF_LEFT, left);
      if (left == 0) setB32(bank, B_WSTATE, W_BUF_CONFIRM);
      return;
    }
    case W_BUF_CONFIRM: {
      setB32(bank, B_WSTATE, W_IDLE);
      if (cmd == CMD_CONFIRM) bufferProgram(bank, now);
      else sequenceError(bank);
      return;
    }
    default:
      break;
  }

  switch (cmd) {
    case CMD_READ_ARRAY: setB32(bank, B_MODE, MODE_ARRAY); break;
    case CMD_READ_STATUS: setB32(bank, B_MODE, MODE_STATUS); break;
    case CMD_CLEAR_STATUS:
      setB32(bank, B_SR, b32(bank, B_SR) & ~(SR_ERASE_ERROR | SR_PROGRAM_ERROR | SR_VPP_ERROR | SR_BLOCK_LOCKED));
      break;
    case CMD_READ_ID: setB32(bank, B_MODE, MODE_ID); break;
    case CMD_CFI_QUERY: setB32(bank, B_MODE, MODE_CFI); break;
    case CMD_WORD_PROGRAM:
    case CMD_WORD_PROGRAM_ALT:
      setB32(bank, B_WSTATE, W_PROG_DATA);
      setB32(bank, B_MODE, MODE_STATUS);
      break;
    case CMD_BUFFERED_PROGRAM:
      if (p32(P_BUFFER_WORDS) == 0) break;
      setB32(bank, B_CMD_BLOCK, blockOf(off) ? blkStart : 0);
      setB32(bank, B_WSTATE, W_BUF_COUNT);
      setB32(bank, B_MODE, MODE_STATUS); // SR.7 = 1 here means "buffer available"
      break;
    case CMD_BLOCK_ERASE:
      setB32(bank, B_WSTATE, W_ERASE_CONFIRM);
      setB32(bank, B_MODE, MODE_STATUS);
      break;
    case CMD_CONFIG_SETUP:
      setB32(bank, B_WSTATE, W_CONFIG);
      setB32(bank, B_MODE, MODE_STATUS);
      break;
    case CMD_CONFIRM:
      if (resumeOp(bank, now)) setB32(bank, B_MODE, MODE_STATUS);
      break;
    default:
      break; // 0xB0 while idle and unknown commands are ignored
  }
}

/** What every chip of the bank drives for a non-array read at bank offset `off` (one chip word). */
export function intelChipValue(bank: u32, off: u32): u32 {
  const mode = b32(bank, B_MODE);
  if (b32(bank, B_OP) != OP_NONE || mode == MODE_STATUS) {
    return b32(bank, B_SR) | (b32(bank, B_OP) == OP_NONE ? SR_READY : 0);
  }
  const bw = bankWidth();
  if (mode == MODE_CFI) return cfiByte(off / bw);
  if (mode == MODE_ID) {
    if (!blockOf(off)) return 0;
    const rel = (off - blkStart) / bw;
    if (rel == 0) return p32(P_MFR_ID);
    if (rel == 1) return p32(P_DEV_ID);
    if (rel == 2) return <u32>load<u8>(lockAddr(bank, blkIndex)) & 3;
    if (rel == 5) return b32(bank, B_RCR);
    return 0;
  }
  return 0;
}

/** True when a read in the bank's current state returns array data. */
export function intelReadsArray(bank: u32): bool {
  return b32(bank, B_OP) == OP_NONE && b32(bank, B_MODE) == MODE_ARRAY;
}

export { arrayHost };
