// The hart's execution loop: the hot path of the emulator.
//
// run() (in assembly/index.ts) calls execute(limit) in chunks between interrupt checks. execute()
// keeps pc, the retired count and (timed build) the cycle count in locals. Instructions come from
// pre-decoded slots (cpu/predecode.ts) of the current fetch page: one subtract-and-compare per
// instruction checks that pc is still inside the page (fwin) before the slot is read. Loads and stores
// hit the soft TLB in one compare; everything else goes to the named slow paths in cpu/memslow.ts.
//
// Compile-time switches (asc --use): TIMED=1 adds the cycle model (one base cycle per instruction,
// per-class extra cycles, branch/jump penalties, load-use, fetch and data latencies through the cache
// models in timing/memory.ts, slow-path penalties); TIMED=0 is the functional
// build where cycles = retired instructions (+ idle time in WFI). MUTANT=1 is a test-only build with one
// deliberately wrong instruction.
import {
  cfg, CF_AMO_CYCLES, CF_CSR_WRITE_CYCLES, CF_LRSC_CYCLES, CF_BRANCH_PENALTY, CF_CSR_CYCLES, CF_DIV_CYCLES, CF_JUMP_PENALTY, CF_LOAD_USE, CF_MUL_CYCLES, CF_MULH_CYCLES, CF_PREDICTOR,
  CF_RAM_CYCLES,
} from '../config';
import { HART_BASE, RAM_HOST } from '../layout';
import {
  addIcacheSameLineHits, dataAccessCycles, dataCallFree, fetchCost, fetchHit2CallFree, fetchHitCallFree, fetchPlan, NEED_CALL, g_fetchCached, g_fetchEach, g_fetchShift, g_iline, NO_LINE,
} from '../timing/memory';
import { g_stop } from '../mailbox';
import { dtlb, itlb, tlbFlush } from '../mmu/tlb';
import { g_refetch, softTlbFlush, STLB_LOAD, STLB_STORE } from '../mmu/softtlb';
import { translating, ACC_LOAD } from '../mmu/sv32';
import {
  statAdd, ST_DTLB_HIT, ST_JIT_INSNS, ST_LOADS, ST_STALL_BRANCH, ST_STALL_LOADUSE, ST_STALL_MULDIV, ST_STALL_OTHER, ST_STALL_RAM,
  ST_STORES,
} from '../stats';
import { CSR_SATP, EXC_BREAKPOINT, EXC_ECALL_U, EXC_ILLEGAL, MS_TSR, MS_TVM, MS_TW } from './csrnum';
import { csrAccess } from './csr';
import {
  amoHost, clearEndChunk, fetchCross, fetchPage, g_endChunk, g_fbase, g_fhost, g_fpage, g_fwin, loadSlow,
  storeSlow,
} from './memslow';
import * as O from './ops';
import { fillSlot, hasSlots, invalidateDecodedRange } from './predecode';
import {
  addPenalty, getCycles, getInstret, getPc, getPriv, H_RESERVATION, PRIV_M, PRIV_S, PRIV_U, setCycles, setInstret,
  setPc, takePenalty,
} from './state';
import { clearExc, csrGetRaw, doMret, doSret, g_exc, g_mstatus, g_trapPc, raiseException } from './trap';
import { g_jitHeat, g_jitOn, jitRecord, JIT_BUILD, JIT_GAVE_UP, JD_HEAT } from '../jit/dir';
import {
  jitCompile, jitMiss, markEntry, JIT_IN_EVENT, JIT_IN_XL, JIT_IO_CYC, JIT_IO_ILINE, JIT_OUT_FETCHED, JIT_OUT_LASTLD,
  JIT_OUT_ICORE, JIT_OUT_PC, JIT_OUT_REASON, JR_EVENT, JR_LEAVE, JR_UNKNOWN,
} from '../jit/compile';

/** Set by WFI when it retires: run() decides whether to sleep until an interrupt or stop. */
export let g_wfi: bool = false;
export function clearWfi(): void { g_wfi = false; }

/** Timed build: the cycle at which the next timer event is due; a taken branch past it ends the chunk. */
export let g_eventAt: u64 = u64.MAX_VALUE;
export function setEventAt(c: u64): void { g_eventAt = c; }

/** Cycles beyond the base cycle of an op whose total cost is `total` (0 and 1 mean none). */
function extra(total: u32): u64 {
  return total > 1 ? <u64>(total - 1) : 0;
}

// @ts-ignore: decorator
@inline function wr(rdOff: u32, v: u32): void {
  store<u32>(HART_BASE + rdOff, v);
}

/** Raw encodings used as mtval for illegal privileged instructions. */
const RAW_MRET: u32 = 0x30200073;
const RAW_SRET: u32 = 0x10200073;
const RAW_WFI: u32 = 0x10500073;

function csrRaw(op: u32, w: u32, imm: i32): u32 {
  const f3: u32 = op <= O.OP_CSRRC ? op - O.OP_CSRRW + 1 : op - O.OP_CSRRWI + 5;
  let rd = (w >>> 8) & 0x3f;
  if (rd == 32) rd = 0;
  return (<u32>imm << 20) | (((w >>> 16) & 31) << 15) | (f3 << 12) | (rd << 7) | 0x73;
}

/** Where hotRun stopped (no tuples in AssemblyScript). */
let g_hotPc: u32 = 0;

