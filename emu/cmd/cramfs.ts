// `xipemu cramfs`: make, list, read, extract, check and describe cramfs images. Thin: parses flags, calls
// src/cramfs, prints. Subcommands: mk, ls, cat, extract, fsck, info; each takes --json.
import { readFileSync, writeFileSync } from 'node:fs';
import { FlagSpec, parseArgs, UsageError } from '../args.ts';
import { Command, CliIO, EXIT } from '../command.ts';
import {
  Cramfs, CramfsError, CramfsInode, PAGE_SIZE_BYTES, WriteOptions, checkCramfs, extractCramfs, flagNames, modeString,
  openCramfs, parseXipPageList, treeFromDir, writeCramfs,
} from '../../src/cramfs/index.ts';

const JSON_FLAG: FlagSpec = { name: 'json', kind: 'bool', help: 'print JSON' };
const IGNORE_CRC: FlagSpec = { name: 'ignore-crc', kind: 'bool', help: 'read images whose CRC does not match' };

const MK_FLAGS: FlagSpec[] = [
  { name: 'byte-order', short: 'N', kind: 'string', metavar: 'little|big', default: 'little', help: 'mk: byte order of the image' },
  { name: 'edition', short: 'e', kind: 'int', default: 0, help: 'mk: edition number (fsid)' },
  { name: 'name', short: 'n', kind: 'string', default: 'Compressed', help: 'mk: filesystem name (15 bytes kept)' },
  { name: 'pad', short: 'p', kind: 'bool', help: 'mk: 512 bytes of zeros before the superblock, for boot code' },
  { name: 'holes', short: 'z', kind: 'bool', help: 'mk: store all-zero blocks as holes' },
  { name: 'xip', kind: 'bool', help: 'mk: read-only ELF32 PT_LOAD pages direct, uncompressed, page-aligned' },
  { name: 'xip-data', kind: 'bool', help: 'mk: with --xip, writable PT_LOAD pages too' },
  { name: 'xip-files', kind: 'list', metavar: 'GLOB', help: 'mk: only files matching GLOB get --xip (repeatable; implies --xip)' },
  { name: 'xip-pages', kind: 'string', metavar: 'FILE', help: "mk: file of 'path page-index' lines: pages to store XIP" },
  JSON_FLAG,
];
const LS_FLAGS: FlagSpec[] = [
  { name: 'long', short: 'l', kind: 'bool', help: 'ls: mode, owner, size, blocks and XIP state' },
  { name: 'recursive', short: 'R', kind: 'bool', help: 'ls: list subdirectories too' },
  IGNORE_CRC, JSON_FLAG,
];
const READ_FLAGS: FlagSpec[] = [IGNORE_CRC, JSON_FLAG];

function fail(message: string, exitCode: number): Error {
  return Object.assign(new Error(message), { exitCode });
}

function readInput(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw fail(`cannot read '${path}': ${(e as Error).message}`, EXIT.NOINPUT);
  }
}

function open(path: string, ignoreCrc: boolean): Cramfs {
  return openCramfs(readInput(path), { ignoreCrc });
}

function need(pos: string[], n: number, usage: string): void {
  if (pos.length < n) throw new UsageError(`expected ${usage}`);
  if (pos.length > n + (usage.includes('[') ? 1 : 0)) throw new UsageError(`unexpected argument '${pos[pos.length - 1]}'`);
}

function fileInfo(fs: Cramfs, ino: CramfsInode): { blocks: number; xip: string; compressedBytes: number; directPages: number } {
  if (ino.type !== 'file' && ino.type !== 'symlink') return { blocks: 0, xip: '-', compressedBytes: 0, directPages: 0 };
  if (ino.size === 0) return { blocks: 0, xip: '-', compressedBytes: 0, directPages: 0 };
  const layout = fs.blockLayout(ino);
  const x = ino.type === 'file' ? fs.xipInfo(ino) : null;
  return {
    blocks: layout.length,
    xip: !x ? '-' : x.state === 'not-elf' ? (x.directPages ? `${x.directPages}p` : '-') : x.state,
    compressedBytes: layout.filter((b) => b.compressed).reduce((s, b) => s + b.length, 0),
    directPages: x?.directPages ?? 0,
  };
}

