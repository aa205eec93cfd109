// The pre-decoded instruction store: for every 4 KiB page of plain memory (flash or RAM) the hart has
// executed from, a 16 KiB page of 8-byte slots (one per 2-byte instruction position, see cpu/ops.ts),
// allocated from a fixed pool. A directory with one u16 per page of the backing slab (flash, then RAM)
// maps a page to its slot page. Slots start as OP_DECODE (0); stores into a page that has slots zero
// the slots they cover (self-modifying code needs no fence.i to be seen, which the spec allows). When
// the pool is full, everything is dropped and decoding starts over.
import { DECODE_DIR_BASE, DECODE_DIR_SIZE, DECODE_PAGE_BYTES, DECODE_POOL_BASE, DECODE_POOL_PAGES, FLASH_HOST } from '../layout';
import { statAdd, ST_DECODE_FLUSHES, ST_DECODES, ST_SMC_INVALIDATIONS } from '../stats';
import { requestRefetch } from '../mmu/softtlb';
import { JIT_BUILD, jitForgetAll, jitInvalidate, jitRecord } from '../jit/dir';
import { decodeInto } from './decode';
import { OP_CROSS } from './ops';

let poolNext: u32 = 0;

export function flushDecoded(): void {
  memory.fill(DECODE_DIR_BASE, 0, DECODE_DIR_SIZE);
  if (JIT_BUILD) jitForgetAll();
  poolNext = 0;
  statAdd(ST_DECODE_FLUSHES, 1);
  requestRefetch();
}

// @ts-ignore: decorator
@inline function dirEntry(hostPage: u32): u32 {
  return DECODE_DIR_BASE + (((hostPage - FLASH_HOST) >>> 12) << 1);
}

/** The slot page of directory index idx (1-based: 0 in the directory means none). */
// @ts-ignore: decorator
@inline function poolPage(idx: u32): u32 {
  return DECODE_POOL_BASE + (idx - 1) * DECODE_PAGE_BYTES;
}

/** The slot page for the plain-memory page at hostPage, allocating (and zeroing) one if needed. */
export function slotPageFor(hostPage: u32): u32 {
  const d = dirEntry(hostPage);
  const idx = <u32>load<u16>(d);
  if (idx != 0) return poolPage(idx);
  if (poolNext >= DECODE_POOL_PAGES) flushDecoded();
  const n = poolNext++;
  const page = poolPage(n + 1);
  memory.fill(page, 0, DECODE_PAGE_BYTES);
  store<u16>(d, <u16>(n + 1));
  return page;
}

/**
 * Fills the slot at `slot` for the instruction at byte `off` of the plain-memory page at `hostPage`:
 * decodes it, or marks it OP_CROSS when it is a 32-bit instruction starting in the page's last halfword
 * (that one is fetched afresh every time). Used by the run loop and by the page compiler.
 */
export function fillSlot(slot: u32, hostPage: u32, off: u32): void {
  let raw = <u32>load<u16>(hostPage + off);
  if ((raw & 3) == 3) {
    if (off == 0xffe) {
      store<u32>(slot, OP_CROSS);
      return;
    }
    raw = load<u32>(hostPage + off);
  }
  decodeInto(slot, raw);
  statAdd(ST_DECODES, 1);
}

/** True if the page holding host has decoded slots (the store fast path checks this). */
// @ts-ignore: decorator
@inline export function hasSlots(host: u32): bool {
  return load<u16>(dirEntry(host & 0xfffff000)) != 0;
}

/**
 * Drops the compiled functions of the pages of [host, host + len) (the decoded instructions stay: the
 * bytes did not change, only something a compiled page was built with, e.g. a flash bank's read mode).
 */
export function dropCompiledRange(host: u32, len: u32): void {
  if (!JIT_BUILD) return;
  const end = host + len;
  for (let page = host & 0xfffff000; page < end; page += 4096) {
    const idx = <u32>load<u16>(dirEntry(page));
    if (idx != 0) jitInvalidate(jitRecord(poolPage(idx)));
  }
}

/**
 * Bytes [host, host + len) of plain memory changed: forget the slots that cover them, including an
 * instruction that starts up to 2 bytes earlier (a 32-bit instruction at a 2-byte boundary).
 */
export function invalidateDecodedRange(host: u32, len: u32): void {
  let a = host >= FLASH_HOST + 2 ? (host - 2) & ~1 : FLASH_HOST;
  const end = host + len;
  while (a < end) {
    const page = a & 0xfffff000;
    const idx = <u32>load<u16>(dirEntry(page));
    const pageEnd = page + 4096 < end ? page + 4096 : end;
    if (idx != 0) {
      const base = poolPage(idx);
      let decoded: u32 = 0;
      for (let p = a; p < pageEnd; p += 2) {
        const s = base + ((p - page) << 2);
        decoded |= load<u32>(s) & 0xff;
        store<u32>(s, 0);
      }
      // A compiled page is only dropped when instructions it may have been built from changed.
      if (JIT_BUILD && decoded != 0) jitInvalidate(jitRecord(base));
      statAdd(ST_SMC_INVALIDATIONS, 1);
    }
    a = pageEnd;
  }
}
