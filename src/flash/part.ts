// NOR flash part profiles: the datasheet figures of one chip (roms/parts/NAME.json), typed and checked.
//
// A profile describes one chip as its datasheet does (geometry per chip, times in ns/us/ms, CFI inputs)
// plus the default bank arrangement (`interleave`: how many chips share a bank's bus). Every figure has
// an entry in `sources` naming the datasheet and where the figure comes from; docs/TIMING.md lists them.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../board.ts';
import { MAX_BLOCKS_PER_BANK, MAX_BUFFER_WORDS, MAX_REGIONS, CMDSET_INTEL, CMDSET_AMD } from './layout.ts';

export interface EraseRegion {
  /** Blocks in the region (per chip), ascending addresses. */
  blocks: number;
  /** Bytes per block (per chip). */
  blockBytes: number;
  /** Typical block erase time, ms. */
  eraseTypMs: number;
  /** Maximum block erase time, ms (CFI maximum field only). */
  eraseMaxMs: number;
}

export interface PartProfile {
  name: string;
  description: string;
  /** Datasheet title, document number and revision the figures come from. */
  datasheet: string;
  /** CFI primary command set: 1 = Intel/Sharp extended, 2 = AMD/Fujitsu standard. */
  commandSet: 1 | 2;
  /** Data bus width of one chip as wired, bits. */
  chipWidthBits: 8 | 16;
  /** Bytes per chip. */
  chipBytes: number;
  /** Default chips per bank, side by side on the bus (bank width = chip width x interleave). */
  interleave: 1 | 2 | 4;
  regions: EraseRegion[];
  read: {
    /** Asynchronous random access (tAVQV), ns. */
    tAccNs: number;
    /** Asynchronous page access (tAPA), ns. */
    tPageNs: number;
    /** Page size, chip words. */
    pageWords: number;
    /** Synchronous burst clock, MHz; null when the part has no burst mode. */
    burstMHz: number | null;
    /** Read configuration register after reset (Intel); 0 for parts without one. */
    rcrDefault: number;
  };
  program: {
    wordTypUs: number;
    wordMaxUs: number;
    /** Write buffer, chip words; 0 = none. */
    bufferWords: number;
    /** Typical time to program a full buffer, us. */
    bufferTypUs: number;
    bufferMaxUs: number;
    /** Program suspend latency, us (0 = not supported). */
    suspendLatencyUs: number;
  };
  erase: {
    /** Erase suspend latency, us. */
    suspendLatencyUs: number;
    /** Typical chip erase, ms; 0 = the part has no chip erase (or derive: see docs/FLASH.md). */
    chipTypMs: number;
    chipMaxMs: number;
    /** AMD sector-erase accept window (tSEA), us; 0 for Intel parts. */
    windowUs: number;
  };
  ids: { manufacturer: number; device: number; device2: number; device3: number };
  cfi: {
    vccMinV: number;
    vccMaxV: number;
    /** 0 when the part has no Vpp pin. */
    vppMinV: number;
    vppMaxV: number;
    /** CFI device interface code: 0 x8, 1 x16, 2 x8/x16. */
    interface: number;
    /**
     * The timeouts the chip's own CFI table reports where they differ from the datasheet figures above
     * (the table's powers of two are then built from these; the busy times stay the datasheet's). Some
     * parts' tables disagree with their datasheets, e.g. the S29GL-P reports a 64 us typical buffer write
     * against the datasheet's 480 us.
     */
    reported?: Partial<Record<'wordTypUs' | 'wordMaxUs' | 'bufferTypUs' | 'bufferMaxUs' | 'eraseTypMs' | 'eraseMaxMs' | 'chipTypMs' | 'chipMaxMs', number>>;
  };
  /** All blocks locked after power-up/reset (P30: yes). */
  lockedAtReset: boolean;
  /** Figure name -> citation (document, table or page, and the value as printed). */
  sources: Record<string, string>;
  /** The figures whose citation says UNVERIFIED (from recollection, not checked against the data sheet). */
  unverified: string[];
}

/** The bundled part profiles, roms/parts/ in the package. */
export function partsDir(): string {
  return join(packageRoot(), 'roms', 'parts');
}

/** Names of the bundled part profiles, sorted. */
export function listParts(dir = partsDir()): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

