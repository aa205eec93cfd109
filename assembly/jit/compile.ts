// The page compiler of the fast and timed builds: turns the hot code of one 4 KiB page into one
// WebAssembly function (docs/ARCHITECTURE.md, "The page compiler").
//
// Why: on this project's machines an indirect jump costs ~30 host cycles, so an interpreter pays for its
// dispatch on every instruction. A compiled page runs its basic blocks as straight-line wasm with the
// guest registers in wasm locals, and dispatches only between blocks, by a binary search on the page
// offset (compares, no indirect jump).
//
// The function is `f(vbase, off, budget) -> retired`: it starts at page offset `off` of the virtual page
// `vbase` and runs whole blocks while `retired + block length <= budget`. It leaves at the first thing it
// does not do itself, before doing any of it: an op it does not compile (CSR, system, AMO, fence.i...), a
// load or store the soft TLB does not answer in one compare, a store into a page with decoded code, a
// jump out of the page, a pc that is not one of its entries, or a block that does not fit the budget.
// It writes the pc to resume at (JIT_OUT_PC) and why it left (JIT_OUT_REASON); the interpreter takes
// over from there, so every instruction has exactly the interpreter's semantics, and a run gives the
// same registers, memory, instret and cycles with or without compiled pages. The timed build emits the
// cycle model inline with exactly the interpreter's rules and order (see emitBlock), and hands its state
// (cycles, I-cache line, a pending load-use, a charged fetch) back through the JIT_IO/JIT_OUT slots.
//
// Entries: the page offset where the interpreter was when the page got hot, and the slots marked with
// ENTRY_MARK: block starts the interpreter went to while the page warmed up, and offsets the function was
// asked to start at but did not know; plus the return points of calls and the continuations of long
// blocks in those blocks.
import { DECODE_DIR_BASE, FLASH_HOST, HART_BASE, JIT_BUF_BASE } from '../layout';
import { STLB_LOAD, STLB_STORE } from '../mmu/softtlb';
import { statAdd, ST_JIT_COMPILES } from '../stats';
import { fillSlot } from '../cpu/predecode';
import * as O from '../cpu/ops';
import {
  byte, sleb64, emitReset, g_overflow, g_p, i32const, localGet, localSet, localTee, memop, op, patchUleb5, reserve5, sleb, uleb,
  W_BLOCK, W_BR, W_DROP, W_ELSE, W_END, W_I32_ADD, W_I32_AND, W_I32_DIV_S, W_I32_DIV_U, W_I32_EQ, W_I32_EQZ, W_I32_GE_S,
  W_I32_GE_U, W_I32_GT_U, W_I32_LOAD, W_I32_LOAD16_S, W_I32_LOAD16_U, W_I32_LOAD8_S, W_I32_LOAD8_U, W_I32_LT_S, W_I32_LT_U,
  W_I32_MUL, W_I32_NE, W_I32_OR, W_I32_REM_S, W_I32_REM_U, W_I32_SHL, W_I32_SHR_S, W_I32_SHR_U, W_I32_STORE, W_I32_STORE16,
  W_I32_STORE8, W_I32_SUB, W_I32_WRAP_I64, W_I32_XOR, W_I64_CONST, W_I64_EXTEND_I32_S, W_I64_EXTEND_I32_U, W_I64_MUL,
  W_I64_SHR_U, W_IF, W_LOOP, W_TYPE_I32, W_VOID, W_I64_LOAD, W_I64_STORE, W_I64_ADD, W_I64_GE_U, W_TYPE_I64, W_CALL, W_BR_IF, W_SELECT,
} from './emit';
import {
  cfg, CF_BRANCH_PENALTY, CF_DIV_CYCLES, CF_RAM_CYCLES, CF_JUMP_PENALTY, CF_LOAD_USE, CF_MUL_CYCLES, CF_MULH_CYCLES, CF_PREDICTOR,
} from '../config';
import { FLASH_BANK_BYTES, FLASHCTL_BASE, RAM_HOST, STATS_BASE } from '../layout';
import { bankRec, B_LAST_PAGE, B_LAST_WORD, B_RCR, S_BYTES_READ } from '../dev/norflash/state';
import { p32, P_BURST_CLK, P_PAGE_WORDS, P_T_ACC, P_T_PAGE } from '../dev/norflash/params';
import { bankWidth } from '../dev/norflash/geometry';
import { fetchPlan, g_fetchCached, g_fetchEach, g_fetchShift } from '../timing/memory';
import { Cache, dcache, icache } from '../cache/cache';
import {
  ST_DTLB_HIT, ST_LOADS, ST_STALL_BRANCH, ST_STALL_FLASH, ST_STALL_LOADUSE, ST_STALL_MULDIV, ST_STALL_RAM, ST_STORES,
} from '../stats';
import { g_jitLive, jitInstall, jitInvalidate, JD_COMPILES, JD_HEAT, JD_MISSES, JIT_GAVE_UP } from './dir';

/** Where a compiled function leaves the pc to resume at and the reason it stopped. */
// @ts-ignore: decorator
@inline export const JIT_OUT_PC: u32 = HART_BASE + 0x900;
// @ts-ignore: decorator
@inline export const JIT_OUT_REASON: u32 = HART_BASE + 0x904;

// Timed build: the cycle model's state crosses the call in these slots (see execute()).
// @ts-ignore: decorator
@inline export const JIT_OUT_LASTLD: u32 = HART_BASE + 0x908;  // out: rd offset of a load just before the exit, or 0
// @ts-ignore: decorator
@inline export const JIT_OUT_FETCHED: u32 = HART_BASE + 0x90c; // out: the fetch of the instruction at the pc is charged
// @ts-ignore: decorator
@inline export const JIT_IO_ILINE: u32 = HART_BASE + 0x910;    // in/out: the I-cache line of the last fetch
// @ts-ignore: decorator
@inline export const JIT_IN_XL: u32 = HART_BASE + 0x914;       // in: data accesses are translated (DTLB hits count)
// @ts-ignore: decorator
@inline export const JIT_OUT_ICORE: u32 = HART_BASE + 0x918;   // out: fetches the core's jitFetchHit* counted (see L_FHOK)
// @ts-ignore: decorator
@inline export const JIT_IO_CYC: u32 = HART_BASE + 0x920;      // in/out (u64): the cycle counter
// @ts-ignore: decorator
@inline export const JIT_IN_EVENT: u32 = HART_BASE + 0x928;    // in (u64): the cycle of the next timer event

/** Reasons (JIT_OUT_REASON). */
// @ts-ignore: decorator
@inline export const JR_UNKNOWN: u32 = 0; // the start offset is not an entry of the function
// @ts-ignore: decorator
@inline export const JR_SLOW: u32 = 1;    // the instruction at the pc needs the interpreter
// @ts-ignore: decorator
@inline export const JR_BUDGET: u32 = 2;  // the next block does not fit the budget
// @ts-ignore: decorator
@inline export const JR_LEAVE: u32 = 3;   // control left the page
// @ts-ignore: decorator
@inline export const JR_EVENT: u32 = 4;   // timed build: a timer event is due (after a control op, as in execute())

