/*
 * Polled output on a 16550-compatible UART (QEMU virt: one at 0x1000_0000, byte registers).
 * No initialisation: QEMU's and xipemu's UARTs transmit at reset; baud rate and FIFO settings do not
 * matter to an emulator. Also the finisher exit and the trap report, which print through the UART.
 */
#include "rt.h"

static volatile uint8_t *const uart = (volatile uint8_t *)UART0_BASE;

void uart_putc(char c)
{
    while ((uart[5] & UART_LSR_THRE) == 0) {
    }
    uart[0] = (uint8_t)c;
}

void uart_puts(const char *s)
{
    while (*s) uart_putc(*s++);
}

void exit(int code)
{
    volatile uint32_t *finisher = (volatile uint32_t *)FINISHER_BASE;
    uint32_t c = (uint32_t)code & 0xffffu;
    *finisher = c == 0 ? FINISHER_PASS : (c << 16) | FINISHER_FAIL;
    for (;;) {
    }
}

/* Called by crt0's trap vector: any trap is a bug in these programs. */
void crt_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval);
void crt_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    rt_printf("\nunexpected trap: mcause=%08x mepc=%08x mtval=%08x\n", mcause, mepc, mtval);
    exit(0xff);
}
