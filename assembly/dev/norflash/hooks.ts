// Calls from the flash device into the rest of the core.
//
// invalidateCode(hostAddr, len): array bytes in [hostAddr, hostAddr+len) of linear memory changed
// (program or erase completed). The core replaces this body with its decoded-instruction and cache-line
// invalidation; keep the name and signature. Until then it only counts calls in the flash statistics.

import { FLASHCTL_BASE } from "../../layout";
import { S_INVALIDATES, S_LAST_INVAL_ADDR, S_LAST_INVAL_LEN } from "./state";

export function invalidateCode(hostAddr: u32, len: u32): void {
  store<u64>(FLASHCTL_BASE + S_INVALIDATES, load<u64>(FLASHCTL_BASE + S_INVALIDATES) + 1);
  store<u32>(FLASHCTL_BASE + S_LAST_INVAL_ADDR, hostAddr);
  store<u32>(FLASHCTL_BASE + S_LAST_INVAL_LEN, len);
}
