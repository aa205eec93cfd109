// Tests of src/elf.ts: small ELF32 files are written by the tiny writer below (so each field's expected value
// is known), then broken one field at a time to check each error message; one real ELF is built with
// clang/ld.lld and cross-checked against llvm-nm and llvm-readelf.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkSegmentsFit,
  ElfError,
  loadSegments,
  lookupAddress,
  parseElf,
  PF_R,
  PF_W,
  PF_X,
  PT,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_WRITE,
  SHT,
  symbol,
  symbolize,
} from '../src/elf.ts';

// ---- A minimal ELF32 little-endian writer ------------------------------------------------------------------

interface WSegment {
  name: string;          // section created over the file part (a NOBITS '.bss' follows when memsz > data)
  vaddr: number;
  paddr?: number;
  flags: number;
  data: Uint8Array;
  memsz?: number;
  type?: number;
}

interface WSymbol {
  name: string;
  value: number;
  size?: number;
  type?: number;          // STT_*
  bind?: number;          // STB_*
  section?: string | number; // section name, or a raw st_shndx
}

interface WOptions {
  machine?: number;
  type?: number;
  entry?: number;
  flags?: number;
  segments: WSegment[];
  symbols?: WSymbol[];
}

interface Written {
  bytes: Uint8Array;
  view: DataView;
  phoff: number;
  shoff: number;
  segOffsets: number[];
  sectionIndex: Map<string, number>;
  symtabOffset: number;
}

const STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2;
const STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;