/** Bit 21 of a slot's first word (unused by the decoder): the compiled function was asked to start here. */
// @ts-ignore: decorator
@inline export const ENTRY_MARK: u32 = 1 << 21;

/** Marks the slot of page offset off (slots at fbase) as a block start the compiled page should know. */
// @ts-ignore: decorator
@inline export function markEntry(fbase: u32, off: u32): void {
  const s = fbase + (off << 2);
  store<u32>(s, load<u32>(s) | ENTRY_MARK);
}

/** Blocks longer than this end with a fall-through to the next block (keeps the budget check fine-grained). */
// @ts-ignore: decorator
@inline const MAX_BLOCK: u32 = 64;
/** At most this many entries (blocks) per page. */
// @ts-ignore: decorator
@inline const MAX_ENTRIES: i32 = 1024;

// Locals of the generated function: the three parameters, then scratch, then x1..x31 at L_REG + r.
// @ts-ignore: decorator
@inline const L_VBASE: u32 = 0;
// @ts-ignore: decorator
@inline const L_OFF: u32 = 1;
// @ts-ignore: decorator
@inline const L_BUDGET: u32 = 2;
// @ts-ignore: decorator
@inline const L_N: u32 = 3;
// @ts-ignore: decorator
@inline const L_PC: u32 = 4;
// @ts-ignore: decorator
@inline const L_REASON: u32 = 5;
// @ts-ignore: decorator
@inline const L_T: u32 = 6;
// @ts-ignore: decorator
@inline const L_T2: u32 = 7;
// @ts-ignore: decorator
@inline const L_REG: u32 = 7;
// Timed build: the cycle model's locals, after the registers (39..45 i32, then 46..53 i64). The stall
// counts are i64 like the cycle count: one call may run up to 2^32 - 1 instructions (the budget), each
// with up to 255 stall cycles.
// @ts-ignore: decorator
@inline const L_ILINE: u32 = 39;
// @ts-ignore: decorator
@inline const L_LASTLD: u32 = 40;
// @ts-ignore: decorator
@inline const L_FETCHED: u32 = 41;
// @ts-ignore: decorator
@inline const L_LOADS: u32 = 42;
// @ts-ignore: decorator
@inline const L_STORES: u32 = 43;
// Accesses the core's jitDataCycles answered (hits and misses; the other accesses are inline hits), and
// fetches whose hits the core's jitFetchHit* counted (less one per inline straddle: JIT_OUT_ICORE).
// @ts-ignore: decorator
@inline const L_DCOK: u32 = 44;
// @ts-ignore: decorator
@inline const L_FHOK: u32 = 45;
// @ts-ignore: decorator
@inline const N_LOCALS: u32 = 43; // i32 locals after the parameters (3..45)
// @ts-ignore: decorator
@inline const L_CYC: u32 = 46;
// @ts-ignore: decorator
@inline const L_EVENT: u32 = 47;
// @ts-ignore: decorator
@inline const L_SBR: u32 = 48;
// @ts-ignore: decorator
@inline const L_SMD: u32 = 49;
// @ts-ignore: decorator
@inline const L_SLU: u32 = 50;
// @ts-ignore: decorator
@inline const L_SRAM: u32 = 51;
/** Timed, pages fetched uncached from flash: flash stall cycles and array bytes read by inline fetches. */
// @ts-ignore: decorator
@inline const L_SFLASH: u32 = 52;
// @ts-ignore: decorator
@inline const L_FBYTES: u32 = 53;
// @ts-ignore: decorator
@inline const N_LOCALS64: u32 = 8;

// Timed build: the imported core functions (function indices 0 to 3; the page function is 4).
// @ts-ignore: decorator
@inline const F_FETCH_HIT: u32 = 0;
// @ts-ignore: decorator
@inline const F_DATA: u32 = 1;
// @ts-ignore: decorator
@inline const F_FETCH_HIT2: u32 = 2;
// @ts-ignore: decorator
@inline const F_FETCH_FLASH: u32 = 3;

// Timed build: how fetches on the page are charged (fetchPlan: 0 nothing, 1 cached, 2 uncached flash,
// 3 uncached RAM),
// the line shift and the per-fetch cost, and the cost table, all fixed when the page is compiled.
let g_fmode: u32 = 0;
/**
 * Timed build, a page fetched uncached from flash whose bank reads in asynchronous page mode (the state
 * its compile finds: a change of the read configuration drops the bank's compiled code, hooks.ts): the
 * fetches are charged inline with the flash timing model's page-mode rule (dev/norflash/timing.ts
 * wordCycles): a bus word in the page read last costs tPAGE, any other tACC; the bank's open page and
 * last word are kept in its state as the model keeps them. The open page is known at compile time after
 * a fetch until something may read the bank (a load or store: the core's data path), else it is loaded.
 */
let g_fInline = false;
let g_fBankOff: u32 = 0;   // the page's offset in its bank
let g_fStateAddr: u32 = 0; // the bank's state record
let g_fBw: u32 = 4;        // bytes per bus word
let g_fPageWords: u32 = 1;
let g_fTAcc: u32 = 0;
let g_fTPage: u32 = 0;
let g_fPageKnown = false;  // during emission: the bank's open page is g_fPage
let g_fPage: u32 = 0;
let g_fStatePending = false; // the bank's last word (g_fWord) and open page (g_fPage) are not stored yet
let g_fWord: u32 = 0;
let g_ishift: u32 = 0;
let g_fEach: u32 = 0;

// Compile-time scratch (the stub runtime never frees; these are allocated once).
const entries = new StaticArray<u16>(2048);
const isEntry = new StaticArray<u8>(2048);
let nEntries: i32 = 0;
let usedRegs: u32 = 0;    // bit r: x_r is read or written somewhere (loaded at entry)
let writtenRegs: u32 = 0; // bit r: x_r is written somewhere (stored at exit)

let g_fhost: u32 = 0;
let g_fbase: u32 = 0;

/** Ops the generated code runs itself. */
function compiled(op: u32): bool {
  return (op >= O.OP_ADD && op <= O.OP_FENCE) || (op >= O.OP_MUL && op <= O.OP_REMU);
}
function isControl(op: u32): bool { return op >= O.OP_JAL && op <= O.OP_BGEU; }
function writesRd(op: u32): bool {
  return (op >= O.OP_ADD && op <= O.OP_JALR) || (op >= O.OP_LB && op <= O.OP_LHU) || (op >= O.OP_MUL && op <= O.OP_REMU);
}

/** The slot word at page offset off, decoding the instruction first if needed (as execute() does). */
function slotWord(off: u32): u32 {
  const s = g_fbase + (off << 2);
  if ((load<u32>(s) & 0xff) == O.OP_DECODE) fillSlot(s, g_fhost, off);
  return load<u32>(s);
}
// @ts-ignore: decorator
@inline function slotImm(off: u32): i32 { return load<i32>(g_fbase + (off << 2), 4); }
// @ts-ignore: decorator
@inline function ilenOf(w: u32): u32 { return 4 - ((w >>> 14) & 2); }

