// The cramfs reader: opens a Linux cramfs image held in a Uint8Array (a file, or a view of emulated flash)
// and serves stat, lookup, readdir, file reads, readlink, and each file's block layout and XIP state.
//
// Follows fs/cramfs/inode.c (cramfs_read_super, cramfs_lookup, cramfs_readdir, cramfs_read_folio,
// cramfs_get_block_range, cramfs_last_page_is_shared) and fs/cramfs/README. Unlike the kernel it reads
// images of either byte order (and reports which), checks the CRC, and bounds-checks every read: a corrupt
// image gives a CramfsError naming the field and offset. Left out: the kernel's block cache, timestamps
// (cramfs has none), and inode numbers beyond the kernel's cramino() rule.

import { inflateSync, crc32 } from 'node:zlib';
import { CramfsError } from './errors.ts';
import {
  BLK_DIRECT_PTR_SHIFT, BLK_FLAGS, BLK_FLAG_DIRECT_PTR, BLK_FLAG_UNCOMPRESSED, ByteOrder, CRAMFS_SIGNATURE,
  FLAG_EXT_BLOCK_POINTERS, FLAG_FSID_VERSION_2, FLAG_SHIFTED_ROOT_OFFSET, FLAG_SORTED_DIRS, FileType,
  INODE_SIZE_BYTES, MAX_COMPRESSED_BLOCK_BYTES, PAD_SIZE_BYTES, PAGE_SIZE_BYTES, RawInode, SB_CRC, SB_ROOT,
  SUPERBLOCK_SIZE_BYTES, SUPPORTED_FLAGS, Superblock, decodeInode, decodeSuperblock, fileTypeOf, findSuperblock,
  oldDecodeDev, readU16, readU32, typeHasData,
} from './format.ts';
import { elfLoadSegments, isReadOnlySegment, segmentPages } from './elfsegs.ts';

export interface CramfsOpenOptions {
  /** The byte order the caller expects. An image of the other order is still read; `swapped` says so. */
  byteOrder?: ByteOrder | 'auto';
  /** Open even when the CRC does not match (crcStatus then says 'bad'). Default false: a bad CRC throws. */
  ignoreCrc?: boolean;
}

export interface CramfsInode extends RawInode {
  /** Name in its directory ("" for the root). Names are decoded as UTF-8. */
  name: string;
  type: FileType;
  /** Image offset of this 12-byte inode (the root's is inside the superblock). */
  inodeOffset: number;
  /** Inode number as the kernel computes it (cramino): data offset, or entry position + 1. */
  ino: number;
}

export interface CramfsStat {
  ino: number;
  type: FileType;
  mode: number;
  uid: number;
  gid: number;
  size: number;          // bytes for files, symlinks and directories; 0 for devices, fifos and sockets
  nlink: 1;
  rdev?: { major: number; minor: number };
  blocks: number;        // data blocks (pages) of a file or symlink
}

export interface BlockInfo {
  index: number;
  /** Image offset of the block pointer. */
  pointerOffset: number;
  pointer: number;
  /** Image offset of the block's bytes (for direct+compressed: after the u16 length), and their count. */
  start: number;
  length: number;
  compressed: boolean;
  direct: boolean;
  hole: boolean;
}

export interface XipSegment {
  index: number;         // program header index
  offset: number;
  filesz: number;
  flags: number;
  readOnly: boolean;
  firstPage: number;
  pageCount: number;
  /** Leading pages the kernel could map straight from flash (cramfs_get_block_range + last-page check). */
  mappablePages: number;
  /** Why the mappable run stops, when it does. */
  reason?: string;
}

export interface XipInfo {
  elf: boolean;
  segments: XipSegment[];
  /** Pages stored direct, uncompressed and page-aligned, whatever they hold. */
  directPages: number;
  /** Every read-only segment is mappable over all its pages (false when there are none). */
  readOnlyMappable: boolean;
  /** 'full': all read-only segments mappable; 'partial': some pages; 'none'; 'not-elf'. */
  state: 'full' | 'partial' | 'none' | 'not-elf';
}

