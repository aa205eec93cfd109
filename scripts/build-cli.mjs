// Bundles the CLI with esbuild into dist/xipemu.mjs. The wasm cores are not embedded: the library loads
// them from build/ next to dist/ (see src/core/load.ts), so one core build serves the CLI and the tests.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

await build({
  entryPoints: ['emu/bin.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: 'dist/xipemu.mjs',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync('dist/xipemu.mjs', 0o755);
