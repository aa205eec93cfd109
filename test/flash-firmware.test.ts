// The flash firmware (roms/flash/) and `xipemu run --flash`: the firmware boots from a flash image,
// executes in place and reprograms the flash it runs from; its output (cycles included: the emulator is
// deterministic) must match roms/expected/flash-fw.txt, regenerated only by
// `node scripts/update-flash-golden.mjs`. Then the CLI's image handling: write-back on change (atomic:
// a new file renamed over the old), persistence between runs, no write when nothing changed, images
// larger than a bank, Ctrl-C. Last, the same image on QEMU (roms/expected/flash-fw.qemu.txt, cycle
// figures masked).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { R, andi, beq, jal, li, lui, lw, pass, sb, sw, words } from './harness/rv32asm.ts';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist/xipemu.mjs');
const image = join(root, 'roms/build/flash-fw.bin');
const elf = join(root, 'roms/build/flash-fw.elf');
const golden = join(root, 'roms/expected/flash-fw.txt');
const qemuGolden = join(root, 'roms/expected/flash-fw.qemu.txt');
const REGEN = 'node scripts/update-flash-golden.mjs';
const BANK = 32 << 20;

const tmp = mkdtempSync(join(tmpdir(), 'xipemu-flash-fw-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
/** A fresh directory holding a copy of `src` (or these bytes) as flash.bin. */
function freshImage(src: string | Uint8Array = image): { dir: string; file: string } {
  const dir = join(tmp, `d${n++}`);
  spawnSync('mkdir', ['-p', dir]);
  const file = join(dir, 'flash.bin');
  if (typeof src === 'string') copyFileSync(src, file);
  else writeFileSync(file, src);
  return { dir, file };
}

function xipemu(...args: string[]) {
  const r = spawnSync('node', [cli, 'run', ...args], { encoding: 'latin1', maxBuffer: 1 << 26 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function readGolden(file: string): string {
  if (!existsSync(file)) throw new Error(`${file} is missing: generate it with '${REGEN}${file === qemuGolden ? ' --qemu' : ''}' and review the diff`);
  return readFileSync(file, 'latin1');
}

describe('the AMD command set firmware (roms/build/flash-amd-fw.bin) on the nor-amd board', () => {
  const amdImage = join(root, 'roms/build/flash-amd-fw.bin');
  const amdGolden = join(root, 'roms/expected/flash-amd-fw.txt');
  it('boots from flash, drives the S29GL128P it runs from (erase, word and write-buffer program) and prints the expected output', () => {
    const want = readGolden(amdGolden);
    const { file } = freshImage(amdImage);
    const r = xipemu('--flash', file, '--board', 'nor-amd', '--json');
    expect(r.err).toBe(want);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.flash).toMatchObject({ part: 's29gl128p', wordPrograms: 1 + 16 + 2, bufferPrograms: 2, blockErases: 1, commandErrors: 0 });
    // The sector erase took the part's 500 ms plus the 50 us accept window, at 400 MHz, as the firmware saw.
    expect(want).toMatch(/erase \(0x80, 0x30\): done, 2000\d{5} cycles/);
    const bank = readFileSync(file);
    expect(bank.length).toBe(16 << 20); // one 16 MiB chip: the bank file is the chip
    expect(bank.readUInt16LE(0xfc_0000)).toBe(1); // boot counter halfword 0
    const second = xipemu('--flash', file, '--board', 'nor-amd', '-q');
    expect(second.code).toBe(0);
    expect(second.out).toContain('boot: count 2 (halfword 1 of sector 0x20fc0000)');
    expect(second.out).toContain('last sector before erase: holds the pattern (written by an earlier run)');
  });
  it('stops with a clear message on a board whose flash is not an x16 AMD-set chip', () => {
    const { file } = freshImage(amdImage);
    const r = xipemu('--flash', file, '-q', '--max-insns', '1000000');
    expect(r.code).toBe(1);
    expect(r.out).toContain('cfi: no "QRY" from one x16 chip on a 16-bit bus');
  });
});

describe('flash firmware on xipemu', () => {
  it('boots from the flash image, executes in place, and prints the expected output; the changed bank is written back by rename', () => {
    const want = readGolden(golden);
    const { dir, file } = freshImage();
    const before = statSync(file);
    // --json: the summary on stdout, the guest's UART on stderr.
    const r = xipemu('--flash', file, '--json');
    expect(r.err).toBe(want);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.stop).toBe('halt');
    expect(summary.pc >>> 0).toBeGreaterThanOrEqual(0x2000_0000);
    expect(summary.flash).toMatchObject({
      part: 'p30-128t', wordPrograms: 1 + 16 + 2, bufferPrograms: 2, blockErases: 1, commandErrors: 0,
    });
    expect(summary.flash.bytesRead).toBeGreaterThan(0);
    expect(summary.flash.busyReads).toBeGreaterThan(0);
    expect(summary.flashImages).toEqual([{ bank: 0, file, written: true }]);
    // Written back atomically: a new inode renamed over the old one, no temporary file left, the whole bank.
    const after = statSync(file);
    expect(after.ino).not.toBe(before.ino);
    expect(after.size).toBe(BANK);
    expect(readdirSync(dir)).toEqual(['flash.bin']);
    const bank = readFileSync(file);
    expect(bank.subarray(0, before.size).equals(readFileSync(image))).toBe(true);
    expect(bank.readUInt32LE(0x1fe_0000)).toBe(1); // boot counter word 0
  });

  it('a second run on the written-back image sees what the first programmed', () => {
    const { file } = freshImage();
    const first = xipemu('--flash', file, '-q');
    expect(first.code).toBe(0);
    expect(first.out).toBe(readGolden(golden));
    const second = xipemu('--flash', file, '-q');
    expect(second.code).toBe(0);
    expect(second.out).toContain('boot: count 2 (word 1 of block 0x21fe0000)');
    expect(second.out).toContain('last block before erase: holds the pattern (written by an earlier run)');
    expect(second.out).toContain('flash-fw: all steps verified');
    expect(readFileSync(file).readUInt32LE(0x1fe_0004)).toBe(2);
  });

  it('with an ELF and --flash, the ELF is loaded over the image and its entry used', () => {
    const { file } = freshImage(new Uint8Array(0)); // an empty image: the bank is all erased
    const r = xipemu(elf, '--flash', file, '-q');
    expect(r.code).toBe(0);
    expect(r.out).toBe(readGolden(golden));
    // The bank written back holds the ELF's flash bytes too.
    expect(readFileSync(file).subarray(0, statSync(image).size).equals(readFileSync(image))).toBe(true);
  });
});

describe('xipemu run --flash: image files', () => {
  it('does not write the file when the guest changed nothing', () => {
    const { file } = freshImage(words(pass())); // boots, writes the finisher, never touches flash
    const before = statSync(file);
    const r = xipemu('--flash', file);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('written back');
    const after = statSync(file);
    expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
  });

  it('an image larger than the bank is an error naming the file and both sizes', () => {
    const { file } = freshImage(new Uint8Array(BANK + 4));
    const r = xipemu('--flash', file);
    expect(r.code).toBe(65);
    expect(r.err).toBe(`xipemu run: ${file}: ${BANK + 4} bytes does not fit flash bank 0 (${BANK} bytes)\n`);
    expect(statSync(file).size).toBe(BANK + 4);
  });

  it('needs an ELF or --flash, and a board with the bank', () => {
    expect(xipemu().code).toBe(64);
    const { file } = freshImage(words(pass()));
    const r = xipemu('--flash', file, '--flash1', file, '--board', 'tiny');
    expect(r.code).toBe(64);
    expect(r.err).toContain("board 'tiny' has no flash bank 1");
  });

  it('Ctrl-C saves the changed banks and exits 130', async () => {
    // Bank 0: program word 0 of bank 1, print "P", spin forever.
    const x2 = (c: number) => ((c << 16) | c) >>> 0;
    const prog = words([
      lui(R.t0, 0x22000),
      ...li(R.t1, x2(0x60)), sw(R.t1, R.t0, 0), ...li(R.t1, x2(0xd0)), sw(R.t1, R.t0, 0),
      ...li(R.t1, x2(0x40)), sw(R.t1, R.t0, 0), ...li(R.t2, 0x1234_5678), sw(R.t2, R.t0, 0),
      lw(R.t3, R.t0, 0), andi(R.t3, R.t3, 0x80), beq(R.t3, R.zero, -8),
      ...li(R.t1, x2(0xff)), sw(R.t1, R.t0, 0),
      lui(R.t4, 0x10000), ...li(R.t5, 0x50), sb(R.t5, R.t4, 0), ...li(R.t5, 0x0a), sb(R.t5, R.t4, 0),
      jal(R.zero, 0),
    ]);
    const b0 = freshImage(prog);
    const b1 = freshImage(new Uint8Array(16).fill(0xff));
    const before0 = statSync(b0.file);
    const child = spawn('node', [cli, 'run', '--flash', b0.file, '--flash1', b1.file, '--max-insns', '100G'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((done) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('P\n')) child.kill('SIGINT');
      });
      child.on('exit', (c) => done(c));
    });
    expect(out).toBe('P\n');
    expect(code).toBe(130);
    expect(err).toMatch(/interrupted at pc=0x200000[0-9a-f]+ \(no symbols\); flash written back: bank 1 -> /);
    const bank1 = readFileSync(b1.file);
    expect(bank1.length).toBe(BANK);
    expect(bank1.readUInt32LE(0)).toBe(0x1234_5678);
    expect(readdirSync(b1.dir)).toEqual(['flash.bin']);
    const after0 = statSync(b0.file);
    expect([after0.ino, after0.mtimeMs]).toEqual([before0.ino, before0.mtimeMs]); // bank 0 unchanged
  });
});

const hasQemu = spawnSync('qemu-system-riscv32', ['--version']).status === 0;

describe.runIf(hasQemu)('flash firmware on QEMU riscv virt (pflash0)', () => {
  it('the same image runs unchanged and prints the recorded output', async () => {
    const want = readGolden(qemuGolden);
    const { qemuArgs } = await import('../scripts/update-flash-golden.mjs' as string);
    const padded = Buffer.alloc(BANK, 0xff);
    readFileSync(image).copy(padded);
    const { file } = freshImage(padded);
    const r = spawnSync('timeout', ['60', 'qemu-system-riscv32', ...qemuArgs(file)], { encoding: 'latin1' });
    expect(r.status).toBe(0);
    // Cycle figures are compared loosely: under -icount QEMU's mcycle counts instructions, but the UART
    // polling loops (in the total) depend on how fast the host drains QEMU's serial port.
    const masked = (t: string) => t.replace(/\d+ cycles( \(\d+ per word\))?/g, 'N cycles');
    expect(masked(r.stdout)).toBe(masked(want));
    // The documented departures, as the firmware reports them.
    expect(r.stdout).toContain('last block lock status at boot: 0 (unlocked)');
    expect(r.stdout).toContain('reads 0x12345678 (overwritten)');
    expect(r.stdout).toContain('status after clear status (0x50): 0x00 (SR.7 cleared)');
  });
});
