// A calibration probe for `npm run bench`, not part of the emulator: the same 5-instruction pre-decoded
// interpreter loop dispatched two ways. DISPATCH=0 switches on a dense op id (Binaryen emits one
// br_table: an indirect jump); DISPATCH=1 tests the ops in a compare chain. The ratio of the two tells how
// expensive indirect branches are on the machine, which is what the hart's dispatch order is tuned for.
const REGS: u32 = 0x1000;
const SLOTS: u32 = 0x10000;

function slot(i: u32, op: u32, rd: u32, rs1: u32, rs2: u32, imm: i32): void {
  store<u32>(SLOTS + i * 8, op | (rd << 8) | (rs1 << 16) | (rs2 << 24));
  store<i32>(SLOTS + i * 8, imm, 4);
}

export function setup(): void {
  // loop: addi a0,a0,1 ; xor a2,a2,a0 ; add a3,a3,a2 ; addi a1,a1,-1 ; bne a1,x0,loop
  slot(0, 1, 10, 10, 0, 1);
  slot(1, 2, 12, 12, 10, 0);
  slot(2, 3, 13, 13, 12, 0);
  slot(3, 1, 11, 11, 0, -1);
  slot(4, 4, 0, 11, 0, -16);
  store<u32>(REGS + 44, 0x7fffffff);
}

export function run(limit: u32): u32 {
  let pc: u32 = 0;
  let n: u32 = 0;
  while (n < limit) {
    const s = SLOTS + (pc << 1);
    const w = load<u32>(s);
    const imm = load<i32>(s, 4);
    const rd = (w >>> 6) & 0xfc;
    const a = load<u32>(REGS + ((w >>> 14) & 0x7c));
    const b = load<u32>(REGS + ((w >>> 22) & 0x7c));
    let npc = pc + 4;
    const op = w & 0xff;
    if (DISPATCH == 1) {
      if (op == 1) store<u32>(REGS + rd, a + <u32>imm);
      else if (op == 2) store<u32>(REGS + rd, a ^ b);
      else if (op == 3) store<u32>(REGS + rd, a + b);
      else if (op == 4) { if (a != b) npc = pc + <u32>imm; }
      else if (op == 5) store<u32>(REGS + rd, a - b);
      else if (op == 6) store<u32>(REGS + rd, a | b);
      else if (op == 7) store<u32>(REGS + rd, a & b);
    } else {
      switch (op) {
        case 0: break;
        case 1: store<u32>(REGS + rd, a + <u32>imm); break;
        case 2: store<u32>(REGS + rd, a ^ b); break;
        case 3: store<u32>(REGS + rd, a + b); break;
        case 4: if (a != b) npc = pc + <u32>imm; break;
        case 5: store<u32>(REGS + rd, a - b); break;
        case 6: store<u32>(REGS + rd, a | b); break;
        case 7: store<u32>(REGS + rd, a & b); break;
      }
    }
    pc = npc;
    n++;
  }
  return n;
}