function writeElf(o: WOptions): Written {
  const align4 = (n: number): number => (n + 3) & ~3;
  const phoff = 52;
  let off = phoff + o.segments.length * 32;
  const segOffsets: number[] = [];
  for (const s of o.segments) {
    off = align4(off);
    segOffsets.push(off);
    off += s.data.length;
  }
  // Sections: null, one per segment (+ .bss), .symtab, .strtab, .shstrtab.
  interface Sh { name: string; type: number; flags: number; addr: number; offset: number; size: number; link: number; info: number; align: number; entsize: number }
  const shs: Sh[] = [{ name: '', type: 0, flags: 0, addr: 0, offset: 0, size: 0, link: 0, info: 0, align: 0, entsize: 0 }];
  o.segments.forEach((s, i) => {
    const f = SHF_ALLOC | (s.flags & PF_W ? SHF_WRITE : 0) | (s.flags & PF_X ? SHF_EXECINSTR : 0);
    shs.push({ name: s.name, type: SHT.PROGBITS, flags: f, addr: s.vaddr, offset: segOffsets[i], size: s.data.length, link: 0, info: 0, align: 4, entsize: 0 });
    const memsz = s.memsz ?? s.data.length;
    if (memsz > s.data.length) {
      shs.push({ name: '.bss', type: SHT.NOBITS, flags: SHF_ALLOC | SHF_WRITE, addr: s.vaddr + s.data.length, offset: segOffsets[i] + s.data.length, size: memsz - s.data.length, link: 0, info: 0, align: 4, entsize: 0 });
    }
  });
  const symtabIdx = shs.length;
  const sectionIndex = new Map(shs.map((s, i) => [s.name, i] as [string, number]));
  sectionIndex.set('.symtab', symtabIdx).set('.strtab', symtabIdx + 1).set('.shstrtab', symtabIdx + 2);
  // String tables.
  const strs = (names: string[]): { bytes: Uint8Array; offs: number[] } => {
    const enc = new TextEncoder();
    const parts: number[] = [0];
    const offs = names.map((n) => {
      if (n === '') return 0;
      const at = parts.length;
      parts.push(...enc.encode(n), 0);
      return at;
    });
    return { bytes: Uint8Array.from(parts), offs };
  };
  const syms = o.symbols ?? [];
  const strtab = strs(syms.map((s) => s.name));
  const symtab = new Uint8Array(16 * (syms.length + 1));
  const sv = new DataView(symtab.buffer);
  syms.forEach((s, k) => {
    const b = 16 * (k + 1);
    sv.setUint32(b, strtab.offs[k], true);
    sv.setUint32(b + 4, s.value, true);
    sv.setUint32(b + 8, s.size ?? 0, true);
    sv.setUint8(b + 12, ((s.bind ?? STB_GLOBAL) << 4) | (s.type ?? STT_NOTYPE));
    const sec = s.section ?? 0;
    sv.setUint16(b + 14, typeof sec === 'number' ? sec : (sectionIndex.get(sec) ?? 0), true);
  });
  off = align4(off);
  const symtabOffset = off;
  off += symtab.length;
  const strtabOffset = off;
  off += strtab.bytes.length;
  shs.push({ name: '.symtab', type: SHT.SYMTAB, flags: 0, addr: 0, offset: symtabOffset, size: symtab.length, link: symtabIdx + 1, info: 1, align: 4, entsize: 16 });
  shs.push({ name: '.strtab', type: SHT.STRTAB, flags: 0, addr: 0, offset: strtabOffset, size: strtab.bytes.length, link: 0, info: 0, align: 1, entsize: 0 });
  shs.push({ name: '.shstrtab', type: SHT.STRTAB, flags: 0, addr: 0, offset: 0, size: 0, link: 0, info: 0, align: 1, entsize: 0 });
  for (const [i, s] of shs.entries()) sectionIndex.set(s.name, i);
  const shstr = strs(shs.map((s) => s.name));
  const shstrtab = shs[shs.length - 1];
  shstrtab.offset = off;
  shstrtab.size = shstr.bytes.length;
  off += shstr.bytes.length;
  off = align4(off);
  const shoff = off;
  off += shs.length * 40;

  const bytes = new Uint8Array(off);
  const v = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]);
  v.setUint16(16, o.type ?? 2, true);
  v.setUint16(18, o.machine ?? 243, true);
  v.setUint32(20, 1, true);
  v.setUint32(24, o.entry ?? o.segments[0]?.vaddr ?? 0, true);
  v.setUint32(28, o.segments.length ? phoff : 0, true);
  v.setUint32(32, shoff, true);
  v.setUint32(36, o.flags ?? 0x1, true);
  v.setUint16(40, 52, true);
  v.setUint16(42, 32, true);
  v.setUint16(44, o.segments.length, true);
  v.setUint16(46, 40, true);
  v.setUint16(48, shs.length, true);
  v.setUint16(50, shs.length - 1, true);
  o.segments.forEach((s, i) => {
    const b = phoff + 32 * i;
    v.setUint32(b, s.type ?? PT.LOAD, true);
    v.setUint32(b + 4, segOffsets[i], true);
    v.setUint32(b + 8, s.vaddr, true);
    v.setUint32(b + 12, s.paddr ?? s.vaddr, true);
    v.setUint32(b + 16, s.data.length, true);
    v.setUint32(b + 20, s.memsz ?? s.data.length, true);
    v.setUint32(b + 24, s.flags, true);
    v.setUint32(b + 28, 4, true);
    bytes.set(s.data, segOffsets[i]);
  });
  bytes.set(symtab, symtabOffset);
  bytes.set(strtab.bytes, strtabOffset);
  bytes.set(shstr.bytes, shstrtab.offset);
  shs.forEach((s, i) => {
    const b = shoff + 40 * i;
    [shstr.offs[i], s.type, s.flags, s.addr, s.offset, s.size, s.link, s.info, s.align, s.entsize].forEach((x, k) => v.setUint32(b + 4 * k, x, true));
  });
  return { bytes, view: v, phoff, shoff, segOffsets, sectionIndex, symtabOffset };
}

// ---- The standard test image ------------------------------------------------------------------------------

const TEXT = Uint8Array.from({ length: 0x40 }, (_, i) => (i * 7 + 1) & 0xff);
const DATA = Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4]);

function sample(): Written {
  return writeElf({
    entry: 0x2000_0000,
    flags: 0x5, // RVC | double-float ABI
    segments: [
      { name: '.text', vaddr: 0x2000_0000, flags: PF_R | PF_X, data: TEXT },
      { name: '.data', vaddr: 0x8000_0000, paddr: 0x2000_1000, flags: PF_R | PF_W, data: DATA, memsz: 0x108 },
    ],
    symbols: [
      { name: '_start', value: 0x2000_0000, size: 0x10, type: STT_FUNC, section: '.text' },
      { name: '.Ltmp0', value: 0x2000_0004, bind: STB_LOCAL, section: '.text' },
      { name: 'helper', value: 0x2000_0010, size: 0x10, type: STT_FUNC, bind: STB_LOCAL, section: '.text' },
      { name: 'main', value: 0x2000_0020, size: 0x20, type: STT_FUNC, section: '.text' },
      { name: 'main_label', value: 0x2000_0020, type: STT_NOTYPE, bind: STB_LOCAL, section: '.text' },
      { name: 'loop', value: 0x2000_0030, type: STT_NOTYPE, bind: STB_LOCAL, section: '.text' },
      { name: 'tohost', value: 0x8000_0000, size: 4, type: STT_OBJECT, section: '.data' },
      { name: 'fromhost', value: 0x8000_0004, size: 4, type: STT_OBJECT, section: '.data' },
      { name: 'buf', value: 0x8000_0008, size: 0x100, type: STT_OBJECT, section: '.bss' },
      { name: 'weakling', value: 0x2000_0018, type: STT_FUNC, bind: STB_WEAK, section: '.text' },
      { name: 'weakling', value: 0x2000_001c, type: STT_FUNC, bind: STB_GLOBAL, section: '.text' },
      { name: 'printf', value: 0, type: STT_FUNC, section: 0 },
      { name: 'STACK_SIZE', value: 0x1000, section: 0xfff1 },
      { name: 'debug_label', value: 0x2000_0002, section: '.strtab' }, // in a section that is not loaded
      { name: '$x', value: 0x2000_0003, bind: STB_LOCAL, section: '.text' }, // RISC-V mapping symbol
    ],
  });
}

