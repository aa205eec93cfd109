// The raw export surface of the wasm core (assembly/index.ts), typed. u32 results come back from wasm
// as signed numbers: callers use `>>> 0` where the value may exceed 2^31.
export interface CoreExports {
  memory: WebAssembly.Memory;
  buildTimed(): number;
  buildTrace(): number;
  traceKindNames(): number;
  configVersion(): number;
  regionCount(): number;
  regionBase(i: number): number;
  regionSize(i: number): number;
  regionNames(): number;
  configFieldNames(): number;
  statNames(): number;
  busRangeNames(): number;
  busRangeBase(i: number): number;
  busRangeSize(i: number): number;
  configure(): number;
  reset(): void;
  run(budget: number): number;
  hostFlushDecoded(): void;
  hostInvalidate(hostAddr: number, len: number): void;
  hostSfence(): void;
  hostSfenceVa(va: number): void;
  hostChargeCycles(n: number): void;
  hostMemTraffic(hostAddr: number, len: number, isWrite: number): number;
  hostCsrRead(n: number): number;
  hostSetPriv(p: number): void;
  hostFatal(): number;
  decodeTableSize(): number;
  decodeTableMatch(i: number): number;
  decodeTableMask(i: number): number;
  decodeTableSpecial(i: number): number;
  decodeTableNames(): number;
  decodeLookup(raw: number): number;
  jitConfigure(on: number, heat: number): number;
}

/** Reads an AssemblyScript string (UTF-16LE; byte length in the u32 before the data) out of memory. */
export function readAsString(memory: WebAssembly.Memory, ptr: number): string {
  const p = ptr >>> 0;
  const len = new Uint32Array(memory.buffer, p - 4, 1)[0];
  return Buffer.from(new Uint8Array(memory.buffer, p, len)).toString('utf16le');
}
