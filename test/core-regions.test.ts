// The core's two maps, read from its exports (assembly/index.ts): the linear-memory region map the host
// builds its views from (assembly/layout.ts), and the guest physical bus map (assembly/bus/bus.ts).
//
// Oracles: half-open ranges [base, base + size) must not intersect (rvemu's off-by-one is the mistake to
// avoid); RAM is the last region because its size comes from the profile; the bus map is DESIGN
// section 3's table, written out below by hand, and agrees with src/board.ts memoryRegions(), which the
// ELF loader uses to decide where segments may go.
import { describe, expect, it } from 'vitest';
import { memoryRegions } from '../src/board.ts';
import { readAsString } from '../src/core/exports.ts';
import { Machine } from '../src/core/machine.ts';
import { board } from './helpers/core.ts';

interface Range { name: string; base: number; size: number }

const MiB = 1024 * 1024;
const hex = (v: number) => `0x${v.toString(16)}`;
const show = (r: Range) => `${r.name} [${hex(r.base)}, ${hex(r.base + r.size)})`;

/** Pairs of ranges that share at least one byte (half-open intervals; size-0 ranges hold no byte). */
function overlaps(ranges: Range[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i], b = ranges[j];
      if (a.size === 0 || b.size === 0) continue;
      if (a.base < b.base + b.size && b.base < a.base + a.size) out.push(`${show(a)} overlaps ${show(b)}`);
    }
  }
  return out;
}

function regionMap(m: Machine): Range[] {
  const names = readAsString(m.memory, m.exports.regionNames()).split(',');
  return Array.from({ length: m.exports.regionCount() }, (_, i) => ({
    name: names[i],
    base: m.exports.regionBase(i) >>> 0,
    size: m.exports.regionSize(i) >>> 0,
  }));
}

function busMap(m: Machine): Range[] {
  const names = readAsString(m.memory, m.exports.busRangeNames()).split(',');
  return names.map((name, i) => ({ name, base: m.exports.busRangeBase(i) >>> 0, size: m.exports.busRangeSize(i) >>> 0 }));
}

describe('the overlap predicate (so the checks below can fail)', () => {
  it('finds ranges that share a byte and not ranges that only touch', () => {
    expect(overlaps([{ name: 'a', base: 0, size: 0x100 }, { name: 'b', base: 0xff, size: 1 }])).toHaveLength(1);
    expect(overlaps([{ name: 'a', base: 0, size: 0x100 }, { name: 'b', base: 0x100, size: 1 }])).toEqual([]);
    expect(overlaps([{ name: 'a', base: 0x80, size: 0x10 }, { name: 'b', base: 0, size: 0x1000 }])).toHaveLength(1);
  });
});

for (const variant of ['timed', 'fast'] as const) {
  describe(`the linear-memory region map (${variant} core)`, () => {
    const m = Machine.create(board('tiny'), { variant });
    const regions = regionMap(m);

    it('has one named region per index, every region non-empty', () => {
      expect(regions.length).toBeGreaterThan(0);
      expect(new Set(regions.map((r) => r.name)).size).toBe(regions.length);
      for (const r of regions) {
        expect(r.name, `region ${regions.indexOf(r)}`).toMatch(/^[a-z]+$/);
        expect(r.size, r.name).toBeGreaterThan(0);
      }
      for (const name of ['hart', 'csr', 'mailbox', 'config', 'stats', 'uarttx', 'uartrx', 'flash', 'ram']) {
        expect(regions.map((r) => r.name)).toContain(name);
      }
    });

    it('has no two regions overlapping, none at address 0 (a null pointer never lands in one)', () => {
      expect(overlaps(regions)).toEqual([]);
      for (const r of regions) expect(r.base, r.name).toBeGreaterThan(0);
    });

    it('puts RAM last: above every other region, and the last in the table', () => {
      const ram = regions[regions.length - 1];
      expect(ram.name).toBe('ram');
      for (const r of regions.slice(0, -1)) expect(r.base + r.size, r.name).toBeLessThanOrEqual(ram.base);
    });

    it('keeps AssemblyScript static data inside the asdata region', () => {
      const asdata = regions.find((r) => r.name === 'asdata')!;
      // The decode table's names are concatenated at start-up on the stub heap, so the last of them is
      // near the heap top: it too must end below the next region.
      for (const ptr of [m.exports.regionNames(), m.exports.statNames(), m.exports.decodeTableNames(), m.exports.busRangeNames()]) {
        const p = ptr >>> 0;
        const end = p + new Uint32Array(m.memory.buffer, p - 4, 1)[0];
        expect(p >= asdata.base && end <= asdata.base + asdata.size, `string [${hex(p)}, ${hex(end)}) outside ${show(asdata)}`).toBe(true);
      }
    });

    it('is what the Machine built its views from, and the wasm memory covers RAM as the profile sizes it', () => {
      for (const r of regions) expect(m.regions[r.name], r.name).toEqual({ base: r.base, size: r.size });
      expect(m.memory.buffer.byteLength).toBeGreaterThanOrEqual(m.regions.ram.base + board('tiny').ram.sizeBytes);
    });

    it('the flash region holds both 32 MiB banks', () => {
      expect(m.regions.flash.size).toBe(2 * 32 * MiB);
    });
  });
}

describe('the guest physical bus map (virt board)', () => {
  const m = Machine.create(board('virt'), { variant: 'fast' });
  const bus = busMap(m);

  it('is DESIGN section 3 exactly', () => {
    expect(bus).toEqual([
      { name: 'finisher', base: 0x0010_0000, size: 0x1000 },
      { name: 'clint', base: 0x0200_0000, size: 0x1_0000 },
      { name: 'uart', base: 0x1000_0000, size: 0x100 },
      { name: 'flash0', base: 0x2000_0000, size: 32 * MiB },
      { name: 'flash1', base: 0x2200_0000, size: 32 * MiB },
      { name: 'ram', base: 0x8000_0000, size: 128 * MiB },
    ]);
  });

  it('has no overlaps and no range wrapping past 4 GiB', () => {
    expect(overlaps(bus)).toEqual([]);
    for (const r of bus) expect(r.base + r.size, r.name).toBeLessThanOrEqual(2 ** 32);
  });

  it('agrees with src/board.ts memoryRegions() on RAM and the flash banks', () => {
    const host = memoryRegions(board('virt'));
    const byName = (n: string) => bus.find((r) => r.name === n)!;
    const core = [
      { name: 'ram', base: byName('ram').base, size: byName('ram').size },
      { name: 'flash bank 0', base: byName('flash0').base, size: byName('flash0').size },
      { name: 'flash bank 1', base: byName('flash1').base, size: byName('flash1').size },
    ];
    expect(host).toEqual(core);
  });
});

describe('the guest physical bus map follows the profile (tiny board: 1 MiB RAM, one flash bank)', () => {
  const m = Machine.create(board('tiny'), { variant: 'fast' });
  const bus = busMap(m);

  it('sizes RAM from the profile and marks the absent bank 1 with size 0', () => {
    const size = Object.fromEntries(bus.map((r) => [r.name, r.size]));
    expect(size).toEqual({ finisher: 0x1000, clint: 0x1_0000, uart: 0x100, flash0: 32 * MiB, flash1: 0, ram: 1 * MiB });
  });

  it('agrees with memoryRegions() (which lists no bank 1)', () => {
    const present = bus.filter((r) => r.size > 0 && (r.name === 'ram' || r.name.startsWith('flash')));
    const host = memoryRegions(board('tiny'));
    expect(host.map((r) => [r.base, r.size]).sort()).toEqual(present.map((r) => [r.base, r.size]).sort());
  });
});