function elfError(bytes: Uint8Array): ElfError {
  try {
    parseElf(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ElfError);
    return e as ElfError;
  }
  throw new Error('parseElf accepted a malformed file');
}

describe('parseElf on a written image', () => {
  const w = sample();
  const elf = parseElf(w.bytes);

  it('reads the header', () => {
    expect(elf.class).toBe(32);
    expect(elf.endian).toBe('little');
    expect(elf.type).toBe('EXEC');
    expect(elf.typeRaw).toBe(2);
    expect(elf.machine).toBe(243);
    expect(elf.entry).toBe(0x2000_0000);
    expect(elf.flags).toEqual({ raw: 5, rvc: true, floatAbi: 'double', rve: false, tso: false });
  });

  it('decodes the other e_flags and e_type values', () => {
    const v = sample();
    v.view.setUint32(36, 0x1a, true); // RVE | TSO | single... 0x1a = TSO(0x10) | RVE(0x8) | single(0x2)
    v.view.setUint16(16, 3, true);
    const e = parseElf(v.bytes);
    expect(e.flags).toEqual({ raw: 0x1a, rvc: false, floatAbi: 'single', rve: true, tso: true });
    expect(e.type).toBe('DYN');
    v.view.setUint16(16, 0xfe00, true);
    expect(parseElf(v.bytes).type).toBe('OTHER');
  });

  it('reads every program header field', () => {
    expect(elf.phdrs).toEqual([
      { index: 0, type: PT.LOAD, offset: w.segOffsets[0], vaddr: 0x2000_0000, paddr: 0x2000_0000, filesz: 0x40, memsz: 0x40, flags: PF_R | PF_X, align: 4 },
      { index: 1, type: PT.LOAD, offset: w.segOffsets[1], vaddr: 0x8000_0000, paddr: 0x2000_1000, filesz: 8, memsz: 0x108, flags: PF_R | PF_W, align: 4 },
    ]);
  });

  it('reads section headers with their names', () => {
    expect(elf.sections.map((s) => s.name)).toEqual(['', '.text', '.data', '.bss', '.symtab', '.strtab', '.shstrtab']);
    const bss = elf.sections[3];
    expect(bss).toMatchObject({ index: 3, type: SHT.NOBITS, addr: 0x8000_0008, size: 0x100, flags: SHF_ALLOC | SHF_WRITE });
    const text = elf.sections[1];
    expect(text).toMatchObject({ type: SHT.PROGBITS, addr: 0x2000_0000, offset: w.segOffsets[0], size: 0x40, flags: SHF_ALLOC | SHF_EXECINSTR, addralign: 4 });
    expect(elf.sections[4]).toMatchObject({ type: SHT.SYMTAB, link: 5, info: 1, entsize: 16, offset: w.symtabOffset });
  });

  it('reads every symbol field and names reserved sections', () => {
    expect(elf.symbols).toHaveLength(15);
    expect(elf.symbols[0]).toEqual({ name: '_start', value: 0x2000_0000, size: 0x10, type: 'FUNC', bind: 'GLOBAL', section: '.text', shndx: 1 });
    expect(elf.symbols[2]).toMatchObject({ name: 'helper', bind: 'LOCAL', type: 'FUNC' });
    expect(elf.symbols[6]).toEqual({ name: 'tohost', value: 0x8000_0000, size: 4, type: 'OBJECT', bind: 'GLOBAL', section: '.data', shndx: 2 });
    expect(elf.symbols[8]).toMatchObject({ name: 'buf', section: '.bss' });
    expect(elf.symbols[9]).toMatchObject({ name: 'weakling', bind: 'WEAK' });
    expect(elf.symbols[11]).toMatchObject({ name: 'printf', section: 'UND', shndx: 0 });
    expect(elf.symbols[12]).toMatchObject({ name: 'STACK_SIZE', section: 'ABS', value: 0x1000 });
    expect(elf.symbols[13]).toMatchObject({ name: 'debug_label', section: '.strtab', shndx: 5 });
  });

  it('symbol() finds defined symbols, prefers global binding, ignores undefined ones', () => {
    expect(symbol(elf, 'tohost')?.value).toBe(0x8000_0000);
    expect(symbol(elf, 'fromhost')?.value).toBe(0x8000_0004);
    expect(symbol(elf, 'weakling')?.value).toBe(0x2000_001c);
    expect(symbol(elf, 'printf')).toBeUndefined();
    expect(symbol(elf, 'nope')).toBeUndefined();
  });

  it('loadSegments() copies filesz bytes and zero-fills up to memsz', () => {
    const segs = loadSegments(elf);
    expect(segs).toHaveLength(2);
    expect(segs[0]).toMatchObject({ index: 0, paddr: 0x2000_0000, vaddr: 0x2000_0000, filesz: 0x40, memsz: 0x40, flags: PF_R | PF_X });
    expect(Array.from(segs[0].data)).toEqual(Array.from(TEXT));
    expect(segs[1]).toMatchObject({ paddr: 0x2000_1000, vaddr: 0x8000_0000, filesz: 8, memsz: 0x108 });
    expect(segs[1].data.length).toBe(0x108);
    expect(Array.from(segs[1].data.subarray(0, 8))).toEqual(Array.from(DATA));
    // The file holds the symbol table right after .data, so non-zero bytes here would be a copy past filesz.
    expect(w.bytes.subarray(w.segOffsets[1] + 8, w.segOffsets[1] + 0x108).some((b) => b !== 0)).toBe(true);
    expect(segs[1].data.subarray(8).every((b) => b === 0)).toBe(true);
    // The image is a copy: writing it leaves the file alone.
    segs[0].data[0] ^= 0xff;
    expect(loadSegments(elf)[0].data[0]).toBe(TEXT[0]);
  });

  it('loadSegments() skips non-LOAD and empty segments', () => {
    const v = writeElf({
      segments: [
        { name: '.note', vaddr: 0x100, flags: PF_R, data: new Uint8Array(4), type: PT.NOTE },
        { name: '.empty', vaddr: 0x200, flags: PF_R, data: new Uint8Array(0) },
        { name: '.text', vaddr: 0x300, flags: PF_R | PF_X, data: new Uint8Array(4) },
      ],
    });
    expect(loadSegments(parseElf(v.bytes)).map((s) => s.index)).toEqual([2]);
  });

  it('symbolize() names the nearest preceding FUNC/NOTYPE symbol', () => {
    expect(symbolize(elf, 0x2000_0000)).toBe('_start');
    expect(symbolize(elf, 0x2000_0006)).toBe('_start+0x6'); // not debug_label, $x, or .Ltmp0 at +4
    expect(symbolize(elf, 0x2000_0014)).toBe('helper+0x4');
    expect(symbolize(elf, 0x2000_001a)).toBe('weakling+0x2');
    expect(symbolize(elf, 0x2000_0020)).toBe('main'); // FUNC wins over the NOTYPE label at the same address
    expect(symbolize(elf, 0x2000_003c)).toBe('loop+0xc');
    expect(symbolize(elf, 0x8000_0004)).toBe('loop+0x5fffffd4'); // data objects are not code labels
    expect(symbolize(elf, 0x1fff_fffc)).toBe('0x1ffffffc'); // STACK_SIZE is ABS, not a label
    expect(symbolize(elf, -1)).toBe('loop+0xdfffffcf'); // addresses are taken as unsigned 32-bit
    expect(lookupAddress(elf, 0x2000_0024)).toEqual({ symbol: elf.symbols[3], offset: 4 });
    expect(lookupAddress(elf, 0)).toBeUndefined();
  });

  it('symbolize() on a file without symbols gives the address', () => {
    const v = writeElf({ segments: [{ name: '.text', vaddr: 0x8000_0000, flags: PF_R | PF_X, data: new Uint8Array(4) }] });
    expect(symbolize(parseElf(v.bytes), 0x8000_0000)).toBe('0x80000000');
  });

  it('follows extended section numbering through section 0', () => {
    const v = sample();
    const n = v.view.getUint16(48, true);
    v.view.setUint16(48, 0, true); // e_shnum = 0: real count in section 0's sh_size
    v.view.setUint32(v.shoff + 20, n, true);
    v.view.setUint16(50, 0xffff, true); // SHN_XINDEX: real index in section 0's sh_link
    v.view.setUint32(v.shoff + 24, n - 1, true);
    const e = parseElf(v.bytes);
    expect(e.sections).toHaveLength(n);
    expect(e.sections[n - 1].name).toBe('.shstrtab');
  });
});