function addEntry(off: u32): void {
  if (off >= 4096 || nEntries >= MAX_ENTRIES) return;
  const k = off >>> 1;
  if (unchecked(isEntry[k]) != 0) return;
  unchecked(isEntry[k] = 1);
  unchecked(entries[nEntries++] = <u16>off);
}

/** Adds the block start at off if the interpreter was seen starting a block there. */
function addIfMarked(off: u32): void {
  if (off < 4096 && (load<u32>(g_fbase + (off << 2)) & ENTRY_MARK) != 0) addEntry(off);
}

/**
 * Walks the block at off: notes the registers it uses and its successors. Branch targets and
 * fall-throughs become entries when the interpreter was seen going there (cold paths stay out of the
 * function and leave it as unknown entries, which a later compile adds once they are taken often); the
 * target of a backward branch (a loop head), the return point of a call and the continuation of a long
 * block always do.
 */
function scanBlock(start: u32): void {
  let off = start;
  let n: u32 = 0;
  while (off < 4096 && n < MAX_BLOCK) {
    const w = slotWord(off);
    const o = w & 0xff;
    if (!compiled(o)) return;
    usedRegs |= (1 << ((w >>> 16) & 31)) | (1 << ((w >>> 24) & 31));
    const rd = (w >>> 8) & 0x3f;
    if (writesRd(o) && rd < 32) { usedRegs |= 1 << rd; writtenRegs |= 1 << rd; }
    const next = off + ilenOf(w);
    n++;
    if (isControl(o)) {
      const imm = slotImm(off);
      // A backward branch's target is a loop head: always an entry.
      if (o >= O.OP_BEQ && imm < 0) addEntry(off + <u32>imm);
      else if (o != O.OP_JALR) addIfMarked(off + <u32>imm);
      if (o >= O.OP_BEQ) addIfMarked(next);
      else if (rd < 32) addEntry(next);
      return;
    }
    off = next;
  }
  if (off < 4096) addEntry(off);
}

// ---------------------------------------------------------------------------------------- code generation

// @ts-ignore: decorator
@inline function getReg(r: u32): void {
  if (r == 0) i32const(0); else localGet(L_REG + r);
}
/** Pops the value on the stack into rd (the sink 32 drops it). */
// @ts-ignore: decorator
@inline function setReg(rd: u32): void {
  if (rd >= 32) op(W_DROP); else localSet(L_REG + rd);
}

/**
 * n += done; pc = vbase + off; reason; br to the exit block (depth `toExit`). Timed build: also what the
 * interpreter needs to carry on (the load just before, whether this instruction's fetch is charged).
 */
function exitAt(off: u32, done: u32, reason: u32, toExit: u32, lastLd: u32 = 0, fetched: u32 = 0): void {
  if (done != 0) { localGet(L_N); i32const(<i32>done); op(W_I32_ADD); localSet(L_N); }
  localGet(L_VBASE); i32const(<i32>off); op(W_I32_ADD); localSet(L_PC);
  exitTail(reason, toExit, lastLd, fetched);
}
function exitTail(reason: u32, toExit: u32, lastLd: u32, fetched: u32): void {
  if (TIMED) emitPend();
  i32const(<i32>reason); localSet(L_REASON);
  if (TIMED) {
    i32const(<i32>lastLd); localSet(L_LASTLD);
    i32const(<i32>fetched); localSet(L_FETCHED);
  }
  byte(W_BR); uleb(toExit);
}

// Timed build: cycles and stall counts charged so far in the block but not yet added to their locals.
// Constant costs are summed at compile time and added where they are needed: at a control op, at the block
// end, and in every exit path (which sees the sum up to its own point).
let g_pendCyc: u64 = 0;
let g_pendLU: u64 = 0;
let g_pendMD: u64 = 0;
let g_pendRAM: u64 = 0;
let g_pendLoads: u32 = 0;
let g_pendStores: u32 = 0;
let g_pendFlash: u64 = 0;
let g_pendFBytes: u64 = 0;
function emitPend(): void {
  addCycles(g_pendCyc);
  addLocal64(L_SLU, g_pendLU);
  addLocal64(L_SMD, g_pendMD);
  addLocal64(L_SRAM, g_pendRAM);
  addLocal64(L_SFLASH, g_pendFlash);
  addLocal64(L_FBYTES, g_pendFBytes);
  addLocal(L_LOADS, g_pendLoads);
  addLocal(L_STORES, g_pendStores);
}
function clearPend(): void {
  g_pendCyc = 0; g_pendLU = 0; g_pendMD = 0; g_pendRAM = 0; g_pendLoads = 0; g_pendStores = 0; g_pendFlash = 0; g_pendFBytes = 0;
}
function flushPend(): void {
  flushFlashState();
  emitPend();
  clearPend();
}

/** Timed build: cyc += c (a constant). */
function addCycles(c: u64): void {
  if (c == 0) return;
  localGet(L_CYC); byte(W_I64_CONST); sleb64(<i64>c); op(W_I64_ADD); localSet(L_CYC);
}
/** Timed build: local += c (an i64 counter). */
function addLocal64(l: u32, c: u64): void {
  if (c == 0) return;
  localGet(l); byte(W_I64_CONST); sleb64(<i64>c); op(W_I64_ADD); localSet(l);
}
/** local += c (an i32 counter). */
function addLocal(l: u32, c: u32): void {
  if (c == 0) return;
  localGet(l); i32const(<i32>c); op(W_I32_ADD); localSet(l);
}
/** Timed build: after a control op, as execute() does: a due timer event ends the run (at pc vbase+off).
 * (Nothing is pending there: control ops flush.) */
function eventCheck(off: u32, done: u32, toExit: u32): void {
  localGet(L_CYC); localGet(L_EVENT); op(W_I64_GE_U);
  byte(W_IF); byte(W_VOID);
  exitAt(off, done, JR_EVENT, toExit + 1);
  op(W_END);
}

/**
 * Continue at page offset `off` after `done` instructions: through the dispatch when it is in the page.
 * After a control op (ctl) the timed build first checks for a due timer event.
 */
function goTo(off: u32, done: u32, toLoop: u32, ctl: bool = true): void {
  if (TIMED && ctl) eventCheck(off, done, toLoop + 1);
  if (off >= 4096) { exitAt(off, done, JR_LEAVE, toLoop + 1); return; }
  if (done != 0) { localGet(L_N); i32const(<i32>done); op(W_I32_ADD); localSet(L_N); }
  i32const(<i32>off); localSet(L_OFF);
  byte(W_BR); uleb(toLoop);
}

/**
 * Effective address into L_T and the soft TLB check of `table`: branches `toFail` levels out when it
 * misses (misaligned, not plain memory, not filled). After it L_T2 holds the host address.
 */
