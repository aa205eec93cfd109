// The cramfs on-disk format as Linux defines it: constants, the 76-byte superblock and the 12-byte inode,
// decoded and encoded in either byte order.
//
// Follows include/uapi/linux/cramfs_fs.h (field widths, flags, block-pointer bits) and fs/cramfs/README
// (layout). Every metadata word is in the byte order of the machine that made the image; nothing is
// swapped. The inode is three u32 words of C bitfields: on a little-endian machine the first field of each
// word sits in its low bits, on a big-endian machine in its high bits, which is how we decode both.
// Compressed data is plain zlib, identical in both orders.

import { CramfsError } from './errors.ts';

export const CRAMFS_MAGIC = 0x28cd3d45;
export const CRAMFS_MAGIC_SWAPPED = 0x453dcd28;
export const CRAMFS_SIGNATURE = 'Compressed ROMFS';
export const SUPERBLOCK_SIZE_BYTES = 76;
export const INODE_SIZE_BYTES = 12;
/** mkfs.cramfs -p leaves this many bytes of boot code before the superblock. */
export const PAD_SIZE_BYTES = 512;
/** cramfs blocks are pages; Linux reads cramfs only with 4 KiB pages (Documentation/filesystems/cramfs.rst). */
export const PAGE_SIZE_BYTES = 4096;
/** The kernel refuses a compressed block longer than two pages (inode.c "bad data blocksize"). */
export const MAX_COMPRESSED_BLOCK_BYTES = 2 * PAGE_SIZE_BYTES;

export const CRAMFS_MODE_WIDTH = 16;
export const CRAMFS_UID_WIDTH = 16;
export const CRAMFS_SIZE_WIDTH = 24;
export const CRAMFS_GID_WIDTH = 8;
export const CRAMFS_NAMELEN_WIDTH = 6;
export const CRAMFS_OFFSET_WIDTH = 26;
/** Longest name: namelen is 6 bits counting 4-byte units. */
export const CRAMFS_MAXPATHLEN = ((1 << CRAMFS_NAMELEN_WIDTH) - 1) << 2;

export const FLAG_FSID_VERSION_2 = 0x00000001;
export const FLAG_SORTED_DIRS = 0x00000002;
export const FLAG_HOLES = 0x00000100;
export const FLAG_WRONG_SIGNATURE = 0x00000200;
export const FLAG_SHIFTED_ROOT_OFFSET = 0x00000400;
export const FLAG_EXT_BLOCK_POINTERS = 0x00000800;
/** Flags a kernel mounts; anything else set means a newer format (inode.c cramfs_read_super). */
export const SUPPORTED_FLAGS =
  0xff | FLAG_HOLES | FLAG_WRONG_SIGNATURE | FLAG_SHIFTED_ROOT_OFFSET | FLAG_EXT_BLOCK_POINTERS;

export const FLAG_NAMES: ReadonlyArray<[number, string]> = [
  [FLAG_FSID_VERSION_2, 'version2'],
  [FLAG_SORTED_DIRS, 'sorted-dirs'],
  [FLAG_HOLES, 'holes'],
  [FLAG_WRONG_SIGNATURE, 'wrong-signature'],
  [FLAG_SHIFTED_ROOT_OFFSET, 'shifted-root-offset'],
  [FLAG_EXT_BLOCK_POINTERS, 'ext-block-pointers'],
];

/** Block pointer bits, meaningful only with FLAG_EXT_BLOCK_POINTERS. */
export const BLK_FLAG_UNCOMPRESSED = 0x80000000;
export const BLK_FLAG_DIRECT_PTR = 0x40000000;
export const BLK_FLAGS = BLK_FLAG_UNCOMPRESSED | BLK_FLAG_DIRECT_PTR;
export const BLK_DIRECT_PTR_SHIFT = 2;

// File type bits of st_mode (POSIX values, as stored in the inode's 16-bit mode).
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

export type ByteOrder = 'little' | 'big';
export type FileType = 'file' | 'dir' | 'symlink' | 'chardev' | 'blockdev' | 'fifo' | 'socket';

