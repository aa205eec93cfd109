/*
 * compute: a deterministic, compute-heavy benchmark for xipemu (bare metal, QEMU virt memory map).
 *
 * Each round runs four kernels on data from a seeded xorshift32 generator and folds their results into
 * one running checksum:
 *   - linked lists: build a list from a node pool, reverse it, merge-sort it, check order, sum it;
 *   - integer matrix multiplication (MAT_N x MAT_N, 32-bit wrap-around);
 *   - CRC-32 of a buffer, table-driven and bit by bit (the two must agree);
 *   - a tokenizer state machine over a generated text (identifiers, numbers, operators, spaces).
 * The full build runs ROUNDS_FULL rounds (about 200 million instructions); -DCOMPUTE_SMALL runs
 * ROUNDS_SMALL (about 5 million) for tests. The output is one line per kernel plus the checksum;
 * roms/expected/compute*.txt hold QEMU's output. -DCOMPUTE_REPORT_INSTRET additionally prints minstret
 * (exact only under `qemu -icount shift=0`), which is how the round counts were chosen; it is never
 * set for the committed ELFs.
 */
#include "rt.h"

#ifdef COMPUTE_SMALL
#define ROUNDS 18
#else
#define ROUNDS 716
#endif

#define LIST_NODES 400
#define MAT_N 20
#define CRC_BYTES 1024
#define TEXT_BYTES 2048

static uint32_t rng_state;

static uint32_t rng(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

static uint32_t mix(uint32_t h, uint32_t v)
{
    h ^= v;
    h *= 0x01000193u; /* FNV-1 prime */
    return h ^ (h >> 15);
}

/* ---- linked lists ---- */

struct node {
    struct node *next;
    uint32_t key;
};

static struct node pool[LIST_NODES];

static struct node *list_build(void)
{
    struct node *head = NULL;
    for (int i = 0; i < LIST_NODES; i++) {
        struct node *n = &pool[(i * 7) % LIST_NODES]; /* scattered through the pool */
        n->key = rng() % 100000u;
        n->next = head;
        head = n;
    }
    return head;
}

static struct node *list_reverse(struct node *head)
{
    struct node *prev = NULL;
    while (head) {
        struct node *next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

static struct node *list_merge(struct node *a, struct node *b)
{
    struct node dummy;
    struct node *tail = &dummy;
    while (a && b) {
        if (a->key <= b->key) {
            tail->next = a;
            a = a->next;
        } else {
            tail->next = b;
            b = b->next;
        }
        tail = tail->next;
    }
    tail->next = a ? a : b;
    return dummy.next;
}

static struct node *list_sort(struct node *head)
{
    if (head == NULL || head->next == NULL) return head;
    struct node *slow = head, *fast = head->next;
    while (fast && fast->next) {
        slow = slow->next;
        fast = fast->next->next;
    }
    struct node *second = slow->next;
    slow->next = NULL;
    return list_merge(list_sort(head), list_sort(second));
}

static uint32_t run_lists(int *sorted_ok)
{
    struct node *l = list_build();
    uint32_t h = l->key;
    l = list_reverse(l);
    h = mix(h, l->key);
    l = list_sort(l);
    uint32_t count = 0, prev = 0;
    for (struct node *n = l; n; n = n->next) {
        if (n->key < prev) *sorted_ok = 0;
        prev = n->key;
        h = mix(h, n->key);
        count++;
    }
    if (count != LIST_NODES) *sorted_ok = 0;
    return h;
}

/* ---- matrix multiplication ---- */

static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

static uint32_t run_matmul(void)
{
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            mat_a[i][j] = (int32_t)(rng() % 2001u) - 1000;
            mat_b[i][j] = (int32_t)(rng() % 2001u) - 1000;
        }
    }
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            int32_t s = 0;
            for (int k = 0; k < MAT_N; k++) s += mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = s;
        }
    }
    uint32_t h = 0;
    for (int i = 0; i < MAT_N; i++) h = mix(h, (uint32_t)mat_c[i][i] + (uint32_t)mat_c[i][MAT_N - 1 - i]);
    return h;
}

/* ---- CRC-32 (IEEE, reflected, 0xEDB88320) ---- */

static uint32_t crc_table[256];
static uint8_t crc_buf[CRC_BYTES];

static void crc_init_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int b = 0; b < 8; b++) c = (c & 1u) ? (c >> 1) ^ 0xedb88320u : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32_table(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xffu] ^ (c >> 8);
    return ~c;
}

