// Finds and compiles the wasm cores built by `npm run build:core` (build/core-timed.wasm and
// build/core-fast.wasm, next to the package root). Compiled modules are cached per variant.
import { existsSync, readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { join } from 'node:path';
import { packageRoot } from '../board.ts';

/** timed: cycle model; fast: functional; trace: timed + the trace ring (src/trace.ts). */
export type CoreVariant = 'timed' | 'fast' | 'trace';

const cache = new Map<CoreVariant, WebAssembly.Module>();

// V8 first runs wasm in its baseline compiler (Liftoff) and has no on-stack replacement, so the first
// long run() call of a fresh core stays at baseline speed (docs/ARCHITECTURE.md, "The hot path").
// Compiling the core with the optimising compiler up front avoids that; it costs ~0.1 s once.
// Set before the first WebAssembly.Module is compiled; XIPEMU_LIFTOFF=1 keeps V8's default.
if (!process.env.XIPEMU_LIFTOFF) v8.setFlagsFromString('--no-liftoff');
/** False when the cores are compiled with --no-liftoff (the default). */
export function liftoffByDefault(): boolean { return !!process.env.XIPEMU_LIFTOFF; }

export function coreWasmPath(variant: CoreVariant): string {
  return join(packageRoot(), 'build', `core-${variant}.wasm`);
}

const byPath = new Map<string, WebAssembly.Module>();

/** A core built elsewhere (tests build variants such as the mutant core). */
export function coreModuleFromFile(path: string): WebAssembly.Module {
  let m = byPath.get(path);
  if (!m) {
    m = new WebAssembly.Module(readFileSync(path));
    byPath.set(path, m);
  }
  return m;
}

export function coreModule(variant: CoreVariant): WebAssembly.Module {
  let m = cache.get(variant);
  if (!m) {
    const path = coreWasmPath(variant);
    if (!existsSync(path)) {
      throw new Error(`the ${variant} core is not built (${path} is missing): run 'npm run build'`);
    }
    m = new WebAssembly.Module(readFileSync(path));
    cache.set(variant, m);
  }
  return m;
}
