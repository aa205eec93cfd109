#!/bin/sh
# Proves that the committed guest ELFs and raw flash images (*.bin) in roms/build/ are what the sources
# build: rebuilds everything (roms/Makefile with O=<temporary directory>, which also builds roms/priv/
# when present) and compares every file byte for byte. Prints each file that differs, is missing or is extra; exits 1 if any.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make -s -C "$root/roms" O="$tmp" >"$tmp.log" 2>&1 || { cat "$tmp.log" >&2; rm -f "$tmp.log"; echo "check-roms: build failed" >&2; exit 1; }
rm -f "$tmp.log"

status=0
count=0
# Committed ELFs must be reproduced exactly...
for committed in $(cd "$root/roms/build" && find . -name '*.elf' -o -name '*.bin' | sort); do
  count=$((count + 1))
  if [ ! -f "$tmp/$committed" ]; then
    echo "missing from rebuild: roms/build/${committed#./}"
    status=1
  elif ! cmp -s "$root/roms/build/$committed" "$tmp/$committed"; then
    echo "differs: roms/build/${committed#./}"
    status=1
  fi
done
# ...and every ELF the build makes must be committed.
for built in $(cd "$tmp" && find . -path ./.obj -prune -o \( -name '*.elf' -o -name '*.bin' \) -print | sort); do
  if [ ! -f "$root/roms/build/$built" ]; then
    echo "not committed: roms/build/${built#./}"
    status=1
  fi
done

if [ "$status" -eq 0 ]; then
  echo "check-roms: $count ELFs and flash images reproduced byte for byte"
else
  echo "check-roms: FAILED (rebuild with 'make -C roms' and commit roms/build/)" >&2
fi
exit "$status"
