// Safe extraction of a cramfs image into a directory on disk. An image is untrusted input, so nothing is
// ever written outside the target: names holding "/" or NUL or equal to "." / ".." are skipped, symlinks
// whose target leaves the tree (absolute, or climbing above the root) are skipped, device nodes, fifos and
// sockets are skipped, and nothing is written through a symlink: files are created with O_EXCL and only
// inside directories this extraction created. Every skip is reported with its reason.

import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, symlinkSync, writeSync, constants } from 'node:fs';
import { join, posix, resolve, sep } from 'node:path';
import { CramfsError } from './errors.ts';
import { Cramfs, CramfsInode } from './reader.ts';

export interface ExtractReport {
  written: string[];                                 // image paths extracted
  skipped: Array<{ path: string; reason: string }>;  // image paths not extracted, and why
  errors: Array<{ path: string; message: string }>;  // corrupt data met while extracting
}

function safeName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0');
}

/** True when a symlink at image path `linkPath` with `target` resolves inside the image's root. */
export function symlinkStaysInside(linkPath: string, target: string): boolean {
  if (target.startsWith('/') || target.includes('\0')) return false;
  const dir = posix.dirname(linkPath);
  const parts = dir.split('/').filter(Boolean);
  for (const c of target.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') { if (parts.length === 0) return false; parts.pop(); } else parts.push(c);
  }
  return true;
}

export function extractCramfs(fs: Cramfs, target: string): ExtractReport {
  const report: ExtractReport = { written: [], skipped: [], errors: [] };
  const root = resolve(target);
  mkdirSync(root, { recursive: true });
  const createdDirs = new Set<string>([root]);
  const dirModes: Array<[string, number]> = [];

  const stack: Array<{ inode: CramfsInode; path: string; host: string }> = [{ inode: fs.root, path: '', host: root }];
  const seenDirs = new Set<number>();
  while (stack.length) {
    const { inode: dir, path, host } = stack.pop()!;
    if (dir.size > 0) {
      if (seenDirs.has(dir.offset)) { report.errors.push({ path: path || '/', message: 'directory loop' }); continue; }
      seenDirs.add(dir.offset);
    }
    let kids: CramfsInode[];
    try { kids = fs.readdir(dir); } catch (e) {
      report.errors.push({ path: path || '/', message: e instanceof CramfsError ? e.message : String(e) });
      continue;
    }
    const subdirs: typeof stack = [];
    for (const k of kids) {
      const p = `${path}/${k.name}`;
      if (!safeName(k.name)) { report.skipped.push({ path: p, reason: 'unsafe name' }); continue; }
      const out = join(host, k.name);
      if (!out.startsWith(root + sep) || !createdDirs.has(host)) { report.skipped.push({ path: p, reason: 'would leave the target directory' }); continue; }
      let exists = true;
      try { lstatSync(out); } catch { exists = false; }
      if (exists) { report.skipped.push({ path: p, reason: 'already exists (duplicate name?)' }); continue; }
      try {
        switch (k.type) {
          case 'dir':
            mkdirSync(out, { mode: 0o700 });
            createdDirs.add(out);
            dirModes.push([out, k.mode & 0o7777]);
            subdirs.push({ inode: k, path: p, host: out });
            break;
          case 'file': {
            const data = fs.readFile(k);
            const fd = openSync(out, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
            try { writeSync(fd, data); } finally { closeSync(fd); }
            chmodSync(out, k.mode & 0o7777);
            break;
          }
          case 'symlink': {
            const t = fs.readlink(k);
            if (!symlinkStaysInside(p, t)) { report.skipped.push({ path: p, reason: `symlink points outside the image: ${t}` }); continue; }
            symlinkSync(t, out);
            break;
          }
          default:
            report.skipped.push({ path: p, reason: `${k.type} not extracted` });
            continue;
        }
        report.written.push(p);
      } catch (e) {
        if (e instanceof CramfsError) report.errors.push({ path: p, message: e.message });
        else throw e;
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
  for (let i = dirModes.length - 1; i >= 0; i--) chmodSync(dirModes[i][0], dirModes[i][1]);
  return report;
}
