// ELF32 reader and loader for the RISC-V board.
//
// Follows the System V gABI (ELF header, program headers, section headers, symbol tables, including the
// extended numbering of e_phnum/e_shnum/e_shstrndx through section 0) and the RISC-V psABI for e_machine
// (EM_RISCV = 243) and e_flags (RVC, float ABI, RVE, TSO). The board is little-endian RV32, so only ELFCLASS32
// little-endian files load; a big-endian or 64-bit file is still read far enough to say exactly what it is.
//
// Every structural problem is an ElfError whose message names the field, the index and the numbers involved,
// because the usual reader is someone whose linker script went wrong. Left out: relocations, dynamic linking
// (PT_DYNAMIC is parsed as a header but never interpreted), notes, DWARF.

/** Raised for any malformed or unsupported ELF file, and when a segment does not fit the board's memory. */
export class ElfError extends Error {
  exitCode = 65; // EX_DATAERR: the CLI maps an uncaught ElfError to "bad input file".
  constructor(message: string) {
    super(message);
    this.name = 'ElfError';
  }
}

// ---- Constants (gABI / RISC-V psABI names) ------------------------------------------------------------------

export const EM_RISCV = 243;
export const EHDR32_SIZE = 52;
export const PHDR32_SIZE = 32;
export const SHDR32_SIZE = 40;
export const SYM32_SIZE = 16;

export const PT = {
  NULL: 0, LOAD: 1, DYNAMIC: 2, INTERP: 3, NOTE: 4, SHLIB: 5, PHDR: 6, TLS: 7,
  GNU_EH_FRAME: 0x6474e550, GNU_STACK: 0x6474e551, GNU_RELRO: 0x6474e552, RISCV_ATTRIBUTES: 0x70000003,
} as const;

/** Segment permission bits (p_flags). */
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export const SHT = {
  NULL: 0, PROGBITS: 1, SYMTAB: 2, STRTAB: 3, RELA: 4, HASH: 5, DYNAMIC: 6, NOTE: 7, NOBITS: 8, REL: 9,
  DYNSYM: 11, INIT_ARRAY: 14, FINI_ARRAY: 15, RISCV_ATTRIBUTES: 0x70000003,
} as const;

/** Section flags (sh_flags). */
export const SHF_WRITE = 1;
export const SHF_ALLOC = 2;
export const SHF_EXECINSTR = 4;

export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;
const PN_XNUM = 0xffff;

/** RISC-V e_flags bits (psABI "ELF Object Files"). */
export const EF_RISCV_RVC = 0x1;
export const EF_RISCV_FLOAT_ABI_MASK = 0x6;
export const EF_RISCV_RVE = 0x8;
export const EF_RISCV_TSO = 0x10;

const ET_NAMES = ['NONE', 'REL', 'EXEC', 'DYN', 'CORE'] as const;
export type ElfType = (typeof ET_NAMES)[number] | 'OTHER';

const STT_NAMES = ['NOTYPE', 'OBJECT', 'FUNC', 'SECTION', 'FILE', 'COMMON', 'TLS'] as const;
export type SymbolType = (typeof STT_NAMES)[number] | 'OTHER';
const STB_NAMES = ['LOCAL', 'GLOBAL', 'WEAK'] as const;
export type SymbolBind = (typeof STB_NAMES)[number] | 'OTHER';

/** A few machine numbers, only to make "wrong machine" errors readable. */
const MACHINE_NAMES: Record<number, string> = {
  0: 'none', 3: 'x86', 8: 'MIPS', 20: 'PowerPC', 21: 'PowerPC64', 40: 'ARM', 42: 'SuperH', 50: 'IA-64',
  62: 'x86-64', 83: 'AVR', 183: 'AArch64', 243: 'RISC-V', 258: 'LoongArch', 247: 'BPF',
};

export function machineName(m: number): string {
  return MACHINE_NAMES[m] ?? 'unknown';
}

// ---- Parsed file ------------------------------------------------------------------------------------------

