// A WebAssembly binary writer for the page compiler (jit/compile.ts): bytes, LEB128 numbers and the few
// opcodes the generated code uses (WebAssembly core specification 1.0, section 5 "Binary Format").
// Output goes to JIT_BUF; a write past its end sets g_overflow instead of writing, and the compiler then
// gives up on the page (the interpreter keeps running it).
import { JIT_BUF_BASE, JIT_BUF_SIZE } from '../layout';

export let g_p: u32 = JIT_BUF_BASE;
export let g_overflow: bool = false;

export function emitReset(): void {
  g_p = JIT_BUF_BASE;
  g_overflow = false;
}

// @ts-ignore: decorator
@inline export function byte(b: u32): void {
  if (g_p >= JIT_BUF_BASE + JIT_BUF_SIZE) { g_overflow = true; return; }
  store<u8>(g_p++, <u8>b);
}

export function uleb(v: u32): void {
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v != 0) b |= 0x80;
    byte(b);
  } while (v != 0);
}

/** Signed LEB128 of a 64-bit value (i64.const). */
export function sleb64(v: i64): void {
  while (true) {
    const b = <u32>(v & 0x7f);
    v >>= 7;
    if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) { byte(b); return; }
    byte(b | 0x80);
  }
}

export function sleb(v: i32): void {
  while (true) {
    const b = <u32>v & 0x7f;
    v >>= 7;
    if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) { byte(b); return; }
    byte(b | 0x80);
  }
}

/** A 5-byte padded unsigned LEB128 at p (for section and body sizes patched after the fact). */
export function patchUleb5(p: u32, v: u32): void {
  for (let i: u32 = 0; i < 4; i++) { store<u8>(p + i, <u8>((v & 0x7f) | 0x80)); v >>>= 7; }
  store<u8>(p + 4, <u8>(v & 0x7f));
}
export function reserve5(): u32 {
  const p = g_p;
  for (let i = 0; i < 5; i++) byte(0);
  return p;
}