function num(v: unknown, what: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v)) return parseInt(v, 16);
  throw new Error(`${what}: expected a number or 0x-hex string, got ${JSON.stringify(v)}`);
}

/** Parse and check a profile object; hex fields may be "0x..." strings. Throws with the field name. */
export function parsePart(raw: any, origin = 'part'): PartProfile {
  const fail = (msg: string): never => { throw new Error(`${origin}: ${msg}`); };
  if (typeof raw !== 'object' || raw === null) fail('not a JSON object');
  const p = raw as PartProfile;
  p.read.rcrDefault = num(raw.read?.rcrDefault ?? 0, `${origin}: read.rcrDefault`);
  for (const k of ['manufacturer', 'device', 'device2', 'device3'] as const) {
    p.ids[k] = num(raw.ids?.[k] ?? 0, `${origin}: ids.${k}`);
  }
  if (p.commandSet !== CMDSET_INTEL && p.commandSet !== CMDSET_AMD) fail('commandSet must be 1 or 2');
  if (p.chipWidthBits !== 8 && p.chipWidthBits !== 16) fail('chipWidthBits must be 8 or 16');
  if (![1, 2, 4].includes(p.interleave)) fail('interleave must be 1, 2 or 4');
  if (!Array.isArray(p.regions) || p.regions.length < 1 || p.regions.length > MAX_REGIONS) {
    fail(`regions: 1 to ${MAX_REGIONS} erase regions`);
  }
  let bytes = 0;
  let blocks = 0;
  for (const [i, r] of p.regions.entries()) {
    if (!(r.blocks > 0) || !(r.blockBytes >= 256) || r.blockBytes % 256 !== 0) fail(`regions[${i}]: bad geometry`);
    if (!(r.eraseTypMs > 0) || !(r.eraseMaxMs >= r.eraseTypMs)) fail(`regions[${i}]: erase times`);
    bytes += r.blocks * r.blockBytes;
    blocks += r.blocks;
  }
  if (bytes !== p.chipBytes) fail(`regions add up to ${bytes} bytes, chipBytes is ${p.chipBytes}`);
  if (blocks > MAX_BLOCKS_PER_BANK) fail(`${blocks} blocks; the device keeps state for ${MAX_BLOCKS_PER_BANK}`);
  if (p.chipBytes * p.interleave > 0x2000000) fail('a bank of chipBytes x interleave exceeds the 32 MiB bank window');
  if (!(p.read.tAccNs > 0) || !(p.read.tPageNs > 0) || !(p.read.pageWords >= 1)) fail('read timings');
  if (p.program.bufferWords > MAX_BUFFER_WORDS) fail(`write buffer larger than ${MAX_BUFFER_WORDS} words`);
  if (p.program.bufferWords > 0 && !(p.program.bufferTypUs > 0)) fail('program.bufferTypUs missing');
  if (!(p.program.wordTypUs > 0)) fail('program.wordTypUs missing');
  if (p.commandSet === CMDSET_AMD && !(p.erase.windowUs > 0)) fail('erase.windowUs (tSEA) missing');
  const REPORTED = ['wordTypUs', 'wordMaxUs', 'bufferTypUs', 'bufferMaxUs', 'eraseTypMs', 'eraseMaxMs', 'chipTypMs', 'chipMaxMs'];
  if (p.cfi?.reported !== undefined) {
    if (typeof p.cfi.reported !== 'object' || p.cfi.reported === null) fail('cfi.reported must be an object');
    for (const [k, v] of Object.entries(p.cfi.reported)) {
      if (!REPORTED.includes(k)) fail(`cfi.reported.${k}: unknown field (one of ${REPORTED.join(', ')})`);
      if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) fail(`cfi.reported.${k}: a positive number`);
    }
  }
  if (typeof p.sources !== 'object' || p.sources === null) fail('sources missing');
  p.unverified = Object.entries(p.sources).filter(([, v]) => typeof v === 'string' && v.startsWith('UNVERIFIED')).map(([k]) => k);
  return p;
}

/** Load roms/parts/NAME.json (or a path ending in .json). */
export function loadPart(nameOrPath: string, dir = partsDir()): PartProfile {
  const file = nameOrPath.endsWith('.json') ? nameOrPath : join(dir, `${nameOrPath}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`flash part "${nameOrPath}": cannot read ${file} (${(e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: invalid JSON (${(e as Error).message})`);
  }
  return parsePart(raw, file);
}
