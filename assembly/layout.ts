// The core's linear-memory map: every region the core and the host share, laid out in this one place.
//
// Regions are chained at compile-time constant addresses so the hot path folds them into wasm memarg
// offsets. The host never hard-codes these numbers: it reads them through the exported region table
// (see assembly/index.ts `regionBase`/`regionSize` and src/core/regions.ts), and a test checks that no
// two regions overlap. Guest RAM is last because its size comes from the board profile; the host creates
// the wasm memory large enough for RAM_HOST + ram size (the memory is imported and never grown).

// @ts-ignore: decorator
@inline export const PAGE_BYTES: u32 = 4096;

/** Hart state: x0..x31, a sink slot (index 32) that takes writes to x0, then pc/priv and friends. */
// @ts-ignore: decorator
@inline export const HART_BASE: u32 = 0x1000;
// @ts-ignore: decorator
@inline export const HART_SIZE: u32 = 0x1000;
/** CSR backing store: one u32 per CSR number (4096 of them), for the CSRs that are plain storage. */
// @ts-ignore: decorator
@inline export const CSR_BASE: u32 = 0x2000;
// @ts-ignore: decorator
@inline export const CSR_SIZE: u32 = 0x4000;
/** Mailbox: stop reason, trap cause/tval/pc for host traps, exit code. Layout in assembly/mailbox.ts. */
// @ts-ignore: decorator
@inline export const MAILBOX_BASE: u32 = 0x6000;
// @ts-ignore: decorator
@inline export const MAILBOX_SIZE: u32 = 0x100;
/** The versioned configuration struct the host writes before configure(). Layout in assembly/config.ts. */
// @ts-ignore: decorator
@inline export const CONFIG_BASE: u32 = 0x6100;
// @ts-ignore: decorator
@inline export const CONFIG_SIZE: u32 = 0x700;
/** Statistics: u64 counters (cycles, instret, TLB, cache, flash...). Layout in assembly/stats.ts. */
// @ts-ignore: decorator
@inline export const STATS_BASE: u32 = 0x6800;
// @ts-ignore: decorator
@inline export const STATS_SIZE: u32 = 0x800;
/** Soft TLBs (host acceleration, a strict subset of the modelled TLBs): load and store tables. */
// @ts-ignore: decorator
@inline export const SOFTTLB_BASE: u32 = 0x7000;
// @ts-ignore: decorator
@inline export const SOFTTLB_SIZE: u32 = 0x1000;
/** Modelled instruction and data TLBs (entries x 16 bytes, up to 256 entries each). */
// @ts-ignore: decorator
@inline export const ITLB_BASE: u32 = 0x8000;
// @ts-ignore: decorator
@inline export const DTLB_BASE: u32 = 0x9000;
// @ts-ignore: decorator
@inline export const TLB_SIZE: u32 = 0x1000;
/** NOR flash parameters (host-written) and state (device-owned); layout in assembly/dev/norflash/. */
// @ts-ignore: decorator
@inline export const FLASHCTL_BASE: u32 = 0xA000;
// @ts-ignore: decorator
@inline export const FLASHCTL_SIZE: u32 = 0x1000;
/** Cycle cost table (per internal op id) and other timing parameters. */
// @ts-ignore: decorator
@inline export const TIMING_BASE: u32 = 0xB000;
// @ts-ignore: decorator
@inline export const TIMING_SIZE: u32 = 0x1000;
/** UART transmit ring (guest to host) and receive ring (host to guest). */
// @ts-ignore: decorator
@inline export const UART_TX_BASE: u32 = 0xC000;
// @ts-ignore: decorator
@inline export const UART_TX_SIZE: u32 = 0x4000;
// @ts-ignore: decorator
@inline export const UART_RX_BASE: u32 = 0x10000;
// @ts-ignore: decorator
@inline export const UART_RX_SIZE: u32 = 0x1000;
/** Trace ring buffer (timed + trace build), drained by the host. */
// @ts-ignore: decorator
@inline export const TRACE_BASE: u32 = 0x20000;
// @ts-ignore: decorator
@inline export const TRACE_SIZE: u32 = 0x20000;
/** L1 instruction and data cache tag arrays (timing models only). */
// @ts-ignore: decorator
@inline export const ICACHE_BASE: u32 = 0x40000;
// @ts-ignore: decorator
@inline export const DCACHE_BASE: u32 = 0x50000;
// @ts-ignore: decorator
@inline export const CACHE_SIZE: u32 = 0x10000;
/** The caches' per-set records of the most recently used line (u32 per set, up to 8192 sets; cache/cache.ts).
 * Core-internal; compiled pages read them. */
