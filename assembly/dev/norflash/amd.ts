// AMD/Fujitsu command set 0x0002 (the sequences of the Spansion/Cypress S29GL-S and Macronix MX29GL
// datasheets). Commands are decoded from the chip word address bits A10..A0 (higher bits don't care):
//   unlock        0xAA @0x555, 0x55 @0x2AA
//   program       unlock, 0xA0 @0x555, data @address
//   write buffer  unlock, 0x25 @sector, count-1 @sector, data words (one buffer-aligned window of the
//                 sector), 0x29 @sector; anything else aborts with DQ1 until the write-buffer-abort reset
//                 (unlock, 0xF0)
//   sector erase  unlock, 0x80 @0x555, unlock, 0x30 @sector; more 0x30 @sector within tSEA add sectors
//                 (DQ3 = 0 while the window is open); any other command in the window aborts the erase
//   chip erase    unlock, 0x80 @0x555, unlock, 0x10 @0x555
//   autoselect    unlock, 0x90 @0x555 (manufacturer at word 0x00, device 0x01/0x0E/0x0F, sector
//                 protection at sector word 0x02); CFI query 0x98 @0x55; reset 0xF0 @any
//   erase suspend 0xB0 @any / resume 0x30 @any (program other sectors while suspended)
// Status while an embedded algorithm runs: DQ7 data# polling (complement of the programmed DQ7; 0 while
// erasing; 1 when reading an erase-suspended sector), DQ6 toggles on every read while busy, DQ5 = 0
// (never exceeds time limits), DQ3 sector-erase timer, DQ2 toggles on reads of sectors selected for erase,
// DQ1 write-to-buffer abort. The part returns to read-array mode by itself when an algorithm ends.
// Left out: unlock bypass, program suspend, sector protection (all sectors unprotected), secure silicon.

import { p32, p64, P_CHIP_WIDTH, P_BUFFER_WORDS, P_WORD_PROGRAM_CYC, P_ERASE_SUSPEND_CYC, P_CHIP_ERASE_CYC,
  P_MFR_ID, P_DEV_ID, P_DEV_ID2, P_DEV_ID3 } from "./params";
import {
  b32, setB32, statAdd, eraseSelect, eraseSelected, B_MODE, B_WSTATE, B_SR, B_OP, B_SUSP_KIND, B_BUF_LEFT,
  B_BUF_N, B_BUF_WIN, B_CMD_BLOCK, B_TOGGLE, B_POLL_DATA, B_ERASE_COUNT, MODE_ARRAY, MODE_ID, MODE_CFI,
  OP_NONE, OP_WORD_PROGRAM, OP_BUFFER_PROGRAM, OP_BLOCK_ERASE, OP_CHIP_ERASE, OP_ERASE_WINDOW, OP_SUSPENDING,
  S_WORD_PROGRAMS, S_BUFFER_PROGRAMS,
} from "./state";
import { bankWidth, bankBytes, blockOf, blkIndex, blkStart, blkBytes, chipWordOfWrite } from "./geometry";
import {
  AMD_DQ1_ABORT, commandError, programBytes, startOp, suspendOp, resumeOp, eraseSuspended, eraseWindow,
  abortWindow, bufferProgramCycles,
} from "./ops";
import { bufferBegin, bufferWindowOk, stagePush, stageCommit } from "./stage";
import { cfiByte } from "./cfi";

const A_IDLE: u32 = 0;
const A_UNLOCK1: u32 = 1; // 0xAA seen
const A_UNLOCK2: u32 = 2; // 0xAA, 0x55 seen
const A_PROGRAM: u32 = 3; // 0xA0 seen: next write is the data
const A_ERASE_SETUP: u32 = 4; // 0x80 seen
const A_ERASE_UNLOCK1: u32 = 5;
const A_ERASE_UNLOCK2: u32 = 6;
const A_BUF_COUNT: u32 = 7; // 0x25 seen
const A_BUF_DATA: u32 = 8;
const A_BUF_CONFIRM: u32 = 9;

