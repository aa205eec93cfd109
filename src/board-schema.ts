// A small table-driven schema language for board profiles: the field table in board.ts is written with the
// constructors below, and the validator, the defaults, the override parser, the TypeScript type and the
// field list for docs all come from that one table. No dependencies; JSON in, typed value or a list of
// problems (each with its JSON path) out.

export type Unit = 'Hz' | 'bytes' | 'count' | 'mask' | 'cycles' | 'clocks' | 'ns';

export interface IntSpec {
  kind: 'int';
  doc: string;
  unit: Unit;
  min: number;
  max: number;
  multipleOf?: number;
  pow2?: boolean;
  /** Digits allowed after the decimal point (a time in ns to the picosecond: 3); integers only when absent. */
  decimals?: number;
  default?: number;
  /** A default computed from the already validated sibling fields (e.g. TLB ways = entries). */
  defaultFrom?: (siblings: Record<string, unknown>) => number;
}

export interface BoolSpec {
  kind: 'bool';
  doc: string;
  default?: boolean;
}

export interface StrSpec {
  kind: 'string';
  doc: string;
  pattern?: RegExp;
  patternHint?: string; // says what the pattern means, for the error message
  oneOf?: readonly string[];
  default?: string;
  fixed?: boolean;      // cannot be changed by an override (e.g. the schema version)
}

/** Problems found by an object-level check: [field relative to the object, message]. */
export type CheckResult = [string, string][];

export interface ObjSpec<F extends Fields = Fields> {
  kind: 'object';
  doc: string;
  fields: F;
  /** Cross-field rule; runs only when every field of the object is valid. */
  check?: (value: Record<string, unknown>) => CheckResult;
}

export type Spec = IntSpec | BoolSpec | StrSpec | ObjSpec;
export type Fields = Record<string, Spec>;

/** The validated value type of a spec (defaults filled, so every field is present). */
export type Infer<S> = S extends IntSpec
  ? number
  : S extends BoolSpec
    ? boolean
    : S extends StrSpec
      ? string
      : S extends ObjSpec<infer F>
        ? { [K in keyof F]: Infer<F[K]> }
        : never;

// ---- Constructors (one line per field in the table) -----------------------------------------------------

export function int(doc: string, o: Omit<IntSpec, 'kind' | 'doc'>): IntSpec {
  return { kind: 'int', doc, ...o };
}
export function bool(doc: string, o: Omit<BoolSpec, 'kind' | 'doc'> = {}): BoolSpec {
  return { kind: 'bool', doc, ...o };
}
export function str(doc: string, o: Omit<StrSpec, 'kind' | 'doc'> = {}): StrSpec {
  return { kind: 'string', doc, ...o };
}
export function obj<F extends Fields>(doc: string, fields: F, check?: (value: { [K in keyof F]: Infer<F[K]> }) => CheckResult): ObjSpec<F> {
  return { kind: 'object', doc, fields, check: check as ObjSpec['check'] };
}

// ---- Value formatting -------------------------------------------------------------------------------------

const KIB = 1024;

/** 100000000 -> "100 MHz", 32768 -> "32.768 kHz". */
export function formatHz(n: number): string {
  for (const [div, u] of [[1e9, 'GHz'], [1e6, 'MHz'], [1e3, 'kHz']] as const) {
    if (n >= div) return `${+(n / div).toFixed(6)} ${u}`;
  }
  return `${n} Hz`;
}

/** 134217728 -> "128 MiB"; sizes that are not whole units keep their byte count. */
export function formatBytes(n: number): string {
  for (const [div, u] of [[KIB ** 3, 'GiB'], [KIB ** 2, 'MiB'], [KIB, 'KiB']] as const) {
    if (n >= div && n % div === 0) return `${n / div} ${u}`;
  }
  return `${n} bytes`;
}

export function formatValue(spec: IntSpec, n: number): string {
  switch (spec.unit) {
    case 'Hz':
      return formatHz(n);
    case 'bytes':
      return formatBytes(n);
    case 'mask':
      return `0x${n.toString(16)}`;
    case 'cycles':
    case 'clocks':
    case 'ns':
      return `${n} ${spec.unit}`;
    default:
      return String(n);
  }
}

/** The rules of an integer field in words, e.g. "an integer, 1 MHz .. 2 GHz". */
export function describeInt(spec: IntSpec): string {
  let s = `${spec.decimals ? `a number with at most ${spec.decimals} decimals` : 'an integer'}, ${formatValue(spec, spec.min)} .. ${formatValue(spec, spec.max)}`;
  if (spec.pow2) s += ', a power of two';
  if (spec.multipleOf) s += `, a multiple of ${formatValue(spec, spec.multipleOf)}`;
  return s;
}