function mk(argv: string[], io: CliIO): number {
  const { flags, positional } = parseArgs(argv, MK_FLAGS);
  need(positional, 2, 'DIR IMAGE');
  const order = flags['byte-order'];
  if (order !== 'little' && order !== 'big') throw new UsageError(`--byte-order: expected little or big, got '${order}'`);
  const opts: WriteOptions = {
    byteOrder: order, edition: flags.edition as number, name: flags.name as string, pad: !!flags.pad, holes: !!flags.holes,
    xip: !!flags.xip, xipData: !!flags['xip-data'], xipFiles: flags['xip-files'] as string[],
  };
  if (flags['xip-pages']) {
    const text = Buffer.from(readInput(flags['xip-pages'] as string)).toString('utf8');
    try { opts.xipPages = parseXipPageList(text); } catch (e) { throw fail((e as Error).message, EXIT.DATAERR); }
  }
  let tree;
  try { tree = treeFromDir(positional[0]); } catch (e) { throw fail(`cannot read '${positional[0]}': ${(e as Error).message}`, EXIT.NOINPUT); }
  const r = writeCramfs(tree, opts);
  try { writeFileSync(positional[1], r.image); } catch (e) { throw fail(`cannot write '${positional[1]}': ${(e as Error).message}`, EXIT.CANTCREAT); }
  for (const w of r.warnings) io.err(`xipemu cramfs mk: warning: ${w}\n`);
  if (flags.json) io.out(JSON.stringify({ image: positional[1], bytes: r.image.length, ...r.stats, warnings: r.warnings }, null, 2) + '\n');
  else io.out(`${positional[1]}: ${r.image.length} bytes, ${r.stats.files} inodes, ${r.stats.blocks} blocks (${r.stats.compressedBlocks} compressed, ${r.stats.xipPages} XIP, ${r.stats.holes} holes)\n`);
  return EXIT.OK;
}

function ls(argv: string[], io: CliIO): number {
  const { flags, positional } = parseArgs(argv, LS_FLAGS);
  need(positional, 1, 'IMAGE [PATH]');
  const fs = open(positional[0], !!flags['ignore-crc']);
  const path = positional[1] ?? '/';
  const start = fs.lookup(path);
  if (!start) throw fail(`no such file or directory in the image: '${path}'`, EXIT.NOINPUT);
  const rows: Array<{ path: string; inode: CramfsInode }> = [];
  const base = path === '/' ? '' : '/' + path.split('/').filter(Boolean).join('/');
  if (start.type !== 'dir') rows.push({ path: base, inode: start });
  else {
    const stack: Array<[CramfsInode, string]> = [[start, base]];
    const seen = new Set<number>();
    while (stack.length) {
      const [d, p] = stack.shift()!;
      if (seen.has(d.offset) && d.size > 0) throw new CramfsError('inode.offset', d.inodeOffset + 8, 'directory loop');
      seen.add(d.offset);
      for (const k of fs.readdir(d)) {
        rows.push({ path: `${p}/${k.name}`, inode: k });
        if (flags.recursive && k.type === 'dir') stack.push([k, `${p}/${k.name}`]);
      }
    }
  }
  const items = rows.map(({ path: p, inode }) => {
    const st = fs.stat(inode);
    const fi = fileInfo(fs, inode);
    return {
      path: p, name: inode.name, type: st.type, mode: modeString(st.mode), uid: st.uid, gid: st.gid, size: st.size,
      ...(st.rdev ? { rdev: st.rdev } : {}), blocks: fi.blocks, xip: fi.xip,
      ...(st.type === 'symlink' ? { target: fs.readlink(inode) } : {}),
    };
  });
  if (flags.json) { io.out(JSON.stringify(items, null, 2) + '\n'); return EXIT.OK; }
  const show = (i: (typeof items)[number]): string => (flags.recursive || start.type !== 'dir' ? i.path : i.name);
  if (!flags.long) { io.out(items.map((i) => show(i) + '\n').join('')); return EXIT.OK; }
  const table = items.map((i) => [i.mode, `${i.uid}/${i.gid}`, i.rdev ? `${i.rdev.major},${i.rdev.minor}` : String(i.size), String(i.blocks), i.xip, show(i) + (i.target !== undefined ? ` -> ${i.target}` : '')]);
  const w = [0, 1, 2, 3, 4].map((c) => Math.max(...table.map((r) => r[c].length), 0));
  io.out(table.map((r) => r.map((c, k) => (k === 5 ? c : k === 2 || k === 3 ? c.padStart(w[k]) : c.padEnd(w[k]))).join('  ') + '\n').join(''));
  return EXIT.OK;
}

