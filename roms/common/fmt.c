/*
 * A small printf-like formatter (see rt.h for the conversions) plus the mem and str functions that the
 * compiler may emit calls to even in freestanding code. Numbers are converted with 32-bit division,
 * which RV32M provides, so no libgcc helpers are needed.
 */
#include "rt.h"

struct spec {
    int left;   /* '-' flag */
    int zero;   /* '0' flag */
    int width;
};

static int emit_padded(const struct spec *sp, const char *prefix, const char *digits, int ndigits)
{
    int nprefix = (int)strlen(prefix);
    int pad = sp->width - nprefix - ndigits;
    int sent = 0;
    if (pad < 0) pad = 0;
    if (!sp->left && !sp->zero) {
        for (; pad > 0; pad--, sent++) uart_putc(' ');
    }
    for (const char *p = prefix; *p; p++, sent++) uart_putc(*p);
    if (!sp->left && sp->zero) {
        for (; pad > 0; pad--, sent++) uart_putc('0');
    }
    for (int i = 0; i < ndigits; i++, sent++) uart_putc(digits[i]);
    for (; pad > 0; pad--, sent++) uart_putc(' ');
    return sent;
}

static int emit_unsigned(const struct spec *sp, const char *prefix, uint32_t v, uint32_t base, int upper)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[32];
    int n = 0;
    do {
        buf[n++] = set[v % base];
        v /= base;
    } while (v != 0);
    char digits[32];
    for (int i = 0; i < n; i++) digits[i] = buf[n - 1 - i];
    return emit_padded(sp, prefix, digits, n);
}

int rt_vprintf(const char *fmt, va_list ap)
{
    int sent = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            uart_putc(*p);
            sent++;
            continue;
        }
        struct spec sp = {0, 0, 0};
        for (p++; *p == '-' || *p == '0'; p++) {
            if (*p == '-') sp.left = 1; else sp.zero = 1;
        }
        for (; *p >= '0' && *p <= '9'; p++) sp.width = sp.width * 10 + (*p - '0');
        while (*p == 'l') p++;
        switch (*p) {
        case 'd':
        case 'i': {
            int32_t v = va_arg(ap, int32_t);
            /* Negate in unsigned arithmetic so that INT32_MIN is exact. */
            uint32_t mag = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
            sent += emit_unsigned(&sp, v < 0 ? "-" : "", mag, 10, 0);
            break;
        }
        case 'u': sent += emit_unsigned(&sp, "", va_arg(ap, uint32_t), 10, 0); break;
        case 'x': sent += emit_unsigned(&sp, "", va_arg(ap, uint32_t), 16, 0); break;
        case 'X': sent += emit_unsigned(&sp, "", va_arg(ap, uint32_t), 16, 1); break;
        case 'p': sent += emit_unsigned(&sp, "0x", (uint32_t)(uintptr_t)va_arg(ap, void *), 16, 0); break;
        case 'c': {
            char c = (char)va_arg(ap, int);
            sent += emit_padded(&sp, "", &c, 1);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (s == NULL) s = "(null)";
            struct spec plain = sp;
            plain.zero = 0;
            sent += emit_padded(&plain, "", s, (int)strlen(s));
            break;
        }
        case '%': uart_putc('%'); sent++; break;
        case '\0': return sent; /* a lone '%' at the end */
        default:  /* unknown conversion: show it verbatim */
            uart_putc('%');
            uart_putc(*p);
            sent += 2;
            break;
        }
    }
    return sent;
}

int rt_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = rt_vprintf(fmt, ap);
    va_end(ap);
    return n;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) {
        while (n--) *d++ = *s++;
    } else {
        while (n--) d[n] = s[n];
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y) return *x < *y ? -1 : 1;
    }
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n]) n++;
    return n;
}
