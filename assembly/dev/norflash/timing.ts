// Read latency of the flash array, in core cycles, for the timed build (docs/TIMING.md, flash section).
//
// Asynchronous mode: a bus word outside the page read last costs tACC (random access, tAVQV); a word in
// the same page costs tPAGE (tAPA). A page is P_PAGE_WORDS chip words, aligned; interleaved chips open
// their pages together, so in bus words the page is the same length.
// Synchronous burst (Intel, when the read configuration register's RM bit 15 is 0 and the profile has a
// burst clock): a new burst costs the RCR latency count (bits 14-11) in flash clocks; each following
// sequential word of the burst costs one flash clock. Burst length from RCR bits 2-0 (1: 4 words, 2: 8,
// 3: 16, 7: continuous); a burst does not continue across its aligned length boundary (modelled as a new
// burst). Any write to the bank, and any non-array read, forgets the open page/burst.

import { p32, P_T_ACC, P_T_PAGE, P_BURST_CLK, P_PAGE_WORDS } from "./params";
import { b32, setB32, statAdd, B_LAST_PAGE, B_LAST_WORD, B_RCR, S_BYTES_READ } from "./state";
import { bankWidth } from "./geometry";

const NONE: u32 = 0xffffffff;
const RCR_RM_ASYNC: u32 = 0x8000;

export function forgetOpenPage(bank: u32): void {
  setB32(bank, B_LAST_PAGE, NONE);
  setB32(bank, B_LAST_WORD, NONE);
}

function burstWords(rcr: u32): u32 {
  const bl = rcr & 7;
  if (bl == 1) return 4;
  if (bl == 2) return 8;
  if (bl == 3) return 16;
  return 0; // 7: continuous (other codes reserved: treated as continuous)
}

/** Cycles for one bus-word read at bus word index `w` in read-array mode; updates the open page/burst. */
export function wordCycles(bank: u32, w: u32): u32 {
  const clk = p32(P_BURST_CLK);
  const rcr = b32(bank, B_RCR);
  const last = b32(bank, B_LAST_WORD);
  const page = w / p32(P_PAGE_WORDS);
  let cost: u32;
  if (clk != 0 && (rcr & RCR_RM_ASYNC) == 0) {
    const len = burstWords(rcr);
    const sequential = last != NONE && w == last + 1 && (len == 0 || w % len != 0);
    const lc = max<u32>((rcr >> 11) & 0xf, 1);
    cost = sequential ? clk : lc * clk;
  } else {
    cost = b32(bank, B_LAST_PAGE) == page ? p32(P_T_PAGE) : p32(P_T_ACC);
  }
  setB32(bank, B_LAST_WORD, w);
  setB32(bank, B_LAST_PAGE, page);
  return cost;
}

/** Cycles for reading [off, off+bytes) in read-array mode as consecutive bus words. */
export function rangeCycles(bank: u32, off: u32, bytes: u32): u32 {
  const bw = bankWidth();
  const first = off / bw;
  const last = (off + bytes - 1) / bw;
  let cost: u32 = 0;
  for (let w = first; w <= last; w++) cost += wordCycles(bank, w);
  statAdd(S_BYTES_READ, bytes);
  return cost;
}

/** Cycles for a non-array (status/query/ID) read: every bus word is a random access. */
export function slowRangeCycles(bank: u32, off: u32, bytes: u32): u32 {
  const bw = bankWidth();
  forgetOpenPage(bank);
  return ((off + bytes - 1) / bw - off / bw + 1) * p32(P_T_ACC);
}
