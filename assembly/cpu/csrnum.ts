// CSR numbers (privileged spec 2.2, tables 2.2-2.6) and mstatus/mip bit positions (3.1.6, 3.1.9).
// @ts-ignore: decorator
@inline export const CSR_SSTATUS: u32 = 0x100;
// @ts-ignore: decorator
@inline export const CSR_SIE: u32 = 0x104;
// @ts-ignore: decorator
@inline export const CSR_STVEC: u32 = 0x105;
// @ts-ignore: decorator
@inline export const CSR_SCOUNTEREN: u32 = 0x106;
// @ts-ignore: decorator
@inline export const CSR_SENVCFG: u32 = 0x10a;
// @ts-ignore: decorator
@inline export const CSR_SSCRATCH: u32 = 0x140;
// @ts-ignore: decorator
@inline export const CSR_SEPC: u32 = 0x141;
// @ts-ignore: decorator
@inline export const CSR_SCAUSE: u32 = 0x142;
// @ts-ignore: decorator
@inline export const CSR_STVAL: u32 = 0x143;
// @ts-ignore: decorator
@inline export const CSR_SIP: u32 = 0x144;
// @ts-ignore: decorator
@inline export const CSR_SATP: u32 = 0x180;
// @ts-ignore: decorator
@inline export const CSR_MSTATUS: u32 = 0x300;
// @ts-ignore: decorator
@inline export const CSR_MISA: u32 = 0x301;
// @ts-ignore: decorator
@inline export const CSR_MEDELEG: u32 = 0x302;
// @ts-ignore: decorator
@inline export const CSR_MIDELEG: u32 = 0x303;
// @ts-ignore: decorator
@inline export const CSR_MIE: u32 = 0x304;
// @ts-ignore: decorator
@inline export const CSR_MTVEC: u32 = 0x305;
// @ts-ignore: decorator
@inline export const CSR_MCOUNTEREN: u32 = 0x306;
// @ts-ignore: decorator
@inline export const CSR_MENVCFG: u32 = 0x30a;
// @ts-ignore: decorator
@inline export const CSR_MSTATUSH: u32 = 0x310;
// @ts-ignore: decorator
@inline export const CSR_MENVCFGH: u32 = 0x31a;
// @ts-ignore: decorator
@inline export const CSR_MCOUNTINHIBIT: u32 = 0x320;
// @ts-ignore: decorator
@inline export const CSR_MSCRATCH: u32 = 0x340;
// @ts-ignore: decorator
@inline export const CSR_MEPC: u32 = 0x341;
// @ts-ignore: decorator
@inline export const CSR_MCAUSE: u32 = 0x342;
// @ts-ignore: decorator
@inline export const CSR_MTVAL: u32 = 0x343;
// @ts-ignore: decorator
@inline export const CSR_MIP: u32 = 0x344;
// @ts-ignore: decorator
@inline export const CSR_PMPCFG0: u32 = 0x3a0;
// @ts-ignore: decorator
@inline export const CSR_PMPADDR0: u32 = 0x3b0;
// @ts-ignore: decorator
@inline export const CSR_MCYCLE: u32 = 0xb00;
// @ts-ignore: decorator
@inline export const CSR_MINSTRET: u32 = 0xb02;
// @ts-ignore: decorator
@inline export const CSR_MCYCLEH: u32 = 0xb80;
// @ts-ignore: decorator
@inline export const CSR_MINSTRETH: u32 = 0xb82;
// @ts-ignore: decorator
@inline export const CSR_CYCLE: u32 = 0xc00;
// @ts-ignore: decorator
@inline export const CSR_TIME: u32 = 0xc01;
// @ts-ignore: decorator
@inline export const CSR_INSTRET: u32 = 0xc02;
// @ts-ignore: decorator
@inline export const CSR_CYCLEH: u32 = 0xc80;
// @ts-ignore: decorator
@inline export const CSR_TIMEH: u32 = 0xc81;
// @ts-ignore: decorator
@inline export const CSR_INSTRETH: u32 = 0xc82;
// @ts-ignore: decorator
@inline export const CSR_MVENDORID: u32 = 0xf11;
// @ts-ignore: decorator
@inline export const CSR_MARCHID: u32 = 0xf12;
// @ts-ignore: decorator
@inline export const CSR_MIMPID: u32 = 0xf13;
// @ts-ignore: decorator
@inline export const CSR_MHARTID: u32 = 0xf14;
// @ts-ignore: decorator
@inline export const CSR_MCONFIGPTR: u32 = 0xf15;
// Sdtrig (debug spec 1.0 chapter 5) trigger registers, implemented with no triggers (see csr.ts).
// @ts-ignore: decorator
@inline export const CSR_TSELECT: u32 = 0x7a0;
// @ts-ignore: decorator
@inline export const CSR_TDATA1: u32 = 0x7a1;
// @ts-ignore: decorator
@inline export const CSR_TDATA2: u32 = 0x7a2;
// @ts-ignore: decorator
@inline export const CSR_TDATA3: u32 = 0x7a3;
// @ts-ignore: decorator
@inline export const CSR_TINFO: u32 = 0x7a4;

