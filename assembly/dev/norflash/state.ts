// NOR flash device state: the CFI table, statistics and one state-machine record per bank, all inside
// FLASHCTL so the host can read them through views (layout mirrored in src/flash/layout.ts).
//
// FLASHCTL map (offsets from FLASHCTL_BASE, 4 KiB in all):
//   0x000-0x0EF  parameter block, host-written (params.ts)
//   0x100-0x17F  CFI query table, one byte per chip word address 0x00-0x7F, built by flashReset (cfi.ts)
//   0x180-0x1E7  statistics, u64 counters (S_*) then two u32 debug words
//   0x200-0x3FF  bank records, 0x100 each (B_*)
//   0x400-0xBFF  per-block protection bytes, 1024 per bank (LOCK_*)
//   0xC00-0xCFF  AMD erase-selection bitmaps, 128 bytes (1024 bits) per bank
// The host may clear B_DIRTY after saving a bank; everything else here is written by the device only.

import { FLASHCTL_BASE } from "../../layout";

export const CFI_TABLE: u32 = 0x100;
export const CFI_TABLE_BYTES: u32 = 0x80;

// ---- statistics (u64, both banks together) ----
export const S_BYTES_READ: u32 = 0x180; // array bytes read, counted by flashReadCycles/flashFillCycles
export const S_SLOW_READS: u32 = 0x188; // flashReadSlow calls
export const S_BUSY_READS: u32 = 0x190; // slow reads that found the bank busy (program/erase running)
export const S_WORD_PROGRAMS: u32 = 0x198;
export const S_BUFFER_PROGRAMS: u32 = 0x1a0;
export const S_BLOCK_ERASES: u32 = 0x1a8; // completed block/sector erases (a chip erase counts here too)
export const S_CHIP_ERASES: u32 = 0x1b0;
export const S_SUSPENDS: u32 = 0x1b8;
export const S_RESUMES: u32 = 0x1c0;
export const S_CMD_ERRORS: u32 = 0x1c8; // bad sequences, locked-block attempts, buffer aborts
export const S_INVALIDATES: u32 = 0x1d0; // invalidateCode calls (counted by the hook stub)
export const S_PROGRAMMED_BYTES: u32 = 0x1d8; // bytes written by program operations
export const S_LAST_INVAL_ADDR: u32 = 0x1e0; // u32: last invalidateCode(hostAddr, len), for tests
export const S_LAST_INVAL_LEN: u32 = 0x1e4;

// ---- bank record ----
export const BANK_STATE: u32 = 0x200;
export const BANK_STRIDE: u32 = 0x100;
export const B_MODE: u32 = 0x00; // read mode (MODE_*)
export const B_WSTATE: u32 = 0x04; // write-sequence state (Intel W_* / AMD A_*)
export const B_SR: u32 = 0x08; // Intel status register bits 6..0 (bit 7 is derived); AMD: DQ1 abort flag
export const B_OP: u32 = 0x0c; // running operation (OP_*)
export const B_OP_END: u32 = 0x10; // u64 cycle at which B_OP ends
export const B_SUSP_KIND: u32 = 0x18; // suspended (or suspending) operation, OP_NONE if none
export const B_SUSP_REMAIN: u32 = 0x20; // u64 cycles the suspended operation still needs
export const B_OP_BLOCK: u32 = 0x28; // bank offset of the block the running operation works on
export const B_OP_BLOCK_BYTES: u32 = 0x2c;
export const B_SUSP_BLOCK: u32 = 0x30; // block of the suspended operation
export const B_SUSP_BLOCK_BYTES: u32 = 0x34;
export const B_BUF_LEFT: u32 = 0x38; // buffered program: data writes still expected
export const B_BUF_N: u32 = 0x3c; // buffered program: entries staged
export const B_BUF_WIN: u32 = 0x40; // buffered program: bank offset of the aligned buffer window
export const B_CMD_BLOCK: u32 = 0x44; // block addressed by the setup command (0xE8 / 0x25)
export const B_TOGGLE: u32 = 0x48; // AMD toggle bits: bit 6 = DQ6, bit 2 = DQ2 (as seen on the bus)
export const B_LAST_PAGE: u32 = 0x4c; // timing: last page read (bank word index / page words), ~0 = none
export const B_LAST_WORD: u32 = 0x50; // timing: last bank word index read, ~0 = none
export const B_RCR: u32 = 0x54; // Intel read configuration register
export const B_POLL_DATA: u32 = 0x58; // AMD: chip-word data of the last program (DQ7 polling)
export const B_DIRTY: u32 = 0x5c; // 1 when program/erase changed array bytes since the host cleared it
export const B_ERASE_COUNT: u32 = 0x60; // AMD: sectors selected for the current/suspended erase
export const B_CMD_ERRORS: u32 = 0x64; // per-bank command errors (diagnostics)

