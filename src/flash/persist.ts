// Flash contents backed by host files: load an image into a bank (padded with erased 0xFF bytes) and
// write a bank back atomically (temp file in the same directory, then rename) only when the device's
// dirty flag says program/erase changed it since the last load or save.

import { readFileSync, writeFileSync, renameSync, unlinkSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { STATE, bankField } from './layout.ts';

export interface FlashMemory {
  /** The core's linear memory (or a view over all of it). */
  memory: ArrayBuffer | Uint8Array;
  /** Exported region bases: FLASHCTL_BASE and FLASH_HOST. */
  flashctlBase: number;
  flashHost: number;
  /** FLASH_BANK_BYTES: the distance between bank arrays in linear memory (32 MiB). */
  bankStride: number;
}

function bytesOf(m: FlashMemory): Uint8Array {
  return m.memory instanceof Uint8Array ? m.memory : new Uint8Array(m.memory);
}

function dirtyView(m: FlashMemory, bank: number): DataView {
  const b = bytesOf(m);
  return new DataView(b.buffer, b.byteOffset + m.flashctlBase + bankField(bank, STATE.B_DIRTY), 4);
}

export function isBankDirty(m: FlashMemory, bank: number): boolean {
  return dirtyView(m, bank).getUint32(0, true) !== 0;
}

export function clearBankDirty(m: FlashMemory, bank: number): void {
  dirtyView(m, bank).setUint32(0, 0, true);
}

/**
 * Fill bank `bank` (bankBytes long) from `file`: the image, then 0xFF up to bankBytes. An image larger
 * than the bank is an error (nothing is written). Clears the dirty flag. Returns the image length.
 */
export function loadBankImage(m: FlashMemory, bank: number, bankBytes: number, file: string): number {
  const data = readFileSync(file);
  if (data.length > bankBytes) {
    throw new Error(`${file}: ${data.length} bytes does not fit flash bank ${bank} (${bankBytes} bytes)`);
  }
  const mem = bytesOf(m);
  const base = m.flashHost + bank * m.bankStride;
  mem.fill(0xff, base, base + bankBytes);
  mem.set(data, base);
  clearBankDirty(m, bank);
  return data.length;
}

/** Fill a bank with erased flash (0xFF) and clear its dirty flag. */
export function eraseBankImage(m: FlashMemory, bank: number, bankBytes: number): void {
  const base = m.flashHost + bank * m.bankStride;
  bytesOf(m).fill(0xff, base, base + bankBytes);
  clearBankDirty(m, bank);
}

/**
 * Write bank `bank` to `file` if the device changed it since the last load/save: the bytes go to a
 * temporary file in the same directory, are flushed, and the temporary file is renamed over `file`, so a
 * crash leaves either the old image or the new one. Returns true when the file was written.
 */
export function saveBankImage(m: FlashMemory, bank: number, bankBytes: number, file: string): boolean {
  if (!isBankDirty(m, bank)) return false;
  const base = m.flashHost + bank * m.bankStride;
  const bytes = bytesOf(m).subarray(base, base + bankBytes);
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* the temporary file may not exist */
    }
    throw e;
  }
  clearBankDirty(m, bank);
  return true;
}