export interface WalkEntry {
  path: string;   // "/" for the root, "/a/b" below it
  inode: CramfsInode;
  depth: number;
}

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** strcmp order of byte strings, as mkfs.cramfs sorts and the kernel's sorted lookup assumes. */
export function compareNameBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((c) => c !== '' && c !== '.');
}

export class Cramfs {
  readonly bytes: Uint8Array;
  readonly superblock: Superblock;
  readonly byteOrder: ByteOrder;
  /** The image's order differs from the one asked for in the options. */
  readonly swapped: boolean;
  readonly crcStatus: 'ok' | 'bad' | 'unchecked';
  readonly computedCrc: number;
  readonly root: CramfsInode;
  /** Reads stop here: superblock.size for version-2 images, else the buffer's end. */
  readonly end: number;
  private readonly ext: boolean;

  constructor(bytes: Uint8Array, opts: CramfsOpenOptions = {}) {
    this.bytes = bytes;
    const { start, order } = findSuperblock(bytes);
    this.byteOrder = order;
    this.swapped = opts.byteOrder !== undefined && opts.byteOrder !== 'auto' && opts.byteOrder !== order;
    const sb = decodeSuperblock(bytes, start, order);
    this.superblock = sb;
    if (sb.signature !== CRAMFS_SIGNATURE) {
      throw new CramfsError('superblock.signature', start + 16, `expected "${CRAMFS_SIGNATURE}", found "${sb.signature}"`);
    }
    if (sb.flags & ~SUPPORTED_FLAGS) {
      throw new CramfsError('superblock.flags', start + 8, `unsupported flags 0x${((sb.flags & ~SUPPORTED_FLAGS) >>> 0).toString(16)}`);
    }
    const v2 = (sb.flags & FLAG_FSID_VERSION_2) !== 0;
    if (v2) {
      if (sb.size > bytes.length) {
        throw new CramfsError('superblock.size', start + 4, `image claims ${sb.size} bytes but only ${bytes.length} are present`);
      }
      if (sb.size < start + SUPERBLOCK_SIZE_BYTES) {
        throw new CramfsError('superblock.size', start + 4, `size ${sb.size} is smaller than the superblock's end`);
      }
      this.end = sb.size;
    } else {
      this.end = bytes.length;
    }
    this.ext = (sb.flags & FLAG_EXT_BLOCK_POINTERS) !== 0;

    if (v2) {
      // crc32 over [start, size) with the crc field read as zero.
      const head = bytes.subarray(start, start + SB_CRC);
      let c = crc32(head);
      c = crc32(new Uint8Array(4), c);
      c = crc32(bytes.subarray(start + SB_CRC + 4, sb.size), c);
      this.computedCrc = c >>> 0;
      this.crcStatus = this.computedCrc === sb.crc ? 'ok' : 'bad';
      if (this.crcStatus === 'bad' && !opts.ignoreCrc) {
        throw new CramfsError('fsid.crc', start + SB_CRC,
          `CRC mismatch: stored 0x${sb.crc.toString(16).padStart(8, '0')}, computed 0x${this.computedCrc.toString(16).padStart(8, '0')}`);
      }
    } else {
      this.computedCrc = 0;
      this.crcStatus = 'unchecked';
    }

    const rootType = fileTypeOf(sb.root.mode);
    if (rootType !== 'dir') {
      throw new CramfsError('superblock.root.mode', start + SB_ROOT, `root inode is not a directory (mode 0${sb.root.mode.toString(8)})`);
    }
    const ro = sb.root.offset;
    if (!(sb.flags & FLAG_SHIFTED_ROOT_OFFSET) && ro !== 0 && ro !== SUPERBLOCK_SIZE_BYTES && ro !== PAD_SIZE_BYTES + SUPERBLOCK_SIZE_BYTES) {
      throw new CramfsError('superblock.root.offset', start + SB_ROOT + 8, `bad root offset ${ro} (expected ${SUPERBLOCK_SIZE_BYTES} or ${PAD_SIZE_BYTES + SUPERBLOCK_SIZE_BYTES})`);
    }
    this.root = { ...sb.root, name: '', type: 'dir', inodeOffset: start + SB_ROOT, ino: 1 };
    if (sb.root.size > 0) this.checkRange('superblock.root.offset', start + SB_ROOT + 8, ro, sb.root.size);
  }

