// Read-array latency: random access, page mode and synchronous burst give exactly the profile's figures
// converted to cycles with the board clock (ceil(ns x clock)). Expected values are written from the
// datasheet figures here, not read back from the model.
import { beforeEach, describe, expect, it } from 'vitest';
import { FlashDevice } from './harness/flash-device.ts';
import { nsToCycles } from '../src/flash/index.ts';

const BANK = 0;

describe('read timing, p30-128t x2 (32-bit bank, 4-word pages, 52 MHz burst)', () => {
  const CLOCK_HZ = 100_000_000;
  const T_ACC = Number(nsToCycles(85, CLOCK_HZ)); // 9
  const T_PAGE = Number(nsToCycles(25, CLOCK_HZ)); // 3
  const PAGE_BYTES = 4 * 4; // 4 words per chip page, 4-byte bus words
  const dev = new FlashDevice();
  const cmd = (off: number, c: number) => dev.write(BANK, off, 4, (c * 0x10001) >>> 0);

  beforeEach(() => {
    dev.configure('p30-128t', CLOCK_HZ);
  });

  it('charges tACC for a random access and tPAGE within the open page', () => {
    expect([T_ACC, T_PAGE]).toEqual([9, 3]);
    expect(dev.x.flashReadCycles(BANK, 0x100, 4)).toBe(T_ACC);
    expect(dev.x.flashReadCycles(BANK, 0x104, 4)).toBe(T_PAGE);
    expect(dev.x.flashReadCycles(BANK, 0x10c, 2)).toBe(T_PAGE);
    expect(dev.x.flashReadCycles(BANK, 0x100 + PAGE_BYTES, 4)).toBe(T_ACC); // next page
    expect(dev.x.flashReadCycles(BANK, 0x104, 1)).toBe(T_ACC); // back to a page no longer open
    expect(dev.stat('bytesRead')).toBe(4n + 4n + 2n + 4n + 1n);
  });

  it('a cache line fill is one random access per page then page reads', () => {
    // 32-byte line = 8 bus words = 2 pages: (tACC + 3 tPAGE) x 2
    expect(dev.x.flashFillCycles(BANK, 0x200, 32)).toBe(2 * (T_ACC + 3 * T_PAGE));
  });

  it('a write to the bank closes the open page', () => {
    dev.x.flashReadCycles(BANK, 0, 4);
    cmd(0, 0xff);
    expect(dev.x.flashReadCycles(BANK, 4, 4)).toBe(T_ACC);
  });

  it('synchronous burst after 0x60/0x03 with RM = 0: latency count then one flash clock per word', () => {
    const CLK = Math.ceil(CLOCK_HZ / 52_000_000); // cycles per 52 MHz flash clock = 2
    const LATENCY_COUNT = 4;
    const BURST_WORDS = 8;
    const RCR = (LATENCY_COUNT << 11) | 0x2; // RM = 0 synchronous, 8-word wrapping burst
    cmd(RCR * 4, 0x60);
    cmd(RCR * 4, 0x03);
    expect(dev.arrayMode(BANK)).toBe(true);
    expect(dev.x.flashReadCycles(BANK, 0, 4)).toBe(LATENCY_COUNT * CLK);
    expect(dev.x.flashReadCycles(BANK, 4, 4)).toBe(CLK);
    expect(dev.x.flashReadCycles(BANK, 8, 4)).toBe(CLK);
    expect(dev.x.flashReadCycles(BANK, 0x40, 4)).toBe(LATENCY_COUNT * CLK); // not sequential
    // A 32-byte line: one new burst of 8 words.
    expect(dev.x.flashFillCycles(BANK, 0x100, 32)).toBe(LATENCY_COUNT * CLK + (BURST_WORDS - 1) * CLK);
    // A 64-byte line crosses the 8-word burst boundary: two bursts.
    expect(dev.x.flashFillCycles(BANK, 0x200, 64)).toBe(2 * (LATENCY_COUNT * CLK + 7 * CLK));
  });

  it('status reads in command mode cost a random access each', () => {
    cmd(0, 0x70);
    expect(dev.x.flashReadCycles(BANK, 0, 4)).toBe(T_ACC);
    expect(dev.x.flashReadCycles(BANK, 4, 4)).toBe(T_ACC);
  });

  it('rounds up at other clocks: 133 MHz', () => {
    dev.configure('p30-128t', 133_000_000);
    expect(dev.x.flashReadCycles(BANK, 0, 4)).toBe(12); // 85 ns x 133 MHz = 11.3
    expect(dev.x.flashReadCycles(BANK, 4, 4)).toBe(4); // 25 ns x 133 MHz = 3.3
  });
});

describe('read timing, s29gl256s (16-bit bank, 16-word pages, no burst)', () => {
  const CLOCK_HZ = 100_000_000;
  const T_ACC = Number(nsToCycles(90, CLOCK_HZ)); // 9
  const T_PAGE = Number(nsToCycles(15, CLOCK_HZ)); // 2
  const dev = new FlashDevice();

  beforeEach(() => {
    dev.configure('s29gl256s', CLOCK_HZ);
  });

  it('a 32-bit read on the 16-bit bank is two bus cycles in one page', () => {
    expect(dev.x.flashReadCycles(BANK, 0x1000, 4)).toBe(T_ACC + T_PAGE);
    expect(dev.x.flashReadCycles(BANK, 0x1004, 4)).toBe(2 * T_PAGE);
  });

  it('a 64-byte fill covers two 32-byte pages', () => {
    expect(dev.x.flashFillCycles(BANK, 0x2000, 64)).toBe(2 * (T_ACC + 15 * T_PAGE));
  });
});