export function fileTypeOf(mode: number): FileType | null {
  switch (mode & S_IFMT) {
    case S_IFREG: return 'file';
    case S_IFDIR: return 'dir';
    case S_IFLNK: return 'symlink';
    case S_IFCHR: return 'chardev';
    case S_IFBLK: return 'blockdev';
    case S_IFIFO: return 'fifo';
    case S_IFSOCK: return 'socket';
    default: return null;
  }
}

/** Types whose inode offset points at data (block pointers or directory entries). */
export function typeHasData(t: FileType): boolean {
  return t === 'file' || t === 'dir' || t === 'symlink';
}

/** One inode as stored: namelen and offset already converted from 4-byte units to bytes. */
export interface RawInode {
  mode: number;
  uid: number;
  size: number;
  gid: number;
  nameBytes: number;   // namelen * 4: the padded name length
  offset: number;      // offset * 4: image offset of data or first directory entry
}

export function readU32(bytes: Uint8Array, off: number, order: ByteOrder): number {
  return order === 'little'
    ? (bytes[off] | (bytes[off + 1] << 8) | (bytes[off + 2] << 16) | (bytes[off + 3] << 24)) >>> 0
    : ((bytes[off] << 24) | (bytes[off + 1] << 16) | (bytes[off + 2] << 8) | bytes[off + 3]) >>> 0;
}

export function readU16(bytes: Uint8Array, off: number, order: ByteOrder): number {
  return order === 'little' ? bytes[off] | (bytes[off + 1] << 8) : (bytes[off] << 8) | bytes[off + 1];
}

export function writeU32(bytes: Uint8Array, off: number, value: number, order: ByteOrder): void {
  const v = value >>> 0;
  if (order === 'little') {
    bytes[off] = v & 0xff; bytes[off + 1] = (v >>> 8) & 0xff; bytes[off + 2] = (v >>> 16) & 0xff; bytes[off + 3] = v >>> 24;
  } else {
    bytes[off] = v >>> 24; bytes[off + 1] = (v >>> 16) & 0xff; bytes[off + 2] = (v >>> 8) & 0xff; bytes[off + 3] = v & 0xff;
  }
}

export function decodeInode(bytes: Uint8Array, off: number, order: ByteOrder): RawInode {
  const w0 = readU32(bytes, off, order);
  const w1 = readU32(bytes, off + 4, order);
  const w2 = readU32(bytes, off + 8, order);
  if (order === 'little') {
    return { mode: w0 & 0xffff, uid: w0 >>> 16, size: w1 & 0xffffff, gid: w1 >>> 24, nameBytes: (w2 & 0x3f) * 4, offset: (w2 >>> 6) * 4 };
  }
  return { mode: w0 >>> 16, uid: w0 & 0xffff, size: w1 >>> 8, gid: w1 & 0xff, nameBytes: (w2 >>> 26) * 4, offset: (w2 & 0x3ffffff) * 4 };
}

/** Encodes an inode; fields are truncated to their widths exactly as C bitfield assignment does. */
export function encodeInode(bytes: Uint8Array, off: number, ino: RawInode, order: ByteOrder): void {
  const mode = ino.mode & 0xffff, uid = ino.uid & 0xffff, size = ino.size & 0xffffff, gid = ino.gid & 0xff;
  const nl = (ino.nameBytes >>> 2) & 0x3f, o = (ino.offset >>> 2) & 0x3ffffff;
  if (order === 'little') {
    writeU32(bytes, off, mode | (uid << 16), order);
    writeU32(bytes, off + 4, size | (gid << 24), order);
    writeU32(bytes, off + 8, nl | (o << 6), order);
  } else {
    writeU32(bytes, off, (mode << 16) | uid, order);
    writeU32(bytes, off + 4, (size << 8) | gid, order);
    writeU32(bytes, off + 8, (nl << 26) | o, order);
  }
}

export interface Superblock {
  /** Image offset of the superblock: 0, or 512 after boot-code padding. */
  start: number;
  magic: number;
  size: number;
  flags: number;
  future: number;
  signature: string;
  crc: number;
  edition: number;
  blocks: number;
  files: number;
  name: string;
  root: RawInode;
}

