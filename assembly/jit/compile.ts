// The page compiler of the fast build: turns the hot code of one 4 KiB page into one WebAssembly function
// (docs/ARCHITECTURE.md, "The page compiler").
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
// same registers, memory, instret and cycles with or without compiled pages.
//
// Entries: the page offset where the interpreter was when the page got hot, and the slots marked with
// ENTRY_MARK: block starts the interpreter went to while the page warmed up, and offsets the function was
// asked to start at but did not know; plus the return points of calls and the continuations of long
// blocks in those blocks.
import { DECODE_DIR_BASE, FLASH_HOST, HART_BASE, JIT_BUF_BASE } from '../layout';
import { STLB_LOAD, STLB_STORE } from '../mmu/softtlb';
import { statAdd, ST_DECODES, ST_JIT_COMPILES } from '../stats';
import { decodeInto } from '../cpu/decode';
import * as O from '../cpu/ops';
import {
  byte, emitReset, g_overflow, g_p, i32const, localGet, localSet, localTee, memop, op, patchUleb5, reserve5, sleb, uleb,
  W_BLOCK, W_BR, W_DROP, W_ELSE, W_END, W_I32_ADD, W_I32_AND, W_I32_DIV_S, W_I32_DIV_U, W_I32_EQ, W_I32_EQZ, W_I32_GE_S,
  W_I32_GE_U, W_I32_GT_U, W_I32_LOAD, W_I32_LOAD16_S, W_I32_LOAD16_U, W_I32_LOAD8_S, W_I32_LOAD8_U, W_I32_LT_S, W_I32_LT_U,
  W_I32_MUL, W_I32_NE, W_I32_OR, W_I32_REM_S, W_I32_REM_U, W_I32_SHL, W_I32_SHR_S, W_I32_SHR_U, W_I32_STORE, W_I32_STORE16,
  W_I32_STORE8, W_I32_SUB, W_I32_WRAP_I64, W_I32_XOR, W_I64_CONST, W_I64_EXTEND_I32_S, W_I64_EXTEND_I32_U, W_I64_MUL,
  W_I64_SHR_U, W_IF, W_LOOP, W_TYPE_I32, W_VOID,
} from './emit';
import { g_jitLive, jitInstall, jitInvalidate, JD_COMPILES, JD_HEAT, JD_MISSES, JIT_GAVE_UP } from './dir';

/** Where a compiled function leaves the pc to resume at and the reason it stopped. */
// @ts-ignore: decorator
@inline export const JIT_OUT_PC: u32 = HART_BASE + 0x900;
// @ts-ignore: decorator
@inline export const JIT_OUT_REASON: u32 = HART_BASE + 0x904;

/** Reasons (JIT_OUT_REASON). */
// @ts-ignore: decorator
@inline export const JR_UNKNOWN: u32 = 0; // the start offset is not an entry of the function
// @ts-ignore: decorator
@inline export const JR_SLOW: u32 = 1;    // the instruction at the pc needs the interpreter
// @ts-ignore: decorator
@inline export const JR_BUDGET: u32 = 2;  // the next block does not fit the budget
// @ts-ignore: decorator
@inline export const JR_LEAVE: u32 = 3;   // control left the page

/** Bit 21 of a slot's first word (unused by the decoder): the compiled function was asked to start here. */
// @ts-ignore: decorator
@inline export const ENTRY_MARK: u32 = 1 << 21;

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
// @ts-ignore: decorator
@inline const N_LOCALS: u32 = 5 + 31;

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
  let w = load<u32>(s);
  if ((w & 0xff) == O.OP_DECODE) {
    let raw = <u32>load<u16>(g_fhost + off);
    if ((raw & 3) == 3) {
      if (off == 0xffe) {
        store<u32>(s, O.OP_CROSS);
        return O.OP_CROSS;
      }
      raw = load<u32>(g_fhost + off);
    }
    decodeInto(s, raw);
    statAdd(ST_DECODES, 1);
    w = load<u32>(s);
  }
  return w;
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

