/*
 * tlbreach: data-TLB reach. Sv32 translation of data accesses only (M-mode with mstatus.MPRV = 1 and
 * MPP = S, kernels.S ub_tlb), one load per page over N distinct pages, N = 1 ... 256, repeated in passes.
 * When N exceeds the DTLB's reach every load needs a page walk (two PTE reads).
 *
 * Mapping: VA 0x4000_0000 + 4 MiB (one level-1 PTE -> one level-2 table of 1024 leaf PTEs) all map to the
 * same physical page, so the data side touches one page of data, one page of leaf PTEs and one root PTE
 * whatever N is. The load of pass-page k is at VA 0x4000_0000 + k * (4096 + 64): page k + k / 64, offset
 * (k * 64) mod 4096, so consecutive loads use different cache lines (at most 64 distinct data lines) and
 * different TLB entries. Leaf PTEs have A set (D clear: only loads), so the walker never writes.
 *
 *   tlbreach.<N>.accesses  loads measured (N x passes)
 *   tlbreach.<N>.cycles    cycles for them (difference of 2 x passes and passes, after a warm-up run)
 */
#include "ub.h"

#define VA_BASE 0x40000000u
#define STRIDE (4096u + 64u)
#define PTE_V 0x01u
#define PTE_R 0x02u
#define PTE_A 0x40u
#define SATP_SV32 0x80000000u

static uint32_t root[1024] __attribute__((aligned(4096)));
static uint32_t leaf[1024] __attribute__((aligned(4096)));
static uint8_t page[4096] __attribute__((aligned(4096)));

static const uint32_t counts[] = {1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256};

int main(void)
{
    ub_pmp_open();
    root[VA_BASE >> 22] = (((uint32_t)leaf >> 12) << 10) | PTE_V;
    for (uint32_t i = 0; i < 1024; i++) leaf[i] = (((uint32_t)page >> 12) << 10) | PTE_A | PTE_R | PTE_V;
    ub_satp(SATP_SV32 | ((uint32_t)root >> 12));

    for (uint32_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        uint32_t n = counts[c];
        uint32_t passes = 4096 / n < 2 ? 2 : 4096 / n;
        ub_tlb(VA_BASE, n, passes, STRIDE);
        uint32_t c1 = ub_tlb(VA_BASE, n, passes, STRIDE);
        uint32_t c2 = ub_tlb(VA_BASE, n, 2 * passes, STRIDE);
        rt_printf("tlbreach.%u.accesses %u\n", n, n * passes);
        rt_printf("tlbreach.%u.cycles %u\n", n, c2 - c1);
    }
    ub_satp(0);
    return 0;
}
