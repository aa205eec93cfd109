/*
 * crt0 of the flash firmware (roms/flash/): like common/crt0.S (M-mode, hart 0 only, trap vector that
 * reports through common/uart.c's crt_trap and fails), plus what a program executing in place needs:
 * copy .ramfunc and .data from their load addresses in flash to RAM before main(). common/crt0.S does no
 * copy because the other C programs are loaded straight into RAM.
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
        la a0, __ramfunc_start
        la a1, __ramfunc_end
        la a2, __ramfunc_load
        call crt_copy
        la a0, __data_start
        la a1, __data_end
        la a2, __data_load
        call crt_copy
        la t0, __bss_start
        la t1, __bss_end
1:      bgeu t0, t1, 2f
        sw zero, 0(t0)
        addi t0, t0, 4
        j 1b
2:      fence.i                 /* the routines just copied to RAM are code */
        call main
        call exit
crt_park:
        wfi
        j crt_park

/* Copies words [a2, ...) to [a0, a1): both ends are 4-byte aligned (link.ld). */
crt_copy:
        bgeu a0, a1, 1f
        lw t0, 0(a2)
        sw t0, 0(a0)
        addi a0, a0, 4
        addi a2, a2, 4
        j crt_copy
1:      ret

        .balign 4
crt_trap_vector:
        csrr a0, mcause
        csrr a1, mepc
        csrr a2, mtval
        la sp, __stack_top
        call crt_trap
1:      j 1b
