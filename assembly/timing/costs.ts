// The instruction cost table of the timed build: base cycles per internal op, built from the profile's
// figures for an in-order single-issue pipeline (one table, one place; docs/TIMING.md cites them).
// Data-dependent costs (taken-branch and jump penalties, memory latencies, walks, traps) are added
// where they arise, not here.
import { cfg, CF_AMO_CYCLES, CF_CSR_CYCLES, CF_DIV_CYCLES, CF_MUL_CYCLES } from '../config';
import { TIMING_BASE } from '../layout';
import { CLASS_AMO, CLASS_CSR, CLASS_DIV, CLASS_MUL, opClass, OP_COUNT, OP_CROSS, OP_DECODE } from '../cpu/ops';

function atLeast1(v: u32): u8 {
  return <u8>(v == 0 ? 1 : v > 255 ? 255 : v);
}

export function buildCostTable(): void {
  for (let op: u32 = 0; op < 256; op++) {
    let c: u8 = 1;
    if (op < OP_COUNT) {
      const k = opClass(op);
      if (k == CLASS_MUL) c = atLeast1(cfg(CF_MUL_CYCLES));
      else if (k == CLASS_DIV) c = atLeast1(cfg(CF_DIV_CYCLES));
      else if (k == CLASS_CSR) c = atLeast1(cfg(CF_CSR_CYCLES));
      else if (k == CLASS_AMO) c = atLeast1(cfg(CF_AMO_CYCLES));
    }
    if (op == OP_DECODE || op == OP_CROSS) c = 0; // not instructions: the real op is charged on re-dispatch
    store<u8>(TIMING_BASE + op, c);
  }
}

export function opCost(op: u32): u32 {
  return <u32>load<u8>(TIMING_BASE + (op & 0xff));
}
