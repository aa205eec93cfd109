// Reading the device's statistics block (FLASHCTL + S_*) after run() returns.
import { FLASH_STATS } from './layout.ts';

export type FlashStats = Record<(typeof FLASH_STATS)[number][0], bigint>;

export function readFlashStats(memory: ArrayBuffer | Uint8Array, flashctlBase: number): FlashStats {
  const b = memory instanceof Uint8Array ? memory : new Uint8Array(memory);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = {} as FlashStats;
  for (const [name, off] of FLASH_STATS) out[name] = dv.getBigUint64(flashctlBase + off, true);
  return out;
}
