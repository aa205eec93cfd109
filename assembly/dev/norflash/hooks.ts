// Calls from the flash device into the rest of the core.
//
// invalidateCode(hostAddr, len): array bytes in [hostAddr, hostAddr+len) of linear memory changed
// (program or erase completed). Pre-decoded instructions covering those bytes are dropped so the hart
// decodes the new contents when the bank is back in read-array mode, and the L1 cache models drop the
// lines of the range (their tags must not claim the old contents are cached). The statistics counter and
// last-range fields stay: tests and the run summary read them.
//
// readConfigChanged(bank): the bank's read configuration register was written (Intel 0x60/0x03). The timed
// core's compiled pages fetched from the bank charge their fetches with the read mode they were compiled
// in (jit/compile.ts emitFlashFetch: asynchronous page mode inline), so the bank's compiled pages go (its
// pre-decoded instructions stay: the array did not change).

import { FLASHCTL_BASE } from "../../layout";
import { S_INVALIDATES, S_LAST_INVAL_ADDR, S_LAST_INVAL_LEN } from "./state";
import { dropCompiledRange, invalidateDecodedRange } from "../../cpu/predecode";
import { FLASH_BANK_BYTES, FLASH_HOST } from "../../layout";
import { timingInvalidateRange } from "../../timing/memory";

export function invalidateCode(hostAddr: u32, len: u32): void {
  store<u64>(FLASHCTL_BASE + S_INVALIDATES, load<u64>(FLASHCTL_BASE + S_INVALIDATES) + 1);
  store<u32>(FLASHCTL_BASE + S_LAST_INVAL_ADDR, hostAddr);
  store<u32>(FLASHCTL_BASE + S_LAST_INVAL_LEN, len);
  invalidateDecodedRange(hostAddr, len);
  timingInvalidateRange(hostAddr, len);
}

export function readConfigChanged(bank: u32): void {
  dropCompiledRange(FLASH_HOST + bank * FLASH_BANK_BYTES, FLASH_BANK_BYTES);
}