  get flags(): number {
    return this.superblock.flags;
  }

  /** Throws unless [off, off+len) lies inside the image. */
  checkRange(field: string, fieldOffset: number, off: number, len: number): void {
    if (off < 0 || len < 0 || off + len > this.end) {
      throw new CramfsError(field, fieldOffset, `range [0x${off.toString(16)}, 0x${(off + len).toString(16)}) is outside the image (0x${this.end.toString(16)} bytes)`);
    }
  }

  private u32(field: string, off: number): number {
    this.checkRange(field, off, off, 4);
    return readU32(this.bytes, off, this.byteOrder);
  }

  /** Decodes the directory entry at `off` without checking it lies inside a directory. */
  entryAt(off: number, limit: number): { inode: CramfsInode; next: number; nameRaw: Uint8Array } {
    if (off + INODE_SIZE_BYTES > limit) {
      throw new CramfsError('dirent', off, `entry header crosses the end of its directory (0x${limit.toString(16)})`);
    }
    this.checkRange('dirent', off, off, INODE_SIZE_BYTES);
    const raw = decodeInode(this.bytes, off, this.byteOrder);
    if (raw.nameBytes === 0) throw new CramfsError('dirent.namelen', off + 8, 'entry has an empty name');
    const nameOff = off + INODE_SIZE_BYTES;
    if (nameOff + raw.nameBytes > limit) {
      throw new CramfsError('dirent.name', nameOff, `name of ${raw.nameBytes} bytes crosses the end of its directory`);
    }
    this.checkRange('dirent.name', nameOff, nameOff, raw.nameBytes);
    let n = raw.nameBytes;
    while (n > 0 && this.bytes[nameOff + n - 1] === 0) n--;
    if (n === 0) throw new CramfsError('dirent.name', nameOff, 'name is all NUL bytes');
    const nameRaw = this.bytes.subarray(nameOff, nameOff + n);
    const type = fileTypeOf(raw.mode);
    if (type === null) throw new CramfsError('dirent.mode', off, `unknown file type in mode 0${raw.mode.toString(8)}`);
    const ino = typeHasData(type) && raw.offset !== 0 ? raw.offset : off + 1;
    return { inode: { ...raw, name: decoder.decode(nameRaw), type, inodeOffset: off, ino }, next: nameOff + raw.nameBytes, nameRaw };
  }

  /** All entries of a directory, in stored order. */
  readdir(dir: string | CramfsInode = '/'): CramfsInode[] {
    const d = this.resolve(dir);
    if (d.type !== 'dir') throw new CramfsError('path', -1, `'${typeof dir === 'string' ? dir : d.name}' is not a directory`);
    const out: CramfsInode[] = [];
    if (d.size === 0) return out;
    if (d.offset === 0) throw new CramfsError('inode.offset', d.inodeOffset + 8, 'non-empty directory has offset 0');
    this.checkRange('inode.offset', d.inodeOffset + 8, d.offset, d.size);
    const limit = d.offset + d.size;
    for (let off = d.offset; off < limit;) {
      const e = this.entryAt(off, limit);
      out.push(e.inode);
      off = e.next;
    }
    return out;
  }

