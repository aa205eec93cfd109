// The cramfs checker: structural validation of an image, listing every problem with its image offset
// instead of stopping at the first, in the spirit of util-linux fsck.cramfs (which stops at the first).
//
// Checks: the superblock (magic, signature, flags, size, root, CRC, file and block counts); every
// directory entry in range, with a valid name, strcmp-sorted, unique, no entry read twice (overlapping
// directories) and no directory reached twice (loops); per type, offsets and sizes that fit the type; every
// file's block pointers (in range, legacy pointers non-decreasing, block sizes within the kernel's limits)
// and every block inflating to exactly the page length it should; file data not overlapping metadata.

import { inflateSync } from 'node:zlib';
import { CramfsError } from './errors.ts';
import { Cramfs, CramfsInode, compareNameBytes, openCramfs } from './reader.ts';
import { FLAG_HOLES, FLAG_SORTED_DIRS, PAGE_SIZE_BYTES, SB_BLOCKS, SB_CRC, SB_FILES, SUPERBLOCK_SIZE_BYTES } from './format.ts';

export interface Problem {
  severity: 'error' | 'warning';
  field: string;
  offset: number;       // image offset, -1 when not about one place
  path?: string;
  message: string;
}

export interface CheckReport {
  ok: boolean;          // no errors (warnings allowed)
  problems: Problem[];
  byteOrder?: string;
  inodes: number;
  directories: number;
  files: number;
  symlinks: number;
  specials: number;
  dataBlocks: number;
}

export interface CheckOptions {
  /** Report a CRC mismatch as a warning instead of an error. */
  ignoreCrc?: boolean;
}

interface Span { start: number; end: number; what: string }

