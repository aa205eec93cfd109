// From a part profile and the board clock to the device's parameter block (src/flash/layout.ts PARAM).
//
// Every time is converted to core cycles here, once: cycles = ceil(time x clockHz), in exact integer
// arithmetic (BigInt, times taken to the picosecond), so a 100 ns access at 100 MHz is exactly 10 cycles
// and 101 ns is 11. The burst clock becomes cycles per flash clock, ceil(clockHz / burstHz).

import { PARAM, PARAM_U64, PARAM_VERSION, FLAG_LOCKED_AT_RESET, FLAG_WP_LOW } from './layout.ts';
import type { PartProfile } from './part.ts';

export interface FlashParamOptions {
  /** Populated banks as a mask, bit b = bank b (the board's flash.bank0/bank1); default both (0b11). */
  banks?: number;
  /** Chips per bank; default the profile's interleave. */
  interleave?: 1 | 2 | 4;
  /** Override the datasheet's lock-at-reset behaviour (e.g. a board that unlocks in its boot ROM). */
  lockedAtReset?: boolean;
  /** WP# tied low (lock-down enforced); default true. */
  wpLow?: boolean;
}

export interface FlashRegionParams {
  blocks: number;
  blockBytes: number;
  eraseCycles: bigint;
}

/** The parameter block as named values; u64 fields are bigint. */
export interface FlashParams {
  fields: Record<keyof typeof PARAM, number | bigint>;
  regions: FlashRegionParams[];
}

const PS_PER_S = 1_000_000_000_000n;

/** ceil(ns x clockHz / 1e9) with ns given to at most 3 decimals (picosecond resolution). */
export function nsToCycles(ns: number, clockHz: number): bigint {
  if (!(ns >= 0) || !Number.isFinite(ns)) throw new Error(`bad time ${ns} ns`);
  if (!Number.isInteger(clockHz) || clockHz <= 0) throw new Error(`bad clock ${clockHz} Hz`);
  const ps = BigInt(Math.round(ns * 1000));
  return (ps * BigInt(clockHz) + PS_PER_S - 1n) / PS_PER_S;
}
export const usToCycles = (us: number, hz: number): bigint => nsToCycles(us * 1000, hz);
export const msToCycles = (ms: number, hz: number): bigint => nsToCycles(ms * 1_000_000, hz);

/** Voltage as CFI BCD: bits 7-4 volts, bits 3-0 tenths. */
export function voltsToBcd(v: number): number {
  const tenths = Math.round(v * 10);
  return ((Math.floor(tenths / 10) & 0xf) << 4) | (tenths % 10);
}

function u32(n: bigint, what: string): number {
  if (n > 0xffffffffn) throw new Error(`${what} = ${n} cycles does not fit the u32 parameter field`);
  return Number(n);
}

