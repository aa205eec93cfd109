// The parameter-block/state layout is declared once in AssemblyScript (assembly/dev/norflash/params.ts,
// state.ts) and once in TypeScript (src/flash/layout.ts); this test holds them together, and checks the
// host's profile loading and ns -> cycles conversion.
import { describe, expect, it } from 'vitest';
import { FlashDevice } from './harness/flash-device.ts';
import {
  LAYOUT_FIELD_NAMES, layoutValue, PARAM, flashParams, loadPart, parsePart, nsToCycles, usToCycles,
  msToCycles, voltsToBcd, listParts,
} from '../src/flash/index.ts';

describe('flash layout: AssemblyScript and TypeScript agree', () => {
  const dev = new FlashDevice();

  it('every field offset matches, in the harness order', () => {
    LAYOUT_FIELD_NAMES.forEach((name, i) => {
      expect({ name, value: dev.x.flashLayoutOffset(i) >>> 0 }).toEqual({ name, value: layoutValue(name) });
    });
    expect(dev.x.flashLayoutOffset(LAYOUT_FIELD_NAMES.length) >>> 0).toBe(0xffffffff);
  });

  it('the parameter block and the state fit in FLASHCTL (4 KiB) without overlapping', () => {
    expect(PARAM.P_END).toBeLessThanOrEqual(layoutValue('CFI_TABLE'));
    expect(layoutValue('LOCK_BYTES') + 2 * layoutValue('LOCK_STRIDE')).toBeLessThanOrEqual(0xc00);
    expect(PARAM.P_REGIONS + 4 * PARAM.REGION_STRIDE).toBe(PARAM.P_END);
  });

  it('a written parameter block reads back field by field', () => {
    dev.configure('p30-128t', 100_000_000);
    const f = dev.params.fields;
    expect(dev.u32(PARAM.P_CMDSET)).toBe(1);
    expect(dev.u32(PARAM.P_T_ACC)).toBe(f.P_T_ACC);
    expect(dev.view.getBigUint64(dev.base + PARAM.P_WORD_PROGRAM_CYC, true)).toBe(f.P_WORD_PROGRAM_CYC);
    expect(dev.u32(PARAM.P_REGIONS + PARAM.REGION_STRIDE + PARAM.R_BLOCK_BYTES)).toBe(32768);
  });
});

describe('flash device without a parameter block', () => {
  it('installs QEMU virt geometry with no timing when the host wrote nothing', () => {
    const dev = new FlashDevice();
    dev.x.flashReset(); // FLASHCTL is all zero: version 0
    expect(dev.u32(PARAM.P_VERSION)).toBe(1);
    expect(dev.arrayMode(0)).toBe(true);
    dev.write(0, 0x154, 4, 0x00980098);
    expect(dev.read(0, 0x10 * 4, 4)).toBe(0x00510051);
    expect(dev.read(0, 0x2c * 4, 4)).toBe(0x00010001); // one erase region
    dev.write(0, 0, 4, 0x00400040);
    dev.write(0, 0, 4, 0x12345678);
    expect(dev.read(0, 0, 4)).toBe(0x00800080); // done at once: no timing, nothing locked
    expect(dev.x.flashReadCycles(0, 0, 4)).toBe(0);
  });
});

