// Flash images backed by host files: load pads with 0xFF, an oversized image is an error, saving writes
// atomically (temporary file + rename in the same directory) and only when program/erase changed the bank.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlashDevice } from './harness/flash-device.ts';
import { bankBytes, loadBankImage, saveBankImage, isBankDirty, type FlashMemory } from '../src/flash/index.ts';

const BANK = 0;
const dir = mkdtempSync(join(tmpdir(), 'xipemu-flash-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('flash image persistence', () => {
  const dev = new FlashDevice();
  let fm: FlashMemory;
  let size: number;
  const cmd = (off: number, c: number) => dev.write(BANK, off, 4, (c * 0x10001) >>> 0);

  beforeEach(() => {
    dev.configure('p30-128t', 100_000_000);
    fm = { memory: dev.memory.buffer, flashctlBase: dev.base, flashHost: dev.host, bankStride: dev.bankStride };
    size = bankBytes(dev.params);
  });

  it('the default bank image is exactly 32 MiB, like QEMU virt pflash images', () => {
    expect(size).toBe(32 * 1024 * 1024);
  });

  it('loads a short image and pads the rest of the bank with 0xFF', () => {
    const file = join(dir, 'short.bin');
    writeFileSync(file, Buffer.from([1, 2, 3, 4, 5]));
    dev.array(BANK, 0, 16).fill(0);
    expect(loadBankImage(fm, BANK, size, file)).toBe(5);
    expect([...dev.array(BANK, 0, 8)]).toEqual([1, 2, 3, 4, 5, 0xff, 0xff, 0xff]);
    expect(dev.array(BANK, size - 4, 4).every((b) => b === 0xff)).toBe(true);
    expect(isBankDirty(fm, BANK)).toBe(false);
  });

  it('refuses an image larger than the bank, naming the file and the sizes', () => {
    const file = join(dir, 'big.bin');
    writeFileSync(file, Buffer.alloc(size + 1));
    expect(() => loadBankImage(fm, BANK, size, file)).toThrow(/big\.bin: 33554433 bytes does not fit flash bank 0 \(33554432 bytes\)/);
  });

  it('does not write when the bank did not change', () => {
    const file = join(dir, 'unchanged.bin');
    writeFileSync(file, Buffer.from('original'));
    loadBankImage(fm, BANK, size, file);
    expect(dev.load(BANK, 0, 4)).toBe(Buffer.from('orig').readUInt32LE(0)); // reading is not a change
    expect(saveBankImage(fm, BANK, size, file)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('original');
  });

  it('round-trips a programmed word through an atomic save', () => {
    const file = join(dir, 'flash0.bin');
    writeFileSync(file, Buffer.alloc(0));
    loadBankImage(fm, BANK, size, file);
    cmd(0, 0x60);
    cmd(0, 0xd0); // unlock block 0
    cmd(0x40, 0x40);
    dev.write(BANK, 0x40, 4, 0xdeadbeef);
    dev.advance(1_000_000n);
    cmd(0, 0xff);
    expect(isBankDirty(fm, BANK)).toBe(true);
    const before = statSync(file).ino;
    expect(saveBankImage(fm, BANK, size, file)).toBe(true);
    expect(statSync(file).ino).not.toBe(before); // replaced by rename, not rewritten in place
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const saved = readFileSync(file);
    expect(saved.length).toBe(size);
    expect(saved.readUInt32LE(0x40)).toBe(0xdeadbeef);
    expect(isBankDirty(fm, BANK)).toBe(false);
    expect(saveBankImage(fm, BANK, size, file)).toBe(false); // clean again

    // Load it back into a fresh device.
    const dev2 = new FlashDevice().configure('p30-128t', 100_000_000);
    const fm2 = { memory: dev2.memory.buffer, flashctlBase: dev2.base, flashHost: dev2.host, bankStride: dev2.bankStride };
    loadBankImage(fm2, BANK, size, file);
    expect(dev2.load(BANK, 0x40, 4)).toBe(0xdeadbeef);
  });

  it('an erase of an already-erased block is not a change', () => {
    cmd(0x40000, 0x60);
    cmd(0x40000, 0xd0);
    cmd(0x40000, 0x20);
    cmd(0x40000, 0xd0);
    dev.advance(200_000_000n);
    cmd(0, 0x70);
    expect(dev.read(BANK, 0, 4)).toBe(0x00800080);
    expect(isBankDirty(fm, BANK)).toBe(false);
  });
});
