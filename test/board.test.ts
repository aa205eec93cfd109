// Tests of board profiles (src/board.ts, src/board-schema.ts) and the `xipemu boards` command.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyOverrides,
  BOARD_SCHEMA,
  BoardError,
  boardFields,
  boardsDir,
  listBoards,
  loadBoard,
  memoryRegions,
  packageRoot,
  parseBoard,
  validateBoard,
} from '../src/board.ts';
import { formatBytes, formatHz, parseIntFor } from '../src/board-schema.ts';
import { runCli } from '../emu/main.ts';

const virtJson = (): Record<string, any> => JSON.parse(readFileSync(join(boardsDir(), 'virt.json'), 'utf8'));

function problemsOf(json: unknown, opts: { fileName?: string } = {}): string[] {
  const r = validateBoard(json, opts);
  expect(r.profile).toBeUndefined();
  return r.problems;
}

function boardError(f: () => unknown): BoardError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(BoardError);
    return e as BoardError;
  }
  throw new Error('expected a BoardError');
}

/** The timing sections every profile gets when it leaves them out (docs/BOARDS.md defaults). */
const TIMING_DEFAULTS = {
  mmu: { adUpdate: 'hardware' },
  pipeline: { predictor: 'none', branchPenalty: 0, jumpPenalty: 0, loadUse: 0, mulCycles: 1, mulhCycles: 1, divCycles: 1, csrCycles: 1, csrWriteCycles: 0, amoCycles: 1, lrscCycles: 1, trapCycles: 0, xretCycles: 0 },
  memory: { ramClockHz: 100_000_000, ramFirstClocks: 0, ramBeatClocks: 0, ramBusBytes: 4, mmioNs: 0 },
  cache: {
    icache: { sizeBytes: 0, ways: 1, lineBytes: 32, policy: 'lru' },
    dcache: { sizeBytes: 0, ways: 1, lineBytes: 32, policy: 'lru' },
    flashCacheable: true,
    walkCached: true,
    seed: 0xace1,
  },
};

describe('bundled boards', () => {
  it('finds the package root and lists the bundled boards', () => {
    expect(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).name).toBe('xipemu');
    expect(listBoards()).toEqual(expect.arrayContaining(['tiny', 'virt']));
    expect([...listBoards()].sort()).toEqual(listBoards());
  });

  it('every bundled board validates and is named after its file', () => {
    for (const name of listBoards()) {
      const json = JSON.parse(readFileSync(join(boardsDir(), `${name}.json`), 'utf8'));
      expect(validateBoard(json, { fileName: `${name}.json` }).problems, name).toEqual([]);
      expect(loadBoard(name).name).toBe(name);
    }
  });

  it('virt mirrors QEMU virt', () => {
    const b = loadBoard('virt');
    expect(b).toEqual({
      schema: 'xipemu-board/1',
      name: 'virt',
      description: expect.stringMatching(/QEMU's riscv virt memory map/),
      clockHz: 100_000_000,
      timebaseHz: 10_000_000,
      ram: { sizeBytes: 128 << 20 },
      flash: { bank0: true, bank1: true, part: 'p30-128t' },
      tlb: { itlb: { entries: 32, ways: 32 }, dtlb: { entries: 32, ways: 32 } },
      ...TIMING_DEFAULTS,
      hostTrapMask: 0,
    });
  });

  it('tiny is small, with defaults filled', () => {
    const b = loadBoard('tiny');
    expect(b.clockHz).toBe(50_000_000);
    expect(b.ram.sizeBytes).toBe(1 << 20);
    expect(b.tlb).toEqual({ itlb: { entries: 8, ways: 2 }, dtlb: { entries: 8, ways: 2 } });
    expect(b.hostTrapMask).toBe(0); // not in the file
  });

  it('memoryRegions() gives RAM and the flash banks that exist', () => {
    expect(memoryRegions(loadBoard('tiny'))).toEqual([
      { name: 'ram', base: 0x8000_0000, size: 1 << 20 },
      { name: 'flash bank 0', base: 0x2000_0000, size: 32 << 20 },
    ]);
    expect(memoryRegions(loadBoard('virt')).map((r) => r.base)).toEqual([0x8000_0000, 0x2000_0000, 0x2200_0000]);
  });
});