  /** Finds a path's inode, or null when a component is missing. Throws when the path runs through a non-directory. */
  lookup(path: string): CramfsInode | null {
    let cur = this.root;
    for (const comp of splitPath(path)) {
      if (comp === '..') throw new CramfsError('path', -1, `'..' is not supported in paths ('${path}')`);
      if (cur.type !== 'dir') throw new CramfsError('path', -1, `'${cur.name}' in '${path}' is not a directory`);
      const want = encoder.encode(comp);
      let found: CramfsInode | null = null;
      if (cur.size > 0) {
        if (cur.offset === 0) throw new CramfsError('inode.offset', cur.inodeOffset + 8, 'non-empty directory has offset 0');
        this.checkRange('inode.offset', cur.inodeOffset + 8, cur.offset, cur.size);
        const limit = cur.offset + cur.size;
        const sorted = (this.flags & FLAG_SORTED_DIRS) !== 0;
        for (let off = cur.offset; off < limit;) {
          const e = this.entryAt(off, limit);
          const c = compareNameBytes(e.nameRaw, want);
          if (c === 0) { found = e.inode; break; }
          if (sorted && c > 0) break; // the kernel stops early in sorted directories
          off = e.next;
        }
      }
      if (!found) return null;
      cur = found;
    }
    return cur;
  }

  resolve(p: string | CramfsInode): CramfsInode {
    if (typeof p !== 'string') return p;
    const ino = this.lookup(p);
    if (!ino) throw new CramfsError('path', -1, `no such file or directory: '${p}'`);
    return ino;
  }

  stat(p: string | CramfsInode): CramfsStat {
    const i = this.resolve(p);
    const dev = i.type === 'chardev' || i.type === 'blockdev';
    return {
      ino: i.ino, type: i.type, mode: i.mode, uid: i.uid, gid: i.gid,
      size: dev || i.type === 'fifo' || i.type === 'socket' ? 0 : i.size,
      nlink: 1,
      ...(dev ? { rdev: oldDecodeDev(i.size) } : {}),
      blocks: i.type === 'file' || i.type === 'symlink' ? Math.ceil(i.size / PAGE_SIZE_BYTES) : 0,
    };
  }

  private requireData(p: string | CramfsInode): CramfsInode {
    const i = this.resolve(p);
    if (i.type !== 'file' && i.type !== 'symlink') throw new CramfsError('path', -1, `'${i.name || '/'}' is a ${i.type}, not a file`);
    if (i.size > 0 && i.offset === 0) throw new CramfsError('inode.offset', i.inodeOffset + 8, 'non-empty file has offset 0');
    return i;
  }

  /** One block's place in the image, decoded as cramfs_read_folio does. */
  blockInfo(p: string | CramfsInode, index: number): BlockInfo {
    const i = this.requireData(p);
    const nblocks = Math.ceil(i.size / PAGE_SIZE_BYTES);
    if (index < 0 || index >= nblocks) throw new CramfsError('block', -1, `block ${index} is outside the file's ${nblocks} blocks`);
    const ptrOff = i.offset + index * 4;
    const field = `block[${index}]`;
    let ptr = this.u32(field, ptrOff);
    const pointer = ptr;
    let direct = false, compressed = true;
    if (this.ext) {
      direct = (ptr & BLK_FLAG_DIRECT_PTR) !== 0;
      compressed = (ptr & BLK_FLAG_UNCOMPRESSED) === 0;
      ptr = (ptr & ~BLK_FLAGS) >>> 0;
    }
    let start: number, length: number;
    if (direct) {
      start = ptr << BLK_DIRECT_PTR_SHIFT;
      if (!compressed) {
        length = Math.min(PAGE_SIZE_BYTES, i.size - index * PAGE_SIZE_BYTES);
      } else {
        this.checkRange(field, ptrOff, start, 2);
        length = readU16(this.bytes, start, this.byteOrder);
        start += 2;
      }
    } else {
      start = i.offset + nblocks * 4;
      if (index > 0) {
        const prev = this.u32(`block[${index - 1}]`, ptrOff - 4);
        if (this.ext && (prev & BLK_FLAG_DIRECT_PTR)) {
          // A legacy pointer after a direct one: this block follows the previous one.
          const ps = ((prev & ~BLK_FLAGS) >>> 0) << BLK_DIRECT_PTR_SHIFT;
          if (prev & BLK_FLAG_UNCOMPRESSED) start = ps + PAGE_SIZE_BYTES;
          else {
            this.checkRange(`block[${index - 1}]`, ptrOff - 4, ps, 2);
            start = ps + 2 + readU16(this.bytes, ps, this.byteOrder);
          }
        } else {
          start = this.ext ? (prev & ~BLK_FLAGS) >>> 0 : prev;
        }
      }
      length = ptr - start;
      if (length < 0) {
        throw new CramfsError(field, ptrOff, `block end 0x${ptr.toString(16)} is before its start 0x${start.toString(16)} (pointers must not decrease)`);
      }
    }
    if (length > MAX_COMPRESSED_BLOCK_BYTES || (!compressed && length > PAGE_SIZE_BYTES)) {
      throw new CramfsError(field, ptrOff, `bad data block size ${length}`);
    }
    this.checkRange(field, ptrOff, start, length);
    return { index, pointerOffset: ptrOff, pointer, start, length, compressed, direct, hole: length === 0 };
  }

