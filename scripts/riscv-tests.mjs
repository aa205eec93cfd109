#!/usr/bin/env node
// Runs a directory of riscv-tests binaries (built elsewhere, in the standard "p" and "v" test environments)
// under xipemu, unmodified, on several configurations, and reports pass/fail per test and configuration.
//
//   node scripts/riscv-tests.mjs DIR [--config NAME]... [--jobs N] [--json]
//
// DIR holds the ELF files as riscv-tests' isa/Makefile names them (rv32ui-p-add, rv32si-p-dirty,
// rv32ui-v-add, ...; .dump/.hex/.bin files and 64-bit tests are ignored). Each test reports through its
// `tohost` symbol: exit 0 is a pass, any other exit status the failing test case (TESTNUM). Needs the
// built CLI (npm run build). Exits 0 when every run passed, 1 otherwise, 64 for bad arguments.
//
// The configurations (--config to pick some; default all): both core builds, compiled pages and
// interpreted, and the boards whose TLB and cache geometry differ (8-entry TLBs, caches, no caches), and
// the Svade A/D mode (page faults instead of hardware A/D updates).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/xipemu.mjs');

const CONFIGS = {
  'timed': ['--core', 'timed'],
  'fast': ['--core', 'fast'],
  'timed-interp': ['--core', 'timed', '--jit', 'off'],
  'fast-interp': ['--core', 'fast', '--jit', 'off'],
  'nor-cached': ['--board', 'nor-cached'],
  'nor-uncached': ['--board', 'nor-uncached'],
  'tiny': ['--board', 'tiny'],
  'svade': ['--board', 'nor-cached', '--set', 'mmu.adUpdate=fault'],
};

function usage(msg) {
  if (msg) process.stderr.write(`riscv-tests: ${msg}\n`);
  process.stderr.write('usage: node scripts/riscv-tests.mjs DIR [--config NAME]... [--jobs N] [--json]\n' +
    `configurations: ${Object.keys(CONFIGS).join(', ')}\n`);
  process.exit(64);
}

const args = process.argv.slice(2);
let dir;
const picked = [];
let jobs = 2;
let json = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--config') { const c = args[++i]; if (!(c in CONFIGS)) usage(`unknown configuration '${c}'`); picked.push(c); }
  else if (a === '--jobs') { jobs = Number(args[++i]); if (!Number.isInteger(jobs) || jobs < 1) usage('--jobs needs a positive integer'); }
  else if (a === '--json') json = true;
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('-')) usage(`unknown option '${a}'`);
  else if (dir === undefined) dir = a;
  else usage(`unexpected argument '${a}'`);
}
if (dir === undefined) usage('no directory given');
if (!existsSync(dir) || !statSync(dir).isDirectory()) usage(`'${dir}' is not a directory`);
if (!existsSync(CLI)) { process.stderr.write(`riscv-tests: ${CLI} is missing: run npm run build first\n`); process.exit(1); }
const configs = picked.length ? picked : Object.keys(CONFIGS);

const TEST_NAME = /^rv32(ui|um|ua|uc|mi|si)-(p|v)-[A-Za-z0-9_-]+$/;
const tests = readdirSync(dir).filter((f) => TEST_NAME.test(f) && statSync(join(dir, f)).isFile()).sort();
if (tests.length === 0) { process.stderr.write(`riscv-tests: no rv32*-p-*/rv32*-v-* test binaries in ${dir}\n`); process.exit(1); }

function runOne(test, config) {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, 'run', join(dir, test), ...CONFIGS[config], '--max-insns', '100000000', '-q', '--no-stdin'],
      { timeout: 120_000, maxBuffer: 16 << 20 }, (err, _stdout, stderr) => {
        const status = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        done({ test, config, status, detail: status === 0 ? '' : String(stderr).trim().split('\n').pop() ?? '' });
      });
  });
}

const queue = [];
for (const t of tests) for (const c of configs) queue.push([t, c]);
const results = [];
await Promise.all(Array.from({ length: jobs }, async () => {
  while (queue.length) { const [t, c] = queue.shift(); results.push(await runOne(t, c)); }
}));
results.sort((a, b) => a.test.localeCompare(b.test) || configs.indexOf(a.config) - configs.indexOf(b.config));

const failed = results.filter((r) => r.status !== 0);
if (json) {
  process.stdout.write(JSON.stringify({ dir: resolve(dir), tests: tests.length, configs, runs: results.length, failed: failed.length, results }, null, 2) + '\n');
} else {
  process.stdout.write(`| test | ${configs.join(' | ')} |\n|---|${configs.map(() => '---').join('|')}|\n`);
  for (const t of tests) {
    const row = configs.map((c) => { const r = results.find((x) => x.test === t && x.config === c); return r.status === 0 ? 'pass' : `FAIL ${r.status}`; });
    process.stdout.write(`| ${basename(t)} | ${row.join(' | ')} |\n`);
  }
  process.stdout.write(`\n${tests.length} tests x ${configs.length} configurations: ${results.length - failed.length} passed, ${failed.length} failed\n`);
  for (const f of failed) process.stdout.write(`  ${f.test} [${f.config}]: exit ${f.status}${f.detail ? ` (${f.detail})` : ''}\n`);
}
process.exit(failed.length ? 1 : 0);
