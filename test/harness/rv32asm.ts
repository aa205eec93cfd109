// A tiny RV32I assembler for tests that hand-build guest programs (no toolchain at test time): the few
// encodings the flash bus tests need, each straight from the ISA manual's instruction formats.

export const R = {
  zero: 0, ra: 1, sp: 2, gp: 3, tp: 4, t0: 5, t1: 6, t2: 7, s0: 8, s1: 9, a0: 10, a1: 11, a2: 12, a3: 13,
  a4: 14, a5: 15, t3: 28, t4: 29, t5: 30, t6: 31,
} as const;

const i = (op: number, rd: number, f3: number, rs1: number, imm: number) =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const s = (f3: number, rs1: number, rs2: number, imm: number) =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | 0x23) >>> 0;
const b = (f3: number, rs1: number, rs2: number, off: number) =>
  ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
    (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | 0x63) >>> 0;

export const lui = (rd: number, imm20: number) => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x37) >>> 0;
export const addi = (rd: number, rs1: number, imm: number) => i(0x13, rd, 0, rs1, imm);
export const andi = (rd: number, rs1: number, imm: number) => i(0x13, rd, 7, rs1, imm);
export const lw = (rd: number, rs1: number, imm: number) => i(0x03, rd, 2, rs1, imm);
export const sw = (rs2: number, rs1: number, imm: number) => s(2, rs1, rs2, imm);
export const sb = (rs2: number, rs1: number, imm: number) => s(0, rs1, rs2, imm);
export const jalr = (rd: number, rs1: number, imm: number) => i(0x67, rd, 0, rs1, imm);
export const beq = (rs1: number, rs2: number, off: number) => b(0, rs1, rs2, off);
export const bne = (rs1: number, rs2: number, off: number) => b(1, rs1, rs2, off);
export const jal = (rd: number, off: number) =>
  ((((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12) |
    (rd << 7) | 0x6f) >>> 0;
export const csrr = (rd: number, csr: number) => i(0x73, rd, 2, 0, csr);
export const csrw = (csr: number, rs1: number) => i(0x73, 0, 1, rs1, csr);

/** rd = v (lui + addi, with the carry of addi's sign extension). */
export function li(rd: number, v: number): number[] {
  v >>>= 0;
  const lo = ((v & 0xfff) << 20) >> 20;
  const hi = ((v - lo) >>> 12) & 0xfffff;
  return hi ? [lui(rd, hi), addi(rd, rd, lo)] : [addi(rd, 0, lo)];
}

/** Writes the test finisher's pass value (0x5555 at 0x0010_0000); uses t6 and t5. */
export function pass(): number[] {
  return [lui(R.t6, 0x100), ...li(R.t5, 0x5555), sw(R.t5, R.t6, 0)];
}

/** Little-endian bytes of 32-bit instruction words. */
export function words(ws: number[]): Uint8Array {
  const out = new Uint8Array(ws.length * 4);
  const dv = new DataView(out.buffer);
  ws.forEach((w, k) => dv.setUint32(k * 4, w >>> 0, true));
  return out;
}