function memAccess(table: u32, rs1: u32, imm: i32, size: u32, off: u32, done: u32, toLoop: u32, lastLd: u32): void {
  getReg(rs1); i32const(imm); op(W_I32_ADD); localTee(L_T);
  i32const(12); op(W_I32_SHR_U); i32const(255); op(W_I32_AND); i32const(3); op(W_I32_SHL); localTee(L_T2);
  memop(W_I32_LOAD, 2, table);
  localGet(L_T); i32const(<i32>(0xfffff000 | (size - 1))); op(W_I32_AND);
  op(W_I32_NE);
  byte(W_IF); byte(W_VOID);
  exitAt(off, done, JR_SLOW, toLoop + 2, lastLd, 1);
  op(W_END);
  localGet(L_T); localGet(L_T2); memop(W_I32_LOAD, 2, table + 4); op(W_I32_ADD); localSet(L_T2);
}

/**
 * Timed build: branches `toHit` levels out when the record of the set of cache `c` holding the constant
 * I-cache line `line` names it (cache/cache.ts: resident, its set's MRU, so the lookup's touch would
 * change nothing).
 */
function iRecordHit(c: Cache, line: u32, toHit: u32): void {
  i32const(0); memop(W_I32_LOAD, 2, c.mru + ((line & (c.sets - 1)) << 2));
  i32const(<i32>line); op(W_I32_EQ); byte(W_BR_IF); uleb(toHit);
}

/**
 * Timed build, g_fInline: the fetch of the `ilen`-byte instruction at page offset `off` from the flash
 * bank in asynchronous page mode, as rangeCycles()/wordCycles() charge it: per bus word, tPAGE in the
 * open page, else tACC, then the word's page is the open one; the bytes count as read; the cycles are
 * flash stall. Only the first word's page test may need the bank's state (the open page before the
 * fetch); the rest is known when compiling.
 */
function emitFlashFetch(off: u32, ilen: u32): void {
  const w0 = (g_fBankOff + off) / g_fBw, w1 = (g_fBankOff + off + ilen - 1) / g_fBw;
  let page = w0 / g_fPageWords;
  if (g_fPageKnown) {
    const c: u64 = page == g_fPage ? g_fTPage : g_fTAcc;
    g_pendCyc += c;
    g_pendFlash += c;
  } else {
    i32const(<i32>g_fTPage); i32const(<i32>g_fTAcc);
    i32const(0); memop(W_I32_LOAD, 2, g_fStateAddr + B_LAST_PAGE); i32const(<i32>page); op(W_I32_EQ);
    op(W_SELECT); localTee(L_T);
    op(W_I64_EXTEND_I32_U); localGet(L_CYC); op(W_I64_ADD); localSet(L_CYC);
    localGet(L_T); op(W_I64_EXTEND_I32_U); localGet(L_SFLASH); op(W_I64_ADD); localSet(L_SFLASH);
  }
  for (let w = w0 + 1; w <= w1; w++) {
    const p = w / g_fPageWords;
    const c: u64 = p == page ? g_fTPage : g_fTAcc;
    g_pendCyc += c;
    g_pendFlash += c;
    page = p;
  }
  g_pendFBytes += ilen;
  g_fPageKnown = true;
  g_fPage = page;
  g_fWord = w1;
  g_fStatePending = true;
}

/**
 * Timed build, g_fInline: stores the bank's last word and open page of the fetches so far, where anything
 * may read them (the core's data path, the interpreter after an exit, the next block): before a load or
 * store and wherever the pending sums are flushed (a control op, the block's end).
 */
function flushFlashState(): void {
  if (!g_fStatePending) return;
  i32const(0); i32const(<i32>g_fWord); memop(W_I32_STORE, 2, g_fStateAddr + B_LAST_WORD);
  i32const(0); i32const(<i32>g_fPage); memop(W_I32_STORE, 2, g_fStateAddr + B_LAST_PAGE);
  g_fStatePending = false;
}

/**
 * Timed build: the data side of a load or store of `size` bytes at host address L_T2, as the
 * interpreter's dataAccessCycles() charges it: a D-cache hit on the line its set's record names (for a
 * store, with the dirty bit set: cache/cache.ts), which costs nothing and changes nothing, inline; an
 * uncached RAM access (a constant); or else the core's jitDataCycles (that function itself: the memo, a
 * full lookup, a touch, a fill, the flash read model).
 */
function dataTiming(isWrite: bool, size: u32): void {
  byte(W_BLOCK); byte(W_VOID); // $done
  if (dcache.enabled) {
    // record(set of line) vs line: (line & (sets - 1)) << 2 is (h >> (lineShift - 2)) & ((sets - 1) << 2).
    const ls = dcache.lineShift;
    localGet(L_T2); i32const(<i32>(ls - 2)); op(W_I32_SHR_U); i32const(<i32>((dcache.sets - 1) << 2)); op(W_I32_AND);
    memop(W_I32_LOAD, 2, dcache.mru);
    localGet(L_T2); i32const(<i32>ls); op(W_I32_SHR_U);
    if (isWrite) {
      i32const(<i32>0x80000000); op(W_I32_OR); op(W_I32_EQ); // the line, dirty
    } else {
      op(W_I32_XOR); i32const(1); op(W_I32_SHL); op(W_I32_EQZ); // the line, dirty or not
    }
    byte(W_BR_IF); uleb(0);
    // (A line that is not cacheable is never in the cache, so never in a record either.)
  } else {
    byte(W_BLOCK); byte(W_VOID); // $slow
    localGet(L_T2); i32const(<i32>RAM_HOST); op(W_I32_LT_U); byte(W_BR_IF); uleb(0);
    const c = cfg(CF_RAM_CYCLES);
    addCycles(c);
    addLocal64(L_SRAM, c);
    byte(W_BR); uleb(1);
    op(W_END); // $slow
  }
  localGet(L_CYC);
  localGet(L_T2); i32const(<i32>((isWrite ? 1 : 0) | (size << 1))); byte(W_CALL); uleb(F_DATA);
  op(W_I64_EXTEND_I32_U); op(W_I64_ADD); localSet(L_CYC);
  addLocal(L_DCOK, 1);
  op(W_END); // $done
}

/** Timed build: the extra cycles of a control op taken or not (profile's penalties and predictor). */
function branchPenalty(o: u32, imm: i32, taken: bool): u32 {
  if (o == O.OP_JAL || o == O.OP_JALR) return cfg(CF_JUMP_PENALTY);
  const brPen = cfg(CF_BRANCH_PENALTY);
  return cfg(CF_PREDICTOR) == 1 ? (taken != (imm < 0) ? brPen : 0) : taken ? brPen : 0;
}
/** Cycles beyond the base cycle of an op whose total cost is `total`. */
function extraOf(total: u32): u32 { return total > 1 ? total - 1 : 0; }
/** Timed build: cyc += the taken/not-taken penalty of a control op, filed as a branch stall. */
function chargeBranch(o: u32, imm: i32, taken: bool): void {
  const pen = branchPenalty(o, imm, taken);
  addCycles(pen);
  addLocal64(L_SBR, pen);
}

/** Blocks end after this many instructions (fast build) or only at the page end (timed). */
function maxBlock(): u32 { return TIMED ? 2048 : MAX_BLOCK; }

