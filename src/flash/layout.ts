// The host half of the FLASHCTL layout (parameter block, CFI table, statistics, bank records), relative
// to FLASHCTL_BASE. The device half is assembly/dev/norflash/params.ts and state.ts; the test
// test/flash-layout.test.ts compiles the device harness and checks every offset below against it.

/** Parameter block, host-written before configure()/flashReset(). */
export const PARAM = {
  P_VERSION: 0x000,
  P_CMDSET: 0x004,
  P_BANKS: 0x008,
  P_CHIP_WIDTH: 0x00c,
  P_INTERLEAVE: 0x010,
  P_CHIP_BYTES: 0x014,
  P_REGION_COUNT: 0x018,
  P_PAGE_WORDS: 0x01c,
  P_T_ACC: 0x020,
  P_T_PAGE: 0x024,
  P_BURST_CLK: 0x028,
  P_BUFFER_WORDS: 0x02c,
  P_FLAGS: 0x030,
  P_MFR_ID: 0x034,
  P_DEV_ID: 0x038,
  P_DEV_ID2: 0x03c,
  P_DEV_ID3: 0x040,
  P_RCR_DEFAULT: 0x044,
  P_CFI_VCC_MIN: 0x048,
  P_CFI_VCC_MAX: 0x04c,
  P_CFI_VPP_MIN: 0x050,
  P_CFI_VPP_MAX: 0x054,
  P_CFI_WORD_TYP_US: 0x058,
  P_CFI_WORD_MAX_US: 0x05c,
  P_CFI_BUF_TYP_US: 0x060,
  P_CFI_BUF_MAX_US: 0x064,
  P_CFI_ERASE_TYP_MS: 0x068,
  P_CFI_ERASE_MAX_MS: 0x06c,
  P_CFI_CHIP_TYP_MS: 0x070,
  P_CFI_CHIP_MAX_MS: 0x074,
  P_CFI_INTERFACE: 0x078,
  // u64 fields
  P_WORD_PROGRAM_CYC: 0x080,
  P_BUFFER_PROGRAM_CYC: 0x088,
  P_CHIP_ERASE_CYC: 0x090,
  P_ERASE_SUSPEND_CYC: 0x098,
  P_PROGRAM_SUSPEND_CYC: 0x0a0,
  P_ERASE_WINDOW_CYC: 0x0a8,
  // erase regions: P_REGIONS + r*REGION_STRIDE + {R_BLOCKS u32, R_BLOCK_BYTES u32, R_ERASE_CYC u64}
  P_REGIONS: 0x0b0,
  REGION_STRIDE: 16,
  R_BLOCKS: 0,
  R_BLOCK_BYTES: 4,
  R_ERASE_CYC: 8,
  P_END: 0x0f0,
} as const;

export const PARAM_VERSION = 1;
export const MAX_REGIONS = 4;
export const MAX_BLOCKS_PER_BANK = 1024;
export const MAX_BUFFER_WORDS = 512;
export const FLAG_LOCKED_AT_RESET = 1;
export const FLAG_WP_LOW = 2;
export const CMDSET_INTEL = 0x0001;
export const CMDSET_AMD = 0x0002;

/** Fields the parameter block holds as u64 (all others are u32). */
export const PARAM_U64 = new Set<string>([
  'P_WORD_PROGRAM_CYC', 'P_BUFFER_PROGRAM_CYC', 'P_CHIP_ERASE_CYC', 'P_ERASE_SUSPEND_CYC',
  'P_PROGRAM_SUSPEND_CYC', 'P_ERASE_WINDOW_CYC',
]);

/** Device-owned state: CFI table, statistics (u64 unless noted), bank records, protection bytes. */
export const STATE = {
  CFI_TABLE: 0x100,
  S_BYTES_READ: 0x180,
  S_SLOW_READS: 0x188,
  S_BUSY_READS: 0x190,
  S_WORD_PROGRAMS: 0x198,
  S_BUFFER_PROGRAMS: 0x1a0,
  S_BLOCK_ERASES: 0x1a8,
  S_CHIP_ERASES: 0x1b0,
  S_SUSPENDS: 0x1b8,
  S_RESUMES: 0x1c0,
  S_CMD_ERRORS: 0x1c8,
  S_INVALIDATES: 0x1d0,
  S_PROGRAMMED_BYTES: 0x1d8,
  S_LAST_INVAL_ADDR: 0x1e0, // u32
  S_LAST_INVAL_LEN: 0x1e4, // u32
  BANK_STATE: 0x200,
  BANK_STRIDE: 0x100,
  B_MODE: 0x00,
  B_SR: 0x08,
  B_OP: 0x0c,
  B_DIRTY: 0x5c,
  B_RCR: 0x54,
  LOCK_BYTES: 0x400,
  LOCK_STRIDE: 0x400,
} as const;

/** Statistics counters, in layout order, with the names the run summary uses. */
export const FLASH_STATS = [
  ['bytesRead', STATE.S_BYTES_READ],
  ['slowReads', STATE.S_SLOW_READS],
  ['busyReads', STATE.S_BUSY_READS],
  ['wordPrograms', STATE.S_WORD_PROGRAMS],
  ['bufferPrograms', STATE.S_BUFFER_PROGRAMS],
  ['blockErases', STATE.S_BLOCK_ERASES],
  ['chipErases', STATE.S_CHIP_ERASES],
  ['suspends', STATE.S_SUSPENDS],
  ['resumes', STATE.S_RESUMES],
  ['commandErrors', STATE.S_CMD_ERRORS],
  ['invalidations', STATE.S_INVALIDATES],
  ['programmedBytes', STATE.S_PROGRAMMED_BYTES],
] as const;

/**
 * Names in the order of the harness's flashLayoutOffset(i) (test/harness/flash-harness.ts); the last
 * entry is PARAM_VERSION, compared as a value rather than an offset.
 */
export const LAYOUT_FIELD_NAMES: readonly string[] = [
  ...Object.keys(PARAM),
  'CFI_TABLE', 'S_BYTES_READ', 'S_SLOW_READS', 'S_BUSY_READS', 'S_WORD_PROGRAMS', 'S_BUFFER_PROGRAMS',
  'S_BLOCK_ERASES', 'S_CHIP_ERASES', 'S_SUSPENDS', 'S_RESUMES', 'S_CMD_ERRORS', 'S_INVALIDATES',
  'S_PROGRAMMED_BYTES', 'S_LAST_INVAL_ADDR', 'S_LAST_INVAL_LEN', 'BANK_STATE', 'BANK_STRIDE', 'B_MODE',
  'B_SR', 'B_OP', 'B_DIRTY', 'B_RCR', 'LOCK_BYTES', 'LOCK_STRIDE', 'PARAM_VERSION',
];

export function layoutValue(name: string): number {
  if (name === 'PARAM_VERSION') return PARAM_VERSION;
  if (name in PARAM) return PARAM[name as keyof typeof PARAM];
  if (name in STATE) return STATE[name as keyof typeof STATE];
  throw new Error(`unknown flash layout field ${name}`);
}

/** Byte offset (from FLASHCTL_BASE) of a bank record field. */
export function bankField(bank: number, field: number): number {
  return STATE.BANK_STATE + bank * STATE.BANK_STRIDE + field;
}
