// Instruction decoding as data: one table of {mnemonic, match, mask, format, op}, searched once per
// instruction position (the result is cached in the pre-decoded slot, so this is not the hot path).
// RV32I, M, A, Zicsr, Zifencei, the privileged instructions, and RV32C, whose entries expand to the
// same internal ops as the 32-bit forms (RISC-V unprivileged spec, chapters 2, 7, 8, 9, 16; privileged
// spec 3.3). "Special" entries are specialisations of a broader entry (c.nop of c.addi, c.jr of c.mv,
// ...): they are listed first and test/decode.test.ts checks that no other pair of entries overlaps.
import { OP_ADD, OP_ADDI, OP_AMOADD_W, OP_AMOAND_W, OP_AMOMAXU_W, OP_AMOMAX_W, OP_AMOMINU_W, OP_AMOMIN_W,
  OP_AMOOR_W, OP_AMOSWAP_W, OP_AMOXOR_W, OP_AND, OP_ANDI, OP_AUIPC, OP_BEQ, OP_BGE, OP_BGEU, OP_BLT,
  OP_BLTU, OP_BNE, OP_CSRRC, OP_CSRRCI, OP_CSRRS, OP_CSRRSI, OP_CSRRW, OP_CSRRWI, OP_DIV, OP_DIVU,
  OP_EBREAK, OP_ECALL, OP_FENCE, OP_FENCE_I, OP_ILLEGAL, OP_JAL, OP_JALR, OP_LB, OP_LBU, OP_LH, OP_LHU,
  OP_LR_W, OP_LUI, OP_LW, OP_MRET, OP_MUL, OP_MULH, OP_MULHSU, OP_MULHU, OP_OR, OP_ORI, OP_REM, OP_REMU,
  OP_SB, OP_SC_W, OP_SFENCE_VMA, OP_SH, OP_SLL, OP_SLLI, OP_SLT, OP_SLTI, OP_SLTIU, OP_SLTU, OP_SRA,
  OP_SRAI, OP_SRET, OP_SRL, OP_SRLI, OP_SUB, OP_SW, OP_WFI, OP_XOR, OP_XORI } from './ops';

// Operand formats: how the fields of the raw instruction become rd/rs1/rs2/imm.
const F_R: u8 = 0;        // rd, rs1, rs2
const F_I: u8 = 1;        // rd, rs1, imm[11:0]
const F_S: u8 = 2;        // rs1, rs2, store offset
const F_B: u8 = 3;        // rs1, rs2, branch offset
const F_U: u8 = 4;        // rd, imm[31:12]
const F_J: u8 = 5;        // rd, jump offset
const F_SHAMT: u8 = 6;    // rd, rs1, shamt[4:0] (shamt[5] is in the mask: RV32 makes it illegal)
const F_CSR: u8 = 7;      // rd, rs1, csr number in imm
const F_CSRI: u8 = 8;     // rd, zimm in the rs1 field (a value, not a register), csr number in imm
const F_NONE: u8 = 9;     // no operands
const F_SFENCE: u8 = 10;  // rs1, rs2
// Compressed formats (unprivileged spec 16.2-16.8); each names the 32-bit form it expands to.
const C_ADDI4SPN: u8 = 20; // addi rd', x2, nzuimm       (nzuimm == 0 is reserved)
const C_LW: u8 = 21;       // lw rd', off(rs1')
const C_SW: u8 = 22;       // sw rs2', off(rs1')
const C_ADDI: u8 = 23;     // addi rd, rd, imm6          (c.nop: rd == 0)
const C_JAL: u8 = 24;      // jal x1, off
const C_LI: u8 = 25;       // addi rd, x0, imm6
const C_ADDI16SP: u8 = 26; // addi x2, x2, nzimm         (nzimm == 0 is reserved)
const C_LUI: u8 = 27;      // lui rd, nzimm              (nzimm == 0 is reserved)
const C_SHIFT_R: u8 = 28;  // srli/srai rd', rd', shamt
const C_ANDI: u8 = 29;     // andi rd', rd', imm6
const C_ALU: u8 = 30;      // sub/xor/or/and rd', rd', rs2'
const C_J: u8 = 31;        // jal x0, off
const C_BZ: u8 = 32;       // beq/bne rs1', x0, off
const C_SLLI: u8 = 33;     // slli rd, rd, shamt
const C_LWSP: u8 = 34;     // lw rd, off(x2)             (rd == 0 is reserved)
const C_JR: u8 = 35;       // jalr x0, 0(rs1)            (rs1 == 0 is reserved)
const C_MV: u8 = 36;       // add rd, x0, rs2
const C_EBREAK: u8 = 37;   // ebreak
const C_JALR: u8 = 38;     // jalr x1, 0(rs1)
const C_ADD: u8 = 39;      // add rd, rd, rs2
const C_SWSP: u8 = 40;     // sw rs2, off(x2)

