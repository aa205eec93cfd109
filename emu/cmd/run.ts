// xipemu run: load an ELF (or boot a flash image) on a board and run it in firmware mode.
import { readFileSync, existsSync } from 'node:fs';
import { Command, EXIT } from '../command.ts';
import { parseArgs, UsageError } from '../args.ts';
import { applyOverrides, loadBoard } from '../../src/board.ts';
import { ElfError, parseElf, symbolize } from '../../src/elf.ts';
import { Machine } from '../../src/core/machine.ts';
import { runSummary } from '../../src/report.ts';

const flags = [
  { name: 'board', short: 'b', kind: 'string' as const, metavar: 'NAME|FILE', default: 'virt', help: 'board profile: a bundled name (see `xipemu boards`) or a JSON file' },
  { name: 'set', kind: 'list' as const, metavar: 'KEY=VALUE', help: 'override a board profile field, e.g. --set ram.sizeBytes=64M (repeatable)' },
  { name: 'max-insns', kind: 'int' as const, metavar: 'N', default: 2_000_000_000, help: 'stop a runaway guest after N retired instructions' },
  { name: 'core', kind: 'string' as const, metavar: 'timed|fast', default: 'timed', help: 'core build: timed (cycle model) or fast (functional, cycles = instructions)' },
  { name: 'json', kind: 'bool' as const, help: 'print a JSON run summary on stdout (guest UART output goes to stderr)' },
  { name: 'quiet', short: 'q', kind: 'bool' as const, help: 'do not print the summary line on stderr' },
];

export const runCommand: Command = {
  name: 'run',
  summary: 'run a bare-metal RV32 ELF on the board (firmware mode)',
  usage: 'xipemu run <file.elf> [options]',
  details: `
Loads the ELF's PT_LOAD segments at their physical addresses (RAM at 0x8000_0000, flash at 0x2000_0000),
starts hart 0 in M-mode at the ELF entry and runs until the guest halts: through the test finisher
(0x0010_0000) or the riscv-tests 'tohost' symbol. The guest's UART output is printed as it comes.

Exit status: the guest's exit code (0 = pass; failures are reported modulo 256, with 1 used when the code
is a multiple of 256), ${EXIT.BUDGET} when --max-insns is reached, ${EXIT.GUEST_FAULT} when the hart stops for good
(WFI with no interrupt enabled, an unhandled host trap), ${EXIT.USAGE} for bad flags, ${EXIT.DATAERR} for a bad ELF or profile.`,
  flags,
  async main(argv, io) {
    const { flags: f, positional } = parseArgs(argv, flags);
    if (positional.length !== 1) throw new UsageError(positional.length ? `expected one ELF file, got ${positional.length} arguments` : 'missing the ELF file to run');
    const core = f.core as string;
    if (core !== 'timed' && core !== 'fast') throw new UsageError(`--core must be 'timed' or 'fast', got '${core}'`);
    const file = positional[0];
    if (!existsSync(file)) {
      io.err(`xipemu run: ${file}: no such file\n`);
      return EXIT.NOINPUT;
    }
    let profile = loadBoard(f.board as string);
    const sets = f.set as string[];
    if (sets.length) profile = applyOverrides(profile, sets);
    let elf;
    try {
      elf = parseElf(new Uint8Array(readFileSync(file)));
    } catch (e) {
      if (e instanceof ElfError) {
        io.err(`xipemu run: ${file}: ${e.message}\n`);
        return EXIT.DATAERR;
      }
      throw e;
    }
    const m = Machine.create(profile, { variant: core });
    m.loadElf(elf);
    const json = f.json as boolean;
    const out = (b: Uint8Array) => (json ? process.stderr.write(b) : io.outBytes ? io.outBytes(b) : io.out(Buffer.from(b).toString('latin1')));
    const t0 = process.hrtime.bigint();
    const stop = m.runUntilStop(f['max-insns'] as number, out);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const summary = runSummary(m, stop, { file, seconds });
    if (json) io.out(JSON.stringify(summary, null, 2) + '\n');
    let code: number;
    switch (stop.reason) {
      case 'halt':
        code = stop.exitCode! === 0 ? 0 : stop.exitCode! % 256 || 1;
        break;
      case 'budget':
        io.err(`xipemu run: the guest did not halt within ${stop.totalRetired} instructions (--max-insns); pc=0x${m.pc.toString(16)} (${symbolize(elf, m.pc)})\n`);
        code = EXIT.BUDGET;
        break;
      case 'wfi':
        io.err(`xipemu run: the hart is waiting for an interrupt that can never come (WFI with no enabled interrupt source) at pc=0x${m.pc.toString(16)} (${symbolize(elf, m.pc)})\n`);
        code = EXIT.GUEST_FAULT;
        break;
      case 'reset':
        io.err(`xipemu run: the guest requested a reset through the finisher\n`);
        code = EXIT.GUEST_FAULT;
        break;
      default:
        io.err(`xipemu run: the hart stopped (${stop.reason}${stop.cause !== undefined ? `, cause ${stop.cause}, tval 0x${(stop.tval! >>> 0).toString(16)}, at pc 0x${(stop.epc! >>> 0).toString(16)} (${symbolize(elf, stop.epc!)})` : ''})\n`);
        code = EXIT.GUEST_FAULT;
    }
    if (!json && !f.quiet) {
      io.err(`xipemu: ${summary.stop}${summary.exitCode !== undefined ? ` (exit ${summary.exitCode})` : ''}, ${summary.instret} instructions, ${summary.cycles} cycles, ${summary.seconds.toFixed(3)} s host (${summary.hostMips.toFixed(1)} MIPS)\n`);
    }
    return code;
  },
};