const UNLOCK_ADDR1: u32 = 0x555;
const UNLOCK_ADDR2: u32 = 0x2aa;
const CFI_ADDR: u32 = 0x55;
const CMD_UNLOCK1: u32 = 0xaa;
const CMD_UNLOCK2: u32 = 0x55;
const CMD_PROGRAM: u32 = 0xa0;
const CMD_ERASE_SETUP: u32 = 0x80;
const CMD_SECTOR_ERASE: u32 = 0x30; // also erase resume
const CMD_CHIP_ERASE: u32 = 0x10;
const CMD_AUTOSELECT: u32 = 0x90;
const CMD_CFI_QUERY: u32 = 0x98;
const CMD_RESET: u32 = 0xf0;
const CMD_SUSPEND: u32 = 0xb0;
const CMD_WRITE_BUFFER: u32 = 0x25;
const CMD_BUFFER_CONFIRM: u32 = 0x29;

const DQ7: u32 = 0x80;
const DQ6: u32 = 0x40;
const DQ3: u32 = 0x08;
const DQ2: u32 = 0x04;
const DQ1: u32 = 0x02;

function bufferAbort(bank: u32): void {
  setB32(bank, B_SR, b32(bank, B_SR) | AMD_DQ1_ABORT);
  setB32(bank, B_WSTATE, A_IDLE);
  commandError(bank);
}