function describe(spec: Spec): string {
  switch (spec.kind) {
    case 'int':
      return describeInt(spec);
    case 'bool':
      return 'true or false';
    case 'string':
      return spec.oneOf ? `one of ${spec.oneOf.map((v) => JSON.stringify(v)).join(', ')}` : spec.patternHint ?? 'a string';
    case 'object':
      return `an object with ${Object.keys(spec.fields).join(', ')}`;
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

// ---- Validation -------------------------------------------------------------------------------------------

export function isOptional(spec: Spec): boolean {
  if (spec.kind === 'object') return Object.values(spec.fields).every(isOptional);
  return spec.default !== undefined || (spec.kind === 'int' && spec.defaultFrom !== undefined);
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Keys starting with "$comment" are allowed anywhere and dropped, since JSON has no comments. */
const isComment = (key: string): boolean => key.startsWith('$comment');

/**
 * Checks `value` against `spec`, appending "path: message" lines to `problems`. Returns the value with
 * defaults filled, or undefined when this value (or something inside it) is invalid.
 */
export function validate(spec: Spec, value: unknown, path: string, problems: string[]): unknown {
  if (value === undefined) {
    if (spec.kind === 'object' && isOptional(spec)) return validate(spec, {}, path, problems);
    if (spec.kind !== 'object' && spec.default !== undefined) return spec.default;
    problems.push(`${path}: required (${describe(spec)})`);
    return undefined;
  }
  switch (spec.kind) {
    case 'int': {
      if (typeof value !== 'number' || !hasDecimals(value, spec.decimals ?? 0)) {
        problems.push(`${path}: must be ${spec.decimals ? `a number with at most ${spec.decimals} decimals` : 'an integer'} (got ${show(value)})`);
        return undefined;
      }
      const before = problems.length;
      if (value < spec.min || value > spec.max) {
        problems.push(`${path}: must be ${formatValue(spec, spec.min)} .. ${formatValue(spec, spec.max)} (got ${value})`);
      } else if (spec.pow2 && (value & (value - 1)) !== 0) {
        problems.push(`${path}: must be a power of two (got ${value})`);
      } else if (spec.multipleOf && value % spec.multipleOf !== 0) {
        problems.push(`${path}: must be a multiple of ${formatValue(spec, spec.multipleOf)} (got ${value})`);
      }
      return problems.length === before ? value : undefined;
    }
    case 'bool':
      if (typeof value !== 'boolean') {
        problems.push(`${path}: must be true or false (got ${show(value)})`);
        return undefined;
      }
      return value;
    case 'string':
      if (typeof value !== 'string') {
        problems.push(`${path}: must be a string (got ${show(value)})`);
        return undefined;
      }
      if (spec.oneOf && !spec.oneOf.includes(value)) {
        problems.push(`${path}: must be ${describe(spec)} (got ${show(value)})`);
        return undefined;
      }
      if (spec.pattern && !spec.pattern.test(value)) {
        problems.push(`${path}: must be ${spec.patternHint ?? `a string matching ${spec.pattern}`} (got ${show(value)})`);
        return undefined;
      }
      return value;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(`${path || '(top level)'}: must be an object (got ${show(value)})`);
        return undefined;
      }
      const input = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      let ok = true;
      for (const key of Object.keys(input)) {
        if (!Object.prototype.hasOwnProperty.call(spec.fields, key) && !isComment(key)) {
          problems.push(`${join(path, key)}: unknown field (${path || 'a board'} has ${Object.keys(spec.fields).join(', ')})`);
          ok = false;
        }
      }
      const derived: [string, (siblings: Record<string, unknown>) => number][] = [];
      for (const [key, sub] of Object.entries(spec.fields)) {
        if (input[key] === undefined && sub.kind === 'int' && sub.defaultFrom) {
          derived.push([key, sub.defaultFrom]);
          continue;
        }
        const v = validate(sub, input[key], join(path, key), problems);
        if (v === undefined) ok = false;
        else out[key] = v;
      }
      if (!ok) return undefined;
      // Derived defaults are computed once the fields they depend on are known to be valid.
      for (const [key, f] of derived) out[key] = validate(spec.fields[key], f(out), join(path, key), problems);
      if (derived.some(([key]) => out[key] === undefined)) return undefined;
      // Keep the table's field order whatever order the defaults were filled in.
      const ordered: Record<string, unknown> = {};
      for (const key of Object.keys(spec.fields)) ordered[key] = out[key];
      if (spec.check) {
        const found = spec.check(ordered);
        for (const [field, msg] of found) problems.push(`${join(path, field)}: ${msg}`);
        if (found.length) return undefined;
      }
      return ordered;
    }
  }
}

// ---- Paths, for overrides and docs --------------------------------------------------------------------------

export interface FieldInfo {
  path: string;
  spec: Exclude<Spec, ObjSpec>;
}

/** Every leaf field with its dotted path, in table order. */
export function leafFields(spec: ObjSpec, prefix = ''): FieldInfo[] {
  const out: FieldInfo[] = [];
  for (const [key, sub] of Object.entries(spec.fields)) {
    const path = join(prefix, key);
    if (sub.kind === 'object') out.push(...leafFields(sub, path));
    else out.push({ path, spec: sub });
  }
  return out;
}

/** Finds the spec at a dotted path; returns a message naming the bad key when there is none. */
export function specAt(root: ObjSpec, path: string): Spec | string {
  let spec: Spec = root;
  let at = '';
  for (const key of path.split('.')) {
    if (spec.kind !== 'object') return `${path}: unknown field (${at} is ${describe(spec)}, it has no fields)`;
    const next: Spec | undefined = Object.prototype.hasOwnProperty.call(spec.fields, key) ? spec.fields[key] : undefined;
    if (!next) return `${path}: unknown field (${at || 'a board'} has ${Object.keys(spec.fields).join(', ')})`;
    spec = next;
    at = join(at, key);
  }
  return spec;
}

const SI: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9 };
const BINARY: Record<string, number> = { '': 1, K: KIB, KiB: KIB, M: KIB ** 2, MiB: KIB ** 2, G: KIB ** 3, GiB: KIB ** 3 };

