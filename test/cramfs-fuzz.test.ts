// Fuzz: mutated valid images either parse (and read back fully) or fail with a named CramfsError, never a
// crash, a hang or an unbounded allocation. CRAMFS_FUZZ_CASES raises the case count (default 3000).
import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import {
  CramfsError, checkCramfs, dirNode, fileNode, openCramfs, symlinkNode, deviceNode, fifoNode, writeCramfs, writeU32, Cramfs,
} from '../src/cramfs/index.ts';
import { makeElf32, prng, text } from './fixtures/cramfs/helpers.ts';

const CASES = Number(process.env.CRAMFS_FUZZ_CASES ?? 3000);
const CASE_BUDGET_MS = 500;

function seeds(): Uint8Array[] {
  const t = dirNode({
    a: fileNode(text(5000)), b: dirNode({ c: fileNode(prng(3000, 5)), d: dirNode({ e: fileNode('e') }), empty: dirNode({}) }),
    l: symlinkNode('b/c'), n: deviceNode('char', 1, 3), p: fifoNode(),
    x: fileNode(makeElf32([[0, 5000, 5], [8192, 100, 6]], 8292)), z: fileNode(new Uint8Array(9000)),
  });
  return [
    writeCramfs(t).image,
    writeCramfs(t, { byteOrder: 'big', holes: true, pad: true }).image,
    writeCramfs(t, { xip: true }).image,
  ];
}

/** Everything a client does with an image: every inode stat'ed, read, laid out and judged for XIP. */
function exercise(fs: Cramfs): number {
  let n = 0;
  for (const { inode } of fs.walk()) {
    fs.stat(inode);
    if (inode.type === 'file' || inode.type === 'symlink') {
      n += fs.readFile(inode).length;
      fs.blockLayout(inode);
      if (inode.type === 'file') fs.xipInfo(inode);
    }
    if (++n > 1e6) throw new Error('unbounded walk');
  }
  return n;
}

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const img = src.slice();
  const kind = rnd() % 4;
  const count = 1 + (rnd() % 4);
  // Mutations land mostly in metadata, where the format is dense, and sometimes anywhere.
  const metaEnd = Math.min(img.length, 700);
  for (let k = 0; k < count; k++) {
    const at = rnd() % 3 === 0 ? rnd() % img.length : rnd() % metaEnd;
    if (kind === 0) img[at] ^= 1 << (rnd() % 8);
    else if (kind === 1) img[at] = rnd() & 0xff;
    else if (kind === 2) writeU32(img, at & ~3, rnd() >>> 0, rnd() % 2 ? 'little' : 'big');
    else img[at] = [0, 0xff, 0x7f, 0x80][rnd() % 4];
  }
  // Usually keep the CRC valid so the mutation reaches the parser behind it.
  if (rnd() % 4 !== 0) {
    const be = img[0] === 0x28 || img[512] === 0x28;
    const sb = img[0] === 0x45 || img[0] === 0x28 ? 0 : 512;
    const size = Math.min(img.length, sb + 76);
    if (size === sb + 76) {
      writeU32(img, sb + 32, 0, be ? 'big' : 'little');
      writeU32(img, sb + 32, crc32(img.subarray(sb)), be ? 'big' : 'little');
    }
  }
  return img;
}

describe('cramfs fuzz', () => {
  it(`${CASES} mutated images parse or fail with a named error, each within ${CASE_BUDGET_MS} ms`, () => {
    const base = seeds();
    let x = 0x1234567;
    const rnd = (): number => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
    const outcomes = { parsed: 0, named: 0, checked: 0 };
    for (let i = 0; i < CASES; i++) {
      const img = mutate(base[i % base.length], rnd);
      const t0 = performance.now();
      try {
        exercise(openCramfs(img, { ignoreCrc: i % 2 === 0 }));
        outcomes.parsed++;
      } catch (e) {
        if (!(e instanceof CramfsError)) throw new Error(`case ${i}: ${(e as Error).stack}`);
        expect(e.field).toMatch(/\w/);
        outcomes.named++;
      }
      const r = checkCramfs(img);
      for (const p of r.problems) expect(p.field).toMatch(/\w/);
      outcomes.checked++;
      const ms = performance.now() - t0;
      if (ms > CASE_BUDGET_MS) throw new Error(`case ${i} took ${ms.toFixed(0)} ms`);
    }
    expect(outcomes.checked).toBe(CASES);
    expect(outcomes.parsed).toBeGreaterThan(0);
    expect(outcomes.named).toBeGreaterThan(0);
  });
});
