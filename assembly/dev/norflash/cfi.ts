// CFI query table builder, following the JEDEC CFI layout (JESD68.01 / JEP137 command-set IDs, the same
// table Intel AP-646 and AMD's CFI publication 100 describe). One byte per chip word address; an x16 chip
// returns it in the low byte with 0 in the high byte, and every chip of an interleaved bank returns the
// same table, so "QRY" reads back as 0x00510051 on a 2 x16 bank.
//
// Filled field by field from the parameter block when flashReset() runs. Times are encoded the CFI way:
// typical = 2^N us (program) or ms (erase), maximum = 2^M times the typical; exponents round up, so the
// table never promises a faster part than the datasheet figure it comes from.
//
// Left out: OTP/protection register contents, Intel partition (RWW) regions (version 1.3+ tables), AMD
// secure silicon and advanced sector protection details.

import { FLASHCTL_BASE } from "../../layout";
import {
  p32, regionField32, CMDSET_INTEL, P_CMDSET, P_CHIP_BYTES, P_CHIP_WIDTH, P_REGION_COUNT, P_PAGE_WORDS,
  P_BURST_CLK, P_BUFFER_WORDS, P_CFI_VCC_MIN, P_CFI_VCC_MAX, P_CFI_VPP_MIN, P_CFI_VPP_MAX,
  P_CFI_WORD_TYP_US, P_CFI_WORD_MAX_US, P_CFI_BUF_TYP_US, P_CFI_BUF_MAX_US, P_CFI_ERASE_TYP_MS,
  P_CFI_ERASE_MAX_MS, P_CFI_CHIP_TYP_MS, P_CFI_CHIP_MAX_MS, P_CFI_INTERFACE, R_BLOCKS, R_BLOCK_BYTES,
} from "./params";
import { CFI_TABLE, CFI_TABLE_BYTES } from "./state";

/** Where the primary vendor-specific extended table starts for the AMD set (as S29GL/MX29GL parts do). */
export const AMD_EXT_TABLE: u32 = 0x40;

// @ts-ignore: decorator
@inline function put(addr: u32, v: u32): void {
  store<u8>(FLASHCTL_BASE + CFI_TABLE + addr, <u8>v);
}

function put16(addr: u32, v: u32): void {
  put(addr, v & 0xff);
  put(addr + 1, (v >> 8) & 0xff);
}

/** Smallest n with 2^n >= x (0 for x <= 1). */
export function log2Ceil(x: u32): u32 {
  let n: u32 = 0;
  while (n < 31 && (<u32>1 << n) < x) n++;
  return n;
}

/** CFI "maximum" field: smallest m with 2^(typExp+m) >= max. */
function maxExp(typExp: u32, max: u32): u32 {
  let m: u32 = 0;
  while (m < 15 && (<u64>1 << <u64>(typExp + m)) < <u64>max) m++;
  return m;
}

/** Middle of two BCD voltages (bits 7-4 volts, 3-0 tenths), for the "optimum" fields. */
function bcdMid(a: u32, b: u32): u32 {
  const t = ((a >> 4) * 10 + (a & 15) + (b >> 4) * 10 + (b & 15)) / 2;
  return ((t / 10) << 4) | (t % 10);
}

