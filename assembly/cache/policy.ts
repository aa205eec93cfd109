// Replacement policies of the cache model: true LRU (a per-cache clock stamped into each entry on use;
// the victim is the oldest) and pseudo-random (a 16-bit Fibonacci LFSR, taps 16 14 13 11, seeded from
// the profile, so runs are deterministic). An invalid way is always chosen first.
import { Cache } from './cache';

// @ts-ignore: decorator
@inline export const POLICY_LRU: u32 = 0;
// @ts-ignore: decorator
@inline export const POLICY_RANDOM: u32 = 1;

/**
 * Marks entry e as just used, and makes it its set's record (cache.ts: the line and dirty bit of the set's
 * most recently used entry). LRU: the entry also gets the next clock stamp, unless it already is its
 * set's most recently used entry (the record says so), when a new stamp would not change the order of
 * the set's stamps and is skipped. Victims are the same either way; the skip is what lets compiled pages
 * (jit/compile.ts) leave out the touches of a line their set's record names.
 */
// @ts-ignore: decorator
@inline export function policyTouch(c: Cache, e: u32): void {
  const t = load<u32>(e);
  const v = (t >>> 2) | ((t & 2) << 30); // line | dirty << 31
  const m = c.mru + (((e - c.base) >>> c.setShift) << 2);
  const cur = load<u32>(m);
  if (cur == v) return;
  if (c.policy == POLICY_LRU && (cur << 1) != (v << 1)) {
    if (c.clock == 0xffffffff) policyRestartClock(c);
    store<u32>(e, ++c.clock, 4);
  }
  store<u32>(m, v);
}

/** The LRU clock wraps after 2^32 stamps: restart every stamp at 0 and forget every set's record (order
 * within sets is lost once; the next touch of any entry stamps it). */
function policyRestartClock(c: Cache): void {
  for (let i: u32 = 0; i < c.sets * c.ways; i++) store<u32>(c.base + (i << 3), 0, 4);
  memory.fill(c.mru, 0xff, c.sets << 2);
  c.clock = 0;
}

/** Advances the LFSR one step and returns the new state (period 65535). */
export function lfsrNext(s: u32): u32 {
  const bit = ((s >> 0) ^ (s >> 2) ^ (s >> 3) ^ (s >> 5)) & 1;
  return ((s >> 1) | (bit << 15)) & 0xffff;
}

/** The way to replace in the set at setBase. */
export function policyVictim(c: Cache, setBase: u32): u32 {
  for (let w: u32 = 0; w < c.ways; w++) if ((load<u32>(setBase + (w << 3)) & 1) == 0) return w;
  if (c.policy == POLICY_RANDOM) {
    c.lfsr = lfsrNext(c.lfsr);
    return c.lfsr & (c.ways - 1);
  }
  let best: u32 = 0;
  let oldest = load<u32>(setBase, 4);
  for (let w: u32 = 1; w < c.ways; w++) {
    const s = load<u32>(setBase + (w << 3), 4);
    if (s < oldest) { oldest = s; best = w; }
  }
  return best;
}
