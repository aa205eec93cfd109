// Reader and writer on in-memory trees: every inode type, both byte orders, CRC, determinism, holes, and
// the XIP layout (read-only ELF pages direct, uncompressed, page-aligned, contiguous) with the reader's
// judgement of it.
import { describe, expect, it } from 'vitest';
import {
  CramfsError, PAGE_SIZE_BYTES, FLAG_EXT_BLOCK_POINTERS, checkCramfs, deviceNode, dirNode, fifoNode, fileNode, globMatch,
  openCramfs, parseXipPageList, socketNode, symlinkNode, writeCramfs, elfLoadSegments, TreeNode,
} from '../src/cramfs/index.ts';
import { makeElf32, prng, text } from './fixtures/cramfs/helpers.ts';

const APP = makeElf32([[0, 2 * 4096 + 100, 5], [3 * 4096, 1000, 6]], 3 * 4096 + 1000); // text pages 0-2, data page 3

function tree(): TreeNode {
  return dirNode({
    bin: dirNode({ app: fileNode(APP, { mode: 0o755 }), other: fileNode(makeElf32([[0, 5000, 5]], 6000, 'big')) }),
    dev: dirNode({ null: deviceNode('char', 1, 3), sda: deviceNode('block', 8, 1), log: socketNode(), fifo: fifoNode() }),
    etc: dirNode({ motd: fileNode('hello\n'), link: symlinkNode('../bin/app') }),
    big: fileNode(text(50_000)),
    rnd: fileNode(prng(9000, 3)),
  });
}

