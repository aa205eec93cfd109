// From a board profile to the core's config struct (assembly/config.ts): one value per field name.
// The core publishes the field names in order (configFieldNames()), so the host never repeats offsets;
// a field the core has and this table lacks is an error at startup.
import { BoardProfile } from '../board.ts';

/**
 * Pipeline and memory cost defaults of the timed build until board profiles carry a cost table (the
 * cycle-model issue): every instruction costs 1 cycle, memory has no extra latency. docs/TIMING.md.
 */
export const DEFAULT_COSTS = {
  ramCycles: 0,
  mmioCycles: 0,
  branchPenalty: 0,
  jumpPenalty: 0,
  mulCycles: 1,
  divCycles: 1,
  csrCycles: 1,
  trapCycles: 0,
  xretCycles: 0,
  amoCycles: 1,
  loadUse: 0,
} as const;

export function coreConfigFields(p: BoardProfile, version: number, hostTrapMask?: number): Record<string, number> {
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
    ...DEFAULT_COSTS,
  };
}
