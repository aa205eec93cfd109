// Builds the wasm cores from one source (DESIGN section 2): the timed build (TIMED=1: cycle model,
// statistics), the fast functional build (TIMED=0: cycles = retired instructions), and the trace build
// (timed + TRACE=1: slow-path events into the trace ring, for `xipemu run --trace`). The memory is
// imported: the host sizes it for the board (RAM last), so the core never grows it.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const asc = 'node_modules/.bin/asc';
/** asc arguments for one core build; exported for tests that build variants (e.g. the mutant core). */
export function coreBuildArgs(out, { timed, mutant = 0, trace = 0, wat = true }) {
  return [
    'assembly/index.ts', '-O3', '--noAssert', '--runtime', 'stub', '--importMemory',
    '--memoryBase', String(0x100000), '--use', `TIMED=${timed}`, '--use', `MUTANT=${mutant}`, '--use', `TRACE=${trace}`,
    '-o', out, ...(wat ? ['-t', out.replace(/\.wasm$/, '.wat')] : []),
  ];
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  mkdirSync('build', { recursive: true });
  for (const [name, timed, trace] of [['timed', 1, 0], ['fast', 0, 0], ['trace', 1, 1]]) {
    execFileSync(asc, coreBuildArgs(`build/core-${name}.wasm`, { timed, trace, wat: name !== 'trace' }), { stdio: 'inherit' });
  }
}
