// Board profiles: the versioned JSON files (roms/boards/NAME.json) that describe an emulated board, and
// the one table (BOARD_SCHEMA) from which their type, validation, defaults, overrides and documentation
// come. The core is configured from a validated profile by the core binding (src/core/), not here.
//
// The memory map itself is fixed by DESIGN section 3 (devices at QEMU virt's addresses); a profile chooses
// only what varies: clocks, RAM size, which flash banks exist, TLB geometry, which traps go to the host.
// Add a field by adding one line to BOARD_SCHEMA (with its default if optional) and one row in
// docs/BOARDS.md; the test suite checks that every field is documented.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bool,
  CheckResult,
  FieldInfo,
  Infer,
  int,
  leafFields,
  obj,
  OverrideProblem,
  parseOverrideValue,
  specAt,
  str,
  validate,
} from './board-schema.ts';

export const SCHEMA_ID = 'xipemu-board/1';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const MHz = 1_000_000;

/** Guest physical memory map (DESIGN section 3): fixed, whatever the profile. */
export const RAM_BASE = 0x8000_0000;
export const FLASH_BANK_BASES = [0x2000_0000, 0x2200_0000] as const;
export const FLASH_BANK_BYTES = 32 * MiB;

/** TLB geometry: associativity is a power of two dividing the entry count (sets = entries / ways). */
function tlbGeometry(v: { entries: number; ways: number }): CheckResult {
  if ((v.ways & (v.ways - 1)) !== 0) return [['ways', `must be a power of two dividing entries (got ${v.ways})`]];
  if (v.entries % v.ways !== 0) return [['ways', `must be a power of two dividing entries (got ${v.ways}, entries is ${v.entries})`]];
  return [];
}

function tlbSpec(which: string, defEntries: number) {
  return obj(
    `${which} TLB geometry`,
    {
      entries: int(`${which} TLB entries`, { unit: 'count', min: 1, max: 256, pow2: true, default: defEntries }),
      ways: int(`${which} TLB ways per set (ways = entries: fully associative)`, {
        unit: 'count', min: 1, max: 256, defaultFrom: (t) => t.entries as number,
      }),
    },
    tlbGeometry,
  );
}

/** Cache geometry: size 0 means no cache; otherwise sets = size / (ways * line) must be a power of two. */
function cacheGeometry(c: { sizeBytes: number; ways: number; lineBytes: number }): CheckResult {
  if (c.sizeBytes === 0) return [];
  const sets = c.sizeBytes / (c.ways * c.lineBytes);
  if (!Number.isInteger(sets) || (sets & (sets - 1)) !== 0) {
    return [['sizeBytes', `must be ways x lineBytes x a power of two (got ${c.sizeBytes} with ${c.ways} ways of ${c.lineBytes}-byte lines)`]];
  }
  if ((c.sizeBytes / c.lineBytes) * 8 > 64 * KiB) return [['sizeBytes', `too many lines for the core's tag array (at most 8192 lines; got ${c.sizeBytes / c.lineBytes})`]];
  return [];
}

function cacheSpec(which: string) {
  return obj(
    `L1 ${which} cache (a timing model: tags only)`,
    {
      sizeBytes: int(`${which} cache size; 0 = no cache`, { unit: 'bytes', min: 0, max: 512 * KiB, default: 0 }),
      ways: int('associativity', { unit: 'count', min: 1, max: 16, pow2: true, default: 1 }),
      lineBytes: int('line size', { unit: 'bytes', min: 4, max: 256, pow2: true, default: 32 }),
      policy: str('replacement policy', { oneOf: ['lru', 'random'], default: 'lru' }),
    },
    cacheGeometry,
  );
}

/** flash.part names a bundled part profile (checked when a profile is validated, not at load time). */
function flashPartExists(f: { part: string }): CheckResult {
  const parts = listPartNames();
  return parts.includes(f.part) ? [] : [['part', `unknown flash part ${JSON.stringify(f.part)} (roms/parts/ has ${parts.join(', ')})`]];
}