describe('parseElf errors', () => {
  const patched = (f: (w: Written) => void): Uint8Array => {
    const w = sample();
    f(w);
    return w.bytes;
  };

  it('rejects a file without the ELF magic', () => {
    expect(elfError(new TextEncoder().encode('#!/bin/sh\necho hi\n')).message).toBe(
      'not an ELF file: magic is [23 21 2f 62], expected [7f 45 4c 46] ("\\x7fELF")',
    );
    expect(elfError(new Uint8Array(0)).message).toMatch(/^not an ELF file: magic is \[\]/);
  });

  it('rejects ELF64 and names the machine', () => {
    const e = elfError(patched((w) => (w.bytes[4] = 2)));
    expect(e.message).toBe('wrong ELF class: ELFCLASS64 (EI_CLASS=2, machine 243 RISC-V); xipemu runs RV32 and needs ELFCLASS32 (EI_CLASS=1)');
    expect(elfError(patched((w) => (w.bytes[4] = 0))).message).toBe('invalid ELF class EI_CLASS=0: expected 1 (ELFCLASS32)');
  });

  it('rejects big-endian files, reading the machine in their byte order', () => {
    const e = elfError(
      patched((w) => {
        w.bytes[5] = 2;
        w.view.setUint16(18, 243, false);
      }),
    );
    expect(e.message).toBe(
      'wrong byte order: big-endian ELF (EI_DATA=2 ELFDATA2MSB, machine 243 RISC-V); the RISC-V board is little-endian (EI_DATA=1 ELFDATA2LSB)',
    );
    expect(elfError(patched((w) => (w.bytes[5] = 3))).message).toMatch(/^invalid ELF byte order EI_DATA=3/);
  });

  it('rejects another machine, naming its number', () => {
    expect(elfError(patched((w) => w.view.setUint16(18, 62, true))).message).toBe(
      'wrong machine: e_machine is 62 (x86-64), expected 243 (EM_RISCV)',
    );
    expect(elfError(patched((w) => w.view.setUint16(18, 4242, true))).message).toMatch(/e_machine is 4242 \(unknown\)/);
  });

  it('rejects a bad version', () => {
    expect(elfError(patched((w) => (w.bytes[6] = 0))).message).toMatch(/^unsupported ELF version EI_VERSION=0/);
    expect(elfError(patched((w) => w.view.setUint32(20, 2, true))).message).toMatch(/^unsupported ELF version e_version=2/);
  });

  it('rejects a truncated header', () => {
    expect(elfError(sample().bytes.slice(0, 40)).message).toBe('truncated ELF header: file is 40 bytes, an ELF32 header needs 52');
    expect(elfError(sample().bytes.slice(0, 10)).message).toBe('truncated ELF header: file is 10 bytes, e_ident alone needs 16');
  });

  it('rejects header sizes that are not ELF32', () => {
    expect(elfError(patched((w) => w.view.setUint16(42, 56, true))).message).toBe('bad e_phentsize 56: ELF32 program headers are 32 bytes');
    expect(elfError(patched((w) => w.view.setUint16(46, 64, true))).message).toBe('bad e_shentsize 64: ELF32 section headers are 40 bytes');
    expect(elfError(patched((w) => w.view.setUint16(40, 40, true))).message).toBe('bad e_ehsize 40: an ELF32 header is 52 bytes');
  });

  it('rejects a program header table outside the file', () => {
    const w = sample();
    w.view.setUint32(28, w.bytes.length - 32, true);
    expect(elfError(w.bytes).message).toBe(
      `program header table (2 entries) at file offset 0x${(w.bytes.length - 32).toString(16)}..0x${(w.bytes.length + 32).toString(16)} (64 bytes) lies outside the file (${w.bytes.length} bytes)`,
    );
  });

  it('rejects a section header table outside the file', () => {
    const w = sample();
    w.view.setUint16(48, 100, true);
    expect(elfError(w.bytes).message).toMatch(/^section header table \(100 entries\) at file offset 0x[0-9a-f]+\.\.0x[0-9a-f]+ \(4000 bytes\) lies outside the file/);
    const w2 = sample();
    w2.view.setUint32(32, 0xffff_fff0, true);
    expect(elfError(w2.bytes).message).toMatch(/^section header table at file offset 0xfffffff0\.\.0x100000018 \(40 bytes\) lies outside the file/);
  });

  it('rejects a segment whose file range is outside the file', () => {
    const w = sample();
    w.view.setUint32(w.phoff + 32 + 4, w.bytes.length - 4, true); // segment 1 p_offset
    expect(elfError(w.bytes).message).toBe(
      `segment 1 (PT_LOAD RW-) at file offset 0x${(w.bytes.length - 4).toString(16)}..0x${(w.bytes.length + 4).toString(16)} (8 bytes) lies outside the file (${w.bytes.length} bytes)`,
    );
  });

  it('rejects a section whose file range is outside the file', () => {
    const w = sample();
    w.view.setUint32(w.shoff + 40 * 2 + 20, 0x10_0000, true); // .data sh_size
    expect(elfError(w.bytes).message).toMatch(/^section 2 at file offset 0x[0-9a-f]+\.\.0x[0-9a-f]+ \(1048576 bytes\) lies outside the file/);
  });

  it('rejects filesz > memsz', () => {
    const w = sample();
    w.view.setUint32(w.phoff + 20, 0x20, true); // segment 0 p_memsz below p_filesz 0x40
    expect(elfError(w.bytes).message).toBe('segment 0 (PT_LOAD R-X): p_filesz 0x40 is larger than p_memsz 0x20');
  });

  it('rejects a segment that wraps past 4 GiB', () => {
    const w = sample();
    w.view.setUint32(w.phoff + 8, 0xffff_fff0, true);
    w.view.setUint32(w.phoff + 12, 0xffff_fff0, true);
    expect(elfError(w.bytes).message).toBe('segment 0 (PT_LOAD R-X): 0xfffffff0 + memsz 0x40 wraps past the end of the 32-bit address space');
  });

  it('rejects overlapping PT_LOAD segments, by virtual and by physical address', () => {
    const base = (paddr2: number, vaddr2: number): Uint8Array =>
      writeElf({
        segments: [
          { name: '.text', vaddr: 0x8000_0000, flags: PF_R | PF_X, data: new Uint8Array(0x40) },
          { name: '.data', vaddr: vaddr2, paddr: paddr2, flags: PF_R | PF_W, data: new Uint8Array(8), memsz: 0x20 },
        ],
      }).bytes;
    expect(elfError(base(0x9000_0000, 0x8000_0030)).message).toBe(
      'overlapping PT_LOAD segments: segment 0 (PT_LOAD R-X) vaddr 0x80000000..0x80000040 overlaps segment 1 (PT_LOAD RW-) vaddr 0x80000030..0x80000050',
    );
    expect(elfError(base(0x7fff_fff0, 0x9000_0000)).message).toBe(
      'overlapping PT_LOAD segments: segment 1 (PT_LOAD RW-) paddr 0x7ffffff0..0x80000010 overlaps segment 0 (PT_LOAD R-X) paddr 0x80000000..0x80000040',
    );
    // Touching is not overlapping.
    expect(() => parseElf(base(0x8000_0040, 0x8000_0040))).not.toThrow();
  });

  it('rejects a section-name string-table index out of range', () => {
    const w = sample();
    w.view.setUint16(50, 9, true);
    expect(elfError(w.bytes).message).toBe('string-table index out of range: e_shstrndx is 9 but there are 7 sections');
  });

  it('rejects e_shstrndx naming a section that is not a string table', () => {
    const w = sample();
    w.view.setUint16(50, 1, true);
    expect(elfError(w.bytes).message).toBe('e_shstrndx 1 names section of type 1, not SHT_STRTAB (3)');
  });

  it('rejects a section name offset outside the string table', () => {
    const w = sample();
    w.view.setUint32(w.shoff + 40 * 2, 500, true);
    expect(elfError(w.bytes).message).toMatch(/^section 2: name offset 500 is outside string table section 6 \(\d+ bytes\)$/);
  });

  it('rejects a symbol table whose string-table link is out of range', () => {
    const w = sample();
    w.view.setUint32(w.shoff + 40 * 4 + 24, 42, true);
    expect(elfError(w.bytes).message).toBe(
      "string-table index out of range: symbol table '.symtab' has sh_link 42 but there are 7 sections",
    );
  });

  it('rejects a symbol table with the wrong entry size', () => {
    const w = sample();
    w.view.setUint32(w.shoff + 40 * 4 + 36, 24, true);
    expect(elfError(w.bytes).message).toBe("symbol table '.symtab': sh_entsize is 24, ELF32 symbols are 16 bytes");
  });

  it('rejects a symbol with an out-of-range name or section index', () => {
    const w = sample();
    w.view.setUint32(w.symtabOffset + 16 * 3, 9999, true);
    expect(elfError(w.bytes).message).toMatch(/^symbol 3 of '.symtab': name offset 9999 is outside string table '.strtab'/);
    const w2 = sample();
    w2.view.setUint16(w2.symtabOffset + 16 * 2 + 14, 77, true);
    expect(elfError(w2.bytes).message).toBe("symbol 2 of '.symtab': section index 77 is out of range (7 sections)");
  });

  it('errors carry the data-error exit code for the CLI', () => {
    expect(elfError(new Uint8Array(4)).exitCode).toBe(65);
  });
});