describe('flash part profiles and time conversion', () => {
  it('converts ns to cycles rounding up, exactly', () => {
    expect(nsToCycles(100, 100_000_000)).toBe(10n);
    expect(nsToCycles(101, 100_000_000)).toBe(11n);
    expect(nsToCycles(85, 100_000_000)).toBe(9n); // 8.5 -> 9
    expect(nsToCycles(85, 133_000_000)).toBe(12n); // 11.305 -> 12
    expect(nsToCycles(25, 50_000_000)).toBe(2n); // 1.25 -> 2
    expect(usToCycles(40, 100_000_000)).toBe(4000n);
    expect(msToCycles(1200, 1_000_000_000)).toBe(1_200_000_000n);
    expect(voltsToBcd(1.7)).toBe(0x17);
    expect(voltsToBcd(9.5)).toBe(0x95);
  });

  it('derives the p30-128t parameter block at 100 MHz from the datasheet figures', () => {
    const p = flashParams(loadPart('p30-128t'), 100_000_000);
    expect(p.fields.P_T_ACC).toBe(9); // 85 ns
    expect(p.fields.P_T_PAGE).toBe(3); // 25 ns
    expect(p.fields.P_BURST_CLK).toBe(2); // 52 MHz clock: ceil(100/52)
    expect(p.fields.P_WORD_PROGRAM_CYC).toBe(25_600n); // 256 us
    expect(p.fields.P_BUFFER_PROGRAM_CYC).toBe(44800n); // 448 us
    expect(p.fields.P_ERASE_SUSPEND_CYC).toBe(2000n); // 20 us
    expect(p.regions.map((r) => r.eraseCycles)).toEqual([102_400_000n, 102_400_000n]); // 1024 ms
    expect(p.fields.P_INTERLEAVE).toBe(2);
    expect(p.fields.P_CHIP_WIDTH).toBe(2);
  });

  it('loads every bundled profile, and every figure names a source', () => {
    const names = listParts();
    expect(names).toEqual(expect.arrayContaining(['p30-128t', 's29gl256s', 'mx29gl256e', 's29gl128p']));
    for (const n of names) {
      const part = loadPart(n);
      for (const key of ['tAccNs', 'tPageNs', 'wordTypUs', 'eraseTypMs', 'bufferWords', 'ids']) {
        expect(part.sources[key], `${n}: sources.${key}`).toBeTruthy();
      }
      expect(() => flashParams(part, 100_000_000)).not.toThrow();
    }
  });

  it('rejects inconsistent profiles with the field named', () => {
    const good = JSON.parse(JSON.stringify(loadPart('s29gl256s')));
    expect(() => parsePart({ ...good, commandSet: 3 }, 'x.json')).toThrow(/x.json: commandSet/);
    expect(() => parsePart({ ...good, chipBytes: 1 << 20 }, 'x.json')).toThrow(/regions add up/);
    expect(() => parsePart({ ...good, interleave: 2 }, 'x.json')).toThrow(/32 MiB/);
    expect(() => loadPart('no-such-part')).toThrow(/no-such-part/);
    const withCfi = (reported: unknown) => ({ ...good, cfi: { ...good.cfi, reported } });
    expect(() => parsePart(withCfi({ bufferTypUs: 0 }), 'x.json')).toThrow(/x.json: cfi.reported.bufferTypUs: a positive number/);
    expect(() => parsePart(withCfi({ bufTypUs: 64 }), 'x.json')).toThrow(/cfi.reported.bufTypUs: unknown field/);
    expect(() => parsePart(withCfi([1]), 'x.json')).toThrow(/cfi.reported.0: unknown field/);
  });

  it('cfi.reported changes the CFI timeouts only, never the busy times', () => {
    const gp = loadPart('s29gl128p');
    const f = flashParams(gp, 100_000_000).fields;
    expect([f.P_CFI_BUF_TYP_US, f.P_CFI_BUF_MAX_US, f.P_CFI_CHIP_TYP_MS, f.P_CFI_CHIP_MAX_MS]).toEqual([64, 2048, 524_288, 2_097_152]);
    expect(f.P_BUFFER_PROGRAM_CYC).toBe(48_000n); // 480 us at 100 MHz: the data sheet's full-buffer time
    const plain = flashParams({ ...gp, cfi: { ...gp.cfi, reported: undefined } }, 100_000_000).fields;
    expect(plain.P_CFI_BUF_TYP_US).toBe(480);
    expect(plain.P_BUFFER_PROGRAM_CYC).toBe(f.P_BUFFER_PROGRAM_CYC);
  });
});