/** Emits the block at `start`; the loop label is `toLoop` levels out (the exit block one further). */
function emitBlock(start: u32, toLoop: u32): void {
  clearPend();
  g_fPageKnown = false;
  g_fStatePending = false;
  // Its length first (the budget check covers the whole block). A block also ends where another entry
  // starts (it continues there through the dispatch rather than holding a copy of that block), unless
  // (timed build) the instruction before is a load, whose load-use stall the next block could not see.
  let len: u32 = 0;
  let toEntry = false;
  {
    let off = start;
    let prevLoad = false;
    while (off < 4096 && len < maxBlock()) {
      if (off != start && unchecked(isEntry[off >>> 1]) != 0 && !(TIMED && prevLoad)) { toEntry = true; break; }
      const w = slotWord(off);
      const o = w & 0xff;
      if (!compiled(o)) break;
      len++;
      if (isControl(o)) break;
      prevLoad = o >= O.OP_LB && o <= O.OP_LHU;
      off += ilenOf(w);
    }
  }
  if (len == 0) { exitAt(start, 0, JR_SLOW, toLoop + 1); return; }
  localGet(L_N); i32const(<i32>len); op(W_I32_ADD); localGet(L_BUDGET); op(W_I32_GT_U);
  byte(W_IF); byte(W_VOID);
  exitAt(start, 0, JR_BUDGET, toLoop + 2);
  op(W_END);

  let off = start;
  let lastLd: u32 = 0;              // timed: rd offset of the previous instruction when it was a load
  let iline: u32 = 0xffffffff;      // timed, fmode 1: the I-cache line fetched last (known after the first)
  for (let i: u32 = 0; i < len; i++) {
    const w = slotWord(off);
    const o = w & 0xff;
    const imm = slotImm(off);
    const rd = (w >>> 8) & 0x3f, rs1 = (w >>> 16) & 31, rs2 = (w >>> 24) & 31;
    const ilen = ilenOf(w);
    const next = off + ilen;
    // Timed: the fetch, as hotRun() charges it.
    if (TIMED && g_fmode == 1) {
      const ha = g_fhost + off;
      const line = ha >>> g_ishift;
      if (((ha + ilen - 1) >>> g_ishift) != line) {
        // An instruction reaching into the next line: both lines are looked up, whatever the last line
        // was (fetchCost()): inline when both sets' records name them (two sets: line + 1 is looked up
        // last, so with one set it cannot be both), else through the core's jitFetchHit2. Two hits for one
        // fetch: both counted by the core (L_FHOK +1: not a same-line hit), or both here (L_FHOK -1: the
        // fetch's same-line hit and one more).
        byte(W_BLOCK); byte(W_VOID); // $done
        if (icache.sets > 1) {
          byte(W_BLOCK); byte(W_VOID); // $core
          i32const(0); memop(W_I32_LOAD, 2, icache.mru + ((line & (icache.sets - 1)) << 2)); i32const(<i32>line); op(W_I32_NE);
          byte(W_BR_IF); uleb(0);
          i32const(0); memop(W_I32_LOAD, 2, icache.mru + (((line + 1) & (icache.sets - 1)) << 2)); i32const(<i32>(line + 1)); op(W_I32_NE);
          byte(W_BR_IF); uleb(0);
          addLocal(L_FHOK, 0xffffffff);
          byte(W_BR); uleb(1);
          op(W_END); // $core
        }
        i32const(<i32>line); byte(W_CALL); uleb(F_FETCH_HIT2); op(W_I32_EQZ);
        byte(W_IF); byte(W_VOID);
        exitAt(off, i, JR_SLOW, toLoop + 3, lastLd, 0);
        op(W_END);
        addLocal(L_FHOK, 1);
        op(W_END); // $done
        i32const(<i32>(line + 1)); localSet(L_ILINE);
        iline = line + 1;
      } else if (line != iline) {
        // A lookup unless (block start) the line is the one fetched last, or its set's record names it.
        if (i == 0) { localGet(L_ILINE); i32const(<i32>line); op(W_I32_NE); byte(W_IF); byte(W_VOID); }
        const d: u32 = i == 0 ? 1 : 0;
        byte(W_BLOCK); byte(W_VOID); // $hit
        iRecordHit(icache, line, 0);
        // The core's jitFetchHit, or the interpreter.
        i32const(<i32>line); byte(W_CALL); uleb(F_FETCH_HIT); op(W_I32_EQZ);
        byte(W_IF); byte(W_VOID);
        exitAt(off, i, JR_SLOW, toLoop + 3 + d, lastLd, 0);
        op(W_END);
        addLocal(L_FHOK, 1);
        op(W_END); // $hit
        i32const(<i32>line); localSet(L_ILINE);
        if (i == 0) op(W_END);
        iline = line;
      }
    } else if (TIMED && g_fmode == 2) {
      // Uncached flash: every fetch through the flash read model (page mode, burst), as fetchCost()
      // charges it, before the instruction's own data access (the open page sees both in order): inline
      // in asynchronous page mode (g_fInline), else the core's jitFetchFlash.
      if (g_fInline) emitFlashFetch(off, ilen);
      else {
        localGet(L_CYC);
        i32const(<i32>(g_fhost + off)); i32const(<i32>ilen); byte(W_CALL); uleb(F_FETCH_FLASH);
        op(W_I64_EXTEND_I32_U); op(W_I64_ADD); localSet(L_CYC);
      }
    } else if (TIMED && g_fmode == 3) {
      g_pendCyc += g_fEach;
      g_pendRAM += g_fEach;
    }
    let ld: u32 = 0;
    switch (o) {
      case O.OP_ADD: case O.OP_SUB: case O.OP_SLL: case O.OP_SLT: case O.OP_SLTU: case O.OP_XOR: case O.OP_SRL:
      case O.OP_SRA: case O.OP_OR: case O.OP_AND: case O.OP_MUL: {
        getReg(rs1); getReg(rs2);
        op(o == O.OP_ADD ? W_I32_ADD : o == O.OP_SUB ? W_I32_SUB : o == O.OP_SLL ? W_I32_SHL : o == O.OP_SLT ? W_I32_LT_S
          : o == O.OP_SLTU ? (MUTANT == 1 ? W_I32_LT_S : W_I32_LT_U) : o == O.OP_XOR ? W_I32_XOR : o == O.OP_SRL ? W_I32_SHR_U : o == O.OP_SRA ? W_I32_SHR_S
          : o == O.OP_OR ? W_I32_OR : o == O.OP_AND ? W_I32_AND : W_I32_MUL);
        setReg(rd);
        break;
      }
      case O.OP_ADDI: case O.OP_SLTI: case O.OP_SLTIU: case O.OP_XORI: case O.OP_ORI: case O.OP_ANDI: case O.OP_SLLI:
      case O.OP_SRLI: case O.OP_SRAI: {
        if (rd >= 32) break; // a hint or nop: no effect
        getReg(rs1); i32const(imm);
        op(o == O.OP_ADDI ? W_I32_ADD : o == O.OP_SLTI ? W_I32_LT_S : o == O.OP_SLTIU ? W_I32_LT_U : o == O.OP_XORI ? W_I32_XOR
          : o == O.OP_ORI ? W_I32_OR : o == O.OP_ANDI ? W_I32_AND : o == O.OP_SLLI ? W_I32_SHL : o == O.OP_SRLI ? W_I32_SHR_U
          : W_I32_SHR_S);
        setReg(rd);
        break;
      }
      case O.OP_LUI: if (rd < 32) { i32const(imm); setReg(rd); } break;
      case O.OP_AUIPC: if (rd < 32) { localGet(L_VBASE); i32const(<i32>off + imm); op(W_I32_ADD); setReg(rd); } break;
      case O.OP_MULH: case O.OP_MULHSU: case O.OP_MULHU: {
        getReg(rs1); op(o == O.OP_MULHU ? W_I64_EXTEND_I32_U : W_I64_EXTEND_I32_S);
        getReg(rs2); op(o == O.OP_MULH ? W_I64_EXTEND_I32_S : W_I64_EXTEND_I32_U);
        op(W_I64_MUL); byte(W_I64_CONST); sleb(32); op(W_I64_SHR_U); op(W_I32_WRAP_I64);
        setReg(rd);
        break;
      }
      case O.OP_DIV: case O.OP_DIVU: case O.OP_REM: case O.OP_REMU: {
        // RISC-V defines x/0 (all ones; rem: x) and INT_MIN/-1 (INT_MIN; rem: 0), where wasm traps.
        const signed = o == O.OP_DIV || o == O.OP_REM, isRem = o == O.OP_REM || o == O.OP_REMU;
        getReg(rs2); op(W_I32_EQZ);
        byte(W_IF); byte(W_TYPE_I32);
        if (isRem) getReg(rs1); else i32const(-1);
        op(W_ELSE);
        if (signed) {
          getReg(rs1); i32const(<i32>0x80000000); op(W_I32_EQ); getReg(rs2); i32const(-1); op(W_I32_EQ); op(W_I32_AND);
          byte(W_IF); byte(W_TYPE_I32);
          if (isRem) i32const(0); else i32const(<i32>0x80000000);
          op(W_ELSE);
          getReg(rs1); getReg(rs2); op(isRem ? W_I32_REM_S : W_I32_DIV_S);
          op(W_END);
        } else {
          getReg(rs1); getReg(rs2); op(isRem ? W_I32_REM_U : W_I32_DIV_U);
        }
        op(W_END);
        setReg(rd);
        break;
      }
      case O.OP_LB: case O.OP_LH: case O.OP_LW: case O.OP_LBU: case O.OP_LHU:
      case O.OP_SB: case O.OP_SH: case O.OP_SW: {
        const isStore = o >= O.OP_SB;
        const size: u32 = o == O.OP_LW || o == O.OP_SW ? 4 : o == O.OP_LH || o == O.OP_LHU || o == O.OP_SH ? 2 : 1;
        // Each way out (soft TLB miss, a store into decoded code) leaves before the access, with its fetch
        // charged: an exit inside an `if` whose body ends in a branch, so the fall-through path (the hot
        // one) has no merge to pay for. (The cycle model's data side never needs the interpreter.)
        if (TIMED) flushFlashState(); // (before the access's exits and the core's data path)
        memAccess(isStore ? STLB_STORE : STLB_LOAD, rs1, imm, size, off, i, toLoop, lastLd);
        if (isStore) {
          // A store into a page with decoded instructions: the interpreter does it (and invalidates them).
          localGet(L_T2); i32const(<i32>FLASH_HOST); op(W_I32_SUB); i32const(12); op(W_I32_SHR_U); i32const(1); op(W_I32_SHL);
          memop(W_I32_LOAD16_U, 1, DECODE_DIR_BASE);
          byte(W_IF); byte(W_VOID);
          exitAt(off, i, JR_SLOW, toLoop + 2, lastLd, 1);
          op(W_END);
        }
        if (TIMED) dataTiming(isStore, size);
        localGet(L_T2);
        if (isStore) {
          getReg(rs2);
          memop(size == 4 ? W_I32_STORE : size == 2 ? W_I32_STORE16 : W_I32_STORE8, size == 4 ? 2 : size == 2 ? 1 : 0, 0);
        } else {
          memop(o == O.OP_LW ? W_I32_LOAD : o == O.OP_LH ? W_I32_LOAD16_S : o == O.OP_LHU ? W_I32_LOAD16_U
            : o == O.OP_LB ? W_I32_LOAD8_S : W_I32_LOAD8_U, size == 4 ? 2 : size == 2 ? 1 : 0, 0);
          setReg(rd);
          ld = rd << 2;
        }
        // Counted only now: the exit above is before the access (its pending sum must not include it).
        if (TIMED) { if (isStore) g_pendStores++; else g_pendLoads++; }
        g_fPageKnown = false; // (the access may have read the flash bank)
        break;
      }
      default: break; // FENCE (one hart, no data caches in the functional sense: nothing to order); control ops below
    }
    if (TIMED) {
      // After the op, as hotRun()/execute() charge it: load-use on the previous load, the base cycle, the
      // op's extra cycles.
      g_pendCyc += 1;
      if (lastLd != 0 && ((rs1 << 2) == lastLd || (rs2 << 2) == lastLd)) {
        const lu = cfg(CF_LOAD_USE);
        g_pendCyc += lu;
        g_pendLU += lu;
      }
      if (o >= O.OP_MUL && o <= O.OP_REMU) {
        const x = extraOf(cfg(o == O.OP_MUL ? CF_MUL_CYCLES : o <= O.OP_MULHU ? CF_MULH_CYCLES : CF_DIV_CYCLES));
        g_pendCyc += x;
        g_pendMD += x;
      }
    }
    if (isControl(o)) {
      if (TIMED) flushPend();
      if (o == O.OP_JAL) {
        if (rd < 32) { localGet(L_VBASE); i32const(<i32>next); op(W_I32_ADD); setReg(rd); }
        if (TIMED) chargeBranch(o, imm, true);
        goTo(off + <u32>imm, len, toLoop);
      } else if (o == O.OP_JALR) {
        getReg(rs1); i32const(imm); op(W_I32_ADD); i32const(-2); op(W_I32_AND); localSet(L_T);
        if (rd < 32) { localGet(L_VBASE); i32const(<i32>next); op(W_I32_ADD); setReg(rd); }
        if (TIMED) chargeBranch(o, imm, true);
        localGet(L_N); i32const(<i32>len); op(W_I32_ADD); localSet(L_N);
        localGet(L_T); localSet(L_PC);
        if (TIMED) {
          localGet(L_CYC); localGet(L_EVENT); op(W_I64_GE_U);
          byte(W_IF); byte(W_VOID);
          exitTail(JR_EVENT, toLoop + 2, 0, 0);
          op(W_END);
        }
        localGet(L_T); localGet(L_VBASE); op(W_I32_SUB); localTee(L_T2); i32const(4096); op(W_I32_LT_U);
        byte(W_IF); byte(W_VOID);
        localGet(L_T2); localSet(L_OFF); byte(W_BR); uleb(toLoop + 1);
        op(W_END);
        exitTail(JR_LEAVE, toLoop + 1, 0, 0);
      } else { // the conditional branches
        getReg(rs1); getReg(rs2);
        op(o == O.OP_BEQ ? W_I32_EQ : o == O.OP_BNE ? W_I32_NE : o == O.OP_BLT ? W_I32_LT_S : o == O.OP_BGE ? W_I32_GE_S
          : o == O.OP_BLTU ? W_I32_LT_U : W_I32_GE_U);
        byte(W_IF); byte(W_VOID);
        if (TIMED) chargeBranch(o, imm, true);
        goTo(off + <u32>imm, len, toLoop + 1);
        op(W_END);
        if (TIMED) chargeBranch(o, imm, false);
        goTo(next, len, toLoop);
      }
      return;
    }
    lastLd = ld;
    off = next;
  }
  // The block ended without a control op: before an op the interpreter runs, at the page end, or (fast
  // build) at MAX_BLOCK instructions.
  if (TIMED) flushPend();
  if (off < 4096 && (len == maxBlock() || toEntry)) goTo(off, len, toLoop, false);
  else if (off >= 4096) exitAt(off, len, JR_LEAVE, toLoop + 1, lastLd, 0);
  else exitAt(off, len, JR_SLOW, toLoop + 1, lastLd, 0);
}

