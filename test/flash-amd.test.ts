// AMD/Fujitsu command set 0x0002, written as a driver (Linux cfi_cmdset_0002 style): unlock cycles,
// DQ7 data# polling and DQ6 toggle polling while emulated time advances. One x16 S29GL256S (and the same
// tests on an S29GL128P) on a 16-bit bank: chip word address a is byte offset 2a (0x555 -> 0xAAA, 0x2AA -> 0x554).
import { beforeEach, describe, expect, it } from 'vitest';
import { FlashDevice } from './harness/flash-device.ts';

const CLOCK_HZ = 100_000_000;
const BANK = 0;
const WIDTH = 2;
const SECTOR = 0x20000;

const UNLOCK_ADDR1 = 0x555;
const UNLOCK_ADDR2 = 0x2aa;
const UNLOCK1 = 0xaa;
const UNLOCK2 = 0x55;
const PROGRAM = 0xa0;
const ERASE_SETUP = 0x80;
const SECTOR_ERASE = 0x30; // also erase resume
const CHIP_ERASE = 0x10;
const AUTOSELECT = 0x90;
const RESET = 0xf0;
const ERASE_SUSPEND = 0xb0;
const WRITE_BUFFER = 0x25;
const BUFFER_CONFIRM = 0x29;

const DQ7 = 0x80;
const DQ6 = 0x40;
const DQ3 = 0x08;
const DQ2 = 0x04;
const DQ1 = 0x02;

// The parts' figures at 100 MHz (docs/TIMING.md), written out from their data sheet values.
const PARTS = [
  {
    title: 'a x16 S29GL256S', part: 's29gl256s', sectors: 256, device2: 0x2222, bufferWords: 256n,
    WORD_PROGRAM_CYCLES: 12_500n, // 125 us
    BUFFER_PROGRAM_CYCLES: 34_000n, // 340 us for 256 words
    SECTOR_ERASE_CYCLES: 27_500_000n, // 275 ms
    ERASE_WINDOW_CYCLES: 5_000n, // tSEA 50 us
    ERASE_SUSPEND_CYCLES: 4_500n, // 45 us
  },
  {
    title: 'a x16 S29GL128P', part: 's29gl128p', sectors: 128, device2: 0x2221, bufferWords: 32n,
    WORD_PROGRAM_CYCLES: 6_000n, // 60 us
    BUFFER_PROGRAM_CYCLES: 48_000n, // 480 us for 32 words
    SECTOR_ERASE_CYCLES: 50_000_000n, // 500 ms
    ERASE_WINDOW_CYCLES: 5_000n, // tSEA 50 us
    ERASE_SUSPEND_CYCLES: 500n, // 5 us
  },
];