export interface ElfFlags {
  raw: number;
  rvc: boolean;                                        // EF_RISCV_RVC: may contain compressed instructions
  floatAbi: 'soft' | 'single' | 'double' | 'quad';     // EF_RISCV_FLOAT_ABI
  rve: boolean;                                        // EF_RISCV_RVE: RV32E register file
  tso: boolean;                                        // EF_RISCV_TSO: Ztso memory model
}

export interface ElfProgramHeader {
  index: number;
  type: number;      // PT.*
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  flags: number;     // PF_R | PF_W | PF_X
  align: number;
}

export interface ElfSection {
  index: number;
  name: string;
  type: number;      // SHT.*
  flags: number;     // SHF_*
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: number;
  entsize: number;
}

export interface ElfSymbol {
  name: string;
  value: number;
  size: number;
  type: SymbolType;
  bind: SymbolBind;
  /** Name of the defining section, or 'UND', 'ABS', 'COMMON' for the reserved indices. */
  section: string;
  shndx: number;
}

export interface ElfFile {
  class: 32;
  endian: 'little';
  type: ElfType;
  typeRaw: number;
  machine: number;
  osabi: number;
  entry: number;
  flags: ElfFlags;
  phdrs: ElfProgramHeader[];
  sections: ElfSection[];
  /** Symbols of .symtab (or .dynsym when there is no .symtab), without the null symbol 0. */
  symbols: ElfSymbol[];
  /** The file itself; segment images are copied out of it by loadSegments(). */
  bytes: Uint8Array;
}

export interface LoadSegment {
  index: number;     // program header index
  paddr: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  flags: number;
  align: number;
  /** memsz bytes: the file bytes, then zeros (bss). A fresh copy, safe to modify. */
  data: Uint8Array;
}

export interface MemoryRegion {
  name: string;
  base: number;
  size: number;
}

// ---- Formatting helpers -----------------------------------------------------------------------------------

/** Hex for addresses and offsets; negative numbers are taken as unsigned 32-bit, sums past 4 GiB stay exact. */
export function hex(n: number): string {
  return `0x${(n < 0 ? n >>> 0 : n).toString(16)}`;
}

/** "R-X" style permission string for p_flags. */
export function segmentFlagString(flags: number): string {
  return `${flags & PF_R ? 'R' : '-'}${flags & PF_W ? 'W' : '-'}${flags & PF_X ? 'X' : '-'}`;
}

export function segmentTypeName(type: number): string {
  for (const [k, v] of Object.entries(PT)) if (v === type) return `PT_${k}`;
  return `type ${hex(type)}`;
}

function describeSegment(p: ElfProgramHeader): string {
  return `segment ${p.index} (${segmentTypeName(p.type)} ${segmentFlagString(p.flags)})`;
}

// ---- Parser -----------------------------------------------------------------------------------------------

/** Bounds-checked little/big-endian reads over the file; `what` names the field for error messages. */
class Reader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array, readonly little: boolean) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(off: number): number {
    return this.view.getUint8(off);
  }
  u16(off: number): number {
    return this.view.getUint16(off, this.little);
  }
  u32(off: number): number {
    return this.view.getUint32(off, this.little);
  }
}

function checkIdent(bytes: Uint8Array): void {
  if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    const got = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new ElfError(`not an ELF file: magic is [${got}], expected [7f 45 4c 46] ("\\x7fELF")`);
  }
  if (bytes.length < 16) throw new ElfError(`truncated ELF header: file is ${bytes.length} bytes, e_ident alone needs 16`);
  const cls = bytes[4];
  const data = bytes[5];
  const machineHint = (): string => {
    if (bytes.length < 20) return '';
    const m = data === 2 ? (bytes[18] << 8) | bytes[19] : bytes[18] | (bytes[19] << 8);
    return `, machine ${m} ${machineName(m)}`;
  };
  if (cls === 2) {
    throw new ElfError(
      `wrong ELF class: ELFCLASS64 (EI_CLASS=2${machineHint()}); xipemu runs RV32 and needs ELFCLASS32 (EI_CLASS=1)`,
    );
  }
  if (cls !== 1) throw new ElfError(`invalid ELF class EI_CLASS=${cls}: expected 1 (ELFCLASS32)`);
  if (data === 2) {
    throw new ElfError(
      `wrong byte order: big-endian ELF (EI_DATA=2 ELFDATA2MSB${machineHint()}); the RISC-V board is little-endian (EI_DATA=1 ELFDATA2LSB)`,
    );
  }
  if (data !== 1) throw new ElfError(`invalid ELF byte order EI_DATA=${data}: expected 1 (ELFDATA2LSB, little-endian)`);
  if (bytes[6] !== 1) throw new ElfError(`unsupported ELF version EI_VERSION=${bytes[6]}: expected 1 (EV_CURRENT)`);
}

