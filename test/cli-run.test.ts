// `xipemu run` through runCli (emu/main.ts) with buffer io: what the guest prints, how it stopped, and
// each exit code of emu/command.ts EXIT with the message that goes with it.
//
// Oracles: roms/expected/hello-virt.txt (QEMU's output) for the UART text; tiny guests assembled here
// with clang whose only possible outcome is known by construction (`j .` never halts, `wfi` with mie = 0
// never wakes, a finisher write of (code << 16) | 0x3333 fails with that code, tohost (n << 1) | 1 fails
// with n); malformed inputs made by patching one header field of a good ELF.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../emu/command.ts';
import { buildAsm, EXPECTED_DIR, ROOT, tempDir, xipemu } from './helpers/core.ts';

const HELLO = join(ROOT, 'roms/build/hello-virt.elf');
const HELLO_TEXT = readFileSync(join(EXPECTED_DIR, 'hello-virt.txt'), 'latin1');

const START = '.globl _start\n.section .text\n_start:\n';
/** Fails through the finisher with `code` (16 bits), like roms/common's exit(code). */
const finisherExit = (code: number) => `${START}  li t0, 0x100000\n  li t1, ${(code << 16) | 0x3333}\n  sw t1, 0(t0)\n1: j 1b\n`;

let dir = '';
const elf: Record<string, string> = {};

beforeAll(() => {
  dir = tempDir('cli-run');
  elf.loop = buildAsm(dir, 'loop', `${START}1: j 1b\n`);
  elf.wfi = buildAsm(dir, 'wfi', `${START}  csrw mie, zero\n  wfi\n1: j 1b\n`);
  elf.fail7 = buildAsm(dir, 'fail7', finisherExit(7));
  elf.fail256 = buildAsm(dir, 'fail256', finisherExit(256));
  elf.pass = buildAsm(dir, 'pass', finisherExit(0).replace(`${0x3333}`, `${0x5555}`));
  // riscv-tests convention: tohost = (TESTNUM << 1) | 1 fails case 3; the loop after it must not be reached.
  elf.tohost3 = buildAsm(dir, 'tohost3',
    `${START}  la t0, tohost\n  li t1, 7\n  sw t1, 0(t0)\n  sw zero, 4(t0)\n1: j 1b\n` +
    `.section .tohost, "aw", @progbits\n.align 6\n.globl tohost\ntohost: .dword 0\n.align 6\n.globl fromhost\nfromhost: .dword 0\n`);
  // Linked into flash: runs in place from bank 0 (both boards) or bank 1 (virt only).
  elf.flash0 = buildAsm(dir, 'flash0', finisherExit(0).replace(`${0x3333}`, `${0x5555}`), { textAt: 0x2000_0000 });
  elf.flash1 = buildAsm(dir, 'flash1', finisherExit(0).replace(`${0x3333}`, `${0x5555}`), { textAt: 0x2200_0000 });
  elf.outside = buildAsm(dir, 'outside', `${START}1: j 1b\n`, { textAt: 0x4000_0000 });
  elf.rv64 = buildAsm(dir, 'rv64', `${START}1: j 1b\n`, { rv64: true });
  const x86 = readFileSync(elf.loop);
  x86.writeUInt16LE(62, 18); // e_machine = EM_X86_64
  writeFileSync((elf.x86 = join(dir, 'x86.elf')), x86);
  writeFileSync((elf.text = join(dir, 'notes.txt')), 'this is not an ELF file\n');
});

describe('xipemu run: guests that halt', () => {
  it('passes hello-virt: exit 0, the UART text on stdout, a summary line on stderr', async () => {
    const r = await xipemu('run', HELLO);
    expect(r.out).toBe(HELLO_TEXT);
    expect(r.rc).toBe(EXIT.OK);
    expect(r.err).toMatch(/^xipemu: halt \(exit 0\), \d+ instructions, \d+ cycles/);
  });

  it('--quiet drops the summary line; --core fast gives the same output', async () => {
    const r = await xipemu('run', HELLO, '--quiet', '--core', 'fast');
    expect(r).toEqual({ rc: EXIT.OK, out: HELLO_TEXT, err: '' });
  });

  it('a finisher pass (0x5555) exits 0', async () => {
    expect((await xipemu('run', elf.pass, '-q')).rc).toBe(EXIT.OK);
  });

  it('a failing guest exits with its code: finisher (7 << 16) | 0x3333 -> 7', async () => {
    const r = await xipemu('run', elf.fail7);
    expect(r.rc).toBe(7);
    expect(r.err).toMatch(/halt \(exit 7\)/);
  });

  it('a failure code that is a multiple of 256 exits 1, never 0', async () => {
    expect((await xipemu('run', elf.fail256, '-q')).rc).toBe(1);
  });

  it('a tohost failure ((3 << 1) | 1) exits 3 and halts at the tohost write', async () => {
    const r = await xipemu('run', elf.tohost3, '--json', '--max-insns', '1000');
    expect(r.rc).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ stop: 'halt', exitCode: 3, haltKind: 'tohost' });
  });
});

