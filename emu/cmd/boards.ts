// `xipemu boards`: lists the bundled board profiles, or shows one (bundled or from a file) validated, with
// defaults filled and --set overrides applied.
import { parseArgs, UsageError } from '../args.ts';
import { Command, CliIO, EXIT } from '../command.ts';
import { applyOverrides, BoardError, boardFields, BoardProfile, listBoards, loadBoard } from '../../src/board.ts';
import { formatBytes, formatHz, formatValue } from '../../src/board-schema.ts';

function tlbText(t: { entries: number; ways: number }): string {
  return t.ways === t.entries ? `${t.entries} full` : t.ways === 1 ? `${t.entries} direct` : `${t.entries} ${t.ways}-way`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n') + '\n';
}

function list(json: boolean, io: CliIO): number {
  const profiles: BoardProfile[] = [];
  let status: number = EXIT.OK;
  for (const name of listBoards()) {
    try {
      profiles.push(loadBoard(name));
    } catch (e) {
      if (!(e instanceof BoardError)) throw e;
      io.err(`xipemu boards: ${e.message}\n`);
      status = EXIT.DATAERR;
    }
  }
  if (json) {
    io.out(JSON.stringify(profiles, null, 2) + '\n');
    return status;
  }
  const rows = [['NAME', 'CLOCK', 'RAM', 'FLASH', 'ITLB', 'DTLB', 'DESCRIPTION']];
  for (const p of profiles) {
    const banks = [p.flash.bank0 && 'bank0', p.flash.bank1 && 'bank1'].filter(Boolean).join('+') || 'none';
    rows.push([p.name, formatHz(p.clockHz), formatBytes(p.ram.sizeBytes), banks, tlbText(p.tlb.itlb), tlbText(p.tlb.dtlb), p.description]);
  }
  io.out(table(rows));
  return status;
}

function show(target: string, sets: string[], json: boolean, io: CliIO): number {
  const profile = applyOverrides(loadBoard(target), sets);
  if (json) {
    io.out(JSON.stringify(profile, null, 2) + '\n');
    return EXIT.OK;
  }
  const overridden = new Set(sets.map((s) => s.slice(0, s.indexOf('=')).trim()));
  const rows: string[][] = [];
  for (const { path, spec } of boardFields()) {
    let v: unknown = profile;
    for (const k of path.split('.')) v = (v as Record<string, unknown>)[k];
    let text = spec.kind === 'int' && spec.unit === 'mask' ? formatValue(spec, v as number) : String(v);
    if (spec.kind === 'int' && (spec.unit === 'Hz' || spec.unit === 'bytes')) text += ` (${formatValue(spec, v as number)})`;
    if (overridden.has(path)) text += '  [--set]';
    rows.push([path, text]);
  }
  io.out(`${profile.name}: ${profile.description}\n` + table(rows).replace(/^(?=.)/gm, '  '));
  return EXIT.OK;
}

export const boardsCommand: Command = {
  name: 'boards',
  summary: 'list the bundled board profiles, or show one validated with defaults filled',
  usage: 'xipemu boards [--json]\n       xipemu boards show NAME|FILE [--set KEY=VALUE ...] [--json]',
  details: `
A board profile is a JSON file (schema "xipemu-board/1", see docs/BOARDS.md). NAME is a bundled board in
roms/boards/; an argument containing '/' or ending in .json is read as a file. --set changes one field by
its dotted path, checked against the schema: frequencies take decimal suffixes (clockHz=200M), sizes
binary ones (ram.sizeBytes=16M), e.g. --set tlb.dtlb.entries=64 --set flash.bank1=true.`,
  flags: [
    { name: 'json', kind: 'bool', help: 'Print JSON instead of a table' },
    { name: 'set', kind: 'list', metavar: 'KEY=VALUE', help: 'Override a profile field (with show; repeatable)' },
  ],
  async main(argv: string[], io: CliIO): Promise<number> {
    const { flags, positional } = parseArgs(argv, this.flags);
    const json = flags.json === true;
    const sets = flags.set as string[];
    const [sub, ...rest] = positional;
    if (sub === undefined || sub === 'list') {
      if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
      if (sets.length) throw new UsageError('--set applies to `boards show`');
      return list(json, io);
    }
    if (sub === 'show') {
      if (rest.length !== 1) throw new UsageError(rest.length ? `show takes one board, got ${rest.length}` : 'show needs a board name or file');
      return show(rest[0], sets, json, io);
    }
    throw new UsageError(`unknown subcommand '${sub}' (expected 'show' or nothing)`);
  },
};
