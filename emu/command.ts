// The shape every xipemu subcommand has. emu/main.ts holds the table of them; each lives in emu/cmd/.
import { FlagSpec } from './args.ts';

export interface Command {
  name: string;
  summary: string;               // one line for `xipemu --help`
  usage: string;                 // e.g. "xipemu run <file.elf> [options]"
  details?: string;              // extra paragraphs for `xipemu NAME --help`
  flags: FlagSpec[];
  /** Runs the command; returns the process exit code. Throw UsageError for bad flags/arguments. */
  main(argv: string[], io: CliIO): Promise<number>;
}

/** Where a command writes. Tests pass buffers; the real CLI passes process streams. */
export interface CliIO {
  out(text: string): void;       // stdout, text as given (add your own newlines)
  err(text: string): void;       // stderr
  outBytes?(bytes: Uint8Array): void; // raw stdout (e.g. `cramfs cat`)
  /** All of stdin (read to its end), or undefined when stdin is a terminal. Tests' buffer io leaves it out: no input. */
  stdin?(): Uint8Array | undefined;
}

/** Exit codes shared by all commands. Guest exit codes are passed through for `run` when they fit. */
export const EXIT = {
  OK: 0,
  USAGE: 64,        // bad flags or arguments (BSD sysexits EX_USAGE)
  DATAERR: 65,      // bad input file: corrupt image, bad ELF, invalid profile (EX_DATAERR)
  NOINPUT: 66,      // input file missing or unreadable (EX_NOINPUT)
  SOFTWARE: 70,     // internal error (EX_SOFTWARE)
  CANTCREAT: 73,    // cannot write output (EX_CANTCREAT)
  BUDGET: 124,      // guest ran past its instruction budget (like timeout(1))
  GUEST_FAULT: 125, // the guest stopped on a fatal condition (double fault, WFI forever, etc.)
} as const;