describe('xipemu run: code in NOR flash', () => {
  it('an ELF linked at 0x2000_0000 executes in place from bank 0 and halts there', async () => {
    const r = await xipemu('run', elf.flash0, '--json', '--board', 'tiny');
    expect(r.rc).toBe(EXIT.OK);
    const s = JSON.parse(r.out);
    expect({ stop: s.stop, exitCode: s.exitCode, instret: s.instret }).toEqual({ stop: 'halt', exitCode: 0, instret: 4 });
    expect(s.pc >= 0x2000_0000 && s.pc < 0x2000_0100, `pc 0x${s.pc.toString(16)}`).toBe(true);
  });

  it('bank 1 (0x2200_0000) runs on virt and is refused on tiny, which has no bank 1 (65)', async () => {
    expect((await xipemu('run', elf.flash1, '-q')).rc).toBe(EXIT.OK);
    const r = await xipemu('run', elf.flash1, '--board', 'tiny');
    expect(r.rc).toBe(EXIT.DATAERR);
    expect(r.err).toMatch(/ELF segment 0 \(0x22000000\.\.0x22000010\) is not inside RAM or a present flash bank of board 'tiny'/);
  });
});

describe('xipemu run --json', () => {
  it('prints the run summary with its fields', async () => {
    const r = await xipemu('run', HELLO, '--json', '--board', 'virt');
    expect(r.rc).toBe(EXIT.OK);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({
      file: HELLO, board: 'virt', core: 'timed', stop: 'halt', exitCode: 0, haltKind: 'finisher', clockHz: 100_000_000,
      tlb: { itlb: { hits: expect.any(Number), misses: expect.any(Number) }, dtlb: { hits: expect.any(Number), misses: expect.any(Number) }, walks: 0 },
    });
    expect(s.instret).toBeGreaterThan(1000);
    expect(s.cycles).toBeGreaterThanOrEqual(s.instret);
    expect(s.cpi).toBeCloseTo(s.cycles / s.instret, 9);
    expect(s.emulatedSeconds).toBeCloseTo(s.cycles / 100_000_000, 12);
    expect(s.stats).toMatchObject({ instret: s.instret, cycles: s.cycles });
  });

  it('the fast core reports cycles = instret', async () => {
    const s = JSON.parse((await xipemu('run', HELLO, '--json', '--core', 'fast')).out);
    expect({ core: s.core, cycles: s.cycles }).toEqual({ core: 'fast', cycles: s.instret });
  });
});

describe('xipemu run: flash parts with unverified figures', () => {
  it('says which figures of the part are unverified (stderr; in --json, flash.unverified); none for the bundled boards', async () => {
    const r = await xipemu('run', HELLO, '--set', 'flash.part=s29gl256s');
    expect(r.rc).toBe(EXIT.OK);
    expect(r.out).toBe(HELLO_TEXT);
    expect(r.err).toContain('flash part s29gl256s has figures not verified against its data sheet: wordTypUs, suspendLatencyUs, windowUs');
    const j = await xipemu('run', HELLO, '--json', '--set', 'flash.part=mx29gl256e');
    expect(JSON.parse(j.out).flash).toMatchObject({ part: 'mx29gl256e', unverified: ['suspendLatencyUs', 'windowUs'] });
    for (const board of ['virt', 'nor-cached', 'nor-uncached', 'nor-amd']) {
      const b = await xipemu('run', HELLO, '--board', board, '--json');
      expect(JSON.parse(b.out).flash.unverified, board).toBeUndefined();
      const q = await xipemu('run', HELLO, '--board', board, '-q');
      expect(q.err, board).not.toContain('not verified');
    }
  });
});

