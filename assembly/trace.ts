// The trace ring (compile-time switch TRACE=1, built as core-trace.wasm = timed + trace): slow-path
// events (exceptions, interrupts, xRET, page walks, cache misses, flash writes) appended to a ring in the
// TRACE region that the host drains after every run() call. Nothing here is on the hot path: every hook
// sits in a slow path, and in builds without TRACE the calls fold away.
//
// Ring layout: +0 u32 head (next record the core writes), +4 u32 tail (next record the host reads),
// +8 u32 records dropped because the ring was full, +16 records of 24 bytes:
//   u64 cycle, u32 kind, u32 pc, u32 a, u32 b   (kind-specific a/b: see TRACE_KIND_NAMES)
// When the ring is nearly full the core stops run() with STOP_IO so the host drains it.
import { TRACE_BASE, TRACE_SIZE } from './layout';
import { requestStop, STOP_IO } from './mailbox';
import { getCycles } from './cpu/state';

// @ts-ignore: decorator
@inline export const TRACE_REC_BYTES: u32 = 24;
// @ts-ignore: decorator
@inline export const TRACE_CAP: u32 = (TRACE_SIZE - 16) / 24;

// @ts-ignore: decorator
@inline export const TR_EXCEPTION: u32 = 1;   // a = cause, b = tval
// @ts-ignore: decorator
@inline export const TR_INTERRUPT: u32 = 2;   // a = cause
// @ts-ignore: decorator
@inline export const TR_XRET: u32 = 3;        // a = new pc, b = new privilege
// @ts-ignore: decorator
@inline export const TR_WALK: u32 = 4;        // a = va, b = pa (0xffffffff: the walk faulted)
// @ts-ignore: decorator
@inline export const TR_ICACHE_MISS: u32 = 5; // a = physical address, b = fill cycles
// @ts-ignore: decorator
@inline export const TR_DCACHE_MISS: u32 = 6; // a = physical address, b = fill (+ write-back) cycles
// @ts-ignore: decorator
@inline export const TR_FLASH_WRITE: u32 = 7; // a = physical address, b = value
// @ts-ignore: decorator
@inline export const TR_HOST_TRAP: u32 = 8;   // a = cause, b = tval (stopped run() for the host)

export const TRACE_KIND_NAMES = ',exception,interrupt,xret,walk,icacheMiss,dcacheMiss,flashWrite,hostTrap';

export function traceReset(): void {
  memory.fill(TRACE_BASE, 0, 16);
}

export function traceEvent(kind: u32, pc: u32, a: u32, b: u32): void {
  if (!TRACE) return;
  const head = load<u32>(TRACE_BASE);
  const tail = load<u32>(TRACE_BASE, 4);
  const next: u32 = head + 1 == TRACE_CAP ? 0 : head + 1;
  if (next == tail) {
    store<u32>(TRACE_BASE, load<u32>(TRACE_BASE, 8) + 1, 8);
    return;
  }
  const r = TRACE_BASE + 16 + head * TRACE_REC_BYTES;
  store<u64>(r, getCycles());
  store<u32>(r, kind, 8);
  store<u32>(r, pc, 12);
  store<u32>(r, a, 16);
  store<u32>(r, b, 20);
  store<u32>(TRACE_BASE, next);
  // Leave room for the events of the instruction in flight, then let the host drain.
  const used: u32 = next >= tail ? next - tail : next + TRACE_CAP - tail;
  if (used >= TRACE_CAP - 64) requestStop(STOP_IO);
}
