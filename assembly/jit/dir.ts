// The page compiler's directory (fast and timed builds): one 16-byte record per decode-pool page, so a compiled
// page lives exactly as long as the decoded slots it was compiled from. predecode.ts drops a page's
// function when its slots are invalidated (a store into it, a flash program or erase) and all of them when
// the pool is flushed.
//
// Record: +0 table index of the compiled function (0 none, JIT_GAVE_UP: not compilable),
//         +4 heat (instructions the interpreter ran on the page), +8 entry misses since the last compile,
//         +12 compiles so far.
import { DECODE_POOL_BASE, JIT_BUF_BASE, JIT_DIR_BASE, JIT_DIR_SIZE } from '../layout';

/** The host instantiates a wasm module from bytes [ptr, ptr+len) and returns its table index (src/core/jit.ts). */
// @ts-ignore: decorator
@external("env", "jitInstall") export declare function hostJitInstall(ptr: u32, len: u32): u32;
/** The host frees the table slot of a dropped function. */
// @ts-ignore: decorator
@external("env", "jitDrop") export declare function hostJitDrop(index: u32): void;

/** The page compiler exists in the fast and timed builds (the trace build records events from the interpreter). */
// @ts-ignore: decorator
@inline export const JIT_BUILD: bool = TRACE == 0;
/** Set by the host (jitConfigure); on by default. */
export let g_jitOn: bool = true;
/**
 * Instructions the interpreter runs on a page before it is compiled (jitConfigure; tests lower it): enough
 * that the paths the page takes are marked before the first compile (fewer recompiles), little enough to
 * cost nothing measurable (64 Ki instructions interpret in well under a millisecond).
 */
// @ts-ignore: decorator
@inline export const JIT_HEAT_DEFAULT: u32 = 65536;
export let g_jitHeat: u32 = JIT_HEAT_DEFAULT;
export function setJit(on: bool, heat: u32): void { g_jitOn = on; g_jitHeat = heat; }

// @ts-ignore: decorator
@inline export const JIT_GAVE_UP: u32 = 0xffffffff;
// @ts-ignore: decorator
@inline export const JD_HEAT: u32 = 4;
// @ts-ignore: decorator
@inline export const JD_MISSES: u32 = 8;
// @ts-ignore: decorator
@inline export const JD_COMPILES: u32 = 12;

/** Compiled functions alive (installed and not dropped). */
export let g_jitLive: u32 = 0;

/** Hands the module in JIT_BUF to the host; returns its function's table index. */
export function jitInstall(len: u32): u32 {
  g_jitLive++;
  return hostJitInstall(JIT_BUF_BASE, len);
}

/** Drops a record's function, if it has one. */
function dropLive(fn: u32): void {
  if (fn == 0 || fn == JIT_GAVE_UP) return;
  g_jitLive--;
  hostJitDrop(fn);
}

/** The directory record of the slot page at fbase. */
// @ts-ignore: decorator
@inline export function jitRecord(fbase: u32): u32 {
  return JIT_DIR_BASE + (((fbase - DECODE_POOL_BASE) >>> 14) << 4);
}

/** Forget one page's function but keep its counts (its slots were invalidated, not reassigned). */
export function jitInvalidate(rec: u32): void {
  const fn = load<u32>(rec);
  dropLive(fn);
  store<u32>(rec, 0);
  store<u32>(rec, 0, JD_HEAT);
}

export function jitForgetAll(): void {
  for (let r = JIT_DIR_BASE; r < JIT_DIR_BASE + JIT_DIR_SIZE; r += 16) {
    const fn = load<u32>(r);
    dropLive(fn);
  }
  memory.fill(JIT_DIR_BASE, 0, JIT_DIR_SIZE);
}