  blockLayout(p: string | CramfsInode): BlockInfo[] {
    const i = this.requireData(p);
    const n = Math.ceil(i.size / PAGE_SIZE_BYTES);
    if (n > 0) this.checkRange('block pointers', i.inodeOffset + 8, i.offset, n * 4);
    const out: BlockInfo[] = [];
    for (let k = 0; k < n; k++) out.push(this.blockInfo(i, k));
    return out;
  }

  /** One page of a file, always PAGE_SIZE_BYTES long, zero past the end of the file (as the page cache sees it). */
  readPage(p: string | CramfsInode, pageIndex: number): Uint8Array {
    const i = this.requireData(p);
    const page = new Uint8Array(PAGE_SIZE_BYTES);
    const n = Math.ceil(i.size / PAGE_SIZE_BYTES);
    if (pageIndex >= n) return page;
    const b = this.blockInfo(i, pageIndex);
    if (b.hole) return page;
    const src = this.bytes.subarray(b.start, b.start + b.length);
    if (!b.compressed) {
      page.set(src);
      return page;
    }
    let out: Uint8Array;
    try {
      out = inflateSync(src, { maxOutputLength: PAGE_SIZE_BYTES });
    } catch (e) {
      const msg = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
        ? `inflates past ${PAGE_SIZE_BYTES} bytes` : `zlib: ${(e as Error).message}`;
      throw new CramfsError(`block[${pageIndex}]`, b.start, msg);
    }
    page.set(out);
    return page;
  }

  /** Bytes [offset, offset+length) of a file or symlink, clipped to its size. */
  read(p: string | CramfsInode, offset: number, length: number): Uint8Array {
    const i = this.requireData(p);
    const from = Math.max(0, Math.min(offset, i.size));
    const to = Math.max(from, Math.min(i.size, offset + length));
    const out = new Uint8Array(to - from);
    for (let pos = from; pos < to;) {
      const pi = Math.floor(pos / PAGE_SIZE_BYTES);
      const pg = this.readPage(i, pi);
      const inPage = pos - pi * PAGE_SIZE_BYTES;
      const n = Math.min(PAGE_SIZE_BYTES - inPage, to - pos);
      out.set(pg.subarray(inPage, inPage + n), pos - from);
      pos += n;
    }
    return out;
  }

  readFile(p: string | CramfsInode): Uint8Array {
    const i = this.requireData(p);
    return this.read(i, 0, i.size);
  }

  readlink(p: string | CramfsInode): string {
    const i = this.resolve(p);
    if (i.type !== 'symlink') throw new CramfsError('path', -1, `'${i.name}' is not a symlink`);
    return decoder.decode(this.readFile(i));
  }

