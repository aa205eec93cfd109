// The decode table (assembly/cpu/decode.ts) as the core exports it: decodeTableSize/Match/Mask/Special,
// decodeTableNames, decodeLookup.
//
// Oracles: (1) Spike's rule: two entries overlap when some instruction matches both, i.e.
// ((match1 ^ match2) & mask1 & mask2) == 0; the only overlaps allowed are declared specialisations
// (special = 1, strictly more fixed bits than the entry it refines, earlier in the table so the
// first-match lookup finds it). (2) Known encodings, hand-assembled from the unprivileged spec's
// tables (chapters 2, 7, 8, 16), decode to the mnemonic the spec names, or to nothing where RV32 has no
// instruction. (3) Reserved encodings that the table does match (c.addi4spn with nzuimm = 0, ...) are
// illegal when executed: checked by running them with illegal-instruction traps sent to the host.
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../src/core/machine.ts';
import { readAsString } from '../src/core/exports.ts';
import { board, runWords } from './helpers/core.ts';

interface Entry { index: number; name: string; match: number; mask: number; special: boolean }

let m: Machine;
let table: Entry[] = [];
const lookup = (raw: number): string | null => {
  const i = m.exports.decodeLookup(raw >>> 0);
  return i < 0 ? null : table[i].name;
};
const hex = (v: number) => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

beforeAll(() => {
  m = Machine.create(board('tiny'), { variant: 'fast' });
  const names = readAsString(m.memory, m.exports.decodeTableNames()).split(',');
  const n = m.exports.decodeTableSize();
  table = Array.from({ length: n }, (_, i) => ({
    index: i,
    name: names[i],
    match: m.exports.decodeTableMatch(i) >>> 0,
    mask: m.exports.decodeTableMask(i) >>> 0,
    special: m.exports.decodeTableSpecial(i) !== 0,
  }));
});

describe('decode table shape', () => {
  it('has one distinct name per entry and covers RV32IMAC + Zicsr + Zifencei + privileged', () => {
    expect(table.length).toBeGreaterThan(0);
    expect(new Set(table.map((e) => e.name)).size).toBe(table.length);
    // 40 RV32I (incl. fence, ecall, ebreak) + fence.i + 6 Zicsr + 8 M + 11 A + sret/mret/wfi/sfence.vma + 27 RV32C.
    const expected = [
      'lui', 'auipc', 'jal', 'jalr', 'beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu', 'lb', 'lh', 'lw', 'lbu', 'lhu',
      'sb', 'sh', 'sw', 'addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'slli', 'srli', 'srai', 'add', 'sub', 'sll',
      'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and', 'fence', 'ecall', 'ebreak', 'fence.i',
      'csrrw', 'csrrs', 'csrrc', 'csrrwi', 'csrrsi', 'csrrci',
      'mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu',
      'lr.w', 'sc.w', 'amoswap.w', 'amoadd.w', 'amoxor.w', 'amoand.w', 'amoor.w', 'amomin.w', 'amomax.w', 'amominu.w', 'amomaxu.w',
      'sret', 'mret', 'wfi', 'sfence.vma',
      'c.addi4spn', 'c.lw', 'c.sw', 'c.nop', 'c.addi', 'c.jal', 'c.li', 'c.addi16sp', 'c.lui', 'c.srli', 'c.srai', 'c.andi',
      'c.sub', 'c.xor', 'c.or', 'c.and', 'c.j', 'c.beqz', 'c.bnez', 'c.slli', 'c.lwsp', 'c.jr', 'c.mv', 'c.ebreak',
      'c.jalr', 'c.add', 'c.swsp',
    ];
    expect([...table.map((e) => e.name)].sort()).toEqual([...expected].sort());
  });

  it('every match has no bits outside its mask, and 16-bit entries sit in the low half', () => {
    for (const e of table) {
      expect((e.match & ~e.mask) >>> 0, e.name).toBe(0);
      expect(e.mask & 3, `${e.name}: the mask must fix the length bits [1:0]`).toBe(3);
      if ((e.match & 3) !== 3) expect(e.mask >>> 16, `${e.name}: 16-bit mask`).toBe(0);
    }
  });
});

