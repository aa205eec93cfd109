// The system bus: physical address decode for the board's memory map (DESIGN section 3, compatible with
// QEMU's riscv virt board where both have a device). Ranges are half-open [base, base + size) and listed
// once in RANGES; test/bus.test.ts checks that they do not overlap.
//
// Plain memory (RAM, and flash banks in read-array mode) is reached on the fast path through the soft
// TLB (hostForRead/hostForWrite give the linear-memory address); everything else comes here through
// busRead/busWrite: devices, flash in command mode, the tohost word, and accesses that fault. Stores into
// flash always come here (flashWrite); a bank leaving read-array mode flushes the soft TLB.
import { cfg, CF_FLASH_BANKS, CF_MMIO_CYCLES, CF_RAM_BYTES, CF_TOHOST } from '../config';
import { FLASH_BANK_BYTES, FLASH_HOST, PA_CLINT, PA_FINISHER, PA_FLASH0, PA_RAM, PA_UART, RAM_HOST } from '../layout';
import { MB_EXIT, MB_HALT_KIND, MB_TOHOST, requestStop, STOP_HALT } from '../mailbox';
import { addPenalty, getCycles } from '../cpu/state';
import { clintRead, clintWrite, CLINT_SIZE } from '../dev/clint';
import { finisherWrite, FINISHER_SIZE } from '../dev/finisher';
import { uartRead, uartWrite, UART_SIZE } from '../dev/uart';
import { flashArrayMode, flashReadCycles, flashReadSlow, flashWrite } from './flashport';
import { invalidateDecodedRange } from '../cpu/predecode';
import { softTlbFlush } from '../mmu/softtlb';
import { statAdd, ST_MMIO, ST_STALL_FLASH, ST_STALL_MMIO } from '../stats';
import { traceEvent, TR_FLASH_WRITE } from '../trace';

// Device ids of the range table.
// @ts-ignore: decorator
@inline export const DEV_NONE: u32 = 0;
// @ts-ignore: decorator
@inline export const DEV_FINISHER: u32 = 1;
// @ts-ignore: decorator
@inline export const DEV_CLINT: u32 = 2;
// @ts-ignore: decorator
@inline export const DEV_UART: u32 = 3;
// @ts-ignore: decorator
@inline export const DEV_FLASH0: u32 = 4;
// @ts-ignore: decorator
@inline export const DEV_FLASH1: u32 = 5;
// @ts-ignore: decorator
@inline export const DEV_RAM: u32 = 6;

/** The memory map: base, size (RAM's size comes from the profile; absent flash banks are size 0). */
export const RANGE_NAMES = 'finisher,clint,uart,flash0,flash1,ram';
export function rangeBase(dev: u32): u32 {
  switch (dev) {
    case DEV_FINISHER: return PA_FINISHER;
    case DEV_CLINT: return PA_CLINT;
    case DEV_UART: return PA_UART;
    case DEV_FLASH0: return PA_FLASH0;
    case DEV_FLASH1: return PA_FLASH0 + FLASH_BANK_BYTES;
    case DEV_RAM: return PA_RAM;
  }
  return 0;
}
export function rangeSize(dev: u32): u32 {
  switch (dev) {
    case DEV_FINISHER: return FINISHER_SIZE;
    case DEV_CLINT: return CLINT_SIZE;
    case DEV_UART: return UART_SIZE;
    case DEV_FLASH0: return (cfg(CF_FLASH_BANKS) & 1) != 0 ? FLASH_BANK_BYTES : 0;
    case DEV_FLASH1: return (cfg(CF_FLASH_BANKS) & 2) != 0 ? FLASH_BANK_BYTES : 0;
    case DEV_RAM: return cfg(CF_RAM_BYTES);
  }
  return 0;
}

/** Which device holds pa (DEV_NONE if none). Offsets within the device come from rangeBase. */
export function decodePa(pa: u32): u32 {
  if (pa >= PA_RAM) return pa - PA_RAM < cfg(CF_RAM_BYTES) ? DEV_RAM : DEV_NONE;
  if (pa >= PA_FLASH0) {
    const bank = (pa - PA_FLASH0) / FLASH_BANK_BYTES;
    if (bank < 2 && ((cfg(CF_FLASH_BANKS) >> bank) & 1) != 0) return DEV_FLASH0 + bank;
    return DEV_NONE;
  }
  if (pa - PA_UART < UART_SIZE) return DEV_UART;
  if (pa - PA_CLINT < CLINT_SIZE) return DEV_CLINT;
  if (pa - PA_FINISHER < FINISHER_SIZE) return DEV_FINISHER;
  return DEV_NONE;
}

/** Linear-memory address of pa's page for plain reads and fetches, or 0 if pa is not plain memory now. */
export function hostForRead(pa: u32): u32 {
  const dev = decodePa(pa);
  if (dev == DEV_RAM) return RAM_HOST + (pa - PA_RAM);
  if (dev == DEV_FLASH0 || dev == DEV_FLASH1) {
    const bank = dev - DEV_FLASH0;
    if (flashArrayMode(bank)) return FLASH_HOST + (pa - PA_FLASH0);
  }
  return 0;
}