/** Binary search over the sorted entries [lo, hi) on L_OFF; `toLoop` levels inside the loop. */
function emitDispatch(lo: i32, hi: i32, toLoop: u32): void {
  if (hi - lo <= 3) {
    for (let k = lo; k < hi; k++) {
      const e = <u32>unchecked(entries[k]);
      localGet(L_OFF); i32const(<i32>e); op(W_I32_EQ);
      byte(W_IF); byte(W_VOID);
      emitBlock(e, toLoop + 1);
      op(W_END);
    }
    return;
  }
  const mid = (lo + hi) >> 1;
  localGet(L_OFF); i32const(<i32>unchecked(entries[mid])); op(W_I32_LT_U);
  byte(W_IF); byte(W_VOID);
  emitDispatch(lo, mid, toLoop + 1);
  op(W_ELSE);
  emitDispatch(mid, hi, toLoop + 1);
  op(W_END);
}

function sortEntries(): void {
  for (let i = 1; i < nEntries; i++) {
    const v = unchecked(entries[i]);
    let j = i - 1;
    while (j >= 0 && unchecked(entries[j]) > v) { unchecked(entries[j + 1] = entries[j]); j--; }
    unchecked(entries[j + 1] = v);
  }
}

/** Section header with a padded size to patch; returns the patch position. */
function section(id: u32): u32 { byte(id); return reserve5(); }
function endSection(p: u32): void { patchUleb5(p, g_p - p - 5); }

