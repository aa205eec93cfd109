// Builds the two wasm cores from one source (DESIGN section 2): the timed build (TIMED=1: cycle model,
// statistics) and the fast functional build (TIMED=0: cycles = retired instructions). The memory is
// imported: the host sizes it for the board (RAM last), so the core never grows it.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

mkdirSync('build', { recursive: true });
const asc = 'node_modules/.bin/asc';
for (const [name, timed] of [['timed', 1], ['fast', 0]]) {
  execFileSync(asc, [
    'assembly/index.ts', '-O3', '--noAssert', '--runtime', 'stub', '--importMemory',
    '--memoryBase', String(0x100000), '--use', `TIMED=${timed}`,
    '-o', `build/core-${name}.wasm`, '-t', `build/core-${name}.wat`,
  ], { stdio: 'inherit' });
}
