// cramfs for xipemu: a Linux-compatible reader, an XIP-capable writer and a checker (DESIGN.md section 8).
//
// API
//   openCramfs(bytes, { byteOrder?, ignoreCrc? }) -> Cramfs      read an image held in a Uint8Array
//     .superblock, .byteOrder, .swapped, .crcStatus, .root          what the superblock says
//     .lookup(path) -> CramfsInode | null                           find a path ("/bin/sh")
//     .stat(path | inode) -> CramfsStat                             type, mode, uid, gid, size, rdev, blocks
//     .readdir(path | inode) -> CramfsInode[]                       entries in stored (sorted) order
//     .readFile(path | inode), .read(inode, offset, length)         file bytes (holes read as zeros)
//     .readPage(inode, pageIndex) -> 4096 bytes                     one page, zero past EOF
//     .readlink(path | inode) -> string
//     .blockLayout(inode) -> BlockInfo[]                            per block: offset, length, compressed, direct
//     .xipInfo(inode) -> XipInfo                                    can its read-only ELF pages map from flash?
//     .walk()                                                       every inode, loop-safe
//   writeCramfs(tree, WriteOptions) -> { image, warnings, stats }  mkfs.cramfs layout, plus XIP pages
//   treeFromDir(path), fileNode/dirNode/symlinkNode/deviceNode/fifoNode/socketNode   build trees
//   checkCramfs(bytes) -> CheckReport                              every structural problem with its offset
//   extractCramfs(fs, dir) -> ExtractReport                        safe extraction to a directory
//   elfLoadSegments(bytes)                                         ELF32 PT_LOAD headers, or null
// Every failure on a bad image is a CramfsError carrying the field name and image offset.

export { CramfsError } from './errors.ts';
export * from './format.ts';
export * from './reader.ts';
export * from './writer.ts';
export * from './tree.ts';
export * from './elfsegs.ts';
export * from './check.ts';
export * from './extract.ts';
