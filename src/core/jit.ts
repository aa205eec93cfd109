import v8 from 'node:v8';
import { liftoffByDefault } from './load.ts';
// Host half of the cores' page compiler (assembly/jit/, docs/ARCHITECTURE.md "The page compiler").
// The core writes a complete wasm module (one function over the core's own memory) and asks for it to be
// instantiated; the host compiles it, puts its function in the core's function table and returns the
// table index, which the core calls with call_indirect. Dropped functions free their table slot.
//
// The generated code is the core's responsibility: a module that fails to compile is a bug in the page
// compiler, reported as an internal error rather than hidden by falling back to the interpreter.

export class PageFunctions {
  /** The first table index the core's own functions do not use (set after the core is instantiated). */
  firstFree = 1;
  /** The core's exports the timed build's page functions import (env.fh, env.fh2, env.dc, env.ff); set after instantiation. */
  timing: { fh?: WebAssembly.ExportValue; fh2?: WebAssembly.ExportValue; dc?: WebAssembly.ExportValue; ff?: WebAssembly.ExportValue } = {};
  private free: number[] = [];
  /** Functions installed and dropped so far (for tests and statistics). */
  installed = 0;
  dropped = 0;

  constructor(private readonly memory: WebAssembly.Memory, private readonly table: WebAssembly.Table) {}

  install(ptr: number, len: number): number {
    const bytes = new Uint8Array(new ArrayBuffer(len));
    bytes.set(new Uint8Array(this.memory.buffer, ptr, len));
    let fn: WebAssembly.ExportValue;
    try {
      fn = instantiateFast(bytes, { memory: this.memory, ...this.timing });
    } catch (e) {
      throw new Error(`internal error: the page compiler produced an invalid module (${(e as Error).message})`);
    }
    let index = this.free.pop();
    if (index === undefined) {
      if (this.table.length < this.firstFree) this.table.grow(this.firstFree - this.table.length);
      index = this.table.length;
      this.table.grow(1);
    }
    this.table.set(index, fn);
    this.installed++;
    return index;
  }

  drop(index: number): void {
    this.table.set(index, null);
    this.free.push(index);
    this.dropped++;
  }
}

/**
 * Compiles and instantiates a page function with V8's baseline compiler (Liftoff) only: a few
 * milliseconds per page, and no background re-optimisation. Measured on compute.elf (nor-cached): letting
 * V8 tier the page functions up to its optimising compiler made the fast core ~15 % faster and the timed
 * core no faster (the optimised code arrives too late), while the optimiser's working memory for large
 * page functions raised the peak RSS from ~90 MB to ~120 MB (fast) and ~180 MB (timed), above the
 * issue's bound of guest RAM + flash + 64 MiB (160 MiB on that board). The cores themselves are compiled
 * with --no-liftoff (src/core/load.ts), so both flags are switched for this module only. V8 compiles
 * wasm functions lazily, at their first call, so the function is called once here, at offset 1: never
 * an entry (entries are even), it returns at once having changed nothing but its out-fields.
 */
function instantiateFast(bytes: Uint8Array<ArrayBuffer>, env: Record<string, WebAssembly.ImportValue>): WebAssembly.ExportValue {
  const toggle = !liftoffByDefault();
  if (toggle) v8.setFlagsFromString('--liftoff');
  v8.setFlagsFromString('--no-wasm-tier-up');
  try {
    const f = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env }).exports.f as (a: number, b: number, c: number) => number;
    f(0, 1, 0);
    return f;
  } finally {
    if (toggle) v8.setFlagsFromString('--no-liftoff');
    v8.setFlagsFromString('--wasm-tier-up');
  }
}