// State handed between execute() and hotRun() in the timed build: the cycle counter and the fetch/load-use
// trackers, plus the current page's fetch plan. Written before each call and read back after it.
let g_hCyc: u64 = 0;
let g_hIline: u32 = 0;
let g_hLastLd: u32 = 0;
let g_hISame: u32 = 0;
let g_hFhost: u32 = 0;
let g_hFmode: u32 = 0;
let g_hIshift: u32 = 0;
let g_hFEach: u32 = 0;
let g_hXl: bool = false;
/** hotRun stopped because a timer event is due or a stop was requested (execute ends its chunk). */
let g_hEvent: bool = false;
/** hotRun charged the fetch of the instruction it handed back (execute must not charge it again). */
let g_hFetched: bool = false;
/** hotRun stopped after a control op because it was asked to (ctlStop: a compiled page resumes there). */
let g_hCtl: bool = false;

/**
 * The hot loop proper, a function of its own so the host compiles it with its state in registers
 * (execute() is large and full of slow-path calls, so the host keeps execute's loop state in stack slots).
 * It runs the frequent ops whose fast path needs no call, making no call itself, and stops at the first
 * instruction it does not handle (a page change, a slot to fill, a cold op, a soft-TLB miss, a store into a
 * page with decoded code, and in the timed build a cache access or line change that needs the full timing
 * path), which execute() then runs. Returns the number of instructions retired; the next pc is in
 * g_hotPc. Same semantics as the chain in execute(). The timed build charges exactly what execute()
 * charges, in the same order where order matters (the fetch before the data access: the flash page-mode
 * state sees both); an instruction it hands back has had at most its fetch charged (g_hFetched says so).
 */
