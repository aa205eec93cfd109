// The test finisher (QEMU's "sifive_test" device on the virt board): a 32-bit write at offset 0 of
// 0x5555 halts with success, (code << 16) | 0x3333 halts with failure `code`, 0x7777 asks for a reset.
// Other values are ignored. Reads return 0.
import { MB_EXIT, MB_HALT_KIND, requestStop, STOP_HALT, STOP_RESET } from '../mailbox';

// @ts-ignore: decorator
@inline export const FINISHER_SIZE: u32 = 0x1000;
// @ts-ignore: decorator
@inline const FINISHER_PASS: u32 = 0x5555;
// @ts-ignore: decorator
@inline const FINISHER_FAIL: u32 = 0x3333;
// @ts-ignore: decorator
@inline const FINISHER_RESET: u32 = 0x7777;

export function finisherWrite(off: u32, v: u32): void {
  if (off != 0) return;
  const kind = v & 0xffff;
  if (kind == FINISHER_PASS) {
    store<u32>(MB_EXIT, 0);
    store<u32>(MB_HALT_KIND, 1);
    requestStop(STOP_HALT);
  } else if (kind == FINISHER_FAIL) {
    store<u32>(MB_EXIT, v >> 16);
    store<u32>(MB_HALT_KIND, 1);
    requestStop(STOP_HALT);
  } else if (kind == FINISHER_RESET) {
    requestStop(STOP_RESET);
  }
}
