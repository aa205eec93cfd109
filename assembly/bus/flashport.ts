// The bus's view of the NOR flash device (assembly/dev/norflash). Until the device is wired in, flash
// banks behave as read-only memory in read-array mode: reads come from the array, writes are ignored.
// FLASH-PORT: replaced by re-exports of assembly/dev/norflash/index.ts when the device lands.

export function flashReset(): void {}
export function flashArrayMode(bank: u32): bool { return true; }
export function flashReadSlow(bank: u32, off: u32, size: u32, now: u64): u32 { return 0; }
export function flashWrite(bank: u32, off: u32, size: u32, value: u32, now: u64): void {}
export function flashReadCycles(bank: u32, off: u32, size: u32): u32 { return 0; }
