// Shared helpers for the tests that drive the wasm core: board profiles, running a committed ROM to its
// stop, running raw instruction words placed in RAM, building tiny ELFs with clang, and the CLI with a
// buffer io. Nothing here knows an offset of the core's memory: it all goes through src/core/machine.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOverrides, BoardProfile, loadBoard, packageRoot, parseBoard } from '../../src/board.ts';
import { parseElf } from '../../src/elf.ts';
import { Machine, MachineOptions, StopInfo } from '../../src/core/machine.ts';
import { runCli } from '../../emu/main.ts';
import { coreBuildArgs } from '../../scripts/build-core.mjs';

export const ROOT = packageRoot();
export const ROM_DIR = join(ROOT, 'roms', 'build');
export const EXPECTED_DIR = join(ROOT, 'roms', 'expected');
export const RAM_PA = 0x8000_0000;

const boards = new Map<string, BoardProfile>();
export function board(name: 'virt' | 'tiny'): BoardProfile {
  let b = boards.get(name);
  if (!b) boards.set(name, (b = loadBoard(name)));
  return b;
}

/**
 * A bundled board profile with `--set`-style overrides: 'NAME' or 'NAME+field=value+...' (e.g.
 * 'nor-cached+cache.walkCached=false'), read from roms/boards/NAME.json.
 */
export function boardSpec(spec: string): BoardProfile {
  const [name, ...sets] = spec.split('+');
  const file = join(ROOT, 'roms', 'boards', `${name}.json`);
  const p = parseBoard(JSON.parse(readFileSync(file, 'utf8')), { fileName: file });
  return sets.length ? applyOverrides(p, sets) : p;
}

/** Every committed ELF under roms/build (and roms/build/priv), as paths relative to the repo root. */
export function committedRoms(): string[] {
  const top = readdirSync(ROM_DIR).filter((f) => f.endsWith('.elf')).map((f) => `roms/build/${f}`);
  const priv = readdirSync(join(ROM_DIR, 'priv')).filter((f) => f.endsWith('.elf')).map((f) => `roms/build/priv/${f}`);
  return [...top, ...priv].sort();
}

export interface RomRun {
  stop: StopInfo & { totalRetired: number };
  uart: string;
  m: Machine;
}

/** Loads an ELF (path relative to the repo root, or absolute) on a board and runs it to a stop. */
export function runRom(path: string, opts: MachineOptions & { board?: string; maxInsns?: number } = {}): RomRun {
  const b = opts.board ?? 'virt';
  const m = Machine.create(b === 'virt' || b === 'tiny' ? board(b) : boardSpec(b), opts);
  m.loadElf(parseElf(new Uint8Array(readFileSync(path.startsWith('/') ? path : join(ROOT, path)))));
  const chunks: Buffer[] = [];
  const stop = m.runUntilStop(opts.maxInsns ?? 50_000_000, (b) => chunks.push(Buffer.from(b)));
  return { stop, uart: Buffer.concat(chunks).toString('latin1'), m };
}

/**
 * Places instruction words (little-endian, 16- or 32-bit by their low bits) at the start of RAM and runs
 * up to `budget` instructions. With hostTrapMask, a trap of a selected cause stops run() with the cause.
 */
export function runWords(words: number[], opts: MachineOptions & { budget?: number } = {}): { stop: StopInfo; m: Machine } {
  const m = Machine.create(board('tiny'), opts);
  const bytes: number[] = [];
  for (const w of words) {
    const n = (w & 3) === 3 ? 4 : 2;
    for (let i = 0; i < n; i++) bytes.push((w >>> (8 * i)) & 0xff);
  }
  m.writePhys(RAM_PA, Uint8Array.from(bytes));
  m.exports.hostFlushDecoded();
  m.pc = RAM_PA;
  return { stop: m.step(opts.budget ?? 100), m };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `xipemu-${prefix}-`));
}

/**
 * Assembles and links a bare-metal RV32IMAC program (RV64IMAC with rv64) with clang/lld, text at
 * 0x8000_0000 unless textAt says otherwise (-N: one RWX segment, no ELF header loaded at 0x10000), into dir;
 * returns the ELF's path. clang is part of the toolchain the ROMs need, so its absence is a failure.
 */
export function buildAsm(dir: string, name: string, source: string, opts: { rv64?: boolean; textAt?: number } = {}): string {
  const src = join(dir, `${name}.S`);
  const out = join(dir, `${name}.elf`);
  writeFileSync(src, source);
  const arch = opts.rv64
    ? ['--target=riscv64-unknown-elf', '-march=rv64imac', '-mabi=lp64']
    : ['--target=riscv32-unknown-elf', '-march=rv32imac', '-mabi=ilp32'];
  try {
    execFileSync('clang', [
      ...arch, '-nostdlib', '-fuse-ld=lld', `-Wl,-Ttext=0x${(opts.textAt ?? RAM_PA).toString(16)}`, '-Wl,--build-id=none', '-Wl,-N',
      '-o', out, src,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as Error & { code?: string; stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error('clang is not installed: install clang and lld (Debian: apt-get install clang lld) to build the test ELFs');
    throw new Error(`clang failed on ${name}.S:\n${err.stderr?.toString() ?? err.message}`);
  }
  if (!existsSync(out)) throw new Error(`clang produced no ${out}`);
  return out;
}

export interface CliResult { rc: number; out: string; err: string }

/** Runs `xipemu ARGV...` in-process through runCli with buffers for stdout and stderr. */
export async function xipemu(...argv: string[]): Promise<CliResult> {
  let out = '', err = '';
  const rc = await runCli(argv, {
    out: (t) => { out += t; },
    err: (t) => { err += t; },
    outBytes: (b) => { out += Buffer.from(b).toString('latin1'); },
  });
  return { rc, out, err };
}

/**
 * Builds the mutant fast core (MUTANT=1: sltu behaves like slt, the negative control) into a temporary
 * directory named after `prefix`; returns the wasm's path.
 */
export function buildMutantCore(prefix: string): string {
  const out = join(tempDir(prefix), 'core-mutant.wasm');
  execFileSync(join(ROOT, 'node_modules/.bin/asc'), coreBuildArgs(out, { timed: 0, mutant: 1, wat: false }), {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out;
}
