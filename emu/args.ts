// Flag parsing for the xipemu CLI. Small on purpose: every subcommand declares its flags in one table, so
// `--help` text and validation come from the same place and an unknown or malformed flag is a clear error.

export type FlagKind = 'bool' | 'string' | 'int' | 'list';

export interface FlagSpec {
  name: string;           // long name without dashes, e.g. "max-insns"
  short?: string;         // one letter, e.g. "l"
  kind: FlagKind;
  help: string;
  default?: string | number | boolean;
  metavar?: string;
}

export interface Parsed {
  flags: Record<string, string | number | boolean | string[] | undefined>;
  positional: string[];
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses an integer flag value: decimal, 0x hex, with optional K/M/G binary suffix (1K = 1024). */
export function parseIntValue(flag: string, text: string): number {
  const m = /^(0x[0-9a-fA-F_]+|[0-9_]+)([KMG]?)$/.exec(text.trim());
  if (!m) throw new UsageError(`--${flag}: expected an integer (decimal, 0x hex, optional K/M/G), got '${text}'`);
  const base = Number(m[1].replace(/_/g, ''));
  const mult = m[2] === 'K' ? 1024 : m[2] === 'M' ? 1024 * 1024 : m[2] === 'G' ? 1024 * 1024 * 1024 : 1;
  const v = base * mult;
  if (!Number.isSafeInteger(v)) throw new UsageError(`--${flag}: value '${text}' is out of range`);
  return v;
}

export function parseArgs(argv: string[], specs: FlagSpec[]): Parsed {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    if (s.short) byShort.set(s.short, s);
  }
  const flags: Parsed['flags'] = {};
  for (const s of specs) {
    if (s.kind === 'list') flags[s.name] = [];
    else if (s.default !== undefined) flags[s.name] = s.default;
    else if (s.kind === 'bool') flags[s.name] = false;
  }
  const positional: string[] = [];
  let i = 0;
  const take = (spec: FlagSpec, inline: string | undefined): void => {
    if (spec.kind === 'bool') {
      if (inline !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      flags[spec.name] = true;
      return;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`--${spec.name} needs a value${spec.metavar ? ` (${spec.metavar})` : ''}`);
      value = argv[++i];
    }
    if (spec.kind === 'int') flags[spec.name] = parseIntValue(spec.name, value);
    else if (spec.kind === 'list') (flags[spec.name] as string[]).push(value);
    else flags[spec.name] = value;
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag '--${name}'`);
      take(spec, eq >= 0 ? a.slice(eq + 1) : undefined);
    } else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      const letters = a.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const spec = byShort.get(letters[k]);
        if (!spec) throw new UsageError(`unknown flag '-${letters[k]}'`);
        if (spec.kind !== 'bool' && k !== letters.length - 1) throw new UsageError(`-${letters[k]} needs a value and must come last in '${a}'`);
        take(spec, undefined);
      }
    } else {
      positional.push(a);
    }
  }
  return { flags, positional };
}

export function formatFlags(specs: FlagSpec[]): string {
  const rows = specs.map((s) => {
    const left = `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.kind === 'bool' ? '' : ` ${s.metavar ?? s.kind.toUpperCase()}`}`;
    const def = s.default !== undefined && s.kind !== 'bool' ? ` (default ${s.default})` : '';
    return [left, s.help + def];
  });
  const w = Math.max(0, ...rows.map((r) => r[0].length));
  return rows.map(([l, r]) => `  ${l.padEnd(w)}  ${r}`).join('\n');
}