/** Linear-memory address of pa for plain stores (RAM only, never the tohost page), or 0. */
export function hostForWrite(pa: u32): u32 {
  if (decodePa(pa) != DEV_RAM) return 0;
  const toh = cfg(CF_TOHOST);
  if (toh != 0 && (pa & 0xfffff000) == (toh & 0xfffff000)) return 0;
  return RAM_HOST + (pa - PA_RAM);
}

/** Set by busRead/busWrite when the address decodes to nothing (an access fault for the caller). */
export let g_busFault: bool = false;

export function busRead(pa: u32, size: u32): u32 {
  g_busFault = false;
  g_mmioTouched = false;
  const dev = decodePa(pa);
  switch (dev) {
    case DEV_RAM: {
      const h = RAM_HOST + (pa - PA_RAM);
      return size == 4 ? load<u32>(h) : size == 2 ? <u32>load<u16>(h) : <u32>load<u8>(h);
    }
    case DEV_FLASH0: case DEV_FLASH1: {
      const bank = dev - DEV_FLASH0;
      const off = pa - rangeBase(dev);
      // Timed build: an uncached flash read through the bus (command mode, or a fetch across a page).
      if (TIMED) {
        const c = flashReadCycles(bank, off, size);
        addPenalty(c);
        statAdd(ST_STALL_FLASH, c);
      }
      if (flashArrayMode(bank)) {
        const h = FLASH_HOST + (pa - PA_FLASH0);
        return size == 4 ? load<u32>(h) : size == 2 ? <u32>load<u16>(h) : <u32>load<u8>(h);
      }
      return flashReadSlow(bank, off, size, getCycles());
    }
    case DEV_UART:
      countMmio();
      return uartRead(pa - PA_UART);
    case DEV_CLINT:
      countMmio();
      return clintRead(pa - PA_CLINT, size, getCycles());
    case DEV_FINISHER:
      countMmio();
      return 0;
  }
  g_busFault = true;
  return 0;
}

export function busWrite(pa: u32, size: u32, v: u32): void {
  g_busFault = false;
  g_mmioTouched = false;
  const dev = decodePa(pa);
  switch (dev) {
    case DEV_RAM: {
      const h = RAM_HOST + (pa - PA_RAM);
      if (size == 4) store<u32>(h, v); else if (size == 2) store<u16>(h, <u16>v); else store<u8>(h, <u8>v);
      invalidateDecodedRange(h, size);
      const toh = cfg(CF_TOHOST);
      if (toh != 0 && pa == toh) tohostWrite(v);
      return;
    }
    case DEV_FLASH0: case DEV_FLASH1: {
      // Every store goes to the device. A bank that leaves read-array mode is no longer plain memory:
      // drop the soft TLB (its load entries may point into the array) and make the hart re-translate its
      // fetch page, so loads and fetches of the bank reach flashReadSlow. Banks only leave array mode on a
      // write; they return to it inside flashReadSlow/flashWrite, after which hostForRead lets the next
      // slow access refill the fast path.
      const bank = dev - DEV_FLASH0;
      const wasArray = flashArrayMode(bank);
      traceEvent(TR_FLASH_WRITE, 0, pa, v);
      flashWrite(bank, pa - rangeBase(dev), size, v, getCycles());
      if (wasArray && !flashArrayMode(bank)) softTlbFlush();
      return;
    }
    case DEV_UART:
      countMmio();
      uartWrite(pa - PA_UART, v);
      return;
    case DEV_CLINT:
      countMmio();
      clintWrite(pa - PA_CLINT, size, v, getCycles());
      return;
    case DEV_FINISHER:
      countMmio();
      finisherWrite(pa - PA_FINISHER, v);
      return;
  }
  g_busFault = true;
}

/**
 * Set when an access reached a device register (UART, CLINT, finisher): the hart ends its chunk so a
 * newly raised interrupt is seen. Flash command/status accesses do not set it (they raise no interrupt),
 * so a driver polling flash status runs at full speed.
 */
export let g_mmioTouched: bool = false;

function countMmio(): void {
  g_mmioTouched = true;
  statAdd(ST_MMIO, 1);
  addPenalty(<u64>cfg(CF_MMIO_CYCLES));
  statAdd(ST_STALL_MMIO, <u64>cfg(CF_MMIO_CYCLES));
}

/** The riscv-tests tohost convention: an odd value v halts with exit code v >> 1 (0 = pass). */
function tohostWrite(v: u32): void {
  store<u32>(MB_TOHOST, v);
  if ((v & 1) != 0) {
    store<u32>(MB_EXIT, v >> 1);
    store<u32>(MB_HALT_KIND, 2);
    requestStop(STOP_HALT);
  }
}
