# Toolchain settings shared by roms/Makefile and roms/priv/Makefile (include this file; do not copy it).
#
# Guest code is built with Debian's clang/lld (bookworm: LLVM 14) for bare-metal RV32IMAC, linked at
# 0x8000_0000 by common/link.ld. Builds are reproducible byte for byte: no build-id, no .comment
# ident, no absolute paths (the source tree is mapped to "."), no timestamps, no linker relaxation.
#
# Output directory: O (default: build). Every rule writes only below $(O).

ROMS_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
O ?= build

CC := clang
LD := ld.lld
OBJCOPY := llvm-objcopy

# LLVM 14 does not know the zicsr/zifencei names (it still implies them in "i"); newer clangs need them.
MARCH := $(shell $(CC) --target=riscv32-unknown-elf -march=rv32imac_zicsr_zifencei -mabi=ilp32 \
           -x c -c -o /dev/null /dev/null 2>/dev/null && echo rv32imac_zicsr_zifencei || echo rv32imac)

TARGET_FLAGS := --target=riscv32-unknown-elf -march=$(MARCH) -mabi=ilp32 -mcmodel=medany -mno-relax
REPRO_FLAGS := -ffile-prefix-map=$(ROMS_DIR)=. -fdebug-prefix-map=$(ROMS_DIR)=. -fdebug-compilation-dir=. -fno-ident
ASFLAGS := $(TARGET_FLAGS) $(REPRO_FLAGS) -g -I$(ROMS_DIR)/env/p -I$(ROMS_DIR)/common
CFLAGS := $(TARGET_FLAGS) $(REPRO_FLAGS) -g -O2 -nostdlib -ffreestanding -fno-builtin -fno-pic \
          -fno-common -Wall -Wextra -Werror -I$(ROMS_DIR)/common
LDFLAGS := --build-id=none --no-relax -static -nostdlib -T $(ROMS_DIR)/common/link.ld