// @ts-ignore: decorator
@inline const MAX_ENTRIES: i32 = 128;
const tMatch = new StaticArray<u32>(MAX_ENTRIES);
const tMask = new StaticArray<u32>(MAX_ENTRIES);
const tFmt = new StaticArray<u8>(MAX_ENTRIES);
const tOp = new StaticArray<u8>(MAX_ENTRIES);
const tSpecial = new StaticArray<u8>(MAX_ENTRIES);
let tCount: i32 = 0;
let tNames: string = '';

function def(name: string, match: u32, mask: u32, fmt: u8, op: u32, special: u8 = 0): void {
  unchecked((tMatch[tCount] = match));
  unchecked((tMask[tCount] = mask));
  unchecked((tFmt[tCount] = fmt));
  unchecked((tOp[tCount] = <u8>op));
  unchecked((tSpecial[tCount] = special));
  tNames += (tCount > 0 ? ',' : '') + name;
  tCount++;
}

// ---- the table: specialisations first (special = 1), then everything else ----
def('c.nop', 0x0001, 0xef83, C_ADDI, OP_ADDI, 1);
def('c.addi16sp', 0x6101, 0xef83, C_ADDI16SP, OP_ADDI, 1);
def('c.ebreak', 0x9002, 0xffff, C_EBREAK, OP_EBREAK, 1);
def('c.jr', 0x8002, 0xf07f, C_JR, OP_JALR, 1);
def('c.jalr', 0x9002, 0xf07f, C_JALR, OP_JALR, 1);
// RV32C quadrant 0
def('c.addi4spn', 0x0000, 0xe003, C_ADDI4SPN, OP_ADDI);
def('c.lw', 0x4000, 0xe003, C_LW, OP_LW);
def('c.sw', 0xc000, 0xe003, C_SW, OP_SW);
// RV32C quadrant 1
def('c.addi', 0x0001, 0xe003, C_ADDI, OP_ADDI);
def('c.jal', 0x2001, 0xe003, C_JAL, OP_JAL);
def('c.li', 0x4001, 0xe003, C_LI, OP_ADDI);
def('c.lui', 0x6001, 0xe003, C_LUI, OP_LUI);
def('c.srli', 0x8001, 0xfc03, C_SHIFT_R, OP_SRLI);
def('c.srai', 0x8401, 0xfc03, C_SHIFT_R, OP_SRAI);
def('c.andi', 0x8801, 0xec03, C_ANDI, OP_ANDI);
def('c.sub', 0x8c01, 0xfc63, C_ALU, OP_SUB);
def('c.xor', 0x8c21, 0xfc63, C_ALU, OP_XOR);
def('c.or', 0x8c41, 0xfc63, C_ALU, OP_OR);
def('c.and', 0x8c61, 0xfc63, C_ALU, OP_AND);
def('c.j', 0xa001, 0xe003, C_J, OP_JAL);
def('c.beqz', 0xc001, 0xe003, C_BZ, OP_BEQ);
def('c.bnez', 0xe001, 0xe003, C_BZ, OP_BNE);
// RV32C quadrant 2
def('c.slli', 0x0002, 0xf003, C_SLLI, OP_SLLI);
def('c.lwsp', 0x4002, 0xe003, C_LWSP, OP_LW);
def('c.mv', 0x8002, 0xf003, C_MV, OP_ADD);
def('c.add', 0x9002, 0xf003, C_ADD, OP_ADD);
def('c.swsp', 0xc002, 0xe003, C_SWSP, OP_SW);
// RV32I
def('lui', 0x00000037, 0x0000007f, F_U, OP_LUI);
def('auipc', 0x00000017, 0x0000007f, F_U, OP_AUIPC);
def('jal', 0x0000006f, 0x0000007f, F_J, OP_JAL);
def('jalr', 0x00000067, 0x0000707f, F_I, OP_JALR);
def('beq', 0x00000063, 0x0000707f, F_B, OP_BEQ);
def('bne', 0x00001063, 0x0000707f, F_B, OP_BNE);
def('blt', 0x00004063, 0x0000707f, F_B, OP_BLT);
def('bge', 0x00005063, 0x0000707f, F_B, OP_BGE);
def('bltu', 0x00006063, 0x0000707f, F_B, OP_BLTU);
def('bgeu', 0x00007063, 0x0000707f, F_B, OP_BGEU);
def('lb', 0x00000003, 0x0000707f, F_I, OP_LB);
def('lh', 0x00001003, 0x0000707f, F_I, OP_LH);
def('lw', 0x00002003, 0x0000707f, F_I, OP_LW);
def('lbu', 0x00004003, 0x0000707f, F_I, OP_LBU);
def('lhu', 0x00005003, 0x0000707f, F_I, OP_LHU);
def('sb', 0x00000023, 0x0000707f, F_S, OP_SB);
def('sh', 0x00001023, 0x0000707f, F_S, OP_SH);
def('sw', 0x00002023, 0x0000707f, F_S, OP_SW);
def('addi', 0x00000013, 0x0000707f, F_I, OP_ADDI);
def('slti', 0x00002013, 0x0000707f, F_I, OP_SLTI);
def('sltiu', 0x00003013, 0x0000707f, F_I, OP_SLTIU);
def('xori', 0x00004013, 0x0000707f, F_I, OP_XORI);
def('ori', 0x00006013, 0x0000707f, F_I, OP_ORI);
def('andi', 0x00007013, 0x0000707f, F_I, OP_ANDI);
def('slli', 0x00001013, 0xfe00707f, F_SHAMT, OP_SLLI);
def('srli', 0x00005013, 0xfe00707f, F_SHAMT, OP_SRLI);
def('srai', 0x40005013, 0xfe00707f, F_SHAMT, OP_SRAI);
def('add', 0x00000033, 0xfe00707f, F_R, OP_ADD);
def('sub', 0x40000033, 0xfe00707f, F_R, OP_SUB);
def('sll', 0x00001033, 0xfe00707f, F_R, OP_SLL);
def('slt', 0x00002033, 0xfe00707f, F_R, OP_SLT);
def('sltu', 0x00003033, 0xfe00707f, F_R, OP_SLTU);
def('xor', 0x00004033, 0xfe00707f, F_R, OP_XOR);
def('srl', 0x00005033, 0xfe00707f, F_R, OP_SRL);
def('sra', 0x40005033, 0xfe00707f, F_R, OP_SRA);
def('or', 0x00006033, 0xfe00707f, F_R, OP_OR);
def('and', 0x00007033, 0xfe00707f, F_R, OP_AND);
def('fence', 0x0000000f, 0x0000707f, F_NONE, OP_FENCE);
// Zifencei
def('fence.i', 0x0000100f, 0x0000707f, F_NONE, OP_FENCE_I);
// System and privileged
def('ecall', 0x00000073, 0xffffffff, F_NONE, OP_ECALL);
def('ebreak', 0x00100073, 0xffffffff, F_NONE, OP_EBREAK);
def('sret', 0x10200073, 0xffffffff, F_NONE, OP_SRET);
def('mret', 0x30200073, 0xffffffff, F_NONE, OP_MRET);
def('wfi', 0x10500073, 0xffffffff, F_NONE, OP_WFI);
def('sfence.vma', 0x12000073, 0xfe007fff, F_SFENCE, OP_SFENCE_VMA);
// Zicsr
def('csrrw', 0x00001073, 0x0000707f, F_CSR, OP_CSRRW);
def('csrrs', 0x00002073, 0x0000707f, F_CSR, OP_CSRRS);
def('csrrc', 0x00003073, 0x0000707f, F_CSR, OP_CSRRC);
def('csrrwi', 0x00005073, 0x0000707f, F_CSRI, OP_CSRRWI);
def('csrrsi', 0x00006073, 0x0000707f, F_CSRI, OP_CSRRSI);
def('csrrci', 0x00007073, 0x0000707f, F_CSRI, OP_CSRRCI);
// M
def('mul', 0x02000033, 0xfe00707f, F_R, OP_MUL);
def('mulh', 0x02001033, 0xfe00707f, F_R, OP_MULH);
def('mulhsu', 0x02002033, 0xfe00707f, F_R, OP_MULHSU);
def('mulhu', 0x02003033, 0xfe00707f, F_R, OP_MULHU);
def('div', 0x02004033, 0xfe00707f, F_R, OP_DIV);
def('divu', 0x02005033, 0xfe00707f, F_R, OP_DIVU);
def('rem', 0x02006033, 0xfe00707f, F_R, OP_REM);
def('remu', 0x02007033, 0xfe00707f, F_R, OP_REMU);
// A (aq/rl bits 26:25 are free: this hart is in order and single, so every AMO is sequentially consistent)
def('lr.w', 0x1000202f, 0xf9f0707f, F_R, OP_LR_W);
def('sc.w', 0x1800202f, 0xf800707f, F_R, OP_SC_W);
def('amoswap.w', 0x0800202f, 0xf800707f, F_R, OP_AMOSWAP_W);
def('amoadd.w', 0x0000202f, 0xf800707f, F_R, OP_AMOADD_W);
def('amoxor.w', 0x2000202f, 0xf800707f, F_R, OP_AMOXOR_W);
def('amoand.w', 0x6000202f, 0xf800707f, F_R, OP_AMOAND_W);
def('amoor.w', 0x4000202f, 0xf800707f, F_R, OP_AMOOR_W);
def('amomin.w', 0x8000202f, 0xf800707f, F_R, OP_AMOMIN_W);
def('amomax.w', 0xa000202f, 0xf800707f, F_R, OP_AMOMAX_W);
def('amominu.w', 0xc000202f, 0xf800707f, F_R, OP_AMOMINU_W);
def('amomaxu.w', 0xe000202f, 0xf800707f, F_R, OP_AMOMAXU_W);