/** One bus write (at most bankWidth bytes, within one bus word). The bank is settled already. */
export function amdWrite(bank: u32, off: u32, size: u32, value: u32, now: u64): void {
  const word = chipWordOfWrite(off, size, value);
  const cmd = word & 0xff;
  const wa = (off / bankWidth()) & 0x7ff;
  const op = b32(bank, B_OP);

  if (op == OP_ERASE_WINDOW) {
    if (cmd == CMD_SECTOR_ERASE && blockOf(off)) {
      if (!eraseSelected(bank, blkIndex)) {
        eraseSelect(bank, blkIndex);
        setB32(bank, B_ERASE_COUNT, b32(bank, B_ERASE_COUNT) + 1);
      }
      eraseWindow(bank, now); // each accepted sector restarts tSEA
    } else if (cmd == CMD_SUSPEND) {
      suspendOp(bank, now, 0);
    } else {
      abortWindow(bank);
      commandError(bank);
    }
    return;
  }
  if (op == OP_BLOCK_ERASE) {
    if (cmd == CMD_SUSPEND) suspendOp(bank, now, p64(P_ERASE_SUSPEND_CYC));
    return;
  }
  if (op != OP_NONE) return; // program, chip erase, suspend latency: writes are ignored

  const aborted = (b32(bank, B_SR) & AMD_DQ1_ABORT) != 0;
  const ws = b32(bank, B_WSTATE);
  switch (ws) {
    case A_UNLOCK1: {
      setB32(bank, B_WSTATE, cmd == CMD_UNLOCK2 && wa == UNLOCK_ADDR2 ? A_UNLOCK2 : A_IDLE);
      return;
    }
    case A_UNLOCK2: {
      setB32(bank, B_WSTATE, A_IDLE);
      if (cmd == CMD_RESET) {
        // The write-buffer-abort reset is 0xF0 at 0x555 after the unlock cycles (S29GL-P data sheet
        // command table "555 F0"; FMF s29gl128p.vhd); elsewhere it is a plain reset, which an abort ignores.
        if (aborted && wa != UNLOCK_ADDR1) return;
        setB32(bank, B_SR, b32(bank, B_SR) & ~AMD_DQ1_ABORT);
        setB32(bank, B_MODE, MODE_ARRAY);
        return;
      }
      if (aborted) return;
      if (cmd == CMD_PROGRAM && wa == UNLOCK_ADDR1) setB32(bank, B_WSTATE, A_PROGRAM);
      else if (cmd == CMD_ERASE_SETUP && wa == UNLOCK_ADDR1 && b32(bank, B_SUSP_KIND) == OP_NONE) {
        setB32(bank, B_WSTATE, A_ERASE_SETUP);
      } else if (cmd == CMD_AUTOSELECT && wa == UNLOCK_ADDR1) setB32(bank, B_MODE, MODE_ID);
      else if (cmd == CMD_WRITE_BUFFER && p32(P_BUFFER_WORDS) != 0 && blockOf(off)) {
        setB32(bank, B_CMD_BLOCK, blkStart);
        setB32(bank, B_WSTATE, A_BUF_COUNT);
      }
      return;
    }
    case A_PROGRAM: {
      setB32(bank, B_WSTATE, A_IDLE);
      if (!blockOf(off)) return;
      // A program aimed at the erase-suspended sector is ignored (datasheet).
      if (eraseSuspended(bank) && eraseSelected(bank, blkIndex)) return;
      programBytes(bank, off, size, value);
      setB32(bank, B_POLL_DATA, word);
      statAdd(S_WORD_PROGRAMS, 1);
      startOp(bank, OP_WORD_PROGRAM, now + p64(P_WORD_PROGRAM_CYC), blkStart, blkBytes);
      return;
    }
    case A_ERASE_SETUP: {
      setB32(bank, B_WSTATE, cmd == CMD_UNLOCK1 && wa == UNLOCK_ADDR1 ? A_ERASE_UNLOCK1 : A_IDLE);
      return;
    }
    case A_ERASE_UNLOCK1: {
      setB32(bank, B_WSTATE, cmd == CMD_UNLOCK2 && wa == UNLOCK_ADDR2 ? A_ERASE_UNLOCK2 : A_IDLE);
      return;
    }
    case A_ERASE_UNLOCK2: {
      setB32(bank, B_WSTATE, A_IDLE);
      if (cmd == CMD_CHIP_ERASE && wa == UNLOCK_ADDR1) {
        startOp(bank, OP_CHIP_ERASE, now + p64(P_CHIP_ERASE_CYC), 0, bankBytes());
        setB32(bank, B_MODE, MODE_ARRAY);
      } else if (cmd == CMD_SECTOR_ERASE && blockOf(off)) {
        eraseSelect(bank, blkIndex);
        setB32(bank, B_ERASE_COUNT, 1);
        startOp(bank, OP_ERASE_WINDOW, 0, blkStart, blkBytes);
        eraseWindow(bank, now);
        setB32(bank, B_MODE, MODE_ARRAY);
      }
      return;
    }
    case A_BUF_COUNT: {
      blockOf(off);
      if (blkStart != b32(bank, B_CMD_BLOCK) || !bufferBegin(bank, word)) {
        bufferAbort(bank);
        return;
      }
      setB32(bank, B_WSTATE, A_BUF_DATA);
      return;
    }
    case A_BUF_DATA: {
      if (!bufferWindowOk(bank, off)) {
        bufferAbort(bank);
        return;
      }
      stagePush(bank, off, size, value);
      setB32(bank, B_POLL_DATA, word); // DQ7# polls against the last loaded word
      const left = b32(bank, B_BUF_LEFT) - 1;
      setB32(bank, B_BUF_LEFT, left);
      if (left == 0) setB32(bank, B_WSTATE, A_BUF_CONFIRM);
      return;
    }
    case A_BUF_CONFIRM: {
      blockOf(off);
      if (cmd != CMD_BUFFER_CONFIRM || blkStart != b32(bank, B_CMD_BLOCK)) {
        bufferAbort(bank);
        return;
      }
      setB32(bank, B_WSTATE, A_IDLE);
      blockOf(b32(bank, B_CMD_BLOCK));
      if (eraseSuspended(bank) && eraseSelected(bank, blkIndex)) return;
      stageCommit(bank);
      statAdd(S_BUFFER_PROGRAMS, 1);
      startOp(bank, OP_BUFFER_PROGRAM, now + bufferProgramCycles(b32(bank, B_BUF_N)), blkStart, blkBytes);
      return;
    }
    default:
      break;
  }

  // A_IDLE
  if (cmd == CMD_UNLOCK1 && wa == UNLOCK_ADDR1) {
    setB32(bank, B_WSTATE, A_UNLOCK1);
  } else if (aborted) {
    return; // only the write-buffer-abort reset sequence is accepted
  } else if (cmd == CMD_RESET) {
    setB32(bank, B_MODE, MODE_ARRAY);
  } else if (cmd == CMD_CFI_QUERY && (wa & 0xff) == CFI_ADDR) {
    setB32(bank, B_MODE, MODE_CFI);
  } else if (cmd == CMD_SECTOR_ERASE) {
    resumeOp(bank, now); // erase resume; ignored unless an erase is suspended and nothing runs
  }
}