describe('no two encodings overlap except declared specialisations', () => {
  it('every overlapping pair is a special entry, earlier, with a strict superset of the other mask', () => {
    const problems: string[] = [];
    let overlaps = 0;
    for (let i = 0; i < table.length; i++) {
      for (let j = i + 1; j < table.length; j++) {
        const a = table[i], b = table[j];
        if (((a.match ^ b.match) & a.mask & b.mask) >>> 0 !== 0) continue;
        overlaps++;
        // a is earlier. It must be the specialisation: special, and every bit b fixes is fixed by a, plus more.
        const superset = ((a.mask & b.mask) >>> 0) === b.mask && a.mask !== b.mask;
        if (!a.special || !superset) {
          problems.push(
            `${a.name} (#${i} ${hex(a.match)}/${hex(a.mask)}${a.special ? ', special' : ''}) overlaps ` +
              `${b.name} (#${j} ${hex(b.match)}/${hex(b.mask)}${b.special ? ', special' : ''})`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
    // The declared specialisations: c.nop < c.addi, c.addi16sp < c.lui, c.ebreak < c.jalr < c.add, c.ebreak < c.add, c.jr < c.mv.
    expect(overlaps).toBe(6);
  });

  it('every special entry does specialise something (no stray special flags)', () => {
    for (const s of table.filter((e) => e.special)) {
      const refines = table.filter((e) => e !== s && ((s.match ^ e.match) & s.mask & e.mask) >>> 0 === 0);
      expect(refines.map((e) => e.name), s.name).not.toEqual([]);
    }
  });

  it('the overlap check itself detects an undeclared overlap (sanity of the predicate)', () => {
    // addi 0x00000013/0x0000707f against a made-up entry with the same funct3 and a wider mask.
    const overlap = (m1: number, k1: number, m2: number, k2: number) => ((m1 ^ m2) & k1 & k2) >>> 0 === 0;
    expect(overlap(0x13, 0x707f, 0x00100013, 0xfff0707f)).toBe(true);
    expect(overlap(0x13, 0x707f, 0x1013, 0xfe00707f)).toBe(false); // addi vs slli: funct3 differs
  });
});

describe('known encodings decode to the right mnemonic', () => {
  // [raw, mnemonic or null for "no entry"]: each hand-assembled from the spec's encoding tables.
  const cases: Array<[number, string | null, string]> = [
    [0x00000513, 'addi', 'addi a0, x0, 0 (li a0, 0)'],
    [0x00000013, 'addi', 'nop'],
    [0xfff00093, 'addi', 'addi ra, x0, -1'],
    [0x123452b7, 'lui', 'lui t0, 0x12345'],
    [0x00000297, 'auipc', 'auipc t0, 0'],
    [0x0000006f, 'jal', 'j .'],
    [0x000080e7, 'jalr', 'jalr ra, 0(ra)'],
    [0x00b50463, 'beq', 'beq a0, a1, +8'],
    [0x00b57463, 'bgeu', 'bgeu a0, a1, +8'],
    [0x00052503, 'lw', 'lw a0, 0(a0)'],
    [0x00a5a023, 'sw', 'sw a0, 0(a1)'],
    [0x00151513, 'slli', 'slli a0, a0, 1'],
    [0x01f55513, 'srli', 'srli a0, a0, 31'],
    [0x40155513, 'srai', 'srai a0, a0, 1'],
    [0x02051513, null, 'slli a0, a0, 32: shamt[5]=1 is reserved on RV32'],
    [0x02055513, null, 'srli with shamt[5]=1'],
    [0x42055513, null, 'srai with shamt[5]=1'],
    [0x00b50533, 'add', 'add a0, a0, a1'],
    [0x40b50533, 'sub', 'sub a0, a0, a1'],
    [0x00b53533, 'sltu', 'sltu a0, a0, a1'],
    [0x00b52533, 'slt', 'slt a0, a0, a1'],
    [0x02b50533, 'mul', 'mul a0, a0, a1'],
    [0x02b57533, 'remu', 'remu a0, a0, a1'],
    [0x1005252f, 'lr.w', 'lr.w a0, (a0)'],
    [0x1605252f, 'lr.w', 'lr.w.aqrl a0, (a0)'],
    [0x10b5252f, null, 'lr.w with rs2 != 0 is reserved'],
    [0x18b5252f, 'sc.w', 'sc.w a0, a1, (a0)'],
    [0x0cb5a52f, 'amoswap.w', 'amoswap.w.aq a0, a1, (a1)'],
    [0xe0b5a52f, 'amomaxu.w', 'amomaxu.w a0, a1, (a1)'],
    [0x0ff0000f, 'fence', 'fence iorw, iorw'],
    [0x0000100f, 'fence.i', 'fence.i'],
    [0x00000073, 'ecall', 'ecall'],
    [0x00100073, 'ebreak', 'ebreak'],
    [0x30200073, 'mret', 'mret'],
    [0x10200073, 'sret', 'sret'],
    [0x10500073, 'wfi', 'wfi'],
    [0x12000073, 'sfence.vma', 'sfence.vma'],
    [0x12b50073, 'sfence.vma', 'sfence.vma a0, a1'],
    [0x00200073, null, 'uret (N extension, not implemented)'],
    [0x34051573, 'csrrw', 'csrrw a0, mscratch, a0'],
    [0x34002573, 'csrrs', 'csrr a0, mscratch'],
    [0x3400f573, 'csrrci', 'csrrci a0, mscratch, 1'],
    [0x00002007, null, 'flw (F is not implemented)'],
    [0xffffffff, null, 'all ones'],
    [0x0000707b, null, 'custom-3 opcode'],
    // RV32C
    [0x0000, 'c.addi4spn', 'all zeros: matched by c.addi4spn, but nzuimm = 0 is reserved (run below)'],
    [0x0040, 'c.addi4spn', 'c.addi4spn s0, sp, 4'],
    [0x4108, 'c.lw', 'c.lw a0, 0(a0)'],
    [0xc188, 'c.sw', 'c.sw a0, 0(a1)'],
    [0x0001, 'c.nop', 'c.nop'],
    [0x0505, 'c.addi', 'c.addi a0, 1'],
    [0x2001, 'c.jal', 'c.jal .'],
    [0x4505, 'c.li', 'c.li a0, 1'],
    [0x6141, 'c.addi16sp', 'c.addi16sp sp, 16'],
    [0x6505, 'c.lui', 'c.lui a0, 1'],
    [0x8105, 'c.srli', 'c.srli a0, 1'],
    [0x8505, 'c.srai', 'c.srai a0, 1'],
    [0x8905, 'c.andi', 'c.andi a0, 1'],
    [0x8d0d, 'c.sub', 'c.sub a0, a1'],
    [0x8d2d, 'c.xor', 'c.xor a0, a1'],
    [0x8d4d, 'c.or', 'c.or a0, a1'],
    [0x8d6d, 'c.and', 'c.and a0, a1'],
    [0xa001, 'c.j', 'c.j .'],
    [0xc101, 'c.beqz', 'c.beqz a0, .'],
    [0xe101, 'c.bnez', 'c.bnez a0, .'],
    [0x9c01, null, 'c.subw (RV64 only)'],
    [0x1506, null, 'c.slli a0, 33: shamt[5]=1 is reserved on RV32C'],
    [0x0506, 'c.slli', 'c.slli a0, 1'],
    [0x4502, 'c.lwsp', 'c.lwsp a0, 0(sp)'],
    [0x8082, 'c.jr', 'c.jr ra (ret)'],
    [0x852e, 'c.mv', 'c.mv a0, a1'],
    [0x9002, 'c.ebreak', 'c.ebreak'],
    [0x9502, 'c.jalr', 'c.jalr a0'],
    [0x952e, 'c.add', 'c.add a0, a1'],
    [0xc02a, 'c.swsp', 'c.swsp a0, 0(sp)'],
    [0x2000, null, 'c.fld (D is not implemented)'],
    [0x6000, null, 'c.flw (F is not implemented)'],
  ];
  for (const [raw, want, what] of cases) {
    it(`${(raw & 3) === 3 ? hex(raw) : `0x${raw.toString(16).padStart(4, '0')}`} ${what} -> ${want ?? 'no entry'}`, () => {
      expect(lookup(raw)).toBe(want);
    });
  }
});

describe('reserved encodings the table matches are illegal when executed', () => {
  const ILLEGAL = 2;
  const BREAKPOINT = 3;
  const trapIllegal = { variant: 'fast' as const, hostTrapMask: 1 << ILLEGAL };
  // Each is run as the first instruction at 0x8000_0000 with illegal-instruction traps sent to the host.
  const reserved: Array<[number, string]> = [
    [0x0000, 'c.addi4spn with nzuimm = 0 (the all-zero halfword)'],
    [0x6101, 'c.addi16sp with nzimm = 0'],
    [0x6501, 'c.lui with nzimm = 0'],
    [0x4002, 'c.lwsp with rd = 0'],
    [0x8002, 'c.jr with rs1 = 0'],
    [0x02051513, 'slli a0, a0, 32 (shamt[5]=1)'],
  ];
  for (const [raw, what] of reserved) {
    it(`${what} raises illegal instruction with the pc of the instruction`, () => {
      const { stop } = runWords([raw], trapIllegal);
      expect({ reason: stop.reason, cause: stop.cause, epc: (stop.epc ?? 0) >>> 0 }).toEqual({ reason: 'host-trap', cause: ILLEGAL, epc: 0x8000_0000 });
    });
  }

  it('while the legal neighbours execute: c.addi4spn s0, sp, 4 and c.mv a0, a1 (control for the above)', () => {
    const { stop, m } = runWords([0x0040, 0x852e], { ...trapIllegal, budget: 2 });
    expect(stop.reason).toBe('budget');
    expect(m.pc).toBe(0x8000_0004);
  });

  it('c.ebreak (0x9002) is a breakpoint, not c.jalr or c.add', () => {
    const { stop } = runWords([0x9002], { variant: 'fast', hostTrapMask: (1 << BREAKPOINT) | (1 << ILLEGAL) });
    expect({ reason: stop.reason, cause: stop.cause }).toEqual({ reason: 'breakpoint', cause: BREAKPOINT });
  });

  it('c.jalr a0 links ra = pc + 2 and jumps to a0; c.jr ra returns', () => {
    // Build a0 = 0x8000000c with lui + addi (c.li cannot reach RAM addresses).
    //   lui a0, 0x80000 ; addi a0, a0, 12 ; c.jalr a0 (at +8) ; [+10] c.nop ; [+12] c.jr ra -> +10
    const words = [0x80000537, 0x00c50513, 0x9502, 0x0001, 0x8082];
    const { m } = runWords(words, { ...trapIllegal, budget: 4 });
    expect({ pc: m.pc >>> 0, ra: m.reg(1) >>> 0 }).toEqual({ pc: 0x8000_000a, ra: 0x8000_000a });
  });

  it('c.mv and c.add write rd from rs2 and rd + rs2', () => {
    // c.li a1, 5 ; c.li a0, 3 ; c.add a0, a1 (a0 = 8) ; c.mv a2, a0 (a2 = 8) ; c.add a2, a1 (a2 = 13)
    const words = [0x4595, 0x450d, 0x952e, 0x862a, 0x962e];
    const { m } = runWords(words, { ...trapIllegal, budget: 5 });
    expect([m.reg(10), m.reg(11), m.reg(12)]).toEqual([8, 5, 13]);
  });
});
