// A 16550-compatible UART (register layout of the National/TI PC16550D, one byte per register as on
// QEMU's virt board). Transmit is instantaneous: THR writes go to a ring in linear memory that the host
// drains after run() returns (STOP_IO when it fills). Receive takes bytes the host put in the RX ring.
// Leaves out: baud-rate timing, FIFO trigger levels, modem lines, and interrupts (the board has no PLIC).
import { UART_RX_BASE, UART_RX_SIZE, UART_TX_BASE, UART_TX_SIZE } from '../layout';
import { requestStop, STOP_IO } from '../mailbox';

// @ts-ignore: decorator
@inline export const UART_SIZE: u32 = 0x100;
// TX ring: u32 count at +0, bytes from +8. RX ring: u32 head (core) at +0, u32 tail (host) at +4, bytes from +8.
// @ts-ignore: decorator
@inline export const UART_TX_CAP: u32 = UART_TX_SIZE - 8;
// @ts-ignore: decorator
@inline export const UART_RX_CAP: u32 = UART_RX_SIZE - 8;

const LSR_DR: u32 = 0x01;
const LSR_THRE: u32 = 0x20;
const LSR_TEMT: u32 = 0x40;
const LCR_DLAB: u32 = 0x80;

let ier: u32 = 0, lcr: u32 = 0, mcr: u32 = 0, scr: u32 = 0, dll: u32 = 0, dlm: u32 = 0, fcr: u32 = 0;

export function uartReset(): void {
  ier = 0; lcr = 0; mcr = 0; scr = 0; dll = 0; dlm = 0; fcr = 0;
  store<u32>(UART_TX_BASE, 0);
  store<u32>(UART_RX_BASE, 0);
  store<u32>(UART_RX_BASE, 0, 4);
}

function rxAvailable(): bool {
  return load<u32>(UART_RX_BASE) != load<u32>(UART_RX_BASE, 4);
}

export function uartRead(off: u32): u32 {
  switch (off) {
    case 0: {
      if ((lcr & LCR_DLAB) != 0) return dll;
      if (!rxAvailable()) return 0;
      const head = load<u32>(UART_RX_BASE);
      const b = <u32>load<u8>(UART_RX_BASE + 8 + head);
      store<u32>(UART_RX_BASE, (head + 1) % UART_RX_CAP);
      return b;
    }
    case 1: return (lcr & LCR_DLAB) != 0 ? dlm : ier;
    case 2: return (fcr & 1) != 0 ? 0xc1 : 0x01; // no interrupt pending; FIFOs enabled bits
    case 3: return lcr;
    case 4: return mcr;
    case 5: return LSR_THRE | LSR_TEMT | (rxAvailable() ? LSR_DR : 0);
    case 6: return 0xb0; // DCD, DSR, CTS asserted (a connected terminal)
    case 7: return scr;
  }
  return 0;
}

export function uartWrite(off: u32, v: u32): void {
  v &= 0xff;
  switch (off) {
    case 0: {
      if ((lcr & LCR_DLAB) != 0) { dll = v; return; }
      const n = load<u32>(UART_TX_BASE);
      store<u8>(UART_TX_BASE + 8 + n, <u8>v);
      store<u32>(UART_TX_BASE, n + 1);
      if (n + 1 >= UART_TX_CAP) requestStop(STOP_IO);
      return;
    }
    case 1: if ((lcr & LCR_DLAB) != 0) dlm = v; else ier = v & 0x0f; return;
    case 2: fcr = v; return;
    case 3: lcr = v; return;
    case 4: mcr = v; return;
    case 7: scr = v; return;
  }
}