/** Part profile names in roms/parts/ (src/flash/part.ts listParts, which imports this module, reads the same). */
function listPartNames(): string[] {
  return readdirSync(join(packageRoot(), 'roms', 'parts'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export const BOARD_SCHEMA = obj(
  'a board profile',
  {
    schema: str('schema version of this file', { oneOf: [SCHEMA_ID], fixed: true }),
    name: str('board id, lowercase; must match the file name', {
      pattern: /^[a-z][a-z0-9_-]{0,31}$/,
      patternHint: 'a lowercase id (a-z, 0-9, - and _, starting with a letter, at most 32 characters)',
    }),
    description: str('one line describing the board'),
    clockHz: int('core clock', { unit: 'Hz', min: 1 * MHz, max: 2_000_000_000 }),
    timebaseHz: int('CLINT mtime frequency (QEMU virt uses 10 MHz)', { unit: 'Hz', min: 1000, max: 2_000_000_000, default: 10 * MHz }),
    ram: obj('RAM at 0x8000_0000', {
      sizeBytes: int('RAM size', { unit: 'bytes', min: 64 * KiB, max: 1 * GiB, multipleOf: 4 * KiB }),
    }),
    flash: obj('NOR flash banks (32 MiB each)', {
      bank0: bool('flash bank 0 at 0x2000_0000 exists (the firmware-mode reset vector)', { default: true }),
      bank1: bool('flash bank 1 at 0x2200_0000 exists', { default: false }),
      part: str('flash part profile of the chips in every bank (roms/parts/NAME.json)', {
        pattern: /^[a-z0-9][a-z0-9_-]{0,63}$/,
        patternHint: 'a part profile name (roms/parts/NAME.json without .json)',
        default: 'p30-128t',
      }),
    }, flashPartExists),
    tlb: obj('address translation caches', {
      itlb: tlbSpec('instruction', 32),
      dtlb: tlbSpec('data', 32),
    }),
    mmu: obj('Sv32 page-table walker', {
      adUpdate: str('a PTE without A (or without D, for a store): hardware sets the bit in memory (Svadu), or fault raises a page fault for software to set it (Svade, what riscv-tests expects)', { oneOf: ['hardware', 'fault'], default: 'hardware' }),
    }),
    pipeline: obj('in-order single-issue pipeline costs (docs/TIMING.md cites each figure)', {
      predictor: str('static branch prediction: none (every taken branch pays branchPenalty) or btfn (backward taken, forward not taken: mispredictions pay)', { oneOf: ['none', 'btfn'], default: 'none' }),
      branchPenalty: int('extra cycles of a taken (none) or mispredicted (btfn) conditional branch', { unit: 'cycles', min: 0, max: 100, default: 0 }),
      jumpPenalty: int('extra cycles of jal/jalr', { unit: 'cycles', min: 0, max: 100, default: 0 }),
      loadUse: int('extra cycles when an instruction reads the register loaded by the one before it', { unit: 'cycles', min: 0, max: 100, default: 0 }),
      mulCycles: int('total cycles of mul', { unit: 'cycles', min: 1, max: 255, default: 1 }),
      mulhCycles: int('total cycles of mulh, mulhsu, mulhu (the upper word; default: mulCycles)', {
        unit: 'cycles', min: 1, max: 255, defaultFrom: (t) => t.mulCycles as number,
      }),
      divCycles: int('total cycles of div, divu, rem, remu', { unit: 'cycles', min: 1, max: 255, default: 1 }),
      csrCycles: int('total cycles of a CSR instruction', { unit: 'cycles', min: 1, max: 255, default: 1 }),
      csrWriteCycles: int('extra cycles of a CSR instruction that writes its CSR (a pipeline flush)', { unit: 'cycles', min: 0, max: 255, default: 0 }),
      amoCycles: int('total cycles of amo*.w (plus their memory access)', { unit: 'cycles', min: 1, max: 255, default: 1 }),
      lrscCycles: int('total cycles of lr.w and sc.w (plus their memory access; default: amoCycles)', {
        unit: 'cycles', min: 1, max: 255, defaultFrom: (t) => t.amoCycles as number,
      }),
      trapCycles: int('extra cycles of trap entry (pipeline flush)', { unit: 'cycles', min: 0, max: 1000, default: 0 }),
      xretCycles: int('extra cycles of mret/sret', { unit: 'cycles', min: 0, max: 1000, default: 0 }),
    }),
    memory: obj('RAM and device timing (converted to core cycles with clockHz, rounding up)', {
      ramClockHz: int('RAM interface clock (SDRAM clock; for on-chip SRAM, the core clock)', { unit: 'Hz', min: 1 * MHz, max: 2_000_000_000, default: 100 * MHz }),
      ramFirstClocks: int('RAM clocks from request to first data (SDRAM: tRCD + CL): the cost of one uncached access', { unit: 'clocks', min: 0, max: 1000, default: 0 }),
      ramBeatClocks: int('RAM clocks per further beat of a burst (a line fill)', { unit: 'clocks', min: 0, max: 100, default: 0 }),
      ramBusBytes: int('RAM data bus width', { unit: 'bytes', min: 1, max: 16, pow2: true, default: 4 }),
      mmioNs: int('extra time of one device-register access (UART, CLINT, finisher) beyond the instruction', { unit: 'ns', min: 0, max: 100_000, decimals: 3, default: 0 }),
    }),
    cache: obj('L1 caches', {
      icache: cacheSpec('instruction'),
      dcache: cacheSpec('data'),
      flashCacheable: bool('flash reads and fetches go through the caches (MMIO never does)', { default: true }),
      walkCached: bool('page-table walk reads go through the D-cache', { default: true }),
      seed: int('seed of the pseudo-random replacement LFSR', { unit: 'count', min: 1, max: 65535, default: 0xace1 }),
    }),
    hostTrapMask: int('bit c set: exception cause c stops run() and goes to the host instead of the guest', {
      unit: 'mask', min: 0, max: 0xffff_ffff, default: 0,
    }),
  },
  (b) => (b.timebaseHz > b.clockHz ? [['timebaseHz', `must not exceed clockHz ${b.clockHz} (got ${b.timebaseHz})`]] : []),
);

/** A validated board profile, defaults filled: the type follows BOARD_SCHEMA. */
export type BoardProfile = Infer<typeof BOARD_SCHEMA>;

/** Invalid profile, unknown board, bad override. `problems` holds one "path: message" line per problem. */
export class BoardError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
    readonly exitCode = 65, // EX_DATAERR; 66 (EX_NOINPUT) when the file is missing
  ) {
    super(message);
    this.name = 'BoardError';
  }
}

function problemsError(source: string, problems: string[]): BoardError {
  const head = problems.length === 1 ? `${source}: invalid board profile:` : `${source}: invalid board profile, ${problems.length} problems:`;
  return new BoardError(`${head}\n${problems.map((p) => `  ${p}`).join('\n')}`, problems);
}

/** Every problem of a profile, each "path: message"; an empty list means valid. */
export function validateBoard(json: unknown, opts: { fileName?: string } = {}): { profile?: BoardProfile; problems: string[] } {
  const problems: string[] = [];
  // A profile of another schema version is not worth reading field by field.
  const schema = typeof json === 'object' && json !== null ? (json as { schema?: unknown }).schema : undefined;
  if (typeof schema === 'string' && schema !== SCHEMA_ID && schema.startsWith('xipemu-board/')) {
    return { problems: [`schema: unsupported version ${JSON.stringify(schema)} (this xipemu reads "${SCHEMA_ID}")`] };
  }
  const profile = validate(BOARD_SCHEMA, json, '', problems) as BoardProfile | undefined;
  if (opts.fileName !== undefined && typeof (json as { name?: unknown })?.name === 'string') {
    const want = basename(opts.fileName).replace(/\.json$/, '');
    const name = (json as { name: string }).name;
    if (name !== want) problems.push(`name: must match the file name '${basename(opts.fileName)}' (got ${JSON.stringify(name)})`);
  }
  return problems.length ? { problems } : { profile, problems };
}

/** Validates a parsed JSON profile; throws a BoardError listing every problem. */
export function parseBoard(json: unknown, opts: { fileName?: string; source?: string } = {}): BoardProfile {
  const { profile, problems } = validateBoard(json, opts);
  if (!profile) throw problemsError(opts.source ?? opts.fileName ?? 'board', problems);
  return profile;
}

// ---- Files ------------------------------------------------------------------------------------------------

let rootCache: string | undefined;

/** The package root: the nearest folder above this module that holds package.json. */
export function packageRoot(): string {
  if (rootCache) return rootCache;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return (rootCache = dir);
    const up = dirname(dir);
    if (up === dir) throw new BoardError(`cannot find the xipemu package root (no package.json above ${fileURLToPath(import.meta.url)})`, [], 70);
    dir = up;
  }
}