// @ts-ignore: decorator
@inline export const ICACHE_MRU_BASE: u32 = 0xF0000;
// @ts-ignore: decorator
@inline export const DCACHE_MRU_BASE: u32 = 0xF8000;
// @ts-ignore: decorator
@inline export const CACHE_MRU_SIZE: u32 = 0x8000;
/** The caches' way memos (timing/memory.ts): 1024 entries x 8 bytes each, D then I. Core-internal. */
// @ts-ignore: decorator
@inline export const CACHE_MEMO_BASE: u32 = 0x19000;
// @ts-ignore: decorator
@inline export const CACHE_MEMO_SIZE: u32 = 0x4000;
/** Decode directory: one u16 per 4 KiB page of the backing slab (flash + RAM), 0 = no decoded page. */
// @ts-ignore: decorator
@inline export const DECODE_DIR_BASE: u32 = 0x60000;
// @ts-ignore: decorator
@inline export const DECODE_DIR_SIZE: u32 = 0x88000;
/** AssemblyScript's own static data and stub heap live in [ASDATA_BASE, DECODE_POOL_BASE). */
/** The page compiler (assembly/jit/): per decode-pool page state, 16 bytes each. */
// @ts-ignore: decorator
@inline export const JIT_DIR_BASE: u32 = 0xE8000;
// @ts-ignore: decorator
@inline export const JIT_DIR_SIZE: u32 = 0x8000;

// @ts-ignore: decorator
@inline export const ASDATA_BASE: u32 = 0x100000;
/** Decode pool: pre-decoded instruction slots, 8 bytes per 2-byte instruction slot, 16 KiB per page. */
/** Where the page compiler writes a wasm module for the host to instantiate: the top 128 KiB of the 1 MiB
 * above asc's --memoryBase (AssemblyScript's static data and stub heap use a few KiB at its bottom). Its
 * size caps a page function (a larger page stays interpreted), which bounds V8's memory for compiling it. */
// @ts-ignore: decorator
@inline export const JIT_BUF_BASE: u32 = 0x1E0000;
// @ts-ignore: decorator
@inline export const JIT_BUF_SIZE: u32 = 0x20000;
// @ts-ignore: decorator
@inline export const DECODE_POOL_BASE: u32 = 0x200000;
// @ts-ignore: decorator
@inline export const DECODE_PAGE_BYTES: u32 = 0x4000;
// @ts-ignore: decorator
@inline export const DECODE_POOL_PAGES: u32 = 2048;
// @ts-ignore: decorator
@inline export const DECODE_POOL_SIZE: u32 = 0x2000000;
/** NOR flash arrays: bank 0 then bank 1, 32 MiB each (the slab starts here). */
// @ts-ignore: decorator
@inline export const FLASH_HOST: u32 = 0x2200000;
// @ts-ignore: decorator
@inline export const FLASH_BANK_BYTES: u32 = 0x2000000;
// @ts-ignore: decorator
@inline export const FLASH_BANKS: u32 = 2;
/** Guest RAM, at the end; its size is set by the board profile (at most RAM_MAX_BYTES). */
// @ts-ignore: decorator
@inline export const RAM_HOST: u32 = 0x6200000;
// @ts-ignore: decorator
@inline export const RAM_MAX_BYTES: u32 = 0x40000000;

/** Guest physical addresses of the board (DESIGN section 3). */
// @ts-ignore: decorator
@inline export const PA_FINISHER: u32 = 0x00100000;
// @ts-ignore: decorator
@inline export const PA_CLINT: u32 = 0x02000000;
// @ts-ignore: decorator
@inline export const PA_UART: u32 = 0x10000000;
// @ts-ignore: decorator
@inline export const PA_FLASH0: u32 = 0x20000000;
// @ts-ignore: decorator
@inline export const PA_FLASH1: u32 = 0x22000000;
// @ts-ignore: decorator
@inline export const PA_RAM: u32 = 0x80000000;