/** n += done; pc = vbase + off; reason; br to the exit block (depth `toExit`). */
function exitAt(off: u32, done: u32, reason: u32, toExit: u32): void {
  if (done != 0) { localGet(L_N); i32const(<i32>done); op(W_I32_ADD); localSet(L_N); }
  localGet(L_VBASE); i32const(<i32>off); op(W_I32_ADD); localSet(L_PC);
  i32const(<i32>reason); localSet(L_REASON);
  byte(W_BR); uleb(toExit);
}

/** Continue at page offset `off` after `done` instructions: through the dispatch when it is in the page. */
function goTo(off: u32, done: u32, toLoop: u32): void {
  if (off >= 4096) { exitAt(off, done, JR_LEAVE, toLoop + 1); return; }
  if (done != 0) { localGet(L_N); i32const(<i32>done); op(W_I32_ADD); localSet(L_N); }
  i32const(<i32>off); localSet(L_OFF);
  byte(W_BR); uleb(toLoop);
}

/**
 * Effective address into L_T and the soft TLB check of `table`: leaves via exitAt when it misses
 * (misaligned, not plain memory, not filled). On return L_T2 holds the host address.
 */
function memAccess(table: u32, rs1: u32, imm: i32, size: u32, off: u32, done: u32, toLoop: u32): void {
  getReg(rs1); i32const(imm); op(W_I32_ADD); localTee(L_T);
  i32const(12); op(W_I32_SHR_U); i32const(255); op(W_I32_AND); i32const(3); op(W_I32_SHL); localTee(L_T2);
  memop(W_I32_LOAD, 2, table);
  localGet(L_T); i32const(<i32>(0xfffff000 | (size - 1))); op(W_I32_AND);
  op(W_I32_NE);
  byte(W_IF); byte(W_VOID);
  exitAt(off, done, JR_SLOW, toLoop + 2);
  op(W_END);
  localGet(L_T); localGet(L_T2); memop(W_I32_LOAD, 2, table + 4); op(W_I32_ADD); localSet(L_T2);
}