describe.each(PARTS)('AMD command set on $title', (P) => {
  const { WORD_PROGRAM_CYCLES, BUFFER_PROGRAM_CYCLES, SECTOR_ERASE_CYCLES, ERASE_WINDOW_CYCLES, ERASE_SUSPEND_CYCLES } = P;
  const LAST = P.sectors - 1;
  const dev = new FlashDevice();
  const cmd = (wordAddr: number, c: number) => dev.write(BANK, wordAddr * WIDTH, 2, c);
  const unlock = () => {
    cmd(UNLOCK_ADDR1, UNLOCK1);
    cmd(UNLOCK_ADDR2, UNLOCK2);
  };
  const program = (off: number, value: number) => {
    unlock();
    cmd(UNLOCK_ADDR1, PROGRAM);
    dev.write(BANK, off, 2, value);
  };
  const sectorErase = (...sectors: number[]) => {
    unlock();
    cmd(UNLOCK_ADDR1, ERASE_SETUP);
    unlock();
    for (const s of sectors) dev.write(BANK, s, 2, SECTOR_ERASE);
  };
  const read = (off: number) => dev.read(BANK, off, 2);
  const half = (off: number) => dev.view.getUint16(dev.host + BANK * dev.bankStride + off, true);
  /** DQ7 data# polling: wait until DQ7 reads as the programmed data's DQ7. */
  const pollDq7 = (off: number, data: number, step = 500n) => {
    const start = dev.now;
    while (((read(off) ^ data) & DQ7) !== 0) dev.advance(step);
    return dev.now - start;
  };
  /** DQ6 toggle polling: wait until two successive reads agree. */
  const pollToggle = (off: number, step = 100_000n) => {
    const start = dev.now;
    for (;;) {
      const a = read(off);
      const b = read(off);
      if (((a ^ b) & DQ6) === 0) return dev.now - start;
      dev.advance(step);
    }
  };

  beforeEach(() => {
    dev.configure(P.part, CLOCK_HZ);
  });

  it('programs a word after the unlock cycles; DQ7 shows the complement until done', () => {
    program(0x1000, 0x1234);
    expect(dev.arrayMode(BANK)).toBe(false);
    const s1 = read(0x1000);
    const s2 = read(0x1000);
    expect(s1 & DQ7).toBe(DQ7); // data 0x34: DQ7 = 0, complemented while programming
    expect((s1 ^ s2) & DQ6).toBe(DQ6); // DQ6 toggles on every read
    expect(pollDq7(0x1000, 0x1234, 1n)).toBe(WORD_PROGRAM_CYCLES);
    expect(read(0x1000)).toBe(0x1234); // back to read-array by itself
    expect(dev.arrayMode(BANK)).toBe(true);
    // Only bits are cleared.
    program(0x1000, 0xff0f);
    dev.advance(WORD_PROGRAM_CYCLES);
    expect(read(0x1000)).toBe(0x1204);
    expect(half(0x1000)).toBe(0x1204);
  });

  it('needs both unlock cycles at the right addresses', () => {
    cmd(UNLOCK_ADDR1, UNLOCK1);
    cmd(UNLOCK_ADDR1, UNLOCK2); // wrong address: the sequence is dropped
    cmd(UNLOCK_ADDR1, PROGRAM);
    dev.write(BANK, 0x10, 2, 0);
    expect(dev.arrayMode(BANK)).toBe(true);
    expect(half(0x10)).toBe(0xffff);
    expect(dev.stat('wordPrograms')).toBe(0n);
  });

  it('sector erase: DQ3 stays 0 in the accept window, more sectors join, DQ2 toggles only in them', () => {
    program(SECTOR + 4, 0);
    program(3 * SECTOR + 4, 0);
    dev.advance(WORD_PROGRAM_CYCLES);
    program(5 * SECTOR, 0x5555);
    dev.advance(WORD_PROGRAM_CYCLES);
    sectorErase(SECTOR);
    expect(read(SECTOR) & (DQ7 | DQ3)).toBe(0); // erasing, window open
    dev.advance(ERASE_WINDOW_CYCLES - 1n);
    dev.write(BANK, 3 * SECTOR, 2, SECTOR_ERASE); // within tSEA: added, window restarts
    dev.advance(ERASE_WINDOW_CYCLES);
    expect(read(SECTOR) & DQ3).toBe(DQ3); // window closed: erase running
    const a = read(SECTOR);
    const b = read(SECTOR);
    expect((a ^ b) & DQ2).toBe(DQ2); // DQ2 toggles in a sector being erased
    const c = read(5 * SECTOR);
    const d = read(5 * SECTOR);
    expect((c ^ d) & DQ2).toBe(0); // not in one that is not
    expect((c ^ d) & DQ6).toBe(DQ6);
    const waited = pollToggle(SECTOR, 1_000_000n);
    expect(waited).toBeGreaterThanOrEqual(2n * SECTOR_ERASE_CYCLES - 1_000_000n);
    expect(read(SECTOR + 4)).toBe(0xffff);
    expect(read(3 * SECTOR + 4)).toBe(0xffff);
    expect(read(5 * SECTOR)).toBe(0x5555);
    expect(dev.stat('blockErases')).toBe(2n);
  });

  it('ends exactly one accept window plus the sector-erase time after the last 0x30', () => {
    sectorErase(0);
    const start = dev.now;
    dev.advance(ERASE_WINDOW_CYCLES + SECTOR_ERASE_CYCLES - 1n);
    expect(dev.arrayMode(BANK)).toBe(false);
    expect(read(0) & DQ7).toBe(0);
    dev.advance(1n);
    expect(read(0)).toBe(0xffff);
    expect(dev.now - start).toBe(ERASE_WINDOW_CYCLES + SECTOR_ERASE_CYCLES);
  });

  it('a command other than 0x30 in the accept window aborts the erase', () => {
    program(8, 0);
    dev.advance(WORD_PROGRAM_CYCLES);
    sectorErase(0);
    cmd(0, RESET);
    expect(dev.arrayMode(BANK)).toBe(true);
    dev.advance(SECTOR_ERASE_CYCLES * 2n);
    expect(read(8)).toBe(0);
    expect(dev.stat('commandErrors')).toBe(1n);
  });

  it('erase suspend: other sectors read and program, the erasing sector shows DQ7 = 1 and DQ2 toggling', () => {
    program(4 * SECTOR, 0xbeef);
    dev.advance(WORD_PROGRAM_CYCLES);
    sectorErase(SECTOR);
    dev.advance(ERASE_WINDOW_CYCLES + 1000n);
    cmd(0, ERASE_SUSPEND);
    dev.advance(ERASE_SUSPEND_CYCLES);
    expect(read(4 * SECTOR)).toBe(0xbeef);
    const a = read(SECTOR);
    const b = read(SECTOR);
    expect(a & DQ7).toBe(DQ7);
    expect((a ^ b) & DQ6).toBe(0); // DQ6 stops toggling
    expect((a ^ b) & DQ2).toBe(DQ2);
    expect(dev.arrayMode(BANK)).toBe(false); // the bank still has a sector that answers status
    program(4 * SECTOR + 2, 0x0123);
    expect(pollDq7(4 * SECTOR + 2, 0x0123, 1n)).toBe(WORD_PROGRAM_CYCLES);
    expect(read(4 * SECTOR + 2)).toBe(0x0123);
    // Resume: the erase needs what was left when the suspend took effect.
    cmd(0, SECTOR_ERASE);
    const left = SECTOR_ERASE_CYCLES - 1000n - ERASE_SUSPEND_CYCLES;
    dev.advance(left - 1n);
    expect(read(SECTOR) & DQ3).toBe(DQ3);
    dev.advance(1n);
    expect(read(SECTOR)).toBe(0xffff);
    expect(dev.arrayMode(BANK)).toBe(true);
  });

  it('chip erase sets the whole bank to 0xFF', () => {
    program(0, 0);
    dev.advance(WORD_PROGRAM_CYCLES);
    program(LAST * SECTOR + 0x100, 0);
    dev.advance(WORD_PROGRAM_CYCLES);
    unlock();
    cmd(UNLOCK_ADDR1, ERASE_SETUP);
    unlock();
    cmd(UNLOCK_ADDR1, CHIP_ERASE);
    expect(read(0x8000) & (DQ7 | DQ3)).toBe(DQ3);
    dev.advance(BigInt(P.sectors) * SECTOR_ERASE_CYCLES);
    expect(read(0)).toBe(0xffff);
    expect(read(LAST * SECTOR + 0x100)).toBe(0xffff);
    expect(dev.stat('chipErases')).toBe(1n);
  });

  it('autoselect gives the manufacturer and device codes; reset returns to read-array', () => {
    unlock();
    cmd(UNLOCK_ADDR1, AUTOSELECT);
    expect(read(0x00 * WIDTH)).toBe(0x0001);
    expect(read(0x01 * WIDTH)).toBe(0x227e);
    expect(read(0x0e * WIDTH)).toBe(P.device2);
    expect(read(0x0f * WIDTH)).toBe(0x2201);
    expect(read(SECTOR + 0x02 * WIDTH)).toBe(0); // sector unprotected
    cmd(0, RESET);
    expect(dev.arrayMode(BANK)).toBe(true);
  });

  it('write-buffer programming: 0x25, count - 1, data, 0x29 at the sector', () => {
    const base = 2 * SECTOR + 0x200;
    unlock();
    dev.write(BANK, 2 * SECTOR, 2, WRITE_BUFFER);
    dev.write(BANK, 2 * SECTOR, 2, 8 - 1);
    for (let i = 0; i < 8; i++) dev.write(BANK, base + i * 2, 2, 0x4000 + i);
    dev.write(BANK, 2 * SECTOR, 2, BUFFER_CONFIRM);
    expect(pollDq7(base + 14, 0x4007, 1n)).toBe((BUFFER_PROGRAM_CYCLES * 8n + P.bufferWords - 1n) / P.bufferWords); // scaled, rounded up
    for (let i = 0; i < 8; i++) expect(half(base + i * 2)).toBe(0x4000 + i);
  });

  it('a write-buffer abort shows DQ1 until the write-buffer-abort reset', () => {
    unlock();
    dev.write(BANK, 0, 2, WRITE_BUFFER);
    dev.write(BANK, 0, 2, 2 - 1);
    dev.write(BANK, 0x10, 2, 0x1111);
    dev.write(BANK, 0x10 + 512, 2, 0x2222); // outside the write-buffer window (256 or 32 words): abort
    expect(read(0x10) & DQ1).toBe(DQ1);
    cmd(0, RESET); // a plain reset is not enough
    expect(read(0x10) & DQ1).toBe(DQ1);
    expect(dev.arrayMode(BANK)).toBe(false); // (erased array data would read 0xffff, DQ1 set too)
    unlock();
    cmd(0x123, RESET); // nor 0xF0 after the unlock cycles at another address than 0x555
    expect(dev.arrayMode(BANK)).toBe(false);
    expect(read(0x10) & DQ1).toBe(DQ1);
    unlock();
    cmd(UNLOCK_ADDR1, RESET);
    expect(dev.arrayMode(BANK)).toBe(true);
    expect(half(0x10)).toBe(0xffff);
  });
});