// ---- table access for the host's checks (test/decode.test.ts) ----
export function decodeTableSize(): i32 { return tCount; }
export function decodeTableMatch(i: i32): u32 { return unchecked(tMatch[i]); }
export function decodeTableMask(i: i32): u32 { return unchecked(tMask[i]); }
export function decodeTableSpecial(i: i32): u32 { return unchecked(tSpecial[i]); }
export function decodeTableNames(): string { return tNames; }

/** Index of the table entry that matches raw (a 16-bit instruction has its upper half zero), or -1. */
export function decodeLookup(raw: u32): i32 {
  const is16 = (raw & 3) != 3;
  for (let i = 0; i < tCount; i++) {
    const match = unchecked(tMatch[i]);
    // 16-bit entries match low bits other than 11; 32-bit entries match low bits 11.
    if (((match & 3) != 3) != is16) continue;
    if ((raw & unchecked(tMask[i])) == match) return i;
  }
  return -1;
}

// @ts-ignore: decorator
@inline function sext(v: u32, bits: u32): i32 {
  return (<i32>(v << (32 - bits))) >> (32 - bits);
}

// @ts-ignore: decorator
@inline const SINK: u32 = 32;

/** Register field as stored in a slot: x0 as a destination becomes the sink register. */
// @ts-ignore: decorator
@inline function dst(r: u32): u32 {
  return r == 0 ? SINK : r;
}