describe('checkSegmentsFit', () => {
  const elf = parseElf(sample().bytes);
  const flash = { name: 'flash0', base: 0x2000_0000, size: 0x200_0000 };
  const ram = { name: 'ram', base: 0x8000_0000, size: 0x10_0000 };

  it('accepts segments inside the regions (by physical address)', () => {
    expect(() => checkSegmentsFit(elf, [flash])).not.toThrow(); // .data is loaded at its flash LMA
  });

  it('names the segment and address when it is outside every region', () => {
    expect(() => checkSegmentsFit(elf, [ram])).toThrow(ElfError);
    expect(() => checkSegmentsFit(elf, [ram])).toThrow(
      "segment 0 (PT_LOAD R-X) at paddr 0x20000000..0x20000040 (64 bytes) is outside the board's memory; regions: ram [0x80000000, 0x80100000)",
    );
  });

  it('says by how much a segment runs past a region', () => {
    const small = { name: 'flash0', base: 0x2000_0000, size: 0x1010 };
    expect(() => checkSegmentsFit(elf, [small, ram])).toThrow(
      'segment 1 (PT_LOAD RW-) at paddr 0x20001000..0x20001108 (264 bytes) does not fit in flash0 [0x20000000, 0x20001010): it runs 248 bytes past its end',
    );
    const late = { name: 'flash0', base: 0x2000_0010, size: 0x10000 };
    expect(() => checkSegmentsFit(elf, [late])).toThrow(
      'segment 0 (PT_LOAD R-X) at paddr 0x20000000..0x20000040 (64 bytes) does not fit in flash0 [0x20000010, 0x20010010): it starts 16 bytes before it',
    );
  });
});

