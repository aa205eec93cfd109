/*
 * chase's tables in flash (section .flashdata: flash bank 0 in both builds), built at assembly time.
 * Table of n lines (n = 16 ... 1024 for 1 KiB ... 64 KiB): word 0 of line x holds the address of line
 * (A * x + C) mod n, the other 60 bytes are zero. With n a power of two, C odd and A = 1 mod 4 that
 * successor function is one cycle through all n lines (Hull-Dobell), a fixed pseudo-random order that
 * needs no run-time construction (flash is read-only to plain stores).
 */
        .section .flashdata, "a", @progbits
        .set LCG_A, 1664525
        .set LCG_C, 1013904223

        .macro CHASE_TABLE lines
        .balign 64
chase_flash_\lines:
        .set x, 0
        .rept \lines
        .word chase_flash_\lines + (((LCG_A * x + LCG_C) & (\lines - 1)) * 64)
        .space 60
        .set x, x + 1
        .endr
        .endm

        .globl chase_flash_tables
        .balign 64
chase_flash_tables:
        CHASE_TABLE 16
        CHASE_TABLE 32
        CHASE_TABLE 64
        CHASE_TABLE 128
        CHASE_TABLE 256
        CHASE_TABLE 512
        CHASE_TABLE 1024
