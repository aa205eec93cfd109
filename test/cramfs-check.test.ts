// The checker finds each kind of corruption and names its field and offset; extraction never writes
// outside its target directory.
import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkCramfs, dirNode, extractCramfs, fileNode, openCramfs, symlinkNode, deviceNode, writeCramfs, writeU32, CramfsError,
  symlinkStaysInside,
} from '../src/cramfs/index.ts';
import { text, tmp } from './fixtures/cramfs/helpers.ts';

function image(): Uint8Array {
  return writeCramfs(dirNode({
    big: fileNode(text(20_000)),
    bin: dirNode({ sh: fileNode('#!sh') }),
    etc: dirNode({ motd: fileNode(text(300, 4)), sub: dirNode({ deep: fileNode('d') }) }),
    rnd: fileNode('r'),
  })).image;
}

function fixCrc(img: Uint8Array): Uint8Array {
  writeU32(img, 32, 0, 'little');
  writeU32(img, 32, crc32(img), 'little');
  return img;
}

function setName(img: Uint8Array, from: string, to: string): Uint8Array {
  const at = Buffer.from(img).indexOf(from);
  expect(at).toBeGreaterThan(0);
  img.set(new TextEncoder().encode(to), at);
  return fixCrc(img);
}

const errors = (img: Uint8Array) => checkCramfs(img).problems.filter((p) => p.severity === 'error');

describe('checkCramfs', () => {
  it('passes a good image', () => {
    const r = checkCramfs(image());
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, inodes: 9, directories: 4, files: 5 });
  });

  it('reports a bad CRC at the crc field', () => {
    const img = image();
    img[img.length - 1] = 0xff;
    expect(errors(img)).toMatchObject([{ field: 'fsid.crc', offset: 32 }]);
  });

  it('reports a directory loop', () => {
    const img = image();
    const fs = openCramfs(img);
    const etc = fs.lookup('/etc/sub')!;
    // point /etc/sub's entries at the root's entries
    const w2 = (fs.root.offset / 4) << 6 | (etc.nameBytes / 4);
    writeU32(img, etc.inodeOffset + 8, w2, 'little');
    writeU32(img, etc.inodeOffset + 4, fs.root.size, 'little');
    const e = errors(fixCrc(img));
    expect(e.some((p) => p.field === 'inode.offset' && p.offset === etc.inodeOffset + 8 && /loop/.test(p.message))).toBe(true);
    expect(() => [...openCramfs(img).walk()]).toThrow(CramfsError);
  });

  it('reports unsorted entries and names with "/"', () => {
    expect(errors(setName(image(), 'etc', 'zzz'))).toMatchObject([{ field: 'dirent.name', path: '/rnd', message: /strcmp order/ }]);
    expect(errors(setName(image(), 'motd', 'mo/d'))[0]).toMatchObject({ field: 'dirent.name', path: '/etc/mo/d' });
  });

  it('reports block pointers out of range and bad zlib data', () => {
    const img = image();
    const fs = openCramfs(img);
    const big = fs.lookup('/big')!;
    writeU32(img, big.offset, 0x00fffff0, 'little');
    const e = errors(fixCrc(img));
    expect(e[0]).toMatchObject({ field: 'block[0]', offset: big.offset });
    const img2 = image();
    const b = openCramfs(img2).blockLayout('/etc/motd')[0];
    img2[b.start + 5] ^= 0xff;
    img2[b.start + 6] ^= 0xff;
    expect(errors(fixCrc(img2))[0]).toMatchObject({ field: 'block[0]', offset: b.start, path: '/etc/motd' });
  });

  it('reports a truncated image and a missing magic', () => {
    expect(errors(image().subarray(0, 100))[0]).toMatchObject({ field: 'superblock.size', offset: 4 });
    expect(errors(new Uint8Array(4096))[0]).toMatchObject({ field: 'superblock.magic', offset: 0 });
  });
});

describe('extractCramfs', () => {
  it('extracts files, dirs, safe symlinks and skips devices and escaping symlinks', () => {
    const img = writeCramfs(dirNode({
      a: fileNode('A', { mode: 0o600 }), d: dirNode({ f: fileNode(text(9000)) }),
      ok: symlinkNode('d/f'), up: symlinkNode('../../etc/passwd'), abs: symlinkNode('/etc/passwd'), null: deviceNode('char', 1, 3),
    })).image;
    const out = tmp('extract');
    const r = extractCramfs(openCramfs(img), out);
    expect(r.written).toEqual(['/a', '/d', '/ok', '/d/f']);
    expect(r.skipped.map((s) => s.path)).toEqual(['/abs', '/null', '/up']);
    expect(readlinkSync(join(out, 'ok'))).toBe('d/f');
    expect(lstatSync(join(out, 'a')).mode & 0o777).toBe(0o600);
    expect(readdirSync(out).sort()).toEqual(['a', 'd', 'ok']);
    expect(symlinkStaysInside('/x/y', '../z')).toBe(true);
    expect(symlinkStaysInside('/x', '../z')).toBe(false);
  });

  it('skips ".." names and never writes through a symlink of the same name', () => {
    const img = writeCramfs(dirNode({
      aa: symlinkNode('.'), ab: dirNode({ f: fileNode('inside') }), zz: fileNode('x'),
    })).image;
    setName(img, 'ab\0\0', 'aa\0\0'); // now two entries named "aa": a symlink to "." and a directory
    setName(img, 'zz\0\0', '..\0\0');
    const out = tmp('extract-evil');
    const r = extractCramfs(openCramfs(img), out);
    expect(r.skipped).toEqual([
      { path: '/aa', reason: 'already exists (duplicate name?)' },
      { path: '/..', reason: 'unsafe name' },
    ]);
    expect(existsSync(join(out, 'f'))).toBe(false);
    expect(existsSync(join(out, '..', 'x'))).toBe(false);
  });
});
