// The load-latency staircase from roms/ubench's pointer chase (roms/ubench/README.md, docs/TIMING.md
// "Measuring the model"): working-set size against cycles per load, one series per place the chased table
// lives (RAM, flash) and per place the code runs from (RAM: chase-ram.elf; XIP from flash: chase-flash.elf).
//
// parseChase, staircaseTable and staircaseSvg are pure (text in, text out); runChase runs one ROM on a
// board profile with the timed core. `xipemu staircase` (emu/cmd/staircase.ts) puts them together.
//
// Cycles per load = chase.<where>.<bytes>.cycles / .loads, the loop's share included (one addi and one
// taken backward branch per 8 loads); chase.ctrl, the zero-size control (every load replaced by an addi),
// is the same ratio with no load at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BoardProfile, packageRoot } from './board.ts';
import { parseElf } from './elf.ts';
import { Machine, StopInfo } from './core/machine.ts';
import { loadPart } from './flash/index.ts';

export interface StaircasePoint {
  bytes: number;
  loads: number;
  cycles: number;
  cyclesPerLoad: number;
}

export interface StaircaseSeries {
  /** `ram`, `flash` (code in RAM), `xip-ram`, `xip-flash` (code XIP from flash): see SERIES. */
  name: string;
  /** Where the chased table lives: the `chase.<where>.*` keys. */
  where: string;
  points: StaircasePoint[];
}

export interface StaircaseControl {
  /** '' for code in RAM, 'xip-' for code XIP from flash (the series names' prefix). */
  prefix: string;
  loads: number;
  cycles: number;
  cyclesPerSlot: number;
}

export interface Staircase {
  series: StaircaseSeries[];
  controls: StaircaseControl[];
}

/** The series `xipemu staircase` knows, in table order, with the ROM that measures each. */
export const SERIES = [
  { name: 'ram', rom: 'chase-ram', where: 'ram', what: 'table in RAM, code in RAM' },
  { name: 'flash', rom: 'chase-ram', where: 'flash', what: 'table in flash, code in RAM' },
  { name: 'xip-ram', rom: 'chase-flash', where: 'ram', what: 'table in RAM, code XIP from flash' },
  { name: 'xip-flash', rom: 'chase-flash', where: 'flash', what: 'table in flash, code XIP from flash' },
  { name: 'flashburst', rom: 'chase-burst', where: 'flashburst', what: 'table in flash read in synchronous burst mode, code in RAM (boards with the P30 pair: not measured by default)' },
] as const;

/** The series measured when none are named: all but the burst-mode one, which needs a particular flash. */
export const DEFAULT_SERIES = SERIES.filter((s) => s.name !== 'flashburst').map((s) => s.name);

/**
 * Why chase-burst.elf cannot run on `profile`, or undefined: it sets the read configuration register of
 * the P30 pair in QEMU virt's layout (Intel command set, two x16 chips on a 32-bit bank with a burst clock).
 */
export function burstUnsupported(profile: BoardProfile): string | undefined {
  const part = loadPart(profile.flash.part);
  if (part.commandSet !== 1 || part.interleave !== 2 || part.chipWidthBits !== 16 || (part.read.burstMHz ?? 0) <= 0 || !profile.flash.bank0) {
    return `the flashburst series needs flash bank 0 with two x16 Intel-set chips that have a synchronous burst mode (board '${profile.name}' has ${profile.flash.part}${profile.flash.bank0 ? '' : ', no bank 0'})`;
  }
  return undefined;
}

export type ChaseRom = (typeof SERIES)[number]['rom'];

/** `key value` lines (value a decimal integer) of a ubench ROM's output; other lines are ignored. */
export function parseKeyValues(text: string): Map<string, number> {
  const kv = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\S+) (\d+)\s*$/.exec(line);
    if (m) kv.set(m[1], Number(m[2]));
  }
  return kv;
}

/**
 * The staircase in one chase ROM's output: a series per `chase.<where>.<bytes>.{cycles,loads}` group
 * (named prefix + where, points sorted by size) and the control. A size without its .loads line, or with
 * zero loads, is left out.
 */
