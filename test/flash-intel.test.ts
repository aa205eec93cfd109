// Intel/Sharp command set 0x0001, written as a flash driver would: command sequences from the P30
// datasheet, status-register polling while emulated time advances, and the "programming only clears bits"
// rule. Default bank: two x16 p30-128t chips interleaved to 32 bits, so every command is written
// replicated in both halves and the status reads back in both halves.
import { beforeEach, describe, expect, it } from 'vitest';
import { FlashDevice } from './harness/flash-device.ts';
import { STATE } from '../src/flash/index.ts';

const CLOCK_HZ = 100_000_000;
const BANK = 0;
const WIDTH = 4;

// Commands (P30 datasheet, command definitions).
const READ_ARRAY = 0xff;
const READ_STATUS = 0x70;
const CLEAR_STATUS = 0x50;
const READ_ID = 0x90;
const WORD_PROGRAM = 0x40;
const BUFFERED_PROGRAM = 0xe8;
const BLOCK_ERASE = 0x20;
const CONFIRM = 0xd0; // erase confirm, buffered-program confirm, resume, unlock
const SUSPEND = 0xb0;
const CONFIG_SETUP = 0x60;
const LOCK = 0x01;
const LOCK_DOWN = 0x2f;
const SET_RCR = 0x03;

// Status register bits.
const SR_READY = 0x80;
const SR_ERASE_SUSPENDED = 0x40;
const SR_ERASE_ERROR = 0x20;
const SR_PROGRAM_ERROR = 0x10;
const SR_PROGRAM_SUSPENDED = 0x04;
const SR_LOCKED = 0x02;

// Figures of p30-128t at 100 MHz (see docs/TIMING.md).
const WORD_PROGRAM_CYCLES = 25_600n; // 256 us
const BUFFER_PROGRAM_CYCLES = 44800n; // 448 us for 32 words
const MAIN_ERASE_CYCLES = 102_400_000n; // 1024 ms
const SUSPEND_CYCLES = 2000n; // 20 us

const BLOCK = 0x40000; // 128 KiB per chip x 2 chips

