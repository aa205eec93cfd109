// `xipemu staircase` and src/staircase.ts: the chase ROMs' `key value` output turned into the load-latency
// staircase (table, JSON, SVG), and the CLI's errors.
//
// Oracles: docs/TIMING.md's derived table for nor-cached (32 KiB 8-way D-cache, 64-byte lines, RAM line fill
// 76 cycles, P30 flash line fill 256 cycles): (10 + 7) / 8 = 2.125 cycles per load while the working set
// fits, 2.125 + 76 = 78.125 for RAM and 2.125 + 256 = 258.125 for flash from twice the cache size, the
// control 10 / 8 = 1.25; with the D-cache halved by --set the RAM step moves down one size. The SVG is
// checked by a small well-formedness parser written here.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../emu/command.ts';
import { parseChase, staircaseSvg, staircaseTable } from '../src/staircase.ts';
import { ROOT, tempDir, xipemu } from './helpers/core.ts';

const KiB = 1024;

/** The table's rows as { size -> [cells] } and its header's series names. */
function readTable(out: string): { names: string[]; rows: Map<string, string[]>; controls: string[] } {
  const lines = out.trimEnd().split('\n');
  const h = lines.findIndex((l) => l.startsWith('working set'));
  expect(h, out).toBeGreaterThanOrEqual(0);
  const names = lines[h].split(/\s{2,}/).slice(1).map((c) => c.replace(/ cycles\/load$/, ''));
  const rows = new Map<string, string[]>();
  const controls: string[] = [];
  for (const l of lines.slice(h + 1)) {
    if (l.startsWith('control')) controls.push(l);
    else {
      const cells = l.split(/\s{2,}/);
      rows.set(cells[0], cells.slice(1));
    }
  }
  return { names, rows, controls };
}

const sizeName = (b: number) => (b >= 1 << 20 ? `${b >> 20} MiB` : `${b / KiB} KiB`);

/** Throws unless `s` is well-formed XML (one root, tags nested and closed, attributes quoted, & only in entities). */
function checkXml(s: string): { root: string; elements: { name: string; attrs: Record<string, string> }[] } {
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*"[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const stack: string[] = [];
  const elements: { name: string; attrs: Record<string, string> }[] = [];
  let root = '';
  let closedRoot = false;
  const entities = (t: string) => {
    for (const m of t.matchAll(/&/g)) {
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/.test(t.slice(m.index))) throw new Error(`bare & in '${t}'`);
    }
  };
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) throw new Error(`not XML at offset ${pos}: '${s.slice(pos, pos + 40)}'`);
    pos = re.lastIndex;
    if (m[5] !== undefined) {
      if (m[5].trim() && (stack.length === 0)) throw new Error(`text outside the root: '${m[5]}'`);
      entities(m[5]);
      continue;
    }
    const [, close, name, attrText, selfClose] = m;
    if (close) {
      if (selfClose || attrText) throw new Error(`malformed end tag </${name}>`);
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
      if (stack.length === 0) closedRoot = true;
      continue;
    }
    if (closedRoot || (stack.length === 0 && root)) throw new Error(`second root element <${name}>`);
    if (!root) root = name;
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*"([^"]*)"/g)) {
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${name}>`);
      entities(a[2]);
      attrs[a[1]] = a[2];
    }
    elements.push({ name, attrs });
    if (!selfClose) stack.push(name);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('> <')}>`);
  if (!root) throw new Error('no root element');
  return { root, elements };
}

describe('the XML checker itself', () => {
  it('rejects what is not well-formed', () => {
    expect(() => checkXml('<a><b></a></b>')).toThrow(/closes/);
    expect(() => checkXml('<a x=1/>')).toThrow();
    expect(() => checkXml('<a>R&D</a>')).toThrow(/bare &/);
    expect(() => checkXml('<a/><b/>')).toThrow(/second root/);
    expect(() => checkXml('<a>')).toThrow(/unclosed/);
    expect(checkXml('<a k="1"><b/>x &amp; y</a>').elements.map((e) => e.name)).toEqual(['a', 'b']);
  });
});

