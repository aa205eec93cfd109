// The modelled TLBs: separate instruction and data TLBs, each `entries` entries in `ways`-way sets
// (from the profile), ASID-tagged with global entries, flushed per sfence.vma (privileged spec 4.2.1).
// Superpages are held as 4 KiB entries (splintered), as many small TLBs do. Replacement is
// round-robin per set: hits do not change state, which keeps the model exact even though the host's
// soft TLB (mmu/softtlb.ts) serves most hits without consulting this one.
//
// Entry (16 bytes): +0 tag = va page | 1 (valid), +4 asid | G << 31, +8 pa page | PTE flags (low 8),
// +12 (way 0 of each set only) the set's round-robin pointer.
import { softTlbFlushPage } from './softtlb';

// @ts-ignore: decorator
@inline export const TLB_ENTRY_BYTES: u32 = 16;
// @ts-ignore: decorator
@inline const G_BIT: u32 = 0x80000000;

export class TlbGeom {
  base: u32 = 0;
  sets: u32 = 1;
  ways: u32 = 1;
}

export const itlb = new TlbGeom();
export const dtlb = new TlbGeom();

export function tlbConfigure(t: TlbGeom, base: u32, entries: u32, ways: u32): void {
  t.base = base;
  t.ways = ways;
  t.sets = entries / ways;
  memory.fill(base, 0, entries * TLB_ENTRY_BYTES);
}

/** Finds a valid entry for (va page, asid); returns its address or 0. */
export function tlbLookup(t: TlbGeom, va: u32, asid: u32): u32 {
  const vpage = va & 0xfffff000;
  const set = (va >>> 12) & (t.sets - 1);
  let e = t.base + set * t.ways * TLB_ENTRY_BYTES;
  for (let w: u32 = 0; w < t.ways; w++, e += TLB_ENTRY_BYTES) {
    if (load<u32>(e) == (vpage | 1)) {
      const a = load<u32>(e, 4);
      if ((a & G_BIT) != 0 || a == asid) return e;
    }
  }
  return 0;
}

/** Inserts a translation, evicting round-robin; returns the entry address. */
export function tlbInsert(t: TlbGeom, va: u32, asid: u32, global: bool, paPage: u32, flags: u32): u32 {
  const set = (va >>> 12) & (t.sets - 1);
  const setBase = t.base + set * t.ways * TLB_ENTRY_BYTES;
  // Prefer an invalid way or an existing entry for the same page.
  let victim: u32 = 0xffffffff;
  for (let w: u32 = 0; w < t.ways; w++) {
    const e = setBase + w * TLB_ENTRY_BYTES;
    const tag = load<u32>(e);
    if ((tag & 1) == 0 || (tag == ((va & 0xfffff000) | 1) && (load<u32>(e, 4) & ~G_BIT) == asid)) { victim = w; break; }
  }
  if (victim == 0xffffffff) {
    victim = load<u32>(setBase, 12) % t.ways;
    store<u32>(setBase, (victim + 1) % t.ways, 12);
    const old = setBase + victim * TLB_ENTRY_BYTES;
    softTlbFlushPage(load<u32>(old)); // keep the soft TLB a subset of this one
  }
  const e = setBase + victim * TLB_ENTRY_BYTES;
  store<u32>(e, (va & 0xfffff000) | 1);
  store<u32>(e, asid | (global ? G_BIT : 0), 4);
  store<u32>(e, (paPage & 0xfffff000) | (flags & 0xff), 8);
  return e;
}

/** sfence.vma semantics: va/asid selectors (useVa/useAsid false = all). Global entries survive an ASID flush. */
export function tlbFlush(t: TlbGeom, useVa: bool, va: u32, useAsid: bool, asid: u32): void {
  const n = t.sets * t.ways;
  for (let i: u32 = 0; i < n; i++) {
    const e = t.base + i * TLB_ENTRY_BYTES;
    const tag = load<u32>(e);
    if ((tag & 1) == 0) continue;
    if (useVa && (tag & 0xfffff000) != (va & 0xfffff000)) continue;
    const a = load<u32>(e, 4);
    if (useAsid && ((a & G_BIT) != 0 || a != asid)) continue;
    store<u32>(e, tag & ~1);
  }
}