function hotRun(pc: u32, n: u32, fpage: u32, fwin: u32, fbase: u32, ctlStop: bool, mark: bool): u32 {
  let i: u32 = 0;
  if (JIT_BUILD) g_hCtl = false;
  // Timed state (the fast build folds all of it away).
  let cyc = g_hCyc;
  let iline = g_hIline;
  let lastLd = g_hLastLd;
  let lookups: u32 = 0; // fetches that looked the I-cache up here (every other fetch on a cached page is a hit)
  const fdelta = g_hFhost - fpage; // host address of the fetch = pc + fdelta
  const fmode = g_hFmode, ishift = g_hIshift;
  if (TIMED) {
    g_hEvent = false;
    g_hFetched = false;
  }
  while (i < n) {
    if (<u32>(pc - fpage) >= fwin) break;
    const s = fbase + ((pc - fpage) << 2);
    const w = load<u32>(s);
    const imm = load<i32>(s, 4);
    const op = w & 0xff;
    if (TIMED && op <= O.OP_CROSS) break; // (fast build: the final else hands them back)
    // Fetch (as in execute(): per line change, per fetch for uncached flash, a constant for uncached RAM).
    if (TIMED && fmode != 0) {
      if (fmode == 3) {
        cyc += <u64>g_hFEach;
        statAdd(ST_STALL_RAM, <u64>g_hFEach);
      } else {
        // A cached page (uncached flash pages never come here: execute() runs them). A new line that
        // is not a memoised hit goes to execute(); so does an instruction straddling two lines unless
        // both are (fetchCost() looks both up, whatever the last line was).
        const ha = pc + fdelta;
        const line = ha >>> ishift;
        if (((ha + 3 - ((w >>> 14) & 2)) >>> ishift) != line) {
          if (!fetchHit2CallFree(line)) break; // (its two hits counted there)
          iline = line + 1;
          lookups++;
        } else if (line != iline) {
          if (!fetchHitCallFree(line)) break;
          iline = line;
          lookups++;
        }
      }
    }
    if (TIMED) g_hFetched = true;
    let npc = pc + 4 - ((w >>> 14) & 2);
    const rd = (w >>> 6) & 0xfc;
    const a = load<u32>(HART_BASE + ((w >>> 14) & 0x7c));
    const b = load<u32>(HART_BASE + ((w >>> 22) & 0x7c));
    const va = a + <u32>imm;
    const ei = ((va >>> 12) & 255) << 3;
    let ld: u32 = 0; // rd of a load (for the next instruction's load-use check)
    if (op == O.OP_ADDI) wr(rd, va);
    else if (op == O.OP_LW) {
      if (load<u32>(STLB_LOAD + ei) != (va & 0xfffff003)) break;
      const h = va + load<u32>(STLB_LOAD + ei, 4);
      const dc = TIMED ? dataCallFree(h, false) : 0;
      if (TIMED && dc == NEED_CALL) break;
      wr(rd, load<u32>(h));
      if (TIMED) {
        ld = rd;
        cyc += <u64>dc;
        statAdd(ST_LOADS, 1);
        if (g_hXl) statAdd(ST_DTLB_HIT, 1);
      }
    } else if (op == O.OP_ADD) wr(rd, a + b);
    else if (op == O.OP_SW) {
      if (load<u32>(STLB_STORE + ei) != (va & 0xfffff003)) break;
      const h = va + load<u32>(STLB_STORE + ei, 4);
      if (hasSlots(h)) break;
      const dc = TIMED ? dataCallFree(h, true) : 0;
      if (TIMED && dc == NEED_CALL) break;
      store<u32>(h, b);
      if (TIMED) {
        cyc += <u64>dc;
        statAdd(ST_STORES, 1);
        if (g_hXl) statAdd(ST_DTLB_HIT, 1);
      }
    } else if (op == O.OP_BNE) {
      if (a != b) npc = pc + <u32>imm;
    } else if (op == O.OP_BEQ) {
      if (a == b) npc = pc + <u32>imm;
    } else if (op == O.OP_SRLI) wr(rd, a >>> <u32>imm);
    else if (op == O.OP_SLLI) wr(rd, a << <u32>imm);
    else if (op == O.OP_ANDI) wr(rd, a & <u32>imm);
    else if (op == O.OP_XOR) wr(rd, a ^ b);
    else if (op == O.OP_SUB) wr(rd, a - b);
    else if (op == O.OP_AND) wr(rd, a & b);
    else if (op == O.OP_JAL) {
      wr(rd, npc);
      npc = pc + <u32>imm;
    } else if (op == O.OP_OR) wr(rd, a | b);
    else if (op == O.OP_LUI) wr(rd, <u32>imm);
    else if (op == O.OP_JALR) {
      wr(rd, npc);
      npc = va & ~1;
    } else if (op == O.OP_BLTU) {
      if (a < b) npc = pc + <u32>imm;
    } else if (op == O.OP_BGEU) {
      if (a >= b) npc = pc + <u32>imm;
    } else if (op == O.OP_MUL) wr(rd, a * b);
    else if (op == O.OP_LBU) {
      if (load<u32>(STLB_LOAD + ei) != (va & 0xfffff000)) break;
      const h = va + load<u32>(STLB_LOAD + ei, 4);
      const dc = TIMED ? dataCallFree(h, false) : 0;
      if (TIMED && dc == NEED_CALL) break;
      wr(rd, <u32>load<u8>(h));
      if (TIMED) {
        ld = rd;
        cyc += <u64>dc;
        statAdd(ST_LOADS, 1);
        if (g_hXl) statAdd(ST_DTLB_HIT, 1);
      }
    } else if (op == O.OP_BLT) {
      if (<i32>a < <i32>b) npc = pc + <u32>imm;
    } else if (op == O.OP_BGE) {
      if (<i32>a >= <i32>b) npc = pc + <u32>imm;
    } else if (op == O.OP_SLTIU) wr(rd, a < <u32>imm ? 1 : 0);
    else if (op == O.OP_AUIPC) wr(rd, pc + <u32>imm);
    else if (op == O.OP_SLTU) wr(rd, MUTANT == 1 ? (<i32>a < <i32>b ? 1 : 0) : a < b ? 1 : 0);
    else if (op == O.OP_MULHU) wr(rd, <u32>((<u64>a * <u64>b) >> 32));
    else if (op == O.OP_SB) {
      if (load<u32>(STLB_STORE + ei) != (va & 0xfffff000)) break;
      const h = va + load<u32>(STLB_STORE + ei, 4);
      if (hasSlots(h)) break;
      const dc = TIMED ? dataCallFree(h, true) : 0;
      if (TIMED && dc == NEED_CALL) break;
      store<u8>(h, <u8>b);
      if (TIMED) {
        cyc += <u64>dc;
        statAdd(ST_STORES, 1);
        if (g_hXl) statAdd(ST_DTLB_HIT, 1);
      }
    } else if (op == O.OP_SLTI) wr(rd, <i32>a < imm ? 1 : 0);
    else if (op == O.OP_SRL) wr(rd, a >>> (b & 31));
    else if (op == O.OP_XORI) wr(rd, a ^ <u32>imm);
    else if (op == O.OP_ORI) wr(rd, a | <u32>imm);
    else break; // anything else: execute() runs (and charges) it; its fetch is charged already
    if (!TIMED) {
      pc = npc;
      i++;
      if (JIT_BUILD && op >= O.OP_JAL && op <= O.OP_BGEU) {
        // A compiled page resumes at block starts: hand back after the block's control op.
        if (ctlStop) { g_hCtl = true; break; }
        // A page warming up notes where its blocks start (the page compiler compiles those).
        if (mark && <u32>(pc - fpage) < fwin) markEntry(fbase, pc - fpage);
      }
      continue;
    }
    g_hFetched = false;
    if (lastLd != 0 && (((w >>> 14) & 0x7c) == lastLd || ((w >>> 22) & 0x7c) == lastLd)) {
      const lu = <u64>cfg(CF_LOAD_USE);
      cyc += lu;
      statAdd(ST_STALL_LOADUSE, lu);
    }
    lastLd = ld;
    cyc++;
    i++;
    if (op >= O.OP_JAL && op <= O.OP_BGEU) {
      let pen: u32 = cfg(CF_JUMP_PENALTY);
      if (op >= O.OP_BEQ) {
        const taken = op == O.OP_BEQ ? a == b : op == O.OP_BNE ? a != b : op == O.OP_BLT ? <i32>a < <i32>b
          : op == O.OP_BGE ? <i32>a >= <i32>b : op == O.OP_BLTU ? a < b : a >= b;
        const brPen = cfg(CF_BRANCH_PENALTY);
        pen = cfg(CF_PREDICTOR) == 1 ? (taken != (imm < 0) ? brPen : 0) : taken ? brPen : 0;
      }
      if (pen != 0) { cyc += <u64>pen; statAdd(ST_STALL_BRANCH, <u64>pen); }
      pc = npc;
      if (cyc >= g_eventAt) { g_hEvent = true; break; } // a timer event is due: back to run()
      if (JIT_BUILD) {
        if (ctlStop) { g_hCtl = true; break; }
        if (mark && <u32>(pc - fpage) < fwin) markEntry(fbase, pc - fpage);
      }
    } else {
      if (op == O.OP_MUL || op == O.OP_MULHU) {
        const x = extra(cfg(op == O.OP_MUL ? CF_MUL_CYCLES : CF_MULH_CYCLES));
        if (x != 0) { cyc += x; statAdd(ST_STALL_MULDIV, x); }
      }
      pc = npc;
    }
    if (TRACE && g_stop != 0) { g_hEvent = true; break; }
  }
  g_hotPc = pc;
  if (TIMED) {
    g_hCyc = cyc;
    g_hIline = iline;
    g_hLastLd = lastLd;
    // Fetches charged here on a cached page (every one of them, plus a handed-back instruction's) less
    // the lookups: the I-cache hits inside a line, as execute() counts them.
    g_hISame = fmode == 1 ? i + (g_hFetched ? 1 : 0) - lookups : 0;
  }
  return i;
}

