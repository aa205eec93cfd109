// The one error type of the cramfs library. A corrupt image is the normal case for a filesystem parser, so
// every failure names the on-disk field it was reading and the image offset of that field; callers (the
// CLI, the kernel, the fuzz test) tell a named error from a crash by `instanceof CramfsError`.

export class CramfsError extends Error {
  /** The on-disk field or check that failed, e.g. "superblock.magic", "inode.offset", "block[3]". */
  readonly field: string;
  /** Byte offset in the image of that field, or -1 when the error is not about one place (e.g. a path). */
  readonly offset: number;

  constructor(field: string, offset: number, message: string) {
    super(offset >= 0 ? `${field} at 0x${offset.toString(16)}: ${message}` : `${field}: ${message}`);
    this.name = 'CramfsError';
    this.field = field;
    this.offset = offset;
  }
}
