#!/bin/sh
# Runs one bare-metal RV32 ELF on QEMU's riscv `virt` board (the oracle for xipemu's ROMs).
#
#   scripts/qemu-run.sh [-t SECONDS] ELF
#
# The hart is configured like xipemu's: RV32IMAC with S and U modes (QEMU's default rv32 also has F, D,
# H and Sstc, which would change misa and the privileged tests); override with QEMU_CPU.
#
# Prints the guest's UART output on stdout and exits with QEMU's status: the finisher's code for
# pass (0) and fail (code & 0xFF), 124 on timeout (default 60 s). QEMU's own messages go to stderr.
set -eu

timeout_s=${QEMU_TIMEOUT:-60}
cpu=${QEMU_CPU:-rv32,f=false,d=false,h=false,sstc=false}
if [ "${1:-}" = "-t" ]; then timeout_s=$2; shift 2; fi
if [ $# -ne 1 ]; then
  echo "usage: $0 [-t SECONDS] ELF" >&2
  exit 2
fi
elf=$1
[ -f "$elf" ] || { echo "$0: no such file: $elf" >&2; exit 2; }

# -nographic puts the UART on stdio; </dev/null keeps QEMU from reading the terminal, and the monitor
# is turned off so that no escape sequence from the guest can reach it.
exec timeout --foreground -k 5 "$timeout_s" \
  qemu-system-riscv32 -M virt -cpu "$cpu" -smp 1 -m 128M -bios none -nographic -monitor none -serial stdio \
  -kernel "$elf" </dev/null
