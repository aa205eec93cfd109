// Architectural state of hart 0 that lives outside the CSR array: registers (in linear memory, so the
// host reads them through a view), pc and privilege (in the HART region at fixed offsets), and the
// counters' master copies. The run loop keeps pc, instret and cycles in locals and writes them back with
// syncOut() before anything that may read them (CSR access, traps, returning to the host).
import { HART_BASE } from '../layout';

// @ts-ignore: decorator
@inline export const REG_SINK: u32 = 32;            // writes to x0 land here; it is never read
// @ts-ignore: decorator
@inline export const H_PC: u32 = HART_BASE + 33 * 4;
// @ts-ignore: decorator
@inline export const H_PRIV: u32 = HART_BASE + 34 * 4;
// @ts-ignore: decorator
@inline export const H_RESERVATION: u32 = HART_BASE + 35 * 4; // LR reservation address, or 1 = none
// @ts-ignore: decorator
@inline export const H_CYCLES: u32 = HART_BASE + 36 * 4;      // u64: the model's cycle counter (time)
// @ts-ignore: decorator
@inline export const H_INSTRET: u32 = HART_BASE + 38 * 4;     // u64: instructions retired

// @ts-ignore: decorator
@inline export const PRIV_U: u32 = 0;
// @ts-ignore: decorator
@inline export const PRIV_S: u32 = 1;
// @ts-ignore: decorator
@inline export const PRIV_M: u32 = 3;

// @ts-ignore: decorator
@inline export function rget(i: u32): u32 {
  return load<u32>(HART_BASE + (i << 2));
}

// @ts-ignore: decorator
@inline export function rset(i: u32, v: u32): void {
  store<u32>(HART_BASE + (i << 2), v);
}

export function getPc(): u32 { return load<u32>(H_PC); }
export function setPc(v: u32): void { store<u32>(H_PC, v); }
export function getPriv(): u32 { return load<u32>(H_PRIV); }
export function setPrivRaw(v: u32): void { store<u32>(H_PRIV, v); }
export function getCycles(): u64 { return load<u64>(H_CYCLES); }
export function setCycles(v: u64): void { store<u64>(H_CYCLES, v); }
export function getInstret(): u64 { return load<u64>(H_INSTRET); }
export function setInstret(v: u64): void { store<u64>(H_INSTRET, v); }

/** Extra cycles charged by slow paths (walks, device latencies, trap entry); the run loop collects them. */
export let g_penalty: u64 = 0;
export function addPenalty(c: u64): void { g_penalty += c; }
export function takePenalty(): u64 { const p = g_penalty; g_penalty = 0; return p; }
