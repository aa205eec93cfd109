// npm run bench: emulated-instruction throughput of both core builds on the compute benchmark ROM
// (roms/build/compute.elf, ~200 M instructions), with compiled pages (the default) and interpreted
// (--jit off), the same program executing in place from uncached flash (compute-xip.elf on nor-uncached),
// plus a dispatch calibration probe. Each measurement runs
// in a fresh node process; the table reports the median of BENCH_RUNS runs (default 3) with min and max,
// the machine, and the emulated results (which must be identical between runs: the emulator is
// deterministic). Performance is measured here, never asserted in unit tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const rom = process.env.BENCH_ROM ?? 'roms/build/compute.elf';
// The reference profile: the timed core's cycles are those of the nor-cached board.
const board = process.env.BENCH_BOARD ?? 'nor-cached';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Variants: both core builds, with hot pages compiled to wasm (the default) and interpreted (--jit off).
const VARIANTS = [
  { name: 'fast core', core: 'fast', jit: 'on' },
  { name: 'timed core', core: 'timed', jit: 'on' },
  { name: 'fast core, interpreted', core: 'fast', jit: 'off' },
  { name: 'timed core, interpreted', core: 'timed', jit: 'off' },
];
// The XIP workload: the same program executing in place from uncached flash on the MCU-class board, where
// every fetch goes through the flash read model (BENCH_XIP=0 leaves it out).
const XIP = process.env.BENCH_XIP !== '0';
const XIP_ROM = 'roms/build/compute-xip.elf', XIP_BOARD = 'nor-uncached';
const XIP_VARIANTS = [
  { name: 'fast core (XIP)', core: 'fast', jit: 'on', rom: XIP_ROM, board: XIP_BOARD },
  { name: 'timed core (XIP)', core: 'timed', jit: 'on', rom: XIP_ROM, board: XIP_BOARD },
];

function emu(v) {
  const out = execFileSync(process.execPath, ['dist/xipemu.mjs', 'run', v.rom ?? rom, '--board', v.board ?? board, '--core', v.core, '--jit', v.jit, '--json'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out.toString());
}

// Dispatch probe: build both forms once.
mkdirSync('build/bench', { recursive: true });
for (const d of [0, 1]) {
  execFileSync('node_modules/.bin/asc', ['bench/dispatch/probe.ts', '-O3', '--noAssert', '--runtime', 'stub',
    '--initialMemory', '4', '--use', `DISPATCH=${d}`, '-o', `build/bench/probe-${d}.wasm`], { stdio: 'inherit' });
}
function probe(d) {
  const src = `const fs=require('fs');const i=new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync('build/bench/probe-${d}.wasm')),{env:{abort(){}}}).exports;` +
    `i.setup();i.run(1e6);const t=process.hrtime.bigint();for(let k=0;k<20;k++)i.run(1e7);` +
    `console.log(200/(Number(process.hrtime.bigint()-t)/1e9));`;
  return Number(execFileSync(process.execPath, ['-e', src]).toString());
}

const results = {};
for (const v of [...VARIANTS, ...XIP_VARIANTS]) results[v.name] = [];
const probes = { 0: [], 1: [] };
for (let r = 0; r < runs; r++) {
  for (const v of VARIANTS) results[v.name].push(emu(v));
  if (XIP) for (const v of XIP_VARIANTS) results[v.name].push(emu(v));
  for (const d of [0, 1]) probes[d].push(probe(d));
}

const cpu = os.cpus()[0]?.model ?? 'unknown';
const lines = [];
lines.push(`machine: ${cpu}, ${os.cpus().length} cpus, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.release()}`);
lines.push(`workload: ${rom} on board '${board}', ${runs} runs per variant, each in a fresh process`);
lines.push('');
lines.push('| variant | instructions | cycles | CPI | host MIPS median | min | max |');
lines.push('|---|---:|---:|---:|---:|---:|---:|');
for (const { name: core } of [...VARIANTS, ...(XIP ? XIP_VARIANTS : [])]) {
  const rs = results[core];
  const mips = rs.map((x) => x.hostMips);
  const first = rs[0];
  for (const x of rs) {
    if (x.cycles !== first.cycles || x.instret !== first.instret) throw new Error(`non-deterministic ${core} run: ${x.cycles} vs ${first.cycles} cycles`);
  }
  lines.push(`| ${core} | ${first.instret} | ${first.cycles} | ${first.cpi.toFixed(3)} | ${median(mips).toFixed(1)} | ${Math.min(...mips).toFixed(1)} | ${Math.max(...mips).toFixed(1)} |`);
}
const med = (n) => median(results[n].map((x) => x.hostMips));
const best = (n) => Math.max(...results[n].map((x) => x.hostMips));
lines.push('');
// The ratio of medians, and of each variant's best run (the run least disturbed by other work on a
// shared machine).
// And the median of the per-round ratios: each round runs the fast and the timed core one after the
// other, so a pair shares the machine's load of that moment (a paired comparison).
const paired = median(results['fast core'].map((f, i) => f.hostMips / results['timed core'][i].hostMips));
lines.push(`timed core / fast core host time (compiled pages): ${(med('fast core') / med('timed core')).toFixed(2)}x ` +
  `(best runs: ${(best('fast core') / best('timed core')).toFixed(2)}x; median of the ${runs} paired rounds: ${paired.toFixed(2)}x); ` +
  `compiled vs interpreted: fast ${(med('fast core') / med('fast core, interpreted')).toFixed(2)}x, timed ${(med('timed core') / med('timed core, interpreted')).toFixed(2)}x`);
if (XIP) {
  lines.push(`XIP (${XIP_ROM} on '${XIP_BOARD}': every fetch from uncached flash): timed / fast host time ` +
    `${(med('fast core (XIP)') / med('timed core (XIP)')).toFixed(2)}x (best runs: ${(best('fast core (XIP)') / best('timed core (XIP)')).toFixed(2)}x)`);
}
lines.push('');
lines.push('| dispatch probe (5-op loop) | MIPS median | min | max |');
lines.push('|---|---:|---:|---:|');
lines.push(`| br_table (indirect jump) | ${median(probes[0]).toFixed(1)} | ${Math.min(...probes[0]).toFixed(1)} | ${Math.max(...probes[0]).toFixed(1)} |`);
lines.push(`| compare chain | ${median(probes[1]).toFixed(1)} | ${Math.min(...probes[1]).toFixed(1)} | ${Math.max(...probes[1]).toFixed(1)} |`);
const text = lines.join('\n') + '\n';
process.stdout.write(text);
writeFileSync('build/bench/last.md', text);