// Field offsets inside the superblock (cramfs_fs.h struct cramfs_super).
export const SB_MAGIC = 0, SB_SIZE = 4, SB_FLAGS = 8, SB_FUTURE = 12, SB_SIGNATURE = 16;
export const SB_CRC = 32, SB_EDITION = 36, SB_BLOCKS = 40, SB_FILES = 44, SB_NAME = 48, SB_ROOT = 64;

function cString(bytes: Uint8Array): string {
  let end = bytes.indexOf(0);
  if (end < 0) end = bytes.length;
  return Buffer.from(bytes.subarray(0, end)).toString('latin1');
}

/**
 * Finds the superblock (offset 0, then 512, as the kernel does) and its byte order. Throws a CramfsError
 * naming superblock.magic when neither place holds the magic in either order.
 */
export function findSuperblock(bytes: Uint8Array): { start: number; order: ByteOrder } {
  for (const start of [0, PAD_SIZE_BYTES]) {
    if (bytes.length < start + SUPERBLOCK_SIZE_BYTES) break;
    const le = readU32(bytes, start, 'little');
    if (le === CRAMFS_MAGIC) return { start, order: 'little' };
    if (le === CRAMFS_MAGIC_SWAPPED) return { start, order: 'big' };
  }
  if (bytes.length < SUPERBLOCK_SIZE_BYTES) {
    throw new CramfsError('superblock', 0, `image is ${bytes.length} bytes, shorter than the ${SUPERBLOCK_SIZE_BYTES}-byte superblock`);
  }
  throw new CramfsError('superblock.magic', 0, `no cramfs magic 0x${CRAMFS_MAGIC.toString(16)} (either byte order) at offset 0 or 512`);
}

export function decodeSuperblock(bytes: Uint8Array, start: number, order: ByteOrder): Superblock {
  return {
    start,
    magic: readU32(bytes, start + SB_MAGIC, order),
    size: readU32(bytes, start + SB_SIZE, order),
    flags: readU32(bytes, start + SB_FLAGS, order),
    future: readU32(bytes, start + SB_FUTURE, order),
    signature: cString(bytes.subarray(start + SB_SIGNATURE, start + SB_SIGNATURE + 16)),
    crc: readU32(bytes, start + SB_CRC, order),
    edition: readU32(bytes, start + SB_EDITION, order),
    blocks: readU32(bytes, start + SB_BLOCKS, order),
    files: readU32(bytes, start + SB_FILES, order),
    name: cString(bytes.subarray(start + SB_NAME, start + SB_NAME + 16)),
    root: decodeInode(bytes, start + SB_ROOT, order),
  };
}

export function flagNames(flags: number): string[] {
  const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
  const unknown = (flags & ~FLAG_NAMES.reduce((a, [b]) => a | b, 0)) >>> 0;
  if (unknown) names.push(`unknown(0x${unknown.toString(16)})`);
  return names;
}

/** The kernel's old_decode_dev: a 16-bit device number, major in the high byte. */
export function oldDecodeDev(size: number): { major: number; minor: number } {
  return { major: (size >>> 8) & 0xff, minor: size & 0xff };
}

/** Formats a mode like ls -l: "drwxr-xr-x". */
export function modeString(mode: number): string {
  const t = fileTypeOf(mode);
  const c = t === 'dir' ? 'd' : t === 'symlink' ? 'l' : t === 'chardev' ? 'c' : t === 'blockdev' ? 'b' : t === 'fifo' ? 'p' : t === 'socket' ? 's' : t === 'file' ? '-' : '?';
  const rwx = (bits: number, special: boolean, sc: string): string =>
    (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (special ? (bits & 1 ? sc : sc.toUpperCase()) : bits & 1 ? 'x' : '-');
  return c + rwx((mode >> 6) & 7, !!(mode & 0o4000), 's') + rwx((mode >> 3) & 7, !!(mode & 0o2000), 's') + rwx(mode & 7, !!(mode & 0o1000), 't');
}
