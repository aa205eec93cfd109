#!/bin/sh
# Runs every self-checking guest ELF on QEMU (the oracle) and reports pass/fail per file.
#
#   scripts/qemu-check-roms.sh [ELF...]      default: roms/build/*.elf and roms/build/priv/*.elf
#
# An ELF is self-checking if it has a `tohost` symbol (test environment "p"/"v": pass/fail via the
# finisher, QEMU's exit status = failing test number & 0xFF) or if roms/expected/<name>.txt exists
# (C programs: exit status 0 and UART output identical to that file). Others are listed as skipped.
# A firmware with a raw flash image beside it (NAME.bin, e.g. flash-fw) runs from that image as pflash0
# (padded to QEMU's 32 MiB, -icount shift=0) and is compared with roms/expected/NAME.qemu.txt, cycle
# figures masked (QEMU's mcycle is not modelled time). Exits 1 if any file fails.
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
run="$root/scripts/qemu-run.sh"
timeout_s=${QEMU_TIMEOUT:-60}

if [ $# -eq 0 ]; then
  set -- "$root"/roms/build/*.elf
  for f in "$root"/roms/build/priv/*.elf; do [ -f "$f" ] && set -- "$@" "$f"; done
fi

pass=0
fail=0
skip=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for elf in "$@"; do
  name=$(basename "$elf" .elf)
  rel=${elf#"$root"/}
  expected="$root/roms/expected/$name.txt"
  bin="${elf%.elf}.bin"
  if [ "$name" = flash-amd-fw ]; then
    # QEMU's virt board has Intel-set (cfi01) pflash only; this firmware drives the AMD set (nor-amd).
    printf 'SKIP %s (AMD command set: QEMU virt has no AMD-set pflash)\n' "$rel"
    skip=$((skip + 1))
    continue
  fi
  if [ -f "$bin" ]; then
    expected="$root/roms/expected/$name.qemu.txt"
    img=$(mktemp)
    cp "$bin" "$img" && python3 -c 'import sys; f=open(sys.argv[1],"r+b"); n=int(sys.argv[2]); f.seek(n); f.write(b"\xff"*(32*1024*1024-n))' "$img" "$(wc -c <"$bin")"
    timeout --foreground -k 5 "$timeout_s" qemu-system-riscv32 -M virt -cpu rv32,f=false,d=false,h=false,sstc=false \
      -smp 1 -m 128M -bios none -nographic -monitor none -serial stdio -icount shift=0 \
      -drive if=pflash,unit=0,format=raw,file="$img" </dev/null >"$out" 2>&1
    rc=$?
    rm -f "$img"
    mask='s/[0-9][0-9]* cycles\( ([0-9][0-9]* per word)\)\{0,1\}/N cycles/g'
    if [ "$rc" -ne 0 ]; then
      printf 'FAIL %s: exit status %s (run from %s as pflash0)\n' "$rel" "$rc" "${bin#"$root"/}"; fail=$((fail + 1))
    elif [ ! -f "$expected" ] || [ "$(sed "$mask" "$out")" != "$(sed "$mask" "$expected")" ]; then
      printf 'FAIL %s: UART output differs from roms/expected/%s.qemu.txt (cycle figures masked)\n' "$rel" "$name"; fail=$((fail + 1))
    else
      printf 'PASS %s (from %s as pflash0)\n' "$rel" "${bin#"$root"/}"; pass=$((pass + 1))
    fi
    continue
  fi
  has_tohost=no
  llvm-nm "$elf" 2>/dev/null | grep -q ' tohost$' && has_tohost=yes
  if [ "$has_tohost" = no ] && [ ! -f "$expected" ]; then
    printf 'SKIP %s (not self-checking)\n' "$rel"
    skip=$((skip + 1))
    continue
  fi
  "$run" -t "$timeout_s" "$elf" >"$out" 2>&1
  rc=$?
  verdict=PASS
  why=""
  if [ "$rc" -eq 124 ]; then
    verdict=FAIL; why="timeout after ${timeout_s}s"
  elif [ "$rc" -ne 0 ]; then
    verdict=FAIL; why="exit status $rc"
    [ "$has_tohost" = yes ] && why="$why (failing test number, mod 256)"
  elif [ -f "$expected" ] && ! cmp -s "$out" "$expected"; then
    verdict=FAIL; why="UART output differs from roms/expected/$name.txt"
  fi
  if [ "$verdict" = PASS ]; then
    printf 'PASS %s\n' "$rel"
    pass=$((pass + 1))
  else
    printf 'FAIL %s: %s\n' "$rel" "$why"
    fail=$((fail + 1))
  fi
done
printf '%d passed, %d failed, %d skipped\n' "$pass" "$fail" "$skip"
[ "$fail" -eq 0 ]