describe('src/staircase.ts (pure)', () => {
  const text = [
    'chase.lineBytes 64', 'chase.ctrl.loads 80', 'chase.ctrl.cycles 100',
    'chase.ram.2048.loads 8', 'chase.ram.2048.cycles 40', 'chase.ram.1024.loads 8', 'chase.ram.1024.cycles 16',
    'chase.flash.1024.loads 16', 'chase.flash.1024.cycles 48', 'chase.flash.4096.cycles 99', 'chase.ram.skipped 1', 'noise',
  ].join('\n');

  it('parseChase: a series per chase.<where>, sizes sorted, sizes without loads left out, the control', () => {
    const s = parseChase(text, 'xip-');
    expect(s.series.map((x) => [x.name, x.where, x.points.map((p) => [p.bytes, p.cyclesPerLoad])])).toEqual([
      ['xip-ram', 'ram', [[1024, 2], [2048, 5]]],
      ['xip-flash', 'flash', [[1024, 3]]],
    ]);
    expect(s.controls).toEqual([{ prefix: 'xip-', loads: 80, cycles: 100, cyclesPerSlot: 1.25 }]);
  });

  it('staircaseTable: a row per size, "-" where a series lacks it, the control below', () => {
    expect(staircaseTable(parseChase(text))).toBe(
      'working set  ram cycles/load  flash cycles/load\n' +
      '1 KiB                  2.000              3.000\n' +
      '2 KiB                  5.000                  -\n' +
      'control (no loads, code in RAM): 1.250 cycles per slot\n');
  });

  it('staircaseSvg: well-formed, one polyline per series on a log2 x axis, the title escaped', () => {
    const svg = staircaseSvg(parseChase(text), { title: 'board <a&b>' });
    const { root, elements } = checkXml(svg);
    expect(root).toBe('svg');
    expect(elements.filter((e) => e.name === 'polyline')).toHaveLength(2);
    expect(svg).toContain('board &lt;a&amp;b&gt;');
  });
});

describe('xipemu staircase on nor-cached', () => {
  it('the table: 2.125 cycles per load up to 32 KiB, the step at 64 KiB to 78.125 (RAM) and 258.125 (flash)', async () => {
    const r = await xipemu('staircase');
    expect(r.rc, r.err).toBe(EXIT.OK);
    expect(r.out).toMatch(/^board nor-cached: /);
    const t = readTable(r.out);
    expect(t.names).toEqual(['ram', 'flash', 'xip-ram', 'xip-flash']);
    const cell = (bytes: number, col: number) => t.rows.get(sizeName(bytes))?.[col];
    for (const col of [0, 2]) {
      for (let b = KiB; b <= 32 * KiB; b *= 2) expect(cell(b, col), `${t.names[col]} ${b}`).toBe('2.125');
      for (let b = 64 * KiB; b <= 4 << 20; b *= 2) expect(cell(b, col), `${t.names[col]} ${b}`).toBe('78.125');
    }
    for (const col of [1, 3]) {
      for (let b = KiB; b <= 32 * KiB; b *= 2) expect(cell(b, col), `${t.names[col]} ${b}`).toBe('2.125');
      expect(cell(64 * KiB, col)).toBe('258.125');
      expect(cell(128 * KiB, col)).toBe('-'); // chase's flash tables end at 64 KiB
    }
    expect(t.rows.size).toBe(13); // 1 KiB ... 4 MiB
    expect(t.controls).toEqual([
      'control (no loads, code in RAM): 1.250 cycles per slot',
      'control (no loads, code XIP from flash): 1.250 cycles per slot',
    ]);
  });

  it('--series flash,flashburst: burst line fills (latency count 15 + 15 words at 52 MHz) below page mode', async () => {
    const r = await xipemu('staircase', '--series', 'flash,flashburst');
    expect(r.rc, r.err).toBe(EXIT.OK);
    const t = readTable(r.out);
    expect(t.names).toEqual(['flash', 'flashburst']);
    expect(t.rows.get('32 KiB')).toEqual(['2.125', '2.125']);
    // One 64-byte line fill per load: 16 bus words, (15 + 15) flash clocks of ceil(400 / 52) = 8 cycles.
    expect(t.rows.get('64 KiB')).toEqual(['258.125', String((2.125 + 30 * 8).toFixed(3))]);
    expect(t.controls).toEqual(['control (no loads, code in RAM): 1.250 cycles per slot']);
  });

  it('--set halves the D-cache: the RAM step moves to 32 KiB', async () => {
    const r = await xipemu('staircase', '--series', 'ram', '--set', 'cache.dcache.sizeBytes=16K');
    expect(r.rc, r.err).toBe(EXIT.OK);
    const t = readTable(r.out);
    expect(t.names).toEqual(['ram']);
    expect(t.rows.get('8 KiB')).toEqual(['2.125']);
    expect(t.rows.get('32 KiB')).toEqual(['78.125']);
    expect(t.controls).toHaveLength(1); // only chase-ram.elf ran
  });

  it('--json: the same figures as numbers, with loads and cycles', async () => {
    const r = await xipemu('staircase', '--series', 'ram,flash', '--json');
    expect(r.rc, r.err).toBe(EXIT.OK);
    const j = JSON.parse(r.out);
    expect(j.board).toBe('nor-cached');
    expect(j.series.map((s: { name: string }) => s.name)).toEqual(['ram', 'flash']);
    const ram = j.series[0].points as { bytes: number; loads: number; cycles: number; cyclesPerLoad: number }[];
    expect(ram.find((p) => p.bytes === 32 * KiB)?.cyclesPerLoad).toBe(2.125);
    expect(ram.find((p) => p.bytes === 64 * KiB)?.cyclesPerLoad).toBe(78.125);
    for (const p of ram) expect(p.cycles / p.loads).toBe(p.cyclesPerLoad);
    expect(j.controls).toEqual([{ prefix: '', loads: expect.any(Number), cycles: expect.any(Number), cyclesPerSlot: 1.25 }]);
  });

  it('--svg FILE: well-formed SVG, one polyline per series, points evenly spaced per doubling (log2 x), written nowhere else', async () => {
    const dir = tempDir('staircase');
    const before = readdirSync(ROOT);
    const file = join(dir, 'chart.svg');
    const r = await xipemu('staircase', '--svg', file);
    expect(r.rc, r.err).toBe(EXIT.OK);
    expect(r.out).toContain('working set'); // the table is still printed
    expect(readdirSync(dir)).toEqual(['chart.svg']);
    expect(readdirSync(ROOT)).toEqual(before);
    const { root, elements } = checkXml(readFileSync(file, 'utf8'));
    expect(root).toBe('svg');
    const lines = elements.filter((e) => e.name === 'polyline');
    expect(lines).toHaveLength(4);
    const pts = lines.map((l) => l.attrs.points.split(' ').map((p) => p.split(',').map(Number)));
    expect(pts.map((p) => p.length)).toEqual([13, 7, 13, 7]);
    const dx = pts[0].slice(1).map((p, i) => p[0] - pts[0][i][0]);
    for (const d of dx) expect(d).toBeCloseTo(dx[0], 0);
    // y grows downwards: the 64 KiB point of the RAM line is above (smaller y than) the 32 KiB one.
    expect(pts[0][6][1]).toBeLessThan(pts[0][5][1]);
  });
});

