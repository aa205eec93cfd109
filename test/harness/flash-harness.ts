// Test harness entry: compiles the NOR flash device alone (no hart) so test/flash-*.test.ts can drive it
// with datasheet command sequences. Re-exports the device interface plus the layout offsets, which the
// layout test compares with src/flash/layout.ts field by field.

export {
  flashReset, flashArrayMode, flashReadSlow, flashWrite, flashReadCycles, flashFillCycles,
} from "../../assembly/dev/norflash/index";

import { FLASHCTL_BASE, FLASH_HOST, FLASH_BANK_BYTES } from "../../assembly/layout";
import * as P from "../../assembly/dev/norflash/params";
import * as S from "../../assembly/dev/norflash/state";

export function flashctlBase(): u32 { return FLASHCTL_BASE; }
export function flashHost(): u32 { return FLASH_HOST; }
export function flashBankBytes(): u32 { return FLASH_BANK_BYTES; }

/**
 * Offset of layout field `i`, in the order of LAYOUT_FIELD_NAMES in src/flash/layout.ts; ~0 past the end.
 * Keep both lists in the same order (the test fails on any mismatch).
 */
export function flashLayoutOffset(i: u32): u32 {
  switch (i) {
    case 0: return P.P_VERSION;
    case 1: return P.P_CMDSET;
    case 2: return P.P_BANKS;
    case 3: return P.P_CHIP_WIDTH;
    case 4: return P.P_INTERLEAVE;
    case 5: return P.P_CHIP_BYTES;
    case 6: return P.P_REGION_COUNT;
    case 7: return P.P_PAGE_WORDS;
    case 8: return P.P_T_ACC;
    case 9: return P.P_T_PAGE;
    case 10: return P.P_BURST_CLK;
    case 11: return P.P_BUFFER_WORDS;
    case 12: return P.P_FLAGS;
    case 13: return P.P_MFR_ID;
    case 14: return P.P_DEV_ID;
    case 15: return P.P_DEV_ID2;
    case 16: return P.P_DEV_ID3;
    case 17: return P.P_RCR_DEFAULT;
    case 18: return P.P_CFI_VCC_MIN;
    case 19: return P.P_CFI_VCC_MAX;
    case 20: return P.P_CFI_VPP_MIN;
    case 21: return P.P_CFI_VPP_MAX;
    case 22: return P.P_CFI_WORD_TYP_US;
    case 23: return P.P_CFI_WORD_MAX_US;
    case 24: return P.P_CFI_BUF_TYP_US;
    case 25: return P.P_CFI_BUF_MAX_US;
    case 26: return P.P_CFI_ERASE_TYP_MS;
    case 27: return P.P_CFI_ERASE_MAX_MS;
    case 28: return P.P_CFI_CHIP_TYP_MS;
    case 29: return P.P_CFI_CHIP_MAX_MS;
    case 30: return P.P_CFI_INTERFACE;
    case 31: return P.P_WORD_PROGRAM_CYC;
    case 32: return P.P_BUFFER_PROGRAM_CYC;
    case 33: return P.P_CHIP_ERASE_CYC;
    case 34: return P.P_ERASE_SUSPEND_CYC;
    case 35: return P.P_PROGRAM_SUSPEND_CYC;
    case 36: return P.P_ERASE_WINDOW_CYC;
    case 37: return P.P_REGIONS;
    case 38: return P.REGION_STRIDE;
    case 39: return P.R_BLOCKS;
    case 40: return P.R_BLOCK_BYTES;
    case 41: return P.R_ERASE_CYC;
    case 42: return P.P_END;
    case 43: return S.CFI_TABLE;
    case 44: return S.S_BYTES_READ;
    case 45: return S.S_SLOW_READS;
    case 46: return S.S_BUSY_READS;
    case 47: return S.S_WORD_PROGRAMS;
    case 48: return S.S_BUFFER_PROGRAMS;
    case 49: return S.S_BLOCK_ERASES;
    case 50: return S.S_CHIP_ERASES;
    case 51: return S.S_SUSPENDS;
    case 52: return S.S_RESUMES;
    case 53: return S.S_CMD_ERRORS;
    case 54: return S.S_INVALIDATES;
    case 55: return S.S_PROGRAMMED_BYTES;
    case 56: return S.S_LAST_INVAL_ADDR;
    case 57: return S.S_LAST_INVAL_LEN;
    case 58: return S.BANK_STATE;
    case 59: return S.BANK_STRIDE;
    case 60: return S.B_MODE;
    case 61: return S.B_SR;
    case 62: return S.B_OP;
    case 63: return S.B_DIRTY;
    case 64: return S.B_RCR;
    case 65: return S.LOCK_BYTES;
    case 66: return S.LOCK_STRIDE;
    case 67: return P.PARAM_VERSION;
    default: return 0xffffffff;
  }
}
