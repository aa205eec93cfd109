// Write-buffer staging for buffered programming (Intel 0xE8 ... 0xD0, AMD 0x25 ... 0x29): the data
// writes are held here until the confirm command, then ANDed into the array together. One entry per bus
// write {bank offset, value, size}; at most MAX_BUFFER_WORDS entries per bank. Device-private (not in
// FLASHCTL: 2 banks x 512 entries x 12 bytes would not fit), so it lives in AssemblyScript static data.

import { MAX_BUFFER_WORDS, p32, P_BUFFER_WORDS, P_CHIP_WIDTH } from "./params";
import { b32, setB32, B_BUF_LEFT, B_BUF_N, B_BUF_WIN, B_CMD_BLOCK } from "./state";
import { bankWidth, blockOf, blkBytes, blkStart } from "./geometry";
import { programBytes } from "./ops";
import { arrayHost } from "./geometry";
import { invalidateCode } from "./hooks";

const ENTRY_BYTES: u32 = 12;
const STAGE: usize = memory.data(2 * 512 * 12, 16);

// @ts-ignore: decorator
@inline function entry(bank: u32, i: u32): u32 {
  return <u32>STAGE + (bank * MAX_BUFFER_WORDS + i) * ENTRY_BYTES;
}

/**
 * The word-count cycle of a buffered program (both command sets: count - 1 in the low bits of the chip
 * word). Arms the data phase and returns true, or false when the count exceeds the part's buffer.
 */
export function bufferBegin(bank: u32, word: u32): bool {
  const mask: u32 = p32(P_CHIP_WIDTH) == 1 ? 0xff : 0xffff;
  const n = (word & mask) + 1;
  if (n > p32(P_BUFFER_WORDS)) return false;
  setB32(bank, B_BUF_LEFT, n);
  setB32(bank, B_BUF_N, 0);
  return true;
}

/**
 * A data cycle of a buffered program at bank offset off: true when it falls in one buffer-aligned window
 * inside the block named by the setup command (the first data word fixes the window).
 */
export function bufferWindowOk(bank: u32, off: u32): bool {
  const win = p32(P_BUFFER_WORDS) * bankWidth();
  const base = off - off % win;
  blockOf(b32(bank, B_CMD_BLOCK));
  const inBlock = off - blkStart < blkBytes;
  if (b32(bank, B_BUF_N) == 0) setB32(bank, B_BUF_WIN, base);
  return inBlock && base == b32(bank, B_BUF_WIN);
}

export function stagePush(bank: u32, off: u32, size: u32, value: u32): void {
  const n = b32(bank, B_BUF_N);
  const e = entry(bank, n);
  store<u32>(e, off);
  store<u32>(e, value, 4);
  store<u32>(e, size, 8);
  setB32(bank, B_BUF_N, n + 1);
}

/** Program every staged entry into the array, in the order written. */
export function stageCommit(bank: u32): void {
  const n = b32(bank, B_BUF_N);
  let lo: u32 = 0xffffffff;
  let hi: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const e = entry(bank, i);
    const off = load<u32>(e);
    const size = load<u32>(e, 8);
    if (programBytes(bank, off, size, load<u32>(e, 4), false)) {
      lo = min(lo, off);
      hi = max(hi, off + size);
    }
  }
  if (hi > lo) invalidateCode(arrayHost(bank, lo), hi - lo);
}
