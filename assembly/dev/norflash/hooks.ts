// Calls from the flash device into the rest of the core.
//
// invalidateCode(hostAddr, len): array bytes in [hostAddr, hostAddr+len) of linear memory changed
// (program or erase completed). Pre-decoded instructions covering those bytes are dropped so the hart
// decodes the new contents when the bank is back in read-array mode, and the L1 cache models drop the
// lines of the range (their tags must not claim the old contents are cached). The statistics counter and
// last-range fields stay: tests and the run summary read them.

import { FLASHCTL_BASE } from "../../layout";
import { S_INVALIDATES, S_LAST_INVAL_ADDR, S_LAST_INVAL_LEN } from "./state";
import { invalidateDecodedRange } from "../../cpu/predecode";
import { timingInvalidateRange } from "../../timing/memory";

export function invalidateCode(hostAddr: u32, len: u32): void {
  store<u64>(FLASHCTL_BASE + S_INVALIDATES, load<u64>(FLASHCTL_BASE + S_INVALIDATES) + 1);
  store<u32>(FLASHCTL_BASE + S_LAST_INVAL_ADDR, hostAddr);
  store<u32>(FLASHCTL_BASE + S_LAST_INVAL_LEN, len);
  invalidateDecodedRange(hostAddr, len);
  timingInvalidateRange(hostAddr, len);
}
