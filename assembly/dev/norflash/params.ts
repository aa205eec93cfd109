// NOR flash parameter block: what the host writes into FLASHCTL before the core calls flashReset().
//
// This file is the AssemblyScript half of the one parameter-block layout; the TypeScript half is
// src/flash/layout.ts, and test/flash-layout.test.ts checks through the harness (flashLayoutOffset)
// that both halves agree field by field. Offsets are relative to FLASHCTL_BASE.
//
// Geometry is given per chip (what the datasheet and CFI describe); a bank is `interleave` identical
// chips side by side on a bus of chipWidth*interleave bytes, operated in lockstep (docs/FLASH.md).
// Times are in core cycles, already converted by the host from the datasheet's ns/us/ms with the board
// clock, rounding up. The CFI inputs stay in the datasheet's units because CFI encodes them that way.

import { FLASHCTL_BASE } from "../../layout";

export const PARAM_VERSION: u32 = 1;

/** Command sets, as in CFI "primary algorithm command set" (JEP137). */
export const CMDSET_INTEL: u32 = 0x0001;
export const CMDSET_AMD: u32 = 0x0002;

/** P_FLAGS bits. */
export const FLAG_LOCKED_AT_RESET: u32 = 1; // all blocks locked after reset (P30 datasheet)
export const FLAG_WP_LOW: u32 = 2; // WP# tied low: locked-down blocks cannot be unlocked until reset

export const MAX_REGIONS: u32 = 4;
export const MAX_BLOCKS_PER_BANK: u32 = 1024;
export const MAX_BUFFER_WORDS: u32 = 512;

// ---- u32 fields ----
export const P_VERSION: u32 = 0x000;
export const P_CMDSET: u32 = 0x004;
export const P_BANKS: u32 = 0x008; // populated banks: bit b set = bank b exists (as config CF_FLASH_BANKS)
export const P_CHIP_WIDTH: u32 = 0x00c; // bytes per chip data bus: 1 (x8) or 2 (x16)
export const P_INTERLEAVE: u32 = 0x010; // chips per bank: 1, 2 or 4
export const P_CHIP_BYTES: u32 = 0x014; // bytes per chip
export const P_REGION_COUNT: u32 = 0x018; // erase regions, 1..4
export const P_PAGE_WORDS: u32 = 0x01c; // asynchronous page size in chip words
export const P_T_ACC: u32 = 0x020; // cycles: asynchronous random access (tAVQV)
export const P_T_PAGE: u32 = 0x024; // cycles: access within the open page (tAPA)
export const P_BURST_CLK: u32 = 0x028; // cycles per flash clock in synchronous burst; 0 = no burst mode
export const P_BUFFER_WORDS: u32 = 0x02c; // write buffer size in chip words; 0 = no buffer
export const P_FLAGS: u32 = 0x030;
export const P_MFR_ID: u32 = 0x034; // manufacturer code
export const P_DEV_ID: u32 = 0x038; // device code (AMD: the word at autoselect address 0x01)
export const P_DEV_ID2: u32 = 0x03c; // AMD: autoselect word 0x0E
export const P_DEV_ID3: u32 = 0x040; // AMD: autoselect word 0x0F
export const P_RCR_DEFAULT: u32 = 0x044; // Intel read configuration register after reset
export const P_CFI_VCC_MIN: u32 = 0x048; // CFI 0x1B, BCD volts (bits 7-4 V, 3-0 x100 mV)
export const P_CFI_VCC_MAX: u32 = 0x04c; // CFI 0x1C
export const P_CFI_VPP_MIN: u32 = 0x050; // CFI 0x1D (0 = no Vpp pin)
export const P_CFI_VPP_MAX: u32 = 0x054; // CFI 0x1E
export const P_CFI_WORD_TYP_US: u32 = 0x058; // datasheet typical single word program, us
export const P_CFI_WORD_MAX_US: u32 = 0x05c;
export const P_CFI_BUF_TYP_US: u32 = 0x060; // typical full-buffer program, us (0 = no buffer)
export const P_CFI_BUF_MAX_US: u32 = 0x064;
export const P_CFI_ERASE_TYP_MS: u32 = 0x068; // typical (main) block erase, ms
export const P_CFI_ERASE_MAX_MS: u32 = 0x06c;
export const P_CFI_CHIP_TYP_MS: u32 = 0x070; // typical chip erase, ms (0 = not supported)
export const P_CFI_CHIP_MAX_MS: u32 = 0x074;
export const P_CFI_INTERFACE: u32 = 0x078; // CFI 0x28: 0 x8, 1 x16, 2 x8/x16
// ---- u64 fields (cycles) ----
export const P_WORD_PROGRAM_CYC: u32 = 0x080;
export const P_BUFFER_PROGRAM_CYC: u32 = 0x088; // a full buffer; shorter loads scale linearly
export const P_CHIP_ERASE_CYC: u32 = 0x090;
export const P_ERASE_SUSPEND_CYC: u32 = 0x098; // suspend latency, erase
export const P_PROGRAM_SUSPEND_CYC: u32 = 0x0a0; // suspend latency, program
export const P_ERASE_WINDOW_CYC: u32 = 0x0a8; // AMD sector-erase accept window (tSEA)
// ---- erase regions, per chip, ascending addresses: {blocks u32, blockBytes u32, eraseCycles u64} ----
export const P_REGIONS: u32 = 0x0b0;
export const REGION_STRIDE: u32 = 16;
export const R_BLOCKS: u32 = 0;
export const R_BLOCK_BYTES: u32 = 4;
export const R_ERASE_CYC: u32 = 8;
export const P_END: u32 = 0x0f0;

