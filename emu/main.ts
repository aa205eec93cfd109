// xipemu: the command-line front end. It only parses flags, calls the library in src/ and prints.
import { readSync } from 'node:fs';
import { COMMANDS } from './commands.ts';
import { Command, CliIO, EXIT } from './command.ts';
import { formatFlags, UsageError } from './args.ts';

const VERSION = '0.1.0';

export function commandHelp(c: Command): string {
  let s = `Usage: ${c.usage}\n\n${c.summary}\n`;
  if (c.details) s += `\n${c.details.trim()}\n`;
  if (c.flags.length) s += `\nOptions:\n${formatFlags(c.flags)}\n`;
  s += `  -h, --help  Show this help\n`;
  return s;
}

export function mainHelp(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return (
    `xipemu ${VERSION}: a cycle-approximate RV32 board that executes in place from NOR flash\n\n` +
    `Usage: xipemu <command> [options]\n\nCommands:\n` +
    COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join('\n') +
    `\n\nRun 'xipemu <command> --help' for a command's options.\n`
  );
}

/** Runs the CLI with the given arguments; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (name === '--version' || name === '-V') {
    io.out(`xipemu ${VERSION}\n`);
    return EXIT.OK;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`xipemu: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return EXIT.USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(cmd));
    return EXIT.OK;
  }
  try {
    return await cmd.main(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`xipemu ${cmd.name}: ${e.message}\nRun 'xipemu ${cmd.name} --help' for usage.\n`);
      return EXIT.USAGE;
    }
    const err = e as Error & { exitCode?: number };
    io.err(`xipemu ${cmd.name}: ${err.message ?? String(e)}\n`);
    if (process.env.XIPEMU_DEBUG) io.err(`${err.stack}\n`);
    return err.exitCode ?? EXIT.SOFTWARE;
  }
}

export const processIO: CliIO = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  outBytes: (b) => void process.stdout.write(b),
  stdin: () => (process.stdin.isTTY ? undefined : readAllFd(0)),
};

/** Reads a file descriptor to its end; waits on EAGAIN (a non-blocking pipe) instead of failing. */
function readAllFd(fd: number): Uint8Array {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return new Uint8Array(Buffer.concat(chunks));
}