/** Checks that [off, off+len) lies inside the file; `what` names the table or segment. */
function checkRange(fileLen: number, off: number, len: number, what: string): void {
  if (off > fileLen || len > fileLen - off) {
    throw new ElfError(
      `${what} at file offset ${hex(off)}..${hex(off + len)} (${len} bytes) lies outside the file (${fileLen} bytes)`,
    );
  }
}

function readCString(bytes: Uint8Array, tab: ElfSection, off: number, what: string): string {
  if (off >= tab.size) {
    const label = tab.name ? `'${tab.name}'` : `section ${tab.index}`;
    throw new ElfError(`${what}: name offset ${off} is outside string table ${label} (${tab.size} bytes)`);
  }
  const start = tab.offset + off;
  const end = tab.offset + tab.size;
  let i = start;
  while (i < end && bytes[i] !== 0) i++;
  if (i === end) throw new ElfError(`${what}: name at offset ${off} of string table section ${tab.index} has no terminating NUL`);
  return new TextDecoder().decode(bytes.subarray(start, i));
}

export function parseElf(bytes: Uint8Array): ElfFile {
  checkIdent(bytes);
  if (bytes.length < EHDR32_SIZE) {
    throw new ElfError(`truncated ELF header: file is ${bytes.length} bytes, an ELF32 header needs ${EHDR32_SIZE}`);
  }
  const r = new Reader(bytes, true);
  const typeRaw = r.u16(16);
  const machine = r.u16(18);
  if (machine !== EM_RISCV) {
    throw new ElfError(`wrong machine: e_machine is ${machine} (${machineName(machine)}), expected ${EM_RISCV} (EM_RISCV)`);
  }
  const version = r.u32(20);
  if (version !== 1) throw new ElfError(`unsupported ELF version e_version=${version}: expected 1 (EV_CURRENT)`);
  const entry = r.u32(24);
  const phoff = r.u32(28);
  const shoff = r.u32(32);
  const flagsRaw = r.u32(36);
  const ehsize = r.u16(40);
  const phentsize = r.u16(42);
  let phnum = r.u16(44);
  const shentsize = r.u16(46);
  let shnum = r.u16(48);
  let shstrndx = r.u16(50);
  if (ehsize < EHDR32_SIZE) throw new ElfError(`bad e_ehsize ${ehsize}: an ELF32 header is ${EHDR32_SIZE} bytes`);

  // Section headers first: with extended numbering, section 0 holds the real e_phnum/e_shnum/e_shstrndx.
  if (shoff !== 0) {
    if (shentsize !== SHDR32_SIZE) throw new ElfError(`bad e_shentsize ${shentsize}: ELF32 section headers are ${SHDR32_SIZE} bytes`);
    checkRange(bytes.length, shoff, SHDR32_SIZE, 'section header table');
    if (shnum === 0) shnum = r.u32(shoff + 20); // sh_size of section 0
    if (shstrndx === SHN_XINDEX) shstrndx = r.u32(shoff + 24); // sh_link of section 0
    if (phnum === PN_XNUM) phnum = r.u32(shoff + 28); // sh_info of section 0
    checkRange(bytes.length, shoff, shnum * SHDR32_SIZE, `section header table (${shnum} entries)`);
  } else {
    shnum = 0;
  }
  if (phnum > 0) {
    if (phentsize !== PHDR32_SIZE) throw new ElfError(`bad e_phentsize ${phentsize}: ELF32 program headers are ${PHDR32_SIZE} bytes`);
    checkRange(bytes.length, phoff, phnum * PHDR32_SIZE, `program header table (${phnum} entries)`);
  }

  const phdrs: ElfProgramHeader[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * PHDR32_SIZE;
    const p: ElfProgramHeader = {
      index: i,
      type: r.u32(o),
      offset: r.u32(o + 4),
      vaddr: r.u32(o + 8),
      paddr: r.u32(o + 12),
      filesz: r.u32(o + 16),
      memsz: r.u32(o + 20),
      flags: r.u32(o + 24),
      align: r.u32(o + 28),
    };
    if (p.filesz > 0) checkRange(bytes.length, p.offset, p.filesz, describeSegment(p));
    if (p.type === PT.LOAD) {
      if (p.filesz > p.memsz) {
        throw new ElfError(`${describeSegment(p)}: p_filesz ${hex(p.filesz)} is larger than p_memsz ${hex(p.memsz)}`);
      }
      if (p.vaddr + p.memsz > 2 ** 32 || p.paddr + p.memsz > 2 ** 32) {
        throw new ElfError(`${describeSegment(p)}: ${hex(p.vaddr)} + memsz ${hex(p.memsz)} wraps past the end of the 32-bit address space`);
      }
    }
    phdrs.push(p);
  }
  checkLoadOverlaps(phdrs);

  const sections: ElfSection[] = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * SHDR32_SIZE;
    const s: ElfSection = {
      index: i,
      name: '',
      type: r.u32(o + 4),
      flags: r.u32(o + 8),
      addr: r.u32(o + 12),
      offset: r.u32(o + 16),
      size: r.u32(o + 20),
      link: r.u32(o + 24),
      info: r.u32(o + 28),
      addralign: r.u32(o + 32),
      entsize: r.u32(o + 36),
    };
    // Section 0 carries extended numbering in size/link/info, not data.
    if (i > 0 && s.type !== SHT.NOBITS && s.type !== SHT.NULL && s.size > 0) {
      checkRange(bytes.length, s.offset, s.size, `section ${i}`);
    }
    sections.push(s);
  }
  if (shnum > 0) {
    if (shstrndx === SHN_UNDEF) {
      // No section names: legal, names stay empty.
    } else if (shstrndx >= shnum) {
      throw new ElfError(`string-table index out of range: e_shstrndx is ${shstrndx} but there are ${shnum} sections`);
    } else {
      const strtab = sections[shstrndx];
      if (strtab.type !== SHT.STRTAB) {
        throw new ElfError(`e_shstrndx ${shstrndx} names section of type ${strtab.type}, not SHT_STRTAB (3)`);
      }
      for (const s of sections) {
        const nameOff = r.u32(shoff + s.index * SHDR32_SIZE);
        if (s.index === 0 && nameOff === 0) continue;
        s.name = readCString(bytes, strtab, nameOff, `section ${s.index}`);
      }
    }
  }

  const flags: ElfFlags = {
    raw: flagsRaw,
    rvc: (flagsRaw & EF_RISCV_RVC) !== 0,
    floatAbi: (['soft', 'single', 'double', 'quad'] as const)[(flagsRaw & EF_RISCV_FLOAT_ABI_MASK) >> 1],
    rve: (flagsRaw & EF_RISCV_RVE) !== 0,
    tso: (flagsRaw & EF_RISCV_TSO) !== 0,
  };

  return {
    class: 32,
    endian: 'little',
    type: typeRaw < ET_NAMES.length ? ET_NAMES[typeRaw] : 'OTHER',
    typeRaw,
    machine,
    osabi: bytes[7],
    entry,
    flags,
    phdrs,
    sections,
    symbols: readSymbols(bytes, r, sections),
    bytes,
  };
}

