// The soft TLB: a host-side acceleration structure, not part of the modelled machine. Two direct-mapped
// tables of 256 entries (loads, stores), each {tag, addend}: a load of `size` bytes at va hits when
// tag == va & (0xFFFFF000 | (size-1)), and then reads host memory at va + addend. Misaligned accesses
// and pages that are not plain memory (MMIO, flash in command mode, the tohost page for stores) never
// hit, so one compare sends them to the slow path.
//
// Invariant: every soft entry is backed by an entry of the modelled TLB (or by bare translation), with
// permissions already checked for the current privilege and mstatus. Anything that changes those
// (privilege, satp, mstatus, sfence.vma, a modelled TLB eviction, a flash mode change) flushes it.
import { SOFTTLB_BASE } from '../layout';

// @ts-ignore: decorator
@inline export const STLB_LOAD: u32 = SOFTTLB_BASE;
// @ts-ignore: decorator
@inline export const STLB_STORE: u32 = SOFTTLB_BASE + 0x800;
// @ts-ignore: decorator
@inline export const STLB_ENTRIES: u32 = 256;
/** A tag no access can match: bits 2..11 of a compare value are always zero. */
// @ts-ignore: decorator
@inline export const STLB_INVALID: u32 = 0xffc;

/** Set when the run loop must re-translate its fetch page (privilege, satp or mapping changed). */
export let g_refetch: bool = false;

export function softTlbFlush(): void {
  for (let i: u32 = 0; i < STLB_ENTRIES * 2; i++) store<u32>(SOFTTLB_BASE + (i << 3), STLB_INVALID);
  g_refetch = true;
}

export function softTlbFlushPage(va: u32): void {
  const idx = ((va >>> 12) & (STLB_ENTRIES - 1)) << 3;
  const page = va & 0xfffff000;
  if ((load<u32>(STLB_LOAD + idx) & 0xfffff000) == page) store<u32>(STLB_LOAD + idx, STLB_INVALID);
  if ((load<u32>(STLB_STORE + idx) & 0xfffff000) == page) store<u32>(STLB_STORE + idx, STLB_INVALID);
}

export function softTlbFill(table: u32, va: u32, hostPage: u32): void {
  const e = table + (((va >>> 12) & (STLB_ENTRIES - 1)) << 3);
  store<u32>(e, va & 0xfffff000);
  store<u32>(e, hostPage - (va & 0xfffff000), 4);
}

export function clearRefetch(): void {
  g_refetch = false;
}

export function requestRefetch(): void {
  g_refetch = true;
}
