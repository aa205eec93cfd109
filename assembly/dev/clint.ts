// CLINT (core-local interruptor) as on QEMU's virt board and SiFive parts: msip at +0x0, mtimecmp at
// +0x4000 (64-bit), mtime at +0xBFF8 (64-bit). mtime is derived from the hart's cycle counter and the
// profile's clock and timebase, never from the wall clock: mtime = offset + cycles * timebase / clock.
// Leaves out: more than one hart.
import { cfg, CF_CLOCK_HZ, CF_TIMEBASE_HZ } from '../config';

// @ts-ignore: decorator
@inline export const CLINT_SIZE: u32 = 0x10000;
// @ts-ignore: decorator
@inline const MSIP_OFF: u32 = 0x0;
// @ts-ignore: decorator
@inline const MTIMECMP_OFF: u32 = 0x4000;
// @ts-ignore: decorator
@inline const MTIME_OFF: u32 = 0xbff8;

export let clintMsip: u32 = 0;
export let clintMtimecmp: u64 = 0xffffffffffffffff;
let mtimeOffset: u64 = 0;

export function clintReset(): void {
  clintMsip = 0;
  clintMtimecmp = 0xffffffffffffffff;
  mtimeOffset = 0;
}

/** mtime at the given cycle count. */
export function mtimeAt(cycles: u64): u64 {
  const clk = <u64>cfg(CF_CLOCK_HZ), tb = <u64>cfg(CF_TIMEBASE_HZ);
  return mtimeOffset + (cycles / clk) * tb + ((cycles % clk) * tb) / clk;
}

/** True when the timer interrupt is pending at this cycle count. */
export function timerPending(cycles: u64): bool {
  return mtimeAt(cycles) >= clintMtimecmp;
}

/** The first cycle count at which mtime >= mtimecmp, or u64.MAX_VALUE if that is too far to matter. */
export function timerEventCycle(cycles: u64): u64 {
  const now = mtimeAt(cycles);
  if (now >= clintMtimecmp) return cycles;
  const d = clintMtimecmp - now;
  const clk = <u64>cfg(CF_CLOCK_HZ), tb = <u64>cfg(CF_TIMEBASE_HZ);
  if (d > (<u64>1 << 40)) return u64.MAX_VALUE; // more than ~10^12 ticks away: never within a run
  // Smallest c >= cycles with mtimeAt(c) >= cmp; step up from an estimate (floor division in mtimeAt).
  let c = cycles + (d * clk) / tb;
  while (mtimeAt(c) < clintMtimecmp) c++;
  while (c > cycles && mtimeAt(c - 1) >= clintMtimecmp) c--;
  return c;
}

export function clintRead(off: u32, size: u32, cycles: u64): u32 {
  let v: u64 = 0, base: u32 = 0;
  if (off < 4) { v = clintMsip; base = MSIP_OFF; }
  else if (off >= MTIMECMP_OFF && off < MTIMECMP_OFF + 8) { v = clintMtimecmp; base = MTIMECMP_OFF; }
  else if (off >= MTIME_OFF && off < MTIME_OFF + 8) { v = mtimeAt(cycles); base = MTIME_OFF; }
  else return 0;
  const shift = (off - base) << 3;
  const r = <u32>(v >> shift);
  return size == 4 ? r : size == 2 ? r & 0xffff : r & 0xff;
}

function merge(old: u64, off: u32, size: u32, val: u32): u64 {
  const shift = <u64>(off << 3);
  const mask: u64 = size == 4 ? 0xffffffff : size == 2 ? 0xffff : 0xff;
  return (old & ~(mask << shift)) | ((<u64>val & mask) << shift);
}

export function clintWrite(off: u32, size: u32, val: u32, cycles: u64): void {
  if (off < 4) clintMsip = <u32>merge(clintMsip, off, size, val) & 1;
  else if (off >= MTIMECMP_OFF && off < MTIMECMP_OFF + 8) clintMtimecmp = merge(clintMtimecmp, off - MTIMECMP_OFF, size, val);
  else if (off >= MTIME_OFF && off < MTIME_OFF + 8) {
    const cur = mtimeAt(cycles);
    const want = merge(cur, off - MTIME_OFF, size, val);
    mtimeOffset += want - cur;
  }
}
