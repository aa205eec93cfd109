/*
 * The whole runtime of the C programs in roms/: a polled 16550 UART on QEMU virt's memory map, a
 * printf-like formatter, exit through the test finisher, and the few mem* functions the compiler may
 * call. Everything here is freestanding and deterministic.
 */
#ifndef XIPEMU_RT_H
#define XIPEMU_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define UART0_BASE 0x10000000u     /* 16550: THR at +0, LSR at +5 */
#define UART_LSR_THRE 0x20u        /* LSR bit 5: transmit holding register empty */
#define FINISHER_BASE 0x00100000u  /* SiFive test device: 0x5555 pass, (code<<16)|0x3333 fail */
#define FINISHER_PASS 0x5555u
#define FINISHER_FAIL 0x3333u

void uart_putc(char c);
void uart_puts(const char *s);

/* Formats into the UART. Conversions: %d %i %u %x %X %p %s %c %%, with flags '-' and '0', a decimal
 * width, and 'l' accepted (and ignored: long is 32 bits here). Returns the number of characters sent. */
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_vprintf(const char *fmt, va_list ap);

/* 0 = pass, anything else = fail with that code (16 bits kept). Never returns. */
__attribute__((noreturn)) void exit(int code);

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
