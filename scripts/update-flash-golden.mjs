#!/usr/bin/env node
// Regenerates the expected output of the flash firmware (roms/flash/), reviewed in the diff like any
// golden file (test/flash-firmware.test.ts compares against them and fails when one is missing):
//
//   node scripts/update-flash-golden.mjs          roms/expected/flash-fw.txt: xipemu (timed core) booting
//                                                  roms/build/flash-fw.bin from bank 0, a fresh copy; and
//                                                  roms/expected/flash-amd-fw.txt: flash-amd-fw.bin on the
//                                                  nor-amd board (AMD command set)
//   node scripts/update-flash-golden.mjs --qemu   also roms/expected/flash-fw.qemu.txt: QEMU 7.2 riscv virt
//                                                  with the image as pflash0 (padded to exactly 32 MiB) and
//                                                  -icount shift=0, so mcycle counts instructions and the
//                                                  output is repeatable
//
// Needs `npm run build` (dist/xipemu.mjs, build/core-timed.wasm) and, for --qemu, qemu-system-riscv32.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const image = join(root, 'roms/build/flash-fw.bin');
const BANK_BYTES = 32 << 20;

/** QEMU's command line for the firmware image `img` (exactly 32 MiB). */
export function qemuArgs(img) {
  return [
    '-M', 'virt', '-cpu', 'rv32,f=false,d=false,h=false,sstc=false', '-smp', '1', '-m', '128M', '-bios', 'none',
    '-nographic', '-monitor', 'none', '-serial', 'stdio', '-icount', 'shift=0',
    '-drive', `if=pflash,unit=0,format=raw,file=${img}`,
  ];
}

function withTemp(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'xipemu-flash-golden-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function xipemuOutput(src = image, board = []) {
  return withTemp((dir) => {
    const img = join(dir, 'flash.bin');
    copyFileSync(src, img);
    return execFileSync('node', [join(root, 'dist/xipemu.mjs'), 'run', '--flash', img, '-q', ...board], { encoding: 'latin1' });
  });
}

function qemuOutput() {
  return withTemp((dir) => {
    const img = join(dir, 'flash-fw-32m.bin');
    const data = readFileSync(image);
    const padded = Buffer.alloc(BANK_BYTES, 0xff);
    data.copy(padded);
    writeFileSync(img, padded);
    return execFileSync('timeout', ['60', 'qemu-system-riscv32', ...qemuArgs(img)], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'inherit'] });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(root, 'roms/expected/flash-fw.txt');
  writeFileSync(out, xipemuOutput());
  console.log(`wrote ${out}`);
  const amd = join(root, 'roms/expected/flash-amd-fw.txt');
  writeFileSync(amd, xipemuOutput(join(root, 'roms/build/flash-amd-fw.bin'), ['--board', 'nor-amd']));
  console.log(`wrote ${amd}`);
  if (process.argv.includes('--qemu')) {
    const q = join(root, 'roms/expected/flash-fw.qemu.txt');
    writeFileSync(q, qemuOutput());
    console.log(`wrote ${q}`);
  }
}
