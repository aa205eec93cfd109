// Builds the wasm cores from one source (DESIGN section 2) with the targets of asconfig.json: the timed
// build (TIMED=1: cycle model, statistics), the fast functional build (TIMED=0: cycles = retired
// instructions), and the trace build (timed + TRACE=1: slow-path events into the trace ring, for
// `xipemu run --trace`). The memory is imported: the host sizes it for the board (RAM last), so the core
// never grows it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(root, 'node_modules/.bin/asc');
const config = JSON.parse(readFileSync(join(root, 'asconfig.json'), 'utf8'));
/**
 * The entry is given on the command line, not in asconfig.json: asc applies a root asconfig.json to every
 * compile run from here, and the test harnesses (test/harness/) compile other entries with other options.
 * For the same reason asconfig.json keeps all its options inside its targets.
 */
const ENTRY = 'assembly/index.ts';

/**
 * asc arguments for one core build with asconfig.json's options, for tests that build variants (e.g. the
 * mutant core). The three shipped builds use asconfig.json's targets directly.
 */
export function coreBuildArgs(out, { timed, mutant = 0, trace = 0, wat = true }) {
  const o = config.targets.timed; // the shared options (every target has the same, but for `use` and the files)
  return [
    ENTRY, '--optimizeLevel', String(o.optimizeLevel), '--shrinkLevel', String(o.shrinkLevel),
    ...(o.noAssert ? ['--noAssert'] : []), '--runtime', o.runtime, ...(o.importMemory ? ['--importMemory'] : []),
    ...(o.importTable ? ['--importTable'] : []),
    '--memoryBase', String(o.memoryBase), '--use', `TIMED=${timed}`, '--use', `MUTANT=${mutant}`, '--use', `TRACE=${trace}`,
    '-o', out, ...(wat ? ['-t', out.replace(/\.wasm$/, '.wat')] : []),
  ];
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  mkdirSync(join(root, 'build'), { recursive: true });
  for (const target of Object.keys(config.targets)) {
    execFileSync(asc, [ENTRY, '--config', 'asconfig.json', '--target', target], { cwd: root, stdio: 'inherit' });
  }
}