static uint32_t crc32_bitwise(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int b = 0; b < 8; b++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static uint32_t run_crc(int *agree)
{
    for (int i = 0; i < CRC_BYTES; i += 4) {
        uint32_t r = rng();
        crc_buf[i] = (uint8_t)r;
        crc_buf[i + 1] = (uint8_t)(r >> 8);
        crc_buf[i + 2] = (uint8_t)(r >> 16);
        crc_buf[i + 3] = (uint8_t)(r >> 24);
    }
    uint32_t t = crc32_table(crc_buf, CRC_BYTES);
    uint32_t b = crc32_bitwise(crc_buf, CRC_BYTES);
    if (t != b) *agree = 0;
    return t;
}

/* ---- tokenizer state machine ---- */

static char text[TEXT_BYTES + 1];

static void text_generate(void)
{
    static const char ops[] = "+-*/=<>();,";
    int i = 0;
    while (i < TEXT_BYTES) {
        uint32_t r = rng();
        int len = 1 + (int)((r >> 8) % 8u);
        switch (r % 5u) {
        case 0:
        case 1: /* identifier: a letter, then letters, digits, '_' */
            for (int k = 0; k < len && i < TEXT_BYTES; k++) {
                uint32_t c = (r >> (k * 3)) % 37u;
                text[i++] = k == 0 ? (char)('a' + c % 26u) : c < 26u ? (char)('a' + c) : c < 36u ? (char)('0' + c - 26u) : '_';
            }
            break;
        case 2: /* number */
            for (int k = 0; k < len && i < TEXT_BYTES; k++) text[i++] = (char)('0' + (r >> (k * 3)) % 10u);
            break;
        case 3: /* operator */
            text[i++] = ops[(r >> 4) % (sizeof ops - 1)];
            break;
        default: /* white space */
            text[i++] = (r & 0x100u) ? '\n' : ' ';
            break;
        }
    }
    text[TEXT_BYTES] = '\0';
}

enum tok_state { ST_SPACE, ST_IDENT, ST_NUMBER };

struct tok_counts {
    uint32_t idents, numbers, ops, lines, number_sum, ident_hash;
};

static void tokenize(const char *s, struct tok_counts *tc)
{
    enum tok_state st = ST_SPACE;
    uint32_t value = 0, hash = 0;
    for (;; s++) {
        char c = *s;
        int is_alpha = (c >= 'a' && c <= 'z') || c == '_';
        int is_digit = c >= '0' && c <= '9';
        switch (st) {
        case ST_IDENT:
            if (is_alpha || is_digit) {
                hash = hash * 31u + (uint8_t)c;
                continue;
            }
            tc->idents++;
            tc->ident_hash = mix(tc->ident_hash, hash);
            break;
        case ST_NUMBER:
            if (is_digit) {
                value = value * 10u + (uint32_t)(c - '0');
                continue;
            }
            if (is_alpha) { /* "12ab" is a number followed by an identifier */
                tc->numbers++;
                tc->number_sum += value;
                st = ST_IDENT;
                hash = (uint8_t)c;
                continue;
            }
            tc->numbers++;
            tc->number_sum += value;
            break;
        case ST_SPACE:
            break;
        }
        /* Here the previous token is closed and c starts something new. */
        if (c == '\0') return;
        if (is_alpha) {
            st = ST_IDENT;
            hash = (uint8_t)c;
        } else if (is_digit) {
            st = ST_NUMBER;
            value = (uint32_t)(c - '0');
        } else {
            st = ST_SPACE;
            if (c == '\n') tc->lines++;
            else if (c != ' ') tc->ops++;
        }
    }
}

static uint32_t run_tokenizer(struct tok_counts *total)
{
    struct tok_counts tc = {0, 0, 0, 0, 0, 0};
    text_generate();
    tokenize(text, &tc);
    total->idents += tc.idents;
    total->numbers += tc.numbers;
    total->ops += tc.ops;
    total->lines += tc.lines;
    uint32_t h = mix(tc.idents, tc.numbers);
    h = mix(h, tc.ops);
    h = mix(h, tc.lines);
    h = mix(h, tc.number_sum);
    return mix(h, tc.ident_hash);
}

#ifdef COMPUTE_REPORT_INSTRET
static uint32_t read_instret(void)
{
    uint32_t v;
    __asm__ volatile("csrr %0, minstret" : "=r"(v));
    return v;
}
#endif

int main(void)
{
#ifdef COMPUTE_REPORT_INSTRET
    uint32_t instret0 = read_instret();
#endif
    int sorted_ok = 1, crc_agree = 1;
    uint32_t h_list = 0, h_mat = 0, h_crc = 0, h_tok = 0;
    struct tok_counts totals = {0, 0, 0, 0, 0, 0};

    rng_state = 0x2545f491u;
    crc_init_table();
    rt_printf("compute: %d rounds of lists(%d) matmul(%dx%d) crc32(%d B) tokenizer(%d B)\n", ROUNDS, LIST_NODES,
              MAT_N, MAT_N, CRC_BYTES, TEXT_BYTES);
    for (int r = 0; r < ROUNDS; r++) {
        h_list = mix(h_list, run_lists(&sorted_ok));
        h_mat = mix(h_mat, run_matmul());
        h_crc = mix(h_crc, run_crc(&crc_agree));
        h_tok = mix(h_tok, run_tokenizer(&totals));
    }
    uint32_t checksum = mix(mix(mix(h_list, h_mat), h_crc), h_tok);
    rt_printf("lists:     %08x sorted=%s\n", h_list, sorted_ok ? "yes" : "NO");
    rt_printf("matmul:    %08x\n", h_mat);
    rt_printf("crc32:     %08x table==bitwise=%s\n", h_crc, crc_agree ? "yes" : "NO");
    rt_printf("tokenizer: %08x idents=%u numbers=%u ops=%u lines=%u\n", h_tok, totals.idents, totals.numbers,
              totals.ops, totals.lines);
    rt_printf("checksum:  %08x\n", checksum);
#ifdef COMPUTE_REPORT_INSTRET
    rt_printf("minstret:  %u\n", read_instret() - instret0);
#endif
    return sorted_ok && crc_agree ? 0 : 1;
}
