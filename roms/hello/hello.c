/*
 * hello-virt: the smallest end-to-end check of a board. Bare metal on QEMU virt's memory map (RAM at
 * 0x8000_0000, 16550 UART at 0x1000_0000, finisher at 0x0010_0000): prints a greeting, a few numbers
 * in decimal and hex (edge values of the formatter included), the CRC-32 of a string and the first
 * primes, then exits through the finisher with pass. Its output is recorded from QEMU in
 * roms/expected/hello-virt.txt.
 */
#include "rt.h"

/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit. */
static uint32_t crc32(const char *s, size_t n)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        crc ^= (uint8_t)s[i];
        for (int b = 0; b < 8; b++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static int is_prime(uint32_t n)
{
    if (n < 2) return 0;
    for (uint32_t d = 2; d * d <= n; d++) {
        if (n % d == 0) return 0;
    }
    return 1;
}

int main(void)
{
    static const char check[] = "123456789";
    static const char fox[] = "The quick brown fox jumps over the lazy dog";

    rt_printf("Hello from xipemu's hello-virt!\n");
    rt_printf("decimal: %d %d %u %d\n", 0, -42, 4000000000u, (int32_t)0x80000000);
    rt_printf("hex: %x %X %08x %p\n", 0xdeadbeefu, 0xcafeu, 0x1234u, (void *)0x80000000u);
    rt_printf("padded: [%5d] [%-5d] [%05d] [%s] [%c]\n", 42, 42, -42, "str", 'c');
    rt_printf("crc32(\"%s\") = %08x\n", check, crc32(check, sizeof check - 1));
    rt_printf("crc32(fox) = %08x\n", crc32(fox, sizeof fox - 1));

    rt_printf("primes:");
    int found = 0;
    for (uint32_t n = 2; found < 20; n++) {
        if (is_prime(n)) {
            rt_printf(" %u", n);
            found++;
        }
    }
    rt_printf("\n");

    uint32_t fib_a = 0, fib_b = 1;
    for (int i = 0; i < 40; i++) {
        uint32_t t = fib_a + fib_b;
        fib_a = fib_b;
        fib_b = t;
    }
    rt_printf("fib(40) = %u, 12345 * 6789 = %d, 1000000 / 7 = %d rem %d\n", fib_a, 12345 * 6789,
              1000000 / 7, 1000000 % 7);
    rt_printf("bye\n");
    return 0;
}