describe('xipemu run: guests that never halt', () => {
  it('a runaway guest (j .) stops at --max-insns with 124 and a message naming the budget', async () => {
    const r = await xipemu('run', elf.loop, '--max-insns', '100000');
    expect(r.rc).toBe(EXIT.BUDGET);
    expect(r.err).toMatch(/did not halt within 100000 instructions \(--max-insns\); pc=0x80000000 \(_start/);
  });

  it('--max-insns accepts K/M suffixes and the budget is exact', async () => {
    const r = await xipemu('run', elf.loop, '--max-insns', '64K', '--json');
    expect(r.rc).toBe(EXIT.BUDGET);
    expect(JSON.parse(r.out)).toMatchObject({ stop: 'budget', instret: 65536 });
  });

  it('WFI with no interrupt enabled exits 125 and says so', async () => {
    const r = await xipemu('run', elf.wfi, '--max-insns', '100000');
    expect(r.rc).toBe(EXIT.GUEST_FAULT);
    expect(r.err).toMatch(/waiting for an interrupt that can never come \(WFI with no enabled interrupt source\) at pc=0x8000000[48]/);
  });
});

describe('xipemu run: bad input', () => {
  it('a file that is not an ELF: 65, naming the magic', async () => {
    const r = await xipemu('run', elf.text);
    expect(r.rc).toBe(EXIT.DATAERR);
    expect(r.err).toMatch(/notes\.txt: not an ELF file: magic is \[74 68 69 73\]/);
  });

  it('an RV64 ELF: 65, naming ELFCLASS64', async () => {
    const r = await xipemu('run', elf.rv64);
    expect(r.rc).toBe(EXIT.DATAERR);
    expect(r.err).toMatch(/wrong ELF class: ELFCLASS64 .*needs ELFCLASS32/);
  });

  it('an ELF32 for another machine: 65, naming e_machine', async () => {
    const r = await xipemu('run', elf.x86);
    expect(r.rc).toBe(EXIT.DATAERR);
    expect(r.err).toMatch(/wrong machine: e_machine is 62 .*expected 243 \(EM_RISCV\)/);
  });

  it('an ELF linked outside RAM and flash: 65, naming the segment and the board', async () => {
    const r = await xipemu('run', elf.outside);
    expect(r.rc).toBe(EXIT.DATAERR);
    expect(r.err).toMatch(/0x40000000.*not inside RAM or a present flash bank of board 'virt'/);
  });

  it('a missing file: 66', async () => {
    const r = await xipemu('run', join(dir, 'nope.elf'));
    expect(r.rc).toBe(EXIT.NOINPUT);
    expect(r.err).toMatch(/nope\.elf: no such file/);
  });

  it('an unknown board: 66, listing the bundled boards', async () => {
    const r = await xipemu('run', HELLO, '--board', 'nosuch');
    expect(r.rc).toBe(EXIT.NOINPUT);
    expect(r.err).toMatch(/unknown board 'nosuch' \(bundled boards: [a-z, -]*tiny, virt/);
  });
});

describe('xipemu run: bad flags (64)', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--max-insns', 'abc'], /--max-insns: expected an integer .*got 'abc'/],
    [['--frob'], /unknown flag '--frob'/],
    [['--core', 'slow'], /--core must be 'timed' or 'fast', got 'slow'/],
    [['--max-insns'], /--max-insns needs a value/],
    [['--json=yes'], /--json takes no value/],
  ];
  for (const [flags, msg] of cases) {
    it(`${flags.join(' ')}`, async () => {
      const r = await xipemu('run', HELLO, ...flags);
      expect(r.rc).toBe(EXIT.USAGE);
      expect(r.err).toMatch(msg);
      expect(r.err).toMatch(/Run 'xipemu run --help' for usage/);
      expect(r.out).toBe('');
    });
  }

  it('no ELF, or two', async () => {
    expect(await xipemu('run')).toMatchObject({ rc: EXIT.USAGE, err: expect.stringMatching(/missing the ELF file to run/) });
    expect(await xipemu('run', HELLO, HELLO)).toMatchObject({ rc: EXIT.USAGE, err: expect.stringMatching(/expected one ELF file, got 2/) });
  });
});

describe('xipemu run --help', () => {
  it('lists every flag and the exit statuses', async () => {
    const r = await xipemu('run', '--help');
    expect(r.rc).toBe(EXIT.OK);
    for (const flag of ['--board', '--set', '--max-insns', '--core', '--json', '--quiet', '--help']) expect(r.out).toContain(flag);
    expect(r.out).toMatch(/^Usage: xipemu run <file\.elf>/);
    expect(r.out).toMatch(/124 when --max-insns is reached, 125 when the hart stops for good/);
  });
});

