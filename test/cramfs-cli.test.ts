// `xipemu cramfs ...` through runCli with buffer-collecting io: each subcommand, --json, and exit codes.
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../emu/main.ts';
import { EXIT } from '../emu/command.ts';
import { makeElf32, text, tmp, fsck } from './fixtures/cramfs/helpers.ts';

async function run(...argv: string[]): Promise<{ rc: number; out: string; err: string; bytes: Uint8Array }> {
  let out = '', err = '';
  const chunks: Uint8Array[] = [];
  const rc = await runCli(['cramfs', ...argv], { out: (t) => { out += t; }, err: (t) => { err += t; }, outBytes: (b) => { chunks.push(b); } });
  return { rc, out, err, bytes: Buffer.concat(chunks) };
}

let dir = '', src = '', img = '', xipImg = '';
beforeAll(() => {
  dir = tmp('cli');
  src = join(dir, 'root');
  mkdirSync(join(src, 'bin'), { recursive: true });
  writeFileSync(join(src, 'bin/app'), makeElf32([[0, 8292, 5], [12288, 1000, 6]], 13288));
  writeFileSync(join(src, 'motd'), text(6000));
  img = join(dir, 'plain.img');
  xipImg = join(dir, 'xip.img');
});

describe('xipemu cramfs', () => {
  it('mk makes an image fsck.cramfs accepts, and --xip one our fsck accepts', async () => {
    const a = await run('mk', src, img);
    expect(a.rc).toBe(EXIT.OK);
    expect(a.out).toMatch(/plain.img: 4096 bytes, 4 inodes, 6 blocks \(6 compressed, 0 XIP, 0 holes\)/);
    expect(fsck(img).status).toBe(0);
    const b = await run('mk', src, xipImg, '--xip', '--json');
    expect(b.rc).toBe(EXIT.OK);
    expect(JSON.parse(b.out)).toMatchObject({ xipPages: 3, compressedBlocks: 3 });
    const c = await run('fsck', xipImg);
    expect(c.rc).toBe(EXIT.OK);
    expect(c.out).toMatch(/OK: 4 inodes/);
  });

  it('ls lists with mode, size, blocks and XIP state', async () => {
    const r = await run('ls', xipImg, '-lR');
    expect(r.out).toBe(
      'drwxr-xr-x  0/0     16  0  -     /bin\n' +
      '-rw-r--r--  0/0   6000  2  -     /motd\n' +
      '-rw-r--r--  0/0  13288  4  full  /bin/app\n');
    const j = JSON.parse((await run('ls', img, 'bin', '--json')).out);
    expect(j).toEqual([{ path: '/bin/app', name: 'app', type: 'file', mode: '-rw-r--r--', uid: 0, gid: 0, size: 13288, blocks: 4, xip: 'none' }]);
  });

  it('cat writes raw bytes; info reports XIP vs compressed bytes', async () => {
    const c = await run('cat', xipImg, '/motd');
    expect(Buffer.from(c.bytes).equals(Buffer.from(text(6000)))).toBe(true);
    const i = JSON.parse((await run('info', xipImg, '--json')).out);
    expect(i).toMatchObject({ byteOrder: 'little', flagNames: ['version2', 'sorted-dirs', 'ext-block-pointers'], xipPages: 3, xipBytes: 12288, crcStatus: 'ok', files: 2, dirs: 2 });
    expect((await run('info', img)).out).toMatch(/blocks: +6 \(6 compressed in \d+ bytes, 0 XIP in 0 bytes/);
  });

  it('extract writes the tree', async () => {
    const out = join(dir, 'ex');
    const r = await run('extract', xipImg, out);
    expect(r.rc).toBe(EXIT.OK);
    expect(readFileSync(join(out, 'bin/app')).equals(readFileSync(join(src, 'bin/app')))).toBe(true);
  });

  it('exit codes: corrupt image, missing file, missing path, bad flags', async () => {
    const bad = join(dir, 'bad.img');
    const b = readFileSync(img);
    b[b.length - 10] ^= 0xff;
    writeFileSync(bad, b);
    const r = await run('ls', bad);
    expect(r.rc).toBe(EXIT.DATAERR);
    expect(r.err).toMatch(/fsid.crc at 0x20: CRC mismatch/);
    expect((await run('ls', bad, '--ignore-crc')).rc).toBe(EXIT.OK);
    const f = await run('fsck', bad);
    expect(f.rc).toBe(EXIT.DATAERR);
    expect(f.out).toMatch(/^error 0x00000020 fsid.crc: CRC mismatch/m);
    expect((await run('info', join(dir, 'nope.img'))).rc).toBe(EXIT.NOINPUT);
    expect((await run('cat', img, '/nope')).rc).toBe(EXIT.NOINPUT);
    expect((await run('ls', img, '--bogus')).rc).toBe(EXIT.USAGE);
    expect((await run('frob')).rc).toBe(EXIT.USAGE);
    expect((await run('mk', src, join(dir, 'o.img'), '-N', 'middle')).rc).toBe(EXIT.USAGE);
    expect(existsSync(join(dir, 'o.img'))).toBe(false);
  });
});
