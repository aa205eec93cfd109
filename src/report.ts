// Run summaries: what a run did, in one JSON-friendly object (machines read it; `xipemu run` prints a
// one-line form of it).
import { Machine, StopInfo } from './core/machine.ts';

export interface RunSummary {
  file: string;
  board: string;
  core: string;
  stop: string;
  exitCode?: number;
  haltKind?: string;
  trap?: { cause: number; tval: number; epc: number; priv: number };
  instret: number;
  cycles: number;
  cpi: number;
  clockHz: number;
  emulatedSeconds: number;
  seconds: number;
  hostMips: number;
  pc: number;
  tlb: { itlb: { hits: number; misses: number }; dtlb: { hits: number; misses: number }; walks: number };
  caches: {
    icache: { hits: number; misses: number; evictions: number };
    dcache: { hits: number; misses: number; evictions: number; writebacks: number };
  };
  /**
   * Where the cycles went (timed core): base (one per retired instruction) plus the stall causes and
   * WFI idle time. The parts add up to `cycles` exactly. On the fast core only base and wfi are real.
   */
  breakdown: Record<(typeof BREAKDOWN)[number][0], number>;
  stats: Record<string, number>;
  /** The flash device: part, statistics (bytes read through the timing model, programs, erases...), and
   * the part's figures not verified against its data sheet, when it has any (docs/TIMING.md). */
  flash: { part: string; unverified?: string[] } & Record<string, number | string | string[]>;
  /** `xipemu run --flash/--flash1`: the image files and whether each was written back. */
  flashImages?: { bank: number; file: string; written: boolean }[];
}

/** Breakdown entries and the statistic each comes from. */
export const BREAKDOWN = [
  ['base', 'instret'],
  ['branch', 'stallBranch'],
  ['loadUse', 'stallLoadUse'],
  ['mulDiv', 'stallMulDiv'],
  ['other', 'stallOther'],
  ['icacheMiss', 'stallICache'],
  ['dcacheMiss', 'stallDCache'],
  ['tlbWalk', 'stallWalk'],
  ['flashWait', 'stallFlash'],
  ['ramWait', 'stallRam'],
  ['mmio', 'stallMmio'],
  ['trap', 'stallTrap'],
  ['wfi', 'wfiCycles'],
  ['kernel', 'kernelCycles'],
] as const;

export function runSummary(m: Machine, stop: StopInfo, opts: { file: string; seconds: number }): RunSummary {
  const st = m.stats();
  const n = (k: string) => Number(st[k] ?? 0n);
  const instret = Number(m.instret);
  const cycles = Number(m.cycles);
  const s: RunSummary = {
    file: opts.file,
    board: m.profile.name,
    core: m.variant,
    stop: stop.reason,
    instret,
    cycles,
    cpi: instret ? cycles / instret : 0,
    clockHz: m.profile.clockHz,
    emulatedSeconds: cycles / m.profile.clockHz,
    seconds: opts.seconds,
    hostMips: opts.seconds > 0 ? instret / opts.seconds / 1e6 : 0,
    pc: m.pc,
    tlb: {
      itlb: { hits: n('itlbHits'), misses: n('itlbMisses') },
      dtlb: { hits: n('dtlbHits'), misses: n('dtlbMisses') },
      walks: n('walks'),
    },
    caches: {
      icache: { hits: n('icacheHits'), misses: n('icacheMisses'), evictions: n('icacheEvictions') },
      dcache: { hits: n('dcacheHits'), misses: n('dcacheMisses'), evictions: n('dcacheEvictions'), writebacks: n('dcacheWritebacks') },
    },
    breakdown: Object.fromEntries(BREAKDOWN.map(([k, stat]) => [k, n(stat)])) as RunSummary['breakdown'],
    stats: Object.fromEntries(Object.entries(st).map(([k, v]) => [k, Number(v)])),
    flash: {
      part: m.profile.flash.part,
      ...(m.flashPart.unverified.length ? { unverified: m.flashPart.unverified } : {}),
      ...Object.fromEntries(Object.entries(m.flashStats()).map(([k, v]) => [k, Number(v)])),
    },
  };
  if (stop.reason === 'halt') {
    s.exitCode = stop.exitCode;
    s.haltKind = stop.haltKind;
  }
  if (stop.cause !== undefined) s.trap = { cause: stop.cause, tval: stop.tval! >>> 0, epc: stop.epc! >>> 0, priv: stop.priv! };
  return s;
}