function cat(argv: string[], io: CliIO): number {
  const { flags, positional } = parseArgs(argv, READ_FLAGS);
  need(positional, 2, 'IMAGE PATH');
  const fs = open(positional[0], !!flags['ignore-crc']);
  const ino = fs.lookup(positional[1]);
  if (!ino) throw fail(`no such file in the image: '${positional[1]}'`, EXIT.NOINPUT);
  if (ino.type !== 'file') throw fail(`'${positional[1]}' is a ${ino.type}, not a regular file`, EXIT.DATAERR);
  const data = fs.readFile(ino);
  if (flags.json) io.out(JSON.stringify({ path: positional[1], size: data.length, base64: Buffer.from(data).toString('base64') }) + '\n');
  else if (io.outBytes) io.outBytes(data);
  else io.out(Buffer.from(data).toString('latin1'));
  return EXIT.OK;
}

function extract(argv: string[], io: CliIO): number {
  const { flags, positional } = parseArgs(argv, READ_FLAGS);
  need(positional, 2, 'IMAGE DIR');
  const fs = open(positional[0], !!flags['ignore-crc']);
  let r;
  try { r = extractCramfs(fs, positional[1]); } catch (e) {
    if (e instanceof CramfsError) throw e;
    throw fail(`cannot write into '${positional[1]}': ${(e as Error).message}`, EXIT.CANTCREAT);
  }
  if (flags.json) io.out(JSON.stringify(r, null, 2) + '\n');
  else {
    for (const s of r.skipped) io.err(`xipemu cramfs extract: skipped ${s.path}: ${s.reason}\n`);
    for (const e of r.errors) io.err(`xipemu cramfs extract: ${e.path}: ${e.message}\n`);
    io.out(`${r.written.length} extracted, ${r.skipped.length} skipped, ${r.errors.length} errors\n`);
  }
  return r.errors.length ? EXIT.DATAERR : EXIT.OK;
}

function fsck(argv: string[], io: CliIO): number {
  const { flags, positional } = parseArgs(argv, READ_FLAGS);
  need(positional, 1, 'IMAGE');
  const r = checkCramfs(readInput(positional[0]), { ignoreCrc: !!flags['ignore-crc'] });
  if (flags.json) io.out(JSON.stringify(r, null, 2) + '\n');
  else {
    for (const p of r.problems) io.out(`${p.severity} 0x${p.offset >= 0 ? p.offset.toString(16).padStart(8, '0') : '--------'} ${p.field}${p.path ? ` ${p.path}` : ''}: ${p.message}\n`);
    io.out(`${positional[0]}: ${r.ok ? 'OK' : 'BAD'}: ${r.inodes} inodes (${r.directories} dirs, ${r.files} files, ${r.symlinks} symlinks, ${r.specials} special), ${r.dataBlocks} blocks, ${r.problems.filter((p) => p.severity === 'error').length} errors, ${r.problems.filter((p) => p.severity === 'warning').length} warnings\n`);
  }
  return r.ok ? EXIT.OK : EXIT.DATAERR;
}

