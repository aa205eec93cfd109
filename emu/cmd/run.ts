// xipemu run: load an ELF and/or boot flash images on a board and run it in firmware mode; flash images
// given with --flash/--flash1 are written back (atomically, only when changed) when the run ends.
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { Command, EXIT } from '../command.ts';
import { parseArgs, UsageError } from '../args.ts';
import { applyOverrides, FLASH_BANK_BASES, loadBoard } from '../../src/board.ts';
import { ElfError, ElfFile, parseElf, symbolize } from '../../src/elf.ts';
import { Machine } from '../../src/core/machine.ts';
import { runSummary } from '../../src/report.ts';
import { chromeTrace, TraceRecord } from '../../src/trace.ts';

const flags = [
  { name: 'board', short: 'b', kind: 'string' as const, metavar: 'NAME|FILE', default: 'virt', help: 'board profile: a bundled name (see `xipemu boards`) or a JSON file' },
  { name: 'set', kind: 'list' as const, metavar: 'KEY=VALUE', help: 'override a board profile field, e.g. --set ram.sizeBytes=64M (repeatable)' },
  { name: 'max-insns', kind: 'int' as const, metavar: 'N', default: 2_000_000_000, help: 'stop a runaway guest after N retired instructions' },
  { name: 'core', kind: 'string' as const, metavar: 'timed|fast', default: 'timed', help: 'core build: timed (cycle model) or fast (functional, cycles = instructions)' },
  { name: 'jit', kind: 'string' as const, metavar: 'on|off', default: 'on', help: 'compile hot code pages to wasm (same results, faster); off: interpret every instruction' },
  { name: 'flash', kind: 'string' as const, metavar: 'FILE', help: 'back flash bank 0 (0x2000_0000) with FILE: loaded before the run (padded with 0xFF), written back if the guest programmed or erased it' },
  { name: 'flash1', kind: 'string' as const, metavar: 'FILE', help: 'back flash bank 1 (0x2200_0000) with FILE, like --flash' },
  { name: 'stdin', kind: 'string' as const, metavar: 'FILE', help: "the guest's UART input: FILE's bytes instead of standard input's" },
  { name: 'no-stdin', kind: 'bool' as const, help: 'give the guest no UART input (do not read standard input)' },
  { name: 'trace', kind: 'string' as const, metavar: 'FILE', help: 'write a trace of the slow-path events (traps, interrupts, page walks, cache misses, flash writes) to FILE in the Chrome/Perfetto trace-event JSON format (uses the trace build of the timed core)' },
  { name: 'trace-limit', kind: 'int' as const, metavar: 'N', default: 1_000_000, help: 'keep at most N trace records (the rest are counted as dropped)' },
  { name: 'json', kind: 'bool' as const, help: 'print a JSON run summary on stdout (guest UART output goes to stderr)' },
  { name: 'quiet', short: 'q', kind: 'bool' as const, help: 'do not print the summary line on stderr' },
];