// UART input. The echo guest polls the 16550's LSR.DR, copies each received byte to THR and passes
// through the finisher at 0x04 (not echoed): its output is exactly its input up to the 0x04, so a lost,
// duplicated or reordered byte shows. The input is several times the 4088-byte receive ring, so it can
// only arrive whole if the ring is topped up while the guest runs.
describe('xipemu run: UART input', () => {
  const ECHO =
    `${START}  li t0, 0x10000000\n  li t2, 0x100000\n` +
    `1: lbu t1, 5(t0)\n  andi t1, t1, 1\n  beqz t1, 1b\n  lbu a0, 0(t0)\n  li t1, 4\n  beq a0, t1, 2f\n  sb a0, 0(t0)\n  j 1b\n` +
    `2: li t1, 0x5555\n  sw t1, 0(t2)\n3: j 3b\n`;
  const RING = 4088;
  /** n bytes of every value but 0x04 in a scrambled order (deterministic). */
  const payload = (n: number) => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) {
      const v = (i * 167 + (i >> 8)) & 0xff;
      b[i] = v === 4 ? 0x44 : v;
    }
    return b;
  };
  let echo = '';
  beforeAll(() => {
    echo = buildAsm(dir, 'echo', ECHO);
  });

  it('--stdin FILE: input 3.5 times the receive ring arrives complete and in order', async () => {
    const data = payload(Math.floor(RING * 3.5));
    const file = join(dir, 'in.bin');
    writeFileSync(file, Buffer.concat([data, Buffer.from([4])]));
    const r = await xipemu('run', echo, '--stdin', file, '--max-insns', '20000000', '-q');
    expect(r.rc).toBe(EXIT.OK);
    expect(r.err).toBe('');
    const got = Buffer.from(r.out, 'latin1');
    expect(got.length).toBe(data.length);
    expect(got.equals(data)).toBe(true);
  });

  it('is deterministic: the same input gives the same instruction and cycle counts', async () => {
    const file = join(dir, 'in2.bin');
    writeFileSync(file, Buffer.concat([payload(RING * 2 + 17), Buffer.from([4])]));
    const a = JSON.parse((await xipemu('run', echo, '--stdin', file, '--max-insns', '20000000', '--json')).out);
    const b = JSON.parse((await xipemu('run', echo, '--stdin', file, '--max-insns', '20000000', '--json')).out);
    expect(a.stop).toBe('halt');
    expect([b.instret, b.cycles]).toEqual([a.instret, a.cycles]);
  });

  it('an empty --stdin file, --no-stdin and runCli without a stdin in its io give the guest no input (it polls forever: 124)', async () => {
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, '');
    for (const extra of [['--stdin', empty], ['--no-stdin'], []]) {
      const r = await xipemu('run', echo, '--max-insns', '200000', '-q', ...extra);
      expect({ rc: r.rc, out: r.out }, extra.join(' ')).toEqual({ rc: EXIT.BUDGET, out: '' });
    }
  });

  it('the CLI process reads a non-terminal standard input to its end and feeds it to the guest', () => {
    const data = payload(RING + 1000);
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'xipemu.mjs'), 'run', echo, '--max-insns', '20000000', '-q'], { input: Buffer.concat([data, Buffer.from([4])]), timeout: 60_000 });
    expect({ status: r.status, err: r.stderr.toString() }).toEqual({ status: 0, err: '' });
    expect(r.stdout.equals(data)).toBe(true);
  });

  it('a missing --stdin file is 66; --stdin with --no-stdin is 64', async () => {
    const r = await xipemu('run', echo, '--stdin', join(dir, 'no-such-input'));
    expect(r.rc).toBe(EXIT.NOINPUT);
    expect(r.err).toMatch(/no-such-input: no such file/);
    const u = await xipemu('run', echo, '--stdin', join(dir, 'in.bin'), '--no-stdin');
    expect(u.rc).toBe(EXIT.USAGE);
    expect(u.err).toMatch(/--stdin FILE and --no-stdin contradict each other/);
  });

  it('--help documents the input flags and that a terminal is not read', async () => {
    const r = await xipemu('run', '--help');
    for (const flag of ['--stdin FILE', '--no-stdin']) expect(r.out).toContain(flag);
    expect(r.out).toMatch(/interactive input is not supported yet/);
  });
});
