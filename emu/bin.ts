// Entry point of the bundled CLI (dist/xipemu.mjs).
import { runCli, processIO } from './main.ts';

runCli(process.argv.slice(2), processIO).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`xipemu: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 70;
  },
);