describe('xipemu staircase: errors', () => {
  it('an unknown series is a usage error (64) naming the known ones', async () => {
    const r = await xipemu('staircase', '--series', 'ram,l2');
    expect(r.rc).toBe(EXIT.USAGE);
    expect(r.err).toMatch(/unknown series 'l2' \(series: ram, flash, xip-ram, xip-flash, flashburst\)/);
  });

  it('the flashburst series on a board without the P30 pair is a data error (65) naming the part', async () => {
    const r = await xipemu('staircase', '--board', 'nor-amd', '--series', 'flash,flashburst');
    expect(r.rc).toBe(EXIT.DATAERR);
    expect(r.err).toMatch(/flashburst series needs .*Intel-set chips .*'nor-amd' has s29gl128p/);
    expect(r.out).toBe('');
  });

  it('an SVG path that cannot be written is 73 and names the file', async () => {
    const dir = tempDir('staircase-bad');
    const missing = join(dir, 'no-such-dir', 'chart.svg');
    let r = await xipemu('staircase', '--series', 'ram', '--svg', missing);
    expect(r.rc).toBe(EXIT.CANTCREAT);
    expect(r.err).toContain(`cannot write the SVG to ${missing}`);
    mkdirSync(join(dir, 'adir'));
    r = await xipemu('staircase', '--series', 'ram', '--svg', join(dir, 'adir'));
    expect(r.rc).toBe(EXIT.CANTCREAT);
    expect(existsSync(missing)).toBe(false);
  });

  it('an unknown board is 66, a profile file that is not valid JSON 65, a bad --set 65', async () => {
    let r = await xipemu('staircase', '--board', 'no-such-board');
    expect(r.rc).toBe(EXIT.NOINPUT);
    expect(r.err).toMatch(/unknown board 'no-such-board'/);
    const bad = join(tempDir('staircase-board'), 'bad.json');
    writeFileSync(bad, '{ not json');
    r = await xipemu('staircase', '--board', bad);
    expect(r.rc).toBe(EXIT.DATAERR);
    expect(r.err).toMatch(/not valid JSON/);
    r = await xipemu('staircase', '--set', 'cache.dcache.ways=0');
    expect(r.rc).toBe(EXIT.DATAERR);
  });

  it('is listed in xipemu --help and documents its series', async () => {
    expect((await xipemu('--help')).out).toMatch(/\n  staircase\s+measure the load-latency staircase/);
    const h = await xipemu('staircase', '--help');
    for (const s of ['ram', 'flash', 'xip-ram', 'xip-flash', 'flashburst', '--svg FILE', '--series LIST', '--json']) expect(h.out).toContain(s);
  });
});