function info(argv: string[], io: CliIO): number {
  const { flags, positional } = parseArgs(argv, READ_FLAGS);
  need(positional, 1, 'IMAGE');
  const fs = open(positional[0], !!flags['ignore-crc']);
  const sb = fs.superblock;
  const c = { inodes: 1, dirs: 1, files: 0, symlinks: 0, specials: 0, blocks: 0, xipPages: 0, xipBytes: 0, uncompressedBytes: 0, compressedBlocks: 0, compressedBytes: 0, holes: 0, fileBytes: 0, xipFiles: 0 };
  const seen = new Set<number>();
  for (const { inode } of fs.walk()) {
    if (inode === fs.root) continue;
    c.inodes++;
    if (inode.type === 'dir') { c.dirs++; continue; }
    if (inode.type !== 'file' && inode.type !== 'symlink') { c.specials++; continue; }
    if (inode.type === 'file') c.files++; else c.symlinks++;
    c.fileBytes += inode.size;
    if (inode.size === 0 || seen.has(inode.offset)) continue;
    seen.add(inode.offset);
    let direct = 0;
    for (const b of fs.blockLayout(inode)) {
      c.blocks++;
      if (b.hole) c.holes++;
      else if (b.compressed) { c.compressedBlocks++; c.compressedBytes += b.length; }
      else if (b.direct && b.start % PAGE_SIZE_BYTES === 0) { c.xipPages++; c.xipBytes += PAGE_SIZE_BYTES; direct++; }
      else c.uncompressedBytes += b.length;
    }
    if (direct) c.xipFiles++;
  }
  const out = {
    image: positional[0], superblockOffset: sb.start, byteOrder: fs.byteOrder, size: sb.size, flags: sb.flags, flagNames: flagNames(sb.flags),
    signature: sb.signature, name: sb.name, edition: sb.edition, crc: sb.crc, crcStatus: fs.crcStatus, fsidBlocks: sb.blocks, fsidFiles: sb.files,
    ...c,
  };
  if (flags.json) { io.out(JSON.stringify(out, null, 2) + '\n'); return EXIT.OK; }
  const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;
  io.out([
    `image:        ${positional[0]}`,
    `superblock:   at ${sb.start}, ${fs.byteOrder} endian, "${sb.signature}", name "${sb.name}", edition ${sb.edition}`,
    `size:         ${sb.size} bytes`,
    `flags:        ${hex(sb.flags)} (${flagNames(sb.flags).join(', ') || 'none'})`,
    `crc:          ${hex(sb.crc)} (${fs.crcStatus})`,
    `fsid:         ${sb.files} files, ${sb.blocks} blocks`,
    `inodes:       ${c.inodes} (${c.dirs} dirs, ${c.files} files, ${c.symlinks} symlinks, ${c.specials} special)`,
    `file bytes:   ${c.fileBytes}`,
    `blocks:       ${c.blocks} (${c.compressedBlocks} compressed in ${c.compressedBytes} bytes, ${c.xipPages} XIP in ${c.xipBytes} bytes, ${c.uncompressedBytes} other uncompressed bytes, ${c.holes} holes)`,
    `xip files:    ${c.xipFiles}`,
  ].join('\n') + '\n');
  return EXIT.OK;
}

const SUBCOMMANDS: Record<string, (argv: string[], io: CliIO) => number> = { mk, ls, cat, extract, fsck, info };

export const cramfsCommand: Command = {
  name: 'cramfs',
  summary: 'make, list, read, extract, check and describe cramfs images (with XIP layout)',
  usage: 'xipemu cramfs <mk|ls|cat|extract|fsck|info> ...',
  details: `Subcommands:
  mk DIR IMAGE [options]     make an image from a directory (util-linux mkfs.cramfs layout, plus XIP)
  ls IMAGE [PATH] [-l] [-R]  list a directory; -l adds mode, owner, size, blocks and XIP state
  cat IMAGE PATH             write a file's contents to stdout
  extract IMAGE DIR          extract safely (no paths outside DIR, no devices, no escaping symlinks)
  fsck IMAGE                 check the structure; lists every problem with its offset
  info IMAGE                 superblock, flags, byte order, counts, XIP vs compressed bytes
Exit codes: 65 corrupt image, 66 missing file, 64 bad flags.`,
  flags: [...MK_FLAGS.filter((f) => f.name !== 'json'), ...LS_FLAGS.filter((f) => f.name !== 'json' && f.name !== 'ignore-crc'), IGNORE_CRC, JSON_FLAG],
  async main(argv: string[], io: CliIO): Promise<number> {
    const [sub, ...rest] = argv;
    const fn = sub === undefined ? undefined : SUBCOMMANDS[sub];
    if (!fn) throw new UsageError(sub === undefined ? 'missing subcommand (mk, ls, cat, extract, fsck, info)' : `unknown subcommand '${sub}' (mk, ls, cat, extract, fsck, info)`);
    try {
      return fn(rest, io);
    } catch (e) {
      if (e instanceof CramfsError) {
        io.err(`xipemu cramfs ${sub}: ${e.message}\n`);
        return e.field === 'path' ? EXIT.NOINPUT : EXIT.DATAERR;
      }
      throw e;
    }
  },
};