export function boardsDir(): string {
  return join(packageRoot(), 'roms', 'boards');
}

/** Names of the bundled boards (roms/boards/*.json), sorted. */
export function listBoards(): string[] {
  return readdirSync(boardsDir())
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** A path if it contains '/' or ends in .json, otherwise the name of a bundled board. */
export function isBoardPath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || nameOrPath.endsWith('.json');
}

/** Loads and validates a bundled board by name, or a profile file by path (relative to the cwd). */
export function loadBoard(nameOrPath: string): BoardProfile {
  let file: string;
  if (isBoardPath(nameOrPath)) {
    file = resolve(nameOrPath);
    if (!existsSync(file)) throw new BoardError(`${nameOrPath}: no such board profile file`, [], 66);
  } else {
    file = join(boardsDir(), `${nameOrPath}.json`);
    if (!existsSync(file)) {
      throw new BoardError(
        `unknown board '${nameOrPath}' (bundled boards: ${listBoards().join(', ')}; give a path containing '/' to load a file)`,
        [],
        66,
      );
    }
  }
  const shown = isBoardPath(nameOrPath) ? nameOrPath : `roms/boards/${nameOrPath}.json`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BoardError(`${shown}: not valid JSON: ${(e as Error).message}`);
  }
  return parseBoard(json, { fileName: file, source: shown });
}

