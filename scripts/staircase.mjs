#!/usr/bin/env node
// Reads the output of roms/ubench's chase ROM (`key value` lines, from a file or stdin) and prints the
// latency staircase: working-set size against cycles per load, one column per series (chase.ram,
// chase.flash). With --svg FILE it also writes a line chart (log2 x axis, linear y axis).
//
//   node dist/xipemu.mjs run roms/build/ubench/chase-ram.elf --board nor-cached | node scripts/staircase.mjs
//   node scripts/staircase.mjs chase-output.txt --svg staircase.svg
//
// Cycles per load = chase.<series>.<bytes>.cycles / .loads (the loop's share included: 2 instructions per
// 8 loads); chase.ctrl, the zero-size control, is printed below the table. docs/TIMING.md explains the
// figures.
import { readFileSync, writeFileSync } from 'node:fs';

function usage(msg) {
  if (msg) process.stderr.write(`staircase: ${msg}\n`);
  process.stderr.write('usage: staircase.mjs [FILE] [--svg OUT.svg]   (reads stdin without FILE)\n');
  process.exit(2);
}

let input = null;
let svgOut = null;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--svg') {
    svgOut = args[++i];
    if (!svgOut) usage('--svg needs a file name');
  } else if (args[i] === '-h' || args[i] === '--help') usage();
  else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
  else if (input === null) input = args[i];
  else usage(`unexpected argument ${args[i]}`);
}

const text = readFileSync(input ?? 0, 'latin1');
const kv = new Map();
for (const line of text.split('\n')) {
  const m = /^(\S+) (\d+)\s*$/.exec(line);
  if (m) kv.set(m[1], Number(m[2]));
}

/** series name -> Map(bytes -> cycles per load) */
const series = new Map();
for (const [k, v] of kv) {
  const m = /^chase\.([a-z]+)\.(\d+)\.cycles$/.exec(k);
  if (!m) continue;
  const loads = kv.get(`chase.${m[1]}.${m[2]}.loads`);
  if (!loads) continue;
  if (!series.has(m[1])) series.set(m[1], new Map());
  series.get(m[1]).set(Number(m[2]), v / loads);
}
if (series.size === 0) usage('no chase.<series>.<bytes>.cycles/.loads lines in the input');

const sizes = [...new Set([...series.values()].flatMap((s) => [...s.keys()]))].sort((a, b) => a - b);
const names = [...series.keys()];
const human = (b) => (b >= 1 << 20 ? `${b / (1 << 20)} MiB` : b >= 1024 ? `${b / 1024} KiB` : `${b} B`);

const rows = [['working set', ...names.map((n) => `${n} cycles/load`)]];
for (const b of sizes) rows.push([human(b), ...names.map((n) => (series.get(n).has(b) ? series.get(n).get(b).toFixed(3) : '-'))]);
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) process.stdout.write(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ') + '\n');
if (kv.has('chase.ctrl.cycles') && kv.get('chase.ctrl.loads')) {
  process.stdout.write(`control (no loads): ${(kv.get('chase.ctrl.cycles') / kv.get('chase.ctrl.loads')).toFixed(3)} cycles per slot\n`);
}

if (svgOut) {
  const W = 720, H = 420, L = 70, R = 20, T = 30, B = 60;
  const x0 = Math.log2(sizes[0]), x1 = Math.log2(sizes[sizes.length - 1]);
  const ymax = Math.max(...[...series.values()].flatMap((s) => [...s.values()])) * 1.05 || 1;
  const X = (b) => L + ((Math.log2(b) - x0) / (x1 - x0 || 1)) * (W - L - R);
  const Y = (v) => H - B - (v / ymax) * (H - T - B);
  const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/>`);
  for (const b of sizes) {
    out.push(`<line x1="${X(b)}" y1="${H - B}" x2="${X(b)}" y2="${H - B + 5}" stroke="black"/>`);
    out.push(`<text x="${X(b)}" y="${H - B + 18}" text-anchor="middle">${human(b).replace(' ', '')}</text>`);
  }
  for (let i = 0; i <= 5; i++) {
    const v = (ymax * i) / 5;
    out.push(`<line x1="${L - 5}" y1="${Y(v)}" x2="${W - R}" y2="${Y(v)}" stroke="${i ? '#ddd' : 'black'}"/>`);
    out.push(`<text x="${L - 8}" y="${Y(v) + 4}" text-anchor="end">${v.toFixed(v < 10 ? 1 : 0)}</text>`);
  }
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 15}" text-anchor="middle">working set (log2)</text>`);
  out.push(`<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">cycles per load</text>`);
  names.forEach((n, i) => {
    const pts = [...series.get(n)].sort((a, b) => a[0] - b[0]).map(([b, v]) => `${X(b).toFixed(1)},${Y(v).toFixed(1)}`);
    const c = colors[i % colors.length];
    out.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.join(' ')}"/>`);
    for (const p of pts) out.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${c}"/>`);
    out.push(`<text x="${L + 10 + i * 140}" y="${T - 10}" fill="${c}">chase.${n}</text>`);
  });
  out.push('</svg>');
  writeFileSync(svgOut, out.join('\n') + '\n');
}
