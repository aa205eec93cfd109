// Machine: one instance of the wasm core configured as a board. It owns the wasm memory and the typed
// views over it, built from the core's exported region map (never from hard-coded offsets), writes the
// config struct from a board profile, loads ELF images, runs the hart in slices and reports stops.
//
// Memory protocol (docs/ARCHITECTURE.md): the wasm memory is imported; the host creates it, instantiates
// the core, reads the RAM region's base, grows the memory once to RAM base + RAM size, then configures.
// It never grows again, so views stay valid.
import { BoardProfile, FLASH_BANK_BASES, FLASH_BANK_BYTES, RAM_BASE } from '../board.ts';
import { ElfFile, loadSegments, symbol } from '../elf.ts';
import { CoreExports, readAsString } from './exports.ts';
import { CoreVariant, coreModule, coreModuleFromFile } from './load.ts';
import { coreConfigFields } from './config.ts';
import { PageFunctions } from './jit.ts';
import { drainTraceRing, TraceRecord } from '../trace.ts';
import {
  bankBytes, FlashParamOptions, FlashParams, FlashStats, flashParams, isBankDirty, loadBankImage, loadPart,
  PartProfile, readFlashStats, saveBankImage, writeFlashParams,
} from '../flash/index.ts';

export const STOP_REASONS = ['budget', 'halt', 'host-trap', 'breakpoint', 'wfi', 'fatal', 'io', 'reset'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

// Mailbox fields (byte offsets in the mailbox region; assembly/mailbox.ts).
const MB = { stop: 0, exit: 4, cause: 8, tval: 12, epc: 16, priv: 20, fatal: 24, haltKind: 28, tohost: 32, retired: 36 } as const;
// Hart region: x0..x31, sink, pc, priv (assembly/cpu/state.ts).
const HART_PC = 33 * 4;
const HART_PRIV = 34 * 4;
const HART_CYCLES = 36 * 4;
const HART_INSTRET = 38 * 4;

export interface Region { base: number; size: number }

export interface StopInfo {
  reason: StopReason;
  /** Instructions retired by this call. */
  retired: number;
  /** For 'halt': the guest's exit code (0 = pass) and what signalled it. */
  exitCode?: number;
  haltKind?: 'finisher' | 'tohost';
  /** For 'host-trap' and 'breakpoint': the trap as the guest would have seen it. */
  cause?: number;
  tval?: number;
  epc?: number;
  priv?: number;
}

export interface MachineOptions {
  variant?: CoreVariant;
  /** Exceptions (bit = cause) that stop run() instead of trapping into the guest. */
  hostTrapMask?: number;
  /** Use this core file instead of build/core-VARIANT.wasm (test variants). */
  wasmPath?: string;
  /** Departures from the part profile's flash parameters (e.g. lockedAtReset: false, QEMU's behaviour). */
  flash?: Omit<FlashParamOptions, 'banks'>;
  /** Compile hot pages to wasm (fast and timed cores; default true; results are identical, only speed differs). */
  jit?: boolean;
  /** Interpreted instructions on a page before it is compiled (default 65536; tests use 1). */
  jitHeat?: number;
}

export class MachineError extends Error {
  constructor(message: string, readonly exitCode = 65) {
    super(message);
    this.name = 'MachineError';
  }
}

export class Machine {
  readonly exports: CoreExports;
  readonly memory: WebAssembly.Memory;
  readonly regions: Record<string, Region> = {};
  readonly statNames: string[];
  readonly variant: CoreVariant;
  /** The board's flash part profile (roms/parts/, docs/TIMING.md). */
  readonly flashPart: PartProfile;
  /** The flash parameter block written from the board's flash.part before configure(). */
  readonly flashParams: FlashParams;
  u8!: Uint8Array;
  u32!: Uint32Array;
  dv!: DataView;
  private uartOut: number[] = [];
  /** Trace build only: receives the trace records after every run() call. */
  onTrace?: (records: TraceRecord[], dropped: number) => void;
  private traceKinds: string[] = [];

  private constructor(readonly profile: BoardProfile, opts: MachineOptions) {
    this.variant = opts.variant ?? 'timed';
    this.memory = new WebAssembly.Memory({ initial: 32 });
    const table = new WebAssembly.Table({ element: 'anyfunc', initial: 1 });
    const jit = new PageFunctions(this.memory, table);
    const instance = new WebAssembly.Instance(opts.wasmPath ? coreModuleFromFile(opts.wasmPath) : coreModule(this.variant), {
      env: {
        memory: this.memory,
        table,
        jitInstall: (ptr: number, len: number) => jit.install(ptr >>> 0, len >>> 0),
        jitDrop: (index: number) => jit.drop(index >>> 0),
        abort: (_msg: number, _file: number, line: number, col: number) => {
          throw new MachineError(`core abort at line ${line}:${col} (internal error)`, 70);
        },
      },
    });
    this.exports = instance.exports as unknown as CoreExports;
    jit.firstFree = table.length; // the core's own table entries come first
    const ex = instance.exports as Record<string, WebAssembly.ExportValue>;
    jit.timing = { fh: ex.jitFetchHit, fh2: ex.jitFetchHit2, dc: ex.jitDataCycles, ff: ex.jitFetchFlash };
    if (opts.jit === false || opts.jitHeat !== undefined) this.exports.jitConfigure(opts.jit === false ? 0 : 1, opts.jitHeat ?? 0);
    const names = readAsString(this.memory, this.exports.regionNames()).split(',');
    for (let i = 0; i < this.exports.regionCount(); i++) {
      this.regions[names[i]] = { base: this.exports.regionBase(i) >>> 0, size: this.exports.regionSize(i) >>> 0 };
    }
    this.statNames = readAsString(this.memory, this.exports.statNames()).split(',');
    if (this.exports.buildTrace() === 1) this.traceKinds = readAsString(this.memory, this.exports.traceKindNames()).split(',');
    const need = this.regions.ram.base + profile.ram.sizeBytes;
    const pages = Math.ceil(need / 65536);
    const have = this.memory.buffer.byteLength / 65536;
    if (pages > have) this.memory.grow(pages - have);
    this.refreshViews();
    this.writeConfig(opts);
    // The flash device reads its parameter block in configure() (flashReset); docs/FLASH.md.
    const banks = (profile.flash.bank0 ? 1 : 0) | (profile.flash.bank1 ? 2 : 0);
    this.flashPart = loadPart(profile.flash.part);
    this.flashParams = flashParams(this.flashPart, profile.clockHz, { ...opts.flash, banks });
    writeFlashParams(this.u8, this.regions.flashctl.base, this.flashParams);
    const bad = this.exports.configure();
    if (bad !== 0) {
      const field = readAsString(this.memory, this.exports.configFieldNames()).split(',')[(bad - 1) / 4] ?? `offset ${bad - 1}`;
      throw new MachineError(`the core rejected the board configuration: field '${field}'`);
    }
  }

  static create(profile: BoardProfile, opts: MachineOptions = {}): Machine {
    return new Machine(profile, opts);
  }

  private refreshViews(): void {
    this.u8 = new Uint8Array(this.memory.buffer);
    this.u32 = new Uint32Array(this.memory.buffer);
    this.dv = new DataView(this.memory.buffer);
  }

  private writeConfig(opts: MachineOptions): void {
    const names = readAsString(this.memory, this.exports.configFieldNames()).split(',');
    const values = coreConfigFields(this.profile, this.exports.configVersion(), opts.hostTrapMask);
    const base = this.regions.config.base;
    this.u8.fill(0, base, base + this.regions.config.size);
    names.forEach((n, i) => {
      const v = values[n];
      if (v === undefined) throw new MachineError(`internal: no value for core config field '${n}'`, 70);
      this.dv.setUint32(base + i * 4, v >>> 0, true);
    });
  }

  private cfgOffset(name: string): number {
    const names = readAsString(this.memory, this.exports.configFieldNames()).split(',');
    const i = names.indexOf(name);
    if (i < 0) throw new MachineError(`internal: no core config field '${name}'`, 70);
    return this.regions.config.base + i * 4;
  }

  setConfigField(name: string, value: number): void {
    this.dv.setUint32(this.cfgOffset(name), value >>> 0, true);
  }

  // ------------------------------------------------------------------ guest memory

  /** Linear-memory offset of guest physical address pa for len bytes of RAM or flash, or -1. */
  hostAddr(pa: number, len = 1): number {
    const ram = this.profile.ram.sizeBytes;
    if (pa >= RAM_BASE && pa + len <= RAM_BASE + ram) return this.regions.ram.base + (pa - RAM_BASE);
    for (let b = 0; b < FLASH_BANK_BASES.length; b++) {
      const present = b === 0 ? this.profile.flash.bank0 : this.profile.flash.bank1;
      const base = FLASH_BANK_BASES[b];
      if (present && pa >= base && pa + len <= base + FLASH_BANK_BYTES) return this.regions.flash.base + b * FLASH_BANK_BYTES + (pa - base);
    }
    return -1;
  }

  writePhys(pa: number, bytes: Uint8Array): void {
    const h = this.hostAddr(pa, bytes.length);
    if (h < 0) throw new MachineError(`cannot write ${bytes.length} bytes at 0x${pa.toString(16)}: not in RAM or flash`);
    this.u8.set(bytes, h);
    this.exports.hostInvalidate(h, bytes.length);
  }

  readPhys(pa: number, len: number): Uint8Array {
    const h = this.hostAddr(pa, len);
    if (h < 0) throw new MachineError(`cannot read ${len} bytes at 0x${pa.toString(16)}: not in RAM or flash`);
    return this.u8.slice(h, h + len);
  }

  /**
   * Process mode: charges the memory traffic of work the host kernel does for the guest (a COW page copy
   * reads one page and writes another; filling the page cache reads flash and writes a frame) as the
   * guest's own word loads or stores over [pa, pa + len) would cost on this board: through the D-cache
   * model or the device's timing (assembly/index.ts hostMemTraffic). The cycles go to the cycle counter
   * under kernelCycles; returns them (0 on the fast core, which has no timing). Writes must be to RAM
   * (flash is written by commands); at most 16 MiB per call.
   */
  chargeMemTraffic(pa: number, len: number, write: boolean): number {
    if (!Number.isInteger(len) || len <= 0 || len > 16 << 20) throw new MachineError(`memory traffic of ${len} bytes: must be 1 .. 16 MiB`);
    const h = this.hostAddr(pa, len);
    if (h < 0) throw new MachineError(`memory traffic at 0x${(pa >>> 0).toString(16)}, ${len} bytes: not in RAM or a flash bank`);
    if (write && h < this.regions.ram.base) throw new MachineError(`memory traffic at 0x${(pa >>> 0).toString(16)}: writes go to RAM (flash is written by commands)`);
    return this.exports.hostMemTraffic(h, len, write ? 1 : 0) >>> 0;
  }

  readPhys32(pa: number): number {
    const h = this.hostAddr(pa, 4);
    if (h < 0) throw new MachineError(`cannot read at 0x${pa.toString(16)}: not in RAM or flash`);
    return this.dv.getUint32(h, true);
  }

  /**
   * Loads an ELF's PT_LOAD segments at their physical addresses, points the hart at the entry, and
   * arms the tohost convention if the ELF has a `tohost` symbol (its physical address: the symbol's
   * address translated through the segment that contains it).
   */
  loadElf(elf: ElfFile): { entry: number; tohost?: number } {
    for (const seg of loadSegments(elf)) {
      if (this.hostAddr(seg.paddr, seg.data.length) < 0) {
        throw new MachineError(
          `ELF segment ${seg.index} (0x${seg.paddr.toString(16)}..0x${(seg.paddr + seg.data.length).toString(16)}) is not inside RAM or a present flash bank of board '${this.profile.name}'`,
        );
      }
      this.writePhys(seg.paddr, seg.data);
    }
    this.exports.hostFlushDecoded();
    this.pc = elf.entry;
    let tohost: number | undefined;
    const t = symbol(elf, 'tohost');
    if (t) {
      const seg = elf.phdrs.find((p) => p.type === 1 && t.value >= p.vaddr && t.value < p.vaddr + p.memsz);
      tohost = seg ? seg.paddr + (t.value - seg.vaddr) : t.value;
      this.setConfigField('tohost', tohost);
      const f = symbol(elf, 'fromhost');
      if (f) this.setConfigField('fromhost', f.value);
    }
    return { entry: elf.entry, tohost };
  }

  // ------------------------------------------------------------------ flash banks

  private flashMemory() {
    return { memory: this.u8, flashctlBase: this.regions.flashctl.base, flashHost: this.regions.flash.base, bankStride: FLASH_BANK_BYTES };
  }

  /** Bytes of array in each flash bank (the part's chips x interleave; a flash image file's size). */
  get flashBankBytes(): number {
    return bankBytes(this.flashParams);
  }

  private checkBank(bank: number): void {
    const present = bank === 0 ? this.profile.flash.bank0 : bank === 1 ? this.profile.flash.bank1 : false;
    if (!present) throw new MachineError(`board '${this.profile.name}' has no flash bank ${bank}`, 64);
  }

  /**
   * Fills flash bank `bank` from an image file, padded with erased bytes (0xFF). An image larger than the
   * bank is an error naming the file and both sizes. Call before loading an ELF or running.
   */
  loadFlashImage(bank: number, file: string): number {
    this.checkBank(bank);
    let n: number;
    try {
      n = loadBankImage(this.flashMemory(), bank, this.flashBankBytes, file);
    } catch (e) {
      throw new MachineError((e as Error).message, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 66 : 65);
    }
    this.exports.hostFlushDecoded();
    return n;
  }

  /** True if program/erase changed bank `bank` since it was loaded or saved. */
  flashDirty(bank: number): boolean {
    return isBankDirty(this.flashMemory(), bank);
  }

  /** Writes bank `bank` back to `file` atomically (temp file + rename) if it changed; returns whether it did. */
  saveFlashImage(bank: number, file: string): boolean {
    this.checkBank(bank);
    return saveBankImage(this.flashMemory(), bank, this.flashBankBytes, file);
  }

  /** The flash device's statistics (bytes read, programs, erases, busy reads...). */
  flashStats(): FlashStats {
    return readFlashStats(this.u8, this.regions.flashctl.base);
  }

  // ------------------------------------------------------------------ hart state

  get pc(): number { return this.dv.getUint32(this.regions.hart.base + HART_PC, true); }
  set pc(v: number) { this.dv.setUint32(this.regions.hart.base + HART_PC, v >>> 0, true); }
  get priv(): number { return this.dv.getUint32(this.regions.hart.base + HART_PRIV, true); }
  reg(i: number): number { return i === 0 ? 0 : this.dv.getUint32(this.regions.hart.base + i * 4, true); }
  setReg(i: number, v: number): void { if (i !== 0) this.dv.setUint32(this.regions.hart.base + i * 4, v >>> 0, true); }
  get cycles(): bigint { return this.dv.getBigUint64(this.regions.hart.base + HART_CYCLES, true); }
  get instret(): bigint { return this.dv.getBigUint64(this.regions.hart.base + HART_INSTRET, true); }
  csr(n: number): number { return this.exports.hostCsrRead(n) >>> 0; }

  stats(): Record<string, bigint> {
    const out: Record<string, bigint> = {};
    const base = this.regions.stats.base;
    this.statNames.forEach((n, i) => (out[n] = this.dv.getBigUint64(base + i * 8, true)));
    return out;
  }

  // ------------------------------------------------------------------ UART

  /** Moves bytes the guest transmitted out of the core's ring; returns them. */
  drainUart(): Uint8Array {
    const base = this.regions.uarttx.base;
    const n = this.dv.getUint32(base, true);
    const bytes = this.u8.slice(base + 8, base + 8 + n);
    this.dv.setUint32(base, 0, true);
    return bytes;
  }

  /**
   * Input waiting on the host side for room in the receive ring (queueUartInput). runUntilStop and
   * runUntilStopAsync move as much of it as fits into the ring before every slice, and while some is left
   * they run slices of at most INPUT_SLICE instructions, so the guest sees it at fixed instruction counts
   * (deterministic) and soon after it made room.
   */
  private uartIn: Uint8Array = new Uint8Array(0);
  private uartInPos = 0;
  static readonly INPUT_SLICE = 65_536;

  /** Queues bytes for the guest to receive, however many: the ring is topped up between run slices. */
  queueUartInput(bytes: Uint8Array): void {
    const rest = this.uartIn.subarray(this.uartInPos);
    const all = new Uint8Array(rest.length + bytes.length);
    all.set(rest);
    all.set(bytes, rest.length);
    this.uartIn = all;
    this.uartInPos = 0;
    this.feedUart();
  }

  /** Bytes queued by queueUartInput that are not in the receive ring yet. */
  get uartInputPending(): number {
    return this.uartIn.length - this.uartInPos;
  }

  /** Moves queued input into the receive ring as far as it fits. */
  private feedUart(): void {
    if (this.uartInPos < this.uartIn.length) this.uartInPos += this.pushUartInput(this.uartIn.subarray(this.uartInPos));
  }

  /** Queues bytes for the guest to receive directly in the ring; returns how many fit. */
  pushUartInput(bytes: Uint8Array): number {
    const base = this.regions.uartrx.base;
    const cap = this.regions.uartrx.size - 8;
    let tail = this.dv.getUint32(base + 4, true);
    const head = this.dv.getUint32(base, true);
    let n = 0;
    for (const b of bytes) {
      const next = (tail + 1) % cap;
      if (next === head) break;
      this.u8[base + 8 + tail] = b;
      tail = next;
      n++;
    }
    this.dv.setUint32(base + 4, tail, true);
    return n;
  }

  // ------------------------------------------------------------------ running

  /** One call into the core: runs up to budget instructions (at most 2^31). */
  step(budget: number): StopInfo {
    const code = this.exports.run(budget >>> 0);
    if (this.traceKinds.length) {
      const t = drainTraceRing(this.dv, this.regions.trace.base, this.regions.trace.size, this.traceKinds);
      if (t.records.length || t.dropped) this.onTrace?.(t.records, t.dropped);
    }
    const mb = this.regions.mailbox.base;
    const get = (o: number) => this.dv.getUint32(mb + o, true);
    const reason = STOP_REASONS[code] ?? 'fatal';
    const info: StopInfo = { reason, retired: get(MB.retired) };
    if (reason === 'halt') {
      info.exitCode = get(MB.exit);
      info.haltKind = get(MB.haltKind) === 2 ? 'tohost' : 'finisher';
    } else if (reason === 'host-trap' || reason === 'breakpoint') {
      info.cause = get(MB.cause);
      info.tval = get(MB.tval);
      info.epc = get(MB.epc);
      info.priv = get(MB.priv);
    }
    return info;
  }

  /**
   * Runs until the guest stops or maxInsns instructions retired, in slices (so V8 tiers the core up
   * and the UART is drained regularly). UART output goes to onOutput as it is produced; input queued with
   * queueUartInput is fed to the receive ring before each slice.
   */
  runUntilStop(maxInsns: number, onOutput?: (bytes: Uint8Array) => void, sliceInsns = 10_000_000): StopInfo & { totalRetired: number } {
    let total = 0;
    for (;;) {
      this.feedUart();
      const budget = Math.min(this.uartInputPending ? Math.min(sliceInsns, Machine.INPUT_SLICE) : sliceInsns, maxInsns - total);
      if (budget <= 0) return { reason: 'budget', retired: 0, totalRetired: total };
      const s = this.step(budget);
      total += s.retired;
      const out = this.drainUart();
      if (out.length) onOutput?.(out);
      if (s.reason === 'io') continue;
      if (s.reason !== 'budget') return { ...s, totalRetired: total };
    }
  }

  /**
   * runUntilStop that returns to the event loop between slices, so signal handlers (the CLI's Ctrl-C,
   * which saves flash images) run while the guest does. When `interrupted()` turns true the run ends
   * between two slices with `interrupted: true` (reason 'budget': the guest did not stop by itself).
   */
  async runUntilStopAsync(
    maxInsns: number,
    onOutput?: (bytes: Uint8Array) => void,
    opts: { sliceInsns?: number; interrupted?: () => boolean } = {},
  ): Promise<StopInfo & { totalRetired: number; interrupted?: boolean }> {
    let total = 0;
    const slice = opts.sliceInsns ?? 5_000_000;
    for (;;) {
      if (opts.interrupted?.()) return { reason: 'budget', retired: 0, totalRetired: total, interrupted: true };
      this.feedUart();
      const budget = Math.min(this.uartInputPending ? Math.min(slice, Machine.INPUT_SLICE) : slice, maxInsns - total);
      if (budget <= 0) return { reason: 'budget', retired: 0, totalRetired: total };
      const s = this.step(budget);
      total += s.retired;
      const out = this.drainUart();
      if (out.length) onOutput?.(out);
      if (s.reason !== 'budget' && s.reason !== 'io') return { ...s, totalRetired: total };
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
