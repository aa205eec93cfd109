// The trace build (core-trace.wasm) and `xipemu run --trace`: the slow-path events it records agree
// with the run's own statistics, tracing does not change the timing, records survive ring overflow (the
// core stops with `io` so the host drains), the Chrome/Perfetto JSON is well formed and deterministic.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../src/board.ts';
import { parseElf } from '../src/elf.ts';
import { Machine } from '../src/core/machine.ts';
import { TraceRecord } from '../src/trace.ts';
import { runCli } from '../emu/main.ts';
import { ROOT } from './helpers/core.ts';

function traced(rom: string, board: string, variant: 'trace' | 'timed' = 'trace') {
  const m = Machine.create(loadBoard(board), { variant });
  const records: TraceRecord[] = [];
  let dropped = 0;
  m.onTrace = (r, d) => { records.push(...r); dropped += d; };
  m.loadElf(parseElf(new Uint8Array(readFileSync(join(ROOT, rom)))));
  const stop = m.runUntilStop(100_000_000);
  return { m, stop, records, dropped, stats: m.stats() };
}

async function cli(...argv: string[]) {
  let out = '', err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('trace records', () => {
  it('match the statistics of a demand-paging run (page faults, walks, xRETs, cache misses)', () => {
    const t = traced('roms/build/priv/vm-pages-v.elf', 'nor-cached');
    expect(t.stop.reason).toBe('halt');
    expect(t.dropped).toBe(0);
    const count = (k: string) => t.records.filter((r) => r.kind === k).length;
    expect(count('exception')).toBe(Number(t.stats.traps));
    expect(count('walk')).toBe(Number(t.stats.walks));
    expect(count('dcacheMiss')).toBe(Number(t.stats.dcacheMisses));
    expect(count('icacheMiss')).toBe(Number(t.stats.icacheMisses));
    // The user program's demand faults: load/store page faults (13/15) from U-mode, and its ecall (8).
    const causes = new Set(t.records.filter((r) => r.kind === 'exception').map((r) => r.a));
    expect(causes.has(13) || causes.has(15)).toBe(true);
    expect(causes.has(8)).toBe(true);
    // Time never goes backwards.
    for (let i = 1; i < t.records.length; i++) expect(t.records[i].cycle >= t.records[i - 1].cycle).toBe(true);
  });

  it('leave the timing unchanged: the trace build gives the timed build\'s cycles', () => {
    const a = traced('roms/build/priv/vm-pages-v.elf', 'nor-cached', 'trace');
    const b = traced('roms/build/priv/vm-pages-v.elf', 'nor-cached', 'timed');
    expect(a.m.cycles).toBe(b.m.cycles);
    expect(b.records).toEqual([]); // the timed build has no trace ring
  });

  it('survive a ring overflow: the core stops with io and the host drains, nothing dropped', () => {
    const t = traced('roms/build/ubench/chase-ram.elf', 'nor-cached');
    expect(t.stop.reason).toBe('halt');
    const misses = t.records.filter((r) => r.kind === 'dcacheMiss').length;
    expect(misses).toBeGreaterThan(10_000); // far more than the ring holds (about 5,400 records)
    expect(misses).toBe(Number(t.stats.dcacheMisses));
    expect(t.dropped).toBe(0);
  });
});

describe('xipemu run --trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xipemu-trace-'));

  it('writes Chrome/Perfetto trace-event JSON, the same bytes every run', async () => {
    const f1 = join(dir, 'a.json'), f2 = join(dir, 'b.json');
    for (const f of [f1, f2]) {
      const r = await cli('run', 'roms/build/priv/vm-pages-v.elf', '--board', 'nor-cached', '--trace', f, '-q');
      expect(r.code).toBe(0);
    }
    const text = readFileSync(f1, 'utf8');
    expect(readFileSync(f2, 'utf8')).toBe(text);
    const d = JSON.parse(text);
    expect(d.displayTimeUnit).toBe('ns');
    expect(d.otherData).toMatchObject({ board: 'nor-cached', clockHz: 400_000_000, dropped: 0 });
    const inst = d.traceEvents.filter((e: { ph: string }) => e.ph === 'i');
    expect(inst.length).toBe(d.otherData.records);
    const walk = inst.find((e: { name: string }) => e.name === 'walk');
    expect(walk.args.va).toMatch(/^0x[0-9a-f]{8}$/);
    // ts is emulated microseconds: cycle / 400 at 400 MHz.
    expect(walk.ts).toBeCloseTo(Number(walk.args.cycle) / 400, 6);
  });

  it('keeps at most --trace-limit records and counts the rest as dropped', async () => {
    const f = join(dir, 'lim.json');
    const r = await cli('run', 'roms/build/priv/vm-pages-v.elf', '--board', 'nor-cached', '--trace', f, '--trace-limit', '10', '-q');
    expect(r.code).toBe(0);
    const d = JSON.parse(readFileSync(f, 'utf8'));
    expect(d.otherData.records).toBe(10);
    expect(d.otherData.dropped).toBeGreaterThan(1000);
  });

  it('refuses the fast core and reports an unwritable file', async () => {
    const a = await cli('run', 'roms/build/hello-virt.elf', '--trace', join(dir, 'x.json'), '--core', 'fast');
    expect(a.code).toBe(64);
    expect(a.err).toMatch(/--trace needs the timed core/);
    const b = await cli('run', 'roms/build/hello-virt.elf', '--trace', join(dir, 'no', 'such', 'dir', 'x.json'), '-q');
    expect(b.code).toBe(73);
    expect(b.err).toMatch(/cannot write the trace/);
  });
});