/**
 * Decodes raw (16- or 32-bit) into the 8-byte slot at `slot`. Illegal and reserved encodings become
 * OP_ILLEGAL with the raw bits as imm (they become mtval). Returns the op.
 */
export function decodeInto(slot: u32, raw: u32): u32 {
  const is16 = (raw & 3) != 3;
  if (is16) raw &= 0xffff;
  const i = decodeLookup(raw);
  let op: u32 = OP_ILLEGAL, rd: u32 = 0, rs1: u32 = 0, rs2: u32 = 0, imm: i32 = <i32>raw;
  if (i >= 0) {
    op = unchecked(tOp[i]);
    const fmt = unchecked(tFmt[i]);
    const r7 = (raw >> 7) & 31, r15 = (raw >> 15) & 31, r20 = (raw >> 20) & 31;
    const cr1 = 8 + ((raw >> 7) & 7), cr2 = 8 + ((raw >> 2) & 7); // rs1'/rd' and rs2'/rd'
    const cr = (raw >> 7) & 31, crs2 = (raw >> 2) & 31;
    const ci6 = sext(((raw >> 7) & 0x20) | ((raw >> 2) & 0x1f), 6);
    switch (fmt) {
      case F_R: rd = dst(r7); rs1 = r15; rs2 = r20; imm = 0; break;
      case F_I: rd = dst(r7); rs1 = r15; imm = <i32>raw >> 20; break;
      case F_S: rs1 = r15; rs2 = r20; imm = ((<i32>raw >> 25) << 5) | <i32>((raw >> 7) & 31); break;
      case F_B:
        rs1 = r15; rs2 = r20;
        imm = ((<i32>raw >> 31) << 12) | <i32>(((raw >> 7) & 1) << 11) | <i32>(((raw >> 25) & 0x3f) << 5) |
          <i32>(((raw >> 8) & 0xf) << 1);
        break;
      case F_U: rd = dst(r7); imm = <i32>(raw & 0xfffff000); break;
      case F_J:
        rd = dst(r7);
        imm = ((<i32>raw >> 31) << 20) | <i32>(raw & 0xff000) | <i32>(((raw >> 20) & 1) << 11) |
          <i32>(((raw >> 21) & 0x3ff) << 1);
        break;
      case F_SHAMT: rd = dst(r7); rs1 = r15; imm = <i32>r20; break;
      case F_CSR: rd = dst(r7); rs1 = r15; imm = <i32>(raw >> 20); break;
      case F_CSRI: rd = dst(r7); rs1 = r15; imm = <i32>(raw >> 20); break;
      case F_NONE: imm = 0; break;
      case F_SFENCE: rs1 = r15; rs2 = r20; imm = 0; break;
      case C_ADDI4SPN: {
        const u = ((raw >> 7) & 0x30) | ((raw >> 1) & 0x3c0) | ((raw >> 4) & 0x4) | ((raw >> 2) & 0x8);
        if (u == 0) { op = OP_ILLEGAL; break; }
        rd = cr2; rs1 = 2; imm = <i32>u; break;
      }
      case C_LW: rd = cr2; rs1 = cr1; imm = <i32>(((raw >> 7) & 0x38) | ((raw >> 4) & 4) | ((raw << 1) & 0x40)); break;
      case C_SW: rs1 = cr1; rs2 = cr2; imm = <i32>(((raw >> 7) & 0x38) | ((raw >> 4) & 4) | ((raw << 1) & 0x40)); break;
      case C_ADDI: rd = dst(cr); rs1 = cr; imm = ci6; break;
      case C_JAL: case C_J: {
        const u = ((raw >> 1) & 0x800) | ((raw >> 7) & 0x10) | ((raw >> 1) & 0x300) | ((raw << 2) & 0x400) |
          ((raw >> 1) & 0x40) | ((raw << 1) & 0x80) | ((raw >> 2) & 0xe) | ((raw << 3) & 0x20);
        rd = fmt == C_JAL ? 1 : SINK; imm = sext(u, 12); break;
      }
      case C_LI: rd = dst(cr); rs1 = 0; imm = ci6; break;
      case C_ADDI16SP: {
        const u = ((raw >> 3) & 0x200) | ((raw >> 2) & 0x10) | ((raw << 1) & 0x40) | ((raw << 4) & 0x180) |
          ((raw << 3) & 0x20);
        if (u == 0) { op = OP_ILLEGAL; break; }
        rd = 2; rs1 = 2; imm = sext(u, 10); break;
      }
      case C_LUI:
        if (ci6 == 0) { op = OP_ILLEGAL; break; }
        rd = dst(cr); imm = ci6 << 12; break;
      case C_SHIFT_R: rd = cr1; rs1 = cr1; imm = <i32>((raw >> 2) & 31); break;
      case C_ANDI: rd = cr1; rs1 = cr1; imm = ci6; break;
      case C_ALU: rd = cr1; rs1 = cr1; rs2 = cr2; imm = 0; break;
      case C_BZ: {
        const u = ((raw >> 4) & 0x100) | ((raw >> 7) & 0x18) | ((raw << 1) & 0xc0) | ((raw >> 2) & 0x6) |
          ((raw << 3) & 0x20);
        rs1 = cr1; rs2 = 0; imm = sext(u, 9); break;
      }
      case C_SLLI: rd = dst(cr); rs1 = cr; imm = <i32>((raw >> 2) & 31); break;
      case C_LWSP:
        if (cr == 0) { op = OP_ILLEGAL; break; }
        rd = cr; rs1 = 2; imm = <i32>(((raw >> 7) & 0x20) | ((raw >> 2) & 0x1c) | ((raw << 4) & 0xc0)); break;
      case C_JR:
        if (cr == 0) { op = OP_ILLEGAL; break; }
        rd = SINK; rs1 = cr; imm = 0; break;
      case C_MV: rd = dst(cr); rs1 = 0; rs2 = crs2; imm = 0; break;
      case C_EBREAK: imm = 0; break;
      case C_JALR: rd = 1; rs1 = cr; imm = 0; break;
      case C_ADD: rd = dst(cr); rs1 = cr; rs2 = crs2; imm = 0; break;
      case C_SWSP: rs1 = 2; rs2 = crs2; imm = <i32>(((raw >> 7) & 0x3c) | ((raw >> 1) & 0xc0)); break;
      default: op = OP_ILLEGAL; break;
    }
  }
  if (op == OP_ILLEGAL) { rd = 0; rs1 = 0; rs2 = 0; imm = <i32>raw; }
  store<u32>(slot, op | (rd << 8) | (is16 ? 0x8000 : 0) | (rs1 << 16) | (rs2 << 24));
  store<i32>(slot, imm, 4);
  return op;
}