// ---- Overrides --------------------------------------------------------------------------------------------

/**
 * Returns a copy of `profile` with "path=value" overrides applied (e.g. "tlb.dtlb.entries=64",
 * "clockHz=200M", "ram.sizeBytes=16M", "flash.bank1=true"), then validates the result as a whole. Unknown
 * keys, values of the wrong type and results that break a rule are BoardErrors naming the key.
 */
export function applyOverrides(profile: BoardProfile, overrides: readonly string[]): BoardProfile {
  if (overrides.length === 0) return profile;
  const copy = structuredClone(profile) as unknown as Record<string, unknown>;
  const problems: string[] = [];
  for (const o of overrides) {
    const eq = o.indexOf('=');
    if (eq <= 0) {
      problems.push(`${o}: expected KEY=VALUE (e.g. clockHz=200M)`);
      continue;
    }
    const path = o.slice(0, eq).trim();
    const text = o.slice(eq + 1).trim();
    const spec = specAt(BOARD_SCHEMA, path);
    if (typeof spec === 'string') {
      problems.push(spec);
      continue;
    }
    if (spec.kind === 'object') {
      problems.push(`${path}: is a group; set one of its fields (${Object.keys(spec.fields).map((k) => `${path}.${k}`).join(', ')})`);
      continue;
    }
    if (spec.kind === 'string' && spec.fixed) {
      problems.push(`${path}: cannot be overridden`);
      continue;
    }
    const value = parseOverrideValue(path, spec, text);
    if (value instanceof OverrideProblem) {
      problems.push(value.message);
      continue;
    }
    const keys = path.split('.');
    let at = copy;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[keys[keys.length - 1]] = value;
  }
  // Overrides that parsed are applied even when others did not, so one run reports every problem.
  const { profile: out, problems: after } = validateBoard(copy);
  problems.push(...after);
  if (!out || problems.length) throw problemsError(`${profile.name} with --set ${overrides.join(' --set ')}`, problems);
  return out;
}

/** Every leaf field of the schema with its dotted path (for docs, `boards show` and tests). */
export function boardFields(): FieldInfo[] {
  return leafFields(BOARD_SCHEMA);
}

/** Guest physical regions of this board that an ELF may be loaded into (for elf.checkSegmentsFit). */
export function memoryRegions(profile: BoardProfile): { name: string; base: number; size: number }[] {
  const out = [{ name: 'ram', base: RAM_BASE, size: profile.ram.sizeBytes }];
  if (profile.flash.bank0) out.push({ name: 'flash bank 0', base: FLASH_BANK_BASES[0], size: FLASH_BANK_BYTES });
  if (profile.flash.bank1) out.push({ name: 'flash bank 1', base: FLASH_BANK_BASES[1], size: FLASH_BANK_BYTES });
  return out;
}
