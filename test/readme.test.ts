// The README's figures stay true: the "XIP against copy-to-RAM" table's cycle counts are what the timed
// core gives for compute.elf and compute-xip.elf on the two boards (each run ~200 M instructions, compiled
// pages: a second or so each).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runRom } from './helpers/core.ts';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Rows `| \`board\` (...) | N | N (...) |` of the XIP table: board, RAM cycles, XIP cycles. */
function xipTable(): { board: string; ram: bigint; xip: bigint }[] {
  const start = README.indexOf('## XIP against copy-to-RAM');
  expect(start, 'README has its XIP section').toBeGreaterThan(0);
  const section = README.slice(start, README.indexOf('\n## ', start + 1));
  const rows = [...section.matchAll(/^\| `([a-z-]+)` [^|]*\| ([\d,]+) \| ([\d,]+)[^|]*\|$/gm)];
  return rows.map((m) => ({ board: m[1], ram: BigInt(m[2].replace(/,/g, '')), xip: BigInt(m[3].replace(/,/g, '')) }));
}

describe('README', () => {
  const rows = xipTable();

  it('has the XIP table for nor-uncached and nor-cached', () => {
    expect(rows.map((r) => r.board)).toEqual(['nor-uncached', 'nor-cached']);
  });

  for (const { board, ram, xip } of rows) {
    it(`${board}: compute.elf and compute-xip.elf take the cycles the table gives`, () => {
      for (const [rom, want] of [['compute', ram], ['compute-xip', xip]] as const) {
        const r = runRom(`roms/build/${rom}.elf`, { board, variant: 'timed', maxInsns: 250_000_000 });
        expect(r.stop.reason, rom).toBe('halt');
        expect(r.m.stats().cycles, `${rom} on ${board}`).toBe(want);
      }
    });
  }
});