/**
 * Compiles the page whose bytes are at fhost and whose slots are at fbase, seeded with page offset seed.
 * Returns the module's length in JIT_BUF, or 0 when it does not fit.
 */
export function compilePage(fhost: u32, fbase: u32, seed: u32, fmode: u32, ishift: u32, fEach: u32): u32 {
  g_fhost = fhost;
  g_fbase = fbase;
  g_fmode = fmode;
  g_ishift = ishift;
  g_fEach = fEach;
  g_fInline = false;
  if (TIMED && fmode == 2) {
    const bank = (fhost - FLASH_HOST) / FLASH_BANK_BYTES;
    g_fStateAddr = bankRec(bank);
    g_fBankOff = fhost - FLASH_HOST - bank * FLASH_BANK_BYTES;
    g_fBw = bankWidth();
    g_fPageWords = p32(P_PAGE_WORDS);
    g_fTAcc = p32(P_T_ACC);
    g_fTPage = p32(P_T_PAGE);
    g_fInline = !(p32(P_BURST_CLK) != 0 && (load<u32>(g_fStateAddr + B_RCR) & 0x8000) == 0);
  }
  nEntries = 0;
  usedRegs = 0;
  writtenRegs = 0;
  memory.fill(changetype<usize>(isEntry), 0, 2048);
  addEntry(seed);
  for (let off: u32 = 0; off < 4096; off += 2) {
    if ((load<u32>(fbase + (off << 2)) & ENTRY_MARK) != 0) addEntry(off);
  }
  for (let k = 0; k < nEntries; k++) scanBlock(<u32>unchecked(entries[k]));
  sortEntries();
  statAdd(ST_JIT_COMPILES, 1);

  emitReset();
  byte(0); byte(0x61); byte(0x73); byte(0x6d); byte(1); byte(0); byte(0); byte(0);
  // Type section: 0 = the page function (i32, i32, i32) -> i32; timed build: 1 = (i32) -> i32 (the
  // I-cache check), 2 = (i32, i32) -> i32 (the data access).
  let p = section(1);
  uleb(TIMED ? 3 : 1);
  byte(0x60); uleb(3); byte(W_TYPE_I32); byte(W_TYPE_I32); byte(W_TYPE_I32); uleb(1); byte(W_TYPE_I32);
  if (TIMED) {
    byte(0x60); uleb(1); byte(W_TYPE_I32); uleb(1); byte(W_TYPE_I32);
    byte(0x60); uleb(2); byte(W_TYPE_I32); byte(W_TYPE_I32); uleb(1); byte(W_TYPE_I32);
  }
  endSection(p);
  // Import section: env.memory (the core's memory); timed build: env.fh, env.dc, env.fh2 and env.ff, the
  // core's exported jitFetchHit, jitDataCycles, jitFetchHit2 and jitFetchFlash (function indices 0 to 3).
  p = section(2);
  uleb(TIMED ? 5 : 1);
  name3env();
  uleb(6); byte(0x6d); byte(0x65); byte(0x6d); byte(0x6f); byte(0x72); byte(0x79);
  byte(0x02); byte(0x00); uleb(0);
  if (TIMED) {
    name3env(); uleb(2); byte(0x66); byte(0x68); byte(0x00); uleb(1);
    name3env(); uleb(2); byte(0x64); byte(0x63); byte(0x00); uleb(2);
    name3env(); uleb(3); byte(0x66); byte(0x68); byte(0x32); byte(0x00); uleb(1);
    name3env(); uleb(2); byte(0x66); byte(0x66); byte(0x00); uleb(2);
  }
  endSection(p);
  const self: u32 = TIMED ? 4 : 0;
  // Function section: one function of type 0. Export section: it, as "f".
  p = section(3); uleb(1); uleb(0); endSection(p);
  p = section(7); uleb(1); uleb(1); byte(0x66); byte(0x00); uleb(self); endSection(p);
  // Code section.
  p = section(10);
  uleb(1);
  const body = reserve5();
  uleb(2); uleb(N_LOCALS); byte(W_TYPE_I32); uleb(N_LOCALS64); byte(W_TYPE_I64);
  for (let r: u32 = 1; r < 32; r++) {
    if ((usedRegs & (1 << r)) != 0) { i32const(0); memop(W_I32_LOAD, 2, HART_BASE + (r << 2)); localSet(L_REG + r); }
  }
  if (TIMED) {
    i32const(0); memop(W_I64_LOAD, 3, JIT_IO_CYC); localSet(L_CYC);
    i32const(0); memop(W_I64_LOAD, 3, JIT_IN_EVENT); localSet(L_EVENT);
    i32const(0); memop(W_I32_LOAD, 2, JIT_IO_ILINE); localSet(L_ILINE);
  }
  byte(W_BLOCK); byte(W_VOID);
  byte(W_LOOP); byte(W_VOID);
  emitDispatch(0, nEntries, 0);
  // No entry matched.
  localGet(L_VBASE); localGet(L_OFF); op(W_I32_ADD); localSet(L_PC);
  clearPend();
  exitTail(JR_UNKNOWN, 1, 0, 0);
  op(W_END); // loop
  op(W_END); // block
  for (let r: u32 = 1; r < 32; r++) {
    if ((writtenRegs & (1 << r)) != 0) { i32const(0); localGet(L_REG + r); memop(W_I32_STORE, 2, HART_BASE + (r << 2)); }
  }
  i32const(0); localGet(L_PC); memop(W_I32_STORE, 2, JIT_OUT_PC);
  i32const(0); localGet(L_REASON); memop(W_I32_STORE, 2, JIT_OUT_REASON);
  if (TIMED) {
    i32const(0); localGet(L_CYC); memop(W_I64_STORE, 3, JIT_IO_CYC);
    i32const(0); localGet(L_ILINE); memop(W_I32_STORE, 2, JIT_IO_ILINE);
    i32const(0); localGet(L_LASTLD); memop(W_I32_STORE, 2, JIT_OUT_LASTLD);
    i32const(0); localGet(L_FETCHED); memop(W_I32_STORE, 2, JIT_OUT_FETCHED);
    i32const(0); localGet(L_FHOK); memop(W_I32_STORE, 2, JIT_OUT_ICORE);
    // The caches' hits made inline: every lookup or fast-path access the core did not answer itself.
    if (dcache.enabled) {
      localGet(L_LOADS); localGet(L_STORES); op(W_I32_ADD); localGet(L_DCOK); op(W_I32_SUB); localSet(L_DCOK);
      hitsFromLocal(dcache, L_DCOK);
    }
    statFromLocal(ST_LOADS, L_LOADS);
    statFromLocal(ST_STORES, L_STORES);
    statFromLocal64(ST_STALL_BRANCH, L_SBR);
    statFromLocal64(ST_STALL_MULDIV, L_SMD);
    statFromLocal64(ST_STALL_LOADUSE, L_SLU);
    statFromLocal64(ST_STALL_RAM, L_SRAM);
    if (g_fmode == 2) {
      statFromLocal64(ST_STALL_FLASH, L_SFLASH);
      counterFromLocal(FLASHCTL_BASE + S_BYTES_READ, L_FBYTES, true);
    }
    // DTLB hits: every fast-path access when data is translated.
    i32const(0); memop(W_I32_LOAD, 2, JIT_IN_XL);
    byte(W_IF); byte(W_VOID);
    localGet(L_LOADS); localGet(L_STORES); op(W_I32_ADD); localSet(L_LOADS);
    statFromLocal(ST_DTLB_HIT, L_LOADS);
    op(W_END);
  }
  localGet(L_N);
  op(W_END);
  endSection(body);
  endSection(p);
  if (g_overflow) return 0;
  return g_p - JIT_BUF_BASE;
}

