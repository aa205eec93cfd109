// Compatibility with util-linux: images made by mkfs.cramfs read back exactly like their source tree, and
// images made by our writer pass fsck.cramfs, extract to the same tree, and match mkfs.cramfs byte for
// byte once both use the same zlib output for each block.
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync, deflateSync } from 'node:zlib';
import { openCramfs, writeCramfs, treeFromDir, Cramfs, WriteOptions } from '../src/cramfs/index.ts';
import { describeDisk, describeImage, diffDescs, fsck, makeTestTree, mkfs, tmp, MKFS, FSCK } from './fixtures/cramfs/helpers.ts';

let work = '';
let src = '';

beforeAll(() => {
  expect(existsSync(MKFS) && existsSync(FSCK), 'util-linux mkfs.cramfs and fsck.cramfs are required').toBe(true);
  work = tmp('compat');
  src = join(work, 'src');
  makeTestTree(src);
});

const VARIANTS: Array<{ name: string; args: string[]; opts: WriteOptions; order: 'little' | 'big' }> = [
  { name: 'little', args: ['-N', 'little'], opts: { byteOrder: 'little' }, order: 'little' },
  { name: 'big', args: ['-N', 'big'], opts: { byteOrder: 'big' }, order: 'big' },
  { name: 'holes', args: ['-z'], opts: { holes: true }, order: 'little' },
  { name: 'pad', args: ['-p'], opts: { pad: true }, order: 'little' },
  { name: 'big+holes+pad+name', args: ['-N', 'big', '-z', '-p', '-e', '7', '-n', 'myfs'], opts: { byteOrder: 'big', holes: true, pad: true, edition: 7, name: 'myfs' }, order: 'big' },
];

/** Maps each block's uncompressed bytes to the compressed bytes another zlib produced for it. */
function transplant(fs: Cramfs): (b: Uint8Array) => Uint8Array {
  const table = new Map<string, Uint8Array>();
  for (const { inode } of fs.walk()) {
    if (inode.type !== 'file' && inode.type !== 'symlink') continue;
    if (inode.size === 0) continue;
    for (const b of fs.blockLayout(inode)) {
      if (b.hole) continue;
      const z = fs.bytes.subarray(b.start, b.start + b.length);
      table.set(Buffer.from(inflateSync(z)).toString('base64'), z);
    }
  }
  return (b) => {
    const z = table.get(Buffer.from(b).toString('base64'));
    if (!z) throw new Error('block not in the mkfs.cramfs image');
    return z;
  };
}

describe.each(VARIANTS)('mkfs.cramfs $name', ({ name, args, opts, order }) => {
  it('reads back exactly like the source tree', () => {
    const img = join(work, `mkfs-${name}.img`);
    mkfs(src, img, args);
    const fs = openCramfs(readFileSync(img), { byteOrder: 'little' });
    expect(fs.byteOrder).toBe(order);
    expect(fs.swapped).toBe(order !== 'little');
    expect(fs.crcStatus).toBe('ok');
    expect(diffDescs(describeDisk(src), describeImage(fs))).toEqual([]);
    if (opts.holes) {
      expect(fs.blockLayout('/zeros').every((b) => b.hole)).toBe(true);
      expect(fs.blockLayout('/sparse').filter((b) => b.hole).length).toBe(9);
    }
  });

  it('our writer passes fsck.cramfs and --extract gives the same tree', () => {
    const img = join(work, `ours-${name}.img`);
    writeFileSync(img, writeCramfs(treeFromDir(src), opts).image);
    const out = join(work, `extract-${name}`);
    const r = fsck(img, [`--extract=${out}`]);
    if (opts.holes) {
      // util-linux 2.38 fsck.cramfs refuses the HOLES flag, on mkfs.cramfs -z's own images too.
      expect(r.output).toContain('unsupported filesystem features');
      expect(fsck(join(work, `mkfs-${name}.img`)).output).toContain('unsupported filesystem features');
      expect(diffDescs(describeDisk(src), describeImage(openCramfs(readFileSync(img))))).toEqual([]);
      return;
    }
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
    const want = describeDisk(src);
    const got = describeDisk(out);
    // fsck.cramfs --extract does not restore the root directory's owner or mode
    want.delete('/');
    got.delete('/');
    expect(diffDescs(want, got)).toEqual([]);
  });

  it('matches mkfs.cramfs byte for byte given the same zlib output per block', () => {
    const theirs = readFileSync(join(work, `mkfs-${name}.img`));
    const compress = transplant(openCramfs(theirs));
    const ours = writeCramfs(treeFromDir(src), { ...opts, compress }).image;
    expect(Buffer.compare(Buffer.from(ours), theirs)).toBe(0);
  });
});

describe('byte identity with our own zlib', () => {
  it('is byte-identical exactly when node:zlib compresses every block as the system zlib did', () => {
    const theirs = readFileSync(join(work, 'mkfs-little.img'));
    const fs = openCramfs(theirs);
    let differing = 0;
    for (const { inode } of fs.walk()) {
      if ((inode.type !== 'file' && inode.type !== 'symlink') || inode.size === 0) continue;
      for (const b of fs.blockLayout(inode)) {
        const z = fs.bytes.subarray(b.start, b.start + b.length);
        if (Buffer.compare(deflateSync(inflateSync(z), { level: 9 }), z) !== 0) differing++;
      }
    }
    const ours = writeCramfs(treeFromDir(src)).image;
    const identical = Buffer.compare(Buffer.from(ours), theirs) === 0;
    expect(identical).toBe(differing === 0);
    const o = openCramfs(ours);
    expect(o.superblock.files).toBe(fs.superblock.files);
    expect(o.superblock.blocks).toBe(fs.superblock.blocks);
  });
});
