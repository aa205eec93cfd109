// Internal operation ids: dense, so the execute switch compiles to one br_table. A 16-bit (RVC)
// instruction expands to the same op as its 32-bit form; only its length differs (a flag in the slot).
//
// Pre-decoded slot (8 bytes, one per 2-byte instruction position, see cpu/decode.ts):
//   u32 w:  bits 0-7 op, bits 8-13 rd (0..32; x0 is remapped to the sink register 32),
//           bit 15 set for a 16-bit instruction, bits 16-23 rs1, bits 24-31 rs2
//   i32 imm: immediate (or the CSR number, or the raw bits for OP_ILLEGAL)

// @ts-ignore: decorator
@inline export const OP_DECODE: u32 = 0;   // slot not decoded yet: decode it and dispatch again
// @ts-ignore: decorator
@inline export const OP_CROSS: u32 = 1;    // 32-bit instruction straddling a page: fetched on the slow path
// @ts-ignore: decorator
@inline export const OP_ILLEGAL: u32 = 2;
// @ts-ignore: decorator
@inline export const OP_ADD: u32 = 3;
// @ts-ignore: decorator
@inline export const OP_SUB: u32 = 4;
// @ts-ignore: decorator
@inline export const OP_SLL: u32 = 5;
// @ts-ignore: decorator
@inline export const OP_SLT: u32 = 6;
// @ts-ignore: decorator
@inline export const OP_SLTU: u32 = 7;
// @ts-ignore: decorator
@inline export const OP_XOR: u32 = 8;
// @ts-ignore: decorator
@inline export const OP_SRL: u32 = 9;
// @ts-ignore: decorator
@inline export const OP_SRA: u32 = 10;
// @ts-ignore: decorator
@inline export const OP_OR: u32 = 11;
// @ts-ignore: decorator
@inline export const OP_AND: u32 = 12;
// @ts-ignore: decorator
@inline export const OP_ADDI: u32 = 13;
// @ts-ignore: decorator
@inline export const OP_SLTI: u32 = 14;
// @ts-ignore: decorator
@inline export const OP_SLTIU: u32 = 15;
// @ts-ignore: decorator
@inline export const OP_XORI: u32 = 16;
// @ts-ignore: decorator
@inline export const OP_ORI: u32 = 17;
// @ts-ignore: decorator
@inline export const OP_ANDI: u32 = 18;
// @ts-ignore: decorator
@inline export const OP_SLLI: u32 = 19;
// @ts-ignore: decorator
@inline export const OP_SRLI: u32 = 20;
// @ts-ignore: decorator
@inline export const OP_SRAI: u32 = 21;
// @ts-ignore: decorator
@inline export const OP_LUI: u32 = 22;
// @ts-ignore: decorator
@inline export const OP_AUIPC: u32 = 23;
// @ts-ignore: decorator
@inline export const OP_JAL: u32 = 24;
// @ts-ignore: decorator
@inline export const OP_JALR: u32 = 25;
// @ts-ignore: decorator
@inline export const OP_BEQ: u32 = 26;
// @ts-ignore: decorator
@inline export const OP_BNE: u32 = 27;
// @ts-ignore: decorator
@inline export const OP_BLT: u32 = 28;
// @ts-ignore: decorator
@inline export const OP_BGE: u32 = 29;
// @ts-ignore: decorator
@inline export const OP_BLTU: u32 = 30;
// @ts-ignore: decorator
@inline export const OP_BGEU: u32 = 31;
// @ts-ignore: decorator
@inline export const OP_LB: u32 = 32;
// @ts-ignore: decorator
@inline export const OP_LH: u32 = 33;
// @ts-ignore: decorator
@inline export const OP_LW: u32 = 34;
// @ts-ignore: decorator
@inline export const OP_LBU: u32 = 35;
// @ts-ignore: decorator
@inline export const OP_LHU: u32 = 36;
// @ts-ignore: decorator
@inline export const OP_SB: u32 = 37;
// @ts-ignore: decorator
@inline export const OP_SH: u32 = 38;
// @ts-ignore: decorator
@inline export const OP_SW: u32 = 39;
// @ts-ignore: decorator
@inline export const OP_FENCE: u32 = 40;
// @ts-ignore: decorator
@inline export const OP_FENCE_I: u32 = 41;
// @ts-ignore: decorator
@inline export const OP_ECALL: u32 = 42;
// @ts-ignore: decorator
@inline export const OP_EBREAK: u32 = 43;
// @ts-ignore: decorator
@inline export const OP_MRET: u32 = 44;
// @ts-ignore: decorator
@inline export const OP_SRET: u32 = 45;
// @ts-ignore: decorator
@inline export const OP_WFI: u32 = 46;
// @ts-ignore: decorator
@inline export const OP_SFENCE_VMA: u32 = 47;
// @ts-ignore: decorator
@inline export const OP_CSRRW: u32 = 48;
// @ts-ignore: decorator
@inline export const OP_CSRRS: u32 = 49;
// @ts-ignore: decorator
@inline export const OP_CSRRC: u32 = 50;
// @ts-ignore: decorator
@inline export const OP_CSRRWI: u32 = 51;
// @ts-ignore: decorator
@inline export const OP_CSRRSI: u32 = 52;
// @ts-ignore: decorator
@inline export const OP_CSRRCI: u32 = 53;
// @ts-ignore: decorator
@inline export const OP_MUL: u32 = 54;
// @ts-ignore: decorator
@inline export const OP_MULH: u32 = 55;
// @ts-ignore: decorator
@inline export const OP_MULHSU: u32 = 56;
// @ts-ignore: decorator
@inline export const OP_MULHU: u32 = 57;
// @ts-ignore: decorator
@inline export const OP_DIV: u32 = 58;
// @ts-ignore: decorator
@inline export const OP_DIVU: u32 = 59;
// @ts-ignore: decorator
@inline export const OP_REM: u32 = 60;
// @ts-ignore: decorator
@inline export const OP_REMU: u32 = 61;
// @ts-ignore: decorator
@inline export const OP_LR_W: u32 = 62;
// @ts-ignore: decorator
@inline export const OP_SC_W: u32 = 63;
// @ts-ignore: decorator
@inline export const OP_AMOSWAP_W: u32 = 64;
// @ts-ignore: decorator
@inline export const OP_AMOADD_W: u32 = 65;
// @ts-ignore: decorator
@inline export const OP_AMOXOR_W: u32 = 66;
// @ts-ignore: decorator
@inline export const OP_AMOAND_W: u32 = 67;
// @ts-ignore: decorator
@inline export const OP_AMOOR_W: u32 = 68;
// @ts-ignore: decorator
@inline export const OP_AMOMIN_W: u32 = 69;
// @ts-ignore: decorator
@inline export const OP_AMOMAX_W: u32 = 70;
// @ts-ignore: decorator
@inline export const OP_AMOMINU_W: u32 = 71;
// @ts-ignore: decorator
@inline export const OP_AMOMAXU_W: u32 = 72;
// @ts-ignore: decorator
@inline export const OP_COUNT: u32 = 73;
