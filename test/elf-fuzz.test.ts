// A bad ELF is the normal case for a loader: mutated copies of real ROM images (flipped bytes, truncation,
// garbage in the headers) either load or fail with a named ElfError/MachineError, never anything else,
// and never hang. ELF_FUZZ_CASES raises the count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../src/board.ts';
import { ElfError, parseElf } from '../src/elf.ts';
import { Machine, MachineError } from '../src/core/machine.ts';
import { ROOT } from './helpers/core.ts';

const CASES = Number(process.env.ELF_FUZZ_CASES ?? 400);

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}

describe('mutated ELF files', () => {
  const sources = ['roms/build/hello-virt.elf', 'roms/build/flash-fw.elf', 'roms/build/priv/vm-pages-v.elf']
    .map((p) => new Uint8Array(readFileSync(join(ROOT, p))));
  const board = loadBoard('tiny');
  const machine = Machine.create(board, { variant: 'fast' });

  it(`${CASES} cases: parse and load, or a named error`, () => {
    const r = rng(0xe1f);
    let loaded = 0, refused = 0;
    for (let c = 0; c < CASES; c++) {
      const src = sources[c % sources.length];
      let b = src.slice();
      const mode = r() % 4;
      if (mode === 0) b = b.slice(0, r() % b.length); // truncated
      const flips = mode === 1 ? 1 + (r() % 4) : 1 + (r() % 32);
      // Mutations land in the headers (first 256 bytes, and the program/section header tables) more often.
      for (let i = 0; i < flips && b.length; i++) {
        const at = r() % 2 === 0 ? r() % Math.min(256, b.length) : r() % b.length;
        b[at] = mode === 2 ? 0xff : r() & 0xff;
      }
      const t0 = Date.now();
      try {
        const elf = parseElf(b);
        machine.exports.reset();
        machine.loadElf(elf);
        loaded++;
      } catch (e) {
        if (!(e instanceof ElfError || e instanceof MachineError)) throw new Error(`case ${c}: ${(e as Error).stack}`);
        expect((e as Error).message.length, `case ${c}`).toBeGreaterThan(10);
        refused++;
      }
      expect(Date.now() - t0, `case ${c} took too long`).toBeLessThan(2000);
    }
    expect(loaded + refused).toBe(CASES);
    expect(refused).toBeGreaterThan(0);
  });
});
