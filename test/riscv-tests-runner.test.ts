// scripts/riscv-tests.mjs, the runner for riscv-tests builds (docs/CONFORMANCE.md), on the project's own
// ROMs in the same conventions (tohost, p and v environments) copied under riscv-tests names, plus a
// program that fails its test case 3: the table, the counts and the exit status must say so.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAsm, ROM_DIR, ROOT, tempDir } from './helpers/core.ts';

const SCRIPT = join(ROOT, 'scripts/riscv-tests.mjs');

function runner(...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
}

// Fails as a riscv-tests program does: gp = 3, then (gp << 1) | 1 to tohost.
const FAILING = `
  .globl _start
_start:
  li gp, 3
  slli a0, gp, 1
  ori a0, a0, 1
  la t0, tohost
1:sw a0, 0(t0)
  j 1b
  .data
  .balign 64
  .globl tohost
tohost: .dword 0
  .globl fromhost
fromhost: .dword 0
`;

describe('scripts/riscv-tests.mjs', () => {
  it('passes p and v programs on every configuration and reports a failing case with its number', () => {
    const dir = tempDir('rvt');
    const tests = join(dir, 'isa');
    mkdirSync(tests);
    copyFileSync(join(ROM_DIR, 'rv32ui-alu.elf'), join(tests, 'rv32ui-p-alu'));
    copyFileSync(join(ROM_DIR, 'priv/vm-alu-ldst-v.elf'), join(tests, 'rv32ui-v-alu'));
    copyFileSync(buildAsm(dir, 'fail', FAILING), join(tests, 'rv32mi-p-fail'));
    copyFileSync(join(ROM_DIR, 'rv32um.elf'), join(tests, 'rv32um-p-mul.dump')); // not a test binary: ignored

    const all = runner(tests, '--jobs', '2');
    expect(all.status, all.stderr).toBe(1);
    expect(all.stdout).toContain('| rv32ui-p-alu | pass | pass | pass | pass | pass | pass | pass | pass |');
    expect(all.stdout).toContain('| rv32ui-v-alu | pass | pass | pass | pass | pass | pass | pass | pass |');
    expect(all.stdout).toContain('| rv32mi-p-fail | FAIL 3 | FAIL 3 |');
    expect(all.stdout).toContain('3 tests x 8 configurations: 16 passed, 8 failed');
    expect(all.stdout).not.toContain('rv32um-p-mul');

    const json = runner(tests, '--config', 'fast', '--config', 'tiny', '--json');
    const r = JSON.parse(json.stdout);
    expect(r).toMatchObject({ tests: 3, configs: ['fast', 'tiny'], runs: 6, failed: 2 });
    expect(r.results.filter((x: { status: number }) => x.status === 3).map((x: { test: string }) => x.test)).toEqual(['rv32mi-p-fail', 'rv32mi-p-fail']);
  });

  it('passes when every test passes, and rejects bad arguments with status 64', () => {
    const dir = tempDir('rvt-ok');
    copyFileSync(join(ROM_DIR, 'rv32ua.elf'), join(dir, 'rv32ua-p-amo'));
    const ok = runner(dir, '--config', 'timed');
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('1 tests x 1 configurations: 1 passed, 0 failed');
    expect(runner(dir, '--config', 'nope').status).toBe(64);
    expect(runner(join(dir, 'missing')).status).toBe(64);
    expect(runner().status).toBe(64);
    const empty = tempDir('rvt-empty');
    const none = runner(empty);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no rv32*-p-*/rv32*-v-* test binaries');
  });
});
