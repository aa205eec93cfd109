// xipemu staircase: run roms/ubench's pointer-chase ROMs on a board and print the load-latency staircase
// (working-set size against cycles per load) as a table, JSON, or an SVG chart written to --svg FILE.
import { writeFileSync } from 'node:fs';
import { Command, EXIT } from '../command.ts';
import { parseArgs, UsageError } from '../args.ts';
import { applyOverrides, loadBoard } from '../../src/board.ts';
import { DEFAULT_SERIES, measureStaircase, SERIES, staircaseSvg, staircaseTable } from '../../src/staircase.ts';

const flags = [
  { name: 'board', short: 'b', kind: 'string' as const, metavar: 'NAME|FILE', default: 'nor-cached', help: 'board profile: a bundled name (see `xipemu boards`) or a JSON file' },
  { name: 'set', kind: 'list' as const, metavar: 'KEY=VALUE', help: 'override a board profile field, e.g. --set cache.dcache.sizeBytes=16K (repeatable)' },
  { name: 'series', kind: 'string' as const, metavar: 'LIST', default: DEFAULT_SERIES.join(','), help: `comma-separated series to measure (of ${SERIES.map((s) => s.name).join(', ')})` },
  { name: 'svg', kind: 'string' as const, metavar: 'FILE', help: 'also write the staircase as an SVG line chart (log2 x axis) to FILE' },
  { name: 'json', kind: 'bool' as const, help: 'print the measurements as JSON instead of the table' },
];

export const staircaseCommand: Command = {
  name: 'staircase',
  summary: 'measure the load-latency staircase of a board with the ubench chase ROMs',
  usage: 'xipemu staircase [--board NAME|FILE] [--set KEY=VALUE]... [--series LIST] [--svg FILE] [--json]',
  details: `
Runs roms/build/ubench/chase-ram.elf (code in RAM) and chase-flash.elf (code executing in place from
flash) on the timed core with the board, and prints working-set size against cycles per load (the
loop's share included: one addi and one taken branch per 8 loads), one column per series:

${SERIES.map((s) => `  ${s.name.padEnd(10)}  ${s.what} (${s.rom}.elf)`).join('\n')}

Default: ${DEFAULT_SERIES.join(',')}. flashburst (chase-burst.elf) sets the P30's read configuration
register for synchronous burst reads (latency count 15, continuous) and chases the flash tables again;
it needs a board with the P30 pair in bank 0 (nor-cached, nor-uncached, virt; exit ${EXIT.DATAERR} otherwise).

The control line below the table is the same loop with each load replaced by an addi. A ROM runs only
when a chosen series needs it. --svg FILE writes a chart (one line per series); --json prints
{ board, series: [{ name, where, points: [{ bytes, loads, cycles, cyclesPerLoad }] }], controls }.
docs/TIMING.md derives the expected figures from a profile.

Exit status: 0, ${EXIT.USAGE} for bad flags or an unknown series, ${EXIT.DATAERR} for a bad profile, ${EXIT.NOINPUT} for a missing
profile file or ROM, ${EXIT.SOFTWARE} when a ROM fails, ${EXIT.CANTCREAT} when the SVG file cannot be written.`,
  flags,
  async main(argv, io) {
    const { flags: f, positional } = parseArgs(argv, flags);
    if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
    const names = (f.series as string).split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (!names.length) throw new UsageError('--series: name at least one series');
    for (const n of names) {
      if (!SERIES.some((s) => s.name === n)) throw new UsageError(`--series: unknown series '${n}' (series: ${SERIES.map((s) => s.name).join(', ')})`);
    }
    let profile = loadBoard(f.board as string);
    const sets = f.set as string[];
    if (sets.length) profile = applyOverrides(profile, sets);
    const data = measureStaircase(profile, names);
    const svgFile = f.svg as string | undefined;
    if (svgFile !== undefined) {
      try {
        writeFileSync(svgFile, staircaseSvg(data, { title: `xipemu staircase: board ${profile.name}` }));
      } catch (e) {
        io.err(`xipemu staircase: cannot write the SVG to ${svgFile}: ${(e as Error).message}\n`);
        return EXIT.CANTCREAT;
      }
    }
    if (f.json) io.out(JSON.stringify({ board: profile.name, ...data }, null, 2) + '\n');
    else io.out(`board ${profile.name}: cycles per load against working-set size\n` + staircaseTable(data));
    return EXIT.OK;
  },
};
