/*
 * crt0 for the C programs in roms/ (hello-virt, compute): bare metal, machine mode, QEMU virt memory map.
 * _start sits at 0x8000_0000 (first in .text.init, see link.ld). Hart 0 sets gp and sp, installs a trap
 * vector that reports and fails, zeroes .bss, calls main() and passes its return value to exit(),
 * which writes the test finisher. Other harts park in wfi. No C library, no constructors.
 */
        .option norelax
        .section .text.init, "ax", @progbits
        .globl _start
_start:
        la gp, __global_pointer$
        la sp, __stack_top
        csrr t0, mhartid
        bnez t0, crt_park
        la t0, crt_trap_vector
        csrw mtvec, t0
        la t0, __bss_start
        la t1, __bss_end
1:      bgeu t0, t1, 2f
        sw zero, 0(t0)
        addi t0, t0, 4
        j 1b
2:      call main
        call exit
crt_park:
        wfi
        j crt_park

        .balign 4
crt_trap_vector:
        csrr a0, mcause
        csrr a1, mepc
        csrr a2, mtval
        la sp, __stack_top
        call crt_trap
1:      j 1b
