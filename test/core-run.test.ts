// The run() protocol between host and core (DESIGN section 2; src/core/machine.ts step/runUntilStop):
// each stop reason with the mailbox fields that go with it, exact instruction budgets, and the io stop
// that lets the host drain a full UART ring without losing a byte.
//
// Oracles: tiny guests assembled here with clang, whose stop is known by construction (`j .` retires
// one instruction per step, `ecall` in M-mode is cause 11 at its own pc, 0x7777 to the finisher asks for
// a reset), and a guest that prints a known 40 000-byte pattern, more than the 16 KiB transmit ring.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseElf } from '../src/elf.ts';
import { Machine, MachineOptions } from '../src/core/machine.ts';
import { board, buildAsm, tempDir } from './helpers/core.ts';

const START = '.globl _start\n_start:\n';
const elf: Record<string, string> = {};

beforeAll(() => {
  const dir = tempDir('core-run');
  elf.loop = buildAsm(dir, 'loop', `${START}1: j 1b\n`);
  elf.ecall = buildAsm(dir, 'ecall', `${START}  li a7, 93\n  ecall\n1: j 1b\n`);
  elf.reset = buildAsm(dir, 'reset', `${START}  li t0, 0x100000\n  li t1, 0x7777\n  sw t1, 0(t0)\n1: j 1b\n`);
  elf.fail9 = buildAsm(dir, 'fail9', `${START}  li t0, 0x100000\n  li t1, (9 << 16) | 0x3333\n  sw t1, 0(t0)\n1: j 1b\n`);
  elf.wfi = buildAsm(dir, 'wfi', `${START}  wfi\n1: j 1b\n`);
  // Prints 'A' + i % 26 for i in [0, 40000), then passes.
  elf.print = buildAsm(dir, 'print', `${START}
  li t0, 0x10000000
  li t1, 0
  li t2, 40000
  li t3, 26
1:remu t4, t1, t3
  addi t4, t4, 65
  sb t4, 0(t0)
  addi t1, t1, 1
  blt t1, t2, 1b
  li t0, 0x100000
  li t1, 0x5555
  sw t1, 0(t0)
2:j 2b
`);
});

function load(name: string, opts: MachineOptions = {}): Machine {
  const m = Machine.create(board('tiny'), { variant: 'fast', ...opts });
  m.loadElf(parseElf(new Uint8Array(readFileSync(elf[name]))));
  return m;
}

for (const variant of ['timed', 'fast'] as const) {
  describe(`run() stops (${variant} core)`, () => {
    it('budget: exactly the instructions asked for, counted across calls', () => {
      const m = load('loop', { variant });
      expect(m.step(1000)).toEqual({ reason: 'budget', retired: 1000 });
      expect(m.step(1)).toEqual({ reason: 'budget', retired: 1 });
      expect(m.step(0)).toEqual({ reason: 'budget', retired: 0 });
      expect(m.instret).toBe(1001n);
      expect(m.pc).toBe(0x8000_0000);
    });

    it('halt through the finisher: the failure code and the halt kind', () => {
      const m = load('fail9', { variant });
      // lui t0; lui t1 + addi t1 (li of a 32-bit value); sw: four instructions, the store retires.
      expect(m.step(100)).toEqual({ reason: 'halt', retired: 4, exitCode: 9, haltKind: 'finisher' });
      expect(m.instret).toBe(4n);
    });

    it('host trap: ecall from M with mask bit 11 stops with cause, epc, priv and leaves the pc on the ecall', () => {
      const m = load('ecall', { variant, hostTrapMask: 1 << 11 });
      const s = m.step(100);
      // `retired` counts instructions executed by the call, trapped ones included (docs/ARCHITECTURE.md,
      // "Running"); instret does not count the ecall, which raised an exception (priv. spec 3.3.1).
      expect({ ...s, epc: s.epc! >>> 0 }).toEqual({ reason: 'host-trap', retired: 2, cause: 11, tval: 0, epc: 0x8000_0004, priv: 3 });
      expect(m.instret).toBe(1n);
      expect(m.pc).toBe(0x8000_0004);
      expect(m.reg(17)).toBe(93);
    });

    it('reset: 0x7777 to the finisher', () => {
      expect(load('reset', { variant }).step(100).reason).toBe('reset');
    });

    it('wfi: WFI with no interrupt enabled stops for good instead of spinning to the budget', () => {
      const s = load('wfi', { variant }).step(1_000_000);
      expect(s.reason).toBe('wfi');
      expect(s.retired).toBeLessThanOrEqual(1);
    });
  });
}

describe('UART output larger than the transmit ring', () => {
  const want = Array.from({ length: 40000 }, (_, i) => String.fromCharCode(65 + (i % 26))).join('');

  it('stops with io when the ring is full; draining and calling again loses nothing', () => {
    const m = load('print');
    const first = m.step(10_000_000);
    expect(first.reason).toBe('io');
    const chunk = m.drainUart();
    expect(chunk.length).toBeGreaterThan(0);
    expect(chunk.length).toBeLessThanOrEqual(m.regions.uarttx.size);
    let text = Buffer.from(chunk).toString('latin1');
    for (let i = 0; i < 10; i++) {
      const s = m.step(10_000_000);
      text += Buffer.from(m.drainUart()).toString('latin1');
      if (s.reason !== 'io') {
        expect(s).toMatchObject({ reason: 'halt', exitCode: 0 });
        break;
      }
    }
    expect(text.length).toBe(want.length);
    expect(text === want).toBe(true);
  });

  it('runUntilStop hands every byte to onOutput, in order, on both cores', () => {
    for (const variant of ['timed', 'fast'] as const) {
      const m = load('print', { variant });
      let text = '';
      const s = m.runUntilStop(10_000_000, (b) => { text += Buffer.from(b).toString('latin1'); });
      expect({ reason: s.reason, exitCode: s.exitCode, length: text.length, same: text === want })
        .toEqual({ reason: 'halt', exitCode: 0, length: 40000, same: true });
    }
  });
});