export function parseChase(text: string, prefix = ''): Staircase {
  const kv = parseKeyValues(text);
  const byWhere = new Map<string, StaircasePoint[]>();
  for (const [k, cycles] of kv) {
    const m = /^chase\.([a-z]+)\.(\d+)\.cycles$/.exec(k);
    if (!m) continue;
    const loads = kv.get(`chase.${m[1]}.${m[2]}.loads`);
    if (!loads) continue;
    if (!byWhere.has(m[1])) byWhere.set(m[1], []);
    byWhere.get(m[1])!.push({ bytes: Number(m[2]), loads, cycles, cyclesPerLoad: cycles / loads });
  }
  const series = [...byWhere].map(([where, points]) => ({ name: prefix + where, where, points: points.sort((a, b) => a.bytes - b.bytes) }));
  const controls: StaircaseControl[] = [];
  const loads = kv.get('chase.ctrl.loads'), cycles = kv.get('chase.ctrl.cycles');
  if (loads && cycles !== undefined) controls.push({ prefix, loads, cycles, cyclesPerSlot: cycles / loads });
  return { series, controls };
}

/** Joins staircases (e.g. of the two ROMs) in order. */
export function mergeStaircases(...parts: Staircase[]): Staircase {
  return { series: parts.flatMap((p) => p.series), controls: parts.flatMap((p) => p.controls) };
}

/** 1024 -> '1 KiB', 4194304 -> '4 MiB', 100 -> '100 B'. */
export function humanBytes(b: number): string {
  return b >= 1 << 20 ? `${b / (1 << 20)} MiB` : b >= 1024 ? `${b / 1024} KiB` : `${b} B`;
}

function sizesOf(s: Staircase): number[] {
  return [...new Set(s.series.flatMap((x) => x.points.map((p) => p.bytes)))].sort((a, b) => a - b);
}

/**
 * The staircase as a text table: one row per working-set size, one column per series (cycles per load,
 * 3 decimals; '-' where a series has no such size), then one control line per ROM.
 */
