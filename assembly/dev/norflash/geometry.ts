// Bank geometry: how a bank offset maps to chip lanes, chip word addresses and erase blocks.
//
// A bank is `interleave` chips of `chipWidth` bytes each, side by side on a little-endian bus of
// bankWidth = chipWidth * interleave bytes; chip i drives bytes [i*chipWidth, (i+1)*chipWidth) of every
// bus word. A chip sees the bus word index (offset / bankWidth) as its word address, so the CFI command
// "0x98 at word 0x55" is byte offset 0x55*bankWidth (0x154 on a 32-bit bank). Blocks (erase units) are
// the chip's blocks times the interleave, because all chips erase in lockstep.

import { FLASH_HOST, FLASH_BANK_BYTES } from "../../layout";
import { p32, regionField32, P_CHIP_WIDTH, P_INTERLEAVE, P_CHIP_BYTES, P_REGION_COUNT, R_BLOCKS, R_BLOCK_BYTES } from "./params";

// @ts-ignore: decorator
@inline export function bankWidth(): u32 {
  return p32(P_CHIP_WIDTH) * p32(P_INTERLEAVE);
}

/** Bytes of array the bank really has (chips x interleave); the 32 MiB window may be larger. */
// @ts-ignore: decorator
@inline export function bankBytes(): u32 {
  return p32(P_CHIP_BYTES) * p32(P_INTERLEAVE);
}

// @ts-ignore: decorator
@inline export function arrayHost(bank: u32, off: u32): u32 {
  return FLASH_HOST + bank * FLASH_BANK_BYTES + off;
}

/** Results of the last blockOf() call (no tuples in AssemblyScript). */
export let blkIndex: u32 = 0;
export let blkStart: u32 = 0;
export let blkBytes: u32 = 0;
export let blkRegion: u32 = 0;

/** Finds the bank block that holds `off`; returns false when off is past the bank's array. */
export function blockOf(off: u32): bool {
  const il = p32(P_INTERLEAVE);
  const n = p32(P_REGION_COUNT);
  let start: u32 = 0;
  let index: u32 = 0;
  for (let r: u32 = 0; r < n; r++) {
    const size = regionField32(r, R_BLOCK_BYTES) * il;
    const count = regionField32(r, R_BLOCKS);
    const span = size * count;
    if (off - start < span) {
      const k = (off - start) / size;
      blkIndex = index + k;
      blkStart = start + k * size;
      blkBytes = size;
      blkRegion = r;
      return true;
    }
    start += span;
    index += count;
  }
  return false;
}

/** Total bank blocks (sum over regions). */
export function blockCount(): u32 {
  const n = p32(P_REGION_COUNT);
  let total: u32 = 0;
  for (let r: u32 = 0; r < n; r++) total += regionField32(r, R_BLOCKS);
  return total;
}

/**
 * The chip word a write delivers to the lowest chip lane it touches, zero-extended: commands are
 * decoded from it. Chips in a bank run in lockstep, so one lane speaks for all (docs/FLASH.md).
 */
export function chipWordOfWrite(off: u32, size: u32, value: u32): u32 {
  const cw = p32(P_CHIP_WIDTH);
  const byteInChip = off & (cw - 1);
  // Bytes of the value that fall into the first chip lane, placed at their position in the chip word.
  let v: u32 = value << (byteInChip * 8);
  const laneBytes = min(cw, size + byteInChip);
  if (laneBytes < 4) v &= (<u32>1 << (laneBytes * 8)) - 1;
  return cw == 1 ? v & 0xff : v & 0xffff;
}