/** PT_LOAD segments must not share any byte, neither virtually nor physically (the loader would clobber). */
function checkLoadOverlaps(phdrs: ElfProgramHeader[]): void {
  const loads = phdrs.filter((p) => p.type === PT.LOAD && p.memsz > 0);
  for (const key of ['vaddr', 'paddr'] as const) {
    const sorted = [...loads].sort((a, b) => a[key] - b[key]);
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1];
      const b = sorted[i];
      if (a[key] + a.memsz > b[key]) {
        throw new ElfError(
          `overlapping PT_LOAD segments: ${describeSegment(a)} ${key} ${hex(a[key])}..${hex(a[key] + a.memsz)} ` +
            `overlaps ${describeSegment(b)} ${key} ${hex(b[key])}..${hex(b[key] + b.memsz)}`,
        );
      }
    }
  }
}

function readSymbols(bytes: Uint8Array, r: Reader, sections: ElfSection[]): ElfSymbol[] {
  const symtab = sections.find((s) => s.type === SHT.SYMTAB) ?? sections.find((s) => s.type === SHT.DYNSYM);
  if (!symtab) return [];
  const tabName = symtab.name || `section ${symtab.index}`;
  if (symtab.entsize !== SYM32_SIZE) {
    throw new ElfError(`symbol table '${tabName}': sh_entsize is ${symtab.entsize}, ELF32 symbols are ${SYM32_SIZE} bytes`);
  }
  if (symtab.size % SYM32_SIZE !== 0) {
    throw new ElfError(`symbol table '${tabName}': size ${symtab.size} is not a multiple of ${SYM32_SIZE}`);
  }
  if (symtab.link === 0 || symtab.link >= sections.length) {
    throw new ElfError(
      `string-table index out of range: symbol table '${tabName}' has sh_link ${symtab.link} but there are ${sections.length} sections`,
    );
  }
  const strtab = sections[symtab.link];
  if (strtab.type !== SHT.STRTAB) {
    throw new ElfError(`symbol table '${tabName}': sh_link ${symtab.link} names a section of type ${strtab.type}, not SHT_STRTAB (3)`);
  }
  const out: ElfSymbol[] = [];
  const count = symtab.size / SYM32_SIZE;
  for (let i = 1; i < count; i++) {
    const o = symtab.offset + i * SYM32_SIZE;
    const info = r.u8(o + 12);
    const shndx = r.u16(o + 14);
    const what = `symbol ${i} of '${tabName}'`;
    let section: string;
    if (shndx === SHN_UNDEF) section = 'UND';
    else if (shndx === SHN_ABS) section = 'ABS';
    else if (shndx === SHN_COMMON) section = 'COMMON';
    else if (shndx >= SHN_LORESERVE) section = `#${hex(shndx)}`;
    else if (shndx >= sections.length) {
      throw new ElfError(`${what}: section index ${shndx} is out of range (${sections.length} sections)`);
    } else section = sections[shndx].name;
    const stt = info & 0xf;
    const stb = info >> 4;
    out.push({
      name: readCString(bytes, strtab, r.u32(o), what),
      value: r.u32(o + 4),
      size: r.u32(o + 8),
      type: stt < STT_NAMES.length ? STT_NAMES[stt] : 'OTHER',
      bind: stb < STB_NAMES.length ? STB_NAMES[stb] : 'OTHER',
      section,
      shndx,
    });
  }
  return out;
}

