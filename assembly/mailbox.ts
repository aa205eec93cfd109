// The mailbox: how run() tells the host why it stopped. Fixed offsets inside MAILBOX_BASE; the host reads
// them through src/core/machine.ts. See docs/ARCHITECTURE.md for the protocol.
import { MAILBOX_BASE } from './layout';

/** Stop reasons returned by run() (and stored at MB_STOP). */
// @ts-ignore: decorator
@inline export const STOP_BUDGET: u32 = 0;    // the instruction budget is used up
// @ts-ignore: decorator
@inline export const STOP_HALT: u32 = 1;      // finisher pass/fail or tohost: exit code at MB_EXIT
// @ts-ignore: decorator
@inline export const STOP_HOST_TRAP: u32 = 2; // a trap selected by the host-trap mask: MB_CAUSE/TVAL/EPC/PRIV
// @ts-ignore: decorator
@inline export const STOP_BREAKPOINT: u32 = 3; // ebreak with the host-trap mask bit 3 set, or a host breakpoint pc
// @ts-ignore: decorator
@inline export const STOP_WFI: u32 = 4;       // WFI with no interrupt that could ever wake the hart
// @ts-ignore: decorator
@inline export const STOP_FATAL: u32 = 5;     // an unrecoverable condition: MB_FATAL holds a code
// @ts-ignore: decorator
@inline export const STOP_IO: u32 = 6;        // the UART transmit ring is full: drain it and call run() again
// @ts-ignore: decorator
@inline export const STOP_RESET: u32 = 7;     // the guest asked for a reset through the finisher (0x7777)

// @ts-ignore: decorator
@inline export const MB_STOP: u32 = MAILBOX_BASE + 0;
// @ts-ignore: decorator
@inline export const MB_EXIT: u32 = MAILBOX_BASE + 4;    // exit code for STOP_HALT
// @ts-ignore: decorator
@inline export const MB_CAUSE: u32 = MAILBOX_BASE + 8;   // mcause-style cause of a host trap
// @ts-ignore: decorator
@inline export const MB_TVAL: u32 = MAILBOX_BASE + 12;
// @ts-ignore: decorator
@inline export const MB_EPC: u32 = MAILBOX_BASE + 16;    // pc of the trapping instruction (not advanced)
// @ts-ignore: decorator
@inline export const MB_PRIV: u32 = MAILBOX_BASE + 20;   // privilege mode the trap came from
// @ts-ignore: decorator
@inline export const MB_FATAL: u32 = MAILBOX_BASE + 24;  // fatal code (FATAL_*)
// @ts-ignore: decorator
@inline export const MB_HALT_KIND: u32 = MAILBOX_BASE + 28; // 1 finisher, 2 tohost
// @ts-ignore: decorator
@inline export const MB_TOHOST: u32 = MAILBOX_BASE + 32; // last value written to tohost

// @ts-ignore: decorator
@inline export const FATAL_NONE: u32 = 0;
// @ts-ignore: decorator
@inline export const FATAL_BAD_CONFIG: u32 = 1;

/** Set during run() when something asks the loop to stop; run() copies it to MB_STOP. */
export let g_stop: u32 = 0;

export function requestStop(reason: u32): void {
  if (g_stop == 0) g_stop = reason;
}

export function clearStop(): void {
  g_stop = 0;
}