describe('a real ELF from clang and ld.lld', () => {
  it('matches llvm-nm and llvm-readelf', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xipemu-elf-'));
    try {
      writeFileSync(
        join(dir, 'start.S'),
        [
          '.section .text.init,"ax"',
          '.globl _start',
          '.type _start,@function',
          '_start:',
          '  la sp, stack_top',
          '  call main',
          '1: j 1b',
          '.size _start, .-_start',
          '.section .tohost,"aw"',
          '.globl tohost',
          '.type tohost,@object',
          'tohost: .word 0',
          '.size tohost, 4',
          '.bss',
          '.space 1024',
          'stack_top:',
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'main.c'),
        'int counter = 5;\nint zeros[100];\n' +
          'static int twice(int x) { return counter * x + zeros[x & 7]; }\n' +
          'int __attribute__((noinline)) main(void) { for (int i = 0; i < 100; i++) zeros[i] = twice(i); return 0; }\n',
      );
      writeFileSync(
        join(dir, 'link.ld'),
        [
          'ENTRY(_start)',
          'MEMORY { FLASH (rx) : ORIGIN = 0x20000000, LENGTH = 32M  RAM (rwx) : ORIGIN = 0x80000000, LENGTH = 1M }',
          'SECTIONS {',
          '  .text : { *(.text.init) *(.text .text.*) } > FLASH',
          '  .data : { *(.tohost) *(.data .data.* .sdata .sdata.*) } > RAM AT > FLASH',
          '  .bss : { *(.sbss .sbss.* .bss .bss.* COMMON) } > RAM',
          '}',
          '',
        ].join('\n'),
      );
      const out = join(dir, 'a.elf');
      execFileSync('clang', [
        '--target=riscv32-unknown-elf', '-march=rv32imac', '-mabi=ilp32', '-O1', '-nostdlib', '-fuse-ld=lld',
        '-Wl,-T,' + join(dir, 'link.ld'), join(dir, 'start.S'), join(dir, 'main.c'), '-o', out,
      ]);
      const elf = parseElf(new Uint8Array(readFileSync(out)));
      expect(elf.type).toBe('EXEC');
      expect(elf.flags.rvc).toBe(true);
      expect(elf.flags.floatAbi).toBe('soft');
      expect(elf.entry).toBe(symbol(elf, '_start')?.value);
      expect(elf.entry).toBe(0x2000_0000);

      // Symbols: every defined symbol llvm-nm lists, with value and type letter.
      const nm = execFileSync('llvm-nm', ['--defined-only', out], { encoding: 'utf8' }).trim().split('\n');
      const nmSyms = nm.map((l) => l.split(/\s+/)).map(([v, t, n]) => ({ value: parseInt(v, 16), t, name: n }));
      expect(nmSyms.length).toBeGreaterThan(4);
      for (const s of nmSyms) {
        const ours = elf.symbols.find((x) => x.name === s.name && x.value === s.value);
        expect(ours, s.name).toBeDefined();
        if (s.t.toLowerCase() === 't') expect(ours!.section).toBe('.text');
        if (s.t.toLowerCase() === 'b') expect(ours!.section).toBe('.bss');
      }
      expect(symbol(elf, 'tohost')).toMatchObject({ type: 'OBJECT', bind: 'GLOBAL', section: '.data', size: 4, value: 0x8000_0000 });

      // Program headers: every LOAD line of llvm-readelf.
      const rl = execFileSync('llvm-readelf', ['-l', '--wide', out], { encoding: 'utf8' });
      const loads = rl.split('\n').filter((l) => /^\s+LOAD\s/.test(l)).map((l) => l.trim().split(/\s+/));
      const ourLoads = elf.phdrs.filter((p) => p.type === PT.LOAD);
      expect(ourLoads.length).toBe(loads.length);
      loads.forEach((f, i) => {
        const p = ourLoads[i];
        expect([p.offset, p.vaddr, p.paddr, p.filesz, p.memsz, p.align]).toEqual(
          [f[1], f[2], f[3], f[4], f[5], f[f.length - 1]].map((x) => parseInt(x, 16)),
        );
        expect(f.slice(6, -1).join('').replace('E', 'X')).toBe(
          `${p.flags & PF_R ? 'R' : ''}${p.flags & PF_W ? 'W' : ''}${p.flags & PF_X ? 'X' : ''}`,
        );
      });

      // Sections: names and sizes match llvm-readelf -S.
      const rs = execFileSync('llvm-readelf', ['-S', '--wide', out], { encoding: 'utf8' });
      for (const sec of elf.sections.slice(1)) {
        const line = rs.split('\n').find((l) => new RegExp(`\\]\\s+${sec.name.replace('.', '\\.')}\\s`).test(l));
        expect(line, sec.name).toBeDefined();
        expect(line).toContain(sec.size.toString(16).padStart(6, '0'));
      }

      // Loading: .data is placed at its flash LMA with the initial value; .bss is a zero-filled segment in RAM.
      const segs = loadSegments(elf);
      const data = segs.find((s) => s.vaddr === 0x8000_0000)!;
      const textEnd = 0x2000_0000 + elf.sections.find((s) => s.name === '.text')!.size;
      expect(data.paddr).toBeGreaterThanOrEqual(textEnd);
      expect(data.paddr).toBeLessThan(textEnd + 16);
      const counter = symbol(elf, 'counter')!;
      expect(new DataView(data.data.buffer).getInt32(counter.value - data.vaddr, true)).toBe(5);
      const zeros = symbol(elf, 'zeros')!;
      const bss = segs.find((s) => s.vaddr <= zeros.value && zeros.value < s.vaddr + s.memsz)!;
      expect(bss.filesz).toBe(0);
      expect(bss.memsz).toBeGreaterThanOrEqual(400 + 1024);
      expect(bss.data.length).toBe(bss.memsz);
      expect(bss.data.every((b) => b === 0)).toBe(true);
      checkSegmentsFit(elf, [
        { name: 'flash0', base: 0x2000_0000, size: 32 << 20 },
        { name: 'ram', base: 0x8000_0000, size: 1 << 20 },
      ]);
      const main = symbol(elf, 'main')!;
      expect(symbolize(elf, main.value + 4)).toBe('main+0x4');
      expect(symbolize(elf, elf.entry + 2)).toBe('_start+0x2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