export function buildCfiTable(): void {
  memory.fill(FLASHCTL_BASE + CFI_TABLE, 0, CFI_TABLE_BYTES);
  const intel = p32(P_CMDSET) == CMDSET_INTEL;
  const regions = p32(P_REGION_COUNT);
  const ext: u32 = intel ? max<u32>(0x31, 0x2d + 4 * regions) : AMD_EXT_TABLE;

  // 0x10-0x12 query-unique ASCII string "QRY"
  put(0x10, 0x51); put(0x11, 0x52); put(0x12, 0x59);
  // 0x13-0x14 primary algorithm command set and control interface ID
  put16(0x13, p32(P_CMDSET));
  // 0x15-0x16 address of the primary algorithm extended query table
  put16(0x15, ext);
  // 0x17-0x18 alternate command set ID (none), 0x19-0x1A its extended table address (none)
  put16(0x17, 0); put16(0x19, 0);
  // 0x1B Vcc logic supply minimum program/erase voltage (BCD), 0x1C maximum
  put(0x1b, p32(P_CFI_VCC_MIN)); put(0x1c, p32(P_CFI_VCC_MAX));
  // 0x1D Vpp [programming] supply minimum (0 = no Vpp pin), 0x1E maximum
  put(0x1d, p32(P_CFI_VPP_MIN)); put(0x1e, p32(P_CFI_VPP_MAX));
  // 0x1F typical timeout per single byte/word program, 2^N us
  const wordTyp = log2Ceil(p32(P_CFI_WORD_TYP_US));
  put(0x1f, wordTyp);
  // 0x20 typical timeout for a maximum-size buffer write, 2^N us (0 = not supported)
  const bufUs = p32(P_CFI_BUF_TYP_US);
  const hasBuf = p32(P_BUFFER_WORDS) != 0 && bufUs != 0;
  const bufTyp: u32 = hasBuf ? log2Ceil(bufUs) : 0;
  put(0x20, bufTyp);
  // 0x21 typical timeout per individual block erase, 2^N ms
  const eraseTyp = log2Ceil(p32(P_CFI_ERASE_TYP_MS));
  put(0x21, eraseTyp);
  // 0x22 typical timeout for full chip erase, 2^N ms (0 = not supported)
  const chipMs = p32(P_CFI_CHIP_TYP_MS);
  const chipTyp: u32 = chipMs != 0 ? log2Ceil(chipMs) : 0;
  put(0x22, chipTyp);
  // 0x23 maximum timeout for byte/word program, 2^N times typical
  put(0x23, maxExp(wordTyp, p32(P_CFI_WORD_MAX_US)));
  // 0x24 maximum timeout for buffer write, 2^N times typical
  put(0x24, hasBuf ? maxExp(bufTyp, p32(P_CFI_BUF_MAX_US)) : 0);
  // 0x25 maximum timeout per individual block erase, 2^N times typical
  put(0x25, maxExp(eraseTyp, p32(P_CFI_ERASE_MAX_MS)));
  // 0x26 maximum timeout for chip erase, 2^N times typical (0 = not supported)
  put(0x26, chipMs != 0 ? maxExp(chipTyp, p32(P_CFI_CHIP_MAX_MS)) : 0);
  // 0x27 device size, 2^N bytes (one chip)
  put(0x27, log2Ceil(p32(P_CHIP_BYTES)));
  // 0x28-0x29 flash device interface code description (0 x8, 1 x16, 2 x8/x16 async)
  put16(0x28, p32(P_CFI_INTERFACE));
  // 0x2A-0x2B maximum number of bytes in a multi-byte write, 2^N (0 = no write buffer)
  put16(0x2a, hasBuf ? log2Ceil(p32(P_BUFFER_WORDS) * p32(P_CHIP_WIDTH)) : 0);
  // 0x2C number of erase block regions within the device
  put(0x2c, regions);
  // 0x2D + 4r: erase block region r information, bits 15-0 = blocks - 1, bits 31-16 = block bytes / 256
  for (let r: u32 = 0; r < regions; r++) {
    put16(0x2d + 4 * r, regionField32(r, R_BLOCKS) - 1);
    put16(0x2f + 4 * r, regionField32(r, R_BLOCK_BYTES) >> 8);
  }

  if (intel) buildIntelExt(ext); else buildAmdExt(ext);
}