function name3env(): void { uleb(3); byte(0x65); byte(0x6e); byte(0x76); }

/** Timed build, at the exit: the u64 counter at `addr` += local l (an i32 local, widened, unless `is64`). */
function counterFromLocal(addr: u32, l: u32, is64: bool): void {
  i32const(0);
  i32const(0); memop(W_I64_LOAD, 3, addr);
  localGet(l); if (!is64) op(W_I64_EXTEND_I32_U); op(W_I64_ADD);
  memop(W_I64_STORE, 3, addr);
}
/** Timed build: a cache's hit count += the i32 local l (at the exit). */
function hitsFromLocal(c: Cache, l: u32): void {
  counterFromLocal(<u32>changetype<usize>(c) + <u32>offsetof<Cache>('hits'), l, false);
}
/** Timed build: STATS[id] += the i32 local l. */
function statFromLocal(id: u32, l: u32): void { counterFromLocal(STATS_BASE + (id << 3), l, false); }
/** Timed build: STATS[id] += the i64 local l. */
function statFromLocal64(id: u32, l: u32): void { counterFromLocal(STATS_BASE + (id << 3), l, true); }

// ---------------------------------------------------------------------------------------- the driver

/** Unknown entries before a page is compiled again with them: this many after the first compile, doubling
 * with every further compile (a program's phases keep finding new paths; compiles must stay rare). */
// @ts-ignore: decorator
@inline const JIT_MISSES: u32 = 16;
/** A page compiled this often (code that keeps changing) is left interpreted. */
// @ts-ignore: decorator
@inline const JIT_MAX_COMPILES: u32 = 16;
/** Live compiled functions at most (each holds host memory: V8's code for up to 128 KiB of wasm). */
// @ts-ignore: decorator
@inline const JIT_MAX_LIVE: u32 = 64;

/** Compiles (or recompiles) the page of record `rec`, seeded with page offset `seed`. */
export function jitCompile(rec: u32, fhost: u32, fbase: u32, seed: u32): void {
  // The page's fetch plan (timed build): the same for every fetch from this page.
  let fmode: u32 = 0, ishift: u32 = 0, fEach: u32 = 0;
  if (TIMED) {
    fetchPlan(fhost);
    ishift = g_fetchShift;
    fEach = g_fetchEach;
    fmode = g_fetchCached ? 1 : fhost < RAM_HOST ? 2 : fEach != 0 ? 3 : 0;
  }
  const compiles = load<u32>(rec, JD_COMPILES);
  store<u32>(rec, 0, JD_HEAT);
  store<u32>(rec, 0, JD_MISSES);
  const old = load<u32>(rec);
  if (compiles >= JIT_MAX_COMPILES) {
    jitInvalidate(rec);
    store<u32>(rec, JIT_GAVE_UP);
    return;
  }
  if (old == 0 && g_jitLive >= JIT_MAX_LIVE) return;
  store<u32>(rec, compiles + 1, JD_COMPILES);
  const len = compilePage(fhost, fbase, seed, fmode, ishift, fEach);
  jitInvalidate(rec);
  if (len == 0) { store<u32>(rec, JIT_GAVE_UP); return; }
  store<u32>(rec, jitInstall(len));
}

/** The function of `rec` did not know page offset `off`: mark it, and recompile once enough are marked. */
export function jitMiss(rec: u32, fhost: u32, fbase: u32, off: u32): bool {
  markEntry(fbase, off);
  const m = load<u32>(rec, JD_MISSES) + 1;
  store<u32>(rec, m, JD_MISSES);
  if (m < JIT_MISSES << (load<u32>(rec, JD_COMPILES) - 1)) return false;
  jitCompile(rec, fhost, fbase, off);
  const fn = load<u32>(rec);
  return fn != 0 && fn != JIT_GAVE_UP;
}
