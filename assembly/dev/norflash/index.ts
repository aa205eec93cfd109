// NOR flash device: the interface the bus calls. Two banks of `interleave` CFI chips each (Intel/Sharp
// command set 0x0001 or AMD/Fujitsu 0x0002, chosen by the parameter block), arrays at FLASH_HOST.
//
// Protocol with the core (docs/FLASH.md has the full text):
//  - The host writes the parameter block (params.ts) into FLASHCTL; configure() calls flashReset().
//  - While flashArrayMode(bank) is true the bank is plain memory: the core reads and fetches straight
//    from FLASH_HOST + bank*FLASH_BANK_BYTES on its fast path and charges flashReadCycles /
//    flashFillCycles (timed build) for the latency.
//  - Every store into a bank goes to flashWrite; every load or fetch while the bank is not in array mode
//    goes to flashReadSlow. After each of these calls the core asks flashArrayMode again.
//  - Operations complete lazily: flashReadSlow/flashWrite first finish whatever ended at or before `now`.
//  - Array bytes that change are reported to invalidateCode (hooks.ts).
// Accesses are little-endian; a `size` wider than the bus is split into bus cycles in address order.

import { FLASHCTL_BASE } from "../../layout";
import { p32, paramsValid, installDefaultParams, P_BANKS, P_FLAGS, P_RCR_DEFAULT, FLAG_LOCKED_AT_RESET, P_CHIP_WIDTH, P_INTERLEAVE } from "./params";
import {
  setB32, lockAddr, eraseClearAll, bankRec, BANK_STRIDE, B_MODE, B_RCR, MODE_ARRAY, LOCK_LOCKED, b32, B_OP, OP_NONE,
  S_SLOW_READS, S_BUSY_READS, statAdd, CFI_TABLE, LOCK_BYTES, LOCK_STRIDE,
} from "./state";
import { bankWidth, arrayHost, blockCount } from "./geometry";
import { buildCfiTable } from "./cfi";
import { isIntel, settle, inBank } from "./ops";
import { intelWrite, intelChipValue, intelReadsArray } from "./intel";
import { amdWrite, amdChipValue, amdReadsArray, amdArrayMode } from "./amd";
import { forgetOpenPage, rangeCycles, slowRangeCycles } from "./timing";

export function flashReset(): void {
  if (!paramsValid()) installDefaultParams();
  // Statistics and both bank records start from zero; the CFI table is rebuilt from the parameters.
  memory.fill(FLASHCTL_BASE + CFI_TABLE, 0, 0x200 - CFI_TABLE + 2 * BANK_STRIDE);
  buildCfiTable();
  const lockInit: u8 = (p32(P_FLAGS) & FLAG_LOCKED_AT_RESET) != 0 ? LOCK_LOCKED : 0;
  const blocks = blockCount();
  for (let bank: u32 = 0; bank < 2; bank++) {
    memory.fill(bankRec(bank), 0, BANK_STRIDE);
    setB32(bank, B_MODE, MODE_ARRAY);
    setB32(bank, B_RCR, p32(P_RCR_DEFAULT));
    forgetOpenPage(bank);
    memory.fill(FLASHCTL_BASE + LOCK_BYTES + bank * LOCK_STRIDE, 0, LOCK_STRIDE);
    memory.fill(lockAddr(bank, 0), lockInit, blocks);
    eraseClearAll(bank);
  }
}

export function flashArrayMode(bank: u32): bool {
  if (((p32(P_BANKS) >> bank) & 1) == 0) return false;
  if (isIntel()) return intelReadsArray(bank);
  return amdArrayMode(bank);
}

/** One bus word (bankWidth bytes, little-endian) as the bank drives it for a read at bus offset `off`. */
function busRead(bank: u32, off: u32): u32 {
  const arr = isIntel() ? intelReadsArray(bank) : amdReadsArray(bank, off);
  const bw = bankWidth();
  if (arr) {
    const host = arrayHost(bank, off);
    return bw == 4 ? load<u32>(host) : bw == 2 ? <u32>load<u16>(host) : <u32>load<u8>(host);
  }
  const v = isIntel() ? intelChipValue(bank, off) : amdChipValue(bank, off);
  // Every chip of the bank drives the same chip word (lockstep): replicate it over the lanes.
  const cw = p32(P_CHIP_WIDTH);
  const il = p32(P_INTERLEAVE);
  const lane: u32 = cw == 1 ? v & 0xff : v & 0xffff;
  let word: u32 = 0;
  for (let i: u32 = 0; i < il; i++) word |= lane << (i * cw * 8);
  return word;
}

export function flashReadSlow(bank: u32, off: u32, size: u32, now: u64): u32 {
  settle(bank, now);
  statAdd(S_SLOW_READS, 1);
  if (b32(bank, B_OP) != OP_NONE) statAdd(S_BUSY_READS, 1);
  if (!inBank(off)) return 0xffffffff >> ((4 - size) * 8);
  const bw = bankWidth();
  let result: u32 = 0;
  let got: u32 = 0;
  while (got < size) {
    const o = off + got;
    const wordOff = o - o % bw;
    const skip = o - wordOff;
    const take = min(size - got, bw - skip);
    let bytes = busRead(bank, wordOff) >> (skip * 8);
    if (take < 4) bytes &= (<u32>1 << (take * 8)) - 1;
    result |= bytes << (got * 8);
    got += take;
  }
  return result;
}

export function flashWrite(bank: u32, off: u32, size: u32, value: u32, now: u64): void {
  if (((p32(P_BANKS) >> bank) & 1) == 0) return;
  settle(bank, now);
  forgetOpenPage(bank);
  if (!inBank(off)) return;
  const bw = bankWidth();
  const intel = isIntel();
  let done: u32 = 0;
  while (done < size) {
    const o = off + done;
    const take = min(size - done, bw - o % bw);
    let v = value >> (done * 8);
    if (take < 4) v &= (<u32>1 << (take * 8)) - 1;
    if (intel) intelWrite(bank, o, take, v, now);
    else amdWrite(bank, o, take, v, now);
    done += take;
  }
}

export function flashReadCycles(bank: u32, off: u32, size: u32): u32 {
  if (!flashArrayMode(bank)) return slowRangeCycles(bank, off, size);
  return rangeCycles(bank, off, size);
}

export function flashFillCycles(bank: u32, off: u32, lineBytes: u32): u32 {
  if (!flashArrayMode(bank)) return slowRangeCycles(bank, off, lineBytes);
  return rangeCycles(bank, off, lineBytes);
}
