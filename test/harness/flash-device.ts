// Host-side driver for test/harness/flash-harness.ts: compiles the NOR flash device alone with asc (cached
// by a hash of its sources), instantiates it over a host-created memory, writes a part's parameter block
// and calls flashReset(). Tests then talk to it like a flash driver: command writes, status polling.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { flashParams, writeFlashParams, loadPart, STATE, bankField, FLASH_STATS } from '../../src/flash/index.ts';
import type { FlashParamOptions, FlashParams, PartProfile } from '../../src/flash/index.ts';

const root = resolve(import.meta.dirname, '../..');
/** Linear memory for the harness: everything below RAM_HOST (0x620_0000, the end of flash bank 1). */
const MEMORY_PAGES = 0x6200000 / 0x10000;

function sourceHash(): string {
  const h = createHash('sha256');
  // The device imports beyond its folder (hooks.ts reaches the pre-decode store), so hash all of assembly/.
  const dir = join(root, 'assembly');
  for (const f of (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort()) {
    h.update(f).update(readFileSync(join(dir, f)));
  }
  h.update(readFileSync(join(root, 'test/harness/flash-harness.ts')));
  return h.digest('hex').slice(0, 16);
}

/** Build (or reuse) the harness wasm; returns its path. */
export function buildFlashHarness(): string {
  const dir = join(tmpdir(), 'xipemu-flash-harness');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `flash-${sourceHash()}.wasm`);
  if (existsSync(out)) return out;
  const tmp = `${out}.${process.pid}.tmp`;
  execFileSync(join(root, 'node_modules/.bin/asc'), [
    join(root, 'test/harness/flash-harness.ts'),
    '-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--memoryBase', '1048576', '--use', 'TIMED=1', '--use', 'TRACE=0',
    '-o', tmp,
  ], { cwd: root, stdio: 'pipe' });
  renameSync(tmp, out);
  return out;
}

export interface FlashHarnessExports {
  flashReset(): void;
  flashArrayMode(bank: number): number;
  flashReadSlow(bank: number, off: number, size: number, now: bigint): number;
  flashWrite(bank: number, off: number, size: number, value: number, now: bigint): void;
  flashReadCycles(bank: number, off: number, size: number): number;
  flashFillCycles(bank: number, off: number, lineBytes: number): number;
  flashctlBase(): number;
  flashHost(): number;
  flashBankBytes(): number;
  flashLayoutOffset(i: number): number;
}

export class FlashDevice {
  readonly x: FlashHarnessExports;
  readonly memory: WebAssembly.Memory;
  readonly base: number;
  readonly host: number;
  readonly bankStride: number;
  params!: FlashParams;
  part!: PartProfile;
  /** Emulated time, cycles; tests advance it like a driver's delay loop would. */
  now = 0n;

  constructor() {
    const mod = new WebAssembly.Module(readFileSync(buildFlashHarness()));
    this.memory = new WebAssembly.Memory({ initial: MEMORY_PAGES, maximum: MEMORY_PAGES });
    const inst = new WebAssembly.Instance(mod, {
      env: {
        memory: this.memory,
        abort: () => {
          throw new Error('flash harness abort');
        },
        // The decoded-instruction store (which the device invalidates) links the page compiler's host
        // calls; the harness never compiles a page, so they must never be called.
        jitInstall: () => { throw new Error('flash harness: no page compiler'); },
        jitDrop: () => { throw new Error('flash harness: no page compiler'); },
      },
    });
    this.x = inst.exports as unknown as FlashHarnessExports;
    this.base = this.x.flashctlBase() >>> 0;
    this.host = this.x.flashHost() >>> 0;
    this.bankStride = this.x.flashBankBytes() >>> 0;
  }

  get bytes(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }

  get view(): DataView {
    return new DataView(this.memory.buffer);
  }

  /** Write the part's parameter block, fill both banks with erased flash, reset the device. */
  configure(part: string | PartProfile, clockHz: number, opts: FlashParamOptions = {}): this {
    this.part = typeof part === 'string' ? loadPart(part) : part;
    this.params = flashParams(this.part, clockHz, opts);
    writeFlashParams(this.memory.buffer, this.base, this.params);
    this.bytes.fill(0xff, this.host, this.host + 2 * this.bankStride);
    this.x.flashReset();
    this.now = 0n;
    return this;
  }

  write(bank: number, off: number, size: number, value: number): void {
    this.x.flashWrite(bank, off, size, value >>> 0, this.now);
  }

  read(bank: number, off: number, size: number): number {
    return this.x.flashReadSlow(bank, off, size, this.now) >>> 0;
  }

  /** What the core would see: array bytes on the fast path, else the slow read. */
  load(bank: number, off: number, size: number): number {
    if (this.arrayMode(bank)) {
      const a = this.host + bank * this.bankStride + off;
      return size === 4 ? this.view.getUint32(a, true) : size === 2 ? this.view.getUint16(a, true) : this.bytes[a];
    }
    return this.read(bank, off, size);
  }

  arrayMode(bank: number): boolean {
    return this.x.flashArrayMode(bank) !== 0;
  }

  array(bank: number, off: number, len: number): Uint8Array {
    const a = this.host + bank * this.bankStride + off;
    return this.bytes.subarray(a, a + len);
  }

  advance(cycles: bigint | number): void {
    this.now += BigInt(cycles);
  }

  stat(name: (typeof FLASH_STATS)[number][0]): bigint {
    const off = FLASH_STATS.find(([n]) => n === name)![1];
    return this.view.getBigUint64(this.base + off, true);
  }

  u32(off: number): number {
    return this.view.getUint32(this.base + off, true);
  }

  bank32(bank: number, field: number): number {
    return this.u32(bankField(bank, field));
  }

  dirty(bank: number): boolean {
    return this.bank32(bank, STATE.B_DIRTY) !== 0;
  }
}
