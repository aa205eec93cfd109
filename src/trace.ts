// Tracing: the records the trace build of the core (core-trace.wasm, TRACE=1) appends to its trace ring
// (assembly/trace.ts) and their export in the Chrome/Perfetto trace-event JSON format (the "JSON Array/
// Object Format" read by chrome://tracing and ui.perfetto.dev): one instant event per record, on one track
// per kind, with the emulated time (cycles at the board clock) as the timestamp. Deterministic: the same
// run gives the same file, byte for byte (no wall-clock times, no host data).

export interface TraceRecord {
  cycle: bigint;
  kind: string;
  pc: number;
  a: number;
  b: number;
}

/** Ring layout (assembly/trace.ts): head, tail, dropped, then 24-byte records. */
const HEADER = 16;
const REC = 24;

/** Moves the records out of the ring in the trace region; returns them and the dropped count. */
export function drainTraceRing(dv: DataView, base: number, size: number, kinds: string[]): { records: TraceRecord[]; dropped: number } {
  const cap = Math.floor((size - HEADER) / REC);
  const head = dv.getUint32(base, true);
  let tail = dv.getUint32(base + 4, true);
  const dropped = dv.getUint32(base + 8, true);
  const records: TraceRecord[] = [];
  while (tail !== head) {
    const r = base + HEADER + tail * REC;
    const k = dv.getUint32(r + 8, true);
    records.push({
      cycle: dv.getBigUint64(r, true),
      kind: kinds[k] || `kind${k}`,
      pc: dv.getUint32(r + 12, true),
      a: dv.getUint32(r + 16, true),
      b: dv.getUint32(r + 20, true),
    });
    tail = tail + 1 === cap ? 0 : tail + 1;
  }
  dv.setUint32(base + 4, tail, true);
  dv.setUint32(base + 8, 0, true);
  return { records, dropped };
}

const hex = (v: number) => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

/** What a and b mean for each kind (assembly/trace.ts). */
const ARGS: Record<string, [string, string] | [string]> = {
  exception: ['cause', 'tval'],
  interrupt: ['cause'],
  xret: ['target', 'priv'],
  walk: ['va', 'pa'],
  icacheMiss: ['paddr', 'cycles'],
  dcacheMiss: ['paddr', 'cycles'],
  flashWrite: ['paddr', 'value'],
  hostTrap: ['cause', 'tval'],
};
const DECIMAL = new Set(['cause', 'priv', 'cycles']);

export interface ChromeTraceOptions {
  clockHz: number;
  board: string;
  file: string;
  dropped?: number;
}

/** The trace-event JSON object: ts in microseconds of emulated time. */
export function chromeTrace(records: TraceRecord[], o: ChromeTraceOptions): object {
  const kinds = [...new Set(records.map((r) => r.kind))].sort();
  const tid = (k: string) => kinds.indexOf(k) + 1;
  const events: object[] = [
    { name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: `xipemu ${o.board}: ${o.file}` } },
    ...kinds.map((k) => ({ name: 'thread_name', ph: 'M', pid: 1, tid: tid(k), args: { name: k } })),
  ];
  for (const r of records) {
    const args: Record<string, string | number> = { cycle: r.cycle.toString(), pc: hex(r.pc) };
    const names = ARGS[r.kind] ?? ['a', 'b'];
    names.forEach((n, i) => {
      const v = i === 0 ? r.a : r.b;
      args[n] = DECIMAL.has(n) ? v >>> 0 : hex(v);
    });
    // Microseconds with picosecond resolution (a cycle at 400 MHz is 2.5 ns): cycles * 1e6 / clockHz, in
    // bigint, then scaled.
    const ps = (r.cycle * 1_000_000_000_000n) / BigInt(o.clockHz);
    events.push({ name: r.kind, cat: 'xipemu', ph: 'i', s: 't', pid: 1, tid: tid(r.kind), ts: Number(ps) / 1_000_000, args });
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ns',
    otherData: { board: o.board, file: o.file, clockHz: o.clockHz, records: records.length, dropped: o.dropped ?? 0 },
  };
}