describe('in-memory trees', () => {
  it('stores every inode type and reads it back in both byte orders', () => {
    for (const byteOrder of ['little', 'big'] as const) {
      const fs = openCramfs(writeCramfs(tree(), { byteOrder }).image, { byteOrder: 'little' });
      expect(fs.byteOrder).toBe(byteOrder);
      expect(fs.swapped).toBe(byteOrder === 'big');
      expect(fs.readdir('/dev').map((i) => [i.name, i.type])).toEqual([['fifo', 'fifo'], ['log', 'socket'], ['null', 'chardev'], ['sda', 'blockdev']]);
      expect(fs.stat('/dev/null').rdev).toEqual({ major: 1, minor: 3 });
      expect(fs.stat('/dev/sda')).toMatchObject({ type: 'blockdev', size: 0, rdev: { major: 8, minor: 1 } });
      expect(fs.readlink('/etc/link')).toBe('../bin/app');
      expect(Buffer.from(fs.readFile('/big')).equals(Buffer.from(text(50_000)))).toBe(true);
      expect(Buffer.from(fs.read('/big', 4090, 20)).equals(Buffer.from(text(50_000).subarray(4090, 4110)))).toBe(true);
      expect(fs.readPage('/etc/motd', 0).subarray(0, 7)).toEqual(new Uint8Array([104, 101, 108, 108, 111, 10, 0]));
      expect(fs.stat('/bin/app').mode & 0o777).toBe(0o755);
      expect(fs.lookup('/nope')).toBeNull();
      expect(() => fs.stat('/etc/motd/x')).toThrow(CramfsError);
    }
  });

  it('is deterministic', () => {
    const a = writeCramfs(tree(), { xip: true }).image;
    const b = writeCramfs(tree(), { xip: true }).image;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('detects a bad CRC unless asked to ignore it', () => {
    const img = writeCramfs(tree()).image;
    img[img.length - 1] ^= 1;
    expect(() => openCramfs(img)).toThrow(/fsid.crc at 0x20/);
    const fs = openCramfs(img, { ignoreCrc: true });
    expect(fs.crcStatus).toBe('bad');
  });

  it('writes holes for zero blocks with holes: true', () => {
    const t = dirNode({ z: fileNode(new Uint8Array(3 * 4096 + 5)) });
    const fs = openCramfs(writeCramfs(t, { holes: true }).image);
    expect(fs.blockLayout('/z').map((b) => b.hole)).toEqual([true, true, true, true]);
    expect(fs.readFile('/z')).toEqual(new Uint8Array(3 * 4096 + 5));
  });
});

describe('XIP layout', () => {
  it('parses ELF32 load segments in both byte orders and rejects other files', () => {
    expect(elfLoadSegments(APP)?.map((s) => [s.offset, s.filesz, s.flags])).toEqual([[0, 8292, 5], [12288, 1000, 6]]);
    expect(elfLoadSegments(makeElf32([[0, 5000, 5]], 6000, 'big'))?.[0].filesz).toBe(5000);
    expect(elfLoadSegments(text(100))).toBeNull();
    const elf64 = APP.slice(); elf64[4] = 2;
    expect(elfLoadSegments(elf64)).toBeNull();
  });

  it('--xip stores read-only pages direct, uncompressed, aligned and contiguous; data pages compressed', () => {
    const r = writeCramfs(tree(), { xip: true });
    const fs = openCramfs(r.image);
    expect(fs.flags & FLAG_EXT_BLOCK_POINTERS).toBeTruthy();
    const layout = fs.blockLayout('/bin/app');
    expect(layout.map((b) => [b.direct, b.compressed])).toEqual([[true, false], [true, false], [true, false], [false, true]]);
    expect(layout[0].start % PAGE_SIZE_BYTES).toBe(0);
    expect(layout[1].start).toBe(layout[0].start + PAGE_SIZE_BYTES);
    expect(layout[2].start).toBe(layout[1].start + PAGE_SIZE_BYTES);
    expect(layout[3].start).toBe(layout[2].start + PAGE_SIZE_BYTES); // legacy pointer after a direct one
    const x = fs.xipInfo('/bin/app');
    expect(x.state).toBe('full');
    expect(x.segments.map((s) => [s.readOnly, s.firstPage, s.pageCount, s.mappablePages])).toEqual([[true, 0, 3, 3], [false, 3, 1, 0]]);
    expect(Buffer.from(fs.readFile('/bin/app')).equals(Buffer.from(APP))).toBe(true);
    expect(fs.xipInfo('/bin/other').state).toBe('full');            // big-endian ELF, partial last page
    expect(fs.xipInfo('/big').state).toBe('not-elf');
    expect(checkCramfs(r.image).problems).toEqual([]);
  });

  it('without --xip nothing is mappable', () => {
    const fs = openCramfs(writeCramfs(tree()).image);
    const x = fs.xipInfo('/bin/app');
    expect(x.state).toBe('none');
    expect(x.segments[0].reason).toBe('page 0 is not direct and uncompressed');
  });

  it('--xip-data also stores writable pages direct; --xip-files chooses files', () => {
    const fs = openCramfs(writeCramfs(tree(), { xipData: true }).image);
    expect(fs.blockLayout('/bin/app').every((b) => b.direct && !b.compressed)).toBe(true);
    const g = openCramfs(writeCramfs(tree(), { xipFiles: ['bin/o*'] }).image);
    expect(g.xipInfo('/bin/app').state).toBe('none');
    expect(g.xipInfo('/bin/other').state).toBe('full');
    expect(globMatch('**/app', 'bin/app')).toBe(true);
    expect(globMatch('*', 'bin/app')).toBe(false);
    expect(globMatch('/bin/?pp', 'bin/app')).toBe(true);
  });

  it('a per-page list stores exactly those pages XIP, and a gap breaks contiguity', () => {
    const pages = parseXipPageList('# profile\n/big 0\nbig 2  # hot\n\n/bin/app 0\n');
    const fs = openCramfs(writeCramfs(tree(), { xipPages: pages }).image);
    expect(fs.blockLayout('/big').map((b) => b.direct).slice(0, 4)).toEqual([true, false, true, false]);
    const app = fs.xipInfo('/bin/app');
    expect(app.state).toBe('partial');
    expect(app.segments[0].mappablePages).toBe(1);
    expect(Buffer.from(fs.readFile('/big')).equals(Buffer.from(text(50_000)))).toBe(true);
    expect(() => parseXipPageList('big x')).toThrow(/line 1/);
    expect(() => writeCramfs(tree(), { xipPages: [{ path: '/big', page: 99 }] })).toThrow(/no page 99/);
  });
});