/** Emits the block at `start`; the loop label is `toLoop` levels out (the exit block one further). */
function emitBlock(start: u32, toLoop: u32): void {
  // Its length first (the budget check covers the whole block).
  let len: u32 = 0;
  {
    let off = start;
    while (off < 4096 && len < MAX_BLOCK) {
      const w = slotWord(off);
      const o = w & 0xff;
      if (!compiled(o)) break;
      len++;
      if (isControl(o)) break;
      off += ilenOf(w);
    }
  }
  if (len == 0) { exitAt(start, 0, JR_SLOW, toLoop + 1); return; }
  localGet(L_N); i32const(<i32>len); op(W_I32_ADD); localGet(L_BUDGET); op(W_I32_GT_U);
  byte(W_IF); byte(W_VOID);
  exitAt(start, 0, JR_BUDGET, toLoop + 2);
  op(W_END);

  let off = start;
  for (let i: u32 = 0; i < len; i++) {
    const w = slotWord(off);
    const o = w & 0xff;
    const imm = slotImm(off);
    const rd = (w >>> 8) & 0x3f, rs1 = (w >>> 16) & 31, rs2 = (w >>> 24) & 31;
    const ilen = ilenOf(w);
    const next = off + ilen;
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
      case O.OP_LB: case O.OP_LH: case O.OP_LW: case O.OP_LBU: case O.OP_LHU: {
        const size: u32 = o == O.OP_LW ? 4 : o == O.OP_LH || o == O.OP_LHU ? 2 : 1;
        memAccess(STLB_LOAD, rs1, imm, size, off, i, toLoop);
        localGet(L_T2);
        memop(o == O.OP_LW ? W_I32_LOAD : o == O.OP_LH ? W_I32_LOAD16_S : o == O.OP_LHU ? W_I32_LOAD16_U
          : o == O.OP_LB ? W_I32_LOAD8_S : W_I32_LOAD8_U, size == 4 ? 2 : size == 2 ? 1 : 0, 0);
        setReg(rd);
        break;
      }
      case O.OP_SB: case O.OP_SH: case O.OP_SW: {
        const size: u32 = o == O.OP_SW ? 4 : o == O.OP_SH ? 2 : 1;
        memAccess(STLB_STORE, rs1, imm, size, off, i, toLoop);
        // A store into a page with decoded instructions: the interpreter does it (and invalidates them).
        localGet(L_T2); i32const(<i32>FLASH_HOST); op(W_I32_SUB); i32const(12); op(W_I32_SHR_U); i32const(1); op(W_I32_SHL);
        memop(W_I32_LOAD16_U, 1, DECODE_DIR_BASE);
        byte(W_IF); byte(W_VOID);
        exitAt(off, i, JR_SLOW, toLoop + 2);
        op(W_END);
        localGet(L_T2); getReg(rs2);
        memop(size == 4 ? W_I32_STORE : size == 2 ? W_I32_STORE16 : W_I32_STORE8, size == 4 ? 2 : size == 2 ? 1 : 0, 0);
        break;
      }
      case O.OP_FENCE: break; // one hart, no caches of data in the functional build: nothing to order
      case O.OP_JAL: {
        if (rd < 32) { localGet(L_VBASE); i32const(<i32>next); op(W_I32_ADD); setReg(rd); }
        goTo(off + <u32>imm, len, toLoop);
        break;
      }
      case O.OP_JALR: {
        getReg(rs1); i32const(imm); op(W_I32_ADD); i32const(-2); op(W_I32_AND); localSet(L_T);
        if (rd < 32) { localGet(L_VBASE); i32const(<i32>next); op(W_I32_ADD); setReg(rd); }
        localGet(L_N); i32const(<i32>len); op(W_I32_ADD); localSet(L_N);
        localGet(L_T); localGet(L_VBASE); op(W_I32_SUB); localTee(L_T2); i32const(4096); op(W_I32_LT_U);
        byte(W_IF); byte(W_VOID);
        localGet(L_T2); localSet(L_OFF); byte(W_BR); uleb(toLoop + 1);
        op(W_END);
        localGet(L_T); localSet(L_PC); i32const(<i32>JR_LEAVE); localSet(L_REASON); byte(W_BR); uleb(toLoop + 1);
        break;
      }
      default: { // the conditional branches
        getReg(rs1); getReg(rs2);
        op(o == O.OP_BEQ ? W_I32_EQ : o == O.OP_BNE ? W_I32_NE : o == O.OP_BLT ? W_I32_LT_S : o == O.OP_BGE ? W_I32_GE_S
          : o == O.OP_BLTU ? W_I32_LT_U : W_I32_GE_U);
        byte(W_IF); byte(W_VOID);
        goTo(off + <u32>imm, len, toLoop + 1);
        op(W_END);
        goTo(next, len, toLoop);
      }
    }
    if (isControl(o)) return;
    off = next;
  }
  // The block ended without a control op: before an op the interpreter runs, at the page end, or at
  // MAX_BLOCK instructions.
  if (off < 4096 && len == MAX_BLOCK) goTo(off, len, toLoop);
  else if (off >= 4096) exitAt(off, len, JR_LEAVE, toLoop + 1);
  else exitAt(off, len, JR_SLOW, toLoop + 1);
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
export function compilePage(fhost: u32, fbase: u32, seed: u32): u32 {
  g_fhost = fhost;
  g_fbase = fbase;
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
  // Type section: (i32, i32, i32) -> i32.
  let p = section(1);
  uleb(1); byte(0x60); uleb(3); byte(W_TYPE_I32); byte(W_TYPE_I32); byte(W_TYPE_I32); uleb(1); byte(W_TYPE_I32);
  endSection(p);
  // Import section: env.memory (the core's memory), no minimum beyond what it has.
  p = section(2);
  uleb(1);
  uleb(3); byte(0x65); byte(0x6e); byte(0x76);
  uleb(6); byte(0x6d); byte(0x65); byte(0x6d); byte(0x6f); byte(0x72); byte(0x79);
  byte(0x02); byte(0x00); uleb(0);
  endSection(p);
  // Function section: one function of type 0. Export section: it, as "f".
  p = section(3); uleb(1); uleb(0); endSection(p);
  p = section(7); uleb(1); uleb(1); byte(0x66); byte(0x00); uleb(0); endSection(p);
  // Code section.
  p = section(10);
  uleb(1);
  const body = reserve5();
  uleb(1); uleb(N_LOCALS); byte(W_TYPE_I32);
  for (let r: u32 = 1; r < 32; r++) {
    if ((usedRegs & (1 << r)) != 0) { i32const(0); memop(W_I32_LOAD, 2, HART_BASE + (r << 2)); localSet(L_REG + r); }
  }
  byte(W_BLOCK); byte(W_VOID);
  byte(W_LOOP); byte(W_VOID);
  emitDispatch(0, nEntries, 0);
  // No entry matched.
  localGet(L_VBASE); localGet(L_OFF); op(W_I32_ADD); localSet(L_PC);
  i32const(<i32>JR_UNKNOWN); localSet(L_REASON);
  byte(W_BR); uleb(1);
  op(W_END); // loop
  op(W_END); // block
  for (let r: u32 = 1; r < 32; r++) {
    if ((writtenRegs & (1 << r)) != 0) { i32const(0); localGet(L_REG + r); memop(W_I32_STORE, 2, HART_BASE + (r << 2)); }
  }
  i32const(0); localGet(L_PC); memop(W_I32_STORE, 2, JIT_OUT_PC);
  i32const(0); localGet(L_REASON); memop(W_I32_STORE, 2, JIT_OUT_REASON);
  localGet(L_N);
  op(W_END);
  endSection(body);
  endSection(p);
  if (g_overflow) return 0;
  return g_p - JIT_BUF_BASE;
}