// ---- per-block protection bytes ----
export const LOCK_BYTES: u32 = 0x400;
export const LOCK_STRIDE: u32 = 0x400;
export const LOCK_LOCKED: u8 = 1;
export const LOCK_DOWN: u8 = 2;

export const ERASE_MAP: u32 = 0xc00;
export const ERASE_MAP_STRIDE: u32 = 0x80;

// ---- enumerations ----
export const MODE_ARRAY: u32 = 0;
export const MODE_STATUS: u32 = 1; // Intel read-status; AMD never uses it (status comes from B_OP)
export const MODE_ID: u32 = 2; // Intel read identifier / AMD autoselect
export const MODE_CFI: u32 = 3;

export const OP_NONE: u32 = 0;
export const OP_WORD_PROGRAM: u32 = 1;
export const OP_BUFFER_PROGRAM: u32 = 2;
export const OP_BLOCK_ERASE: u32 = 3;
export const OP_CHIP_ERASE: u32 = 4;
export const OP_ERASE_WINDOW: u32 = 5; // AMD: sector erase accepted, waiting tSEA for more sectors
export const OP_SUSPENDING: u32 = 6; // suspend latency running; B_SUSP_KIND holds the op being suspended

// @ts-ignore: decorator
@inline export function bankRec(bank: u32): u32 {
  return FLASHCTL_BASE + BANK_STATE + bank * BANK_STRIDE;
}

// @ts-ignore: decorator
@inline export function b32(bank: u32, f: u32): u32 {
  return load<u32>(bankRec(bank) + f);
}

// @ts-ignore: decorator
@inline export function setB32(bank: u32, f: u32, v: u32): void {
  store<u32>(bankRec(bank) + f, v);
}

// @ts-ignore: decorator
@inline export function b64(bank: u32, f: u32): u64 {
  return load<u64>(bankRec(bank) + f);
}

// @ts-ignore: decorator
@inline export function setB64(bank: u32, f: u32, v: u64): void {
  store<u64>(bankRec(bank) + f, v);
}

// @ts-ignore: decorator
@inline export function statAdd(field: u32, n: u64): void {
  store<u64>(FLASHCTL_BASE + field, load<u64>(FLASHCTL_BASE + field) + n);
}

// @ts-ignore: decorator
@inline export function lockAddr(bank: u32, block: u32): u32 {
  return FLASHCTL_BASE + LOCK_BYTES + bank * LOCK_STRIDE + block;
}

// @ts-ignore: decorator
@inline export function eraseMapAddr(bank: u32, block: u32): u32 {
  return FLASHCTL_BASE + ERASE_MAP + bank * ERASE_MAP_STRIDE + (block >> 3);
}

export function eraseSelected(bank: u32, block: u32): bool {
  return (load<u8>(eraseMapAddr(bank, block)) & (<u8>1 << <u8>(block & 7))) != 0;
}

export function eraseSelect(bank: u32, block: u32): void {
  const a = eraseMapAddr(bank, block);
  store<u8>(a, load<u8>(a) | (<u8>1 << <u8>(block & 7)));
}

export function eraseClearAll(bank: u32): void {
  memory.fill(FLASHCTL_BASE + ERASE_MAP + bank * ERASE_MAP_STRIDE, 0, ERASE_MAP_STRIDE);
}
