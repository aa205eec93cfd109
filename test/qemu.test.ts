// QEMU as a live oracle: the C ROMs print the same bytes under xipemu and under qemu-system-riscv32
// (through scripts/qemu-run.sh, which configures QEMU's hart like xipemu's), and both equal the golden
// file recorded earlier (roms/expected/NAME.txt), so a drift in QEMU, in the ROM or in xipemu shows up.
// A guest that fails through the finisher exits with the same status on both.
//
// QEMU is part of the test toolchain (Debian: qemu-system-misc); when it is missing these tests fail
// with that instruction instead of being skipped.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAsm, EXPECTED_DIR, ROOT, runRom, tempDir, xipemu } from './helpers/core.ts';

const QEMU = 'qemu-system-riscv32';

function requireQemu(): void {
  const v = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) {
    throw new Error(
      `${QEMU} is not installed or does not run (${v.error?.message ?? `exit ${v.status}`}): ` +
        `install it (Debian/Ubuntu: apt-get install qemu-system-misc) to run the QEMU oracle tests`,
    );
  }
}

function qemuRun(elf: string): { status: number | null; stdout: string; stderr: string } {
  requireQemu();
  const r = spawnSync(join(ROOT, 'scripts/qemu-run.sh'), ['-t', '60', elf], { cwd: ROOT, encoding: 'latin1', timeout: 90_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('QEMU and xipemu print the same thing', () => {
  for (const name of ['hello-virt', 'compute-small']) {
    it(`${name}: QEMU's output = xipemu's output = roms/expected/${name}.txt`, () => {
      const rom = `roms/build/${name}.elf`;
      const expected = readFileSync(join(EXPECTED_DIR, `${name}.txt`), 'latin1');
      const q = qemuRun(rom);
      const x = runRom(rom, { variant: 'timed', maxInsns: 50_000_000 });
      expect({ status: q.status, stdout: q.stdout }, `QEMU stderr: ${q.stderr}`).toEqual({ status: 0, stdout: expected });
      expect({ reason: x.stop.reason, exitCode: x.stop.exitCode, uart: x.uart }).toEqual({ reason: 'halt', exitCode: 0, uart: q.stdout });
    });
  }
});

describe('QEMU and xipemu agree on a finisher failure', () => {
  let fail = '';
  beforeAll(() => {
    fail = buildAsm(tempDir('qemu'), 'fail42',
      '.globl _start\n_start:\n  li t0, 0x100000\n  li t1, (42 << 16) | 0x3333\n  sw t1, 0(t0)\n1: j 1b\n');
  });

  it('(42 << 16) | 0x3333: QEMU exits 42, xipemu run exits 42', async () => {
    expect(qemuRun(fail).status).toBe(42);
    expect((await xipemu('run', fail, '-q')).rc).toBe(42);
  });
});