export function staircaseTable(s: Staircase): string {
  const rows = [['working set', ...s.series.map((x) => `${x.name} cycles/load`)]];
  for (const b of sizesOf(s)) {
    rows.push([humanBytes(b), ...s.series.map((x) => x.points.find((p) => p.bytes === b)?.cyclesPerLoad.toFixed(3) ?? '-')]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  let out = rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd() + '\n').join('');
  for (const c of s.controls) {
    const code = c.prefix === 'xip-' ? 'code XIP from flash' : c.prefix === '' ? 'code in RAM' : c.prefix.replace(/-$/, '');
    out += `control (no loads, ${code}): ${c.cyclesPerSlot.toFixed(3)} cycles per slot\n`;
  }
  return out;
}

function xmlEscape(t: string): string {
  return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

/**
 * The staircase as an SVG line chart: working set on a log2 x axis, cycles per load on a linear y axis
 * from 0, one polyline (with a dot per point) and one legend entry per series.
 */
export function staircaseSvg(s: Staircase, opts: { title?: string } = {}): string {
  const W = 760, H = 440, L = 70, R = 20, T = 50, B = 60;
  const sizes = sizesOf(s);
  const f = (v: number) => Number(v.toFixed(1)).toString();
  const x0 = sizes.length ? Math.log2(sizes[0]) : 0, x1 = sizes.length ? Math.log2(sizes[sizes.length - 1]) : 1;
  const ymax = Math.max(0, ...s.series.flatMap((x) => x.points.map((p) => p.cyclesPerLoad))) * 1.05 || 1;
  const X = (b: number) => L + ((Math.log2(b) - x0) / (x1 - x0 || 1)) * (W - L - R);
  const Y = (v: number) => H - B - (v / ymax) * (H - T - B);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  if (opts.title) out.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">${xmlEscape(opts.title)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const v = (ymax * i) / 5;
    out.push(`<line x1="${L - 5}" y1="${f(Y(v))}" x2="${W - R}" y2="${f(Y(v))}" stroke="${i ? '#ddd' : 'black'}"/>`);
    out.push(`<text x="${L - 8}" y="${f(Y(v) + 4)}" text-anchor="end">${v.toFixed(v < 10 ? 1 : 0)}</text>`);
  }
  out.push(`<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/>`);
  for (const b of sizes) {
    out.push(`<line x1="${f(X(b))}" y1="${H - B}" x2="${f(X(b))}" y2="${H - B + 5}" stroke="black"/>`);
    out.push(`<text x="${f(X(b))}" y="${H - B + 18}" text-anchor="middle">${humanBytes(b).replace(' ', '')}</text>`);
  }
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 15}" text-anchor="middle">working set (log2 scale)</text>`);
  out.push(`<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">cycles per load</text>`);
  s.series.forEach((x, i) => {
    const c = COLORS[i % COLORS.length];
    const pts = x.points.map((p) => [f(X(p.bytes)), f(Y(p.cyclesPerLoad))]);
    out.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.map((p) => p.join(',')).join(' ')}"/>`);
    for (const [cx, cy] of pts) out.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${c}"/>`);
    out.push(`<text x="${L + 10 + i * 150}" y="${T - 12}" fill="${c}">${xmlEscape(x.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

// ---- Running the ROMs ---------------------------------------------------------------------------------

export class StaircaseError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'StaircaseError';
  }
}

/** roms/build/ubench/NAME.elf in the package. */
export function chaseRomPath(rom: ChaseRom): string {
  return join(packageRoot(), 'roms', 'build', 'ubench', `${rom}.elf`);
}

/**
 * Runs one chase ROM on the timed core with `profile` to its halt and returns its UART output. A ROM that
 * does not exit 0 (a failed self-check, a trap, the budget) is a StaircaseError (exit 70) with the output.
 */
export function runChase(profile: BoardProfile, rom: ChaseRom, maxInsns = 500_000_000): string {
  const file = chaseRomPath(rom);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new StaircaseError(`${file}: cannot read the chase ROM (${(e as Error).message}); rebuild it with 'npm run roms'`, 66);
  }
  const m = Machine.create(profile, { variant: 'timed' });
  m.loadElf(parseElf(bytes));
  const chunks: Buffer[] = [];
  const stop: StopInfo = m.runUntilStop(maxInsns, (b) => chunks.push(Buffer.from(b)));
  const text = Buffer.concat(chunks).toString('latin1');
  if (stop.reason !== 'halt' || stop.exitCode !== 0) {
    const how = stop.reason === 'halt' ? `exited ${stop.exitCode}` : `stopped (${stop.reason})`;
    throw new StaircaseError(`${rom}.elf ${how} on board '${profile.name}' instead of exiting 0; its output:\n${text}`, 70);
  }
  return text;
}

/**
 * Runs the ROMs the chosen series need (default: DEFAULT_SERIES) and returns the staircase with the series
 * in SERIES order, plus the control line of each ROM that ran.
 */
export function measureStaircase(profile: BoardProfile, names: readonly string[] = DEFAULT_SERIES): Staircase {
  for (const n of names) {
    if (!SERIES.some((s) => s.name === n)) throw new StaircaseError(`unknown series '${n}' (series: ${SERIES.map((s) => s.name).join(', ')})`, 64);
  }
  if (names.includes('flashburst')) {
    const why = burstUnsupported(profile);
    if (why) throw new StaircaseError(why, 65);
  }
  const parts: Staircase[] = [];
  for (const rom of ['chase-ram', 'chase-flash', 'chase-burst'] as const) {
    const wanted = SERIES.filter((s) => s.rom === rom && names.includes(s.name));
    if (!wanted.length) continue;
    const prefix = rom === 'chase-flash' ? 'xip-' : '';
    const got = parseChase(runChase(profile, rom), prefix);
    // chase-burst's control is chase-ram's loop (code in RAM, no loads): shown once.
    const controls = rom === 'chase-burst' && parts.some((p) => p.controls.some((c) => c.prefix === '')) ? [] : got.controls;
    parts.push({ series: wanted.map((w) => got.series.find((x) => x.name === w.name) ?? { name: w.name, where: w.where, points: [] }), controls });
  }
  return mergeStaircases(...parts);
}
