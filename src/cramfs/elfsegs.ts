// Just enough ELF to lay out XIP files: is this an ELF32 (either byte order), and where are its PT_LOAD
// segments in the file. Follows the System V gABI (ELF header e_phoff/e_phentsize/e_phnum, program header
// p_type/p_offset/p_filesz/p_flags). The full parser is src/elf.ts; this stays separate so the cramfs
// writer and reader need nothing else. Malformed headers give null, never an exception.

export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export interface LoadSegment {
  index: number;    // program header index
  offset: number;   // p_offset: file offset of the segment
  filesz: number;   // p_filesz: bytes present in the file
  memsz: number;
  vaddr: number;
  flags: number;    // p_flags: PF_R | PF_W | PF_X
}

/** True for segments the kernel can map from flash: readable or executable, never writable. */
export function isReadOnlySegment(s: LoadSegment): boolean {
  return (s.flags & PF_W) === 0 && (s.flags & (PF_R | PF_X)) !== 0;
}

export function elfLoadSegments(bytes: Uint8Array): LoadSegment[] | null {
  if (bytes.length < 52 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return null;
  if (bytes[4] !== 1) return null; // EI_CLASS: ELFCLASS32 only
  const le = bytes[5] === 1;
  if (!le && bytes[5] !== 2) return null; // EI_DATA
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const phoff = dv.getUint32(28, le);
  const phentsize = dv.getUint16(42, le);
  const phnum = dv.getUint16(44, le);
  if (phnum === 0) return [];
  if (phentsize < 32 || phoff + phentsize * phnum > bytes.length) return null;
  const segs: LoadSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (dv.getUint32(p, le) !== PT_LOAD) continue;
    segs.push({
      index: i,
      offset: dv.getUint32(p + 4, le),
      vaddr: dv.getUint32(p + 8, le),
      filesz: dv.getUint32(p + 16, le),
      memsz: dv.getUint32(p + 20, le),
      flags: dv.getUint32(p + 24, le),
    });
  }
  return segs;
}

/** The file pages [first, end) holding a segment's file bytes; empty when filesz is 0. */
export function segmentPages(s: LoadSegment, pageSize: number): { first: number; end: number } {
  if (s.filesz === 0) return { first: 0, end: 0 };
  return { first: Math.floor(s.offset / pageSize), end: Math.ceil((s.offset + s.filesz) / pageSize) };
}