describe('Intel command set on the default 2 x16 bank', () => {
  const dev = new FlashDevice();
  const both = (v: number) => ((v & 0xffff) * 0x10001) >>> 0;
  const cmd = (off: number, c: number) => dev.write(BANK, off, 4, both(c));
  /** One chip's status byte; asserts both chips of the bank agree. */
  const status = (off = 0) => {
    const w = dev.read(BANK, off, 4);
    expect(w >>> 16).toBe(w & 0xffff);
    return w & 0xff;
  };
  /** Poll SR.7 like a driver, `step` cycles per poll; returns the status and the cycles waited. */
  const waitReady = (step = 1000n, limit = 1_000_000n) => {
    const start = dev.now;
    let s = status();
    while ((s & SR_READY) === 0) {
      if (dev.now - start > limit * step) throw new Error('flash never became ready');
      dev.advance(step);
      s = status();
    }
    return { s, waited: dev.now - start };
  };
  const unlock = (block: number) => {
    cmd(block, CONFIG_SETUP);
    cmd(block, CONFIRM);
  };
  const programWord = (off: number, value: number) => {
    cmd(off, WORD_PROGRAM);
    dev.write(BANK, off, 4, value);
  };
  const word = (off: number) => dev.view.getUint32(dev.host + BANK * dev.bankStride + off, true);

  beforeEach(() => {
    dev.configure('p30-128t', CLOCK_HZ);
  });

  it('programs a word: status while busy for exactly the word-program time, then only bits cleared', () => {
    unlock(0);
    programWord(0x100, 0x12345678);
    expect(dev.arrayMode(BANK)).toBe(false);
    expect(status()).toBe(0); // SR.7 = 0: busy
    dev.advance(WORD_PROGRAM_CYCLES - 1n);
    expect(status() & SR_READY).toBe(0);
    dev.advance(1n);
    expect(status()).toBe(SR_READY);
    expect(dev.arrayMode(BANK)).toBe(false); // Intel parts stay in read-status until 0xFF
    cmd(0, READ_ARRAY);
    expect(dev.arrayMode(BANK)).toBe(true);
    expect(word(0x100)).toBe(0x12345678);

    // Programming again can only clear bits: the result is the AND of old and new data.
    programWord(0x100, 0xff00ff0f);
    waitReady();
    cmd(0, READ_ARRAY);
    expect(word(0x100)).toBe(0x12005608);
    programWord(0x100, 0xffffffff);
    waitReady();
    cmd(0, READ_ARRAY);
    expect(word(0x100)).toBe(0x12005608);
    expect(dev.stat('wordPrograms')).toBe(3n);
    expect(dev.dirty(BANK)).toBe(true);
  });

  it('erases a block back to 0xFF after the block-erase time, reporting the change', () => {
    unlock(BLOCK);
    programWord(BLOCK + 8, 0);
    waitReady();
    const inval = dev.stat('invalidations');
    cmd(BLOCK, BLOCK_ERASE);
    cmd(BLOCK, CONFIRM);
    const { s, waited } = waitReady(100_000n);
    expect(s).toBe(SR_READY);
    expect(waited).toBe(MAIN_ERASE_CYCLES);
    cmd(0, READ_ARRAY);
    expect(dev.array(BANK, BLOCK, 0x40000).every((b) => b === 0xff)).toBe(true);
    expect(dev.stat('blockErases')).toBe(1n);
    expect(dev.stat('invalidations')).toBe(inval + 1n);
    expect(dev.u32(STATE.S_LAST_INVAL_ADDR)).toBe(dev.host + BLOCK);
    expect(dev.u32(STATE.S_LAST_INVAL_LEN)).toBe(0x40000);
  });

  it('serves status, not code, to reads and fetches of the busy bank', () => {
    unlock(0);
    programWord(0, 0x00000013); // "nop" being written
    const busyBefore = dev.stat('busyReads');
    expect(dev.load(BANK, 0x200, 4)).toBe(0); // a fetch from elsewhere in the bank: status, SR.7 = 0
    expect(dev.stat('busyReads')).toBe(busyBefore + 1n);
    dev.advance(WORD_PROGRAM_CYCLES);
    expect(dev.load(BANK, 0x200, 4)).toBe(both(SR_READY));
  });

  it('refuses to program or erase a locked block (blocks are locked after reset)', () => {
    programWord(0x40, 0);
    expect(status()).toBe(SR_READY | SR_PROGRAM_ERROR | SR_LOCKED);
    cmd(0, CLEAR_STATUS);
    expect(status()).toBe(SR_READY); // clear status leaves SR.7 alone
    cmd(0, BLOCK_ERASE);
    cmd(0, CONFIRM);
    expect(status()).toBe(SR_READY | SR_ERASE_ERROR | SR_LOCKED);
    cmd(0, READ_ARRAY);
    expect(word(0x40)).toBe(0xffffffff);
    expect(dev.dirty(BANK)).toBe(false);
    expect(dev.stat('commandErrors')).toBe(2n);
  });

  it('keeps a locked-down block locked until reset (WP# low)', () => {
    cmd(BLOCK, CONFIG_SETUP);
    cmd(BLOCK, LOCK_DOWN);
    unlock(BLOCK);
    cmd(0, READ_ID);
    expect(dev.read(BANK, BLOCK + 2 * WIDTH, 4)).toBe(both(0x3)); // locked + locked-down
    unlock(0);
    cmd(0, READ_ID); // lock commands leave the bank in read-status mode
    expect(dev.read(BANK, 0 + 2 * WIDTH, 4)).toBe(0); // block 0 unlocked
    cmd(0, CONFIG_SETUP);
    cmd(0, LOCK);
    cmd(0, READ_ID);
    expect(dev.read(BANK, 0 + 2 * WIDTH, 4)).toBe(both(0x1));
    dev.x.flashReset();
    cmd(0, READ_ID);
    expect(dev.read(BANK, BLOCK + 2 * WIDTH, 4)).toBe(both(0x1)); // lock-down cleared by reset
  });

  it('flags a bad command sequence (erase setup not confirmed) and erases nothing', () => {
    unlock(0);
    programWord(0, 0x11111111);
    waitReady();
    cmd(0, BLOCK_ERASE);
    cmd(0, READ_ARRAY); // not 0xD0
    expect(status()).toBe(SR_READY | SR_ERASE_ERROR | SR_PROGRAM_ERROR);
    expect(dev.arrayMode(BANK)).toBe(false);
    cmd(0, CLEAR_STATUS);
    cmd(0, READ_ARRAY);
    expect(word(0)).toBe(0x11111111);
  });

  it('buffered program: 0xE8, count - 1, data, 0xD0; time scales with the words loaded', () => {
    unlock(BLOCK);
    cmd(BLOCK, BUFFERED_PROGRAM);
    expect(status() & SR_READY).toBe(SR_READY); // buffer available
    cmd(BLOCK, 4 - 1);
    for (let i = 0; i < 4; i++) dev.write(BANK, BLOCK + 0x80 + i * 4, 4, 0xa5a50000 + i);
    cmd(BLOCK, CONFIRM);
    const { waited } = waitReady(100n);
    expect(waited).toBe((BUFFER_PROGRAM_CYCLES * 4n) / 32n);
    cmd(0, READ_ARRAY);
    for (let i = 0; i < 4; i++) expect(word(BLOCK + 0x80 + i * 4)).toBe(0xa5a50000 + i);
    expect(dev.stat('bufferPrograms')).toBe(1n);
  });

  it('buffered program errors: count above the buffer, data outside the window, no confirm', () => {
    unlock(BLOCK);
    cmd(BLOCK, BUFFERED_PROGRAM);
    cmd(BLOCK, 33 - 1); // the buffer holds 32 words
    expect(status()).toBe(SR_READY | SR_ERASE_ERROR | SR_PROGRAM_ERROR);
    cmd(0, CLEAR_STATUS);
    cmd(BLOCK, BUFFERED_PROGRAM);
    cmd(BLOCK, 2 - 1);
    dev.write(BANK, BLOCK, 4, 0);
    dev.write(BANK, BLOCK + 32 * WIDTH, 4, 0); // next 32-word window
    expect(status()).toBe(SR_READY | SR_ERASE_ERROR | SR_PROGRAM_ERROR);
    cmd(0, CLEAR_STATUS);
    cmd(BLOCK, BUFFERED_PROGRAM);
    cmd(BLOCK, 1 - 1);
    dev.write(BANK, BLOCK, 4, 0);
    cmd(BLOCK, READ_ARRAY); // not 0xD0
    expect(status()).toBe(SR_READY | SR_ERASE_ERROR | SR_PROGRAM_ERROR);
    cmd(0, READ_ARRAY);
    expect(word(BLOCK)).toBe(0xffffffff);
  });

  it('erase suspend: reads and programs elsewhere, then resume finishes after the remaining time', () => {
    unlock(0);
    unlock(BLOCK);
    programWord(0x10, 0xcafef00d);
    waitReady();
    programWord(BLOCK, 0);
    waitReady();
    cmd(BLOCK, BLOCK_ERASE);
    cmd(BLOCK, CONFIRM);
    const t0 = dev.now;
    dev.advance(1000n);
    cmd(0, SUSPEND);
    expect(status() & SR_READY).toBe(0); // suspend latency
    dev.advance(SUSPEND_CYCLES - 1n);
    expect(status() & SR_READY).toBe(0);
    dev.advance(1n);
    expect(status()).toBe(SR_READY | SR_ERASE_SUSPENDED);
    // Read array in another block while the erase is suspended: the bank is plain memory again.
    cmd(0, READ_ARRAY);
    expect(dev.arrayMode(BANK)).toBe(true);
    expect(dev.load(BANK, 0x10, 4)).toBe(0xcafef00d);
    // Program in another block during erase suspend.
    programWord(0x20, 0x0000ffff);
    expect(waitReady(100n).s).toBe(SR_READY | SR_ERASE_SUSPENDED);
    // The block being erased cannot be programmed.
    programWord(BLOCK + 4, 0);
    expect(status() & SR_PROGRAM_ERROR).toBe(SR_PROGRAM_ERROR);
    cmd(0, CLEAR_STATUS);
    // Resume: busy for what was left when the suspend took effect.
    const elapsedBeforeSuspend = 1000n + SUSPEND_CYCLES;
    cmd(0, CONFIRM);
    const resumedAt = dev.now;
    expect(status()).toBe(0);
    dev.advance(MAIN_ERASE_CYCLES - elapsedBeforeSuspend - 1n);
    expect(status() & SR_READY).toBe(0);
    dev.advance(1n);
    expect(status()).toBe(SR_READY);
    expect(dev.now - resumedAt).toBe(MAIN_ERASE_CYCLES - elapsedBeforeSuspend);
    expect(dev.now > t0).toBe(true);
    cmd(0, READ_ARRAY);
    expect(word(BLOCK)).toBe(0xffffffff);
    expect(word(0x20)).toBe(0x0000ffff);
    expect(dev.stat('suspends')).toBe(1n);
    expect(dev.stat('resumes')).toBe(1n);
  });

  it('program suspend sets SR.2; a suspend that arrives too late is ignored', () => {
    unlock(0);
    programWord(0, 0);
    cmd(0, SUSPEND);
    dev.advance(SUSPEND_CYCLES);
    expect(status()).toBe(SR_READY | SR_PROGRAM_SUSPENDED);
    cmd(0, CONFIRM);
    dev.advance(WORD_PROGRAM_CYCLES);
    expect(status()).toBe(SR_READY);
    // Suspend written when less than the suspend latency remains: the program just completes.
    programWord(4, 0);
    dev.advance(WORD_PROGRAM_CYCLES - 10n);
    cmd(0, SUSPEND);
    dev.advance(10n);
    expect(status()).toBe(SR_READY);
  });

  it('ignores other commands while busy and answers read-status', () => {
    unlock(0);
    programWord(0, 0x0f0f0f0f);
    cmd(0, READ_ARRAY);
    cmd(0, BLOCK_ERASE);
    expect(status()).toBe(0);
    dev.advance(WORD_PROGRAM_CYCLES);
    cmd(0, READ_STATUS);
    expect(status()).toBe(SR_READY);
    cmd(0, READ_ARRAY);
    expect(word(0)).toBe(0x0f0f0f0f);
  });

  it('sets the read configuration register with 0x60/0x03 and the value on the address bus', () => {
    const RCR = 0x2003; // synchronous burst, latency count 4, 16-word wrapping burst
    cmd(RCR * WIDTH, CONFIG_SETUP);
    cmd(RCR * WIDTH, SET_RCR);
    expect(dev.arrayMode(BANK)).toBe(true);
    cmd(0, READ_ID);
    expect(dev.read(BANK, 5 * WIDTH, 4)).toBe(both(RCR));
  });

  it('banks are independent: bank 0 keeps serving code while bank 1 programs', () => {
    dev.write(1, 0, 4, both(CONFIG_SETUP));
    dev.write(1, 0, 4, both(CONFIRM));
    dev.write(1, 0, 4, both(WORD_PROGRAM));
    dev.write(1, 0, 4, 0);
    expect(dev.arrayMode(1)).toBe(false);
    expect(dev.arrayMode(BANK)).toBe(true);
    expect(dev.read(1, 0, 4)).toBe(0);
    dev.advance(WORD_PROGRAM_CYCLES);
    expect(dev.read(1, 0, 4)).toBe(both(SR_READY));
  });

  it('an unpopulated bank is never in array mode and ignores writes', () => {
    dev.configure('p30-128t', CLOCK_HZ, { banks: 0b01 });
    expect(dev.arrayMode(1)).toBe(false);
    dev.write(1, 0, 4, both(READ_STATUS));
    expect(dev.bank32(1, STATE.B_MODE)).toBe(0);
  });

  it('narrow stores program only the chip lanes they reach', () => {
    unlock(0);
    cmd(0, WORD_PROGRAM);
    dev.write(BANK, 2, 2, 0x1234); // upper chip only
    waitReady();
    cmd(0, READ_ARRAY);
    expect(word(0)).toBe(0x1234ffff);
  });
});