/**
 * A host that never wrote a parameter block (version 0) gets QEMU virt's geometry: Intel set, two x16
 * chips of 16 MiB interleaved, 128 uniform 128 KiB blocks per chip, QEMU's ID codes, nothing locked and
 * no timing (every latency 0, program/erase complete at once). Keeps the device well defined (no
 * division by zero) for cores configured without flash parameters.
 */
export function installDefaultParams(): void {
  memory.fill(FLASHCTL_BASE, 0, P_END);
  store<u32>(FLASHCTL_BASE + P_VERSION, PARAM_VERSION);
  store<u32>(FLASHCTL_BASE + P_CMDSET, CMDSET_INTEL);
  store<u32>(FLASHCTL_BASE + P_BANKS, 3);
  store<u32>(FLASHCTL_BASE + P_CHIP_WIDTH, 2);
  store<u32>(FLASHCTL_BASE + P_INTERLEAVE, 2);
  store<u32>(FLASHCTL_BASE + P_CHIP_BYTES, 0x1000000);
  store<u32>(FLASHCTL_BASE + P_REGION_COUNT, 1);
  store<u32>(FLASHCTL_BASE + P_PAGE_WORDS, 1);
  store<u32>(FLASHCTL_BASE + P_BUFFER_WORDS, 32);
  store<u32>(FLASHCTL_BASE + P_MFR_ID, 0x89);
  store<u32>(FLASHCTL_BASE + P_DEV_ID, 0x18);
  store<u32>(FLASHCTL_BASE + P_RCR_DEFAULT, 0xf94f);
  store<u32>(FLASHCTL_BASE + P_CFI_INTERFACE, 1);
  store<u32>(FLASHCTL_BASE + P_REGIONS + R_BLOCKS, 128);
  store<u32>(FLASHCTL_BASE + P_REGIONS + R_BLOCK_BYTES, 0x20000);
}

/** True when the parameter block is one this device understands (else flashReset installs defaults). */
export function paramsValid(): bool {
  const cw = load<u32>(FLASHCTL_BASE + P_CHIP_WIDTH);
  const il = load<u32>(FLASHCTL_BASE + P_INTERLEAVE);
  const regions = load<u32>(FLASHCTL_BASE + P_REGION_COUNT);
  const cmdset = load<u32>(FLASHCTL_BASE + P_CMDSET);
  if (load<u32>(FLASHCTL_BASE + P_VERSION) != PARAM_VERSION) return false;
  if (cmdset != CMDSET_INTEL && cmdset != CMDSET_AMD) return false;
  if ((cw != 1 && cw != 2) || (il != 1 && il != 2 && il != 4)) return false;
  if (regions < 1 || regions > MAX_REGIONS || load<u32>(FLASHCTL_BASE + P_PAGE_WORDS) < 1) return false;
  if (load<u32>(FLASHCTL_BASE + P_BUFFER_WORDS) > MAX_BUFFER_WORDS) return false;
  let blocks: u32 = 0;
  for (let r: u32 = 0; r < regions; r++) {
    const bytes = regionField32(r, R_BLOCK_BYTES);
    const n = regionField32(r, R_BLOCKS);
    if (bytes < 256 || (bytes & 0xff) != 0 || n == 0) return false;
    blocks += n;
  }
  return blocks <= MAX_BLOCKS_PER_BANK;
}

// @ts-ignore: decorator
@inline export function p32(field: u32): u32 {
  return load<u32>(FLASHCTL_BASE + field);
}

// @ts-ignore: decorator
@inline export function p64(field: u32): u64 {
  return load<u64>(FLASHCTL_BASE + field);
}

// @ts-ignore: decorator
@inline export function regionField32(r: u32, f: u32): u32 {
  return load<u32>(FLASHCTL_BASE + P_REGIONS + r * REGION_STRIDE + f);
}

// @ts-ignore: decorator
@inline export function regionEraseCycles(r: u32): u64 {
  return load<u64>(FLASHCTL_BASE + P_REGIONS + r * REGION_STRIDE + R_ERASE_CYC);
}
