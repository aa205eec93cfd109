// From a board profile to the core's config struct (assembly/config.ts): one value per field name.
// The core publishes the field names in order (configFieldNames()), so the host never repeats offsets;
// a field the core has and this table lacks is an error at startup.
import { BoardProfile } from '../board.ts';

/** ceil(clocks of a clock at fromHz, expressed in cycles of the core clock). */
export function toCoreCycles(clocks: number, fromHz: number, coreHz: number): number {
  return Math.ceil((clocks * coreHz) / fromHz - 1e-9);
}

/** ns to core cycles, rounding up (DESIGN section 6). */
export function nsToCycles(ns: number, coreHz: number): number {
  return Math.ceil((ns * coreHz) / 1e9 - 1e-9);
}

export function coreConfigFields(p: BoardProfile, version: number, hostTrapMask?: number): Record<string, number> {
  const pl = p.pipeline, mem = p.memory, c = p.cache;
  return {
    version,
    clockHz: p.clockHz,
    timebaseHz: p.timebaseHz,
    ramBytes: p.ram.sizeBytes,
    flashBanks: (p.flash.bank0 ? 1 : 0) | (p.flash.bank1 ? 2 : 0),
    tohost: 0,
    fromhost: 0,
    hostTrapMask: hostTrapMask ?? p.hostTrapMask,
    resetPc: p.flash.bank0 ? 0x2000_0000 : 0x8000_0000,
    itlbEntries: p.tlb.itlb.entries,
    itlbWays: p.tlb.itlb.ways,
    dtlbEntries: p.tlb.dtlb.entries,
    dtlbWays: p.tlb.dtlb.ways,
    adFault: p.mmu.adUpdate === 'fault' ? 1 : 0,
    ramFirstCycles: toCoreCycles(mem.ramFirstClocks, mem.ramClockHz, p.clockHz),
    mmioCycles: nsToCycles(mem.mmioNs, p.clockHz),
    branchPenalty: pl.branchPenalty,
    jumpPenalty: pl.jumpPenalty,
    mulCycles: pl.mulCycles,
    mulhCycles: pl.mulhCycles,
    divCycles: pl.divCycles,
    csrCycles: pl.csrCycles,
    trapCycles: pl.trapCycles,
    xretCycles: pl.xretCycles,
    amoCycles: pl.amoCycles,
    lrscCycles: pl.lrscCycles,
    csrWriteCycles: pl.csrWriteCycles,
    loadUse: pl.loadUse,
    ramBeatCycles: toCoreCycles(mem.ramBeatClocks, mem.ramClockHz, p.clockHz),
    ramBusBytes: mem.ramBusBytes,
    icacheSize: c.icache.sizeBytes,
    icacheWays: c.icache.ways,
    icacheLine: c.icache.lineBytes,
    icachePolicy: c.icache.policy === 'random' ? 1 : 0,
    dcacheSize: c.dcache.sizeBytes,
    dcacheWays: c.dcache.ways,
    dcacheLine: c.dcache.lineBytes,
    dcachePolicy: c.dcache.policy === 'random' ? 1 : 0,
    flashCacheable: c.flashCacheable ? 1 : 0,
    cacheSeed: c.seed,
    predictor: pl.predictor === 'btfn' ? 1 : 0,
    walkCached: c.walkCached ? 1 : 0,
  };
}