  /**
   * Whether a file's read-only ELF segments can be mapped from flash, judged as cramfs_physmem_mmap does:
   * each page direct and uncompressed, page-aligned, exactly one page after the previous, and a partial
   * last page followed by zeros up to the page end.
   */
  xipInfo(p: string | CramfsInode): XipInfo {
    const i = this.requireData(p);
    const layout = i.type === 'file' ? this.blockLayout(i) : [];
    const isXipBlock = (b: BlockInfo): boolean => b.direct && !b.compressed && b.start % PAGE_SIZE_BYTES === 0;
    const directPages = layout.filter(isXipBlock).length;
    const segs = i.type === 'file' && i.size >= 52 ? elfLoadSegments(this.read(i, 0, Math.min(i.size, PAGE_SIZE_BYTES))) : null;
    if (!segs) return { elf: false, segments: [], directPages, readOnlyMappable: false, state: 'not-elf' };
    const out: XipSegment[] = [];
    for (const s of segs) {
      const { first, end } = segmentPages(s, PAGE_SIZE_BYTES);
      const seg: XipSegment = { index: s.index, offset: s.offset, filesz: s.filesz, flags: s.flags, readOnly: isReadOnlySegment(s), firstPage: first, pageCount: end - first, mappablePages: 0 };
      for (let pg = first; pg < end; pg++) {
        const b = layout[pg];
        if (!b) { seg.reason = `page ${pg} is past the end of the file`; break; }
        if (!b.direct || b.compressed) { seg.reason = `page ${pg} is not direct and uncompressed`; break; }
        if (b.start % PAGE_SIZE_BYTES !== 0) { seg.reason = `page ${pg} at 0x${b.start.toString(16)} is not page-aligned`; break; }
        if (pg > first && b.start !== layout[pg - 1].start + PAGE_SIZE_BYTES) { seg.reason = `page ${pg} does not follow page ${pg - 1} in flash`; break; }
        if (pg === layout.length - 1 && b.length < PAGE_SIZE_BYTES) {
          const tailEnd = Math.min(b.start + PAGE_SIZE_BYTES, this.end);
          let shared = tailEnd < b.start + PAGE_SIZE_BYTES;
          for (let k = b.start + b.length; k < tailEnd && !shared; k++) if (this.bytes[k] !== 0) shared = true;
          if (shared) { seg.reason = `last page ${pg} shares its flash page with other data`; break; }
        }
        seg.mappablePages++;
      }
      out.push(seg);
    }
    const ro = out.filter((s) => s.readOnly && s.pageCount > 0);
    const full = ro.length > 0 && ro.every((s) => s.mappablePages === s.pageCount);
    const some = ro.some((s) => s.mappablePages > 0);
    return { elf: true, segments: out, directPages, readOnlyMappable: full, state: full ? 'full' : some ? 'partial' : 'none' };
  }

  /**
   * Every inode below the root, directories before their contents, in stored order. Guards against
   * corrupt trees: a directory reached twice (a loop) or an entry read twice (overlapping directories)
   * is a CramfsError, so the walk always ends.
   */
  *walk(): Generator<WalkEntry> {
    const seenEntries = new Set<number>();
    const seenDirs = new Set<number>();
    yield { path: '/', inode: this.root, depth: 0 };
    const stack: Array<{ path: string; inode: CramfsInode; depth: number }> = [{ path: '', inode: this.root, depth: 0 }];
    while (stack.length) {
      const { path, inode, depth } = stack.pop()!;
      if (inode.size > 0) {
        if (seenDirs.has(inode.offset)) throw new CramfsError('inode.offset', inode.inodeOffset + 8, `directory '${path || '/'}' repeats the entries at 0x${inode.offset.toString(16)} (a loop)`);
        seenDirs.add(inode.offset);
      }
      const kids = this.readdir(inode);
      const subdirs: WalkEntry[] = [];
      for (const k of kids) {
        if (seenEntries.has(k.inodeOffset)) throw new CramfsError('dirent', k.inodeOffset, 'entry belongs to two directories (overlapping directories)');
        seenEntries.add(k.inodeOffset);
        const e = { path: `${path}/${k.name}`, inode: k, depth: depth + 1 };
        yield e;
        if (k.type === 'dir') subdirs.push(e);
      }
      for (let s = subdirs.length - 1; s >= 0; s--) stack.push(subdirs[s]);
    }
  }
}

export function openCramfs(bytes: Uint8Array, opts: CramfsOpenOptions = {}): Cramfs {
  return new Cramfs(bytes, opts);
}