export function flashParams(part: PartProfile, clockHz: number, opts: FlashParamOptions = {}): FlashParams {
  const interleave = opts.interleave ?? part.interleave;
  if (part.chipBytes * interleave > 0x2000000) {
    throw new Error(`${part.name}: ${interleave} chips of ${part.chipBytes} bytes exceed the 32 MiB bank window`);
  }
  const locked = opts.lockedAtReset ?? part.lockedAtReset;
  const wpLow = opts.wpLow ?? true;
  const regions = part.regions.map((r) => ({
    blocks: r.blocks, blockBytes: r.blockBytes, eraseCycles: msToCycles(r.eraseTypMs, clockHz),
  }));
  // Chip erase: the datasheet figure when it gives one, else every block erased in turn.
  const chipErase = part.erase.chipTypMs > 0
    ? msToCycles(part.erase.chipTypMs, clockHz)
    : regions.reduce((t, r) => t + r.eraseCycles * BigInt(r.blocks), 0n);
  // CFI chip-erase fields: the datasheet's, else (AMD set, which has chip erase) the derived sum.
  const amd = part.commandSet === 2;
  const chipTypMs = part.erase.chipTypMs > 0 ? part.erase.chipTypMs
    : amd ? part.regions.reduce((t, r) => t + r.blocks * r.eraseTypMs, 0) : 0;
  const chipMaxMs = part.erase.chipMaxMs > 0 ? part.erase.chipMaxMs
    : amd ? part.regions.reduce((t, r) => t + r.blocks * r.eraseMaxMs, 0) : 0;
  const burstClk = part.read.burstMHz ? Number((BigInt(clockHz) + BigInt(part.read.burstMHz * 1e6) - 1n) / BigInt(part.read.burstMHz * 1e6)) : 0;
  const main = part.regions.reduce((a, r) => (r.blockBytes > a.blockBytes ? r : a));
  const rep = part.cfi.reported ?? {};
  const fields: FlashParams['fields'] = {
    P_VERSION: PARAM_VERSION,
    P_CMDSET: part.commandSet,
    P_BANKS: opts.banks ?? 0b11,
    P_CHIP_WIDTH: part.chipWidthBits / 8,
    P_INTERLEAVE: interleave,
    P_CHIP_BYTES: part.chipBytes,
    P_REGION_COUNT: part.regions.length,
    P_PAGE_WORDS: part.read.pageWords,
    P_T_ACC: u32(nsToCycles(part.read.tAccNs, clockHz), 'tACC'),
    P_T_PAGE: u32(nsToCycles(part.read.tPageNs, clockHz), 'tPAGE'),
    P_BURST_CLK: burstClk,
    P_BUFFER_WORDS: part.program.bufferWords,
    P_FLAGS: (locked ? FLAG_LOCKED_AT_RESET : 0) | (wpLow ? FLAG_WP_LOW : 0),
    P_MFR_ID: part.ids.manufacturer,
    P_DEV_ID: part.ids.device,
    P_DEV_ID2: part.ids.device2,
    P_DEV_ID3: part.ids.device3,
    P_RCR_DEFAULT: part.read.rcrDefault,
    P_CFI_VCC_MIN: voltsToBcd(part.cfi.vccMinV),
    P_CFI_VCC_MAX: voltsToBcd(part.cfi.vccMaxV),
    P_CFI_VPP_MIN: voltsToBcd(part.cfi.vppMinV),
    P_CFI_VPP_MAX: voltsToBcd(part.cfi.vppMaxV),
    // The CFI timeouts: the datasheet figures, or what the chip's own table reports (cfi.reported).
    P_CFI_WORD_TYP_US: Math.ceil(rep.wordTypUs ?? part.program.wordTypUs),
    P_CFI_WORD_MAX_US: Math.ceil(rep.wordMaxUs ?? part.program.wordMaxUs),
    P_CFI_BUF_TYP_US: Math.ceil(rep.bufferTypUs ?? part.program.bufferTypUs),
    P_CFI_BUF_MAX_US: Math.ceil(rep.bufferMaxUs ?? part.program.bufferMaxUs),
    P_CFI_ERASE_TYP_MS: Math.ceil(rep.eraseTypMs ?? main.eraseTypMs),
    P_CFI_ERASE_MAX_MS: Math.ceil(rep.eraseMaxMs ?? main.eraseMaxMs),
    P_CFI_CHIP_TYP_MS: Math.ceil(rep.chipTypMs ?? chipTypMs),
    P_CFI_CHIP_MAX_MS: Math.ceil(rep.chipMaxMs ?? chipMaxMs),
    P_CFI_INTERFACE: part.cfi.interface,
    P_WORD_PROGRAM_CYC: usToCycles(part.program.wordTypUs, clockHz),
    P_BUFFER_PROGRAM_CYC: usToCycles(part.program.bufferTypUs, clockHz),
    P_CHIP_ERASE_CYC: chipErase,
    P_ERASE_SUSPEND_CYC: usToCycles(part.erase.suspendLatencyUs, clockHz),
    P_PROGRAM_SUSPEND_CYC: usToCycles(part.program.suspendLatencyUs, clockHz),
    P_ERASE_WINDOW_CYC: usToCycles(part.erase.windowUs, clockHz),
    P_REGIONS: 0,
    REGION_STRIDE: 0,
    R_BLOCKS: 0,
    R_BLOCK_BYTES: 0,
    R_ERASE_CYC: 0,
    P_END: 0,
  };
  return { fields, regions };
}

const NOT_FIELDS = new Set(['P_REGIONS', 'REGION_STRIDE', 'R_BLOCKS', 'R_BLOCK_BYTES', 'R_ERASE_CYC', 'P_END']);

/** Write the parameter block at `flashctlBase` in `memory` (a view over the core's linear memory). */
export function writeFlashParams(memory: ArrayBuffer | Uint8Array, flashctlBase: number, params: FlashParams): void {
  const buf = memory instanceof Uint8Array ? memory : new Uint8Array(memory);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  buf.fill(0, flashctlBase, flashctlBase + PARAM.P_END);
  for (const [name, off] of Object.entries(PARAM)) {
    if (NOT_FIELDS.has(name)) continue;
    const v = params.fields[name as keyof typeof PARAM];
    if (PARAM_U64.has(name)) dv.setBigUint64(flashctlBase + off, BigInt(v), true);
    else dv.setUint32(flashctlBase + off, Number(v) >>> 0, true);
  }
  params.regions.forEach((r, i) => {
    const at = flashctlBase + PARAM.P_REGIONS + i * PARAM.REGION_STRIDE;
    dv.setUint32(at + PARAM.R_BLOCKS, r.blocks, true);
    dv.setUint32(at + PARAM.R_BLOCK_BYTES, r.blockBytes, true);
    dv.setBigUint64(at + PARAM.R_ERASE_CYC, r.eraseCycles, true);
  });
}

/** Bytes of array per bank (chips x interleave): the size of a flash image file for the bank. */
export function bankBytes(params: FlashParams): number {
  return Number(params.fields.P_CHIP_BYTES) * Number(params.fields.P_INTERLEAVE);
}
