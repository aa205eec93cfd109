// The bus's view of the NOR flash device (assembly/dev/norflash): the interface the core calls, re-exported
// in one place so bus.ts, memslow.ts and index.ts name the device through this seam only. The protocol
// (when each call is made, array mode vs command mode) is docs/FLASH.md "Protocol with the core".

export {
  flashReset, flashArrayMode, flashReadSlow, flashWrite, flashReadCycles, flashFillCycles,
} from '../dev/norflash/index';