describe('validation', () => {
  it('fills defaults for optional fields', () => {
    const p = parseBoard({ schema: 'xipemu-board/1', name: 'min', description: 'd', clockHz: 50_000_000, ram: { sizeBytes: 65536 } });
    expect(p).toEqual({
      schema: 'xipemu-board/1',
      name: 'min',
      description: 'd',
      clockHz: 50_000_000,
      timebaseHz: 10_000_000,
      ram: { sizeBytes: 65536 },
      flash: { bank0: true, bank1: false, part: 'p30-128t' },
      tlb: { itlb: { entries: 32, ways: 32 }, dtlb: { entries: 32, ways: 32 } },
      ...TIMING_DEFAULTS,
      hostTrapMask: 0,
    });
  });

  it('a TLB given only its entries is fully associative', () => {
    const j = virtJson();
    j.tlb = { itlb: { entries: 8 }, dtlb: { ways: 4 } };
    const p = parseBoard(j);
    expect(p.tlb).toEqual({ itlb: { entries: 8, ways: 8 }, dtlb: { entries: 32, ways: 4 } });
    expect(Object.keys(p.tlb.itlb)).toEqual(['entries', 'ways']);
    j.tlb = { itlb: { entries: 24 } };
    expect(problemsOf(j)).toEqual(['tlb.itlb.entries: must be a power of two (got 24)']);
  });

  it('the default timebase must still fit under the clock', () => {
    // 10 MHz default timebase on a 1 MHz core breaks the timebase <= clock rule, and says so.
    expect(problemsOf({ schema: 'xipemu-board/1', name: 'min', description: 'd', clockHz: 1_000_000, ram: { sizeBytes: 65536 } })).toEqual([
      'timebaseHz: must not exceed clockHz 1000000 (got 10000000)',
    ]);
  });

  // Each rule: a change to a valid virt profile and the exact problem it must produce.
  const rules: [string, (j: Record<string, any>) => void, string][] = [
    ['schema missing', (j) => delete j.schema, 'schema: required (one of "xipemu-board/1")'],
    ['schema unknown', (j) => (j.schema = 'foo'), 'schema: must be one of "xipemu-board/1" (got "foo")'],
    ['schema newer', (j) => (j.schema = 'xipemu-board/2'), 'schema: unsupported version "xipemu-board/2" (this xipemu reads "xipemu-board/1")'],
    ['name uppercase', (j) => (j.name = 'Virt'), 'name: must be a lowercase id (a-z, 0-9, - and _, starting with a letter, at most 32 characters) (got "Virt")'],
    ['name missing', (j) => delete j.name, 'name: required (a lowercase id (a-z, 0-9, - and _, starting with a letter, at most 32 characters))'],
    ['description type', (j) => (j.description = 5), 'description: must be a string (got 5)'],
    ['clockHz too low', (j) => (j.clockHz = 5000), 'clockHz: must be 1 MHz .. 2 GHz (got 5000)'],
    ['clockHz too high', (j) => (j.clockHz = 3e9), 'clockHz: must be 1 MHz .. 2 GHz (got 3000000000)'],
    ['clockHz string', (j) => (j.clockHz = '100M'), 'clockHz: must be an integer (got "100M")'],
    ['clockHz fraction', (j) => (j.clockHz = 1.5e6 + 0.5), 'clockHz: must be an integer (got 1500000.5)'],
    ['clockHz missing', (j) => delete j.clockHz, 'clockHz: required (an integer, 1 MHz .. 2 GHz)'],
    ['timebaseHz too low', (j) => (j.timebaseHz = 999), 'timebaseHz: must be 1 kHz .. 2 GHz (got 999)'],
    ['timebaseHz above clock', (j) => (j.timebaseHz = 200_000_000), 'timebaseHz: must not exceed clockHz 100000000 (got 200000000)'],
    ['ram missing', (j) => delete j.ram, 'ram: required (an object with sizeBytes)'],
    ['ram array', (j) => (j.ram = [1]), 'ram: must be an object (got an array)'],
    ['ram too small', (j) => (j.ram.sizeBytes = 32768), 'ram.sizeBytes: must be 64 KiB .. 1 GiB (got 32768)'],
    ['ram too big', (j) => (j.ram.sizeBytes = 2 ** 31), 'ram.sizeBytes: must be 64 KiB .. 1 GiB (got 2147483648)'],
    ['ram not pages', (j) => (j.ram.sizeBytes = 100_000), 'ram.sizeBytes: must be a multiple of 4 KiB (got 100000)'],
    ['flash bank type', (j) => (j.flash.bank1 = 'yes'), 'flash.bank1: must be true or false (got "yes")'],
    ['flash null', (j) => (j.flash = null), 'flash: must be an object (got null)'],
    ['flash part unknown', (j) => (j.flash.part = 'w25q128'), 'flash.part: unknown flash part "w25q128" (roms/parts/ has mx29gl256e, p30-128t, s29gl128p, s29gl256s)'],
    ['flash part path', (j) => (j.flash.part = '../parts/p30-128t'), 'flash.part: must be a part profile name (roms/parts/NAME.json without .json) (got "../parts/p30-128t")'],
    ['itlb entries not pow2', (j) => (j.tlb.itlb.entries = 24), 'tlb.itlb.entries: must be a power of two (got 24)'],
    ['itlb entries too many', (j) => (j.tlb.itlb.entries = 512), 'tlb.itlb.entries: must be 1 .. 256 (got 512)'],
    ['itlb entries zero', (j) => (j.tlb.itlb.entries = 0), 'tlb.itlb.entries: must be 1 .. 256 (got 0)'],
    ['dtlb ways not pow2', (j) => (j.tlb.dtlb.ways = 3), 'tlb.dtlb.ways: must be a power of two dividing entries (got 3)'],
    ['dtlb ways > entries', (j) => (j.tlb.dtlb.ways = 64), 'tlb.dtlb.ways: must be a power of two dividing entries (got 64, entries is 32)'],
    ['mmioNs too many decimals', (j) => (j.memory = { mmioNs: 32.5001 }), 'memory.mmioNs: must be a number with at most 3 decimals (got 32.5001)'],
    ['mmioNs negative', (j) => (j.memory = { mmioNs: -1 }), 'memory.mmioNs: must be 0 ns .. 100000 ns (got -1)'],
    ['ramFirstClocks fraction', (j) => (j.memory = { ramFirstClocks: 1.5 }), 'memory.ramFirstClocks: must be an integer (got 1.5)'],
    ['hostTrapMask negative', (j) => (j.hostTrapMask = -1), 'hostTrapMask: must be 0x0 .. 0xffffffff (got -1)'],
    ['unknown top field', (j) => (j.clockhz = 1), 'clockhz: unknown field (a board has schema, name, description, clockHz, timebaseHz, ram, flash, tlb, mmu, pipeline, memory, cache, hostTrapMask)'],
    ['unknown nested field', (j) => (j.tlb.itlb.assoc = 4), 'tlb.itlb.assoc: unknown field (tlb.itlb has entries, ways)'],
    ['inherited property name', (j) => (j['toString'] = 1 as unknown), 'toString: unknown field (a board has schema, name, description, clockHz, timebaseHz, ram, flash, tlb, mmu, pipeline, memory, cache, hostTrapMask)'],
  ];
  it.each(rules)('%s', (_, change, message) => {
    const j = virtJson();
    change(j);
    expect(problemsOf(j)).toEqual([message]);
  });

  it('the base profile of the rule table is valid', () => {
    expect(validateBoard(virtJson()).problems).toEqual([]);
  });

  it('reports every problem at once', () => {
    const j = virtJson();
    j.clockHz = 1;
    j.ram.sizeBytes = 3;
    j.tlb.dtlb.ways = 3;
    j.extra = true;
    expect(problemsOf(j)).toEqual([
      'extra: unknown field (a board has schema, name, description, clockHz, timebaseHz, ram, flash, tlb, mmu, pipeline, memory, cache, hostTrapMask)',
      'clockHz: must be 1 MHz .. 2 GHz (got 1)',
      'ram.sizeBytes: must be 64 KiB .. 1 GiB (got 3)',
      'tlb.dtlb.ways: must be a power of two dividing entries (got 3)',
    ]);
    const e = boardError(() => parseBoard(j, { source: 'x.json' }));
    expect(e.problems).toHaveLength(4);
    expect(e.message.split('\n')[0]).toBe('x.json: invalid board profile, 4 problems:');
    expect(e.exitCode).toBe(65);
  });

  it('rejects a top level that is not an object', () => {
    expect(problemsOf(42)).toEqual(['(top level): must be an object (got 42)']);
  });

  it('accepts $comment keys and drops them', () => {
    const j = virtJson();
    j.$comment = 'why this board exists';
    j.tlb.$comment_itlb = 'small on purpose';
    const p = parseBoard(j);
    expect(p).not.toHaveProperty('$comment');
    expect(p.tlb).not.toHaveProperty('$comment_itlb');
  });

  it('requires the name to match the file name', () => {
    expect(problemsOf(virtJson(), { fileName: '/some/where/other.json' })).toEqual([
      `name: must match the file name 'other.json' (got "virt")`,
    ]);
  });
});