// ---------------------------------------------------------------------------------------- the driver

/** Unknown entries before a page is compiled again with them: this many after the first compile, doubling
 * with every further compile (a program's phases keep finding new paths; compiles must stay rare). */
// @ts-ignore: decorator
@inline const JIT_MISSES: u32 = 16;
/** A page compiled this often (code that keeps changing) is left interpreted. */
// @ts-ignore: decorator
@inline const JIT_MAX_COMPILES: u32 = 16;
/** Live compiled functions at most (each holds host memory). */
// @ts-ignore: decorator
@inline const JIT_MAX_LIVE: u32 = 256;

/** Compiles (or recompiles) the page of record `rec`, seeded with page offset `seed`. */
export function jitCompile(rec: u32, fhost: u32, fbase: u32, seed: u32): void {
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
  const len = compilePage(fhost, fbase, seed);
  jitInvalidate(rec);
  if (len == 0) { store<u32>(rec, JIT_GAVE_UP); return; }
  store<u32>(rec, jitInstall(len));
}

/** The function of `rec` did not know page offset `off`: mark it, and recompile once enough are marked. */
export function jitMiss(rec: u32, fhost: u32, fbase: u32, off: u32): bool {
  const s = fbase + (off << 2);
  store<u32>(s, load<u32>(s) | ENTRY_MARK);
  const m = load<u32>(rec, JD_MISSES) + 1;
  store<u32>(rec, m, JD_MISSES);
  if (m < JIT_MISSES << (load<u32>(rec, JD_COMPILES) - 1)) return false;
  jitCompile(rec, fhost, fbase, off);
  const fn = load<u32>(rec);
  return fn != 0 && fn != JIT_GAVE_UP;
}
