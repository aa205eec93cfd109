// The cramfs writer: lays out a tree as a Linux cramfs image, optionally with XIP pages.
//
// Without XIP the layout is util-linux mkfs.cramfs's (mkfs.cramfs(8); fs/cramfs/README): superblock, the
// directory entries (each directory's entries contiguous and strcmp-sorted, directories in depth-first
// order), then each file's block pointers and zlib blocks in depth-first order, identical contents stored
// once, the image padded to a 4 KiB multiple, the CRC last.
//
// XIP follows npitre's `mkcramfs -X -X` (cramfs-tools; Linux v4.15 extended block pointers): chosen pages
// are stored raw, page-aligned, with DIRECT|UNCOMPRESSED pointers, and since XIP pages of a file are
// written in page order, consecutive ones are contiguous, which is what cramfs_physmem_mmap needs. Every
// XIP block occupies a whole flash page (zeros after EOF), so a partial last page is still mappable and
// the legacy pointer of a compressed block after it resolves to "previous start + 4096".

import { deflateSync, crc32 } from 'node:zlib';
import { CramfsError } from './errors.ts';
import {
  BLK_FLAG_DIRECT_PTR, BLK_FLAG_UNCOMPRESSED, BLK_DIRECT_PTR_SHIFT, ByteOrder, CRAMFS_MAGIC, CRAMFS_MAXPATHLEN,
  CRAMFS_SIGNATURE, FLAG_EXT_BLOCK_POINTERS, FLAG_FSID_VERSION_2, FLAG_HOLES, FLAG_SORTED_DIRS, INODE_SIZE_BYTES,
  PAD_SIZE_BYTES, PAGE_SIZE_BYTES, SB_BLOCKS, SB_CRC, SB_EDITION, SB_FILES, SB_FLAGS, SB_MAGIC, SB_NAME, SB_ROOT,
  SB_SIGNATURE, SB_SIZE, S_IFBLK, S_IFCHR, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, SUPERBLOCK_SIZE_BYTES, encodeInode, writeU32,
} from './format.ts';
import { PF_W, elfLoadSegments, isReadOnlySegment, segmentPages } from './elfsegs.ts';
import { TreeNode } from './tree.ts';
import { compareNameBytes } from './reader.ts';

/** Largest file cramfs can describe: the inode size field is 24 bits. */
export const MAX_FILE_SIZE_BYTES = (1 << 24) - 1;

export interface XipPage {
  path: string;   // "/bin/app" or "bin/app"
  page: number;   // page index in the file
}

export interface WriteOptions {
  byteOrder?: ByteOrder;    // mkfs.cramfs -N; default little
  edition?: number;         // -e
  name?: string;            // -n; default "Compressed", at most 15 bytes kept
  pad?: boolean;            // -p: 512 bytes of zeros for boot code before the superblock
  holes?: boolean;          // -z: all-zero blocks become holes
  /** Store the read-only PT_LOAD pages of ELF32 files direct and uncompressed (mkcramfs -X -X). */
  xip?: boolean;
  /** With xip, store writable PT_LOAD pages that way too (for kernels that COW from flash). */
  xipData?: boolean;
  /** Only files whose path matches one of these globs get automatic XIP (implies xip). */
  xipFiles?: string[];
  /** Explicit pages to store XIP, e.g. chosen by a profile. */
  xipPages?: XipPage[];
  /**
   * Compresses one block into a zlib stream. Default: node:zlib deflate at level 9, as mkfs.cramfs's
   * compress2(Z_BEST_COMPRESSION). Tests substitute another zlib's output to compare layouts byte for byte.
   */
  compress?: (block: Uint8Array) => Uint8Array;
}

export interface WriteResult {
  image: Uint8Array;
  warnings: string[];
  stats: { files: number; blocks: number; xipPages: number; compressedBlocks: number; holes: number };
}