describe('loadBoard from files', () => {
  const withDir = (f: (dir: string) => void): void => {
    const dir = mkdtempSync(join(tmpdir(), 'xipemu-board-'));
    try {
      f(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('loads a path, checking its name against the file name', () => {
    withDir((dir) => {
      const j = virtJson();
      j.name = 'mine';
      writeFileSync(join(dir, 'mine.json'), JSON.stringify(j));
      expect(loadBoard(join(dir, 'mine.json')).name).toBe('mine');
      writeFileSync(join(dir, 'theirs.json'), JSON.stringify(j));
      const e = boardError(() => loadBoard(join(dir, 'theirs.json')));
      expect(e.problems).toEqual([`name: must match the file name 'theirs.json' (got "mine")`]);
      expect(e.message).toContain(`${join(dir, 'theirs.json')}: invalid board profile:`);
    });
  });

  it('reports bad JSON, missing files and unknown names', () => {
    withDir((dir) => {
      writeFileSync(join(dir, 'bad.json'), '{ "schema": ');
      const e = boardError(() => loadBoard(join(dir, 'bad.json')));
      expect(e.message).toMatch(/bad\.json: not valid JSON: /);
      expect(e.exitCode).toBe(65);
      const missing = boardError(() => loadBoard(join(dir, 'none.json')));
      expect(missing.message).toBe(`${join(dir, 'none.json')}: no such board profile file`);
      expect(missing.exitCode).toBe(66);
    });
    const e = boardError(() => loadBoard('nosuch'));
    expect(e.message).toBe(`unknown board 'nosuch' (bundled boards: ${listBoards().join(', ')}; give a path containing '/' to load a file)`);
    expect(e.exitCode).toBe(66);
  });
});

describe('applyOverrides', () => {
  const virt = loadBoard('virt');

  it('sets fields by path with unit-aware numbers and leaves the input alone', () => {
    const p = applyOverrides(virt, ['tlb.dtlb.entries=64', 'clockHz=200M', 'ram.sizeBytes=16M', 'flash.bank1=false', 'hostTrapMask=0xb100', 'timebaseHz=32.768kHz']);
    expect(p.tlb.dtlb).toEqual({ entries: 64, ways: 32 });
    expect(p.clockHz).toBe(200_000_000);
    expect(p.ram.sizeBytes).toBe(16 * 1024 * 1024);
    expect(p.flash.bank1).toBe(false);
    expect(p.hostTrapMask).toBe(0xb100);
    expect(p.timebaseHz).toBe(32768);
    expect(virt.tlb.dtlb.entries).toBe(32);
    expect(virt.clockHz).toBe(100_000_000);
    expect(applyOverrides(virt, [])).toBe(virt);
  });

  it('accepts the documented value forms', () => {
    const c = (v: string): number => applyOverrides(virt, [`clockHz=${v}`]).clockHz;
    expect([c('150000000'), c('150M'), c('150MHz'), c('0x8f0d180'), c('1.5G'), c('150_000_000')]).toEqual([
      150e6, 150e6, 150e6, 150e6, 1.5e9, 150e6,
    ]);
    const r = (v: string): number => applyOverrides(virt, [`ram.sizeBytes=${v}`]).ram.sizeBytes;
    expect([r('64K'), r('64KiB'), r('1G'), r('0x100000')]).toEqual([65536, 65536, 1 << 30, 1 << 20]);
    const b = (v: string): boolean => applyOverrides(virt, [`flash.bank0=${v}`]).flash.bank0;
    expect([b('true'), b('1'), b('yes'), b('on'), b('false'), b('0'), b('no'), b('off')]).toEqual([true, true, true, true, false, false, false, false]);
  });

  it('names the key of each bad override, all at once', () => {
    const e = boardError(() =>
      applyOverrides(virt, ['tlb.dtlb.entires=64', 'clockHz=fast', 'tlb=3', 'schema=x', 'noequals', 'flash.bank1=maybe', 'clockHz.x=1', 'ram.sizeBytes=1.5M']),
    );
    expect(e.problems).toEqual([
      'tlb.dtlb.entires: unknown field (tlb.dtlb has entries, ways)',
      "clockHz: expected an integer (e.g. 100000000, 100M or 100MHz), got 'fast'",
      'tlb: is a group; set one of its fields (tlb.itlb, tlb.dtlb)',
      'schema: cannot be overridden',
      'noequals: expected KEY=VALUE (e.g. clockHz=200M)',
      "flash.bank1: expected true or false, got 'maybe'",
      'clockHz.x: unknown field (clockHz is an integer, 1 MHz .. 2 GHz, it has no fields)',
      "ram.sizeBytes: expected an integer (e.g. 1048576, 1M or 0x100000), got '1.5M'",
    ]);
    expect(e.message.split('\n')[0]).toMatch(/^virt with --set tlb\.dtlb\.entires=64 .*: invalid board profile, 8 problems:$/);
  });

  it('takes a time in ns to the picosecond (memory.mmioNs) and nothing finer', () => {
    expect(applyOverrides(virt, ['memory.mmioNs=32.5']).memory.mmioNs).toBe(32.5);
    expect(applyOverrides(virt, ['memory.mmioNs=0.125']).memory.mmioNs).toBe(0.125);
    expect(applyOverrides(virt, ['memory.mmioNs=20']).memory.mmioNs).toBe(20);
    expect(boardError(() => applyOverrides(virt, ['memory.mmioNs=0.0001'])).problems).toEqual([
      "memory.mmioNs: expected a number with at most 3 decimals (e.g. 32.5), got '0.0001'",
    ]);
    expect(boardError(() => applyOverrides(virt, ['memory.ramFirstClocks=1.5'])).problems).toEqual([
      "memory.ramFirstClocks: expected an integer (decimal or 0x hex), got '1.5'",
    ]);
  });

  it('rejects a fraction of a hertz', () => {
    expect(boardError(() => applyOverrides(virt, ['clockHz=1.0000005M'])).problems).toEqual([
      "clockHz: expected an integer (e.g. 100000000, 100M or 100MHz), got '1.0000005M'",
    ]);
  });

  it('validates the result as a whole', () => {
    expect(boardError(() => applyOverrides(loadBoard('tiny'), ['tlb.itlb.entries=1'])).problems).toEqual([
      'tlb.itlb.ways: must be a power of two dividing entries (got 2, entries is 1)',
    ]);
    expect(boardError(() => applyOverrides(virt, ['clockHz=5M'])).problems).toEqual(['timebaseHz: must not exceed clockHz 5000000 (got 10000000)']);
    expect(boardError(() => applyOverrides(virt, ['ram.sizeBytes=3G'])).problems).toEqual(['ram.sizeBytes: must be 64 KiB .. 1 GiB (got 3221225472)']);
  });
});

describe('schema helpers', () => {
  it('formats frequencies and sizes', () => {
    expect([formatHz(100e6), formatHz(32768), formatHz(2e9), formatHz(999)]).toEqual(['100 MHz', '32.768 kHz', '2 GHz', '999 Hz']);
    expect([formatBytes(128 << 20), formatBytes(4096), formatBytes(1 << 30), formatBytes(1000)]).toEqual(['128 MiB', '4 KiB', '1 GiB', '1000 bytes']);
  });

  it('parses integers by unit: decimal suffixes for Hz, binary for bytes, none for counts', () => {
    const f = (p: string): any => boardFields().find((x) => x.path === p)!.spec;
    expect(parseIntFor(f('clockHz'), '1K')).toBe(1000);
    expect(parseIntFor(f('ram.sizeBytes'), '1K')).toBe(1024);
    expect(parseIntFor(f('tlb.itlb.entries'), '1K')).toBeUndefined();
    expect(parseIntFor(f('tlb.itlb.entries'), '0x10')).toBe(16);
  });

  it('lists every leaf field in table order', () => {
    expect(boardFields().map((f) => f.path)).toEqual([
      'schema', 'name', 'description', 'clockHz', 'timebaseHz', 'ram.sizeBytes', 'flash.bank0', 'flash.bank1', 'flash.part',
      'tlb.itlb.entries', 'tlb.itlb.ways', 'tlb.dtlb.entries', 'tlb.dtlb.ways', 'mmu.adUpdate',
      'pipeline.predictor', 'pipeline.branchPenalty', 'pipeline.jumpPenalty', 'pipeline.loadUse', 'pipeline.mulCycles', 'pipeline.mulhCycles',
      'pipeline.divCycles', 'pipeline.csrCycles', 'pipeline.csrWriteCycles', 'pipeline.amoCycles', 'pipeline.lrscCycles', 'pipeline.trapCycles', 'pipeline.xretCycles',
      'memory.ramClockHz', 'memory.ramFirstClocks', 'memory.ramBeatClocks', 'memory.ramBusBytes', 'memory.mmioNs',
      'cache.icache.sizeBytes', 'cache.icache.ways', 'cache.icache.lineBytes', 'cache.icache.policy',
      'cache.dcache.sizeBytes', 'cache.dcache.ways', 'cache.dcache.lineBytes', 'cache.dcache.policy',
      'cache.flashCacheable', 'cache.walkCached', 'cache.seed',
      'hostTrapMask',
    ]);
    expect(BOARD_SCHEMA.kind).toBe('object');
  });

  it('docs/BOARDS.md documents every field', () => {
    const doc = readFileSync(join(packageRoot(), 'docs', 'BOARDS.md'), 'utf8');
    const missing = boardFields().map((f) => f.path).filter((p) => !doc.includes(`| \`${p}\` |`));
    expect(missing).toEqual([]);
  });
});

describe('xipemu boards', () => {
  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }

  it('lists the bundled boards as a table', async () => {
    const r = await run('boards');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+CLOCK\s+RAM\s+FLASH\s+ITLB\s+DTLB\s+DESCRIPTION$/);
    expect(lines).toHaveLength(listBoards().length + 1);
    expect(lines.find((l) => l.startsWith('virt '))).toMatch(/^virt\s+100 MHz\s+128 MiB\s+bank0\+bank1\s+32 full\s+32 full\s+Mirrors QEMU/);
    expect(lines.find((l) => l.startsWith('tiny '))).toMatch(/^tiny\s+50 MHz\s+1 MiB\s+bank0\s+8 2-way\s+8 2-way\s+A small/);
  });

  it('lists them as JSON', async () => {
    const r = await run('boards', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(listBoards().map((n) => loadBoard(n)));
  });

  it('shows one board field by field', async () => {
    const r = await run('boards', 'show', 'virt');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^virt: Mirrors QEMU's riscv virt memory map/);
    const row = (re: RegExp) => expect(lines.some((l) => re.test(l)), String(re)).toBe(true);
    row(/^  ram\.sizeBytes +134217728 \(128 MiB\)$/);
    row(/^  clockHz +100000000 \(100 MHz\)$/);
    row(/^  tlb\.dtlb\.ways +32$/);
    row(/^  hostTrapMask +0x0$/);
    row(/^  cache\.icache\.policy +lru$/);
    expect(lines.filter((l) => l.startsWith('  '))).toHaveLength(boardFields().length);
  });

  it('shows a file with overrides, as JSON or marked in the table', async () => {
    const file = join(boardsDir(), 'tiny.json');
    const r = await run('boards', 'show', file, '--set', 'clockHz=200M', '--set=tlb.dtlb.entries=64', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(applyOverrides(loadBoard('tiny'), ['clockHz=200M', 'tlb.dtlb.entries=64']));
    const t = await run('boards', 'show', 'tiny', '--set', 'flash.bank1=true');
    expect(t.out).toMatch(/^  flash\.bank1 +true  \[--set\]$/m);
    expect(t.out).toMatch(/^  flash\.bank0 +true$/m);
  });

  it('fails with the data-error code and every problem for bad overrides', async () => {
    const r = await run('boards', 'show', 'tiny', '--set', 'tlb.dtlb.ways=3', '--set', 'foo=1');
    expect(r.code).toBe(65);
    expect(r.out).toBe('');
    expect(r.err).toContain('invalid board profile, 2 problems:\n');
    expect(r.err).toContain('  foo: unknown field');
    expect(r.err).toContain('  tlb.dtlb.ways: must be a power of two dividing entries (got 3)\n');
  });

  it('fails with no-input for an unknown board and usage for bad arguments', async () => {
    const r = await run('boards', 'show', 'nosuch');
    expect(r.code).toBe(66);
    expect(r.err).toContain("unknown board 'nosuch'");
    expect((await run('boards', 'show')).code).toBe(64);
    expect((await run('boards', 'show', 'a', 'b')).code).toBe(64);
    expect((await run('boards', 'frob')).err).toContain("unknown subcommand 'frob'");
    expect((await run('boards', '--set', 'clockHz=1M')).code).toBe(64);
    expect((await run('boards', '--help')).out).toContain('xipemu boards show NAME|FILE');
  });
});