// ---- Helpers over a parsed file ---------------------------------------------------------------------------

const BIND_RANK: Record<SymbolBind, number> = { GLOBAL: 0, WEAK: 1, LOCAL: 2, OTHER: 3 };

/** The defined symbol with this name (global preferred over weak over local), or undefined. */
export function symbol(elf: ElfFile, name: string): ElfSymbol | undefined {
  let best: ElfSymbol | undefined;
  for (const s of elf.symbols) {
    if (s.name !== name || s.shndx === SHN_UNDEF) continue;
    if (!best || BIND_RANK[s.bind] < BIND_RANK[best.bind]) best = s;
  }
  return best;
}

/** Byte images of the PT_LOAD segments, in program-header order, empty (memsz 0) segments left out. */
export function loadSegments(elf: ElfFile): LoadSegment[] {
  const out: LoadSegment[] = [];
  for (const p of elf.phdrs) {
    if (p.type !== PT.LOAD || p.memsz === 0) continue;
    const data = new Uint8Array(p.memsz); // zero-filled: the tail beyond filesz is bss
    data.set(elf.bytes.subarray(p.offset, p.offset + p.filesz));
    out.push({ index: p.index, paddr: p.paddr, vaddr: p.vaddr, filesz: p.filesz, memsz: p.memsz, flags: p.flags, align: p.align, data });
  }
  return out;
}