interface Entry {
  name: string;
  nameBytes: Uint8Array;
  path: string;
  node: TreeNode;
  size: number;
  children: Entry[];
  inodeOffset: number;
  dataOffset: number;
  xip: Set<number>;
  same?: Entry;
}

const encoder = new TextEncoder();

/** Matches a path (no leading '/') against a glob: '*' and '?' stay inside a component, '**' spans them. */
export function globMatch(glob: string, path: string): boolean {
  const g = glob.replace(/^\/+/, ''), p = path.replace(/^\/+/, '');
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      i++;
      if (g[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(p);
}

/** Parses a per-page XIP list: one "path page-index" pair per line; '#' starts a comment. */
export function parseXipPageList(text: string): XipPage[] {
  const out: XipPage[] = [];
  text.split('\n').forEach((line, n) => {
    const t = line.replace(/#.*/, '').trim();
    if (!t) return;
    const m = /^(.*\S)\s+(\d+)$/.exec(t);
    if (!m) throw new Error(`xip page list line ${n + 1}: expected 'path page-index', got '${t}'`);
    out.push({ path: m[1], page: Number(m[2]) });
  });
  return out;
}

class Output {
  buf = new Uint8Array(1 << 16);
  ensure(n: number): void {
    if (n <= this.buf.length) return;
    let len = this.buf.length;
    while (len < n) len *= 2;
    const b = new Uint8Array(len);
    b.set(this.buf);
    this.buf = b;
  }
}

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

export function writeCramfs(root: TreeNode, opts: WriteOptions = {}): WriteResult {
  const order: ByteOrder = opts.byteOrder ?? 'little';
  const warnings: string[] = [];
  const pad = opts.pad ? PAD_SIZE_BYTES : 0;
  const compress = opts.compress ?? ((b: Uint8Array): Uint8Array => deflateSync(b, { level: 9 }));
  if ((root.mode & S_IFMT) !== S_IFDIR) throw new CramfsError('tree', -1, 'the root of a cramfs tree must be a directory');

  // Build entries, sorted by name bytes as mkfs.cramfs's strcmp scandir does.
  let warnedUid = false, warnedGid = false;
  const build = (node: TreeNode, path: string): Entry[] => {
    const kids = [...(node.children ?? new Map<string, TreeNode>()).entries()].map(([name, n]) => ({ name, n, nb: encoder.encode(name) }));
    kids.sort((a, b) => compareNameBytes(a.nb, b.nb));
    return kids.map(({ name, n, nb }) => {
      const p = `${path}/${name}`;
      if (nb.length === 0 || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
        throw new CramfsError('tree', -1, `invalid name '${name}' in '${path || '/'}'`);
      }
      if (nb.length > CRAMFS_MAXPATHLEN) throw new CramfsError('tree', -1, `name of ${p} is ${nb.length} bytes; cramfs allows ${CRAMFS_MAXPATHLEN}`);
      if (n.uid > 0xffff && !warnedUid) { warnedUid = true; warnings.push(`uid ${n.uid} of ${p} truncated to 16 bits`); }
      if (n.gid > 0xff && !warnedGid) { warnedGid = true; warnings.push(`gid ${n.gid} of ${p} truncated to 8 bits (a security risk)`); }
      const t = n.mode & S_IFMT;
      let size = 0;
      if (t === S_IFREG || t === S_IFLNK) {
        size = n.data?.length ?? 0;
        if (size > MAX_FILE_SIZE_BYTES) throw new CramfsError('tree', -1, `${p} is ${size} bytes; cramfs files must be under 16 MiB`);
      } else if (t === S_IFCHR || t === S_IFBLK) {
        size = (n.rdev ?? 0) & 0xffffff;
        if ((n.rdev ?? 0) > 0xffff) warnings.push(`device number of ${p} does not fit the 16-bit encoding`);
      }
      const e: Entry = { name, nameBytes: nb, path: p, node: n, size, children: [], inodeOffset: 0, dataOffset: 0, xip: new Set() };
      if (t === S_IFDIR) {
        e.children = build(n, p);
        e.size = e.children.reduce((s, c) => s + INODE_SIZE_BYTES + ((c.nameBytes.length + 3) & ~3), 0);
      }
      return e;
    });
  };
  const top = build(root, '');
  const rootSize = top.reduce((s, c) => s + INODE_SIZE_BYTES + ((c.nameBytes.length + 3) & ~3), 0);

  // Preorder list of all entries: the order of data (and of mkfs.cramfs's duplicate search).
  const preorder: Entry[] = [];
  const visit = (list: Entry[]): void => { for (const e of list) { preorder.push(e); visit(e.children); } };
  visit(top);

  // Choose XIP pages.
  const autoXip = !!opts.xip || !!opts.xipData || (opts.xipFiles?.length ?? 0) > 0;
  let xipPageCount = 0;
  for (const e of preorder) {
    if ((e.node.mode & S_IFMT) !== S_IFREG || e.size === 0 || !autoXip) continue;
    if (opts.xipFiles?.length && !opts.xipFiles.some((g) => globMatch(g, e.path))) continue;
    const segs = elfLoadSegments(e.node.data!);
    if (!segs) continue;
    const nblocks = Math.ceil(e.size / PAGE_SIZE_BYTES);
    for (const s of segs) {
      if (!isReadOnlySegment(s) && !(opts.xipData && (s.flags & PF_W))) continue;
      const { first, end } = segmentPages(s, PAGE_SIZE_BYTES);
      for (let pg = first; pg < Math.min(end, nblocks); pg++) e.xip.add(pg);
    }
  }
  if (opts.xipPages?.length) {
    const byPath = new Map(preorder.map((e) => [e.path, e]));
    for (const { path, page } of opts.xipPages) {
      const e = byPath.get('/' + path.replace(/^\/+/, ''));
      if (!e || (e.node.mode & S_IFMT) !== S_IFREG) throw new CramfsError('xip-pages', -1, `'${path}' is not a regular file in the tree`);
      if (page < 0 || page >= Math.ceil(e.size / PAGE_SIZE_BYTES)) throw new CramfsError('xip-pages', -1, `'${path}' has no page ${page}`);
      e.xip.add(page);
    }
  }

  // Identical contents are stored once; the first in depth-first order keeps the data.
  const firstByContent = new Map<string, Entry[]>();
  for (const e of preorder) {
    const t = e.node.mode & S_IFMT;
    if ((t !== S_IFREG && t !== S_IFLNK) || e.size === 0) continue;
    const key = `${e.size}:${crc32(e.node.data!)}:${[...e.xip].sort((a, b) => a - b).join(',')}`;
    const list = firstByContent.get(key) ?? [];
    const twin = list.find((o) => Buffer.compare(o.node.data!, e.node.data!) === 0);
    if (twin) e.same = twin; else { list.push(e); firstByContent.set(key, list); }
  }

  const out = new Output();
  let offset = pad + SUPERBLOCK_SIZE_BYTES;
  const rootDataOffset = offset;

  // Directory entries: a directory's entries, then each non-empty subdirectory's, depth first.
  let files = 1;
  const writeDir = (list: Entry[]): void => {
    for (const e of list) {
      e.inodeOffset = offset;
      const padded = (e.nameBytes.length + 3) & ~3;
      out.ensure(offset + INODE_SIZE_BYTES + padded);
      out.buf.set(e.nameBytes, offset + INODE_SIZE_BYTES);
      offset += INODE_SIZE_BYTES + padded;
      files++;
    }
    for (const e of list) {
      if ((e.node.mode & S_IFMT) === S_IFDIR && e.children.length) {
        e.dataOffset = offset;
        writeDir(e.children);
      }
    }
  };
  writeDir(top);

  // File data.
  let blocks = 0, compressedBlocks = 0, holes = 0, anyFlagged = false;
  for (const e of preorder) {
    const t = e.node.mode & S_IFMT;
    if ((t !== S_IFREG && t !== S_IFLNK) || e.size === 0) continue;
    if (e.same) { e.dataOffset = e.same.dataOffset; continue; }
    const data = e.node.data!;
    const n = Math.ceil(e.size / PAGE_SIZE_BYTES);
    blocks += n;
    e.dataOffset = offset;
    let curr = offset + 4 * n;
    for (let b = 0; b < n; b++) {
      const chunk = data.subarray(b * PAGE_SIZE_BYTES, Math.min(e.size, (b + 1) * PAGE_SIZE_BYTES));
      let ptr: number;
      if (e.xip.has(b)) {
        curr = (curr + PAGE_SIZE_BYTES - 1) & ~(PAGE_SIZE_BYTES - 1);
        out.ensure(curr + PAGE_SIZE_BYTES);
        out.buf.set(chunk, curr);
        ptr = (BLK_FLAG_DIRECT_PTR | BLK_FLAG_UNCOMPRESSED | (curr >>> BLK_DIRECT_PTR_SHIFT)) >>> 0;
        curr += PAGE_SIZE_BYTES;
        xipPageCount++;
        anyFlagged = true;
      } else if (opts.holes && isZero(chunk)) {
        holes++;
        ptr = curr;
      } else {
        const z = compress(chunk);
        out.ensure(curr + z.length);
        out.buf.set(z, curr);
        curr += z.length;
        ptr = curr;
        compressedBlocks++;
      }
      out.ensure(offset + 4 * (b + 1));
      writeU32(out.buf, offset + 4 * b, ptr, order);
    }
    offset = (curr + 3) & ~3;
  }
  const size = Math.max(PAGE_SIZE_BYTES, (offset + PAGE_SIZE_BYTES - 1) & ~(PAGE_SIZE_BYTES - 1));
  out.ensure(size);
  if (size >= 1 << 28) warnings.push(`image is ${size} bytes; kernels need every file to start below 256 MiB`);

  // Inodes, now that data offsets are known.
  for (const e of preorder) {
    encodeInode(out.buf, e.inodeOffset, {
      mode: e.node.mode, uid: e.node.uid, gid: e.node.gid, size: e.size,
      nameBytes: (e.nameBytes.length + 3) & ~3, offset: e.dataOffset,
    }, order);
  }

  // Superblock.
  const img = out.buf.slice(0, size);
  const sb = pad;
  let flags = FLAG_FSID_VERSION_2 | FLAG_SORTED_DIRS;
  if (opts.holes) flags |= FLAG_HOLES;
  if (anyFlagged) flags |= FLAG_EXT_BLOCK_POINTERS;
  writeU32(img, sb + SB_MAGIC, CRAMFS_MAGIC, order);
  writeU32(img, sb + SB_SIZE, size, order);
  writeU32(img, sb + SB_FLAGS, flags, order);
  img.set(encoder.encode(CRAMFS_SIGNATURE), sb + SB_SIGNATURE);
  writeU32(img, sb + SB_EDITION, opts.edition ?? 0, order);
  writeU32(img, sb + SB_BLOCKS, blocks, order);
  writeU32(img, sb + SB_FILES, files, order);
  const name = encoder.encode(opts.name ?? 'Compressed').subarray(0, 15);
  img.set(name, sb + SB_NAME);
  encodeInode(img, sb + SB_ROOT, { mode: root.mode, uid: root.uid, gid: root.gid, size: rootSize, nameBytes: 0, offset: rootDataOffset }, order);
  writeU32(img, sb + SB_CRC, crc32(img.subarray(sb, size)), order);
  return { image: img, warnings, stats: { files, blocks, xipPages: xipPageCount, compressedBlocks, holes } };
}