export function checkCramfs(bytes: Uint8Array, opts: CheckOptions = {}): CheckReport {
  const problems: Problem[] = [];
  const report: CheckReport = { ok: false, problems, inodes: 0, directories: 0, files: 0, symlinks: 0, specials: 0, dataBlocks: 0 };
  const fromError = (e: unknown, path?: string): void => {
    if (e instanceof CramfsError) problems.push({ severity: 'error', field: e.field, offset: e.offset, path, message: e.message });
    else throw e;
  };
  let fs: Cramfs;
  try {
    fs = openCramfs(bytes, { ignoreCrc: true });
  } catch (e) {
    fromError(e);
    return report;
  }
  report.byteOrder = fs.byteOrder;
  const sb = fs.superblock;
  if (fs.crcStatus === 'bad') {
    problems.push({ severity: opts.ignoreCrc ? 'warning' : 'error', field: 'fsid.crc', offset: sb.start + SB_CRC,
      message: `CRC mismatch: stored 0x${sb.crc.toString(16).padStart(8, '0')}, computed 0x${fs.computedCrc.toString(16).padStart(8, '0')}` });
  }
  if (fs.crcStatus === 'unchecked') problems.push({ severity: 'warning', field: 'superblock.flags', offset: sb.start + 8, message: 'old cramfs format (no version 2 flag): size and CRC not checked' });
  const sorted = (sb.flags & FLAG_SORTED_DIRS) !== 0;

  const meta: Span[] = [{ start: sb.start, end: sb.start + SUPERBLOCK_SIZE_BYTES, what: 'superblock' }];
  const data: Span[] = [];
  const seenEntries = new Set<number>();
  const seenDirs = new Set<number>();
  const seenData = new Set<number>();
  report.inodes = 1;
  report.directories = 1;

  const checkFile = (ino: CramfsInode, path: string): void => {
    if (ino.size === 0) {
      if (ino.offset !== 0) problems.push({ severity: 'warning', field: 'inode.offset', offset: ino.inodeOffset + 8, path, message: 'empty file has a data offset' });
      if (ino.type === 'symlink') problems.push({ severity: 'error', field: 'inode.size', offset: ino.inodeOffset + 4, path, message: 'symlink with an empty target' });
      return;
    }
    if (ino.offset === 0) { problems.push({ severity: 'error', field: 'inode.offset', offset: ino.inodeOffset + 8, path, message: 'non-empty file has offset 0' }); return; }
    if (seenData.has(ino.offset)) return; // identical contents stored once, already checked
    seenData.add(ino.offset);
    let layout;
    try { layout = fs.blockLayout(ino); } catch (e) { fromError(e, path); return; }
    report.dataBlocks += layout.length;
    data.push({ start: ino.offset, end: ino.offset + layout.length * 4, what: `block pointers of ${path}` });
    for (const b of layout) {
      const expect = Math.min(PAGE_SIZE_BYTES, ino.size - b.index * PAGE_SIZE_BYTES);
      const field = `block[${b.index}]`;
      if (b.hole) {
        if (!(sb.flags & FLAG_HOLES)) problems.push({ severity: 'warning', field, offset: b.pointerOffset, path, message: 'hole in an image without the holes flag' });
        continue;
      }
      data.push({ start: b.direct && b.compressed ? b.start - 2 : b.start, end: b.start + b.length, what: `${field} of ${path}` });
      if (!b.compressed) {
        if (b.length !== expect) problems.push({ severity: 'error', field, offset: b.pointerOffset, path, message: `uncompressed block holds ${b.length} bytes, expected ${expect}` });
        continue;
      }
      try {
        const out = inflateSync(fs.bytes.subarray(b.start, b.start + b.length), { maxOutputLength: PAGE_SIZE_BYTES });
        if (out.length !== expect) problems.push({ severity: 'error', field, offset: b.start, path, message: `block inflates to ${out.length} bytes, expected ${expect}` });
      } catch (e) {
        const tooBig = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        problems.push({ severity: 'error', field, offset: b.start, path, message: tooBig ? `block inflates past ${PAGE_SIZE_BYTES} bytes` : `zlib: ${(e as Error).message}` });
      }
    }
  };

  const walkDir = (dir: CramfsInode, path: string): void => {
    if (dir.size === 0) {
      if (dir.offset !== 0) problems.push({ severity: 'warning', field: 'inode.offset', offset: dir.inodeOffset + 8, path, message: 'empty directory has an offset' });
      return;
    }
    if (seenDirs.has(dir.offset)) {
      problems.push({ severity: 'error', field: 'inode.offset', offset: dir.inodeOffset + 8, path, message: `directory repeats the entries at 0x${dir.offset.toString(16)} (a loop)` });
      return;
    }
    seenDirs.add(dir.offset);
    if (dir.offset === 0) { problems.push({ severity: 'error', field: 'inode.offset', offset: dir.inodeOffset + 8, path, message: 'non-empty directory has offset 0' }); return; }
    try { fs.checkRange('inode.offset', dir.inodeOffset + 8, dir.offset, dir.size); } catch (e) { fromError(e, path); return; }
    const limit = dir.offset + dir.size;
    meta.push({ start: dir.offset, end: limit, what: `entries of ${path || '/'}` });
    let prev: Uint8Array | null = null;
    const subdirs: Array<[CramfsInode, string]> = [];
    for (let off = dir.offset; off < limit;) {
      let e;
      try { e = fs.entryAt(off, limit); } catch (err) { fromError(err, path || '/'); return; }
      const p = `${path}/${e.inode.name}`;
      if (seenEntries.has(off)) {
        problems.push({ severity: 'error', field: 'dirent', offset: off, path: p, message: 'entry belongs to two directories (overlapping directories)' });
        return;
      }
      seenEntries.add(off);
      report.inodes++;
      const raw = e.nameRaw;
      if (raw.includes(0x2f) || raw.includes(0)) problems.push({ severity: 'error', field: 'dirent.name', offset: off + 12, path: p, message: 'name contains "/" or NUL' });
      if ((raw.length === 1 && raw[0] === 0x2e) || (raw.length === 2 && raw[0] === 0x2e && raw[1] === 0x2e)) problems.push({ severity: 'error', field: 'dirent.name', offset: off + 12, path: p, message: `name "${e.inode.name}" is reserved` });
      if (prev) {
        const c = compareNameBytes(prev, raw);
        if (c === 0) problems.push({ severity: 'error', field: 'dirent.name', offset: off + 12, path: p, message: 'duplicate name in directory' });
        else if (c > 0) problems.push({ severity: sorted ? 'error' : 'warning', field: 'dirent.name', offset: off + 12, path: p, message: 'directory entries are not in strcmp order' });
      }
      prev = raw;
      const ino = e.inode;
      switch (ino.type) {
        case 'dir': report.directories++; subdirs.push([ino, p]); break;
        case 'file': report.files++; checkFile(ino, p); break;
        case 'symlink': report.symlinks++; checkFile(ino, p); break;
        default:
          report.specials++;
          if (ino.offset !== 0) problems.push({ severity: 'error', field: 'inode.offset', offset: off + 8, path: p, message: `${ino.type} has a data offset` });
          if ((ino.type === 'fifo' || ino.type === 'socket') && ino.size !== 0) problems.push({ severity: 'warning', field: 'inode.size', offset: off + 4, path: p, message: `${ino.type} has size ${ino.size}` });
          if ((ino.type === 'chardev' || ino.type === 'blockdev') && ino.size > 0xffff) problems.push({ severity: 'warning', field: 'inode.size', offset: off + 4, path: p, message: 'device number does not fit the 16-bit encoding' });
      }
      off = e.next;
    }
    for (let i = subdirs.length - 1; i >= 0; i--) pending.push(subdirs[i]);
  };
  const pending: Array<[CramfsInode, string]> = [[fs.root, '']];
  while (pending.length) { const [d, p] = pending.pop()!; walkDir(d, p); }

  if (report.inodes !== sb.files) problems.push({ severity: 'warning', field: 'fsid.files', offset: sb.start + SB_FILES, message: `superblock counts ${sb.files} inodes, found ${report.inodes}` });
  if (report.dataBlocks !== sb.blocks) problems.push({ severity: 'warning', field: 'fsid.blocks', offset: sb.start + SB_BLOCKS, message: `superblock counts ${sb.blocks} blocks, found ${report.dataBlocks}` });

  // Metadata regions must not overlap each other, and file data must not overlap metadata.
  meta.sort((a, b) => a.start - b.start);
  for (let i = 1; i < meta.length; i++) {
    if (meta[i].start < meta[i - 1].end) problems.push({ severity: 'error', field: 'inode.offset', offset: meta[i].start, message: `${meta[i].what} overlap ${meta[i - 1].what}` });
  }
  for (const d of data) {
    for (const m of meta) {
      if (d.start < m.end && m.start < d.end) { problems.push({ severity: 'error', field: 'data', offset: d.start, message: `${d.what} overlaps ${m.what}` }); break; }
    }
  }
  problems.sort((a, b) => a.offset - b.offset || a.field.localeCompare(b.field));
  report.ok = !problems.some((p) => p.severity === 'error');
  return report;
}