/**
 * Parses an override value for an integer field by its unit: frequencies take decimal suffixes
 * ("200M", "32.768kHz"), sizes take binary ones ("64K", "1MiB"), and any integer field takes plain decimal
 * or 0x hex. Returns undefined when the text is not such a number.
 */
/** v is finite and has at most d digits after the decimal point (d = 0: an integer). */
function hasDecimals(v: number, d: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (d === 0) return Number.isInteger(v);
  const scaled = v * 10 ** d;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

export function parseIntFor(spec: IntSpec, text: string): number | undefined {
  const t = text.trim().replace(/_/g, '');
  if (spec.decimals && /^[0-9]+\.[0-9]+$/.test(t)) {
    const v = Number(t);
    return hasDecimals(v, spec.decimals) ? v : undefined;
  }
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
  if (/^[0-9]+$/.test(t)) return Number(t);
  if (spec.unit === 'Hz') {
    const m = /^([0-9]+(?:\.[0-9]+)?)\s*([kKMG]?)(?:Hz)?$/.exec(t);
    if (!m) return undefined;
    const v = Math.round(Number(m[1]) * SI[m[2]] * 1e6) / 1e6;
    return Number.isInteger(v) ? v : undefined;
  }
  if (spec.unit === 'bytes') {
    const m = /^([0-9]+)\s*(K|KiB|M|MiB|G|GiB)?$/.exec(t);
    return m ? Number(m[1]) * BINARY[m[2] ?? ''] : undefined;
  }
  return undefined;
}

/** Parses an override's text for a leaf field; returns the value or a message naming the key. */
export function parseOverrideValue(path: string, spec: Exclude<Spec, ObjSpec>, text: string): unknown {
  switch (spec.kind) {
    case 'int': {
      const v = parseIntFor(spec, text);
      if (v === undefined) {
        const forms =
          spec.unit === 'Hz' ? 'e.g. 100000000, 100M or 100MHz' : spec.unit === 'bytes' ? 'e.g. 1048576, 1M or 0x100000' : 'decimal or 0x hex';
        const what = spec.decimals ? `a number with at most ${spec.decimals} decimals (e.g. 32.5)` : `an integer (${forms})`;
        return new OverrideProblem(`${path}: expected ${what}, got '${text}'`);
      }
      return v;
    }
    case 'bool':
      if (/^(true|1|yes|on)$/i.test(text)) return true;
      if (/^(false|0|no|off)$/i.test(text)) return false;
      return new OverrideProblem(`${path}: expected true or false, got '${text}'`);
    case 'string':
      return text;
  }
}

export class OverrideProblem {
  constructor(readonly message: string) {}
}