// Opcodes (section 5.4 of the core specification).
// @ts-ignore: decorator
@inline export const W_BLOCK: u32 = 0x02;
// @ts-ignore: decorator
@inline export const W_LOOP: u32 = 0x03;
// @ts-ignore: decorator
@inline export const W_IF: u32 = 0x04;
// @ts-ignore: decorator
@inline export const W_ELSE: u32 = 0x05;
// @ts-ignore: decorator
@inline export const W_END: u32 = 0x0b;
// @ts-ignore: decorator
@inline export const W_BR: u32 = 0x0c;
// @ts-ignore: decorator
@inline export const W_BR_IF: u32 = 0x0d;
// @ts-ignore: decorator
@inline export const W_DROP: u32 = 0x1a;
// @ts-ignore: decorator
@inline export const W_SELECT: u32 = 0x1b;
// @ts-ignore: decorator
@inline export const W_LOCAL_GET: u32 = 0x20;
// @ts-ignore: decorator
@inline export const W_LOCAL_SET: u32 = 0x21;
// @ts-ignore: decorator
@inline export const W_LOCAL_TEE: u32 = 0x22;
// @ts-ignore: decorator
@inline export const W_I32_LOAD: u32 = 0x28;
// @ts-ignore: decorator
@inline export const W_I32_LOAD8_S: u32 = 0x2c;
// @ts-ignore: decorator
@inline export const W_I32_LOAD8_U: u32 = 0x2d;
// @ts-ignore: decorator
@inline export const W_I32_LOAD16_S: u32 = 0x2e;
// @ts-ignore: decorator
@inline export const W_I32_LOAD16_U: u32 = 0x2f;
// @ts-ignore: decorator
@inline export const W_I32_STORE: u32 = 0x36;
// @ts-ignore: decorator
@inline export const W_I32_STORE8: u32 = 0x3a;
// @ts-ignore: decorator
@inline export const W_I32_STORE16: u32 = 0x3b;
// @ts-ignore: decorator
@inline export const W_I32_CONST: u32 = 0x41;
// @ts-ignore: decorator
@inline export const W_I64_CONST: u32 = 0x42;
// @ts-ignore: decorator
@inline export const W_I32_EQZ: u32 = 0x45;
// @ts-ignore: decorator
@inline export const W_I32_EQ: u32 = 0x46;
// @ts-ignore: decorator
@inline export const W_I32_NE: u32 = 0x47;
// @ts-ignore: decorator
@inline export const W_I32_LT_S: u32 = 0x48;
// @ts-ignore: decorator
@inline export const W_I32_LT_U: u32 = 0x49;
// @ts-ignore: decorator
@inline export const W_I32_GT_U: u32 = 0x4b;
// @ts-ignore: decorator
@inline export const W_I32_GE_S: u32 = 0x4e;
// @ts-ignore: decorator
@inline export const W_I32_GE_U: u32 = 0x4f;
// @ts-ignore: decorator
@inline export const W_I32_ADD: u32 = 0x6a;
// @ts-ignore: decorator
@inline export const W_I32_SUB: u32 = 0x6b;
// @ts-ignore: decorator
@inline export const W_I32_MUL: u32 = 0x6c;
// @ts-ignore: decorator
@inline export const W_I32_DIV_S: u32 = 0x6d;
// @ts-ignore: decorator
@inline export const W_I32_DIV_U: u32 = 0x6e;
// @ts-ignore: decorator
@inline export const W_I32_REM_S: u32 = 0x6f;
// @ts-ignore: decorator
@inline export const W_I32_REM_U: u32 = 0x70;
// @ts-ignore: decorator
@inline export const W_I32_AND: u32 = 0x71;
// @ts-ignore: decorator
@inline export const W_I32_OR: u32 = 0x72;
// @ts-ignore: decorator
@inline export const W_I32_XOR: u32 = 0x73;
// @ts-ignore: decorator
@inline export const W_I32_SHL: u32 = 0x74;
// @ts-ignore: decorator
@inline export const W_I32_SHR_S: u32 = 0x75;
// @ts-ignore: decorator
@inline export const W_I32_SHR_U: u32 = 0x76;
// @ts-ignore: decorator
@inline export const W_I64_MUL: u32 = 0x7e;
// @ts-ignore: decorator
@inline export const W_I64_SHR_U: u32 = 0x88;
// @ts-ignore: decorator
@inline export const W_I32_WRAP_I64: u32 = 0xa7;
// @ts-ignore: decorator
@inline export const W_I64_EXTEND_I32_S: u32 = 0xac;
// @ts-ignore: decorator
@inline export const W_I64_EXTEND_I32_U: u32 = 0xad;
// @ts-ignore: decorator
@inline export const W_CALL: u32 = 0x10;
// @ts-ignore: decorator
@inline export const W_I64_LOAD: u32 = 0x29;
// @ts-ignore: decorator
@inline export const W_I64_STORE: u32 = 0x37;
// @ts-ignore: decorator
@inline export const W_I64_ADD: u32 = 0x7c;
// @ts-ignore: decorator
@inline export const W_I64_GE_U: u32 = 0x5a;
// @ts-ignore: decorator
@inline export const W_TYPE_I64: u32 = 0x7e;
// @ts-ignore: decorator
@inline export const W_VOID: u32 = 0x40;
// @ts-ignore: decorator
@inline export const W_TYPE_I32: u32 = 0x7f;

export function i32const(v: i32): void { byte(W_I32_CONST); sleb(v); }
export function localGet(i: u32): void { byte(W_LOCAL_GET); uleb(i); }
export function localSet(i: u32): void { byte(W_LOCAL_SET); uleb(i); }
export function localTee(i: u32): void { byte(W_LOCAL_TEE); uleb(i); }
/** A load or store with natural alignment (log2 of the size) and a constant offset. */
export function memop(op: u32, alignLog2: u32, offset: u32): void { byte(op); uleb(alignLog2); uleb(offset); }
export function op(o: u32): void { byte(o); }