/**
 * Checks that every PT_LOAD segment lies, by physical address, entirely inside one of the regions
 * (half-open [base, base+size)). Throws an ElfError naming the segment, its range and the regions.
 */
export function checkSegmentsFit(elf: ElfFile, regions: MemoryRegion[]): void {
  const fmt = (g: MemoryRegion): string => `${g.name} [${hex(g.base)}, ${hex(g.base + g.size)})`;
  for (const p of elf.phdrs) {
    if (p.type !== PT.LOAD || p.memsz === 0) continue;
    const start = p.paddr;
    const end = p.paddr + p.memsz;
    if (regions.some((g) => start >= g.base && end <= g.base + g.size)) continue;
    const what = `${describeSegment(p)} at paddr ${hex(start)}..${hex(end)} (${p.memsz} bytes)`;
    const partial = regions.find((g) => start < g.base + g.size && end > g.base);
    if (partial) {
      const detail =
        start < partial.base
          ? `starts ${partial.base - start} bytes before it`
          : `runs ${end - (partial.base + partial.size)} bytes past its end`;
      throw new ElfError(`${what} does not fit in ${fmt(partial)}: it ${detail}`);
    }
    const list = regions.length ? regions.map(fmt).join(', ') : 'none';
    throw new ElfError(`${what} is outside the board's memory; regions: ${list}`);
  }
}

// ---- Symbolizer -------------------------------------------------------------------------------------------

interface SymTable {
  addrs: Uint32Array; // sorted ascending
  syms: ElfSymbol[];  // same order
}

const symTables = new WeakMap<ElfFile, SymTable>();

/**
 * Symbols useful as code labels: FUNC, or NOTYPE labels, defined in a section that is loaded (SHF_ALLOC, so
 * not DWARF's labels); no assembler temporaries (.L*) or mapping symbols ($x, $d).
 */
function isCodeLabel(elf: ElfFile, s: ElfSymbol): boolean {
  if (s.type !== 'FUNC' && s.type !== 'NOTYPE') return false;
  if (s.shndx === SHN_UNDEF || s.shndx >= SHN_LORESERVE) return false;
  if (!(elf.sections[s.shndx].flags & SHF_ALLOC)) return false;
  if (s.name === '' || s.name.startsWith('.L') || s.name.startsWith('$')) return false;
  return true;
}

function symTable(elf: ElfFile): SymTable {
  let t = symTables.get(elf);
  if (t) return t;
  const rank = (s: ElfSymbol): number => (s.type === 'FUNC' ? 0 : 4) + BIND_RANK[s.bind];
  // At equal addresses keep one symbol: FUNC before NOTYPE, then global before weak before local.
  const sorted = elf.symbols.filter((s) => isCodeLabel(elf, s)).sort((a, b) => a.value - b.value || rank(a) - rank(b) || (a.name < b.name ? -1 : 1));
  const syms: ElfSymbol[] = [];
  for (const s of sorted) if (syms.length === 0 || syms[syms.length - 1].value !== s.value) syms.push(s);
  t = { addrs: Uint32Array.from(syms, (s) => s.value), syms };
  symTables.set(elf, t);
  return t;
}

/** The nearest code symbol at or below addr and the offset from it, or undefined if none precedes addr. */
export function lookupAddress(elf: ElfFile, addr: number): { symbol: ElfSymbol; offset: number } | undefined {
  const { addrs, syms } = symTable(elf);
  const a = addr >>> 0;
  let lo = 0;
  let hi = addrs.length; // invariant: addrs[0..lo) <= a < addrs[hi..)
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (addrs[mid] <= a) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return undefined;
  const s = syms[lo - 1];
  return { symbol: s, offset: a - s.value };
}

/** "func+0x1c", "func" at offset 0, or the hex address when no symbol precedes it. */
export function symbolize(elf: ElfFile, addr: number): string {
  const hit = lookupAddress(elf, addr);
  if (!hit) return hex(addr);
  return hit.offset === 0 ? hit.symbol.name : `${hit.symbol.name}+${hex(hit.offset)}`;
}