/**
 * Executes up to `limit` instructions (retired or trapped: a trap loop must not run forever); returns how
 * many. The retired count goes to instret.
 */
export function execute(limit: u32): u32 {
  let pc = getPc();
  let icount: u32 = 0;
  // Instructions that trapped instead of retiring count against the budget too: each trap lowers `limit`.
  let tr: u32 = 0;
  let fpage: u32 = 0, fwin: u32 = 0, fbase: u32 = 0, fhost: u32 = 0;
  const cyc0: u64 = getCycles();
  const inst0: u64 = getInstret();
  let cyc: u64 = cyc0;
  let xl: bool = translating(ACC_LOAD);
  // Timing figures are read from the config where they apply and counters go straight to the statistics:
  // the loop keeps only per-instruction state in locals, so they fit the host's registers.
  // Fetch timing of the current page (fetchPlan): line-change granule, constant per-fetch cost, cached?
  let ishift: u32 = 0;
  let fEach: u32 = 0;
  let fmode: u32 = 0;
  let iline: u32 = NO_LINE;
  let iSame: u32 = 0;      // I-cache hits inside the last looked-up line
  let fetched = false;     // hotRun charged the current instruction's fetch
  let lastLd: u32 = 0; // byte offset of the register the previous instruction loaded (0: none)
  // The current page's compiler record (0: none), and "interpret up to the next block start".
  let jrec: u32 = 0;
  let jskip = false;
  let wcount: u32 = 0; // timed build: instructions run here on a page fetched uncached from flash since its last block start
  clearEndChunk();

  while (icount < limit) {
    // A compiled page (assembly/jit/): it runs whole blocks and leaves everything else to the code below.
    // Timed build: it starts only where no load-use stall is pending, and hands the cycle model's state
    // back; when it stopped at an instruction whose fetch it charged, that instruction runs here next.
    let jfetched = false;
    if (JIT_BUILD && jrec != 0 && !jskip && <u32>(pc - fpage) < fwin) {
      const fn = load<u32>(jrec);
      if (fn != 0 && fn != JIT_GAVE_UP) {
        if (TIMED && lastLd != 0) {
          jskip = true;
        } else {
          if (TIMED) {
            store<u64>(JIT_IO_CYC, cyc);
            store<u64>(JIT_IN_EVENT, g_eventAt);
            store<u32>(JIT_IO_ILINE, iline);
            store<u32>(JIT_IN_XL, xl ? 1 : 0);
          }
          const r = call_indirect<u32>(fn, fpage, pc - fpage, limit - icount);
          icount += r;
          statAdd(ST_JIT_INSNS, <u64>r);
          pc = load<u32>(JIT_OUT_PC);
          const why = load<u32>(JIT_OUT_REASON);
          if (TIMED) {
            cyc = load<u64>(JIT_IO_CYC);
            iline = load<u32>(JIT_IO_ILINE);
            lastLd = load<u32>(JIT_OUT_LASTLD);
            jfetched = load<u32>(JIT_OUT_FETCHED) != 0;
            // Every fetch it made is a same-line hit but those whose hits the core counted (jitFetchHit*;
            // an inline straddle counts one more): only the sum of the two counts is published.
            if (fmode == 1) iSame += r + (jfetched ? 1 : 0) - load<u32>(JIT_OUT_ICORE);
            if (why == JR_EVENT) {
              limit = icount; // as execute() does: the chunk ends after the control op that crossed the event
              break;
            }
          }
          if (why == JR_UNKNOWN) {
            if (!jitMiss(jrec, fhost, fbase, pc - fpage)) jskip = true;
          } else if (why != JR_LEAVE) jskip = true; // the interpreter runs what the function left to it
          if (!jfetched) continue;
          fetched = true;
        }
      }
    }
    if ((!TIMED || fmode != 2) && !jfetched) {
      // (Timed build: pages fetched uncached from flash run in execute(): their per-fetch flash timing
      // needs calls.)
      if (TIMED) {
        g_hCyc = cyc; g_hIline = iline; g_hLastLd = lastLd;
        g_hFhost = fhost; g_hFmode = fmode; g_hIshift = ishift; g_hFEach = fEach; g_hXl = xl;
      }
      // A page warming up for the compiler runs only until it is hot.
      const warming = JIT_BUILD && jrec != 0 && g_jitOn && load<u32>(jrec) == 0;
      let hn = limit - icount;
      if (warming) {
        const heat = load<u32>(jrec, JD_HEAT);
        if (heat < g_jitHeat && g_jitHeat - heat < hn) hn = g_jitHeat - heat;
      }
      const hr = hotRun(pc, hn, fpage, fwin, fbase, JIT_BUILD && jskip, warming);
      icount += hr;
      pc = g_hotPc;
      if (TIMED) { cyc = g_hCyc; iline = g_hIline; lastLd = g_hLastLd; iSame += g_hISame; }
      if (icount >= limit) break;
      if (TIMED) {
        if (g_hEvent) {
          limit = icount; // as execute() would: end the chunk after the instruction that crossed the event
          break;
        }
        fetched = g_hFetched;
      }
      if (JIT_BUILD && jrec != 0) {
        // Back to the top (the compiled page) when hotRun stopped at a block start or at its warm-up cap,
        // rather than running the next instruction here (unless hotRun charged its fetch).
        if (g_hCtl) {
          jskip = false;
          continue;
        }
        if (warming) {
          const heat = load<u32>(jrec, JD_HEAT) + hr;
          store<u32>(jrec, heat, JD_HEAT);
          if (heat >= g_jitHeat && <u32>(pc - fpage) < fwin) {
            jitCompile(jrec, fhost, fbase, pc - fpage);
            if (!fetched) continue;
          } else if (hr != 0 && hr == hn) continue;
        }
      }
    }
    if (<u32>(pc - fpage) >= fwin) {
      setCycles(TIMED ? cyc : cyc0 + icount);
      setInstret(inst0 + icount);
      fetchPage(pc);
      if (TIMED) cyc += takePenalty();
      if (g_exc) {
        clearExc();
        tr++; limit--;
        pc = g_trapPc;
        fwin = 0;
        if (g_stop != 0) limit = icount;
        continue;
      }
      fpage = g_fpage; fwin = g_fwin; fbase = g_fbase; fhost = g_fhost;
      xl = translating(ACC_LOAD);
      if (TIMED) {
        fetchPlan(fhost);
        ishift = g_fetchShift;
        fEach = g_fetchEach;
        iline = NO_LINE;
        fmode = fwin != 4096 ? 0 : g_fetchCached ? 1 : fhost < RAM_HOST ? 2 : fEach != 0 ? 3 : 0;
      }
      if (JIT_BUILD) { jrec = fwin == 4096 ? jitRecord(fbase) : 0; jskip = false; wcount = 0; }
    }
    const s = fbase + ((pc - fpage) << 2);
    const w = load<u32>(s);
    const imm = load<i32>(s, 4);
    const op = w & 0xff;
    if (op <= O.OP_CROSS) {
      // Not instructions: fill the slot (OP_DECODE) or fetch a page-straddling instruction afresh
      // (OP_CROSS), then dispatch again.
      if (op == O.OP_DECODE) {
        fillSlot(s, fhost, pc - fpage);
        continue;
      }
      setCycles(TIMED ? cyc : cyc0 + icount);
      setInstret(inst0 + icount);
      fetchCross(pc);
      if (TIMED) cyc += takePenalty();
      if (g_exc) {
        clearExc(); tr++; limit--; pc = g_trapPc; fwin = 0;
        if (g_stop != 0) limit = icount;
        continue;
      }
      fpage = g_fpage; fwin = g_fwin; fbase = g_fbase;
      if (TIMED) fmode = 0;
      if (JIT_BUILD) jrec = 0;
      continue;
    }
    let npc = pc + 4 - ((w >>> 14) & 2);
    const rd = (w >>> 6) & 0xfc;
    const a = load<u32>(HART_BASE + ((w >>> 14) & 0x7c));
    const b = load<u32>(HART_BASE + ((w >>> 22) & 0x7c));
    const ilen: u32 = 4 - ((w >>> 14) & 2);
    if (TIMED) {
      // Fetch (fetchPlan, per page): 0 nothing to charge; 1 I-cache lookup when the line changes;
      // 2 uncached flash, the flash model on every fetch; 3 uncached RAM, a constant per fetch.
      if (JIT_BUILD && fmode == 2) wcount++;
      if (fmode != 0 && !fetched) {
        if (fmode == 3) {
          cyc += <u64>fEach;
          statAdd(ST_STALL_RAM, <u64>fEach);
        } else {
          const ha = fhost + (pc - fpage);
          // A new line, or an instruction reaching into the next one: fetchCost() looks up every line
          // the instruction touches.
          if ((ha >>> ishift) != iline || ((ha + ilen - 1) >>> ishift) != iline) {
            cyc += <u64>fetchCost(ha, ilen);
            iline = g_iline;
          } else iSame++;
        }
      }
      fetched = false;
      // Load-use: this instruction reads the register the previous instruction loaded (loads set
      // lastLd to their rd below; everything else leaves it 0).
      if (lastLd != 0) {
        if (((w >>> 14) & 0x7c) == lastLd || ((w >>> 22) & 0x7c) == lastLd) {
          const lu = <u64>cfg(CF_LOAD_USE);
          cyc += lu;
          statAdd(ST_STALL_LOADUSE, lu);
        }
        lastLd = 0;
      }
    }
    // Dispatch. On this project's reference machines indirect branches (a br_table jump) cost ~30 cycles
    // while well-ordered compares cost 1-2 (bench/ measures both forms), so the most frequent ops are
    // tested first in a chain and only the rest go through the switch.
    const va = a + <u32>imm; // the effective address of loads/stores (and the result of addi)
    const ei = ((va >>> 12) & 255) << 3;
    if (op == O.OP_ADDI) wr(rd, va);
    else if (op == O.OP_LW && load<u32>(STLB_LOAD + ei) == (va & 0xfffff003)) {
      const h = va + load<u32>(STLB_LOAD + ei, 4);
      wr(rd, load<u32>(h));
      if (TIMED) {
        lastLd = rd;
        cyc += <u64>dataAccessCycles(h, 4, false);
        statAdd(ST_LOADS, 1);
        if (xl) statAdd(ST_DTLB_HIT, 1);
      }
    } else if (op == O.OP_ADD) wr(rd, a + b);
    else if (op == O.OP_SW && load<u32>(STLB_STORE + ei) == (va & 0xfffff003)) {
      const h = va + load<u32>(STLB_STORE + ei, 4);
      store<u32>(h, b);
      if (hasSlots(h)) invalidateDecodedRange(h, 4);
      if (TIMED) {
        cyc += <u64>dataAccessCycles(h, 4, true);
        statAdd(ST_STORES, 1);
        if (xl) statAdd(ST_DTLB_HIT, 1);
      }
    } else if (op == O.OP_BNE) {
      if (a != b) npc = pc + <u32>imm;
    } else if (op == O.OP_BEQ) {
      if (a == b) npc = pc + <u32>imm;
    } else if (op == O.OP_SRLI) wr(rd, a >>> <u32>imm);
    else if (op == O.OP_SLLI) wr(rd, a << <u32>imm);
    else if (op == O.OP_ANDI) wr(rd, a & <u32>imm);
    else if (op == O.OP_XOR) wr(rd, a ^ b);
    else if (op == O.OP_SUB) wr(rd, a - b);
    else if (op == O.OP_AND) wr(rd, a & b);
    else if (op == O.OP_JAL) {
      wr(rd, npc);
      npc = pc + <u32>imm;
    } else if (op == O.OP_OR) wr(rd, a | b);
    else if (op == O.OP_LUI) wr(rd, <u32>imm);
    else if (op == O.OP_JALR) {
      wr(rd, npc);
      npc = va & ~1;
    } else if (op == O.OP_BLTU) {
      if (a < b) npc = pc + <u32>imm;
    } else if (op == O.OP_BGEU) {
      if (a >= b) npc = pc + <u32>imm;
    } else if (op == O.OP_MUL) wr(rd, a * b);
    // MUTANT=1 (test builds only, see test/isa.test.ts) breaks sltu on purpose: the negative control that
    // proves the ISA ROMs catch a wrong instruction.
    else if (op == O.OP_SLTU) wr(rd, MUTANT == 1 ? (<i32>a < <i32>b ? 1 : 0) : a < b ? 1 : 0);
    else if (op == O.OP_LBU && load<u32>(STLB_LOAD + ei) == (va & 0xfffff000)) {
      const h = va + load<u32>(STLB_LOAD + ei, 4);
      wr(rd, <u32>load<u8>(h));
      if (TIMED) {
        lastLd = rd;
        cyc += <u64>dataAccessCycles(h, 1, false);
        statAdd(ST_LOADS, 1);
        if (xl) statAdd(ST_DTLB_HIT, 1);
      }
    } else if (op == O.OP_BLT) {
      if (<i32>a < <i32>b) npc = pc + <u32>imm;
    } else if (op == O.OP_BGE) {
      if (<i32>a >= <i32>b) npc = pc + <u32>imm;
    } else if (op == O.OP_SLTIU) wr(rd, a < <u32>imm ? 1 : 0);
    else if (op == O.OP_MULHU) wr(rd, <u32>((<u64>a * <u64>b) >> 32));
    else if (op == O.OP_AUIPC) wr(rd, pc + <u32>imm);
    else if (op == O.OP_SB && load<u32>(STLB_STORE + ei) == (va & 0xfffff000)) {
      const h = va + load<u32>(STLB_STORE + ei, 4);
      store<u8>(h, <u8>b);
      if (hasSlots(h)) invalidateDecodedRange(h, 1);
      if (TIMED) {
        cyc += <u64>dataAccessCycles(h, 1, true);
        statAdd(ST_STORES, 1);
        if (xl) statAdd(ST_DTLB_HIT, 1);
      }
    } else if (op == O.OP_SLTI) wr(rd, <i32>a < imm ? 1 : 0);
    else if (op == O.OP_SRL) wr(rd, a >>> (b & 31));
    else if (op == O.OP_XORI) wr(rd, a ^ <u32>imm);
    else if (op == O.OP_ORI) wr(rd, a | <u32>imm);
    else {
      // The rest: rarer ops, and every path that can trap or reach the slow paths. The slow paths read
      // the counters, so they are published first; a trap is taken in one place after the switch.
      setCycles(TIMED ? cyc : cyc0 + icount);
      setInstret(inst0 + icount);
      switch (op) {
        case O.OP_ILLEGAL: {
          raiseException(EXC_ILLEGAL, <u32>imm, pc);
          break;
        }
        case O.OP_SLL: wr(rd, a << (b & 31)); break;
        case O.OP_SLT: wr(rd, <i32>a < <i32>b ? 1 : 0); break;
        case O.OP_SRA: wr(rd, <u32>(<i32>a >> (b & 31))); break;
        case O.OP_SRAI: wr(rd, <u32>(<i32>a >> imm)); break;
        case O.OP_LB: case O.OP_LH: case O.OP_LW: case O.OP_LBU: case O.OP_LHU: {
          const size: u32 = op == O.OP_LW ? 4 : op == O.OP_LH || op == O.OP_LHU ? 2 : 1;
          const e = STLB_LOAD + (((va >>> 12) & 255) << 3);
          let v: u32;
          if (load<u32>(e) == (va & (0xfffff000 | (size - 1)))) {
            const h = va + load<u32>(e, 4);
            v = size == 4 ? load<u32>(h) : size == 2 ? <u32>load<u16>(h) : <u32>load<u8>(h);
            if (TIMED) {
              cyc += <u64>dataAccessCycles(h, size, false);
              statAdd(ST_LOADS, 1);
              if (xl) statAdd(ST_DTLB_HIT, 1);
            }
          } else {
            v = loadSlow(va, size, pc);
            if (g_exc) break;
            if (g_endChunk || g_stop != 0) limit = icount + 1;
            if (g_refetch) fwin = 0;
          }
          if (op == O.OP_LB) v = <u32><i32><i8>v;
          else if (op == O.OP_LH) v = <u32><i32><i16>v;
          wr(rd, v);
          if (TIMED) lastLd = rd;
          break;
        }
        case O.OP_SB: case O.OP_SH: case O.OP_SW: {
          const size: u32 = op == O.OP_SW ? 4 : op == O.OP_SH ? 2 : 1;
          const e = STLB_STORE + (((va >>> 12) & 255) << 3);
          if (load<u32>(e) == (va & (0xfffff000 | (size - 1)))) {
            const h = va + load<u32>(e, 4);
            if (size == 4) store<u32>(h, b); else if (size == 2) store<u16>(h, <u16>b); else store<u8>(h, <u8>b);
            if (hasSlots(h)) invalidateDecodedRange(h, size);
            if (TIMED) {
              cyc += <u64>dataAccessCycles(h, size, true);
              statAdd(ST_STORES, 1);
              if (xl) statAdd(ST_DTLB_HIT, 1);
            }
          } else {
            storeSlow(va, size, b, pc);
            if (g_exc) break;
            if (g_endChunk || g_stop != 0) limit = icount + 1;
            if (g_refetch) fwin = 0;
          }
          break;
        }
        case O.OP_FENCE: break;
        case O.OP_FENCE_I: fwin = 0; break;
        case O.OP_ECALL: case O.OP_EBREAK: {
          if (op == O.OP_ECALL) raiseException(EXC_ECALL_U + getPriv(), 0, pc);
          else raiseException(EXC_BREAKPOINT, pc, pc);
          break;
        }
        case O.OP_MRET: case O.OP_SRET: case O.OP_WFI: case O.OP_SFENCE_VMA: {
          const priv = getPriv();
          let illegal = false;
          let raw: u32 = 0;
          if (op == O.OP_MRET) {
            raw = RAW_MRET;
            if (priv < PRIV_M) illegal = true; else npc = doMret();
          } else if (op == O.OP_SRET) {
            raw = RAW_SRET;
            if (priv < PRIV_S || (priv == PRIV_S && (g_mstatus & MS_TSR) != 0)) illegal = true; else npc = doSret();
          } else if (op == O.OP_WFI) {
            raw = RAW_WFI;
            if (priv == PRIV_U || (priv == PRIV_S && (g_mstatus & MS_TW) != 0)) illegal = true; else g_wfi = true;
          } else {
            raw = 0x12000073 | (((w >>> 16) & 31) << 15) | (((w >>> 24) & 31) << 20);
            if (priv == PRIV_U || (priv == PRIV_S && (g_mstatus & MS_TVM) != 0)) illegal = true;
            else {
              const rs1 = (w >>> 16) & 31, rs2 = (w >>> 24) & 31;
              tlbFlush(itlb, rs1 != 0, a, rs2 != 0, b & 0x1ff);
              tlbFlush(dtlb, rs1 != 0, a, rs2 != 0, b & 0x1ff);
              softTlbFlush();
            }
          }
          if (illegal) {
            raiseException(EXC_ILLEGAL, raw, pc);
            break;
          }
          fwin = 0;
          limit = icount + 1; // interrupt enables or the address space may have changed
          break;
        }
        case O.OP_CSRRW: case O.OP_CSRRS: case O.OP_CSRRC: case O.OP_CSRRWI: case O.OP_CSRRSI: case O.OP_CSRRCI: {
          const isImm = op >= O.OP_CSRRWI;
          const kind: u32 = isImm ? op - O.OP_CSRRWI : op - O.OP_CSRRW;
          const rs1f = (w >>> 16) & 31;
          const src = isImm ? rs1f : a;
          const doWrite = kind == 0 || rs1f != 0;
          const old = csrAccess(<u32>imm & 0xfff, kind, src, doWrite, pc, csrRaw(op, w, imm));
          if (g_exc) break;
          wr(rd, old);
          if (doWrite) {
            if (TIMED) {
              // A CSR write flushes the pipeline on some cores (pipeline.csrWriteCycles, docs/TIMING.md).
              const cw = cfg(CF_CSR_WRITE_CYCLES);
              if (cw != 0) { addPenalty(<u64>cw); statAdd(ST_STALL_OTHER, <u64>cw); }
            }
            limit = icount + 1;
            if (g_refetch) fwin = 0;
          }
          break;
        }
        case O.OP_MULH: wr(rd, <u32>((<i64><i32>a * <i64><i32>b) >> 32)); break;
        case O.OP_MULHSU: wr(rd, <u32>((<i64><i32>a * <i64>(<u64>b)) >> 32)); break;
        case O.OP_DIV:
          wr(rd, b == 0 ? 0xffffffff : (a == 0x80000000 && b == 0xffffffff) ? a : <u32>(<i32>a / <i32>b));
          break;
        case O.OP_DIVU: wr(rd, b == 0 ? 0xffffffff : a / b); break;
        case O.OP_REM:
          wr(rd, b == 0 ? a : (a == 0x80000000 && b == 0xffffffff) ? 0 : <u32>(<i32>a % <i32>b));
          break;
        case O.OP_REMU: wr(rd, b == 0 ? a : a % b); break;
        case O.OP_LR_W: case O.OP_SC_W: case O.OP_AMOSWAP_W: case O.OP_AMOADD_W: case O.OP_AMOXOR_W:
        case O.OP_AMOAND_W: case O.OP_AMOOR_W: case O.OP_AMOMIN_W: case O.OP_AMOMAX_W: case O.OP_AMOMINU_W:
        case O.OP_AMOMAXU_W: {
          const h = amoHost(a, op == O.OP_LR_W, pc);
          if (g_exc) break;
          if (op == O.OP_LR_W) {
            store<u32>(H_RESERVATION, h);
            wr(rd, load<u32>(h));
            if (TIMED) lastLd = rd;
          } else if (op == O.OP_SC_W) {
            if (load<u32>(H_RESERVATION) == h) {
              store<u32>(h, b);
              if (hasSlots(h)) invalidateDecodedRange(h, 4);
              wr(rd, 0);
            } else wr(rd, 1);
            store<u32>(H_RESERVATION, 1);
          } else {
            const old = load<u32>(h);
            let nv: u32 = b;
            switch (op) {
              case O.OP_AMOADD_W: nv = old + b; break;
              case O.OP_AMOXOR_W: nv = old ^ b; break;
              case O.OP_AMOAND_W: nv = old & b; break;
              case O.OP_AMOOR_W: nv = old | b; break;
              case O.OP_AMOMIN_W: nv = <i32>old < <i32>b ? old : b; break;
              case O.OP_AMOMAX_W: nv = <i32>old > <i32>b ? old : b; break;
              case O.OP_AMOMINU_W: nv = old < b ? old : b; break;
              case O.OP_AMOMAXU_W: nv = old > b ? old : b; break;
            }
            store<u32>(h, nv);
            if (hasSlots(h)) invalidateDecodedRange(h, 4);
            wr(rd, old);
          }
          break;
        }
        default:
          // An op id with no case is a decoder bug, not a guest error: treat it as illegal.
          raiseException(EXC_ILLEGAL, 0, pc);
      }
      if (TIMED) cyc += takePenalty();
      if (g_exc) {
        clearExc(); tr++; limit--; pc = g_trapPc; fwin = 0;
        if (g_stop != 0) limit = icount;
        continue;
      }
    }
    if (TIMED) {
      cyc++; // the base cycle of every retired instruction
      if (op >= O.OP_JAL) {
        if (op <= O.OP_BGEU) {
          let pen: u32 = cfg(CF_JUMP_PENALTY);
          if (op >= O.OP_BEQ) {
            // Taken from the condition itself (a branch to the next instruction is still taken).
            const taken = op == O.OP_BEQ ? a == b : op == O.OP_BNE ? a != b : op == O.OP_BLT ? <i32>a < <i32>b
              : op == O.OP_BGE ? <i32>a >= <i32>b : op == O.OP_BLTU ? a < b : a >= b;
            const brPen = cfg(CF_BRANCH_PENALTY);
            pen = cfg(CF_PREDICTOR) == 1 ? (taken != (imm < 0) ? brPen : 0) : taken ? brPen : 0;
          }
          if (pen != 0) { cyc += <u64>pen; statAdd(ST_STALL_BRANCH, <u64>pen); }
          if (cyc >= g_eventAt) limit = icount + 1; // a timer event is due: end the chunk
        } else if (op >= O.OP_CSRRW) {
          const x: u64 = extra(cfg(op <= O.OP_CSRRCI ? CF_CSR_CYCLES : op == O.OP_MUL ? CF_MUL_CYCLES : op <= O.OP_MULHU ? CF_MULH_CYCLES : op <= O.OP_REMU ? CF_DIV_CYCLES : op <= O.OP_SC_W ? CF_LRSC_CYCLES : CF_AMO_CYCLES));
          if (x != 0) { cyc += x; statAdd(op >= O.OP_MUL && op <= O.OP_REMU ? ST_STALL_MULDIV : ST_STALL_OTHER, x); }
        }
      }
    }
    // Trace build: a nearly full trace ring (or any stop request from a hot-path miss) ends the chunk.
    if (TRACE && g_stop != 0) limit = icount + 1;
    if (JIT_BUILD && op >= O.OP_JAL && op <= O.OP_BGEU) {
      jskip = false; // at a block start again
      // Timed build, a page fetched uncached from flash: hotRun does not run such pages (their fetches
      // need calls), so their warm-up for the page compiler happens here, a block at a time: the block
      // starts the interpreter goes to are marked, and the page is compiled once hot (the loop's next turn
      // calls it).
      if (TIMED && fmode == 2 && jrec != 0 && g_jitOn && load<u32>(jrec) == 0) {
        const heat = load<u32>(jrec, JD_HEAT) + wcount;
        wcount = 0;
        store<u32>(jrec, heat, JD_HEAT);
        if (<u32>(npc - fpage) < fwin) {
          markEntry(fbase, npc - fpage);
          if (heat >= g_jitHeat) jitCompile(jrec, fhost, fbase, npc - fpage);
        }
      }
    }
    pc = npc;
    icount++;
  }
  setPc(pc);
  setInstret(inst0 + icount);
  setCycles(TIMED ? cyc : cyc0 + icount);
  if (TIMED) {
    addIcacheSameLineHits(<u64>iSame);
  }
  return icount + tr;
}
