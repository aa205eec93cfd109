// The in-memory file tree the writer takes, and how to build one from a directory on disk (lstat, never
// following symlinks). A node carries the stat fields cramfs stores: mode (with type bits), uid, gid, and
// per type the file bytes, the symlink target, the device number or the directory's children.

import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK } from './format.ts';

export interface TreeNode {
  /** st_mode including the file type bits (S_IFREG, S_IFDIR, ...). */
  mode: number;
  uid: number;
  gid: number;
  /** Regular file contents, or a symlink's target bytes. */
  data?: Uint8Array;
  /** Device number st_rdev, for character and block devices (old encoding: major << 8 | minor). */
  rdev?: number;
  /** Directory entries by name. */
  children?: Map<string, TreeNode>;
}

interface Owner { mode?: number; uid?: number; gid?: number }

export function fileNode(data: Uint8Array | string, o: Owner = {}): TreeNode {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return { mode: S_IFREG | (o.mode ?? 0o644), uid: o.uid ?? 0, gid: o.gid ?? 0, data: bytes };
}

export function dirNode(entries: Record<string, TreeNode> | Map<string, TreeNode> = {}, o: Owner = {}): TreeNode {
  const children = entries instanceof Map ? entries : new Map(Object.entries(entries));
  return { mode: S_IFDIR | (o.mode ?? 0o755), uid: o.uid ?? 0, gid: o.gid ?? 0, children };
}

export function symlinkNode(target: string, o: Owner = {}): TreeNode {
  return { mode: S_IFLNK | (o.mode ?? 0o777), uid: o.uid ?? 0, gid: o.gid ?? 0, data: new TextEncoder().encode(target) };
}

export function deviceNode(kind: 'char' | 'block', major: number, minor: number, o: Owner = {}): TreeNode {
  return { mode: (kind === 'char' ? S_IFCHR : S_IFBLK) | (o.mode ?? 0o644), uid: o.uid ?? 0, gid: o.gid ?? 0, rdev: ((major & 0xff) << 8) | (minor & 0xff) };
}

export function fifoNode(o: Owner = {}): TreeNode {
  return { mode: S_IFIFO | (o.mode ?? 0o644), uid: o.uid ?? 0, gid: o.gid ?? 0 };
}

export function socketNode(o: Owner = {}): TreeNode {
  return { mode: S_IFSOCK | (o.mode ?? 0o755), uid: o.uid ?? 0, gid: o.gid ?? 0 };
}

/** Reads a directory tree from disk. Symlinks are stored, not followed. */
export function treeFromDir(path: string): TreeNode {
  const st = lstatSync(path);
  const node: TreeNode = { mode: st.mode & 0xffff, uid: st.uid, gid: st.gid };
  switch (st.mode & S_IFMT) {
    case S_IFDIR: {
      node.children = new Map();
      for (const name of readdirSync(path).sort()) node.children.set(name, treeFromDir(join(path, name)));
      break;
    }
    case S_IFREG: node.data = readFileSync(path); break;
    case S_IFLNK: node.data = new Uint8Array(readlinkSync(path, { encoding: 'buffer' })); break;
    case S_IFCHR: case S_IFBLK: node.rdev = st.rdev; break;
    default: break; // fifo, socket: nothing stored
  }
  return node;
}