/** DQ6 (and DQ2 when `dq2`) as the bus shows them on this read; toggles them for the next read. */
function toggles(bank: u32, dq6: bool, dq2: bool): u32 {
  const t = b32(bank, B_TOGGLE);
  let out: u32 = 0;
  let next = t;
  if (dq6) { out |= t & DQ6; next ^= DQ6; }
  if (dq2) { out |= t & DQ2; next ^= DQ2; }
  setB32(bank, B_TOGGLE, next);
  return out;
}

/** True when a read at `off` returns array data in the bank's current state. */
export function amdReadsArray(bank: u32, off: u32): bool {
  if (b32(bank, B_OP) != OP_NONE) return false;
  if ((b32(bank, B_SR) & AMD_DQ1_ABORT) != 0) return false;
  if (b32(bank, B_MODE) != MODE_ARRAY) return false;
  if (eraseSuspended(bank) && blockOf(off) && eraseSelected(bank, blkIndex)) return false;
  return true;
}

/** The chip word every chip of the bank drives for a read at `off` that is not array data. */
export function amdChipValue(bank: u32, off: u32): u32 {
  const op = b32(bank, B_OP);
  const inErase = blockOf(off) && eraseSelected(bank, blkIndex);
  if (op == OP_WORD_PROGRAM || op == OP_BUFFER_PROGRAM) {
    return (~b32(bank, B_POLL_DATA) & DQ7) | toggles(bank, true, false);
  }
  if (op == OP_ERASE_WINDOW) return toggles(bank, true, inErase); // DQ7 = 0, DQ3 = 0: window open
  if (op == OP_BLOCK_ERASE || op == OP_SUSPENDING) return DQ3 | toggles(bank, true, inErase);
  if (op == OP_CHIP_ERASE) return DQ3 | toggles(bank, true, true);
  if ((b32(bank, B_SR) & AMD_DQ1_ABORT) != 0) {
    return (~b32(bank, B_POLL_DATA) & DQ7) | DQ1 | toggles(bank, true, false);
  }
  if (eraseSuspended(bank) && inErase) {
    // Erase-suspended sector: DQ7 = 1, DQ6 stops toggling, DQ2 toggles.
    return DQ7 | (b32(bank, B_TOGGLE) & DQ6) | toggles(bank, false, true);
  }
  const mode = b32(bank, B_MODE);
  const wa = off / bankWidth();
  if (mode == MODE_CFI) return cfiByte(wa);
  if (mode == MODE_ID) {
    const a = wa & 0xff;
    if (a == 0x00) return p32(P_MFR_ID);
    if (a == 0x01) return p32(P_DEV_ID);
    if (a == 0x0e) return p32(P_DEV_ID2);
    if (a == 0x0f) return p32(P_DEV_ID3);
    return 0; // 0x02 sector protection: all unprotected; 0x03 indicator bits: none
  }
  return 0;
}

/** Array mode for the fast path: read-array, nothing running, nothing suspended, no buffer abort. */
export function amdArrayMode(bank: u32): bool {
  return b32(bank, B_OP) == OP_NONE && b32(bank, B_MODE) == MODE_ARRAY && b32(bank, B_SUSP_KIND) == OP_NONE &&
    (b32(bank, B_SR) & AMD_DQ1_ABORT) == 0;
}