export const runCommand: Command = {
  name: 'run',
  summary: 'run a bare-metal RV32 ELF on the board (firmware mode)',
  usage: 'xipemu run <file.elf> [options]   |   xipemu run --flash <image> [options]',
  details: `
Loads the ELF's PT_LOAD segments at their physical addresses (RAM at 0x8000_0000, flash at 0x2000_0000),
starts hart 0 in M-mode at the ELF entry and runs until the guest halts: through the test finisher
(0x0010_0000) or the riscv-tests 'tohost' symbol. The guest's UART output is printed as it comes.

--flash FILE (and --flash1 FILE for bank 1) backs a flash bank with a raw image file: it is loaded before
the ELF (an image smaller than the bank is padded with erased 0xFF bytes; a larger one is an error), and
when the run ends, including on Ctrl-C, a bank the guest programmed or erased is written back to its file
atomically (temporary file in the same directory, then rename). A bank that did not change is not
written. With --flash and no ELF, the hart boots in M-mode at the flash base 0x2000_0000 and executes in
place; with both, the ELF is loaded over the image and its entry is used. Ctrl-C saves and exits 130.

UART input: when standard input is not a terminal (a pipe or a file: \`cmd | xipemu run ...\`,
\`xipemu run ... < input\`), it is read to its end before the run and fed to the guest's UART receive
ring, topped up between run slices as the guest reads it, so every byte arrives, in order, at the same
instruction counts on every run. --stdin FILE takes the input from FILE instead; --no-stdin gives none.
A terminal is not read: interactive input is not supported yet.

Speed: hot 4 KiB code pages are compiled to wasm functions (--jit on, the default; docs/ARCHITECTURE.md,
"The page compiler"). The results (output, registers, memory, instructions, cycles, every statistic but
decodes, jitCompiles and jitInstructions) are those of the interpreter (--jit off); only the host time
differs.
The trace build (--trace) always interprets.

Exit status: the guest's exit code (0 = pass; failures are reported modulo 256, with 1 used when the code
is a multiple of 256), ${EXIT.BUDGET} when --max-insns is reached, ${EXIT.GUEST_FAULT} when the hart stops for good
(WFI with no interrupt enabled, an unhandled host trap), ${EXIT.USAGE} for bad flags, ${EXIT.DATAERR} for a bad ELF or profile.`,
  flags,
  async main(argv, io) {
    const { flags: f, positional } = parseArgs(argv, flags);
    const images = ([[0, f.flash], [1, f.flash1]] as [number, string | undefined][]).filter(([, file]) => file !== undefined) as [number, string][];
    if (positional.length > 1) throw new UsageError(`expected one ELF file, got ${positional.length} arguments`);
    if (positional.length === 0 && !images.some(([b]) => b === 0)) {
      throw new UsageError('missing the ELF file to run (or --flash FILE to boot from a flash image)');
    }
    const core = f.core as string;
    if (core !== 'timed' && core !== 'fast') throw new UsageError(`--core must be 'timed' or 'fast', got '${core}'`);
    const jit = f.jit as string;
    if (jit !== 'on' && jit !== 'off') throw new UsageError(`--jit must be 'on' or 'off', got '${jit}'`);
    const file: string | undefined = positional[0];
    const stdinFile = f.stdin as string | undefined;
    if (stdinFile !== undefined && f['no-stdin']) throw new UsageError('--stdin FILE and --no-stdin contradict each other');
    for (const name of [file, ...images.map(([, img]) => img), stdinFile]) {
      if (name !== undefined && !existsSync(name)) {
        io.err(`xipemu run: ${name}: no such file\n`);
        return EXIT.NOINPUT;
      }
    }
    let profile = loadBoard(f.board as string);
    const sets = f.set as string[];
    if (sets.length) profile = applyOverrides(profile, sets);
    let elf: ElfFile | undefined;
    if (file !== undefined) {
      try {
        elf = parseElf(new Uint8Array(readFileSync(file)));
      } catch (e) {
        if (e instanceof ElfError) {
          io.err(`xipemu run: ${file}: ${e.message}\n`);
          return EXIT.DATAERR;
        }
        throw e;
      }
    }
    // The guest's UART input, read before the run (all of it: the run is deterministic).
    let input: Uint8Array | undefined;
    if (stdinFile !== undefined) {
      try {
        input = new Uint8Array(readFileSync(stdinFile));
      } catch (e) {
        io.err(`xipemu run: --stdin ${stdinFile}: ${(e as Error).message}\n`);
        return EXIT.NOINPUT;
      }
    } else if (!f['no-stdin']) {
      input = io.stdin?.();
    }
    const traceFile = f.trace as string | undefined;
    if (traceFile !== undefined && core === 'fast') throw new UsageError('--trace needs the timed core (the trace build is timed); drop --core fast');
    const m = Machine.create(profile, { variant: traceFile !== undefined ? 'trace' : core, jit: jit === 'on' });
    const traced: TraceRecord[] = [];
    let traceDropped = 0;
    const traceLimit = f['trace-limit'] as number;
    if (traceFile !== undefined) {
      m.onTrace = (records, dropped) => {
        const room = Math.max(0, traceLimit - traced.length);
        for (let i = 0; i < Math.min(room, records.length); i++) traced.push(records[i]);
        traceDropped += dropped + Math.max(0, records.length - room);
      };
    }
    const json = f.json as boolean;
    if (m.flashPart.unverified.length && !json) {
      io.err(`xipemu run: note: flash part ${m.flashPart.name} has figures not verified against its data sheet: ` +
        `${m.flashPart.unverified.join(', ')} (docs/TIMING.md); program/erase times may be off\n`);
    }
    if (input?.length) m.queueUartInput(input);
    for (const [bank, img] of images) m.loadFlashImage(bank, img);
    if (elf) m.loadElf(elf);
    else m.pc = FLASH_BANK_BASES[0]; // firmware mode: M-mode at the flash base, executing in place
    const where = (pc: number) => (elf ? symbolize(elf, pc) : 'no symbols');
    const out = (b: Uint8Array) => (json ? io.err(Buffer.from(b).toString('latin1')) : io.outBytes ? io.outBytes(b) : io.out(Buffer.from(b).toString('latin1')));
    // Flash images are written back when the run ends, also on Ctrl-C: the handler only raises a flag,
    // the run loop yields between slices, stops, and the normal exit path saves.
    let interrupted = false;
    const onSigint = () => { interrupted = true; };
    if (images.length) process.on('SIGINT', onSigint);
    const t0 = process.hrtime.bigint();
    let stop;
    try {
      stop = images.length
        ? await m.runUntilStopAsync(f['max-insns'] as number, out, { interrupted: () => interrupted })
        : m.runUntilStop(f['max-insns'] as number, out);
    } finally {
      if (images.length) process.off('SIGINT', onSigint);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const saved: string[] = [];
    for (const [bank, img] of images) {
      try {
        if (m.saveFlashImage(bank, img)) saved.push(`bank ${bank} -> ${img}`);
      } catch (e) {
        io.err(`xipemu run: cannot write flash bank ${bank} back to ${img}: ${(e as Error).message}\n`);
        return EXIT.CANTCREAT;
      }
    }
    if (traceFile !== undefined) {
      try {
        writeFileSync(traceFile, JSON.stringify(chromeTrace(traced, { clockHz: profile.clockHz, board: profile.name, file: file ?? images[0][1], dropped: traceDropped })) + '\n');
      } catch (e) {
        io.err(`xipemu run: cannot write the trace to ${traceFile}: ${(e as Error).message}\n`);
        return EXIT.CANTCREAT;
      }
    }
    const summary = runSummary(m, stop, { file: file ?? images[0][1], seconds });
    if (images.length) summary.flashImages = images.map(([bank, img]) => ({ bank, file: img, written: saved.some((s) => s.startsWith(`bank ${bank} `)) }));
    if (json) io.out(JSON.stringify(summary, null, 2) + '\n');
    let code: number;
    if ('interrupted' in stop && stop.interrupted) {
      io.err(`xipemu run: interrupted at pc=0x${m.pc.toString(16)} (${where(m.pc)})${saved.length ? `; flash written back: ${saved.join(', ')}` : ''}\n`);
      return 130;
    }
    switch (stop.reason) {
      case 'halt':
        code = stop.exitCode! === 0 ? 0 : stop.exitCode! % 256 || 1;
        break;
      case 'budget':
        io.err(`xipemu run: the guest did not halt within ${stop.totalRetired} instructions (--max-insns); pc=0x${m.pc.toString(16)} (${where(m.pc)})\n`);
        code = EXIT.BUDGET;
        break;
      case 'wfi':
        io.err(`xipemu run: the hart is waiting for an interrupt that can never come (WFI with no enabled interrupt source) at pc=0x${m.pc.toString(16)} (${where(m.pc)})\n`);
        code = EXIT.GUEST_FAULT;
        break;
      case 'reset':
        io.err(`xipemu run: the guest requested a reset through the finisher\n`);
        code = EXIT.GUEST_FAULT;
        break;
      default:
        io.err(`xipemu run: the hart stopped (${stop.reason}${stop.cause !== undefined ? `, cause ${stop.cause}, tval 0x${(stop.tval! >>> 0).toString(16)}, at pc 0x${(stop.epc! >>> 0).toString(16)} (${where(stop.epc!)})` : ''})\n`);
        code = EXIT.GUEST_FAULT;
    }
    if (!json && !f.quiet) {
      io.err(`xipemu: ${summary.stop}${summary.exitCode !== undefined ? ` (exit ${summary.exitCode})` : ''}, ${summary.instret} instructions, ${summary.cycles} cycles, ${summary.seconds.toFixed(3)} s host (${summary.hostMips.toFixed(1)} MIPS)\n`);
      if (saved.length) io.err(`xipemu: flash written back: ${saved.join(', ')}\n`);
    }
    return code;
  },
};