/** Intel/Sharp primary extended query table, version 1.1 (layout of Intel AP-646 / P30 datasheets). */
function buildIntelExt(p: u32): void {
  // P+0..2 "PRI", P+3 major version '1', P+4 minor version '1'
  put(p, 0x50); put(p + 1, 0x52); put(p + 2, 0x49); put(p + 3, 0x31); put(p + 4, 0x31);
  // P+5..8 optional feature and command support: bit1 erase suspend, bit2 program suspend, bit5 instant
  // individual block locking, bit6 protection bits, bit7 page-mode read, bit8 synchronous read
  const burst = p32(P_BURST_CLK) != 0;
  const features: u32 = 0x02 | 0x04 | 0x20 | 0x40 | 0x80 | (burst ? 0x100 : 0);
  put16(p + 5, features & 0xffff); put16(p + 7, features >> 16);
  // P+9 supported functions after suspend: bit0 program permitted during erase suspend
  put(p + 9, 0x01);
  // P+A..B block status register mask: bit0 block lock status active, bit1 block lock-down status active
  put16(p + 0xa, 0x0003);
  // P+C Vcc logic supply optimum program/erase voltage (BCD), P+D Vpp optimum
  put(p + 0xc, bcdMid(p32(P_CFI_VCC_MIN), p32(P_CFI_VCC_MAX)));
  put(p + 0xd, p32(P_CFI_VPP_MAX) != 0 ? bcdMid(p32(P_CFI_VPP_MIN), p32(P_CFI_VPP_MAX)) : 0);
  // P+E number of protection register fields; P+F..10 lock register address; P+11 factory bytes 2^N;
  // P+12 user-programmable bytes 2^N (64 + 64 bits modelled as one field)
  put(p + 0xe, 1); put16(p + 0xf, 0x0080); put(p + 0x11, 3); put(p + 0x12, 3);
  // P+13 page-mode read capability: 2^N bytes per page (one chip)
  put(p + 0x13, log2Ceil(p32(P_PAGE_WORDS) * p32(P_CHIP_WIDTH)));
  // P+14 number of synchronous-mode read configuration fields, then each: burst of 2^(N+1) words
  if (burst) {
    put(p + 0x14, 3); put(p + 0x15, 1); put(p + 0x16, 2); put(p + 0x17, 3); // 4, 8, 16 words
  } else {
    put(p + 0x14, 0);
  }
}

/** AMD/Fujitsu primary extended query table, version 1.3. */
function buildAmdExt(p: u32): void {
  // P+0..2 "PRI", P+3 major version '1', P+4 minor version '3'
  put(p, 0x50); put(p + 1, 0x52); put(p + 2, 0x49); put(p + 3, 0x31); put(p + 4, 0x33);
  // P+5 address-sensitive unlock: 0 = required
  put(p + 5, 0x00);
  // P+6 erase suspend: 2 = to read and write
  put(p + 6, 0x02);
  // P+7 sector protect (sectors per group; 0 = not modelled), P+8 temporary sector unprotect (0),
  // P+9 sector protect/unprotect scheme (0), P+A simultaneous operation (0), P+B burst mode type (0)
  put(p + 7, 0); put(p + 8, 0); put(p + 9, 0); put(p + 0xa, 0); put(p + 0xb, 0);
  // P+C page mode type: 0 none, 1 4-word, 2 8-word, 3 16-word page
  const pw = p32(P_PAGE_WORDS);
  put(p + 0xc, pw >= 16 ? 3 : pw >= 8 ? 2 : pw >= 4 ? 1 : 0);
  // P+D ACC (acceleration) supply minimum, P+E maximum: none modelled
  put(p + 0xd, 0); put(p + 0xe, 0);
  // P+F top/bottom boot sector flag: 4 = uniform sectors (bottom WP# protect) when one region,
  // 2 = bottom boot when the small blocks come first, 3 = top boot otherwise
  const regions = p32(P_REGION_COUNT);
  let tb: u32 = 4;
  if (regions > 1) tb = regionField32(0, R_BLOCK_BYTES) < regionField32(regions - 1, R_BLOCK_BYTES) ? 2 : 3;
  put(p + 0xf, tb);
  // P+10 program suspend: 0 = not supported (not modelled for this set)
  put(p + 0x10, 0);
}

/** The table byte a chip returns at chip word address `wa` in query mode. */
export function cfiByte(wa: u32): u32 {
  const a = wa & 0xff;
  return a < CFI_TABLE_BYTES ? <u32>load<u8>(FLASHCTL_BASE + CFI_TABLE + a) : 0;
}