// mstatus bits
// @ts-ignore: decorator
@inline export const MS_SIE: u32 = 1 << 1;
// @ts-ignore: decorator
@inline export const MS_MIE: u32 = 1 << 3;
// @ts-ignore: decorator
@inline export const MS_SPIE: u32 = 1 << 5;
// @ts-ignore: decorator
@inline export const MS_MPIE: u32 = 1 << 7;
// @ts-ignore: decorator
@inline export const MS_SPP: u32 = 1 << 8;
// @ts-ignore: decorator
@inline export const MS_MPP_SHIFT: u32 = 11;
// @ts-ignore: decorator
@inline export const MS_MPP: u32 = 3 << 11;
// @ts-ignore: decorator
@inline export const MS_MPRV: u32 = 1 << 17;
// @ts-ignore: decorator
@inline export const MS_SUM: u32 = 1 << 18;
// @ts-ignore: decorator
@inline export const MS_MXR: u32 = 1 << 19;
// @ts-ignore: decorator
@inline export const MS_TVM: u32 = 1 << 20;
// @ts-ignore: decorator
@inline export const MS_TW: u32 = 1 << 21;
// @ts-ignore: decorator
@inline export const MS_TSR: u32 = 1 << 22;
/** Bits of mstatus software can write (FS/XS/VS are hardwired to 0: no F, D or V). */
// @ts-ignore: decorator
@inline export const MSTATUS_WMASK: u32 = MS_SIE | MS_MIE | MS_SPIE | MS_MPIE | MS_SPP | MS_MPP | MS_MPRV |
  MS_SUM | MS_MXR | MS_TVM | MS_TW | MS_TSR;
/** The sstatus view of mstatus. */
// @ts-ignore: decorator
@inline export const SSTATUS_MASK: u32 = MS_SIE | MS_SPIE | MS_SPP | MS_SUM | MS_MXR;

// interrupt bits in mip/mie (and cause numbers)
// @ts-ignore: decorator
@inline export const IRQ_SSI: u32 = 1;
// @ts-ignore: decorator
@inline export const IRQ_MSI: u32 = 3;
// @ts-ignore: decorator
@inline export const IRQ_STI: u32 = 5;
// @ts-ignore: decorator
@inline export const IRQ_MTI: u32 = 7;
// @ts-ignore: decorator
@inline export const IRQ_SEI: u32 = 9;
// @ts-ignore: decorator
@inline export const IRQ_MEI: u32 = 11;
// @ts-ignore: decorator
@inline export const MIP_SOFT_MASK: u32 = (1 << IRQ_SSI) | (1 << IRQ_STI) | (1 << IRQ_SEI); // writable by M
// @ts-ignore: decorator
@inline export const MIE_MASK: u32 = 0xaaa;
// @ts-ignore: decorator
@inline export const MIDELEG_MASK: u32 = 0x222;
/** Exceptions that can be delegated: all but ecall from M (11) and the reserved 10 and 14. */
// @ts-ignore: decorator
@inline export const MEDELEG_MASK: u32 = 0xb3ff;

// exception causes
// @ts-ignore: decorator
@inline export const EXC_INSN_MISALIGNED: u32 = 0;
// @ts-ignore: decorator
@inline export const EXC_INSN_ACCESS: u32 = 1;
// @ts-ignore: decorator
@inline export const EXC_ILLEGAL: u32 = 2;
// @ts-ignore: decorator
@inline export const EXC_BREAKPOINT: u32 = 3;
// @ts-ignore: decorator
@inline export const EXC_LOAD_MISALIGNED: u32 = 4;
// @ts-ignore: decorator
@inline export const EXC_LOAD_ACCESS: u32 = 5;
// @ts-ignore: decorator
@inline export const EXC_STORE_MISALIGNED: u32 = 6;
// @ts-ignore: decorator
@inline export const EXC_STORE_ACCESS: u32 = 7;
// @ts-ignore: decorator
@inline export const EXC_ECALL_U: u32 = 8;
// @ts-ignore: decorator
@inline export const EXC_ECALL_S: u32 = 9;
// @ts-ignore: decorator
@inline export const EXC_ECALL_M: u32 = 11;
// @ts-ignore: decorator
@inline export const EXC_INSN_PAGE: u32 = 12;
// @ts-ignore: decorator
@inline export const EXC_LOAD_PAGE: u32 = 13;
// @ts-ignore: decorator
@inline export const EXC_STORE_PAGE: u32 = 15;
